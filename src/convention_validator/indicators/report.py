"""All the indicators of one store at one moment: query results, QPV coverage and metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from convention_validator import __version__
from convention_validator.indicators.coverage import QpvCoverage, qpv_coverage
from convention_validator.indicators.running import IndicatorResult, run_indicators
from convention_validator.standard import STANDARD_VERSION
from convention_validator.store import QuadStore

COVERED_QUERY = "qpv-couverts"
PER_QPV_QUERY = "jeux-par-qpv"


@dataclass(frozen=True)
class IndicatorReport:
    """What the CSV, JSON and HTML outputs are written from."""

    results: dict[str, IndicatorResult]
    coverage: list[QpvCoverage]
    unknown_qpv: list[str]
    store: str
    generated_at: str
    standard_version: str = STANDARD_VERSION
    tool_version: str = __version__

    @property
    def covered_count(self) -> int:
        return sum(1 for row in self.coverage if row.covered)


def build_report(store: QuadStore, store_description: str) -> IndicatorReport:
    """Run every indicator query on `store` and join the QPV coverage with the official list."""
    results = run_indicators(store)
    coverage, unknown = qpv_coverage(results[COVERED_QUERY], results[PER_QPV_QUERY])
    generated_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return IndicatorReport(results, coverage, unknown, store_description, generated_at)
