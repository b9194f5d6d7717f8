"""Compiler-style text: `file:line:col: CODE severity message`, grouped by file, then a summary.

`concise` gives one line per finding (logs, pipes); `full`, the default on a terminal, adds the
source line with a caret under the column and the fix on its own line, as compilers do.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from convention_validator.findings import Finding, Report, Severity
from convention_validator.i18n import labelled, summary, text
from convention_validator.reporters.printable import printable

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a larger file is not read again for its source lines
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # lines as PyYAML counts them
JSON_LINE_BREAK = re.compile("\n")  # lines as the json module counts them
SHOWN_WIDTH = 100  # characters of a source line shown around the column


def render_text(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    """One line per finding, then the summary."""
    return _render(report, lang, colour, quiet, full=False)


def render_full(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    """Each finding with its source line, a caret and the fix, then the summary."""
    return _render(report, lang, colour, quiet, full=True)


def _render(report: Report, lang: str, colour: bool, quiet: bool, full: bool) -> str:
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
        source = _source_lines(file_report.file) if full and file_report.findings else None
        for finding in file_report.findings:
            message, fix = _message_and_fix(finding, lang) if full else (finding.message, "")
            lines.append(_headline(finding, message, lang, colour))
            if full:
                lines.extend(_context(finding, source, fix, lang, colour))
    if not quiet or report.has_at_least(Severity.WARNING):
        counts = summary(
            len(report.files),
            report.count(Severity.ERROR),
            report.count(Severity.WARNING),
            report.count(Severity.INFO),
            lang,
        )
        lines.append(click.style(counts, bold=True) if colour else counts)
    return "\n".join(lines) + ("\n" if lines else "")


def _message_and_fix(finding: Finding, lang: str) -> tuple[str, str]:
    """The finding's message without its fix, and the fix (both from the catalogue with the finding's values)."""
    from convention_validator.messages import catalogue, render_parts

    if finding.code not in catalogue():
        return finding.message, ""
    message, fix = render_parts(finding.code, lang, dict(finding.params))
    if not finding.message.startswith(message):  # written in another language or by another path: keep it whole
        return finding.message, ""
    return message, fix


def _headline(finding: Finding, message: str, lang: str, colour: bool) -> str:
    where = ":".join(printable(p) for p in (finding.file, finding.line, finding.column) if p is not None)
    label = f"{finding.code} {text(finding.severity.value, lang)}"
    if colour:
        label = click.style(label, fg=COLOURS[finding.severity], bold=finding.severity is Severity.ERROR)
    pointer = f" [{printable(finding.pointer)}]" if finding.pointer else ""
    return f"{where}: {label}: {printable(message)}{pointer}"


def _context(finding: Finding, source: list[str] | None, fix: str, lang: str, colour: bool) -> list[str]:
    """The source line and its caret (when the line is known and readable), then the fix."""
    found: list[str] = []
    if source is not None and finding.line is not None and 1 <= finding.line <= len(source):
        number = str(finding.line)
        shown, caret = _window(source[finding.line - 1], finding.column)
        gutter = " " * len(number)
        found.append(f" {number} | {printable(shown)}")
        if caret is not None:
            mark = click.style("^", fg=COLOURS[finding.severity]) if colour else "^"
            found.append(f" {gutter} | {' ' * caret}{mark}")
    if fix:
        found.append(f" = {labelled(text('fix', lang), lang)} {printable(fix)}")
    return found


def _window(line: str, column: int | None) -> tuple[str, int | None]:
    """At most SHOWN_WIDTH characters of `line` around `column` (1-based), and the caret offset in them."""
    line = line.rstrip("\r\n").expandtabs(1)
    if column is None or column < 1:
        return line[:SHOWN_WIDTH], None
    start = max(0, min(column - 1 - SHOWN_WIDTH // 2, len(line) - SHOWN_WIDTH))
    start = 0 if column - 1 < SHOWN_WIDTH else start
    shown = line[start : start + SHOWN_WIDTH]
    prefix = "…" if start else ""
    return prefix + shown, len(prefix) + min(column - 1 - start, len(shown))


def _source_lines(name: str) -> list[str] | None:
    """The lines of the file numbered as the loaders number them, or None (standard input, unreadable, too large)."""
    path = Path(name)
    try:
        if not path.is_file() or path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        content = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    breaks = YAML_LINE_BREAK if path.suffix.lower() in (".yaml", ".yml") else JSON_LINE_BREAK
    return breaks.split(content)
