"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab)."""

from __future__ import annotations

import json
from typing import Any

from convention_validator.findings import Report, Severity
from convention_validator.messages import catalogue
from convention_validator.reporters.locations import file_uri, fingerprint

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP = "https://w3id.org/clauses-data/regles/{code}"
"""The page of a rule in the catalogue of findings (w3id.org redirects it to the documentation site)."""


def render_sarif(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    codes = sorted({f.code for f in report.findings})
    entries = catalogue()
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": entries[code].title[lang]},
            "fullDescription": {"text": entries[code].rationale[lang]},
            "help": {"text": entries[code].fix[lang]},
            "helpUri": HELP.format(code=code),
            "defaultConfiguration": {"level": LEVELS[entries[code].severity]},
            "properties": {"stage": entries[code].stage},
        }
        for code in codes
    ]
    results: list[dict[str, Any]] = []
    for finding in report.findings:
        region: dict[str, int] = {}
        if finding.line:
            region["startLine"] = finding.line
            if finding.column:
                region["startColumn"] = finding.column
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": file_uri(finding.file)}}}
        if region:
            location["physicalLocation"]["region"] = region
        if finding.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": codes.index(finding.code),
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [location],
                "partialFingerprints": {"conventionValidator/v1": fingerprint(finding)},
            }
        )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "convention-validator",
                        "version": report.tool_version,
                        "informationUri": "https://w3id.org/clauses-data/",
                        "rules": rules,
                    }
                },
                "language": lang,
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
