"""Indicator rows as flat tables (header + rows) for CSV and JSON: query columns, then a label column."""

from __future__ import annotations

from convention_validator.indicators.labels import LABEL_COLUMN, label_of
from convention_validator.indicators.report import IndicatorReport
from convention_validator.indicators.running import IndicatorResult, Value

COVERAGE_TABLE = "couverture-qpv"
COVERAGE_COLUMNS = ("code", "name", "territory", "covered", "conventions", "datasets")


LABELLED_COLUMNS = {"qpv", "accessLevel", "category", "theme", "partyType", "code"}


def labelled_column(result: IndicatorResult) -> str | None:
    """The first column, when its values have labels (IRIs of list values, QPV, finding codes)."""
    first = result.columns[0]
    return first if first in LABELLED_COLUMNS else None


def indicator_table(result: IndicatorResult, lang: str) -> tuple[list[str], list[list[Value]]]:
    """The query columns, plus the label of the first column's value when it has one."""
    labelled = labelled_column(result)
    header = result.columns + ([LABEL_COLUMN[lang]] if labelled else [])
    rows = [
        [row[name] for name in result.columns] + ([label_of(row[labelled], lang)] if labelled else [])
        for row in result.rows
    ]
    return header, rows


def coverage_table(report: IndicatorReport) -> tuple[list[str], list[list[Value]]]:
    """Every official QPV: code, name, territory, covered (1/0), conventions, datasets."""
    rows: list[list[Value]] = [
        [q.code, q.name, q.territory, int(q.covered), q.conventions, q.datasets] for q in report.coverage
    ]
    return list(COVERAGE_COLUMNS), rows
