"""The fast path (SHACL Core in pyshacl, SHACL-SPARQL on pyoxigraph) gives pyshacl's findings."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from convention_validator import Validator
from support import INVALID, ROOT, VALID

MUTATIONS: list[tuple[str, Any]] = [
    ("/datasets/0/sharing/licence", "CC0-1.0"),
    ("/datasets/2/protection/personal_data", "IDENTIFYING"),
    ("/datasets/2/protection/special_category_data", True),
    ("/datasets/1/category", "PRIVATE_GENERAL_INTEREST_DATA"),
    ("/datasets/0/spatial_granularity", "DEPARTEMENT"),
    ("/datasets/3/sharing/access_level", "NON_PUBLIC"),
    ("/period/start_date", "2023-01-01"),
    ("/parties/1/contacts/0/email", "marie.dupont@auch.fr"),
]


@pytest.fixture(scope="module")
def engines() -> tuple[Validator, Validator]:
    return Validator(lang="fr"), Validator(lang="fr", engine="pyshacl")


def _findings(validator: Validator, path: Path) -> list[tuple[str, str, str, int | None]]:
    return [(f.code, f.severity.value, f.pointer, f.line) for f in validator.validate_file(path).findings]


@pytest.mark.parametrize("path", VALID + INVALID, ids=[p.name for p in VALID + INVALID])
def test_fast_path_equals_pyshacl_on_every_example(engines: tuple[Validator, Validator], path: Path) -> None:
    fast, reference = engines
    assert _findings(fast, path) == _findings(reference, path)


@pytest.mark.parametrize(("pointer", "value"), MUTATIONS)
def test_fast_path_equals_pyshacl_on_mutated_conventions(
    engines: tuple[Validator, Validator], tmp_path: Path, pointer: str, value: Any
) -> None:
    document = json.loads((ROOT / "examples" / "valid" / "grand-auch.jsonld").read_text(encoding="utf-8"))
    target = copy.deepcopy(document)
    *parents, last = pointer.split("/")[1:]
    node: Any = target
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[last] = value
    path = tmp_path / "mutated.jsonld"
    path.write_text(json.dumps(target, ensure_ascii=False, indent=2), encoding="utf-8")
    fast, reference = engines
    found = _findings(fast, path)
    assert found, "each mutation breaks a rule"
    assert found == _findings(reference, path)


@pytest.mark.parametrize("path", VALID + INVALID, ids=[p.name for p in VALID + INVALID])
def test_fast_json_schema_verdict_equals_jsonschema(path: Path) -> None:
    from convention_validator.stages.structure import StructureStage, normalise
    from convention_validator.standard import Standard
    from support import load_document

    stage = StructureStage(Standard())
    data = normalise(load_document(path))
    reference = not list(stage._validator.iter_errors(data))
    assert stage.is_valid(data) is reference
