"""The examples: valid ones pass every generated artifact, invalid ones fail for one reason."""

from __future__ import annotations

import csv
import logging
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rdflib import Namespace
from rdflib.compare import isomorphic

from support import (
    INVALID,
    ROOT,
    VALID,
    load_document,
    load_expected,
    schema_errors,
    shacl_report,
    to_graph,
)

sys.path.insert(0, str(ROOT / "scripts"))
logging.getLogger("rdflib").setLevel(logging.CRITICAL)
SH = Namespace("http://www.w3.org/ns/shacl#")
REFERENCE = ROOT / "src" / "convention_validator" / "reference"
VALID_JSONLD = [p for p in VALID if p.suffix == ".jsonld"]
VALID_YAML = [p for p in VALID if p.suffix == ".yaml"]


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pointer(path: Any) -> str:
    return "".join(f"/{token}" for token in path)


def _located(error: jsonschema.ValidationError) -> set[tuple[str, str]]:
    """(keyword, pointer) of an error, seen the way an author reads it.

    - an unknown key is located at the key itself;
    - `anyOf` between a value and null is the value's own error (enum, pattern...).
    """
    pointer = _pointer(error.absolute_path)
    if error.validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = set(instance) - set(schema.get("properties", {}))
        return {("additionalProperties", f"{pointer}/{key}") for key in extra}
    if error.validator == "anyOf" and error.context:
        inner = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        return set().union(*(_located(e) for e in inner)) if inner else {("anyOf", pointer)}
    return {(str(error.validator), pointer)}


def test_the_example_set_is_complete() -> None:
    assert len(VALID_JSONLD) >= 3
    assert VALID_YAML, "at least one valid example in YAML"
    assert len(INVALID) >= 20
    stages = {load_expected(p)["stage"] for p in INVALID}
    assert {"structure", "rules", "reference"} <= stages


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_example_passes_the_json_schema(path: Path) -> None:
    assert [(e.message, _pointer(e.absolute_path)) for e in schema_errors(load_document(path))] == []


@pytest.mark.parametrize("shapes_name", ["clauses-data.shacl.ttl", "clauses-data.open.shacl.ttl"])
@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_example_conforms_to_the_shapes(path: Path, shapes_name: str) -> None:
    graph = to_graph(load_document(path))
    conforms, report = shacl_report(graph, shapes_name)
    assert conforms, report.serialize(format="turtle")


@pytest.mark.parametrize("path", VALID_YAML, ids=_ids(VALID_YAML))
def test_yaml_example_says_the_same_as_its_json_ld_twin(path: Path) -> None:
    twin = path.with_suffix(".jsonld")
    assert twin.exists()
    assert isomorphic(to_graph(load_document(path)), to_graph(load_document(twin)))


@pytest.mark.parametrize("path", VALID_JSONLD, ids=_ids(VALID_JSONLD))
def test_valid_example_uses_real_codes_of_its_territory(path: Path) -> None:
    document = load_document(path)
    contracts = {row["code_cv"]: row for row in _read_csv("contrats-de-ville.csv")}
    qpv = {row["code_qp"]: row for row in _read_csv("qpv-2024.csv")}
    contract = document["city_contract"]
    assert contracts[contract["code"]]["codgeo"] == contract["territory_code"]
    codes = document["covered_qpv"] + [c for d in document["datasets"] for c in d.get("covered_qpv", [])]
    for code in codes:
        row = qpv[code]
        territory = {row["insee_com"], *row["siren_epci"].split(";")}
        assert contract["territory_code"] in territory or set(row["insee_com"].split(";")) & set(contract["communes"])


def test_valid_examples_have_distinct_parties_and_datasets() -> None:
    for path in VALID_JSONLD:
        document = load_document(path)
        for key in ("parties", "datasets"):
            ids = [item["id"] for item in document[key]]
            assert len(ids) == len(set(ids)), f"{path.name}: duplicate {key}"


def test_metropolitan_example_has_the_partnership_the_standard_was_made_for() -> None:
    document = load_document(ROOT / "examples" / "valid" / "nantes-metropole.jsonld")
    types = {party["party_type"] for party in document["parties"]}
    assert len(document["parties"]) >= 8
    assert len(document["covered_qpv"]) >= 2
    assert {
        "STATE_SERVICE",
        "EPCI",
        "COMMUNE",
        "SOCIAL_LANDLORD",
        "PUBLIC_OPERATOR",
        "DELEGATED_PUBLIC_SERVICE_COMPANY",
        "TEMPORARY_WORK_AGENCY",
    } <= types
    categories = {dataset["category"] for dataset in document["datasets"]}
    assert len(categories) == 3
    mechanisms = {d["sharing"].get("mobilisation_mechanism") for d in document["datasets"]}
    assert "DATA_PHILANTHROPY" in mechanisms


def test_invalid_examples_are_in_sync_with_their_generator() -> None:
    from make_invalid_examples import main

    assert main(["--check"]) == 0, "run `python scripts/make_invalid_examples.py`"


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_expected_finding_is_well_formed_and_located(path: Path) -> None:
    expected = load_expected(path)
    assert set(expected) >= {"code", "severity", "stage", "pointer", "line", "reason"}
    assert expected["severity"] in {"error", "warning", "info"}
    assert expected["reason"]["fr"] and expected["reason"]["en"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 1 <= expected["line"] <= len(lines)
    last = expected["pointer"].rsplit("/", 1)[-1]
    if last and not last.isdigit():
        assert f'"{last}"' in lines[expected["line"] - 1]


STRUCTURAL = [p for p in INVALID if load_expected(p)["stage"] == "structure"]
NOT_STRUCTURAL = [p for p in INVALID if load_expected(p)["stage"] != "structure"]


@pytest.mark.parametrize("path", STRUCTURAL, ids=_ids(STRUCTURAL))
def test_structural_invalid_example_fails_the_json_schema_for_its_stated_reason(path: Path) -> None:
    expected = load_expected(path)
    found = set().union(*(_located(e) for e in schema_errors(load_document(path))))
    assert found == {(expected["json_schema_keyword"], expected["pointer"])}


@pytest.mark.parametrize("path", NOT_STRUCTURAL, ids=_ids(NOT_STRUCTURAL))
def test_other_invalid_examples_are_structurally_sound(path: Path) -> None:
    """One reason per example: a rule or reference defect must not also break the structure."""
    assert [(e.message, _pointer(e.absolute_path)) for e in schema_errors(load_document(path))] == []


def test_a_dangling_party_reference_fails_the_generated_shapes() -> None:
    path = ROOT / "examples" / "invalid" / "rules-producer-not-a-party.jsonld"
    conforms, report = shacl_report(to_graph(load_document(path)))
    assert not conforms
    components = {str(o).rsplit("#", 1)[-1] for o in report.objects(None, SH.sourceConstraintComponent)}
    paths = {str(o) for o in report.objects(None, SH.resultPath)}
    assert "NodeConstraintComponent" in components
    assert "http://purl.org/dc/terms/creator" in paths


@pytest.mark.parametrize(
    "name",
    [
        "structure-missing-dataset-producer",
        "structure-threshold-not-a-number",
        "structure-unknown-sharing-key",
        "structure-impossible-signature-date",
        "structure-malformed-qpv-code",
        "structure-unknown-access-level",
    ],
)
def test_structural_defects_also_fail_the_shapes(name: str) -> None:
    """The shapes, not only the JSON Schema, catch structural defects (an invalid file must fail SHACL)."""
    conforms, _ = shacl_report(to_graph(load_document(ROOT / "examples" / "invalid" / f"{name}.jsonld")))
    assert not conforms
