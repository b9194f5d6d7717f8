"""The validator on the examples: exactly the expected finding, at the expected line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convention_validator import Severity, Validator, validate
from convention_validator.messages import catalogue
from support import INVALID, LAWFUL, VALID, load_expected


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(lang="fr")


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_example_has_no_finding(validator: Validator, path: Path) -> None:
    report = validator.validate_file(path)
    assert [(f.code, f.line, f.message) for f in report.findings] == []
    assert report.stages_run == ["read", "structure", "graph", "rules", "reference"]


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example_yields_exactly_its_expected_finding(validator: Validator, path: Path) -> None:
    expected = load_expected(path)
    report = validator.validate_file(path)
    found = [(f.code, f.severity.value, f.stage, f.pointer, f.line) for f in report.findings]
    assert found == [(expected["code"], expected["severity"], expected["stage"], expected["pointer"], expected["line"])]
    finding = report.findings[0]
    assert finding.column is not None and finding.column >= 1
    assert finding.message and not re.search(r"\{[a-z_]+\}", finding.message)


@pytest.mark.parametrize("path", LAWFUL, ids=[p.name for p in LAWFUL])
def test_lawful_near_miss_reports_none_of_its_rules(validator: Validator, path: Path) -> None:
    """The false-error classes of 0.1 and the near misses of every rule: lawful, so not reported."""
    expected = load_expected(path)
    codes = [f.code for f in validator.validate_file(path).findings]
    assert codes == expected["findings"]
    assert not set(codes) & set(expected["rules"])


def test_every_rule_has_a_lawful_and_an_unlawful_example() -> None:
    rules = {code for code, entry in catalogue().items() if entry.stage == "rules" and code != "CV300"}
    unlawful = {load_expected(p)["code"] for p in INVALID}
    lawful = {code for p in LAWFUL for code in load_expected(p)["rules"]}
    assert rules - unlawful == set()
    assert rules - lawful == set()


def test_messages_quote_the_offending_value_in_both_languages() -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "invalid" / "structure-unknown-access-level.jsonld"
    french = Validator(lang="fr").validate_file(path).findings[0].message
    english = Validator(lang="en").validate_file(path).findings[0].message
    assert "OPEN" in french and "OPEN" in english
    assert french != english
    assert "PUBLIC" in french


def test_every_code_the_validator_can_emit_is_in_the_catalogue() -> None:
    import re

    source = Path(__file__).resolve().parent.parent / "src" / "convention_validator"
    emitted = set()
    for module in source.rglob("*.py"):
        emitted |= set(re.findall(r'"(CV\d{3})"', module.read_text(encoding="utf-8")))
    assert emitted <= set(catalogue())


def test_api_returns_a_typed_report_for_folders() -> None:
    folder = Path(__file__).resolve().parent.parent / "examples" / "valid"
    report = validate(folder, stage="structure")
    assert len(report.files) == len(VALID)
    assert not report.has_at_least(Severity.INFO)
    assert all(r.stages_run == ["read", "structure"] for r in report.files)


def test_stage_option_stops_before_rules() -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "invalid" / "rules-personal-data-as-open-data.jsonld"
    assert validate(path, stage="graph").findings == []
    assert [f.code for f in validate(path).findings] == ["CV301"]


def test_a_defect_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "nearly-empty.jsonld"
    path.write_text('{"title": "Convention"}', encoding="utf-8")
    findings = Validator(lang="fr").validate_file(path).findings
    keys = [(f.code, f.pointer, f.params) for f in findings]
    assert len(keys) == len(set(keys)) == 9  # id, type, city_contract, covered_qpv, period, status, version…


def test_parallel_batches_give_the_same_report_as_one_process() -> None:
    """Worker processes share the files; findings, order and versions are the same as in one process."""
    from dataclasses import asdict

    from convention_validator.validator import Validator, default_jobs

    folders = [*VALID, *INVALID, *LAWFUL]
    validator = Validator(lang="fr")
    serial = validator.validate(folders, jobs=1)
    parallel = validator.validate(folders, jobs=2)
    assert len(serial.files) > 80
    assert [asdict(f) for f in parallel.files] == [asdict(f) for f in serial.files]
    assert default_jobs(1) == 1 and default_jobs(15) == 1 and default_jobs(500) >= 1


def test_python_api_names_types_and_text_entry_point() -> None:
    """`dir()` shows the lazily imported API; validate_text returns a Report like validate; stages are typed."""
    import convention_validator
    from convention_validator import FileReport, Report, Stage, validate_text

    assert {"validate", "validate_text", "Validator", "Report", "FileReport", "Stage"} <= set(dir(convention_validator))
    text = (INVALID[0].parent / "structure-french-date-format.jsonld").read_text(encoding="utf-8")
    report = validate_text(text, "convention.jsonld")
    assert isinstance(report, Report) and isinstance(report.files[0], FileReport)
    [finding] = report.findings
    assert finding.stage is Stage.STRUCTURE and str(finding.stage) == "structure"
    assert finding.file == "convention.jsonld"
    assert finding.stage in {"structure"}  # equal to its text value
    assert report.files[0].graph is None
