"""The validation pipeline: read, structure, graph, rules, reference — loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Literal

from convention_validator import __version__
from convention_validator.discovery import discover
from convention_validator.findings import STAGES, FileReport, Finding, Report
from convention_validator.i18n import detect_language
from convention_validator.loaders import Limits, LoadedDocument, LoadError, load_path, load_text
from convention_validator.messages import catalogue, render
from convention_validator.read_params import read_params
from convention_validator.stages.context import StageContext
from convention_validator.stages.graph import DocumentGraph, GraphStage
from convention_validator.stages.reference import ReferenceStage
from convention_validator.stages.rules import RulesStage
from convention_validator.stages.structure import StructureStage
from convention_validator.standard import CURRENT, Standard, declared_version, released_standards


class Validator:
    """Validates conventions; the schema, shapes, rules and reference data load once."""

    def __init__(
        self,
        lang: str | None = None,
        last_stage: str = "reference",
        limits: Limits | None = None,
        engine: str = "fast",
    ) -> None:
        if last_stage not in STAGES:
            raise ValueError(f"unknown stage {last_stage!r}; choose among {', '.join(STAGES)}")
        self.lang = detect_language(lang)
        self.last_stage = last_stage
        self.limits = limits or Limits()
        self.standards = released_standards()
        self.standard = CURRENT
        self.engine = engine
        self._pipelines: dict[str, _Pipeline] = {}

    def _pipeline(self, version: str) -> _Pipeline:
        """The structure, graph and rules stages of one version of the standard, built once."""
        if version not in self._pipelines:
            self._pipelines[version] = _Pipeline(self.standards[version], self.engine)
        return self._pipelines[version]

    @cached_property
    def _reference(self) -> ReferenceStage:
        return ReferenceStage()

    def validate_file(self, path: str | Path) -> FileReport:
        """Validate one file."""
        name = str(path)
        try:
            document = load_path(path, self.limits)
        except LoadError as error:
            return self._read_failure(name, error)
        return self.validate_document(document)

    def validate_text(self, text: str | bytes, name: str, format: Literal["json", "yaml"] = "json") -> FileReport:
        """Validate a document given as text (JSON-LD or YAML)."""
        try:
            document = load_text(text, name, format, self.limits)
        except LoadError as error:
            return self._read_failure(name, error)
        return self.validate_document(document)

    def validate_document(self, document: LoadedDocument) -> FileReport:
        """Run the stages after reading, stopping after the first stage with errors."""
        report = FileReport(file=document.name, stages_run=["read"], standard_version=self.standard.version)
        context = StageContext(document=document, lang=self.lang)
        graph: DocumentGraph | None = None
        version = declared_version(document.data)
        if version is not None and version not in self.standards:
            report.stages_run.append("structure")
            context.emit("CV109", "/@context", "structure", value=version, allowed=", ".join(self.standards))
            report.findings = context.findings
            return report
        pipeline = self._pipeline(version or self.standard.version)
        report.standard_version = pipeline.standard.version
        for stage in STAGES[1:]:
            if STAGES.index(stage) > STAGES.index(self.last_stage):
                break
            report.stages_run.append(stage)
            if stage == "structure":
                pipeline.structure.run(context)
            elif stage == "graph":
                graph = pipeline.graph.run(context)
                if graph is None:
                    break
            elif stage == "rules" and graph is not None:
                pipeline.rules.run(context, graph)
            else:
                self._reference.run(context)
            if any(f.severity.rank >= 2 for f in context.findings):
                break
        report.findings = sorted(context.findings, key=lambda f: f.sort_key)
        report.graph = graph
        return report

    def _read_failure(self, name: str, error: LoadError) -> FileReport:
        params = read_params(error, self.lang)
        entry = catalogue()[error.code]
        finding = Finding(
            code=error.code,
            severity=entry.severity,
            stage="read",
            message=render(error.code, self.lang, params),
            file=name,
            line=error.position.line if error.position else None,
            column=error.position.column if error.position else None,
            pointer=error.pointer,
            params=tuple(sorted(params.items())),
        )
        return FileReport(file=name, findings=[finding], stages_run=["read"])

    def validate(self, paths: Iterable[str | Path]) -> Report:
        """Validate files, folders (recursively) and glob patterns."""
        report = Report(standard_version=self.standard.version, tool_version=__version__)
        for path in expand_paths(paths):
            file_report = self.validate_file(path)
            file_report.graph = None  # a batch keeps findings only, not every document's graph
            report.files.append(file_report)
        return report


class _Pipeline:
    """The stages that depend on the version of the standard."""

    def __init__(self, standard: Standard, engine: str) -> None:
        self.standard = standard
        self.engine = engine

    @cached_property
    def structure(self) -> StructureStage:
        return StructureStage(self.standard)

    @cached_property
    def graph(self) -> GraphStage:
        return GraphStage(self.standard)

    @cached_property
    def rules(self) -> RulesStage:
        return RulesStage(self.standard, engine=self.engine)


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files as given, convention files inside folders and among glob matches, in a stable order."""
    return discover(paths).files


def validate(paths: str | Path | Iterable[str | Path], *, lang: str | None = None, stage: str = "reference") -> Report:
    """Validate conventions and return a typed report (the Python API)."""
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return Validator(lang=lang, last_stage=stage).validate(items)
