"""The CSV and JSON outputs of an indicator report, as texts (written by `writing`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from convention_validator.indicators.report import IndicatorReport
from convention_validator.indicators.running import Value
from convention_validator.indicators.tables import COVERAGE_TABLE, coverage_table, indicator_table

JSON_FILE = "indicateurs.json"


def _csv_text(header: list[str], rows: list[list[Value]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return buffer.getvalue()


def csv_files(report: IndicatorReport, lang: str) -> dict[str, str]:
    """One CSV file per indicator (`{name}.csv`) and the QPV coverage table (`couverture-qpv.csv`)."""
    files = {f"{name}.csv": _csv_text(*indicator_table(result, lang)) for name, result in report.results.items()}
    files[f"{COVERAGE_TABLE}.csv"] = _csv_text(*coverage_table(report))
    return files


def json_document(report: IndicatorReport, lang: str) -> dict[str, Any]:
    """Every indicator with its metadata, in one JSON document."""
    indicators: dict[str, Any] = {}
    for name, result in report.results.items():
        header, rows = indicator_table(result, lang)
        indicators[name] = {
            "title": result.query.title,
            "description": result.query.description,
            "query": result.query.file,
            "columns": header,
            "rows": [dict(zip(header, row, strict=True)) for row in rows],
            "seconds": round(result.seconds, 4),
        }
    header, rows = coverage_table(report)
    return {
        "standard": "clauses-data",
        "standard_version": report.standard_version,
        "tool_version": report.tool_version,
        "generated_at": report.generated_at,
        "store": report.store,
        "qpv_total": len(report.coverage),
        "qpv_covered": report.covered_count,
        "qpv_not_in_reference": report.unknown_qpv,
        "indicators": indicators,
        COVERAGE_TABLE: {"columns": header, "rows": [dict(zip(header, row, strict=True)) for row in rows]},
    }


def json_file(report: IndicatorReport, lang: str) -> dict[str, str]:
    return {JSON_FILE: json.dumps(json_document(report, lang), ensure_ascii=False, indent=2) + "\n"}
