"""Every exported convention is a valid ODRL 2.2 agreement (W3C shapes, RDFS inference of the ODRL ontology)."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SH

from convention_validator import Validator
from convention_validator.publication.export import render_export

ROOT = Path(__file__).resolve().parent.parent
ODRL_DATA = Path(__file__).resolve().parent / "data" / "odrl"
VALID = sorted((ROOT / "examples" / "valid").glob("*.jsonld"))
RELEASED_01 = sorted((ROOT / "releases" / "0.1.0" / "examples" / "valid").glob("*.jsonld"))
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
RULE_KINDS = (ODRL.permission, ODRL.prohibition, ODRL.obligation)
VALIDATOR = Validator()


@cache
def _ontology() -> Graph:
    return Graph().parse(ODRL_DATA / "ODRL22.ttl", format="turtle")


@cache
def _shapes() -> Graph:
    return Graph().parse(ODRL_DATA / "shapesv2.ttl", format="turtle")


def exported(data: dict[str, Any], name: str = "convention.jsonld") -> Graph:
    report = VALIDATOR.validate_text(json.dumps(data, ensure_ascii=False), name, "json")
    assert report.graph is not None, [f.message for f in report.findings]
    return Graph().parse(data=render_export(report, "turtle"), format="turtle")


def odrl_violations(graph: Graph) -> list[tuple[str, str]]:
    """(focus node, message) of each violation of the W3C ODRL shapes, under RDFS inference of ODRL 2.2."""
    from pyshacl import validate

    _, results, _ = validate(graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs")
    return sorted(
        (str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultMessage)))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_every_valid_example_exports_as_a_valid_odrl_agreement(path: Path) -> None:
    graph = exported(_load(path), path.name)
    assert odrl_violations(graph) == []
    root = URIRef(_load(path)["id"])
    assert (root, RDF.type, ODRL.Agreement) in graph
    datasets = [URIRef(d["id"]) for d in _load(path)["datasets"]]
    for dataset in datasets:
        policy = graph.value(dataset, ODRL.hasPolicy)
        rules = [r for kind in RULE_KINDS for r in graph.objects(policy, kind)]
        assert rules, f"{dataset}: no rule"
        for rule in rules:
            assert graph.value(rule, ODRL.target) == dataset
            assert graph.value(rule, ODRL.action) is not None
            assert graph.value(rule, ODRL.assigner) is not None
            assert graph.value(rule, ODRL.assignee) is not None
            assert any((root, kind, rule) in graph for kind in RULE_KINDS), "the convention states every rule"


def test_the_check_is_not_vacuous_a_0_1_convention_is_no_odrl_agreement() -> None:
    graph = exported(_load(RELEASED_01[0]), RELEASED_01[0].name)
    assert any("Less than 1 values" in message for _, message in odrl_violations(graph))


def test_the_check_is_not_vacuous_a_rule_without_action_fails() -> None:
    graph = exported(_load(VALID[0]))
    rule = next(graph.objects(None, ODRL.permission))
    graph.remove((rule, ODRL.action, None))
    assert any(focus == str(rule) for focus, _ in odrl_violations(graph))


def test_several_recipients_form_one_party_collection() -> None:
    data = _load(ROOT / "examples" / "valid" / "grand-auch.jsonld")
    restricted = next(d for d in data["datasets"] if d["sharing"]["access_level"] == "RESTRICTED")
    graph = exported(data)
    policy = URIRef(restricted["usage_policy"]["id"])
    rule = next(graph.objects(policy, ODRL.permission))
    collection = graph.value(rule, ODRL.assignee)
    assert (collection, RDF.type, ODRL.PartyCollection) in graph
    members = {str(p) for p in graph.subjects(ODRL.partOf, collection)}
    expected = {
        r.replace("organisation:", "https://w3id.org/clauses-data/organisation/")
        for r in restricted["sharing"]["recipients"]
    }
    assert members == expected


def test_open_data_is_assigned_to_the_public() -> None:
    data = _load(ROOT / "examples" / "valid" / "grand-auch.jsonld")
    public = next(d for d in data["datasets"] if d["sharing"]["access_level"] == "PUBLIC")
    graph = exported(data)
    rule = next(graph.objects(URIRef(public["usage_policy"]["id"]), ODRL.permission))
    assert str(graph.value(rule, ODRL.assignee)) == "https://w3id.org/clauses-data/party-collection/public"


def test_typed_right_operands_are_odrl_right_operands() -> None:
    data = copy.deepcopy(_load(ROOT / "examples" / "valid" / "grand-auch.jsonld"))
    qpv = URIRef("https://w3id.org/clauses-data/qpv/QN03201M")
    data["datasets"][2]["usage_policy"]["permissions"][0]["constraints"].append(
        {"left_operand": "spatial", "operator": "isAnyOf", "qpv_values": ["QN03201M"]}
    )
    graph = exported(data)
    assert any(graph.objects(None, ODRL.rightOperand))
    assert (None, ODRL.rightOperand, qpv) in graph
    assert odrl_violations(graph) == []


def test_odrl_actions_keep_the_hierarchy_of_the_odrl_vocabulary() -> None:
    """The standard's table of ODRL actions says what ODRL22.ttl says; own actions are in our namespace."""
    from convention_validator.standard import CURRENT

    ontology = _ontology()
    table: dict[str, str] = CURRENT.manifest["policy_actions"]
    for action, parent in table.items():
        if action.startswith(str(ODRL)):
            assert (URIRef(action), RDF.type, ODRL.Action) in ontology, action
            assert (URIRef(action), ODRL.includedIn, URIRef(parent)) in ontology, action
        else:
            assert action.startswith("https://w3id.org/clauses-data/action/")
            assert parent.startswith(str(ODRL))


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_the_dcat_ap_catalogue_carries_each_dataset_policy_as_valid_odrl(path: Path) -> None:
    """Data-space connectors read `odrl:hasPolicy` on the dataset (DCAT-AP also puts it on distributions)."""
    data = _load(path)
    report = VALIDATOR.validate_text(json.dumps(data, ensure_ascii=False), path.name, "json")
    graph = Graph().parse(data=render_export(report, "turtle", "dcat-ap"), format="turtle")
    assert odrl_violations(graph) == []
    for item in data["datasets"]:
        dataset = URIRef(item["id"])
        policy = graph.value(dataset, ODRL.hasPolicy)
        assert policy == URIRef(item["usage_policy"]["id"])
        assert (policy, RDF.type, ODRL.Policy) in graph, "typed for DCAT-AP's range shapes, without inference"
        rules = [r for kind in RULE_KINDS for r in graph.objects(policy, kind)]
        expected = sum(
            len(item["usage_policy"].get(kind, [])) for kind in ("permissions", "prohibitions", "obligations")
        )
        assert len(rules) == expected
        for rule in rules:
            assert graph.value(rule, ODRL.target) == dataset
            assert graph.value(rule, ODRL.assigner) is not None
            assert graph.value(rule, ODRL.assignee) is not None
            action = graph.value(rule, ODRL.action)
            assert (action, RDF.type, ODRL.Action) in graph
        for distribution in graph.objects(dataset, URIRef("http://www.w3.org/ns/dcat#distribution")):
            assert graph.value(distribution, ODRL.hasPolicy) == policy
