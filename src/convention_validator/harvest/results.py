"""The outcome of a harvest: one entry per source, totals, and whether the run succeeded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FAILED_STATUSES = ("invalid", "unreachable")
STAGES = ("fetch_wait", "validate", "convert", "store_write")


SEVERITY_FIELDS = {"error": "errors", "warning": "warnings", "info": "infos"}


@dataclass(slots=True)
class SourceResult:
    """What happened to one source in this run (compact: one per source stays in memory until the report)."""

    source: str
    status: str  # current | invalid | unreachable | withdrawn (the record's status after the run)
    action: str  # loaded | unchanged | kept | not_loaded | withdrawn | failed (listing) | not_saved — what this run did
    # kept: not current, the last valid version stays; not_loaded: not current and no valid version ever
    listing: str = ""
    line: int = 0  # line of the list file naming the source, when it is the source that is at fault
    convention: str = ""
    reason: str = ""
    http_status: int | None = None
    content_hash: str = ""
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    findings: tuple[dict[str, Any], ...] = ()

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES

    @property
    def counts(self) -> dict[str, int]:
        return {"error": self.errors, "warning": self.warnings, "info": self.infos}

    def count(self, severity: str, number: int = 1) -> None:
        """Add `number` findings of `severity` (error, warning or info)."""
        name = SEVERITY_FIELDS[severity]
        setattr(self, name, getattr(self, name) + number)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "action": self.action,
            "listing": self.listing,
            "line": self.line,
            "convention": self.convention,
            "reason": self.reason,
            "http_status": self.http_status,
            "content_hash": self.content_hash,
            "counts": self.counts,
            "findings": list(self.findings),
        }


@dataclass
class HarvestReport:
    """Every source's result, in the order the sources were processed."""

    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    store: str = ""
    validator_version: str = ""
    standard_version: str = ""
    interrupted: bool = False
    store_error: str = ""  # the store refused a write: the run stopped there (exit code 2)
    sources: list[SourceResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    """Summed seconds per stage: waiting for fetches, validating, converting to N-Triples, writing to the store.

    Validation and conversion run in the checking processes: their seconds are summed over them."""

    @property
    def failed(self) -> bool:
        return self.interrupted or bool(self.store_error) or any(result.failed for result in self.sources)

    def totals(self) -> dict[str, int]:
        counts = {name: 0 for name in ("current", "invalid", "unreachable", "withdrawn")}
        for result in self.sources:
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts

    def actions(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.sources:
            counts[result.action] = counts.get(result.action, 0) + 1
        return counts

    def summary(self) -> dict[str, Any]:
        """Everything but the sources."""
        return {
            "started": self.started,
            "finished": self.finished,
            "seconds": round(self.seconds, 3),
            "store": self.store,
            "validator_version": self.validator_version,
            "standard_version": self.standard_version,
            "interrupted": self.interrupted,
            "store_error": self.store_error,
            "failed": self.failed,
            "totals": self.totals(),
            "actions": self.actions(),
            "timings": {stage: round(seconds, 6) for stage, seconds in self.timings.items()},
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "sources": [result.to_dict() for result in self.sources]}
