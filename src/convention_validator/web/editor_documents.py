"""What the editor does with the convention being drafted: check it, render it, write it, compare it.

The draft arrives as plain JSON data. It is written as indented JSON-LD and goes through the same
validator, renderer, YAML writer and comparison as the command line, so the findings, the rendered
convention and the avenant are those the CLI would give for the saved file.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import yaml

from convention_validator.authoring.diff import diff_conventions
from convention_validator.authoring.diff_report import describe
from convention_validator.authoring.policy import usage_policy
from convention_validator.authoring.scaffold import MARKER, scaffold
from convention_validator.authoring.yaml_writer import dump_with_comments
from convention_validator.findings import FileReport, Finding, Severity
from convention_validator.i18n import ngettext
from convention_validator.loaders import LoadedDocument, LoadError, load_text
from convention_validator.render import Convention, build_amendment, convention_for_document, render_html
from convention_validator.validator import Validator

DRAFT_NAME = "convention.jsonld"
MISSING_ELEMENT = "CV101"  # its pointer is the enclosing object; the form shows it beside the missing field
# The counts of findings, worded as in the validator's summary line (msgids of the catalogue).
_COUNTS = (
    ("error", "{count} error", "{count} errors"),
    ("warning", "{count} warning", "{count} warnings"),
    ("info", "{count} info", "{count} infos"),
)


@dataclass(frozen=True)
class _Checker:
    """A validator per language for rendering and comparing; one use at a time (it is not shared between threads)."""

    validator: Validator
    lock: threading.Lock


@cache
def _checker(lang: str) -> _Checker:
    return _Checker(Validator(lang=lang), threading.Lock())


def jsonld_text(data: dict[str, Any]) -> str:
    """The draft as the JSON-LD file the editor saves (indented, UTF-8 characters kept)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def yaml_text(data: dict[str, Any]) -> str:
    """The draft as YAML, written by the same writer as `new`."""
    try:
        return dump_with_comments(data, {}, MARKER)
    except RuntimeError:  # a value the block writer cannot round-trip: PyYAML's own writer
        return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


class UnreadableDraft(ValueError):
    """The draft exceeds the reader's limits (nesting depth, length of a text): the read findings say which."""


def _validate(data: dict[str, Any], lang: str) -> tuple[LoadedDocument, FileReport]:
    checker = _checker(lang)
    text = jsonld_text(data)
    with checker.lock:
        try:
            document = load_text(text, DRAFT_NAME, "json", checker.validator.limits)
        except LoadError:
            findings = checker.validator.validate_text(text, DRAFT_NAME).findings
            raise UnreadableDraft(" ".join(f"{f.code} {f.message}" for f in findings)) from None
        return document, checker.validator.validate_document(document)


def _convention(data: dict[str, Any]) -> Convention:
    """The rendered convention's model, with the check report (in French, the document's language)."""
    document, report = _validate(data, "fr")
    source = jsonld_text(data).encode("utf-8")
    return convention_for_document(document, report, _checker("fr").validator.standard.version, source)


def findings_json(report: FileReport, lang: str) -> dict[str, Any]:
    """The validator's findings on the draft (code, severity, message, JSON pointer, field) and their counts."""
    counts = {severity.value: report.count(severity) for severity in Severity}
    return {
        "standard_version": report.standard_version,
        "stages": report.stages_run,
        "counts": counts,
        "summary": ", ".join(
            ngettext(singular, plural, counts[key], lang, count=counts[key]) for key, singular, plural in _COUNTS
        ),
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "stage": str(f.stage),
                "message": f.message,
                "pointer": f.pointer,
                "field": _field_pointer(f),
                "line": f.line,
            }
            for f in report.findings
        ],
    }


def _field_pointer(finding: Finding) -> str:
    """The field a finding is shown beside: a missing required element's own field, else its pointer."""
    params = dict(finding.params)
    if finding.code == MISSING_ELEMENT and params.get("key"):
        return f"{finding.pointer}/{params['key'].replace('~', '~0').replace('/', '~1')}"
    return finding.pointer


def preview_html(data: dict[str, Any]) -> str:
    """The convention as the parties sign it (HTML, in French), with its check report."""
    return render_html(_convention(data))


def pdf_bytes(data: dict[str, Any]) -> bytes:
    """The convention printed to PDF/A (the JSON-LD file embedded)."""
    from convention_validator.render.documents import render_pdf

    convention = _convention(data)
    source = jsonld_text(data).encode("utf-8")
    return render_pdf(render_html(convention), source=source, source_name=DRAFT_NAME, lang="fr", title=convention.title)


def open_text(text: str | bytes, fmt: Literal["json", "yaml"], name: str, lang: str) -> dict[str, Any]:
    """A convention file read into data, or the read stage's findings when it cannot be read."""
    checker = _checker(lang)
    try:
        document = load_text(text, name, fmt, checker.validator.limits)
    except LoadError:
        with checker.lock:
            report = checker.validator.validate_text(text, name, fmt)
        return {"data": None, "errors": [f"{f.code} {f.message}" for f in report.findings]}
    return {"data": document.data, "errors": []}


def compare(old: dict[str, Any], new: dict[str, Any], lang: str) -> dict[str, Any]:
    """The changes from `old` to `new`, each described in words, as the `diff` command lists them."""
    return {"changes": [describe(change, lang) for change in diff_conventions(old, new)]}


def amendment_html(old: dict[str, Any], new: dict[str, Any], old_name: str) -> str:
    """The avenant that takes the convention from `old` to the draft `new` (HTML, in French)."""
    _, report = _validate(new, "fr")
    old_source, new_source = jsonld_text(old).encode("utf-8"), jsonld_text(new).encode("utf-8")
    amendment = build_amendment(
        old,
        new,
        report,
        old_source=old_name,
        new_source=DRAFT_NAME,
        standard_version=_checker("fr").validator.standard.version,
        old_sha256=hashlib.sha256(old_source).hexdigest(),
        new_sha256=hashlib.sha256(new_source).hexdigest(),
    )
    return render_html(amendment)


def proposed_policy(dataset: dict[str, Any], end_date: str | None) -> dict[str, Any]:
    """The usage rules a dataset's sharing and protection terms imply (as `new` and `upgrade` write them)."""
    return usage_policy(dataset, end_date)


def new_convention(code: str) -> dict[str, Any]:
    """The skeleton of the convention of a city contract, as `new` writes it."""
    return scaffold(code).data
