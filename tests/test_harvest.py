"""Harvest: real HTTP on 127.0.0.1, the embedded store and a real Oxigraph server, compared."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import IsomorphicGraph, to_isomorphic

from convention_validator.cli import main
from convention_validator.files import write_atomically
from convention_validator.harvest import HarvestOptions, HarvestReport, harvest
from convention_validator.harvest.records import CDATA, record_iri
from convention_validator.harvest.report import to_html, to_json
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.store import RECORDS_GRAPH, SKOLEM_PREFIX, QuadStore, SparqlJson, open_store
from convention_validator.store.graph_index import indexed
from convention_validator.validator import Validator
from harvest_server import FolderServer, run_oxigraph
from support import EXAMPLES, chromium_command

ROOT = Path(__file__).resolve().parent.parent
BASE = json.loads((EXAMPLES / "valid" / "grand-auch.jsonld").read_text(encoding="utf-8"))
INVALID = json.loads(
    (EXAMPLES / "invalid" / "rules-personal-data-without-legal-basis.jsonld").read_text(encoding="utf-8")
)
FOAF_TOPIC = URIRef("http://xmlns.com/foaf/0.1/primaryTopic")
TIMESTAMPS = {f"{CDATA}lastChecked", f"{CDATA}lastHarvest", "http://www.w3.org/ns/prov#generatedAtTime"}
VALIDATOR = Validator()


def convention(number: int, title: str = "", source: dict[str, Any] | None = None) -> bytes:
    """A valid convention (grand-auch) with its own IRI, or an invalid one when `source` is an invalid example."""
    data = json.loads(json.dumps(source or BASE))
    data["id"] = f"{BASE['id']}/copie-{number}"
    if title:
        data["title"] = title
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def iri(number: int) -> str:
    return f"{BASE['id']}/copie-{number}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FolderServer]:
    running = FolderServer(tmp_path_factory.mktemp("served")).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_oxigraph(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture
def site(server: FolderServer, request: pytest.FixtureRequest) -> Iterator[Site]:
    folder = server.root / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir()
    yield Site(server, folder)
    server.behaviours.clear()
    server.delay = 0.0


class Site:
    """One test's corner of the HTTP server: documents, a list file, their URLs."""

    def __init__(self, server: FolderServer, folder: Path) -> None:
        self.server, self.folder = server, folder

    def path(self, name: str) -> str:
        return f"/{self.folder.name}/{name}"

    def url(self, name: str) -> str:
        return self.server.base + self.path(name)

    def put(self, name: str, body: bytes) -> str:
        target = self.folder / name
        target.write_bytes(body)
        stamp = 1_700_000_000 + zlib.crc32(body) % 10_000_000  # Last-Modified follows the content, repeatably
        os.utime(target, (stamp, stamp))
        return self.url(name)

    def listing(self, names: list[str], file: str = "list.txt") -> str:
        target = self.folder / file
        target.write_text("".join(self.url(name) + "\n" for name in names), encoding="utf-8")
        return str(target)


class CountingStore:
    """A store that counts graph replacements (to prove an unchanged document is not rewritten)."""

    def __init__(self, inner: QuadStore) -> None:
        self.inner, self.loads = inner, 0

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        self.loads += 1
        self.inner.replace_graph(graph, ntriples, update)

    def update(self, sparql: str) -> None:
        self.inner.update(sparql)

    def select(self, query: str) -> SparqlJson:
        return self.inner.select(query)

    def graphs(self) -> set[str]:
        return self.inner.graphs()

    def close(self) -> None:
        self.inner.close()


def new_store(kind: str, tmp_path: Path, oxigraph: str) -> CountingStore:
    if kind == "embedded":
        return CountingStore(open_store(path=str(tmp_path / f"store-{time.monotonic_ns()}")))
    store = open_store(endpoint=oxigraph)
    store.update("DROP SILENT ALL")
    return CountingStore(store)


def run(sources: list[str], store: QuadStore, **options: Any) -> HarvestReport:
    return harvest(sources, store, HarvestOptions(allow_private=True, **options), validator=VALIDATOR)


def by_source(report: HarvestReport) -> dict[str, tuple[str, str]]:
    return {result.source: (result.status, result.action) for result in report.sources}


def record(store: QuadStore, source: str) -> dict[str, list[str]]:
    rows = store.select(f"SELECT ?p ?o WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ <{record_iri(source)}> ?p ?o }} }}")
    found: dict[str, list[str]] = {}
    for row in rows["results"]["bindings"]:
        found.setdefault(row["p"]["value"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], []).append(row["o"]["value"])
    return found


def finding_codes(store: QuadStore, source: str) -> set[str]:
    rows = store.select(
        f"SELECT ?code WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ <{record_iri(source)}> <{CDATA}findingCount> ?e . "
        f"?e <{CDATA}findingCode> ?code }} }}"
    )
    return {row["code"]["value"] for row in rows["results"]["bindings"]}


def title_of(store: QuadStore, number: int) -> str:
    rows = store.select(
        f"SELECT ?t WHERE {{ GRAPH <{iri(number)}> {{ <{iri(number)}> <http://purl.org/dc/terms/title> ?t }} }}"
    )
    return str(rows["results"]["bindings"][0]["t"]["value"])


def _term(cell: dict[str, str]) -> URIRef | BNode | Literal:
    """A SPARQL JSON term; a Skolem IRI (blank node skolemised by the store layer) back to a blank node."""
    if cell["type"] == "uri" and cell["value"].startswith(SKOLEM_PREFIX):
        return BNode(cell["value"][len(SKOLEM_PREFIX) :])
    if cell["type"] == "uri":
        return URIRef(cell["value"])
    if cell["type"] == "bnode":
        return BNode(cell["value"])
    return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))


def unskolemised(ntriples: bytes) -> bytes:
    """Skolem IRIs back to blank nodes, as `canonical` reads them."""
    return re.sub(rb"<" + re.escape(SKOLEM_PREFIX.encode()) + rb"([0-9a-f]+)>", rb"_:\1", ntriples)


def canonical(store: QuadStore) -> dict[str, IsomorphicGraph]:
    """Every named graph up to blank node labels, harvest timestamps left out."""
    rows = store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"]
    graphs: dict[str, Graph] = {}
    for row in rows:
        if row["p"]["value"] in TIMESTAMPS:
            continue
        triple = (_term(row["s"]), _term(row["p"]), _term(row["o"]))
        graphs.setdefault(row["g"]["value"], Graph()).add(triple)
    return {name: to_isomorphic(graph) for name, graph in graphs.items()}


# -- the life of a set of sources, on both stores ------------------------------------------------------


def lifecycle(site: Site, store: CountingStore, stored: Callable[[bytes], bytes] = bytes) -> None:
    """fresh -> unchanged -> changed -> broken -> invalid -> withdrawn, asserting each step.

    `stored` turns published N-Triples into what the store is expected to hold (Virtuoso: durations as strings).
    """
    names = [f"c{n}.jsonld" for n in range(4)]
    urls = [site.put(name, convention(n)) for n, name in enumerate(names)]
    listing = site.listing(names)

    report = run([listing], store)  # fresh
    assert by_source(report) == {url: ("current", "loaded") for url in urls}
    assert not report.failed and store.loads == 4
    assert {iri(n) for n in range(4)} <= store.graphs()
    loaded = canonical(store)[iri(0)]
    published = convention_ntriples(VALIDATOR.validate_text(convention(0), "x").graph)
    expected = Graph().parse(data=stored(unskolemised(indexed(iri(0), published))), format="nt")  # with its index
    assert loaded == to_isomorphic(expected)
    first = record(store, urls[0])
    assert first["harvestStatus"] == [f"{CDATA}HarvestCurrent"] and first["primaryTopic"] == [iri(0)]
    assert first["contentHash"][0].startswith("sha256:") and first["etag"] and first["lastModified"]
    assert first["listedIn"] == [Path(listing).resolve().as_uri()]
    assert first["validatorVersion"] and first["standardVersion"] and first["generatedAtTime"]

    answered = sum(site.server.full_answers[site.path(name)] for name in names)
    report = run([listing], store)  # unchanged: conditional requests, nothing rewritten
    assert by_source(report) == {url: ("current", "unchanged") for url in urls}
    assert store.loads == 4
    assert sum(site.server.full_answers[site.path(name)] for name in names) == answered
    assert record(store, urls[0])["generatedAtTime"] == first["generatedAtTime"]

    site.put(names[1], convention(1, title="Convention révisée"))  # changed
    report = run([listing], store)
    assert by_source(report)[urls[1]] == ("current", "loaded") and store.loads == 5
    assert title_of(store, 1) == "Convention révisée"

    first_of_2 = record(store, urls[2])
    site.put(names[2], b'{"id": "broken", ')  # broken JSON: the last valid version stays
    site.put(names[3], convention(3, source=INVALID))  # invalid: idem
    report = run([listing], store)
    assert by_source(report)[urls[2]] == ("invalid", "kept") and by_source(report)[urls[3]] == ("invalid", "kept")
    assert report.failed and store.loads == 5
    assert title_of(store, 2) == BASE["title"] and title_of(store, 3) == BASE["title"]
    broken = record(store, urls[2])
    assert broken["harvestStatus"] == [f"{CDATA}HarvestInvalid"] and "non valide" in broken["statusReason"][0]
    assert broken["primaryTopic"] == [iri(2)]  # the last valid version, its hash and validators stay
    assert broken["contentHash"] == first_of_2["contentHash"] and broken["etag"] == first_of_2["etag"]
    assert "CV303" in finding_codes(store, urls[3])
    assert finding_codes(store, urls[2]) and all(code.startswith("CV0") for code in finding_codes(store, urls[2]))

    site.listing(names[:1] + names[2:])  # withdrawn: gone from the list file, graph kept
    report = run([listing], store)
    assert by_source(report)[urls[1]] == ("withdrawn", "withdrawn")
    assert record(store, urls[1])["harvestStatus"] == [f"{CDATA}HarvestWithdrawn"]
    assert "absent de la liste" in record(store, urls[1])["statusReason"][0]
    assert iri(1) in store.graphs() and title_of(store, 1) == "Convention révisée"


def test_a_re_harvest_keeps_its_connections_alive(site: Site, tmp_path: Path, oxigraph: str) -> None:
    """Each 304 answer is read to its end, so its connection serves the next source."""
    names = [f"c{n}.jsonld" for n in range(12)]
    for n, name in enumerate(names):
        site.put(name, convention(n))
    listing = site.listing(names)
    store = new_store("embedded", tmp_path, oxigraph)
    assert {outcome for outcome in by_source(run([listing], store, concurrency=2, jobs=1)).values()} == {
        ("current", "loaded")
    }
    before = site.server.connections
    report = run([listing], store, concurrency=2, jobs=1)
    assert {outcome for outcome in by_source(report).values()} == {("current", "unchanged")}
    assert site.server.connections - before <= 4  # at most 2 per fetching thread, not one per source


@pytest.mark.parametrize("kind", ["embedded", "endpoint"])
def test_lifecycle_of_sources(site: Site, tmp_path: Path, oxigraph: str, kind: str) -> None:
    store = new_store(kind, tmp_path, oxigraph)
    lifecycle(site, store)
    store.close()


def test_both_stores_end_in_the_same_state(site: Site, tmp_path: Path, oxigraph: str) -> None:
    embedded = new_store("embedded", tmp_path, oxigraph)
    lifecycle(site, embedded)
    first = canonical(embedded)
    embedded.close()
    for name in list(site.folder.iterdir()):
        name.unlink()
    endpoint = new_store("endpoint", tmp_path, oxigraph)
    lifecycle(site, endpoint)
    second = canonical(endpoint)
    endpoint.close()
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


# -- network failures and the guard -------------------------------------------------------------------


def test_unreachable_keeps_the_last_valid_version(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    url = site.put("c0.jsonld", convention(0))
    run([url], store)
    site.server.behaviours[site.path("c0.jsonld")] = "status:503"
    report = run([url], store)
    assert by_source(report)[url] == ("unreachable", "kept") and report.failed
    assert "HTTP 503" in record(store, url)["statusReason"][0] and iri(0) in store.graphs()
    site.server.behaviours[site.path("c0.jsonld")] = "slow:3"
    started = time.monotonic()
    report = run([url], store, timeout=0.5)
    assert by_source(report)[url] == ("unreachable", "kept") and "délai dépassé" in report.sources[0].reason
    assert time.monotonic() - started < 2.5
    site.server.behaviours[site.path("c0.jsonld")] = "status:404"
    assert by_source(run([url], store))[url] == ("withdrawn", "withdrawn")
    site.server.behaviours.clear()
    assert by_source(run([url], store))[url] == ("current", "loaded")  # back in service
    store.close()


def test_private_addresses_are_refused_without_the_flag(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    url = site.put("c0.jsonld", convention(0))
    options = HarvestOptions(allow_private=False, timeout=5)
    started = time.monotonic()
    report = harvest([url, "http://10.0.0.1/convention.jsonld", "http://[::ffff:169.254.169.254]/"], store, options)
    assert time.monotonic() - started < 2  # refused before any connection: no 5 s connect timeout
    assert [result.status for result in report.sources] == ["unreachable"] * 3
    assert all("refusée" in result.reason and "--allow-private" in result.reason for result in report.sources)
    assert site.server.requests[site.path("c0.jsonld")] == 0
    assert iri(0) not in store.graphs()
    store.close()


def test_every_redirect_hop_is_checked(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    moved, to_file = site.url("moved.jsonld"), site.url("to-file.jsonld")
    site.server.behaviours[site.path("moved.jsonld")] = "redirect:http://0.0.0.0:9/x"  # never allowed
    site.server.behaviours[site.path("to-file.jsonld")] = "redirect:file:///etc/passwd"
    report = run([moved, to_file], store)
    assert "0.0.0.0" in report.sources[0].reason and "schéma" in report.sources[1].reason
    site.server.behaviours[site.path("loop.jsonld")] = "loop"
    report = run([site.url("loop.jsonld")], store, max_redirects=3)
    assert "trop de redirections" in report.sources[0].reason
    assert sum(n for path, n in site.server.requests.items() if path.startswith("/loop/")) == 3
    target = site.put("c0.jsonld", convention(0))
    site.server.behaviours[site.path("old.jsonld")] = f"redirect:{site.path('c0.jsonld')}"
    report = run([site.url("old.jsonld")], store)
    assert report.sources[0].status == "current" and target != report.sources[0].source
    store.close()


def test_the_size_cap_aborts_early(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    site.server.behaviours[site.path("big.jsonld")] = "big"
    site.server.behaviours[site.path("announced.jsonld")] = "big-announced"
    site.server.big_bytes_sent = 0
    report = run([site.url("big.jsonld"), site.url("announced.jsonld")], store, max_size=100_000)
    assert all("trop volumineux" in result.reason for result in report.sources)
    assert site.server.big_bytes_sent < 64 * 1024 * 1024  # the endless body was not read to its end
    store.close()


# -- sources: folders, catalogues ----------------------------------------------------------------------


def test_a_folder_is_a_listing(tmp_path: Path, oxigraph: str) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    for n in range(2):
        (folder / f"c{n}.jsonld").write_bytes(convention(n))
    store = new_store("embedded", tmp_path, oxigraph)
    report = run([str(folder)], store)
    assert [result.status for result in report.sources] == ["current", "current"]
    assert report.sources[0].source.startswith("file://")
    (folder / "c1.jsonld").unlink()
    report = run([str(folder)], store)
    assert by_source(report)[(folder / "c1.jsonld").as_uri()] == ("withdrawn", "withdrawn")
    assert by_source(report)[(folder / "c0.jsonld").as_uri()] == ("current", "unchanged")
    store.close()


def test_a_dcat_catalogue_lists_conventions(site: Site, tmp_path: Path, oxigraph: str) -> None:
    urls = [site.put(f"c{n}.jsonld", convention(n)) for n in range(2)]
    distributions = "".join(
        f"<#d{n}> a dcat:Distribution ; dcat:downloadURL <{url}> ; dcat:accessURL <https://example.org/page{n}> .\n"
        for n, url in enumerate(urls)
    )
    catalogue = (
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
        "<#c> a dcat:Catalog ; dcat:dataset <#s> .\n<#s> a dcat:Dataset ; dcat:distribution <#d0>, <#d1> .\n"
        + distributions
    )
    served = site.put("catalogue.ttl", catalogue.encode())
    store = new_store("embedded", tmp_path, oxigraph)
    report = run([served], store)
    assert by_source(report) == {url: ("current", "loaded") for url in urls}
    site.put("catalogue.ttl", catalogue.replace(", <#d1>", "").replace(distributions.splitlines()[1], "").encode())
    report = run([served], store)
    assert by_source(report)[urls[1]] == ("withdrawn", "withdrawn")
    assert record(store, urls[1])["listedIn"] == [served]
    store.close()


def test_two_sources_cannot_claim_the_same_convention(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    first, copy = site.put("c0.jsonld", convention(0)), site.put("copy.jsonld", convention(0, title="Usurpée"))
    report = run([first, copy], store)
    assert by_source(report)[copy][0] == "invalid" and "déjà publié" in report.sources[1].reason
    assert title_of(store, 0) == BASE["title"]
    store.close()


# -- the command: reports, exit codes, interruption ----------------------------------------------------


def test_command_writes_reports_and_exits_by_outcome(site: Site, tmp_path: Path) -> None:
    good = site.put("c0.jsonld", convention(0))
    bad = site.put("bad.jsonld", convention(1, source=INVALID))
    store, out_json, out_html = tmp_path / "store", tmp_path / "r.json", tmp_path / "r.html"
    arguments = ["harvest", "--store", str(store), "--allow-private", "--report-json", str(out_json)]
    result = CliRunner().invoke(main, [*arguments, "--report-html", str(out_html), good, bad])
    assert result.exit_code == 1, result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["totals"] == {"current": 1, "invalid": 1, "unreachable": 0, "withdrawn": 0}
    assert data["sources"][1]["counts"]["error"] >= 1 and data["sources"][1]["findings"][0]["code"].startswith("CV")
    page = out_html.read_text(encoding="utf-8")
    assert "Rapport de moissonnage" in page and "non valide" in page and "http" not in page.split("<body>")[0]
    result = CliRunner().invoke(main, ["harvest", "--store", str(store), "--allow-private", good])
    assert result.exit_code == 0 and "1 inchangée" in result.output
    result = CliRunner().invoke(main, ["harvest", "--store", str(store), "--endpoint", "http://127.0.0.1:1", good])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["harvest", "--endpoint", "http://127.0.0.1:1", good])
    assert result.exit_code == 2 and "magasin inutilisable" in result.output and "Traceback" not in result.output


def harvest_command(store_args: list[str], listing: str) -> list[str]:
    return [
        str(ROOT / ".venv" / "bin" / "convention-validator"),
        "harvest",
        *store_args,
        "--allow-private",
        "--concurrency",
        "2",
        "--jobs",
        "2",
        "--no-progress",
        listing,
    ]


def children(pid: int) -> list[int]:
    """The child processes of `pid` (Linux)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("kind", ["embedded", "endpoint"])
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_run_loses_nothing(
    site: Site, tmp_path: Path, oxigraph: str, kind: str, how: signal.Signals
) -> None:
    names = [f"c{n}.jsonld" for n in range(12)]
    for n, name in enumerate(names):
        site.put(name, convention(n))
    listing = site.listing(names)
    reference = new_store(kind, tmp_path, oxigraph)
    run([listing], reference)
    expected = canonical(reference)
    reference.close()

    def reopen() -> QuadStore:
        return open_store(path=str(tmp_path / "interrupted")) if kind == "embedded" else open_store(endpoint=oxigraph)

    store_args = ["--store", str(tmp_path / "interrupted")] if kind == "embedded" else ["--endpoint", oxigraph]
    if kind == "endpoint":
        open_store(endpoint=oxigraph).update("DROP SILENT ALL")
    site.server.delay = 0.2  # about 1.2 s for the whole list: the signal lands midway
    process = subprocess.Popen(harvest_command(store_args, listing), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while sum(site.server.full_answers[site.path(name)] for name in names) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)  # wait for 8 fetches of the second run (the reference run made 12): some are written
    workers = children(process.pid)
    assert workers, "the documents are checked in worker processes"
    process.send_signal(how)
    _, err = process.communicate(timeout=30)
    if how == signal.SIGINT:
        assert process.returncode == 130, err.decode()
        assert "magasin est cohérent" in err.decode() and b"Traceback" not in err
    site.server.delay = 0.0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)  # the workers never outlive the harvest

    store: QuadStore = (
        open_store(path=str(tmp_path / "interrupted")) if kind == "embedded" else open_store(endpoint=oxigraph)
    )
    partial = canonical(store)
    store.close()
    assert 0 < len(partial.keys() - {RECORDS_GRAPH}) < len(names)  # it was interrupted midway...
    for graph in partial.keys() - {RECORDS_GRAPH}:  # ...and every graph present is complete
        assert partial[graph] == expected[graph]
    loaded = {str(topic) for _, _, topic in partial[RECORDS_GRAPH].triples((None, FOAF_TOPIC, None))}
    assert loaded == partial.keys() - {RECORDS_GRAPH}  # each with its record, and no record without its graph

    rerun = subprocess.run(harvest_command(store_args, listing), capture_output=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr.decode()
    store = reopen()
    final = canonical(store)
    store.close()
    assert final.keys() == expected.keys()
    assert all(final[name] == expected[name] for name in expected)


# -- stage timings, wording of actions, the HTML report in a browser -----------------------------------


def test_stage_timings_are_measured(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    urls = [site.put(f"c{n}.jsonld", convention(n)) for n in range(3)]
    report = run(urls, store)
    assert by_source(report) == {url: ("current", "loaded") for url in urls}
    stages = {"fetch_wait", "validate", "convert", "store_write"}
    assert set(report.timings) == stages
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in report.timings.values())
    assert report.timings["validate"] > 0 and report.timings["convert"] > 0 and report.timings["store_write"] > 0
    checking = report.timings["validate"] + report.timings["convert"]
    assert checking <= len(os.sched_getaffinity(0)) * report.seconds + 0.01  # at most one checking process per core
    assert report.timings["fetch_wait"] <= report.seconds + 0.01  # the calling thread waits, never more than the run
    written = json.loads(to_json(report))["timings"]
    assert set(written) == stages and all(isinstance(seconds, float) for seconds in written.values())
    assert written["validate"] == round(report.timings["validate"], 6)

    again = run(urls, store)  # unchanged: nothing validated, converted or replaced
    assert by_source(again) == {url: ("current", "unchanged") for url in urls}
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in again.timings.values())
    assert again.timings["validate"] == 0 and again.timings["convert"] == 0
    assert again.timings["store_write"] > 0  # the lastChecked update
    store.close()


class ReportPage(HTMLParser):
    """The parts of a harvest report page the tests look at: table rows, section texts, tags, attributes, CSS."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.sections: dict[str, str] = {}
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.css = ""
        self._stack: list[str] = []
        self._section = ""
        self._cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "tr" and "tbody" in self._stack:
            self.rows.append([])
        elif tag == "td" and "tbody" in self._stack:
            self._cell = []
        elif tag == "section":
            self._section = dict(attrs).get("id") or ""
        if tag not in {"meta", "br", "img", "link", "input", "hr"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "section":
            self._section = ""
        if tag in self._stack:
            del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._section:
            self.sections[self._section] = self.sections.get(self._section, "") + data
        if self._stack and self._stack[-1] == "style":
            self.css += data


def rows_by_source(page: ReportPage) -> dict[str, tuple[str, str]]:
    """Source -> (status, action) as the table shows them."""
    return {row[1]: (row[2], row[3]) for row in page.rows}


def test_a_source_never_valid_does_not_claim_a_kept_version(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    good = site.put("c0.jsonld", convention(0))
    bad = site.put("bad.jsonld", convention(1, source=INVALID))
    down = site.url("down.jsonld")
    site.server.behaviours[site.path("down.jsonld")] = "status:503"
    report = run([good, bad, down], store)
    assert by_source(report) == {
        good: ("current", "loaded"),
        bad: ("invalid", "not_loaded"),
        down: ("unreachable", "not_loaded"),
    }
    rows = rows_by_source(ReportPage(to_html(report)))
    assert rows[bad] == ("non valide", "non chargée (aucune version valide antérieure)")
    assert rows[down] == ("injoignable", "non chargée (aucune version valide antérieure)")
    assert "version précédente conservée" not in to_html(report)
    assert "previous version kept" not in to_html(report, "en")
    english = rows_by_source(ReportPage(to_html(report, "en")))
    assert english[bad] == ("invalid", "not loaded (no earlier valid version)")

    site.put("c0.jsonld", convention(0, source=INVALID))  # had a valid version: that one is kept
    report = run([good, bad], store)
    assert by_source(report) == {good: ("invalid", "kept"), bad: ("invalid", "not_loaded")}
    rows = rows_by_source(ReportPage(to_html(report)))
    assert rows[good] == ("non valide", "version précédente conservée")
    assert rows[bad] == ("non valide", "non chargée (aucune version valide antérieure)")
    assert rows_by_source(ReportPage(to_html(report, "en")))[good] == ("invalid", "previous version kept")
    assert title_of(store, 0) == BASE["title"]
    store.close()


URL = re.compile(r"(?:https?:)?//[^\s\"'<>()]+", re.IGNORECASE)
LOADING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "picture", "base"}


def test_the_html_report_renders_in_chromium(site: Site, tmp_path: Path, oxigraph: str) -> None:
    store = new_store("embedded", tmp_path, oxigraph)
    good = site.put("c0.jsonld", convention(0))
    bad = site.put("bad.jsonld", convention(1, source=INVALID))
    report = run([good, bad], store)
    store.close()
    report.store = str(tmp_path / "store")
    written = tmp_path / "rapport.html"
    write_atomically(written, to_html(report))

    requests_before = sum(site.server.requests.values())
    result = subprocess.run(
        [*chromium_command(tmp_path / "profile"), "--dump-dom", written.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert sum(site.server.requests.values()) == requests_before  # the page asked nothing of the sources' server
    page = ReportPage(result.stdout)

    assert rows_by_source(page) == {
        good: ("à jour", "chargée"),
        bad: ("non valide", "non chargée (aucune version valide antérieure)"),
    }
    assert [row[1] for row in page.rows] == [bad, good]  # failures first
    codes = {finding["code"] for finding in report.sources[1].findings if finding["severity"] == "error"}
    assert "CV303" in codes
    assert all(code in page.sections["s1"] for code in codes) and bad in page.sections["s1"]
    assert "Temps par étape (s)" in result.stdout and "validation" in result.stdout

    assert not page.tags & LOADING_TAGS
    linked = [value for tag, name, value in page.attributes if URL.search(value)]
    assert all((tag, name) == ("a", "href") for tag, name, value in page.attributes if URL.search(value))
    assert set(linked) <= {good, bad, *(r.convention for r in report.sources)}  # links, never loaded
    assert {good, bad} <= set(linked)
    assert all(value.startswith("#s") or value in linked for tag, name, value in page.attributes if name == "href")
    assert page.css and "url(" not in page.css and "@import" not in page.css
    harvested = set(URL.findall(json.dumps(report.to_dict(), ensure_ascii=False)))
    shown = set(URL.findall(result.stdout))
    assert {good, bad} <= shown and shown <= harvested  # only the sources' own addresses (and data), as text
