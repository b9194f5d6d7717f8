"""Reports in the formats CI platforms read: GitHub annotations, GitLab code quality, JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from convention_validator.findings import Finding, Report, Severity
from convention_validator.i18n import labelled, text
from convention_validator.reporters.locations import fingerprint

GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    """One workflow command per finding (`::error file=…,line=…,col=…,title=…::message`)."""
    lines = []
    for finding in report.findings:
        properties = [f"file={_github_property(Path(finding.file).as_posix())}"]
        if finding.line:
            properties.append(f"line={finding.line}")
            if finding.column:
                properties.append(f"col={finding.column}")
        properties.append(f"title={_github_property(finding.code)}")
        message = finding.message + (f" [{finding.pointer}]" if finding.pointer else "")
        lines.append(f"::{GITHUB_LEVELS[finding.severity]} {','.join(properties)}::{_github_data(message)}")
    return "".join(line + "\n" for line in lines)


def render_gitlab(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    """A GitLab code quality report (the Code Climate subset GitLab reads)."""
    issues = [
        {
            "description": f"{finding.code} {finding.message}",
            "check_name": finding.code,
            "fingerprint": fingerprint(finding),
            "severity": GITLAB_SEVERITIES[finding.severity],
            "location": {"path": Path(finding.file).as_posix(), "lines": {"begin": finding.line or 1}},
        }
        for finding in report.findings
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _case_name(finding: Finding) -> str:
    where = f":{finding.line}:{finding.column}" if finding.line else ""
    return f"{finding.code} {Path(finding.file).as_posix()}{where} {finding.pointer}".strip()


def render_junit(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    """JUnit XML: one test suite per file; a file without findings is one passing test case."""
    root = ElementTree.Element("testsuites", name="convention-validator")
    total = failures = 0
    for file_report in report.files:
        suite = ElementTree.SubElement(root, "testsuite", name=Path(file_report.file).as_posix())
        cases = 0
        for finding in file_report.findings:
            cases += 1
            case = ElementTree.SubElement(suite, "testcase", classname=finding.code, name=_case_name(finding))
            if finding.severity is Severity.ERROR:
                failures += 1
                failure = ElementTree.SubElement(case, "failure", type=finding.code, message=finding.message)
                failure.text = finding.pointer
            else:
                output = ElementTree.SubElement(case, "system-out")
                output.text = f"{labelled(text(finding.severity.value, lang), lang)} {finding.message}"
        if not cases:
            cases = 1
            ElementTree.SubElement(suite, "testcase", classname="convention", name=Path(file_report.file).as_posix())
        suite_failures = sum(f.severity is Severity.ERROR for f in file_report.findings)
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += cases
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
