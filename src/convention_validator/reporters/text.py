"""Compiler-style text: `file:line:col: CODE severity message`, grouped by file, then a summary."""

from __future__ import annotations

import click

from convention_validator.findings import Report, Severity
from convention_validator.i18n import text
from convention_validator.reporters.printable import printable

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_text(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    lines: list[str] = []
    for file_report in report.files:
        if not quiet and file_report.standard_version not in ("", report.standard_version):
            lines.append(
                text(
                    "older_version",
                    lang,
                    file=printable(file_report.file),
                    version=file_report.standard_version,
                    current=report.standard_version,
                )
            )
        for finding in file_report.findings:
            where = ":".join(printable(p) for p in (finding.file, finding.line, finding.column) if p is not None)
            severity = text(finding.severity.value, lang)
            label = f"{finding.code} {severity}"
            if colour:
                label = click.style(label, fg=COLOURS[finding.severity], bold=finding.severity is Severity.ERROR)
            pointer = f" [{printable(finding.pointer)}]" if finding.pointer else ""
            lines.append(f"{where}: {label}: {printable(finding.message)}{pointer}")
    if not quiet or report.has_at_least(Severity.WARNING):
        summary = text(
            "summary",
            lang,
            files=len(report.files),
            errors=report.count(Severity.ERROR),
            warnings=report.count(Severity.WARNING),
            infos=report.count(Severity.INFO),
        )
        lines.append(click.style(summary, bold=True) if colour else summary)
    return "\n".join(lines) + ("\n" if lines else "")
