"""The business rules (schema/rules/clauses-data.rules.ttl) and the findings catalogue.

The rules are standard SHACL (Core and SHACL-SPARQL); they run here with pyshacl, without
SHACL Advanced Features, together with the generated shapes, on the RDF graph of each
example. Every result is traced back to its finding code (cdata:findingCode of its source
shape; the generated reference shapes map to CV312, any other generated shape to CV300)
and to a JSON pointer in the source document.
"""

from __future__ import annotations

import copy
import json
import logging
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
import pytest
import yaml
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from support import (
    INVALID,
    ROOT,
    VALID,
    context,
    load_document,
    load_expected,
    shapes,
    to_graph,
)

logging.getLogger("rdflib").setLevel(logging.CRITICAL)
SH = Namespace("http://www.w3.org/ns/shacl#")
CDATA = Namespace("https://w3id.org/clauses-data/")
RULES = ROOT / "schema" / "rules" / "clauses-data.rules.ttl"
CATALOGUE = ROOT / "src" / "convention_validator" / "catalogue" / "findings.yaml"
AUCH = ROOT / "examples" / "valid" / "grand-auch.jsonld"
RULE_EXAMPLES = [p for p in INVALID if load_expected(p)["stage"] == "rules"]
XSD_DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")
SEVERITIES = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}
STAGES = {"read", "structure", "graph", "rules", "reference"}
LANGS = ("fr", "en")
FIELDS = (
    "stage",
    "severity",
    "title",
    "message",
    "params",
    "fix",
    "rationale",
    "legal_sources",
    "failing",
    "passing",
)
# The parameters the validator fills for each code outside the rules stage (its contract).
PARAMS = {
    "CV001": {"detail"},
    "CV002": {"detail"},
    "CV003": {"detail"},
    "CV004": {"key"},
    "CV005": {"found"},
    "CV006": {"size", "limit"},
    "CV007": {"limit"},
    "CV008": {"detail"},
    "CV009": {"limit"},
    "CV101": {"key"},
    "CV102": {"value", "expected"},
    "CV103": {"key", "suggestion", "closest"},
    "CV104": {"value"},
    "CV105": {"value", "expected"},
    "CV106": {"value", "allowed"},
    "CV107": {"value", "limit"},
    "CV108": {"key"},
    "CV109": {"value", "allowed"},
    "CV201": {"value"},
    "CV202": {"found"},
    "CV203": {"detail"},
    "CV204": {"value", "expected"},
    "CV205": {"value"},
    "CV206": {"value"},
    "CV300": {"detail"},
    "CV401": {"value"},
    "CV402": {"value", "territory"},
    "CV403": {"value", "territory"},
    "CV404": {"value"},
    "CV405": {"value", "expected"},
    "CV406": {"value"},
    "CV407": {"value"},
}
# The rules stage fills these for CV301-CV336.
RULE_PARAMS = {"value", "dataset", "key", "detail"}
# parameters given to machines (JSON, SARIF) but not written in the text: CV103's raw closest key,
# which the text names through `closest` only when there is one
DATA_ONLY_PARAMS = {"CV103": {"suggestion"}}
RULE_CODES = {f"CV{n}" for n in [*range(301, 315), *range(320, 326), *range(330, 352)]}


# --- running the shapes and rules --------------------------------------------------------------

_PREPARED: dict[tuple[str, str | None, tuple[tuple[str, Any], ...]], Query] = {}


def _prepared_query(
    self: SPARQLProcessor,
    query: str | Query,
    initBindings: Mapping[str, Identifier] | None = None,
    initNs: Mapping[str, Any] | None = None,
    base: str | None = None,
    DEBUG: bool = False,
) -> Mapping[str, Any]:
    """rdflib's SPARQLProcessor.query, parsing each distinct query text once.

    pyshacl hands rdflib the text of a SPARQL constraint for every focus node, and rdflib
    parses it every time: parsing is nine tenths of the cost of the rules. The parsed query
    is reusable with other initial bindings (it is what rdflib's prepareQuery returns).
    """
    if isinstance(query, str):
        key = (query, base, tuple(sorted((initNs or {}).items())))
        if key not in _PREPARED:
            _PREPARED[key] = translateQuery(parseQuery(query), base, initNs)
        query = _PREPARED[key]
    return evalQuery(self.graph, query, initBindings or {}, base)


@pytest.fixture(autouse=True, scope="module")
def _parse_each_query_once() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SPARQLProcessor, "query", _prepared_query)
        yield


@cache
def rules() -> Graph:
    return Graph().parse(RULES, format="turtle")


@cache
def shapes_and_rules() -> Graph:
    graph = Graph()
    graph += shapes()
    graph += rules()
    return graph


@dataclass(frozen=True)
class Result:
    code: str
    severity: str
    pointer: str
    value: str


def _code_of(shapes_graph: Graph, source: Node) -> str:
    code = shapes_graph.value(source, CDATA.findingCode)
    if code is not None:
        return str(code)
    targets = {str(n) for n in shapes_graph.objects(source, SH.node)}
    if targets & {str(CDATA.PartyReferenceShape), str(CDATA.DatasetReferenceShape)}:
        return "CV312"
    return "CV300"


def validate(document: dict[str, Any]) -> list[Result]:
    """Top-level results (not the nested sh:detail ones) with their code and JSON pointer."""
    graph = to_graph(document)
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes_and_rules(), inference="none")
    assert isinstance(report, Graph)
    pointers = Pointers(document, graph)
    results = []
    for top in report.subjects(RDF.type, SH.ValidationReport):
        for result in report.objects(top, SH.result):
            source = report.value(result, SH.sourceShape)
            assert source is not None
            focus = report.value(result, SH.focusNode)
            path = report.value(result, SH.resultPath)
            value = report.value(result, SH.value)
            severity = report.value(result, SH.resultSeverity)
            results.append(
                Result(
                    code=_code_of(shapes_and_rules(), source),
                    severity=SEVERITIES[severity] if isinstance(severity, URIRef) else "?",
                    pointer=pointers.of(focus, path, value),
                    value="" if value is None or isinstance(value, BNode) else str(value),
                )
            )
    return results


def _expand(term: str) -> str:
    ctx = context()["@context"]
    prefix, sep, local = term.partition(":")
    if sep and isinstance(ctx.get(prefix), str):
        return str(ctx[prefix]) + local
    if sep:  # an absolute IRI
        return term
    return str(ctx["@vocab"]) + term


@cache
def _iri_of_key() -> dict[str, str]:
    found = {}
    for key, entry in context()["@context"].items():
        if isinstance(entry, dict) and isinstance(entry.get("@id"), str):
            found[key] = _expand(entry["@id"])
    return found


class Pointers:
    """Maps the graph's nodes back to JSON pointers by walking the document and the graph together."""

    def __init__(self, document: dict[str, Any], graph: Graph) -> None:
        self.document = document
        self.graph = graph
        self.nodes: dict[Node, tuple[str, dict[str, Any]]] = {}
        self._walk(document, URIRef(_expand(document["id"])), "")

    def _walk(self, obj: dict[str, Any], node: Node, pointer: str) -> None:
        self.nodes[node] = (pointer, obj)
        for key, value in obj.items():
            iri = _iri_of_key().get(key)
            if iri is None:
                continue
            items = value if isinstance(value, list) else [value]
            candidates = list(self.graph.objects(node, URIRef(iri)))
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                child_pointer = f"{pointer}/{key}" + (f"/{index}" if isinstance(value, list) else "")
                child = URIRef(_expand(item["id"])) if "id" in item else self._match(item, candidates)
                if child is not None:
                    self._walk(item, child, child_pointer)

    def _match(self, item: dict[str, Any], candidates: list[Node]) -> Node | None:
        """The blank node whose literal values best match the JSON object's scalar values."""
        scalars = {str(v) for v in item.values() if isinstance(v, str | int | float | bool)}
        scalars |= {str(x) for v in item.values() if isinstance(v, list) for x in v if isinstance(x, str)}

        def overlap(node: Node) -> int:
            literals = {str(o) for o in self.graph.objects(node, None) if isinstance(o, Literal)}
            return len(literals & scalars)

        blank = [c for c in candidates if isinstance(c, BNode) and c not in self.nodes]
        return max(blank, key=overlap) if blank else None

    def of(self, focus: Node | None, path: Node | None, value: Node | None = None) -> str:
        if focus not in self.nodes:
            return f"?{focus}"
        pointer, obj = self.nodes[focus]
        if isinstance(path, URIRef):
            present = [k for k in obj if _iri_of_key().get(k) == str(path)]
            if present:
                key = present[0]
                index = _index_of(obj[key], value)
                return f"{pointer}/{key}" + ("" if index is None else f"/{index}")
        return pointer


def _index_of(items: Any, value: Node | None) -> int | None:
    """The position of a flagged value in a list of scalars (enum codes end the IRIs they stand for)."""
    if not isinstance(items, list) or value is None or isinstance(value, BNode):
        return None
    text = str(value)
    for index, item in enumerate(items):
        if isinstance(item, str) and (text == item or text.endswith(("/" + item, "#" + item, ":" + item))):
            return index
    return None


def rule_results(document: dict[str, Any], *, with_info: bool = False) -> list[Result]:
    return [r for r in validate(document) if r.code in RULE_CODES and (with_info or r.severity != "info")]


def auch() -> dict[str, Any]:
    document = load_document(AUCH)
    assert isinstance(document, dict)
    return copy.deepcopy(document)


# --- the rules file itself ----------------------------------------------------------------------


def test_every_rule_shape_has_code_severity_and_messages() -> None:
    graph = rules()
    rule_shapes = set(graph.subjects(CDATA.findingCode, None))
    assert len(rule_shapes) >= 20
    for shape in rule_shapes:
        assert isinstance(shape, URIRef) and str(shape).startswith(str(CDATA) + "rule-CV"), shape
        code = str(graph.value(shape, CDATA.findingCode))
        assert str(shape).removeprefix(str(CDATA) + "rule-").split("-")[0] == code, shape
        assert graph.value(shape, SH.severity) in SEVERITIES, shape
        languages = {m.language for m in graph.objects(shape, SH.message) if isinstance(m, Literal)}
        assert languages == set(LANGS), shape
        targets = [SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf]
        assert any(graph.value(shape, t) is not None for t in targets), shape


def test_rules_use_no_shacl_advanced_features() -> None:
    advanced = {SH.rule, SH.target, SH.condition, SH.SPARQLTarget, SH.SPARQLRule, SH.TripleRule, SH.SPARQLFunction}
    used = set(rules().predicates()) | set(rules().objects(None, RDF.type))
    assert not used & advanced


def test_every_rule_code_of_the_brief_has_a_shape() -> None:
    codes = {str(c) for c in rules().objects(None, CDATA.findingCode)}
    assert codes == RULE_CODES - {"CV312"}


# --- examples ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_example_raises_no_rule_finding(path: Path) -> None:
    assert validate(load_document(path)) == []


@pytest.mark.parametrize("path", RULE_EXAMPLES, ids=[p.name for p in RULE_EXAMPLES])
def test_invalid_rule_example_yields_exactly_its_finding(path: Path) -> None:
    expected = load_expected(path)
    results = [r for r in validate(load_document(path)) if r.severity != "info"]
    assert {(r.code, r.severity, r.pointer) for r in results} == {
        (expected["code"], expected["severity"], expected["pointer"])
    }


def test_every_rule_code_of_the_examples_is_in_the_rules() -> None:
    codes = {str(c) for c in rules().objects(None, CDATA.findingCode)} | {"CV312"}
    assert {load_expected(p)["code"] for p in RULE_EXAMPLES} <= codes


# --- rules without an invalid example, on variants of the Auch convention ----------------------

LANDLORD = 2  # the landlord's restricted dataset


def _personal(document: dict[str, Any], kind: str = "PSEUDONYMISED") -> dict[str, Any]:
    protection: dict[str, Any] = document["datasets"][LANDLORD]["protection"]
    protection.update(
        personal_data=kind,
        legal_bases=["A6-1-e"],
        national_legal_basis=[{"title": "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville"}],
        gdpr_roles=[{"party": document["datasets"][LANDLORD]["producer"], "gdpr_role": "CONTROLLER"}],
        technical_measures=["AccessControlMethod"],
        retention_period="P3Y",
    )
    protection.pop("statistical_secrecy_threshold", None)
    return protection


def _codes(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(r.code, r.pointer) for r in rule_results(document)}


def test_open_public_data_without_licence_is_cv350() -> None:
    """The CRPA does not oblige a licence (L323-1): its absence is a warning, not CV302."""
    document = auch()
    del document["datasets"][0]["sharing"]["licence"]
    assert _codes(document) == {("CV350", "/datasets/0/sharing")}
    assert {r.severity for r in rule_results(document)} == {"warning"}


def test_open_public_data_under_odbl_passes() -> None:
    document = auch()
    document["datasets"][0]["sharing"]["licence"] = "ODbL-1.0"
    assert _codes(document) == set()


def test_open_private_data_need_no_crpa_licence() -> None:
    document = auch()
    document["datasets"][0]["category"] = "PRIVATE_GENERAL_INTEREST_DATA"
    document["datasets"][0]["producer"] = document["datasets"][LANDLORD]["producer"]
    sharing = document["datasets"][0]["sharing"]
    sharing.update(licence="CC-BY-4.0", mobilisation_mechanism="DATA_PHILANTHROPY")
    sharing["ip_holders"] = [document["datasets"][LANDLORD]["producer"]]
    assert _codes(document) == set()


def test_delegated_public_service_data_under_cc_by_is_cv302() -> None:
    """Data of a delegated public service are public data: D323-2-1 lists their licences too."""
    document = auch()
    document["datasets"][0]["category"] = "DELEGATED_PUBLIC_SERVICE_DATA"
    document["datasets"][0]["sharing"]["licence"] = "CC-BY-4.0"
    assert _codes(document) == {("CV302", "/datasets/0/sharing/licence")}


def test_special_category_flag_alone_is_not_personal_data() -> None:
    """Aggregated health statistics stay anonymous data: art. 9 applies to personal data only (art. 4.1)."""
    document = auch()
    document["datasets"][0]["protection"]["special_category_data"] = True
    assert _codes(document) == set()


def test_special_category_personal_data_need_an_article_9_exception() -> None:
    document = auch()
    _personal(document)["special_category_data"] = True
    assert "CV307" in {code for code, _ in _codes(document)}


def test_identifying_data_need_every_safeguard() -> None:
    document = auch()
    document["datasets"][LANDLORD]["protection"] = {"personal_data": "IDENTIFYING"}
    assert {code for code, _ in _codes(document)} == {"CV303", "CV304", "CV305", "CV306"}


def test_lawful_pseudonymised_data_pass() -> None:
    document = auch()
    _personal(document)
    assert _codes(document) == set()


@pytest.mark.parametrize(
    ("duration", "flagged"),
    [
        ("P10Y", False),
        ("P120M", False),
        ("P11Y", True),
        ("P121M", True),
        ("P10Y1M", True),
        ("P9Y13M", True),
        ("P3650D", False),
        ("P3660D", True),  # durations are compared by value, whatever their unit
        ("P520W", False),
        ("P530W", True),
        ("P1Y", False),
    ],
)
def test_retention_over_ten_years_is_cv314(duration: str, flagged: bool) -> None:
    document = auch()
    _personal(document)["retention_period"] = duration
    expected = {("CV314", f"/datasets/{LANDLORD}/protection/retention_period")} if flagged else set()
    assert _codes(document) == expected
    if flagged:
        [result] = rule_results(document)
        assert result.severity == "warning"
        assert result.value == str(Literal(duration, datatype=XSD_DURATION))  # rdflib normalises P121M to P10Y1M


def test_long_retention_of_aggregates_is_not_cv314() -> None:
    document = auch()
    document["datasets"][LANDLORD]["protection"]["retention_period"] = "P20Y"
    assert _codes(document) == set()


def test_closed_data_without_recipients_or_purposes() -> None:
    document = auch()
    sharing = document["datasets"][LANDLORD]["sharing"]
    sharing["access_level"] = "NON_PUBLIC"
    del sharing["recipients"], sharing["purposes"]
    pointer = f"/datasets/{LANDLORD}/sharing"
    assert _codes(document) == {("CV351", pointer), ("CV311", pointer)}
    _personal(document)
    assert _codes(document) == {("CV310", pointer), ("CV311", pointer)}


def test_local_purposes_are_purposes() -> None:
    document = auch()
    sharing = document["datasets"][LANDLORD]["sharing"]
    del sharing["purposes"]
    sharing["local_purposes"] = [
        {"title": "Conférence intercommunale du logement", "broader_purpose": "PublicPolicyMaking"}
    ]
    assert _codes(document) == set()


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda d: d["period"].update(start_date="2023-09-01"), "/period/start_date"),
        (lambda d: d["datasets"][1].update(first_available_on="2031-01-15"), "/datasets/1/first_available_on"),
        (
            lambda d: d["datasets"][3]["production_period"].update(end_date="2031-12-31"),
            "/datasets/3/production_period/end_date",
        ),
    ],
    ids=["agreement-start", "available-after", "production-end"],
)
def test_dates_outside_the_contract_term_are_cv313(change: Any, pointer: str) -> None:
    document = auch()
    change(document)
    assert _codes(document) == {("CV313", pointer)}


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["datasets"][1].update(first_available_on="2023-12-31"),
        lambda d: d["datasets"][3]["production_period"].update(start_date="2022-01-01"),
        lambda d: d["framework"]["work_programme"][1].update(due_date="2031-06-30"),
    ],
    ids=["available-before", "production-start", "due-date"],
)
def test_existing_data_and_late_evaluations_are_lawful(change: Any) -> None:
    """Data that existed before the contract, or an evaluation due after its term, break no rule."""
    document = auch()
    change(document)
    assert _codes(document) == set()


def test_dates_on_the_contract_bounds_pass() -> None:
    document = auch()
    document["period"] = {"start_date": "2024-01-01", "end_date": "2030-12-31"}
    document["datasets"][0]["first_available_on"] = "2030-12-31"
    document["framework"]["work_programme"][0]["due_date"] = "2030-12-31"
    assert _codes(document) == set()


def test_delegated_public_service_data_at_epci_scale_is_cv320() -> None:
    document = auch()
    document["datasets"][1]["category"] = "DELEGATED_PUBLIC_SERVICE_DATA"
    document["datasets"][1]["sharing"]["licence"] = "ODbL-1.0"
    document["datasets"][1]["spatial_granularity"] = "EPCI"
    [result] = rule_results(document)
    assert (result.code, result.pointer, result.severity) == ("CV320", "/datasets/1/spatial_granularity", "warning")


def test_private_data_at_commune_scale_are_not_cv320() -> None:
    document = auch()
    document["datasets"][1]["category"] = "PRIVATE_GENERAL_INTEREST_DATA"
    document["datasets"][1]["spatial_granularity"] = "COMMUNE"
    assert "CV320" not in {code for code, _ in _codes(document)}


def test_anonymised_data_without_threshold_is_cv321() -> None:
    document = auch()
    protection = document["datasets"][4]["protection"]
    protection["personal_data"] = "ANONYMISED"
    assert _codes(document) == {("CV321", "/datasets/4/protection")}


def test_missing_producer_or_user_role_is_cv322() -> None:
    document = auch()
    for party in document["parties"]:
        party["roles"] = [r for r in party["roles"] if r != "DATA_USER"]
    assert _codes(document) == {("CV322", "/parties")}
    for party in document["parties"]:
        party["roles"] = [r for r in party["roles"] if r != "DATA_PRODUCER"]
    assert [r.code for r in rule_results(document)] == ["CV322", "CV322"]


def test_a_state_service_that_does_not_sign_is_cv323() -> None:
    document = auch()
    document["parties"][0]["party_type"] = "DEPARTEMENT"
    assert _codes(document) == {("CV323", "/parties")}


@pytest.mark.parametrize(
    ("email", "flagged"),
    [
        ("marie.dupont@mairie-auch.fr", True),
        ("Marie.Dupont@mairie-auch.fr", True),
        ("jean-pierre.martin@gers.gouv.fr", True),
        ("marie.dupont-durand@gers.gouv.fr", True),
        ("mailto:helene.lefevre@caf.fr", True),
        ("dpo@gers.gouv.fr", False),
        ("donnees@nantesmetropole.fr", False),
        ("politique-de-la-ville@gers.gouv.fr", False),
        ("cohesion-sociale@grand-auch.fr", False),
        ("renovation-urbaine@grand-auch.fr", False),
        ("statistiques.guyane@francetravail.fr", False),
        ("contact.quartiers@mairie-auch.fr", False),
        ("dpo.caf32@caf.fr", False),
        ("m.dupont@mairie-auch.fr", False),
        ("cellule-donnees@mairie-auch.fr", False),
    ],
)
def test_personal_contact_address_is_cv324(email: str, flagged: bool) -> None:
    document = auch()
    document["parties"][1]["contacts"][0]["email"] = email
    expected = {("CV324", "/parties/1/contacts/0/email")} if flagged else set()
    assert _codes(document) == expected


def test_placeholder_rule_targets_every_object_of_the_convention() -> None:
    """CV325 reads the convention and every nested object: the targets of all the generated shapes."""
    targets = {(p, o) for p in (SH.targetClass, SH.targetObjectsOf) for o in rules().objects(CDATA["rule-CV325"], p)}
    nested = set(shapes().objects(None, SH.targetObjectsOf))
    assert nested and {o for p, o in targets if p == SH.targetObjectsOf} == nested
    assert {o for p, o in targets if p == SH.targetClass} == {URIRef("http://www.w3.org/ns/odrl/2/Agreement")}


def _draft(document: dict[str, Any]) -> dict[str, Any]:
    document["status"] = "DRAFT"
    del document["signed_on"]
    return document


def test_placeholder_in_a_signed_convention_is_cv349() -> None:
    """Signed with a blank left open, the content is not determined (Code civil, art. 1163)."""
    document = auch()
    document["datasets"][1]["description"] = "À COMPLÉTER : contenu du jeu de données"
    [result] = rule_results(document)
    assert (result.code, result.severity, result.pointer) == ("CV349", "error", "/datasets/1/description")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("À COMPLÉTER : contenu du jeu de données", True),
        ("Effectifs scolarisés — à compléter", True),
        ("A COMPLETER", True),
        ("(a  completer)", True),
        ("A\u00a0COMPLÉTER : contenu", True),  # no-break space
        ("A\u0300 COMPLE\u0301TER : contenu", True),  # decomposed accents (NFD)
        ("Tableau de bord que le comité pourra compléter chaque année.", False),
        ("Liste à jour, à la demande de la commune, complétée chaque année.", False),
        ("Indicateurs complémentaires", False),
    ],
)
def test_placeholder_text_is_cv325(text: str, flagged: bool) -> None:
    document = _draft(auch())
    document["datasets"][1]["description"] = text
    expected = {("CV325", "/datasets/1/description")} if flagged else set()
    assert _codes(document) == expected
    if flagged:
        [result] = rule_results(document)
        assert (result.severity, result.value) == ("warning", text)


def test_placeholders_give_one_cv325_per_node_and_property() -> None:
    document = _draft(auch())
    document["datasets"][1]["keywords"] = ["À COMPLÉTER : mot-clé 2", "emploi", "À COMPLÉTER : mot-clé 1"]
    document["datasets"][1]["title"] = "À COMPLÉTER : intitulé"
    document["parties"][0]["name"] = "Préfecture — à compléter"
    results = rule_results(document)
    assert sorted((r.code, r.pointer, r.value) for r in results) == [
        ("CV325", "/datasets/1/keywords/2", "À COMPLÉTER : mot-clé 1"),
        ("CV325", "/datasets/1/title", "À COMPLÉTER : intitulé"),
        ("CV325", "/parties/0/name", "Préfecture — à compléter"),
    ]


def test_recipient_not_a_party_is_cv312() -> None:
    document = auch()
    document["datasets"][LANDLORD]["sharing"]["recipients"].append("organisation:552100554")
    results = [r for r in validate(document) if r.severity != "info"]
    assert [(r.code, r.pointer) for r in results] == [("CV312", f"/datasets/{LANDLORD}/sharing/recipients")]


# --- the catalogue ------------------------------------------------------------------------------


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_catalogue_has_every_code() -> None:
    assert set(catalogue()) == set(PARAMS) | RULE_CODES


STANDARD_CONFORMANCE = {"CV300"}  # the standard's own shapes: a non-conforming document is not one of ours


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_catalogue_entry_is_complete(code: str) -> None:
    entry = catalogue()[code]
    assert tuple(entry) == FIELDS
    assert entry["stage"] in STAGES
    assert entry["severity"] in {"error", "warning", "info"}
    assert code[2] == {"read": "0", "structure": "1", "graph": "2", "rules": "3", "reference": "4"}[entry["stage"]]
    for field in ("title", "message", "fix", "rationale"):
        assert set(entry[field]) == set(LANGS), field
        for lang in LANGS:
            text = entry[field][lang]
            assert isinstance(text, str) and text.strip() and text == text.strip(), (field, lang)
            assert _placeholders(text) <= set(entry["params"]), (field, lang)
            string.Formatter().vformat(text, (), {p: "x" for p in entry["params"]})
    params = set(entry["params"])
    assert len(params) == len(entry["params"])
    if code in PARAMS:
        assert params == PARAMS[code]
    else:
        assert params <= RULE_PARAMS
    for lang in LANGS:  # every parameter is used, in both languages (bar the machine-readable companions)
        used = _placeholders(entry["message"][lang]) | _placeholders(entry["fix"][lang])
        assert params - DATA_ONLY_PARAMS.get(code, set()) == used, lang
    for source in entry["legal_sources"]:
        assert set(source) == {"text", "article", "url", "quote"}
        assert source["text"] and source["article"]
        assert source["url"].startswith(
            ("https://www.legifrance.gouv.fr/", "https://eur-lex.europa.eu/", "https://www.w3.org/")
        )
        assert source["quote"] or entry["stage"] == "reference", "a rule quotes the words it enforces"
    if entry["stage"] == "rules" and not entry["legal_sources"] and code not in STANDARD_CONFORMANCE:
        assert entry["severity"] != "error", "a rule with no legal source is at most a warning"


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_catalogue_snippets_are_json_fragments(code: str) -> None:
    entry = catalogue()[code]
    assert entry["passing"].strip() and entry["failing"].strip()
    assert entry["passing"] != entry["failing"]
    assert isinstance(json.loads("{" + entry["passing"] + "}"), dict)
    if entry["stage"] != "read":  # a read finding's failing snippet shows the defect itself
        assert isinstance(json.loads("{" + entry["failing"] + "}"), dict)


def test_catalogue_matches_the_rules() -> None:
    graph = rules()
    for shape, code in graph.subject_objects(CDATA.findingCode):
        entry = catalogue()[str(code)]
        assert entry["stage"] == "rules"
        severity = graph.value(shape, SH.severity)
        assert isinstance(severity, URIRef)
        assert entry["severity"] == SEVERITIES[severity], code


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_catalogue_matches_the_examples(path: Path) -> None:
    expected = load_expected(path)
    entry = catalogue()[expected["code"]]
    assert (entry["stage"], entry["severity"]) == (expected["stage"], expected["severity"])
