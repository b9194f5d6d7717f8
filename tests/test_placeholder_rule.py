"""CV325: the « À COMPLÉTER » texts of `convention-validator new` block `validate --fail-on warning`.

The skeleton is written by the real command, validated by the real command (JSON report),
then completed the way a lawyer would (every placeholder text rewritten, the fictitious
SIREN replaced) and validated again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from convention_validator import Validator

CLI = Path(sys.executable).parent / "convention-validator"
MARKER = "À COMPLÉTER"
PLACEHOLDER_SIREN = "999999999"
STATE_SIREN = "173200015"  # Préfecture du Gers, as in examples/valid/grand-auch.jsonld


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Auch skeleton, written once in each format by `convention-validator new`."""
    folder = tmp_path_factory.mktemp("cv325")
    paths = {}
    for suffix in ("jsonld", "yaml"):
        path = folder / f"auch.{suffix}"
        result = _run("new", "--contract", "CN03201M", "--format", suffix, "-o", path, "--no-interactive")
        assert result.returncode == 0, result.stderr
        paths[suffix] = path
    return paths


def _validate(path: Path) -> tuple[int, list[dict[str, Any]]]:
    result = _run("validate", "--fail-on", "warning", "--format", "json", path)
    assert result.returncode in (0, 1), result.stderr
    [report] = json.loads(result.stdout)["files"]
    findings: list[dict[str, Any]] = report["findings"]
    return result.returncode, findings


def _placeholder_texts(value: Any, pointer: str = "") -> dict[str, str]:
    """JSON pointer -> text of every string value of the document that carries the marker."""
    if isinstance(value, str):
        return {pointer: value} if MARKER in value else {}
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    found: dict[str, str] = {}
    for key, item in children:
        found |= _placeholder_texts(item, f"{pointer}/{key}")
    return found


def _replace(data: dict[str, Any], pointer: str, text: str) -> None:
    *parents, last = pointer.split("/")[1:]
    container: Any = data
    for token in parents:
        container = container[int(token)] if isinstance(container, list) else container[token]
    container[int(last) if isinstance(container, list) else last] = text


def _load_jsonld(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("suffix", ["jsonld", "yaml"])
def test_unfinished_draft_gives_one_cv325_warning_per_placeholder_text(drafts: dict[str, Path], suffix: str) -> None:
    placeholders = _placeholder_texts(_load_jsonld(drafts["jsonld"]))
    assert len(placeholders) >= 10  # description, clause articles, parties, dataset, ethics rule, governance
    code, findings = _validate(drafts[suffix])
    assert code == 1  # warnings block with --fail-on warning
    assert [f for f in findings if f["severity"] == "error"] == []
    flagged = [f for f in findings if f["code"] == "CV325"]
    assert sorted(f["pointer"] for f in flagged) == sorted(placeholders)
    for finding in flagged:
        assert finding["severity"] == "warning" and finding["stage"] == "rules"
        assert finding["line"] is not None
        assert finding["params"]["value"] == placeholders[finding["pointer"]]
        assert MARKER in finding["message"]
    # the only other warning is the fictitious SIREN of the prefecture (CV407)
    assert {(f["code"], f["pointer"]) for f in findings if f["code"] != "CV325"} == {("CV407", "/parties/0/siren")}


def test_completing_the_draft_removes_every_cv325_warning(drafts: dict[str, Path], tmp_path: Path) -> None:
    data = _load_jsonld(drafts["jsonld"])
    for number, pointer in enumerate(_placeholder_texts(data), start=1):
        _replace(data, pointer, f"Texte convenu entre les partenaires n° {number}.")

    path = tmp_path / "auch.jsonld"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    code, findings = _validate(path)
    assert code == 1
    assert [(f["code"], f["pointer"]) for f in findings] == [("CV407", "/parties/0/siren")]

    # with the real SIREN of the prefecture too, the convention passes `--fail-on warning`
    path.write_text(path.read_text(encoding="utf-8").replace(PLACEHOLDER_SIREN, STATE_SIREN), encoding="utf-8")
    assert _validate(path) == (0, [])


def test_one_placeholder_left_gives_exactly_one_cv325(drafts: dict[str, Path], tmp_path: Path) -> None:
    data = _load_jsonld(drafts["jsonld"])
    text = json.dumps(data, ensure_ascii=False).replace(PLACEHOLDER_SIREN, STATE_SIREN)
    data = json.loads(text)
    for pointer in _placeholder_texts(data):
        if pointer != "/framework/governance/name":
            _replace(data, pointer, "Texte convenu.")
    path = tmp_path / "auch.jsonld"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    code, findings = _validate(path)
    assert code == 1
    assert [(f["code"], f["severity"], f["pointer"]) for f in findings] == [
        ("CV325", "warning", "/framework/governance/name")
    ]


def test_both_engines_agree_on_the_draft(drafts: dict[str, Path]) -> None:
    fast, reference = Validator(lang="fr"), Validator(lang="fr", engine="pyshacl")
    found = [(f.code, f.pointer, f.line, f.message) for f in fast.validate_file(drafts["yaml"]).findings]
    assert any(code == "CV325" for code, *_ in found)
    assert found == [(f.code, f.pointer, f.line, f.message) for f in reference.validate_file(drafts["yaml"]).findings]
