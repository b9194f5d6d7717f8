"""Released versions stay frozen and keep validating: the validator picks the version a document names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


# The rule audit changed these 0.1 verdicts: the same defect, judged by the audited rule.
AUDITED_VERDICTS = {
    "rules-period-beyond-contract-term.jsonld": ("CV313", "warning"),  # no text forbids it: a judgement
    "rules-placeholder-left-in-description.jsonld": ("CV349", "error"),  # signed: content not determined
    "rules-private-data-without-ip-holder.jsonld": ("CV309", "warning"),
    "rules-private-data-without-mechanism.jsonld": ("CV308", "warning"),
    "rules-restricted-data-without-purposes.jsonld": ("CV351", "warning"),  # not personal data
    "rules-special-category-without-dpia.jsonld": ("CV307", "warning"),  # art. 35.1: the controller judges
}


@pytest.mark.parametrize("path", INVALID_01, ids=[p.name for p in INVALID_01])
def test_0_1_invalid_examples_keep_their_defect_under_the_audited_rules(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    code, severity = AUDITED_VERDICTS.get(path.name, (expected["code"], expected["severity"]))
    report = VALIDATOR.validate_file(path)
    assert report.standard_version == "0.1.0"
    found = [(f.code, f.severity.value, f.pointer) for f in report.findings if f.severity.value != "info"]
    assert found == [(code, severity, expected["pointer"])]


def _variant_0_1(change: Any) -> list[tuple[str, str, str]]:
    data = json.loads((RELEASE_01 / "examples" / "valid" / "grand-auch.jsonld").read_text(encoding="utf-8"))
    change(data)
    report = VALIDATOR.validate_text(json.dumps(data, ensure_ascii=False), "auch-0.1.jsonld", "json")
    assert report.standard_version == "0.1.0"
    return [(f.code, f.severity.value, f.pointer) for f in report.findings if f.severity.value != "info"]


def test_0_1_aggregated_health_statistics_are_no_longer_personal_data() -> None:
    """The false errors of the frozen 0.1 rules are gone for 0.1 documents too."""
    assert _variant_0_1(lambda d: d["datasets"][0]["protection"].update(special_category_data=True)) == []


def test_0_1_documents_get_the_new_rules_their_data_can_express() -> None:
    def placeholder(data: dict[str, Any]) -> None:
        data["datasets"][1]["description"] = "À COMPLÉTER : contenu"

    assert _variant_0_1(placeholder) == [("CV349", "error", "/datasets/1/description")]
    assert _variant_0_1(lambda d: d["datasets"][0].update(formats=["PDF"])) == [
        ("CV342", "warning", "/datasets/0/formats/0")
    ]


def test_0_1_variant_of_a_renamed_term_applies() -> None:
    """CV337 reads the 0.1 controller field (dpv:hasDataController)."""

    def legitimate_interest(data: dict[str, Any]) -> None:
        protection = data["datasets"][2]["protection"]
        protection.update(personal_data="PSEUDONYMISED", legal_bases=["A6-1-f"], controller="organisation:213200132")

    codes = {code for code, _, _ in _variant_0_1(legitimate_interest)}
    assert "CV337" in codes


def test_0_1_rules_are_the_current_rules_their_vocabulary_can_express() -> None:
    from convention_validator.standard import Standard

    frozen = released_standards()["0.1.0"]
    audited = {c["code"] for c in json.loads(frozen.path("rules_sparql").read_text(encoding="utf-8"))}
    current = {c["code"] for c in json.loads(Standard().path("rules_sparql").read_text(encoding="utf-8"))}
    assert frozen.path("rules").parent.name == "0.1.0" and "audited" in frozen.path("rules").parts
    assert frozen.path("shacl") == FROZEN_DIR / "0.1.0" / "clauses-data.shacl.ttl"  # the shapes stay frozen
    # what 0.1 cannot say (articles, representatives, article 9.2 exceptions, Chapter V basis…) is not asked
    assert current - audited == {
        "CV330",
        "CV331",
        "CV332",
        "CV333",
        "CV334",
        "CV335",
        "CV338",
        "CV339",
        "CV340",
        "CV343",
    }
    assert audited <= current


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
