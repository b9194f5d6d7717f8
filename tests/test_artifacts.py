"""Tests on the generated artifacts shipped in the package."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from functools import cache
from typing import Any

import jsonschema
import pytest
from linkml_runtime.utils.schemaview import SchemaView
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection

from support import ROOT, STANDARD, context, manifest, shapes

sys.path.insert(0, str(ROOT / "scripts"))
SH = Namespace("http://www.w3.org/ns/shacl#")
CDATA = Namespace("https://w3id.org/clauses-data/")
SUBJECT = "http://example.org/subject"
logging.getLogger("rdflib").setLevel(logging.CRITICAL)


@cache
def view() -> SchemaView:
    return SchemaView(str(ROOT / "schema" / "clauses_data.yaml"), merge_imports=True)


def _expand(document: dict[str, Any]) -> Graph:
    data = {"@context": context()["@context"], "@id": SUBJECT, **document}
    return Graph().parse(data=json.dumps(data), format="json-ld")


def _property_shape(class_name: str, path: str) -> URIRef | None:
    graph = shapes()
    for prop in graph.objects(CDATA[f"{class_name}Shape"], SH.property):
        if graph.value(prop, SH.path) == URIRef(path):
            return prop  # type: ignore[return-value]
    return None


def _class_slots() -> list[tuple[str, str]]:
    pairs = []
    for class_name in sorted(view().all_classes()):
        for slot_name in view().class_slots(class_name):
            slot = view().induced_slot(slot_name, class_name)
            if not slot.identifier and not slot.designates_type:
                pairs.append((class_name, slot_name))
    return pairs


def test_regenerating_changes_no_committed_artifact() -> None:
    from generate_artifacts import render_all

    stale = [str(path) for path, text in render_all().items() if path.read_text(encoding="utf-8") != text]
    assert stale == [], "run `make generate` and commit the result"


def test_json_schema_is_a_valid_draft_2019_09_schema() -> None:
    schema = json.loads((STANDARD / "clauses-data.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft201909Validator.check_schema(schema)
    assert schema["$id"].startswith(manifest()["namespace"] + manifest()["version"] + "/")


@pytest.mark.parametrize("class_name", sorted(view().all_classes()))
def test_context_and_shapes_use_the_same_property_iris(class_name: str) -> None:
    slots = [s for c, s in _class_slots() if c == class_name]
    graph = _expand(
        {slot: "true" if view().induced_slot(slot, class_name).range == "boolean" else "x" for slot in slots}
    )
    from_context = {str(p) for p in graph.predicates(URIRef(SUBJECT), None)}
    node_shape = CDATA[f"{class_name}Shape"]
    from_shapes = {str(shapes().value(p, SH.path)) for p in shapes().objects(node_shape, SH.property)}
    assert from_context == from_shapes


ENUM_SLOTS = [(c, s) for c, s in _class_slots() if view().induced_slot(s, c).range in view().all_enums()]


@pytest.mark.parametrize(("class_name", "slot_name"), ENUM_SLOTS)
def test_context_and_shapes_agree_on_every_enum_value(class_name: str, slot_name: str) -> None:
    """LINKML-NOTES item 5: each permissible value must expand to an IRI that sh:in accepts."""
    slot = view().induced_slot(slot_name, class_name)
    values = list(view().get_enum(slot.range).permissible_values)
    graph = _expand({slot_name: values})
    path = URIRef(view().get_uri(slot, expand=True))
    expanded = set(graph.objects(URIRef(SUBJECT), path))
    assert all(isinstance(v, URIRef) for v in expanded), "enum values must become IRIs"
    prop = _property_shape(class_name, str(path))
    assert prop is not None
    members = shapes().value(prop, SH["in"])
    assert members is not None
    allowed = set(Collection(shapes(), members))
    assert expanded == allowed
    meanings = {URIRef(view().expand_curie(v.meaning)) for v in view().get_enum(slot.range).permissible_values.values()}
    assert expanded == meanings


def test_qpv_codes_become_iris_that_the_shapes_accept() -> None:
    graph = _expand({"covered_qpv": ["QN04413M", "QN97654C"]})
    values = sorted(str(o) for o in graph.objects(URIRef(SUBJECT), None))
    assert values == [
        "https://w3id.org/clauses-data/qpv/QN04413M",
        "https://w3id.org/clauses-data/qpv/QN97654C",
    ]
    prop = _property_shape("Convention", "http://purl.org/dc/terms/spatial")
    assert prop is not None
    assert shapes().value(prop, SH.nodeKind) == SH.IRI
    assert str(shapes().value(prop, SH.pattern)).startswith("^https://w3id\\.org/clauses-data/qpv/QN")


def test_type_aliases_rdf_type_and_party_curies_expand() -> None:
    graph = _expand({"type": "Convention", "producer": "organisation:130005481"})
    triples = {(str(p), str(o)) for p, o in graph.predicate_objects(URIRef(SUBJECT))}
    assert ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/odrl/2/Agreement") in triples
    assert ("http://purl.org/dc/terms/creator", "https://w3id.org/clauses-data/organisation/130005481") in triples


def test_every_node_shape_of_a_nested_class_has_a_target() -> None:
    graph = shapes()
    untargeted = []
    for shape in graph.subjects(predicate=None, object=SH.NodeShape):
        if str(shape).endswith("ReferenceShape"):
            continue
        if graph.value(shape, SH.targetClass) is None and graph.value(shape, SH.targetObjectsOf) is None:
            untargeted.append(str(shape))
    assert untargeted == []


def test_open_shapes_differ_from_closed_ones_only_by_closure() -> None:
    closed, open_ = shapes(), shapes("clauses-data.open.shacl.ttl")
    assert {str(o) for o in closed.objects(None, SH.closed)} == {"true"}
    assert {str(o) for o in open_.objects(None, SH.closed)} == {"false"}
    assert len(closed) == len(open_)


def test_runtime_package_does_not_import_linkml() -> None:
    code = (
        "import sys, convention_validator, convention_validator.cli;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'linkml', 'linkml_runtime'});"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"linkml imported at run time: {result.stdout}{result.stderr}"


def test_rule_pages_match_the_catalogue_one_to_one() -> None:
    from convention_validator.messages import catalogue

    pages = {p.stem for p in (ROOT / "docs" / "regles").glob("*.md")}
    assert pages == set(catalogue()) | {"index"}


def test_the_shipped_json_catalogue_is_the_yaml_one() -> None:
    from convention_validator.messages import COMPILED_CATALOGUE_PATH, catalogue_source
    from generate_catalogue import main

    assert main(["--check"]) == 0, "run `make generate` (scripts/generate_catalogue.py)"
    shipped = json.loads(COMPILED_CATALOGUE_PATH.read_bytes())
    assert shipped == catalogue_source() and list(shipped) == list(catalogue_source())
