"""The graph the validator checks is the graph every JSON-LD 1.1 processor reads.

(a) A document cannot change its own meaning: a context beside or inside the document (CV205),
an identifier outside http(s) IRIs and the standard's CURIEs (CV206, or the `id` pattern of the
JSON Schema), a SIREN in non-ASCII digits: each is refused with a located finding, and no graph
goes on to the rules as if it were fine.
(b) Whatever the validator accepts, rdflib, pyld and pyoxigraph read the same graph as the
validator: on every valid example of every released version and on mutated documents. The
standard's context URL is resolved offline to the packaged context of its version.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pyld import jsonld
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from convention_validator import Validator
from convention_validator.findings import FileReport, Severity
from convention_validator.loaders import load_path
from convention_validator.stages.context import value_at
from convention_validator.stages.graph import POINTER_IRI, to_rdflib
from convention_validator.stages.integrity import IntegrityCheck, iri_values
from convention_validator.standard import CURRENT, LATEST, released_standards
from support import ROOT, all_pointers, parent_of

STANDARDS = released_standards()
URL = CURRENT.context_url
BASE = json.loads((ROOT / "examples" / "valid" / "cayenne.jsonld").read_text(encoding="utf-8"))
BASE_0_1 = json.loads((ROOT / "releases" / "0.1.0" / "examples" / "valid" / "cayenne.jsonld").read_text("utf-8"))
ACCEPTED = sorted((ROOT / "examples" / "valid").glob("*.*")) + sorted(ROOT.glob("releases/*/examples/valid/*.*"))
VALIDATOR = Validator(lang="fr")
GRAPH_VALIDATOR = Validator(lang="fr", last_stage="graph")


# --- offline JSON-LD processors ----------------------------------------------------------------


def _packaged_context(url: str) -> dict[str, Any]:
    """The packaged context of the version a standard context URL names; nothing else is loaded."""
    version = CURRENT.version_of_context_url(url)
    version = CURRENT.version if version == LATEST else version
    if version not in STANDARDS:
        raise ValueError(f"no network in tests: {url}")
    return STANDARDS[version].context


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    return {"contextUrl": None, "documentUrl": url, "document": _packaged_context(url)}


def _inline(data: dict[str, Any]) -> dict[str, Any]:
    """The document with the standard's context URL replaced by the context object (equivalent)."""
    copied = copy.deepcopy(data)
    copied["@context"] = _packaged_context(data["@context"])["@context"]
    return copied


def _graph(triples: Any) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def same_graph(first: Graph, second: Graph) -> bool:
    """Isomorphic graphs: equal once their blank nodes are renamed by RDFC-1.0 (W3C canonicalization).

    rdflib.compare.isomorphic gives the same answer, some hundred times slower on these graphs.
    """
    return _canonical(first) == _canonical(second)


def _canonical(graph: Graph) -> ox.Dataset:
    blanks: dict[BNode, ox.BlankNode] = {}

    def term(node: Any) -> Any:
        if isinstance(node, BNode):
            return blanks.setdefault(node, ox.BlankNode())
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)

    dataset = ox.Dataset(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def rdflib_graph(data: dict[str, Any]) -> Graph:
    return _graph(Graph().parse(data=json.dumps(_inline(data)), format="json-ld"))


def pyld_graph(data: dict[str, Any]) -> Graph:
    nquads = jsonld.to_rdf(copy.deepcopy(data), {"format": "application/n-quads", "documentLoader": _loader})
    return _graph(Graph().parse(data=nquads, format="nquads"))


def oxigraph_graph(data: dict[str, Any]) -> Graph:
    quads = ox.parse(json.dumps(_inline(data)).encode("utf-8"), format=ox.RdfFormat.JSON_LD)
    return _graph((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads)


PROCESSORS = {"rdflib": rdflib_graph, "pyld": pyld_graph, "pyoxigraph": oxigraph_graph}


def validator_graph(report: FileReport) -> Graph:
    """The validator's graph, its provisional pointer IRIs as the blank nodes they stand for."""
    assert report.graph is not None

    def term(node: Any) -> Any:
        converted = to_rdflib(node)
        if isinstance(converted, URIRef) and str(converted).startswith(POINTER_IRI):
            return BNode(str(converted)[len(POINTER_IRI) :])
        return converted

    return _graph((term(q.subject), term(q.predicate), term(q.object)) for q in report.graph.store)


def accepted(report: FileReport) -> bool:
    return report.graph is not None and not any(f.severity is Severity.ERROR for f in report.findings)


def validate(data: Any, validator: Validator = VALIDATOR) -> FileReport:
    return validator.validate_text(json.dumps(data, ensure_ascii=False, indent=2), "attack.jsonld", "json")


def refused_with(report: FileReport, code: str, pointer: str) -> None:
    """The finding is there, located, and the document went no further than the stage that found it."""
    found = [f for f in report.findings if f.code == code and f.pointer == pointer]
    assert found, [(f.code, f.pointer) for f in report.findings]
    assert found[0].line is not None and found[0].column is not None
    assert found[0].severity is Severity.ERROR
    assert "rules" not in report.stages_run
    assert not accepted(report)


# --- (a) attacks -------------------------------------------------------------------------------

REDEFINITIONS: dict[str, Any] = {
    "access_level": {"access_level": "https://evil.example/nothing"},
    "datasets": {"datasets": "https://evil.example/other"},
    "Convention": {"Convention": "https://evil.example/NotAnAgreement"},
    "id": {"id": "https://evil.example/identifier"},
    "organisation prefix": {"organisation": "https://evil.example/organisation/"},
    "qpv prefix": {"qpv": "https://evil.example/qpv/"},
}
CONTEXT_ATTACKS: dict[str, Any] = {
    **REDEFINITIONS,
    "@vocab": {"@vocab": "https://evil.example/"},
    "@base": {"@base": "https://evil.example/"},
    "@protected false": {"@protected": False, "access_level": {"@id": "https://evil.example/x"}},
    "@import": {"@import": "https://evil.example/context.jsonld"},
    "@propagate": {"@propagate": False},
    "@version only": {"@version": 1.1},
    "null": None,
    "second URL": "https://evil.example/context.jsonld",
    "the same URL again": URL,
}


@pytest.mark.parametrize("attack", CONTEXT_ATTACKS.values(), ids=list(CONTEXT_ATTACKS))
def test_a_context_beside_the_standard_one_is_refused(attack: Any) -> None:
    document = copy.deepcopy(BASE)
    document["@context"] = [URL, attack]
    refused_with(validate(document), "CV205", "/@context/1")


BEFORE = {name: attack for name, attack in CONTEXT_ATTACKS.items() if attack != URL}


@pytest.mark.parametrize("attack", BEFORE.values(), ids=list(BEFORE))
def test_a_context_before_the_standard_one_is_refused(attack: Any) -> None:
    document = copy.deepcopy(BASE)
    document["@context"] = [attack, URL]
    refused_with(validate(document), "CV201", "/@context")


@pytest.mark.parametrize("attack", REDEFINITIONS.values(), ids=list(REDEFINITIONS))
def test_the_standard_context_alone_is_refused_as_a_second_entry_of_a_released_version(attack: Any) -> None:
    document = copy.deepcopy(BASE_0_1)
    document["@context"] = [document["@context"], attack]
    refused_with(validate(document), "CV205", "/@context/1")


@pytest.mark.parametrize(
    "name", ["access_level", "datasets", "Convention", "id", "organisation prefix"], ids=lambda name: name
)
def test_each_refused_redefinition_really_changes_the_graph_a_processor_reads(name: str) -> None:
    """Why they are refused: pyld reads another graph than the one the validator would check."""
    document = copy.deepcopy(BASE)
    document["@context"] = [URL, REDEFINITIONS[name]]
    expected = validator_graph(validate(BASE, GRAPH_VALIDATOR))
    assert not same_graph(pyld_graph(document), expected)


@pytest.mark.parametrize(
    "pointer",
    ["/datasets/0", "/datasets/2/usage_policy", "/parties/1/contacts/0", "/city_contract"],
)
@pytest.mark.parametrize("attack", [{"access_level": "https://evil.example/x"}, {"@vocab": "https://e.example/"}, None])
def test_a_nested_context_is_refused(pointer: str, attack: Any) -> None:
    document = copy.deepcopy(BASE)
    container, key = parent_of(document, pointer)
    container[key]["@context"] = attack
    refused_with(validate(document), "CV205", f"{pointer}/@context")


def test_a_nested_context_is_located_in_yaml() -> None:
    data = load_path(ROOT / "examples" / "valid" / "grand-auch.yaml").data
    data["datasets"][0]["@context"] = {"datasets": "https://evil.example/d"}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    report = VALIDATOR.validate_text(text, "attack.yaml", "yaml")
    refused_with(report, "CV205", "/datasets/0/@context")
    finding = next(f for f in report.findings if f.code == "CV205")
    assert finding.line is not None
    assert "@context" in text.splitlines()[finding.line - 1]


def test_the_inline_context_is_located_on_its_line() -> None:
    document = copy.deepcopy(BASE)
    document["@context"] = [URL, {"access_level": "https://evil.example/nothing"}]
    text = json.dumps(document, ensure_ascii=False, indent=2)
    report = VALIDATOR.validate_text(text, "attack.jsonld", "json")
    finding = next(f for f in report.findings if f.code == "CV205")
    assert finding.line is not None
    assert text.splitlines()[finding.line - 1].strip() == "{"
    assert '"access_level"' in text.splitlines()[finding.line]


SCHEMES = ["javascript:alert(1)", "file:///etc/passwd", "data:,x", "urn:x-evil:1", "mailto:dpo@exemple.fr"]
SIRENS = {"fullwidth": "１７９７３００１５", "arabic-indic": "١٧٩٧٣٠٠١٥", "extended arabic-indic": "۱۷۹۷۳۰۰۱۵"}


@pytest.mark.parametrize("identifier", SCHEMES)
def test_an_identifier_of_another_scheme_is_refused_by_the_schema(identifier: str) -> None:
    for pointer in ("/id", "/parties/0/id", "/datasets/0/id", "/datasets/0/usage_policy/id"):
        document = copy.deepcopy(BASE)
        container, key = parent_of(document, pointer)
        container[key] = identifier
        refused_with(validate(document), "CV105", pointer)


@pytest.mark.parametrize("identifier", [*SCHEMES, "Ville de Cayenne", "organisation://evil.example/x", "_:b0"])
def test_a_reference_or_address_of_another_scheme_is_cv206(identifier: str) -> None:
    for pointer in ("/datasets/0/producer", "/datasets/1/sharing/recipients/0", "/replaces"):
        document = copy.deepcopy(BASE)
        container, key = parent_of(document, pointer) if pointer != "/replaces" else (document, "replaces")
        container[key] = identifier
        refused_with(validate(document), "CV206", pointer)


@pytest.mark.parametrize("identifier", SCHEMES)
def test_an_identifier_of_another_scheme_is_cv206_in_a_released_version(identifier: str) -> None:
    """0.1.0 keeps its published JSON Schema: the graph stage closes the hole for it."""
    document = copy.deepcopy(BASE_0_1)
    document["id"] = identifier
    refused_with(validate(document), "CV206", "/id")


@pytest.mark.parametrize("digits", SIRENS.values(), ids=list(SIRENS))
def test_a_siren_in_non_ascii_digits_is_refused(digits: str) -> None:
    document = copy.deepcopy(BASE)
    document["parties"][0]["siren"] = digits
    refused_with(validate(document), "CV105", "/parties/0/siren")
    document = copy.deepcopy(BASE)
    document["parties"][0]["id"] = f"organisation:{digits}"
    refused_with(validate(document), "CV105", "/parties/0/id")
    document = copy.deepcopy(BASE)
    document["datasets"][0]["producer"] = f"organisation:{digits}"
    refused_with(validate(document), "CV206", "/datasets/0/producer")
    old = copy.deepcopy(BASE_0_1)
    old["parties"][0]["id"] = f"organisation:{digits}"
    refused_with(validate(old), "CV206", "/parties/0/id")


# --- the schema, the shapes and the code agree on identifiers ----------------------------------


def _id_pattern() -> str:
    pattern: str = CURRENT.json_schema["$defs"]["Party"]["properties"]["id"]["pattern"]
    return pattern


def test_the_id_pattern_names_exactly_the_prefixes_of_the_context() -> None:
    match = re.search(r"\|\(([a-z|-]+)\):", _id_pattern())
    assert match is not None
    assert set(match.group(1).split("|")) == IntegrityCheck(CURRENT).prefixes


def test_the_shapes_check_identifiers_with_the_json_schema_pattern() -> None:
    shapes = Graph().parse(CURRENT.path("shacl"), format="turtle")
    assert {str(p) for p in shapes.objects(None, SH.pattern) if str(p).startswith("^(https?://")} == {_id_pattern()}


IDENTIFIERS = [
    *SCHEMES,
    *(f"organisation:{digits}" for digits in SIRENS.values()),
    "https://www.auch.fr/contrat-de-ville/2024-2030",
    "http://exemple.fr/a?b=c#d",
    "https://exemple.fr/%C3%A9",
    "https://exemple.fr/%zz",
    "https://exemple.fr/a b",
    "https://exemple.fr/<x>",
    "organisation:213200132",
    "organisation://evil.example",
    "qpv:QN03201M",
    "dpv:Contract",
    "eu-dga:DataAltruism",
    "unknown:thing",
    "relative/path",
    "",
]


@pytest.mark.parametrize("identifier", IDENTIFIERS)
def test_schema_pattern_and_graph_check_agree_on_ascii_identifiers(identifier: str) -> None:
    in_schema = re.fullmatch(_id_pattern(), identifier) is not None
    in_code = IntegrityCheck(CURRENT).is_identifier(identifier) and identifier.isascii()
    assert in_schema == in_code


# --- (b) the same graph for every processor ----------------------------------------------------


def test_the_graph_comparison_is_isomorphism() -> None:
    from rdflib.compare import isomorphic

    first = validator_graph(validate(BASE_0_1, GRAPH_VALIDATOR))
    renamed: dict[Any, Any] = {node: BNode() for node in first.all_nodes() if isinstance(node, BNode)}
    second = _graph(tuple(renamed.get(term, term) for term in triple) for triple in first)
    assert renamed and same_graph(first, second) and isomorphic(first, second)
    second.remove(next(iter(second)))
    assert not same_graph(first, second) and not isomorphic(first, second)


@pytest.mark.parametrize("path", ACCEPTED, ids=[str(p.relative_to(ROOT)) for p in ACCEPTED])
def test_every_processor_reads_the_validators_graph_of_every_valid_example(path: Path) -> None:
    report = GRAPH_VALIDATOR.validate_file(path)
    assert accepted(report), [f.message for f in report.findings]
    expected = validator_graph(report)
    data = load_path(path).data
    for name, processor in PROCESSORS.items():
        assert same_graph(processor(data), expected), name


HOSTILE_STRINGS = [
    *SCHEMES,
    *SIRENS.values(),
    "organisation:213200132",
    "organisation:179730015",
    "organisation://evil.example/x",
    "qpv:QN97301M",
    "dpv:Contract",
    "odrl:Agreement",
    "_:b0",
    "//evil.example/x",
    "relative/path",
    "#fragment",
    "",
    " ",
    "@id",
    "@type",
    "@context",
    "@vocab",
    "Convention",
    "PUBLIC",
    "https://exemple.fr/é",
    "https://exemple.fr/a b",
    "https://exemple.fr/%zz",
    "http://exemple.fr/x",
    "2025-02-30",
    "P5Y",
    "QN97301M",
]
PREFIXES = sorted(IntegrityCheck(CURRENT).prefixes)
ASCII_LOCAL = st.text(alphabet="aZ09._~-!$&'()*+,;=:/?#@", min_size=1, max_size=12)
NEW_IDENTIFIERS = st.one_of(
    st.builds("organisation:{}".format, st.text(alphabet="0123456789", min_size=9, max_size=9)),
    st.builds("{}:{}".format, st.sampled_from(PREFIXES), ASCII_LOCAL),
    st.builds(
        "{}://{}/{}".format,
        st.sampled_from(["https", "http"]),
        st.sampled_from(["exemple.fr", "www.auch.fr", "xn--mairie-vry-b7a.fr", "exemple.fr:8443"]),
        ASCII_LOCAL | st.text(max_size=8),
    ),
    st.sampled_from(HOSTILE_STRINGS),
)
TEXTS = st.text(max_size=24) | st.sampled_from(HOSTILE_STRINGS) | NEW_IDENTIFIERS
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=0, max_value=1e6).filter(lambda x: x == 0 or x >= 1e-4),
    st.sampled_from([0.5, 1800.5, 1800.0, 1e6, 0.1, 2.5e-3]),
)
ANY_VALUE = TEXTS | NUMBERS | st.booleans() | st.none()
CONTEXTS = st.sampled_from([None, URL, "https://evil.example/c.jsonld", *CONTEXT_ATTACKS.values()])
POINTERS = all_pointers(BASE)
LEAVES = [p for p in POINTERS if not isinstance(value_at(BASE, p), (dict, list))]


def _free_text_keys() -> frozenset[str]:
    """Keys whose value the JSON Schema leaves free: a string without pattern, format nor list of values."""
    keys = set()
    for definition in CURRENT.json_schema["$defs"].values():
        for key, rule in definition.get("properties", {}).items():
            types = rule.get("type")
            if types in ("string", ["string", "null"]) and not {"pattern", "format", "enum", "$ref"} & set(rule):
                keys.add(key)
    return frozenset(keys - IntegrityCheck(CURRENT).iri_terms)


TEXT_LEAVES = [p for p in LEAVES if p.rsplit("/", 1)[1] in _free_text_keys()]
OBJECTS = [p for p in POINTERS if isinstance(value_at(BASE, p), dict)]
IN_BASE = sorted({v for _, v in iri_values(BASE, IntegrityCheck(CURRENT).iri_terms) if isinstance(v, str)})


def _like(original: Any) -> st.SearchStrategy[Any]:
    """Mostly a value of the same JSON type as the original (so that many documents stay valid)."""
    if isinstance(original, bool):
        return st.booleans() | ANY_VALUE
    if isinstance(original, (int, float)):
        return NUMBERS | ANY_VALUE
    return TEXTS | ANY_VALUE


def _rename(node: Any, old: str, new: str) -> Any:
    """Every string equal to `old` (an identifier and the references to it) becomes `new`."""
    if isinstance(node, dict):
        return {k: _rename(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(v, old, new) for v in node]
    return new if node == old else node


def _mutate(document: dict[str, Any], data: st.DataObject) -> tuple[dict[str, Any], bool]:
    """One mutation; True when it put a context other than the standard URL alone."""
    kind = data.draw(st.sampled_from(["text", "text", "text", "set", "rename", "rename", "nest", "extend"]))
    if kind == "extend":
        document["@context"] = [URL, data.draw(CONTEXTS)]
        return document, True
    if kind == "rename":
        return _rename(document, data.draw(st.sampled_from(IN_BASE)), data.draw(NEW_IDENTIFIERS)), False
    candidates = {"text": TEXT_LEAVES, "set": LEAVES, "nest": OBJECTS}[kind]
    pointers = [p for p in candidates if value_at(document, p) is not None]
    if not pointers:
        return document, False
    pointer = data.draw(st.sampled_from(pointers))
    container, key = parent_of(document, pointer)
    if kind == "text":
        container[key] = data.draw(TEXTS)
        return document, False
    if kind == "set":
        container[key] = data.draw(_like(container[key]))
        return document, False
    if isinstance(container[key], dict):
        container[key]["@context"] = data.draw(CONTEXTS)
        return document, True
    return document, False


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], report_multiple_bugs=False)
@given(data=st.data(), count=st.integers(min_value=1, max_value=3))
def test_whatever_the_validator_accepts_every_processor_reads_the_same_graph(data: st.DataObject, count: int) -> None:
    document, changed_context = copy.deepcopy(BASE), False
    for _ in range(count):
        document, changed = _mutate(document, data)
        changed_context = changed_context or changed
    report = validate(document, GRAPH_VALIDATOR)
    event("accepted" if accepted(report) else "refused")
    if changed_context:
        assert not accepted(report)
    if not accepted(report):
        return
    expected = validator_graph(report)
    for name, processor in PROCESSORS.items():
        assert same_graph(processor(document), expected), name
