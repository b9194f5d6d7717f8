"""Findings and reports: what the validator says about a file, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    """The stages of validation, in the order they run (a finding names the one that raised it)."""

    READ = "read"
    STRUCTURE = "structure"
    GRAPH = "graph"
    RULES = "rules"
    REFERENCE = "reference"


STAGES = tuple(stage.value for stage in Stage)


class Severity(StrEnum):
    """Severity of a finding, ordered; maps onto SHACL severities."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @property
    def shacl_iri(self) -> str:
        name = {"info": "Info", "warning": "Warning", "error": "Violation"}[self.value]
        return f"http://www.w3.org/ns/shacl#{name}"

    @classmethod
    def from_shacl(cls, iri: str) -> Severity:
        return {"Info": cls.INFO, "Warning": cls.WARNING, "Violation": cls.ERROR}[iri.rsplit("#", 1)[-1]]


@dataclass(frozen=True)
class Finding:
    """One located finding: a stable code, its severity and the values quoted in its message."""

    code: str
    severity: Severity
    stage: Stage
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


@dataclass
class FileReport:
    """Findings for one file and the last stage that ran on it."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)
    standard_version: str = ""  # the version of the standard the file was checked against
    graph: Any = field(default=None, repr=False, compare=False)  # the DocumentGraph, once built

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass
class Report:
    """The result of validating one or more files."""

    files: list[FileReport] = field(default_factory=list)
    standard_version: str = ""
    tool_version: str = ""

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.files for f in report.findings]

    def count(self, severity: Severity) -> int:
        return sum(report.count(severity) for report in self.files)

    def has_at_least(self, severity: Severity) -> bool:
        return any(f.severity.rank >= severity.rank for f in self.findings)
