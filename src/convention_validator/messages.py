"""The findings catalogue: one entry per code, source of every message and documentation page."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from convention_validator.findings import Severity

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue" / "findings.yaml"
"""The catalogue as written and reviewed: the one source of every finding's texts."""
COMPILED_CATALOGUE_PATH = CATALOGUE_PATH.with_suffix(".json")
"""The same entries as JSON (`make generate`), read at run time: 0.5 ms instead of 20 to 30 ms for PyYAML."""


@dataclass(frozen=True)
class Entry:
    """A catalogue entry."""

    code: str
    stage: str
    severity: Severity
    title: dict[str, str]
    message: dict[str, str]
    params: tuple[str, ...]
    fix: dict[str, str]
    rationale: dict[str, str]
    legal_sources: tuple[dict[str, str | None], ...]
    failing: str
    passing: str


class LenientValues(dict[str, str]):
    """Message values where a missing one shows as "?" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


@cache
def catalogue() -> dict[str, Entry]:
    """Every entry of the catalogue, by code (read when a first finding needs it)."""
    if COMPILED_CATALOGUE_PATH.exists():
        raw: dict[str, Any] = json.loads(COMPILED_CATALOGUE_PATH.read_bytes())
    else:
        raw = catalogue_source()
    entries = {}
    for code, item in raw.items():
        entries[code] = Entry(
            code=code,
            stage=item["stage"],
            severity=Severity(item["severity"]),
            title=item["title"],
            message=item["message"],
            params=tuple(item.get("params") or ()),
            fix=item["fix"],
            rationale=item["rationale"],
            legal_sources=tuple(item.get("legal_sources") or ()),
            failing=item.get("failing") or "",
            passing=item.get("passing") or "",
        )
    return entries


def catalogue_source() -> dict[str, Any]:
    """The entries as `findings.yaml` gives them."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw: dict[str, Any] = yaml.load(CATALOGUE_PATH.read_text(encoding="utf-8"), Loader=loader)
    return raw


def compiled_catalogue() -> bytes:
    """The content of `findings.json`: the entries of `findings.yaml`, in the same order."""
    return json.dumps(catalogue_source(), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def render(code: str, lang: str, params: dict[str, str]) -> str:
    """The message of a finding with its values quoted, followed by how to fix it."""
    message, fix = render_parts(code, lang, params)
    return f"{message} {fix}".strip()


def render_parts(code: str, lang: str, params: dict[str, str]) -> tuple[str, str]:
    """What is wrong and how to fix it, apart, with the values quoted."""
    entry = catalogue()[code]
    values = LenientValues({k: _shorten(v) for k, v in params.items()})
    formatter = string.Formatter()
    return formatter.vformat(entry.message[lang], (), values), formatter.vformat(entry.fix[lang], (), values)


def _shorten(value: str, limit: int = 120) -> str:
    """The value on one line, cut after a whole item of a list or a whole word when too long."""
    value = " ".join(str(value).split())
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    for separator in (", ", " "):
        cut = head.rfind(separator)
        if cut > limit // 2:
            return head[:cut] + (", …" if separator == ", " else " …")
    return head + "…"
