"""Released versions stay frozen and keep validating: the validator picks the version a document names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from convention_validator import Validator
from convention_validator.standard import FROZEN_DIR, STANDARD_VERSION, released_standards

ROOT = Path(__file__).resolve().parent.parent
RELEASE_01 = ROOT / "releases" / "0.1.0"
INVALID_01 = sorted((RELEASE_01 / "examples" / "invalid").glob("*.jsonld"))
VALID_01 = sorted((RELEASE_01 / "examples" / "valid").glob("*.jsonld"))
# published name -> packaged name (scripts/docs_publication.py)
PUBLISHED = {
    "context.jsonld": "clauses-data.context.jsonld",
    "schema.json": "clauses-data.schema.json",
    "shapes.ttl": "clauses-data.shacl.ttl",
    "shapes-open.ttl": "clauses-data.open.shacl.ttl",
    "rules.ttl": "clauses-data.rules.ttl",
    "vocabulary.ttl": "clauses-data.owl.ttl",
    "manifest.json": "manifest.json",
}
VALIDATOR = Validator()


def test_the_package_validates_the_current_and_every_frozen_version() -> None:
    assert set(released_standards()) == {STANDARD_VERSION, "0.1.0"}


@pytest.mark.parametrize("published", sorted(PUBLISHED))
def test_packaged_0_1_artifacts_are_the_released_ones(published: str) -> None:
    frozen = FROZEN_DIR / "0.1.0" / PUBLISHED[published]
    assert frozen.read_bytes() == (RELEASE_01 / published).read_bytes()


@pytest.mark.parametrize("path", VALID_01, ids=[p.name for p in VALID_01])
def test_0_1_examples_still_validate_as_0_1(path: Path) -> None:
    report = VALIDATOR.validate_file(path)
    assert report.standard_version == "0.1.0"
    assert report.findings == []


@pytest.mark.parametrize("path", INVALID_01, ids=[p.name for p in INVALID_01])
def test_0_1_invalid_examples_keep_their_0_1_verdict(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    report = VALIDATOR.validate_file(path)
    assert report.standard_version == "0.1.0"
    assert (expected["code"], expected["pointer"]) in {(f.code, f.pointer) for f in report.findings}


def test_an_unknown_version_is_refused_with_the_known_ones() -> None:
    data = json.loads((ROOT / "examples" / "valid" / "grand-auch.jsonld").read_text(encoding="utf-8"))
    data["@context"] = "https://w3id.org/clauses-data/9.9.9/context.jsonld"
    report = VALIDATOR.validate_text(json.dumps(data), "future.jsonld", "json")
    [finding] = report.findings
    assert finding.code == "CV109" and finding.pointer == "/@context"
    assert "9.9.9" in finding.message and STANDARD_VERSION in finding.message and "0.1.0" in finding.message


def test_json_report_names_the_version_each_file_was_checked_against() -> None:
    from convention_validator.reporters.json_reporter import render_json

    report = VALIDATOR.validate([ROOT / "examples" / "valid" / "grand-auch.jsonld", VALID_01[0]])
    files = json.loads(render_json(report, "fr", False, False))["files"]
    assert [f["standard_version"] for f in files] == [STANDARD_VERSION, "0.1.0"]


def test_text_report_says_when_a_file_was_checked_against_an_older_version() -> None:
    from convention_validator.reporters.text import render_text

    report = VALIDATOR.validate([VALID_01[0], ROOT / "examples" / "valid" / "grand-auch.jsonld"])
    lines = render_text(report, "fr", False, False).splitlines()
    older = [line for line in lines if "vérifié selon le standard 0.1.0" in line]
    assert len(older) == 1 and str(VALID_01[0]) in older[0] and "upgrade" in older[0]
