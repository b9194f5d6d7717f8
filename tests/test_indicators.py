"""The indicators: the standard's SPARQL queries on a harvested store, checked against the example files.

The store is filled the way the harvester does it (HARVEST-RECORDS.md): one named graph per valid
convention (published N-Triples and the graph's index of the indicators) and one harvest record
per source document in the records graph, replaced in one atomic update. Invalid examples become
HarvestInvalid records with their finding counts; a withdrawn convention (a renamed copy of
Nantes) is loaded and must be left out. Every number is recomputed here from the JSON-LD / YAML
files with plain Python, never through RDF.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from convention_validator.indicators.html_report import findings_note, open_note, producers_note, rows_summary
from convention_validator.indicators.queries import indicator_queries, parse_query
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.reference_data import reference_data
from convention_validator.store import QuadStore
from convention_validator.store.embedded import EmbeddedStore
from convention_validator.store.graph_index import indexed
from convention_validator.validator import Validator
from harvest_server import run_oxigraph
from support import (
    INVALID,
    ROOT,
    STANDARD,
    VALID,
    chromium_command,
    load_document,
    load_expected,
    playwright_chromium,
)

CLI = Path(sys.executable).parent / "convention-validator"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
CDATA = "https://w3id.org/clauses-data/"
RECORDS = f"{CDATA}harvest/records"
QPV = f"{CDATA}qpv/"
ORGANISATION = f"{CDATA}organisation/"
ACCESS = "http://publications.europa.eu/resource/authority/access-right/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
NANTES = ROOT / "examples" / "valid" / "nantes-metropole.jsonld"

# ---------------------------------------------------------------------------------------------
# Loading a store the way the harvester does


def record_update(source: str, convention: str | None, status: str, findings: Counter[tuple[str, str]]) -> str:
    """The SPARQL Update inserting the harvest record of one source document."""
    record = f"<{CDATA}harvest/record/{hashlib.sha256(source.encode()).hexdigest()[:32]}>"
    when = '"2025-01-15T10:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
    triples = [
        f"{record} a <http://www.w3.org/ns/dcat#CatalogRecord>, <http://www.w3.org/ns/prov#Entity> .",
        f"{record} <http://www.w3.org/ns/prov#hadPrimarySource> <{source}> .",
        f"{record} <{CDATA}harvestStatus> <{CDATA}{status}> .",
        f"{record} <{CDATA}lastChecked> {when} .",
        f'{record} <{CDATA}validatorVersion> "0.1.0" ; <{CDATA}standardVersion> "0.1.0" .',
    ]
    if convention is not None:
        triples.append(f"{record} <http://xmlns.com/foaf/0.1/primaryTopic> <{convention}> .")
        triples.append(f"{record} <http://www.w3.org/ns/prov#generatedAtTime> {when} .")
    for index, ((code, severity), count) in enumerate(sorted(findings.items())):
        triples.append(
            f'{record} <{CDATA}findingCount> _:f{index} . _:f{index} <{CDATA}findingCode> "{code}" ; '
            f'<{CDATA}severity> "{severity}" ; <{CDATA}count> {count} .'
        )
    return f"INSERT DATA {{ GRAPH <{RECORDS}> {{\n" + "\n".join(triples) + "\n} }"


def withdrawn_copy(folder: Path) -> Path:
    """The Nantes convention under new identifiers (convention and datasets), to be marked withdrawn."""
    document = load_document(NANTES)
    text = json.dumps(document, ensure_ascii=False).replace(document["id"], document["id"] + "-retiree")
    path = folder / "retiree.jsonld"
    path.write_text(text, encoding="utf-8")
    return path


def load_examples(store: QuadStore, folder: Path) -> None:
    """Valid examples as current conventions, the withdrawn copy, invalid examples as invalid records."""
    validator = Validator()
    documents = [(path, "HarvestCurrent") for path in VALID] + [(withdrawn_copy(folder), "HarvestWithdrawn")]
    for path in documents + [(path, "HarvestInvalid") for path in INVALID]:
        source, status = path[0].resolve().as_uri(), path[1]
        report = validator.validate_file(path[0])
        findings = Counter((f.code, f.severity.value) for f in report.findings)
        if status == "HarvestInvalid":
            assert report.findings, f"{path[0].name} should be invalid"
            store.update(record_update(source, None, status, findings))
        else:
            assert report.graph is not None, f"{path[0].name} should give a graph"
            update = record_update(source, report.graph.root, status, findings)
            stored = indexed(report.graph.root, convention_ntriples(report.graph))  # as the harvester stores it
            store.replace_graph(report.graph.root, stored, update=update)


# ---------------------------------------------------------------------------------------------
# Expected values, from the example files alone


def _iri(reference: str) -> str:
    return ORGANISATION + reference.split(":", 1)[1] if reference.startswith("organisation:") else reference


@cache
def active_documents() -> dict[str, dict[str, Any]]:
    return {document["id"]: document for document in map(load_document, VALID)}


@cache
def datasets() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    return {d["id"]: (d, convention) for convention in active_documents().values() for d in convention["datasets"]}


def is_open(dataset: dict[str, Any]) -> bool:
    return bool(dataset["sharing"]["access_level"] == "PUBLIC")


def expected_per_group(key: str, prefix: str) -> dict[str, tuple[int, int]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for dataset_id, (dataset, _) in datasets().items():
        values = dataset.get(key, [])
        for value in values if isinstance(values, list) else [values]:
            groups[prefix + value].add(dataset_id)
    return {group: (len(ids), sum(is_open(datasets()[i][0]) for i in ids)) for group, ids in groups.items()}


# ---------------------------------------------------------------------------------------------
# Fixtures


def run_cli(*args: str, lang_env: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    if lang_env:
        env["LANG"] = lang_env
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, check=False, env=env, timeout=120)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("indicators")
    store = EmbeddedStore(folder / "store")
    load_examples(store, folder)
    store.close()
    del store
    gc.collect()  # release the on-disk store so that the command can open it
    return folder / "store"


@pytest.fixture(scope="module")
def output(store_dir: Path) -> Path:
    out = store_dir.parent / "out"
    result = run_cli("indicators", "--store", str(store_dir), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    written = len(list(out.iterdir()))
    assert f"{written} fichiers écrits dans {out}" in result.stdout and "(s)" not in result.stdout + result.stderr
    assert re.search(r"^  queries/synthese\.rq : 1 ligne, \d+ ms$", result.stderr, re.M), result.stderr
    return out


@pytest.fixture(scope="module")
def indicators(output: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((output / "indicateurs.json").read_text(encoding="utf-8"))
    return data


def rows(indicators: dict[str, Any], name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = indicators["indicators"][name]["rows"]
    return found


# ---------------------------------------------------------------------------------------------
# The query files


def test_every_query_file_is_shipped_listed_and_documented() -> None:
    sources = sorted((ROOT / "schema" / "queries").glob("*.rq"))
    shipped = sorted((STANDARD / "queries").glob("*.rq"))
    assert [p.name for p in sources] == [p.name for p in shipped]
    for source, copy in zip(sources, shipped, strict=True):
        assert source.read_bytes() == copy.read_bytes()
    assert [q.name for q in indicator_queries()] == [p.stem for p in sources]
    for query in indicator_queries():
        assert query.title["fr"] and query.title["en"] and query.description["fr"] and query.description["en"]
        assert "HarvestWithdrawn" in query.text, f"{query.file} must leave withdrawn conventions out"


def test_a_query_without_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header comment"):
        parse_query("x", "x.rq", "SELECT ?a WHERE { ?a ?b ?c }")


# ---------------------------------------------------------------------------------------------
# Numbers against the example files


def test_overview_counts_active_conventions_only(indicators: dict[str, Any]) -> None:
    documents = active_documents()
    parties = {_iri(p["id"]) for d in documents.values() for p in d["parties"]}
    expected = {
        "conventions": len(documents),
        "cityContracts": len({d["city_contract"]["code"] for d in documents.values()}),
        "datasets": len(datasets()),
        "openDatasets": sum(is_open(d) for d, _ in datasets().values()),
        "partners": len(parties),
        "coveredQpv": len({q for d in documents.values() for q in d["covered_qpv"]}),
    }
    assert rows(indicators, "synthese") == [expected]
    assert expected["conventions"] == 3, "grand-auch.yaml and .jsonld are one convention; the withdrawn one is out"


def test_qpv_covered_and_the_join_with_the_official_list(indicators: dict[str, Any], output: Path) -> None:
    covering: Counter[str] = Counter(q for d in active_documents().values() for q in set(d["covered_qpv"]))
    got = {row["qpv"]: row["conventions"] for row in rows(indicators, "qpv-couverts")}
    assert got == {QPV + code: count for code, count in covering.items()}
    assert all(
        row["libelle"] == reference_data().qpv[row["qpv"][len(QPV) :]].name for row in rows(indicators, "qpv-couverts")
    )
    with (output / "couverture-qpv.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(reference_data().qpv) == 1584
    assert {row["code"] for row in table if row["covered"] == "1"} == set(covering)
    assert sum(row["covered"] == "0" for row in table) == 1584 - len(covering)
    assert indicators["qpv_covered"] == len(covering) and indicators["qpv_not_in_reference"] == []


def test_datasets_per_qpv_use_the_dataset_qpv_or_else_the_convention_qpv(indicators: dict[str, Any]) -> None:
    per_qpv: dict[str, set[str]] = defaultdict(set)
    for dataset_id, (dataset, convention) in datasets().items():
        for code in dataset.get("covered_qpv") or convention["covered_qpv"]:
            per_qpv[code].add(dataset_id)
    expected = {QPV + code: len(ids) for code, ids in per_qpv.items()}
    got = {row["qpv"]: row["datasets"] for row in rows(indicators, "jeux-par-qpv")}
    assert got == expected
    assert got[QPV + "QN04418M"] != got[QPV + "QN04417I"], "dataset-level QPV must make a difference in Nantes"


def test_access_levels_and_share_of_open_data(indicators: dict[str, Any]) -> None:
    levels = Counter(d["sharing"]["access_level"] for d, _ in datasets().values())
    got = {row["accessLevel"]: (row["datasets"], row["share"]) for row in rows(indicators, "jeux-par-niveau-acces")}
    assert set(got) == {ACCESS + level for level in levels}
    for level, count in levels.items():
        assert got[ACCESS + level][0] == count
        assert got[ACCESS + level][1] == pytest.approx(count / len(datasets()), abs=1e-9)
    assert sum(share for _, share in got.values()) == pytest.approx(1.0)


def test_datasets_by_category_and_by_theme(indicators: dict[str, Any]) -> None:
    category = {r["category"]: (r["datasets"], r["openDatasets"]) for r in rows(indicators, "jeux-par-categorie")}
    assert category == expected_per_group("category", f"{CDATA}data-category/")
    theme = {r["theme"]: (r["datasets"], r["openDatasets"]) for r in rows(indicators, "jeux-par-theme")}
    assert theme == expected_per_group("themes", THEME)
    assert rows(indicators, "jeux-par-theme")[0]["libelle"], "themes carry their French label"


def test_partners_by_type(indicators: dict[str, Any]) -> None:
    partners: dict[str, set[str]] = defaultdict(set)
    producers: dict[str, set[str]] = defaultdict(set)
    conventions: dict[str, set[str]] = defaultdict(set)
    for document in active_documents().values():
        producing = {_iri(d["producer"]) for d in document["datasets"]}
        for party in document["parties"]:
            kind = f"{CDATA}party-type/{party['party_type']}"
            partners[kind].add(_iri(party["id"]))
            conventions[kind].add(document["id"])
            if _iri(party["id"]) in producing:
                producers[kind].add(_iri(party["id"]))
    expected = {k: (len(partners[k]), len(producers[k]), len(conventions[k])) for k in partners}
    got = {
        r["partyType"]: (r["partners"], r["producers"], r["conventions"])
        for r in rows(indicators, "partenaires-par-type")
    }
    assert got == expected


def test_findings_by_code_across_harvested_documents(indicators: dict[str, Any]) -> None:
    expected_codes = Counter((load_expected(p)["code"], load_expected(p)["severity"]) for p in INVALID)
    got = {
        (r["code"], r["severity"]): (r["documents"], r["occurrences"]) for r in rows(indicators, "constats-par-code")
    }
    assert got == {key: (count, count) for key, count in expected_codes.items()}
    assert all(r["libelle"] for r in rows(indicators, "constats-par-code")), "codes carry the catalogue title"


# ---------------------------------------------------------------------------------------------
# Outputs


def test_csv_files_agree_with_the_json(indicators: dict[str, Any], output: Path) -> None:
    assert indicators["standard_version"] == json.loads((STANDARD / "manifest.json").read_text())["version"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", indicators["generated_at"])
    for name, indicator in indicators["indicators"].items():
        with (output / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == indicator["columns"]
            table = list(reader)
        assert len(table) == len(indicator["rows"])
        for line, row in zip(table, indicator["rows"], strict=True):
            assert line == {k: "" if v is None else str(v) for k, v in row.items()}


def test_formats_and_english_labels(store_dir: Path, output: Path, tmp_path: Path) -> None:
    result = run_cli("indicators", "--store", str(store_dir), "-o", str(tmp_path), "--format", "csv", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in output.glob("*.csv"))
    with (tmp_path / "jeux-par-categorie.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["category", "datasets", "openDatasets", "label"]
    assert "Public administration data" in (tmp_path / "jeux-par-categorie.csv").read_text(encoding="utf-8")


def test_missing_or_empty_store_and_bad_options_exit_two(tmp_path: Path) -> None:
    missing = run_cli("indicators", "--store", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and "aucun entrepôt" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "out").exists()
    empty = EmbeddedStore(tmp_path / "empty")
    empty.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    del empty
    gc.collect()
    no_records = run_cli("indicators", "--store", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert no_records.returncode == 2 and "aucune fiche de moisson" in no_records.stderr
    assert not (tmp_path / "out").exists()
    assert run_cli("indicators", "-o", str(tmp_path / "out")).returncode == 2
    bad_format = run_cli("indicators", "--store", str(tmp_path / "empty"), "--format", "pdf")
    assert bad_format.returncode == 2 and "format inconnu" in bad_format.stderr


def test_html_report_is_self_contained_french_and_renders_charts_and_map(output: Path, tmp_path: Path) -> None:
    page = output / "indicateurs.html"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert not re.search(r"<script|<link|<img|<iframe|url\(|@import|src=", html, re.I), "nothing loaded from outside"
    flags = chromium_command(tmp_path / "profile")
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, check=True, timeout=90
    ).stdout
    assert dom.count('class="covered"') == sum(1 for _ in rows_covered(output))
    assert dom.count('class="covered"') + dom.count('class="uncovered"') == 1584
    assert dom.count('<svg class="chart"') == 6 and dom.count('<svg class="map"') == 1
    assert dom.count('<g class="inset"') == 7 and "Mayotte" in dom and "Polynésie française" in dom
    assert len(re.findall(r'<g class="bar">', dom)) >= 20
    assert "Couverture des quartiers prioritaires" in dom and "QPV avec partenariat" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1000,1600", page.as_uri()],
        capture_output=True,
        check=True,
        timeout=90,
    )
    assert shot.stat().st_size > 20_000, "the screenshot shows a drawn page"


# ---------------------------------------------------------------------------------------------
# The report in Chromium (Playwright driving Debian's chromium): headings, layout, links

# Every drawn element of every SVG of the page whose box leaves the SVG's viewBox (0.5 px of tolerance),
# and, for the map, every inset whose drawing leaves its own panel.
OVERFLOWING = """() => {
  const out = [];
  const inside = (box, x, y, w, h) =>
    box.x >= x - 0.5 && box.y >= y - 0.5 && box.x + box.width <= x + w + 0.5 && box.y + box.height <= y + h + 0.5;
  for (const svg of document.querySelectorAll("svg")) {
    const v = svg.viewBox.baseVal;
    for (const element of svg.querySelectorAll("text, rect, circle, g.inset")) {
      const box = element.getBBox();
      if (!inside(box, v.x, v.y, v.width, v.height)) {
        const where = [box.x, box.y, box.width, box.height].map(Math.round);
        out.push(`${svg.id} ${element.tagName} «${element.textContent.slice(0, 40)}» ${where}`);
      }
    }
  }
  for (const inset of document.querySelectorAll("#carte-qpv g.inset")) {
    const panel = inset.querySelector("rect.panel").getBBox();
    for (const element of inset.querySelectorAll("text, circle")) {
      if (!inside(element.getBBox(), panel.x, panel.y, panel.width, panel.height)) {
        out.push(`${inset.id} ${element.tagName} outside its panel`);
      }
    }
  }
  return out;
}"""
HEADINGS = """() => Object.fromEntries([...document.querySelectorAll("section[aria-labelledby] details table")]
  .map(table => [table.closest("section").getAttribute("aria-labelledby"),
                 [...table.querySelectorAll("thead th")].map(th => th.textContent)]))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def english_output(store_dir: Path) -> Path:
    out = store_dir.parent / "out-en"
    result = run_cli("indicators", "--store", str(store_dir), "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "files written to" in result.stdout
    return out


def open_report(browser: Any, folder: Path) -> Any:
    page = browser.new_page()
    page.goto((folder / "indicateurs.html").as_uri())
    return page


def test_report_tables_are_headed_by_the_labels_of_the_query_files(
    browser: Any, output: Path, english_output: Path
) -> None:
    french = open_report(browser, output).evaluate(HEADINGS)
    english = open_report(browser, english_output).evaluate(HEADINGS)
    assert (french["jeux-par-niveau-acces"], english["jeux-par-niveau-acces"]) == (
        [
            "Niveau d'accès",
            "Nombre de jeux de données à ce niveau",
            "Part dans le total des jeux de données",
            "Libellé",
        ],
        ["Access level", "Number of datasets at this level", "Share of all datasets", "Label"],
    )
    assert french["jeux-par-theme"] == [
        "Thème",
        "Nombre de jeux de données de ce thème",
        "Dont en accès public",
        "Libellé",
    ]
    assert english["constats-par-code"][:2] == ["Finding code", "Severity"]
    raw = {column.name for query in indicator_queries() for column in query.columns}
    for headings in (french, english):
        assert len(headings) == 6
        assert not raw & {heading for row in headings.values() for heading in row}, "no SPARQL variable name shown"


def test_report_charts_notes_and_map_insets_stay_inside_their_svg(
    browser: Any, output: Path, english_output: Path
) -> None:
    for folder in (output, english_output):
        page = open_report(browser, folder)
        assert page.locator("svg.chart").count() == 6 and page.locator("#carte-qpv g.inset").count() == 7
        assert page.evaluate(OVERFLOWING) == [], folder.name
    notes = open_report(browser, output).locator("#graphique-constats-par-code text.value").all_text_contents()
    assert notes and all(re.fullmatch(r"\d+ occurrences?, \d+ documents?", note) for note in notes), notes


def test_report_links_to_the_csv_and_json_files_written_beside_it(
    browser: Any, store_dir: Path, output: Path, tmp_path: Path
) -> None:
    page = open_report(browser, output)
    targets = [
        Path(unquote(urlparse(href).path)) for href in page.eval_on_selector_all("a", "as => as.map(a => a.href)")
    ]
    assert targets and all(target.is_file() for target in targets), targets
    written = {path.name for path in output.iterdir() if path.suffix in (".csv", ".json")}
    assert {target.name for target in targets} == written, "every CSV and the JSON file are linked"
    assert page.locator("section[aria-labelledby='jeux-par-theme'] a[href='jeux-par-theme.csv']").count() == 1
    alone = tmp_path / "html-only"
    assert run_cli("indicators", "--store", str(store_dir), "-o", str(alone), "--format", "html").returncode == 0
    assert "<a " not in (alone / "indicateurs.html").read_text(encoding="utf-8"), "no link to a file not written"


def test_report_text_agrees_with_its_numbers(output: Path) -> None:
    html = (output / "indicateurs.html").read_text(encoding="utf-8")
    assert not re.search(r"\w(?<!http)\((s|e|es|x)\)", html), "no « (s) » plural in the page"
    assert "ouverts)" in html or "ouvert)" in html


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, ("12 (0 ouvert)", "4 (0 producteur)", "0 occurrence, 0 document", "0 ligne")),
        ("fr", 1, ("12 (1 ouvert)", "4 (1 producteur)", "1 occurrence, 1 document", "1 ligne")),
        ("fr", 2, ("12 (2 ouverts)", "4 (2 producteurs)", "2 occurrences, 2 documents", "2 lignes")),
        ("en", 0, ("12 (0 open)", "4 (0 producers)", "0 occurrences, 0 documents", "0 rows")),
        ("en", 1, ("12 (1 open)", "4 (1 producer)", "1 occurrence, 1 document", "1 row")),
        ("en", 2, ("12 (2 open)", "4 (2 producers)", "2 occurrences, 2 documents", "2 rows")),
    ],
)
def test_report_notes_agree_with_each_count(lang: str, n: int, expected: tuple[str, ...]) -> None:
    assert (open_note(12, n, lang), producers_note(4, n, lang), findings_note(n, n, lang), rows_summary(n, lang)) == (
        expected
    )


def test_one_file_written_is_said_in_the_singular(store_dir: Path, tmp_path: Path) -> None:
    result = run_cli("indicators", "--store", str(store_dir), "-o", str(tmp_path), "--format", "json")
    assert result.returncode == 0 and f"1 fichier écrit dans {tmp_path}" in result.stdout, result.stdout


def rows_covered(output: Path) -> Iterator[dict[str, str]]:
    with (output / "couverture-qpv.csv").open(encoding="utf-8", newline="") as handle:
        yield from (row for row in csv.DictReader(handle) if row["covered"] == "1")


# ---------------------------------------------------------------------------------------------
# The same queries on an Oxigraph server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_oxigraph(tmp_path_factory.mktemp("server") / "data")


def test_same_results_on_the_oxigraph_server(server: str, indicators: dict[str, Any], tmp_path: Path) -> None:
    from convention_validator.store.endpoint import EndpointStore

    store = EndpointStore(server)
    load_examples(store, tmp_path)
    store.close()
    result = run_cli("indicators", "--endpoint", server, "-o", str(tmp_path / "out"), "--format", "json,csv")
    assert result.returncode == 0, result.stdout + result.stderr
    remote = json.loads((tmp_path / "out" / "indicateurs.json").read_text(encoding="utf-8"))
    assert remote["store"] == server
    for name, indicator in indicators["indicators"].items():
        assert remote["indicators"][name]["rows"] == indicator["rows"], name
    assert remote["couverture-qpv"] == indicators["couverture-qpv"]
