"""Whatever the input, the whole pipeline answers with findings: never an exception or a hang."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convention_validator import Validator
from convention_validator.messages import catalogue
from convention_validator.standard import STANDARD_VERSION
from support import all_pointers, parent_of

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"
HOSTILE = sorted(p for p in (ROOT / "tests" / "hostile").iterdir() if p.name != "README.md")
BASE: dict[str, Any] = json.loads((ROOT / "examples" / "valid" / "grand-auch.jsonld").read_text(encoding="utf-8"))
VALIDATOR = Validator(lang="fr")
CODES = set(catalogue())
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML 1.1 line breaks (PyYAML counts lines so)
JSON_LINE_BREAK = re.compile("\n")  # the json module counts lines so
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


POINTERS = all_pointers(BASE)


def _assert_sound(text: str, name: str, fmt: str) -> None:
    report = VALIDATOR.validate_text(text, name, fmt)  # type: ignore[arg-type]
    breaks = YAML_LINE_BREAK if fmt == "yaml" else JSON_LINE_BREAK
    lines = len(breaks.split(text))
    for finding in report.findings:
        assert finding.code in CODES
        assert finding.message and not PLACEHOLDER.search(finding.message)
        assert finding.line is None or 1 <= finding.line <= lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pointer=st.sampled_from(POINTERS), value=JSON_VALUES)
def test_any_value_anywhere_gives_located_findings(pointer: str, value: Any) -> None:
    document = copy.deepcopy(BASE)
    container, key = parent_of(document, pointer)
    container[key] = value
    _assert_sound(json.dumps(document, ensure_ascii=False, indent=2), "mutated.jsonld", "json")


@settings(max_examples=40, deadline=None)
@given(pointer=st.sampled_from(POINTERS))
def test_any_deletion_gives_located_findings(pointer: str) -> None:
    document = copy.deepcopy(BASE)
    container, key = parent_of(document, pointer)
    del container[key]
    _assert_sound(json.dumps(document, ensure_ascii=False, indent=2), "deleted.jsonld", "json")


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_gives_findings(text: str) -> None:
    _assert_sound(text, "random.yaml", "yaml")
    _assert_sound(text, "random.jsonld", "json")


@pytest.mark.parametrize(
    ("context", "code"),
    [
        ("https://example.org/context.jsonld", "CV201"),
        ("file:///etc/passwd", "CV201"),
        (
            [
                f"https://w3id.org/clauses-data/{STANDARD_VERSION}/context.jsonld",
                {"@import": "https://example.org/x.jsonld"},
            ],
            "CV205",
        ),
        (
            [f"https://w3id.org/clauses-data/{STANDARD_VERSION}/context.jsonld", "https://example.org/more.jsonld"],
            "CV205",
        ),
        ({"@vocab": "https://example.org/"}, "CV201"),
    ],
)
def test_foreign_contexts_are_refused_without_any_fetch(context: Any, code: str) -> None:
    document = copy.deepcopy(BASE)
    document["@context"] = context
    report = VALIDATOR.validate_text(json.dumps(document), "foreign.jsonld", "json")
    assert [f.code for f in report.findings] == [code]


def test_every_standard_version_of_the_context_url_is_accepted() -> None:
    document = copy.deepcopy(BASE)
    document["@context"] = "https://w3id.org/clauses-data/latest/context.jsonld"
    assert VALIDATOR.validate_text(json.dumps(document), "latest.jsonld", "json").findings == []


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_files_never_show_a_traceback(path: Path) -> None:
    env = {**os.environ, "LANG": "fr_FR.UTF-8"}
    result = subprocess.run(
        [str(CLI), "validate", str(path)], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1, 2)
    if result.returncode == 2:
        assert f"{path}" in result.stdout and " CV0" in result.stdout
