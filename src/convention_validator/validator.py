"""The validation pipeline: read, structure, graph, rules, reference — loaded once per process."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from convention_validator import __version__
from convention_validator.cores import available_cores
from convention_validator.discovery import discover
from convention_validator.findings import STAGES, FileReport, Finding, Report, Stage
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

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor  # imported by `worker_pool`, for batches only


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
            stage=Stage.READ,
            message=render(error.code, self.lang, params),
            file=name,
            line=error.position.line if error.position else None,
            column=error.position.column if error.position else None,
            pointer=error.pointer,
            params=tuple(sorted(params.items())),
        )
        return FileReport(file=name, findings=[finding], stages_run=["read"])

    def validate(self, paths: Iterable[str | Path], jobs: int | None = None) -> Report:
        """Validate files, folders (recursively) and glob patterns.

        `jobs` processes share the files (None: one per available core for a batch of
        PARALLEL_FROM files or more, else one); the report is the same whatever their number.
        """
        report = Report(standard_version=self.standard.version, tool_version=__version__)
        files = expand_paths(paths)
        workers = default_jobs(len(files)) if jobs is None else max(1, min(jobs, len(files)))
        if workers > 1:
            report.files.extend(self._validate_in_parallel(files, workers))
            return report
        for path in files:
            report.files.append(self._batch_entry(path))
        return report

    def _batch_entry(self, path: str) -> FileReport:
        file_report = self.validate_file(path)
        file_report.graph = None  # a batch keeps findings only, not every document's graph
        return file_report

    def _validate_in_parallel(self, files: list[str], workers: int) -> list[FileReport]:
        """Validate `files` in `workers` processes, in order."""
        chunk = max(1, min(16, len(files) // (workers * 4)))
        with self.worker_pool(workers) as pool:
            return list(pool.map(_validate_in_worker, files, chunksize=chunk))

    def worker_pool(self, workers: int, warm: bool = True) -> ProcessPoolExecutor:
        """`workers` processes that validate like this validator (run tasks there with `in_worker`).

        Where fork exists (Linux) they start now, from this process, with every stage of the current
        standard already loaded when `warm` (else each loads what its first document needs: nothing
        is loaded when no document comes); elsewhere each one builds its own validator. They ignore Ctrl-C
        (the calling process handles it and shuts them down) and end with the calling process.
        """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_VALIDATOR
        if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
            if warm:
                self._warm_up()
            _WORKER_VALIDATOR = self
            try:
                pool = ProcessPoolExecutor(
                    workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker
                )
                pool.submit(_ready).result()  # with fork, every worker is started at the first task
            finally:
                _WORKER_VALIDATOR = None  # the workers keep their copy; this process forgets it
            return pool
        settings = (self.lang, self.last_stage, self.limits, self.engine)
        spawn = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(workers, mp_context=spawn, initializer=_start_worker, initargs=settings)

    def _warm_up(self) -> None:
        """Load every stage of the current standard (before forking, so that workers share it)."""
        pipeline = self._pipeline(self.standard.version)
        for stage in ("structure", "graph", "rules"):
            getattr(pipeline, stage)
        self._reference  # noqa: B018 - loads the reference data


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


PARALLEL_FROM = 16  # files: below, starting worker processes costs more than it saves
_WORKER_VALIDATOR: Validator | None = None  # the validator of a worker process
T = TypeVar("T")


def default_jobs(files: int) -> int:
    """One process per available core for a batch of PARALLEL_FROM files or more, else one."""
    if files < PARALLEL_FROM:
        return 1
    return max(1, min(available_cores(), files // (PARALLEL_FROM // 2)))


def _start_worker(*settings: object) -> None:
    """Set a worker process up: Ctrl-C is for the calling process; die with it; build the validator if not forked."""
    global _WORKER_VALIDATOR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the handler of the calling process (a CLI's)
    _die_with_parent()
    if _WORKER_VALIDATOR is None:
        lang, last_stage, limits, engine = settings
        assert isinstance(lang, str) and isinstance(last_stage, str) and isinstance(engine, str)
        assert isinstance(limits, Limits)
        _WORKER_VALIDATOR = Validator(lang=lang, last_stage=last_stage, limits=limits, engine=engine)


def _die_with_parent() -> None:
    """Linux: a worker is killed when the process that started it dies (even killed), instead of lingering."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1 (prctl(2))
    except (OSError, AttributeError):
        return


def _ready() -> None:
    """A first task: makes a fork pool start its workers."""


def in_worker(task: Callable[..., T], *args: object) -> T:
    """Run `task(validator, *args)` with the validator of this worker process (see `Validator.worker_pool`)."""
    assert _WORKER_VALIDATOR is not None, "in_worker runs in a process of Validator.worker_pool"
    return task(_WORKER_VALIDATOR, *args)


def _validate_in_worker(path: str) -> FileReport:
    assert _WORKER_VALIDATOR is not None
    return _WORKER_VALIDATOR._batch_entry(path)


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files as given, convention files inside folders and among glob matches, in a stable order."""
    return discover(paths).files


def validate(
    paths: str | Path | Iterable[str | Path],
    *,
    lang: str | None = None,
    stage: str = "reference",
    jobs: int | None = None,
) -> Report:
    """Validate conventions and return a typed report (the Python API); `jobs` as in `Validator.validate`."""
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return Validator(lang=lang, last_stage=stage).validate(items, jobs=jobs)


def validate_text(
    text: str | bytes,
    name: str = "<texte>",
    format: Literal["json", "yaml"] = "json",
    *,
    lang: str | None = None,
    stage: str = "reference",
) -> Report:
    """Validate one document given as text (JSON-LD or YAML) and return a report like `validate`.

    `Validator.validate_text` gives the `FileReport` of that one document (also `report.files[0]`).
    """
    report = Report(standard_version=CURRENT.version, tool_version=__version__)
    file_report = Validator(lang=lang, last_stage=stage).validate_text(text, name, format)
    file_report.graph = None
    report.files.append(file_report)
    return report
