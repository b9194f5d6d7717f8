"""The `convention-validator validate` command, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"
VALID = ROOT / "examples" / "valid" / "grand-auch.jsonld"
INVALID = ROOT / "examples" / "invalid" / "structure-unknown-access-level.jsonld"
INVALID_LINE = yaml.safe_load(INVALID.with_suffix(".expected.yaml").read_text(encoding="utf-8"))["line"]
WARNING = ROOT / "examples" / "invalid" / "rules-no-state-signatory.jsonld"
SH = Namespace("http://www.w3.org/ns/shacl#")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "CONVENTION_VALIDATOR_LANG")
    }
    return subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, check=False, env={**base, **(env or {})}, timeout=120
    )


def test_clean_file_exits_zero_with_a_french_summary() -> None:
    result = run("validate", str(VALID))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 fichier vérifié : 0 erreur, 0 avertissement, 0 information" in result.stdout


def test_quiet_clean_run_prints_nothing() -> None:
    result = run("validate", "-q", str(VALID))
    assert (result.returncode, result.stdout) == (0, "")


def test_findings_are_printed_like_a_compiler_and_exit_one() -> None:
    result = run("validate", str(INVALID))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{INVALID}:{INVALID_LINE}:")
    assert " CV106 erreur: " in first and "OPEN" in first
    assert "\x1b[" not in result.stdout, "no colour when not on a terminal"


def test_english_on_request_or_from_the_variable_never_from_the_locale() -> None:
    assert " CV106 error: " in run("validate", "--lang", "en", str(INVALID)).stdout
    assert " CV106 error: " in run("validate", str(INVALID), env={"CONVENTION_VALIDATOR_LANG": "en"}).stdout
    english_system = {"LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": "en"}
    assert " CV106 erreur: " in run("validate", str(INVALID), env=english_system).stdout
    chosen = run("validate", "--lang", "fr", str(INVALID), env={"CONVENTION_VALIDATOR_LANG": "en"})
    assert " CV106 erreur: " in chosen.stdout, "--lang wins over the variable"


def test_unusable_input_and_usage_errors_exit_two(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonld"
    broken.write_text('{"title": ', encoding="utf-8")
    result = run("validate", str(broken))
    assert result.returncode == 2
    assert f"{broken}:1:" in result.stdout and "CV003" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert run("validate", "--format", "pdf", str(VALID)).returncode == 2
    assert run("validate", str(tmp_path / "nothing-here")).returncode == 2
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert run("validate", str(empty)).returncode == 2


def test_fail_on_and_max_warnings_gate_warnings() -> None:
    assert run("validate", str(WARNING)).returncode == 0
    assert run("validate", "--fail-on", "warning", str(WARNING)).returncode == 1
    assert run("validate", "--max-warnings", "0", str(WARNING)).returncode == 1
    assert run("validate", "--max-warnings", "1", str(WARNING)).returncode == 0


def test_folders_and_globs_are_expanded() -> None:
    result = run(
        "validate", "--format", "json", str(ROOT / "examples" / "valid"), str(ROOT / "examples/invalid/s*.jsonld")
    )
    data = json.loads(result.stdout)
    structural = len(list((ROOT / "examples" / "invalid").glob("s*.jsonld")))
    assert data["summary"]["files"] == 4 + structural
    assert data["summary"]["errors"] == structural


def test_json_report_carries_codes_and_locations() -> None:
    data = json.loads(run("validate", "--format", "json", str(INVALID)).stdout)
    finding = data["files"][0]["findings"][0]
    assert finding["code"] == "CV106"
    assert finding["pointer"] == "/datasets/0/sharing/access_level"
    assert finding["line"] == INVALID_LINE


def test_sarif_output_validates_against_the_sarif_2_1_0_schema() -> None:
    result = run("validate", "--format", "sarif", str(INVALID), str(WARNING), str(VALID))
    log = json.loads(result.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"CV106", "CV323"}
    assert {r["level"] for r in results} == {"error", "warning"}


def test_turtle_output_is_a_shacl_validation_report() -> None:
    result = run("validate", "--format", "turtle", str(INVALID), str(WARNING))
    graph = Graph().parse(data=result.stdout, format="turtle")
    report = graph.value(predicate=RDF.type, object=SH.ValidationReport)
    assert report is not None
    assert str(graph.value(report, SH.conforms)) == "false"
    severities = {str(graph.value(r, SH.resultSeverity)) for r in graph.objects(report, SH.result)}
    assert severities == {str(SH.Violation), str(SH.Warning)}


@pytest.mark.parametrize("stage", ["read", "structure"])
def test_stage_option_stops_early(stage: str) -> None:
    path = ROOT / "examples" / "invalid" / "rules-personal-data-as-open-data.jsonld"
    assert run("validate", "--stage", stage, str(path)).returncode == 0


def test_validate_raises_the_collection_threshold_only_while_it_runs() -> None:
    import gc

    from click.testing import CliRunner

    from convention_validator.cli import YOUNG_OBJECTS_PER_COLLECTION, fewer_collections, main

    seen: list[tuple[int, int, int]] = []
    fewer_collections(lambda: seen.append(gc.get_threshold()))()
    before = gc.get_threshold()
    result = CliRunner().invoke(main, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert seen == [(YOUNG_OBJECTS_PER_COLLECTION, 10, 10)] and gc.get_threshold() == before != seen[0]


def test_a_report_written_to_a_file_is_whole_when_the_process_ends(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("validate", "--format", "json", "-o", str(out), str(WARNING), str(VALID))
    assert result.returncode == 0, result.stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert [len(f["findings"]) for f in files] == [1, 0]
