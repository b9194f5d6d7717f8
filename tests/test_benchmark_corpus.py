"""The synthetic convention corpus of the harvest benchmark: deterministic, valid, real QPV."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from convention_validator.findings import Severity
from convention_validator.reference_data import luhn_valid, reference_data
from convention_validator.validator import Validator

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 5


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convention_corpus", ROOT / "benchmarks" / "convention_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    paths: list[Path] = corpus.write_corpus(tmp_path_factory.mktemp("corpus"), SAMPLE)
    return paths


def test_same_seed_same_bytes(tmp_path: Path, written: list[Path]) -> None:
    again: list[Path] = corpus.write_corpus(tmp_path, SAMPLE)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_another_seed_gives_another_corpus() -> None:
    assert corpus.convention(0, seed=1) != corpus.convention(0, seed=2)


def test_every_convention_validates_without_errors(written: list[Path]) -> None:
    validator = Validator(lang="en")
    for path in written:
        report = validator.validate_file(path)
        errors = [f"{f.code} {f.pointer}" for f in report.findings if f.severity == Severity.ERROR]
        assert errors == [], path.name
        assert report.stages_run[-1] == "reference"


def test_qpv_are_the_real_qpv_of_each_contract_territory(written: list[Path]) -> None:
    ref = reference_data()
    for path in written:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        contract = ref.contracts[document["city_contract"]["code"]]
        assert document["city_contract"]["territory_code"] == contract.territory
        communes = ref.territory_communes(contract.territory)
        assert communes
        expected = sorted(code for code, qpv in ref.qpv.items() if qpv.communes & communes)
        assert document["covered_qpv"] == expected
        for dataset in document["datasets"]:
            assert set(dataset.get("covered_qpv", [])) <= set(expected)


def test_conventions_are_rich_and_varied(written: list[Path]) -> None:
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in written]
    assert len({d["city_contract"]["code"] for d in documents}) == SAMPLE
    assert len({d["id"] for d in documents}) == SAMPLE
    for document in documents:
        assert 26 <= len(document["datasets"]) <= 34
        assert len({d["id"] for d in document["datasets"]}) == len(document["datasets"])
        assert all(luhn_valid(p["siren"]) for p in document["parties"])
    datasets = [d for document in documents for d in document["datasets"]]
    assert {d["sharing"]["access_level"] for d in datasets} == {"PUBLIC", "RESTRICTED", "NON_PUBLIC"}
    assert len({d["category"] for d in datasets}) == 3
    assert len({d["protection"]["personal_data"] for d in datasets}) >= 3


def test_convention_ids_are_distinct_even_beyond_the_real_contracts() -> None:
    count = len(corpus.territories())
    first, reused = corpus.convention(0), corpus.convention(count)
    assert first["city_contract"]["code"] == reused["city_contract"]["code"]
    assert first["id"] != reused["id"]
    ids = [corpus.convention(index)["id"] for index in range(count)]  # some contracts share a title
    assert len(set(ids)) == count


def test_url_list_names_every_file(tmp_path: Path, written: list[Path]) -> None:
    listing: Path = corpus.write_url_list(written, "http://127.0.0.1:8000/c/", tmp_path / "urls.txt")
    assert listing.read_text(encoding="utf-8").splitlines() == [f"http://127.0.0.1:8000/c/{p.name}" for p in written]
