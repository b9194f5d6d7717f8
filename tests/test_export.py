"""`convention-validator export`: plain RDF in four syntaxes, DCAT-AP 3 catalogue checked with the official shapes."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pyshacl
import pytest
from click.testing import CliRunner, Result
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from convention_validator.cli import main
from convention_validator.findings import FileReport, Severity
from convention_validator.publication.export import (
    InvalidConventionError,
    UnusableConventionError,
    export_convention,
    render_export,
)
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.validator import Validator
from support import VALID, load_document

ROOT = Path(__file__).resolve().parent.parent
SHAPES_DIR = ROOT / "tests" / "data" / "dcat-ap-3.0.1"
CONTOURS = ROOT / "src" / "convention_validator" / "reference" / "qpv-2024-contours.json.gz"
DOCS = ROOT / "docs" / "export.md"
RULES_INVALID = ROOT / "examples" / "invalid" / "rules-personal-data-as-open-data.jsonld"
STRUCTURE_INVALID = ROOT / "examples" / "invalid" / "structure-missing-convention-title.jsonld"
SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
GEO_GML = URIRef("http://www.opengis.net/ont/geosparql#gmlLiteral")
DATAGOUV_LICENCES = {
    "http://spdx.org/licenses/etalab-2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
    "http://spdx.org/licenses/ODbL-1.0": "http://opendatacommons.org/licenses/odbl/summary/",
}
LOCN = Namespace("http://www.w3.org/ns/locn#")
GEO_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
QPV = "https://w3id.org/clauses-data/qpv/"
GML = "http://www.opengis.net/gml/3.2"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
CURIES = {
    str(DCAT): "dcat:",
    str(DCTERMS): "dct:",
    str(FOAF): "foaf:",
    "http://data.europa.eu/r5r/": "dcatap:",
    "http://www.w3.org/ns/adms#": "adms:",
}
EXAMPLE_IDS = [p.name for p in VALID]


def curie(iri: object) -> str:
    text = str(iri)
    for namespace, prefix in CURIES.items():
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return text


@cache
def report(path: Path) -> FileReport:
    result = Validator().validate_file(path)
    assert result.worst is None or result.worst.rank < 2, [f.message for f in result.findings]
    return result


@cache
def exported(path: Path, output_format: str, profile: str) -> bytes:
    return render_export(report(path), output_format, profile)


@cache
def catalogue(path: Path) -> Graph:
    return Graph().parse(data=exported(path, "ntriples", "dcat-ap"), format="nt")


@cache
def shapes(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES_DIR / name, format="turtle")
    return graph


def violations(data: Graph) -> list[tuple[str, str, str]]:
    """Results of DCAT-AP 3.0.1 shapes.ttl + range.ttl (no inference: the export types its nodes itself)."""
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes("shapes.ttl", "range.ttl"), inference="none")
    assert isinstance(results, Graph)
    return sorted(
        (
            str(results.value(r, SH.focusNode)),
            curie(results.value(r, SH.resultPath)),
            str(results.value(r, SH.resultSeverity)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )


# Plain RDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", list(RDFLIB_FORMATS))
@pytest.mark.parametrize("path", VALID, ids=EXAMPLE_IDS)
def test_every_format_parses_back_to_the_convention_graph(path: Path, output_format: str) -> None:
    reference = Graph().parse(data=convention_ntriples(report(path).graph), format="nt")
    parsed = Graph().parse(data=exported(path, output_format, "plain"), format=RDFLIB_FORMATS[output_format])
    assert len(reference) > 300
    assert len(parsed) == len(reference)
    assert isomorphic(parsed, reference)


def test_turtle_uses_readable_prefixes_and_starts_with_the_convention() -> None:
    text = exported(VALID[0], "turtle", "plain").decode("utf-8")
    assert "@prefix dcat: <http://www.w3.org/ns/dcat#> ." in text
    assert "@prefix organisation: <https://w3id.org/clauses-data/organisation/> ." in text
    declared = re.findall(r"^@prefix ([\w-]+): ", text, flags=re.MULTILINE)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert [p for p in declared if f"{p}:" not in body] == [], "only the prefixes the graph uses"
    first_statement = next(line for line in text.splitlines() if not line.startswith("@prefix"))
    root = str(load_document(VALID[0])["id"])
    assert first_statement.startswith(f"<{root}> a ")


@pytest.mark.parametrize("output_format", ["turtle", "jsonld", "rdfxml"])
def test_dcat_ap_export_round_trips_too(output_format: str) -> None:
    path = VALID[-1]
    parsed = Graph().parse(data=exported(path, output_format, "dcat-ap"), format=RDFLIB_FORMATS[output_format])
    assert isomorphic(parsed, catalogue(path))


# DCAT-AP conformance ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=EXAMPLE_IDS)
def test_dcat_ap_export_has_zero_violations(path: Path) -> None:
    assert violations(catalogue(path)) == []


def test_the_conformance_check_is_not_vacuous() -> None:
    graph = catalogue(VALID[0])
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    without_title = Graph() + graph
    without_title.remove((dataset, DCTERMS.title, None))
    assert (str(dataset), "dct:title", str(SH.Violation)) in violations(without_title)

    location = next(graph.subjects(RDF.type, DCTERMS.Location))
    untyped = Graph() + graph
    untyped.remove((location, RDF.type, DCTERMS.Location))
    assert any(path == "dct:spatial" for _, path, _ in violations(untyped)), "range.ttl is active"


@pytest.mark.parametrize("path", VALID, ids=EXAMPLE_IDS)
def test_every_dataset_is_in_the_catalogue_with_its_own_values(path: Path) -> None:
    document = load_document(path)
    graph = catalogue(path)
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(list(graph.objects(catalog, DCTERMS.publisher))) == 1
    assert set(graph.objects(catalog, DCAT.dataset)) == {URIRef(d["id"]) for d in document["datasets"]}
    for item in document["datasets"]:
        dataset = URIRef(item["id"])
        assert graph.value(dataset, DCTERMS.title) == Literal(item["title"])
        assert graph.value(dataset, DCTERMS.description) == Literal(item["description"])
        producer = URIRef("https://w3id.org/clauses-data/organisation/" + item["producer"].split(":")[1])
        assert graph.value(dataset, DCTERMS.publisher) == producer
        assert (producer, RDF.type, FOAF.Agent) in graph and graph.value(producer, FOAF.name) is not None
        access = graph.value(dataset, DCTERMS.accessRights)
        assert str(access).endswith("/access-right/" + item["sharing"]["access_level"])
        assert str(graph.value(dataset, DCTERMS.accrualPeriodicity)).endswith("/frequency/" + item["update_frequency"])
        assert list(graph.objects(dataset, DCAT.contactPoint)), "the producer's contacts"
        distributions = set(graph.objects(dataset, DCAT.distribution))
        listed = item.get("distributions", [])
        unlisted = [f for f in item.get("formats", []) if f not in {d.get("format") for d in listed}]
        assert len(distributions) == max(1, len(listed) + len(unlisted))
        downloads = {str(o) for d in distributions for o in graph.objects(d, DCAT.downloadURL)}
        assert downloads == {d["download_url"] for d in listed if "download_url" in d}
        if not listed:
            access_urls = {str(o) for d in distributions for o in graph.objects(d, DCAT.accessURL)}
            assert access_urls == {item.get("landing_page", document["id"])}
        licences = {o for d in distributions for o in graph.objects(d, DCTERMS.license)}
        expected = {"http://spdx.org/licenses/" + item["sharing"]["licence"]} if "licence" in item["sharing"] else set()
        assert {str(graph.value(lic, OWL.sameAs) or lic) for lic in licences} == expected
        assert {str(lic) for lic in licences} <= set(DATAGOUV_LICENCES.values()) | expected
        policy = graph.value(dataset, ODRL.hasPolicy)
        assert policy == URIRef(item["usage_policy"]["id"])
        assert {graph.value(d, ODRL.hasPolicy) for d in distributions} == {policy}
        spatial = {str(o) for o in graph.objects(dataset, DCTERMS.spatial)}
        assert spatial == {QPV + code for code in item.get("covered_qpv", document["covered_qpv"])}


# QPV geometries ---------------------------------------------------------------------------------

WKT_TOKEN = re.compile(r"\s*(?:(?P<word>[A-Z]+)|(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(?P<punct>[(),]))")


def parse_wkt(text: str) -> tuple[str, Any]:
    """A strict reader of the WKT POINT, POLYGON and MULTIPOLYGON grammar (2D): (type, coordinates)."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text.rstrip()):
        match = WKT_TOKEN.match(text, position)
        assert match is not None, f"unexpected WKT text at {position}: {text[position : position + 20]!r}"
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    index = 0

    def take(kind: str, value: str | None = None) -> str:
        nonlocal index
        assert index < len(tokens), "truncated WKT"
        found_kind, found = tokens[index]
        assert found_kind == kind and (value is None or found == value), f"expected {value or kind}, got {found}"
        index += 1
        return found

    def sequence(item: Any) -> list[Any]:
        take("punct", "(")
        items = [item()]
        while index < len(tokens) and tokens[index] == ("punct", ","):
            take("punct", ",")
            items.append(item())
        take("punct", ")")
        return items

    def point() -> tuple[float, float]:
        return float(take("number")), float(take("number"))

    def ring() -> list[tuple[float, float]]:
        points = sequence(point)
        assert len(points) >= 4 and points[0] == points[-1], "a linear ring is closed"
        return points

    def polygon() -> list[list[tuple[float, float]]]:
        return sequence(ring)

    kind = take("word")

    def multipolygon() -> list[list[list[tuple[float, float]]]]:
        return sequence(polygon)

    def single_point() -> tuple[float, float]:
        only: tuple[float, float] = sequence(point)[0]
        return only

    readers: dict[str, Callable[[], Any]] = {"POINT": single_point, "POLYGON": polygon, "MULTIPOLYGON": multipolygon}
    assert kind in readers, kind
    value = readers[kind]()
    assert index == len(tokens), "trailing WKT tokens"
    return kind, value


def test_the_wkt_reader_rejects_malformed_geometry() -> None:
    with pytest.raises(AssertionError):
        parse_wkt("MULTIPOLYGON (((1 2, 3 4, 1 2)))")  # ring too short
    with pytest.raises(AssertionError):
        parse_wkt("POLYGON ((1 2, 3 4, 5 6, 1 2)")  # unbalanced


@cache
def packaged_contours() -> dict[str, Any]:
    with gzip.open(CONTOURS, "rt", encoding="utf-8") as handle:
        return {item["code"]: item for item in json.load(handle)["qpvs"]}


@pytest.mark.parametrize("path", VALID, ids=EXAMPLE_IDS)
def test_every_covered_qpv_carries_its_geometry(path: Path) -> None:
    document = load_document(path)
    codes = set(document["covered_qpv"]) | {c for d in document["datasets"] for c in d.get("covered_qpv", [])}
    graph = catalogue(path)
    for code in sorted(codes):
        location = URIRef(QPV + code)
        assert (location, RDF.type, DCTERMS.Location) in graph
        assert graph.value(location, SKOS.prefLabel) is not None
        geometry = graph.value(location, LOCN.geometry)
        assert isinstance(geometry, Literal) and geometry.datatype == GEO_WKT
        kind, polygons = parse_wkt(str(geometry))
        assert kind == "MULTIPOLYGON"
        assert polygons == [
            [[tuple(p) for p in ring] for ring in polygon] for polygon in packaged_contours()[code]["g"]
        ]
        xs = [x for polygon in polygons for ring in polygon for x, _ in ring]
        ys = [y for polygon in polygons for ring in polygon for _, y in ring]
        bbox, centroid = graph.value(location, DCAT.bbox), graph.value(location, DCAT.centroid)
        assert isinstance(bbox, Literal) and bbox.datatype == GEO_GML
        assert isinstance(centroid, Literal) and centroid.datatype == GEO_GML
        envelope = ElementTree.fromstring(str(bbox))
        assert envelope.tag == f"{{{GML}}}Envelope" and envelope.get("srsName") == CRS84
        lower = tuple(float(v) for v in envelope.findtext(f"{{{GML}}}lowerCorner", "").split())
        upper = tuple(float(v) for v in envelope.findtext(f"{{{GML}}}upperCorner", "").split())
        assert lower == (min(xs), min(ys)) and upper == (max(xs), max(ys))
        point = ElementTree.fromstring(str(centroid))
        assert point.tag == f"{{{GML}}}Point" and point.get("srsName") == CRS84
        x, y = (float(v) for v in point.findtext(f"{{{GML}}}pos", "").split())
        assert min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)
        wkt_literals = [o for o in graph.objects(location, None) if isinstance(o, Literal) and o.datatype == GEO_WKT]
        assert wkt_literals == [geometry], "one WKT geometry per QPV (udata merges every WKT literal)"


# Recommended properties -------------------------------------------------------------------------


def missing_recommended() -> set[tuple[str, str]]:
    """(class, property) pairs that shapes_recommended.ttl reports on some valid example's catalogue."""
    missing = set()
    for path in VALID:
        graph = catalogue(path)
        _, results, _ = pyshacl.validate(graph, shacl_graph=shapes("shapes_recommended.ttl"), inference="none")
        assert isinstance(results, Graph)
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            classes = sorted(curie(c) for c in graph.objects(focus, RDF.type) if not str(c).startswith(str(SKOS)))
            missing.add((classes[0], curie(results.value(result, SH.resultPath))))
    return missing


def documented_missing() -> set[tuple[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Propriétés recommandées absentes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, flags=re.MULTILINE)
    return set(rows)


def test_missing_recommended_properties_are_the_documented_ones() -> None:
    assert missing_recommended() == documented_missing()


# Command line and Python API --------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["export", *args])


def test_cli_writes_the_catalogue_atomically_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.ttl"
    result = invoke(str(VALID[0]), "--profile", "dcat-ap", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "écrit" in result.stderr
    assert isomorphic(Graph().parse(target, format="turtle"), catalogue(VALID[0]))
    assert [p.name for p in tmp_path.iterdir()] == ["catalogue.ttl"], "no temporary file left"


def test_cli_writes_to_stdout_by_default() -> None:
    result = invoke(str(VALID[0]), "--format", "ntriples")
    assert result.exit_code == 0
    assert isomorphic(
        Graph().parse(data=result.stdout_bytes, format="nt"),
        Graph().parse(data=exported(VALID[0], "ntriples", "plain"), format="nt"),
    )


def test_invalid_convention_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("previous content", encoding="utf-8")
    result = invoke(str(RULES_INVALID), "--profile", "dcat-ap", "-o", str(target))
    assert result.exit_code == 1
    assert "1 erreur ;" in result.stderr and "export refusé" in result.stderr
    assert f"convention-validator validate {RULES_INVALID}" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous content"
    assert result.stdout == ""
    absent = tmp_path / "absent.ttl"
    assert invoke(str(RULES_INVALID), "-o", str(absent)).exit_code == 1
    assert not absent.exists()


def test_force_exports_an_invalid_convention_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "forced.jsonld"
    result = invoke(str(RULES_INVALID), "--force", "--format", "jsonld", "--profile", "dcat-ap", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("attention : ") and "export forcé" in result.stderr
    graph = Graph().parse(target, format="json-ld")
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == len(load_document(RULES_INVALID)["datasets"])


def test_force_cannot_export_without_a_graph(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    refused = invoke(str(STRUCTURE_INVALID), "-o", str(target))
    assert refused.exit_code == 1
    forced = invoke(str(STRUCTURE_INVALID), "--force", "-o", str(target))
    assert forced.exit_code == 2
    assert "impossible de construire le graphe RDF" in forced.stderr and "CV101" in forced.stderr
    assert not target.exists()


def test_unreadable_file_exits_two_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonld"
    garbage = tmp_path / "garbage.jsonld"
    garbage.write_bytes(b"\xff\xfe\x00{not json")
    for path in (missing, garbage):
        result = subprocess.run(
            [str(Path(sys.executable).parent / "convention-validator"), "export", str(path), "--lang", "fr"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert "fichier illisible" in result.stderr


def test_messages_in_english_on_request() -> None:
    result = invoke(str(RULES_INVALID), "--lang", "en")
    assert result.exit_code == 1
    assert "the convention has 1 error; export refused" in result.stderr
    forced = invoke(str(RULES_INVALID), "--lang", "en", "--force")
    assert forced.stderr.startswith("warning: ")


def test_warnings_alone_do_not_block_export() -> None:
    warning_only = ROOT / "examples" / "invalid" / "rules-no-state-signatory.jsonld"
    checked = Validator().validate_file(warning_only)
    assert checked.count(Severity.ERROR) == 0 and checked.count(Severity.WARNING) > 0
    result = invoke(str(warning_only), "--profile", "dcat-ap", "--format", "ntriples")
    assert result.exit_code == 0 and result.stderr == ""
    assert violations(Graph().parse(data=result.stdout_bytes, format="nt")) == []


def test_python_api() -> None:
    data = export_convention(VALID[0], format="ntriples", profile="dcat-ap")
    assert isomorphic(Graph().parse(data=data, format="nt"), catalogue(VALID[0]))
    with pytest.raises(InvalidConventionError) as refused:
        export_convention(RULES_INVALID)
    assert len(refused.value.errors) == 1
    assert export_convention(RULES_INVALID, force=True).startswith(b"@prefix")
    with pytest.raises(UnusableConventionError):
        export_convention(STRUCTURE_INVALID, force=True)
    with pytest.raises(ValueError):
        export_convention(VALID[0], format="csv")


def test_blank_nodes_stay_blank_in_the_published_rdf() -> None:
    graph = Graph().parse(data=exported(VALID[0], "ntriples", "plain"), format="nt")
    assert any(isinstance(s, BNode) for s in graph.subjects())
    assert not any("urn:x-clauses-data-pointer:" in str(term) for triple in graph for term in triple)


def test_contacts_become_vcard_kinds_with_mailto_and_tel_iris() -> None:
    document = load_document(ROOT / "examples" / "valid" / "grand-auch.jsonld")
    caf = next(p for p in document["parties"] if p["siren"] == "534320015")
    caf["contacts"][0]["telephone"] = "+33 5 62 61 00 00"
    checked = Validator().validate_text(json.dumps(document), "grand-auch-with-phone.jsonld")
    assert checked.count(Severity.ERROR) == 0
    graph = Graph().parse(data=render_export(checked, "ntriples", "dcat-ap"), format="nt")
    dataset = URIRef(next(d["id"] for d in document["datasets"] if d["producer"] == "organisation:534320015"))
    contacts = list(graph.objects(dataset, DCAT.contactPoint))
    assert len(contacts) == len(caf["contacts"])
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    assert all((c, RDF.type, vcard.Kind) in graph for c in contacts)
    emails = {str(graph.value(c, vcard.hasEmail)) for c in contacts}
    assert emails == {"mailto:" + c["email"] for c in caf["contacts"]}
    assert {str(o) for c in contacts for o in graph.objects(c, vcard.hasTelephone)} == {"tel:+33562610000"}
    names = {str(graph.value(c, vcard.fn)) for c in contacts}
    assert f"{caf['contacts'][0]['function']} – {caf['name']}" in names
    assert violations(graph) == []


def test_one_producer_catalogue_holds_its_datasets_only(tmp_path: Path) -> None:
    document = load_document(VALID[0])
    siren = document["datasets"][0]["producer"].split(":")[1]
    target = tmp_path / "producteur.ttl"
    result = invoke(str(VALID[0]), "--profile", "dcat-ap", "--producer", siren, "-o", str(target))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(target, format="turtle")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert str(catalog).endswith("catalogue-" + siren)
    producer = URIRef("https://w3id.org/clauses-data/organisation/" + siren)
    assert graph.value(catalog, DCTERMS.publisher) == producer
    expected = {URIRef(d["id"]) for d in document["datasets"] if d["producer"] == f"organisation:{siren}"}
    assert set(graph.objects(catalog, DCAT.dataset)) == expected
    assert violations(graph) == []


def test_an_unknown_producer_is_refused_in_french() -> None:
    result = invoke(str(VALID[0]), "--profile", "dcat-ap", "--producer", "999999999")
    assert result.exit_code == 2 and result.stdout == ""
    assert "aucun jeu de données de la convention n'est produit par 999999999" in result.stderr
    plain = invoke(str(VALID[0]), "--producer", "999999999")
    assert plain.exit_code == 2 and "--profile dcat-ap" in plain.stderr


def test_restricted_datasets_carry_an_inspire_limitation() -> None:
    path = next(p for p in VALID if p.name == "nantes-metropole.jsonld")
    graph = catalogue(path)
    for item in load_document(path)["datasets"]:
        rights = [str(o) for o in graph.objects(URIRef(item["id"]), DCTERMS.rights)]
        if item["sharing"]["access_level"] == "PUBLIC":
            assert rights == []
        else:
            (limitation,) = rights
            assert limitation.startswith(
                "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess/INSPIRE_Directive_Article13_1"
            )
            if item["sharing"].get("non_opening_ground") == "PRIVACY":
                assert limitation.endswith("13_1f")
            assert graph.value(URIRef(limitation), URIRef("http://www.w3.org/2000/01/rdf-schema#label")) is None
