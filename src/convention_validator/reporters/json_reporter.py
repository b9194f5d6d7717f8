"""Machine-readable JSON report."""

from __future__ import annotations

import json

from convention_validator.findings import Report, Severity


def render_json(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    data = {
        "tool": {"name": "convention-validator", "version": report.tool_version},
        "standard": {"name": "clauses-data", "version": report.standard_version},
        "language": lang,
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
        "files": [
            {
                "file": file_report.file,
                "standard_version": file_report.standard_version,
                "stages": file_report.stages_run,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "stage": f.stage,
                        "message": f.message,
                        "line": f.line,
                        "column": f.column,
                        "pointer": f.pointer,
                        "params": dict(f.params),
                    }
                    for f in file_report.findings
                ],
            }
            for file_report in report.files
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
