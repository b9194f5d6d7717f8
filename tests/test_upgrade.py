"""`convention-validator upgrade`: 0.1 to 0.2 without loss, what is left to write, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from convention_validator import Validator
from convention_validator.authoring.upgrade import NotUpgradable, upgrade
from convention_validator.findings import Severity
from convention_validator.loaders import load_path
from convention_validator.standard import STANDARD_VERSION
from test_odrl import exported, odrl_violations

ROOT = Path(__file__).resolve().parent.parent
RELEASED = ROOT / "releases" / "0.1.0" / "examples" / "valid"
EXAMPLES_01 = sorted(RELEASED.glob("*.jsonld")) + sorted(RELEASED.glob("*.yaml"))
CLI = Path(sys.executable).parent / "convention-validator"
VALIDATOR = Validator()


def _data(path: Path) -> dict[str, Any]:
    return load_path(path).data


@pytest.mark.parametrize("path", EXAMPLES_01, ids=[p.name for p in EXAMPLES_01])
def test_upgraded_0_1_example_validates_in_0_2_with_warnings_only(path: Path) -> None:
    result = upgrade(_data(path))
    report = VALIDATOR.validate_text(json.dumps(result.data, ensure_ascii=False), path.name, "json")
    assert report.standard_version == STANDARD_VERSION
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    # A signed convention keeps its status: each text left to complete is CV349 until someone writes it.
    assert {f.code for f in errors} <= {"CV349"}
    listed = [item.pointer for item in result.to_complete]
    assert all(any(f.pointer.startswith(p + "/") or f.pointer == p for p in listed) for f in errors)
    warned = {f.code for f in report.findings}
    assert warned <= {"CV325", "CV330", "CV331", "CV335", "CV349"}
    assert result.to_complete, "0.1 cannot say what 0.2 asks: visas, representatives…"
    assert odrl_violations(exported(result.data, path.name)) == []


@pytest.mark.parametrize("path", EXAMPLES_01, ids=[p.name for p in EXAMPLES_01])
def test_upgrade_loses_no_value(path: Path) -> None:
    """Every 0.1 value is still in the 0.2 document, under its old key or its documented new place."""
    before, after = _data(path), upgrade(_data(path)).data
    moved = {"ip_holder", "controller", "processors", "dpia_completed", "legal_bases", "anonymisation_techniques"}

    def leaves(node: Any, pointer: str = "") -> dict[str, Any]:
        if isinstance(node, dict):
            return {k: v for key, item in node.items() for k, v in leaves(item, f"{pointer}/{key}").items()}
        if isinstance(node, list):
            return {k: v for i, item in enumerate(node) for k, v in leaves(item, f"{pointer}/{i}").items()}
        return {pointer: node}

    old, new = leaves(before), leaves(after)
    new_values = [json.dumps(v, ensure_ascii=False) for v in new.values()]
    for pointer, value in old.items():
        if pointer == "/@context" or value == "Pseudonymisation":  # moved to `pseudonymisation` (tested below)
            continue
        if any(f"/{key}" in pointer for key in moved):
            assert json.dumps(value, ensure_ascii=False) in new_values or value is True, pointer
        else:
            assert new.get(pointer) == value, pointer


def test_article_9_conditions_leave_the_article_6_list() -> None:
    data = _data(RELEASED / "nantes-metropole.jsonld")
    source = next(d for d in data["datasets"] if "A9-2-h" in d["protection"].get("legal_bases", []))
    upgraded = upgrade(data).data
    target = next(d for d in upgraded["datasets"] if d["id"] == source["id"])["protection"]
    assert target["legal_bases"] == ["A6-1-e"]
    assert target["special_category_conditions"] == ["A9-2-h"]
    assert "Pseudonymisation" not in target.get("anonymisation_techniques", [])
    assert target["pseudonymisation"]["key_holder"] == source["producer"]
    roles = {(r["party"], r["gdpr_role"]) for r in target["gdpr_roles"]}
    assert (source["protection"]["controller"], "CONTROLLER") in roles
    assert all((p, "PROCESSOR") in roles for p in source["protection"]["processors"])


def test_derived_policy_keeps_the_0_1_terms() -> None:
    data = _data(RELEASED / "grand-auch.jsonld")
    upgraded = upgrade(data).data
    restricted = next(d for d in upgraded["datasets"] if d["sharing"]["access_level"] == "RESTRICTED")
    read = restricted["usage_policy"]["permissions"][0]
    purposes = next(c for c in read["constraints"] if c["left_operand"] == "purpose")
    assert purposes["purpose_values"] == restricted["sharing"]["purposes"]
    until = next(c for c in read["constraints"] if c["left_operand"] == "dateTime")
    assert until["date_value"] == data["period"]["end_date"]
    delete = next(d for d in read["duties"] if d["action"] == "delete")
    assert delete["constraints"][0]["duration_value"] == restricted["protection"]["retention_period"]
    assert {"action": "disclose"} in restricted["usage_policy"]["prohibitions"]
    public = next(d for d in upgraded["datasets"] if d["sharing"]["access_level"] == "PUBLIC")
    assert [p["action"] for p in public["usage_policy"]["permissions"]] == ["reproduce", "distribute", "derive"]


def test_a_0_2_document_is_not_upgraded_again() -> None:
    with pytest.raises(NotUpgradable) as raised:
        upgrade(_data(ROOT / "examples" / "valid" / "grand-auch.jsonld"))
    assert raised.value.version == STANDARD_VERSION


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "fr_FR.UTF-8"}
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False)


def test_cli_writes_the_upgrade_and_lists_what_to_complete(tmp_path: Path) -> None:
    target = tmp_path / "auch.yaml"
    result = _run("upgrade", str(RELEASED / "grand-auch.yaml"), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"standard {STANDARD_VERSION}" in result.stderr
    assert "/termination" in result.stderr and "/parties/0/representative" in result.stderr
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["@context"].endswith(
        f"/{STANDARD_VERSION}/context.jsonld"
    )
    assert _run("validate", str(target), cwd=tmp_path).returncode == 0


def test_cli_refuses_a_0_2_document_and_an_existing_output(tmp_path: Path) -> None:
    result = _run("upgrade", str(ROOT / "examples" / "valid" / "cayenne.jsonld"), cwd=tmp_path)
    assert result.returncode == 2 and "0.1.0" in result.stderr and "Traceback" not in result.stderr
    existing = tmp_path / "out.jsonld"
    existing.write_text("{}", encoding="utf-8")
    result = _run("upgrade", str(RELEASED / "cayenne.jsonld"), "-o", str(existing), cwd=tmp_path)
    assert result.returncode == 2 and existing.read_text(encoding="utf-8") == "{}"


def test_cli_prints_to_standard_output_by_default(tmp_path: Path) -> None:
    result = _run("upgrade", str(RELEASED / "cayenne.jsonld"), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["@context"].endswith(f"/{STANDARD_VERSION}/context.jsonld")
    assert "items the parties must now write or check" in result.stderr


def test_cli_refuses_a_malformed_0_1_document_with_located_findings(tmp_path: Path) -> None:
    """A 0.1 file whose structure is wrong is not upgraded: the structure findings say where, nothing is written."""
    source = tmp_path / "faulty.yaml"
    data = yaml.safe_load((RELEASED / "grand-auch.yaml").read_text(encoding="utf-8"))
    data["datasets"][2]["protection"]["processors"] = "organisation:213200132"  # a text where a list is due
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = _run("upgrade", str(source), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{source}:" in result.stderr and "CV102" in result.stderr and "/protection/processors" in result.stderr
    assert not target.exists()
