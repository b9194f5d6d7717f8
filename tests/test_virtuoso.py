"""The endpoint mode against a real Virtuoso 7.2 on loopback: default set-up (user dba), HTTP Digest.

Virtuoso is started by the tests on a fresh database with free ports (tests/virtuoso_server.py).
The same harvests run on the embedded store (pyoxigraph) and on Virtuoso must leave the same
graphs (up to the documented differences: Skolem IRIs, durations as strings) and give the same
indicators, number for number.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from convention_validator.harvest.records import CDATA
from convention_validator.indicators.running import run_indicators
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.store import RECORDS_GRAPH, SKOLEM_PREFIX, QuadStore, StoreError, open_store
from convention_validator.store.endpoint import AUTH_VARIABLE, SCRATCH_PREFIX, EndpointStore, durations_as_strings
from convention_validator.store.graph_index import add_missing_indexes, indexed
from convention_validator.validator import Validator
from support import EXAMPLES
from test_harvest import (  # noqa: F401  (server and site are fixtures used here)
    CountingStore,
    Site,
    canonical,
    lifecycle,
    server,
    site,
)
from virtuoso_server import PASSWORD, USER, Virtuoso, running_virtuoso

CLI = Path(sys.executable).parent / "convention-validator"
GRAPH = "https://example.org/convention/1"
XSD = "http://www.w3.org/2001/XMLSchema#"
OLD = b'<https://example.org/convention/1> <http://purl.org/dc/terms/title> "ancien titre" .\n'
NEW = (
    b'<https://example.org/convention/1> <http://purl.org/dc/terms/title> "nouveau titre"@fr .\n'
    b"<https://example.org/convention/1> <http://purl.org/dc/terms/publisher> _:b0 .\n"
    b'_:b0 <http://xmlns.com/foaf/0.1/name> "Ville d\'Auch \\"centre\\" { } ; ." .\n'
    b'_:b0 <https://w3id.org/clauses-data/retention> "P1Y6M"^^<http://www.w3.org/2001/XMLSchema#duration> .\n'
)
RECORD = "INSERT DATA { GRAPH <urn:test:records> { <urn:test:r> <urn:test:status> <urn:test:current> } }"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as running:
        yield running


@pytest.fixture(scope="module")
def system_graphs(virtuoso: Virtuoso) -> set[str]:
    """The graphs a new Virtuoso database holds by itself (never dropped by the tests)."""
    store = EndpointStore(virtuoso.url, layout="virtuoso")
    graphs = store.graphs()
    store.close()
    return graphs


def open_virtuoso(virtuoso: Virtuoso, system_graphs: set[str], **options: Any) -> EndpointStore:
    """The store behind Virtuoso with the default credentials, emptied of every graph the tests wrote."""
    store = EndpointStore(virtuoso.url, layout="virtuoso", auth=(USER, PASSWORD), **options)
    for graph in store.graphs() - system_graphs:
        store.update(f"DROP SILENT GRAPH <{graph}>")
    return store


def ours(graphs: dict[str, Any], system_graphs: set[str]) -> dict[str, Any]:
    return {name: graph for name, graph in graphs.items() if name not in system_graphs}


# -- authentication: the default set-up, HTTP Digest ------------------------------------------------


def test_digest_is_answered_with_the_default_administrator(virtuoso: Virtuoso, system_graphs: set[str]) -> None:
    store = open_virtuoso(virtuoso, system_graphs)
    store.update(RECORD)
    assert store.select("ASK { GRAPH <urn:test:records> { <urn:test:r> ?p ?o } }")["boolean"] is True
    store.close()
    digest = open_virtuoso(virtuoso, system_graphs, auth_scheme="digest")
    digest.update(RECORD)
    digest.close()


@pytest.mark.parametrize(
    ("credentials", "scheme"),
    [(None, "auto"), ((USER, "wrong"), "auto"), ((USER, PASSWORD), "basic"), ((USER, "wrong"), "digest")],
)
def test_updates_are_refused_without_the_right_digest(
    virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch, credentials: tuple[str, str] | None, scheme: str
) -> None:
    monkeypatch.delenv(AUTH_VARIABLE, raising=False)
    store = EndpointStore(virtuoso.url, layout="virtuoso", auth=credentials, auth_scheme=scheme)
    with pytest.raises(StoreError, match="401"):
        store.update(RECORD)
    store.close()


# -- the store layer ------------------------------------------------------------------------------


@pytest.mark.parametrize("replace", ["update", "gsp"])
def test_replace_graph_skolemises_and_keeps_durations_as_text(
    virtuoso: Virtuoso, system_graphs: set[str], replace: str
) -> None:
    store = open_virtuoso(virtuoso, system_graphs, replace=replace)
    store.replace_graph(GRAPH, OLD)
    store.replace_graph(GRAPH, NEW, update=RECORD)
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")["results"]["bindings"]
    values = {row["p"]["value"].rsplit("/", 1)[-1]: row["o"] for row in rows}
    assert len(rows) == 4 and values["title"]["value"] == "nouveau titre"
    publisher = values["publisher"]
    assert publisher["type"] == "uri" and publisher["value"].startswith(SKOLEM_PREFIX)
    assert values["name"]["value"] == 'Ville d\'Auch "centre" { } ; .'
    assert values["retention"]["value"] == "P1Y6M" and values["retention"].get("datatype") in (None, XSD + "string")
    assert store.select("ASK { GRAPH <urn:test:records> { <urn:test:r> ?p ?o } }")["boolean"] is True
    assert not any(graph.startswith(SCRATCH_PREFIX) for graph in store.graphs())
    store.replace_graph(GRAPH, NEW)  # the same triples again: the same Skolem IRI
    again = store.select(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s <http://purl.org/dc/terms/publisher> ?o }} }}")
    assert again["results"]["bindings"][0]["o"]["value"] == publisher["value"]
    store.close()


def test_a_graph_larger_than_the_parser_limit_goes_in_one_request(virtuoso: Virtuoso, system_graphs: set[str]) -> None:
    """Virtuoso's SPARQL parser gives up near 5,000 triples in one INSERT DATA block: the store splits it."""
    store = open_virtuoso(virtuoso, system_graphs)
    big = "".join(f'<{GRAPH}> <urn:test:item> "élément {n}" .\n' for n in range(12_000)).encode()
    store.replace_graph(GRAPH, big, update=RECORD)
    count = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert count["results"]["bindings"][0]["n"]["value"] == "12000"
    store.close()


def test_a_crash_during_a_replacement_leaves_the_old_graph_and_record(tmp_path: Path) -> None:
    """SIGKILL while Virtuoso applies one graph-and-record request: after restart, the old state whole."""
    with running_virtuoso(tmp_path / "crash") as virtuoso:
        store = EndpointStore(virtuoso.url, layout="virtuoso", auth=(USER, PASSWORD), timeout=120)
        old = "".join(f'<{GRAPH}> <urn:test:item> "ancien {n}" .\n' for n in range(100)).encode()
        store.replace_graph(GRAPH, old, update=RECORD)
        # 120,000 triples, 5 MB: under Virtuoso's 10 MB limit on one update request, about 12 s of work here
        new = "".join(f'<urn:test:s{n}> <urn:test:item> "nouveau {n}" .\n' for n in range(120_000)).encode()
        record = RECORD.replace("urn:test:current", "urn:test:replaced")
        failure: list[BaseException] = []

        def replace() -> None:
            try:
                store.replace_graph(GRAPH, new, update=record)
            except StoreError as error:
                failure.append(error)

        writer = threading.Thread(target=replace)
        writer.start()
        writer.join(timeout=3)  # kill Virtuoso in the middle of the request
        assert writer.is_alive(), "the replacement finished before the crash: make it bigger"
        virtuoso.kill()
        writer.join(timeout=60)
        assert failure and "SR" not in str(failure[0]), failure  # cut off, not refused by Virtuoso
        store.close()
        virtuoso.start()  # the same database, recovered from its transaction log
        reader = EndpointStore(virtuoso.url, layout="virtuoso")
        rows = reader.select(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")["results"]["bindings"]
        assert sorted(row["o"]["value"] for row in rows) == sorted(f"ancien {n}" for n in range(100))
        status = reader.select("SELECT ?o WHERE { GRAPH <urn:test:records> { ?s ?p ?o } }")["results"]["bindings"]
        assert [row["o"]["value"] for row in status] == ["urn:test:current"]
        reader.close()


# -- harvests: fresh, unchanged, changed, invalid, withdrawn ------------------------------------------


@pytest.mark.parametrize("replace", ["update", "gsp"])
def test_lifecycle_of_sources_on_virtuoso(
    site: Site,  # noqa: F811  (the fixture imported from test_harvest)
    virtuoso: Virtuoso,
    system_graphs: set[str],
    replace: str,
) -> None:
    store = CountingStore(open_virtuoso(virtuoso, system_graphs, replace=replace))
    lifecycle(site, store, stored=durations_as_strings)
    store.close()


def test_virtuoso_ends_in_the_same_state_as_the_embedded_store(
    site: Site,  # noqa: F811  (the fixture imported from test_harvest)
    tmp_path: Path,
    virtuoso: Virtuoso,
    system_graphs: set[str],
) -> None:
    embedded = CountingStore(open_store(path=str(tmp_path / "embedded")))
    lifecycle(site, embedded)
    first = canonical(embedded)
    embedded.close()
    for served in list(site.folder.iterdir()):
        served.unlink()
    remote = CountingStore(open_virtuoso(virtuoso, system_graphs))
    lifecycle(site, remote, stored=durations_as_strings)
    second = ours(canonical(remote), system_graphs)
    remote.close()
    assert first.keys() == second.keys()
    for graph_name, graph in first.items():  # the embedded copy, with the durations Virtuoso keeps as text
        text = graph.serialize(format="nt").encode()
        first[graph_name] = to_isomorphic(Graph().parse(data=durations_as_strings(text), format="nt"))
    assert [name for name in first if first[name] != second[name]] == []


def test_graphs_written_before_the_index_get_the_same_index_on_virtuoso(
    tmp_path: Path, virtuoso: Virtuoso, system_graphs: set[str]
) -> None:
    """The store-wide update of clauses-data.graph-index.ru runs on Virtuoso and writes what the harvester writes."""
    graph = Validator().validate_file(EXAMPLES / "valid" / "cayenne.jsonld").graph
    assert graph is not None
    plain = convention_ntriples(graph)
    topic = f"<urn:test:r> <http://xmlns.com/foaf/0.1/primaryTopic> <{graph.root}>"
    record = f"INSERT DATA {{ GRAPH <{RECORDS_GRAPH}> {{ {topic} }} }}"
    remote = open_virtuoso(virtuoso, system_graphs)
    remote.replace_graph(graph.root, plain, update=record)
    remote.replace_graph("https://example.org/other", OLD)  # a graph no record names: never touched
    assert add_missing_indexes(remote) and not add_missing_indexes(remote)
    migrated = ours(canonical(remote), system_graphs)
    remote.close()
    embedded = open_store(path=str(tmp_path / "embedded"))
    embedded.replace_graph(graph.root, indexed(graph.root, plain), update=record)
    embedded.replace_graph("https://example.org/other", OLD)
    expected = canonical(embedded)
    embedded.close()
    for name, content in expected.items():  # durations: Virtuoso keeps them as text
        text = content.serialize(format="nt").encode()
        expected[name] = to_isomorphic(Graph().parse(data=durations_as_strings(text), format="nt"))
    assert migrated == expected


# -- the command line and the indicators --------------------------------------------------------------


def run_cli(*args: str, auth: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", AUTH_VARIABLE)}
    if auth:
        env[AUTH_VARIABLE] = auth
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, check=False, env=env, timeout=300)


def sources(folder: Path) -> Path:
    """The valid examples, one invalid example and a convention that will be withdrawn."""
    folder.mkdir()
    for path in sorted((EXAMPLES / "valid").glob("*.jsonld")):
        shutil.copyfile(path, folder / path.name)
    shutil.copyfile(EXAMPLES / "invalid" / "rules-personal-data-without-legal-basis.jsonld", folder / "invalide.jsonld")
    nantes = json.loads((folder / "nantes-metropole.jsonld").read_text(encoding="utf-8"))
    text = json.dumps(nantes, ensure_ascii=False).replace(nantes["id"], nantes["id"] + "-retiree")
    (folder / "retiree.jsonld").write_text(text, encoding="utf-8")
    return folder


def indicator_rows(store: QuadStore) -> dict[str, Any]:
    return {name: list(result.rows) for name, result in run_indicators(store).items()}


def test_harvest_and_indicators_on_virtuoso_match_the_embedded_store(
    tmp_path: Path, virtuoso: Virtuoso, system_graphs: set[str]
) -> None:
    open_virtuoso(virtuoso, system_graphs).close()
    folder = sources(tmp_path / "sources")
    embedded = str(tmp_path / "embedded")
    remote = ["--endpoint", virtuoso.url, "--endpoint-layout", "virtuoso"]
    credentials = f"{USER}:{PASSWORD}"
    for _ in range(2):  # fresh, then unchanged
        local = run_cli("harvest", "--store", embedded, "--no-progress", str(folder))
        far = run_cli("harvest", *remote, "--no-progress", str(folder), auth=credentials)
        assert (local.returncode, far.returncode) == (1, 1), local.stderr + far.stderr  # one invalid source
        assert far.stdout.split(" — ")[0] == local.stdout.split(" — ")[0]
    assert "4 à jour (0 chargée, 4 inchangées), 1 non valide" in far.stdout
    (folder / "retiree.jsonld").unlink()  # withdrawn: gone from the folder
    local = run_cli("harvest", "--store", embedded, "--no-progress", str(folder))
    far = run_cli("harvest", *remote, "--no-progress", str(folder), auth=credentials)
    assert "1 retirée" in far.stdout and far.stdout.split(" — ")[0] == local.stdout.split(" — ")[0]

    unauthenticated = run_cli("harvest", *remote, "--no-progress", str(folder))
    assert unauthenticated.returncode == 2 and "401" in unauthenticated.stderr

    store = open_store(path=embedded)
    expected = indicator_rows(store)
    store.close()
    store = EndpointStore(virtuoso.url, layout="virtuoso")
    got = indicator_rows(store)
    store.close()
    assert got == expected
    shares = [row["share"] for row in expected["jeux-par-niveau-acces"]]
    assert all(0 < share < 1 for share in shares) and sum(shares) == pytest.approx(1.0, abs=1e-8)
    assert expected["synthese"][0]["conventions"] == 3  # the withdrawn copy is left out

    written = {}
    for name, store_options in (("local", ["--store", embedded]), ("far", remote)):
        result = run_cli("indicators", *store_options, "-o", str(tmp_path / name), "--format", "json,csv")
        assert result.returncode == 0, result.stderr
        written[name] = json.loads((tmp_path / name / "indicateurs.json").read_text(encoding="utf-8"))
    for name, indicator in written["local"]["indicators"].items():
        assert written["far"]["indicators"][name]["rows"] == indicator["rows"], name
    assert written["far"]["couverture-qpv"] == written["local"]["couverture-qpv"]
    for csv_file in sorted((tmp_path / "local").glob("*.csv")):
        assert (tmp_path / "far" / csv_file.name).read_bytes() == csv_file.read_bytes(), csv_file.name
    store = EndpointStore(virtuoso.url, layout="virtuoso")
    entries = f"GRAPH <{RECORDS_GRAPH}> {{ ?record <{CDATA}findingCount> ?entry }}"
    assert store.select(f"ASK {{ {entries} }}")["boolean"] is True
    assert store.select(f"ASK {{ {entries} FILTER(isBlank(?entry)) }}")["boolean"] is False  # Skolem IRIs
    assert store.select("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }")["boolean"] is False
    store.close()
