"""Harvest orchestration: fetch concurrently, validate, replace graph and record atomically.

Design (measured, see docs/moissonnage.md): the sources are read as a stream; fetching threads
(I/O, GIL released) keep a bounded window of documents ahead; as soon as a document arrives, worker
processes (one per core) validate it and convert it to N-Triples; the calling thread takes the
results in order and decides; one writer thread applies the store operations in order, new graphs
waiting together in one atomic bulk write. Memory is bounded by the window plus one compact result
per source. A store failure (disk full…) stops the run: the report says so and every operation
already applied is complete.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from convention_validator import __version__
from convention_validator.findings import FileReport, Severity
from convention_validator.harvest.checking import Checked, check_document
from convention_validator.harvest.fetcher import Fetched, Fetcher, FetchOptions
from convention_validator.harvest.messages import Reason, say
from convention_validator.harvest.records import (
    HARVEST_NAMESPACE,
    Record,
    checked_update,
    load_records,
    now,
    record_turtle,
    record_update,
    run_stamp,
    run_update,
    timestamp,
)
from convention_validator.harvest.results import HarvestReport, SourceResult
from convention_validator.harvest.sources import (
    Entry,
    ListingEnd,
    Location,
    Unusable,
    expand_fetched,
    is_remote,
    listing_kind,
    plan_sources,
    remote_entries,
)
from convention_validator.harvest.urls import shown
from convention_validator.harvest.writer import StoreWriter
from convention_validator.store import RECORDS_GRAPH, NewGraph, QuadStore, StoreError
from convention_validator.store.graph_index import add_missing_indexes

if TYPE_CHECKING:
    from convention_validator.validator import Validator

CHECKED_BATCH = 256
PARALLEL_FROM = 16  # the harvester always has enough documents ahead to keep every core busy
LISTING_FAILURES = ("source_missing", "listing_unreadable", "catalogue_unreadable")
Progress = Callable[[int, int], None]
Arrival = tuple[Fetched, "Future[Checked] | None"]  # a fetched document, and its checking if it needs one


@dataclass(frozen=True)
class HarvestOptions(FetchOptions):
    """Fetch limits, the language of messages and reports, and the checking processes.

    `jobs`: processes that validate and convert documents (None: one per available core when
    there are several; 1: in the harvesting process itself).
    """

    lang: str = "fr"
    jobs: int | None = None


def harvest(
    sources: Iterable[str],
    store: QuadStore,
    options: HarvestOptions | None = None,
    progress: Progress | None = None,
    validator: Validator | None = None,
) -> HarvestReport:
    """Harvest `sources` into `store` (the Python API). KeyboardInterrupt ends the run cleanly:
    the report then has `interrupted` set and every operation already started is complete.

    `progress(done, total)` is called after each source; `validator` may be shared between runs.
    """
    return Harvester(store, options or HarvestOptions(), progress, validator).run(sources)


class Harvester:
    """One harvest run."""

    def __init__(
        self,
        store: QuadStore,
        options: HarvestOptions,
        progress: Progress | None = None,
        validator: Validator | None = None,
    ) -> None:
        from convention_validator.validator import Validator

        self.store = store
        self.options = options
        self.progress = progress
        self.validator = validator or Validator(lang=options.lang)
        self.standard_version = self.validator.standard.version
        self.report = HarvestReport(validator_version=__version__, standard_version=self.standard_version)
        self.records: dict[str, Record] = {}
        self.owners: dict[str, str] = {}  # convention IRI -> source holding it (not withdrawn)
        self.checked: list[str] = []
        self.pending: deque[Entry] = deque()  # entries of fetched listings, before the stream's next ones
        self.seen: set[str] = set()  # a URL is harvested once per run
        self.unseen: dict[str, set[str]] = {}  # listing -> its recorded sources not listed (yet) in this run
        self.listings: set[str] = set()  # listings named by a record (a failure there is a listing failure)
        self.total = 0
        self.writer: StoreWriter | None = None
        self.checkers: Executor | None = None  # processes validating and converting documents
        self.unsaved: deque[tuple[int, SourceResult]] = deque()  # results whose store operation is not done yet
        self._ticket: int | None = None  # number of the store operation of the result being built

    # -- run -------------------------------------------------------------------------------
    def run(self, sources: Iterable[str]) -> HarvestReport:
        started = time.monotonic()
        self.report.started = now()
        self.records = load_records(self.store)
        add_missing_indexes(self.store)
        self.owners = {r.topic: r.source for r in self.records.values() if r.topic and r.status != "withdrawn"}
        self.listings = {r.listed_in for r in self.records.values() if r.listed_in}
        entries = plan_sources(sources)
        self.checkers = self._start_checkers()  # forked first, before any thread of this run exists
        fetcher = Fetcher(self.options)
        pool = ThreadPoolExecutor(max_workers=max(self.options.concurrency, 1), thread_name_prefix="fetch")
        self.writer = StoreWriter(self._add_graphs())
        window: deque[tuple[Location, Future[Arrival]]] = deque()
        try:
            while True:
                self._fill(window, entries, fetcher, pool)
                if not window:
                    break
                location, future = window.popleft()
                waited = time.perf_counter()
                fetched, checking = future.result()
                self.report.timings["fetch_wait"] += time.perf_counter() - waited
                self._process(location, fetched, checking)
                if self.progress is not None:
                    self.progress(len(self.report.sources), max(self.total, len(self.report.sources)))
        except KeyboardInterrupt:
            self.report.interrupted = True
        except StoreError as error:
            self._store_failed(error)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            if self.checkers is not None:
                self.checkers.shutdown(wait=True, cancel_futures=True)
            try:
                if not self.report.store_error:
                    self._flush_checked()
                self.writer.close()  # every operation already submitted is applied (each one atomic)
            except StoreError as error:
                self._store_failed(error)
            finally:
                self.report.timings["store_write"] = self.writer.seconds
            if self.report.store_error:
                self._mark_unsaved()
            fetcher.close()
            self.report.finished = now()
            self.report.seconds = time.monotonic() - started
        return self.report

    def _start_checkers(self) -> Executor | None:
        """Worker processes for checking documents, or None to check them in this process."""
        from convention_validator.validator import default_jobs

        jobs = self.options.jobs if self.options.jobs is not None else default_jobs(PARALLEL_FROM)
        # not warmed: a re-harvest of unchanged sources validates nothing and so loads nothing
        return self.validator.worker_pool(jobs, warm=False) if jobs > 1 else None

    def _add_graphs(self) -> Callable[[Sequence[NewGraph]], list[NewGraph]] | None:
        """The store's atomic write of several new graphs with their records, if it has one."""
        add_graphs = getattr(self.store, "add_graphs", None)
        if add_graphs is None:
            return None
        return lambda graphs: add_graphs(graphs, RECORDS_GRAPH)

    def _arrive(self, fetcher: Fetcher, location: Location, etag: str, modified: str) -> Arrival:
        """Fetch a document (in a fetching thread) and send it to a checking process if it needs one."""
        fetched = fetcher.fetch(location.url, etag, modified, location.local)
        if self.checkers is None or not self._needs_check(location, fetched, self.records.get(location.url)):
            return fetched, None
        from convention_validator.validator import in_worker

        return fetched, self.checkers.submit(in_worker, check_document, fetched.body, location.url, fetched.media_type)

    def _check(self, location: Location, fetched: Fetched) -> Checked:
        """Check a document in this process (no worker processes, or a document not sent to them)."""
        return check_document(self.validator, fetched.body, location.url, fetched.media_type)

    def _fill(
        self,
        window: deque[tuple[Location, Future[Arrival]]],
        entries: Iterator[Entry],
        fetcher: Fetcher,
        pool: ThreadPoolExecutor,
    ) -> None:
        """Start fetches until the window is full or no entry is left (listings streamed as they go)."""
        while len(window) < 2 * max(self.options.concurrency, 1):
            entry = self.pending.popleft() if self.pending else next(entries, None)
            if entry is None:
                return
            if isinstance(entry, ListingEnd):
                self._listing_end(entry)
                continue
            if entry.listing is not None:
                self._unseen_of(entry.listing).discard(entry.source if isinstance(entry, Unusable) else entry.url)
            self.total += 1
            if isinstance(entry, Unusable):
                self._unusable(entry)
            elif entry.url in self.seen:
                self.total -= 1
            else:
                self.seen.add(entry.url)
                etag, modified = self._validators_of(self.records.get(entry.url))
                window.append((entry, pool.submit(self._arrive, fetcher, entry, etag, modified)))

    # -- one document ----------------------------------------------------------------------
    def _is_listing(self, location: Location, fetched: Fetched) -> bool:
        """A source given directly that turns out to list other sources (a catalogue, a list of URLs)."""
        remote_source = fetched.kind == "ok" and location.listing is None and is_remote(location.url)
        return remote_source and bool(listing_kind(location.url, fetched.body, fetched.media_type))

    def _needs_check(self, location: Location, fetched: Fetched, record: Record | None) -> bool:
        """A fetched document to validate: neither a listing nor the same bytes as a valid version already loaded."""
        if fetched.kind != "ok" or self._is_listing(location, fetched):
            return False
        return not self._same_as_loaded(record, fetched)

    def _same_as_loaded(self, record: Record | None, fetched: Fetched) -> bool:
        """The fetched bytes are those of the valid version already loaded (nothing to validate again)."""
        return record is not None and self._may_skip(record) and record.content_hash == fetched.content_hash

    def _process(self, location: Location, fetched: Fetched, checking: Future[Checked] | None = None) -> None:
        url = location.url
        record = self.records.get(url)
        if self._is_listing(location, fetched):
            self._expand(url, fetched)
            return
        if fetched.kind != "ok" and record is None and url in self.listings:
            self._listing_failed(url, fetched.reason or Reason.of("http", status=fetched.http_status))
            return
        checked = timestamp(fetched.fetched_at)
        if fetched.kind == "failed" or (fetched.kind == "gone" and (record is None or not record.topic)):
            reason = fetched.reason or Reason.of("http", status=fetched.http_status)
            self._keep(location, record, "unreachable", reason, checked, fetched)
        elif fetched.kind == "gone":
            self._keep(location, record, "withdrawn", fetched.reason or Reason.of("gone", status=404), checked, fetched)
        elif fetched.kind == "not_modified":
            if record is not None and self._may_skip(record):
                self._unchanged(location, record, fetched)
            else:
                self._keep(location, record, "unreachable", Reason.of("unexpected_304"), checked, fetched)
        elif record is not None and self._same_as_loaded(record, fetched):
            self._unchanged(location, record, fetched)
        else:
            self._load(location, record, fetched, checking)

    def _load(
        self, location: Location, record: Record | None, fetched: Fetched, checking: Future[Checked] | None
    ) -> None:
        """Load a checked document when it is valid, else record why not."""
        url = location.url
        result = checking.result() if checking is not None else self._check(location, fetched)
        self.report.timings["validate"] += result.validate_seconds
        self.report.timings["convert"] += result.convert_seconds
        report = result.report
        checked = timestamp(fetched.fetched_at)
        counts = _code_counts(report)
        if not result.topic:
            errors = result.errors
            codes = ", ".join(sorted({f.code for f in report.findings if f.severity is Severity.ERROR}))
            reason = Reason.of("invalid", errors=errors, codes=codes or "-")
            self._keep(location, record, "invalid", reason, checked, fetched, report, counts)
            return
        topic = result.topic
        owner = self.owners.get(topic)
        if topic.startswith(HARVEST_NAMESPACE):
            self._keep(
                location, record, "invalid", Reason.of("reserved_iri", iri=topic), checked, fetched, report, counts
            )
            return
        if owner is not None and owner != url:
            reason = Reason.of("conflict", iri=topic, other=owner)
            self._keep(location, record, "invalid", reason, checked, fetched, report, counts)
            return
        new = Record(
            source=url,
            status="current",
            topic=topic,
            generated=checked,
            last_checked=checked,
            content_hash=fetched.content_hash,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            validator_version=__version__,
            standard_version=self.standard_version,
            listed_in=location.listing or "",
            finding_counts=counts,
        )
        ntriples = result.ntriples
        update = record_update(new)

        def replace() -> None:
            self.store.replace_graph(topic, ntriples, update)

        if record is None:  # a new source: its graph is created with its record, with others arriving meanwhile
            assert self.writer is not None
            self._ticket = self.writer.submit_new_graph(NewGraph(topic, ntriples, record_turtle(new)), replace)
        else:
            self._submit(replace)
        if record is not None and record.topic and self.owners.get(record.topic) == url:
            del self.owners[record.topic]
        self.owners[topic] = url
        self.records[url] = new
        self._result(location, new, "loaded", fetched, report)

    def _unchanged(self, location: Location, record: Record, fetched: Fetched) -> None:
        checked = timestamp(fetched.fetched_at)
        etag = fetched.etag or record.etag
        modified = fetched.last_modified or record.last_modified
        listed_in = location.listing or ""
        new = record.evolve(last_checked=checked, etag=etag, last_modified=modified, listed_in=listed_in)
        if (etag, modified, listed_in) != (record.etag, record.last_modified, record.listed_in):
            update = record_update(new)
            self._submit(lambda: self.store.update(update))
        else:
            self.checked.append(location.url)
            if len(self.checked) >= CHECKED_BATCH:
                self._flush_checked()
        self.records[location.url] = new
        self._result(location, new, "unchanged", fetched)

    def _keep(
        self,
        location: Location,
        record: Record | None,
        status: str,
        reason: Reason,
        checked: str,
        fetched: Fetched | None = None,
        report: FileReport | None = None,
        counts: tuple[tuple[str, str, int], ...] | None = None,
    ) -> None:
        """Record why the source is not current; the last valid graph (if any) stays as it is.

        The action is `kept` when a valid version is loaded, `not_loaded` when the source never had one.
        """
        base = record or Record(
            source=location.url, validator_version=__version__, standard_version=self.standard_version
        )
        new = base.evolve(
            status=status,
            reason=reason.text("fr"),
            last_checked=checked,
            listed_in=location.listing if location.listing is not None else base.listed_in,
            finding_counts=base.finding_counts if counts is None else counts,
        )
        update = record_update(new)
        self._submit(lambda: self.store.update(update))
        if status == "withdrawn" and new.topic and self.owners.get(new.topic) == new.source:
            del self.owners[new.topic]
        self.records[location.url] = new
        self._result(location, new, _keep_action(status, new), fetched, report, reason)

    # -- listings --------------------------------------------------------------------------
    def _expand(self, url: str, fetched: Fetched) -> None:
        try:
            urls = expand_fetched(url, fetched.body, fetched.media_type)
        except (ValueError, UnicodeDecodeError) as error:
            self._listing_failed(url, Reason.of("catalogue_unreadable", detail=shown(f"{url}: {error}")))
            return
        self.pending.extend(remote_entries(urls, url))
        self.pending.append(ListingEnd(url))
        self.total -= 1  # the listing itself is not a document

    def _unseen_of(self, listing: str) -> set[str]:
        if listing not in self.unseen:
            self.unseen[listing] = {
                r.source for r in self.records.values() if r.listed_in == listing and r.status != "withdrawn"
            }
        return self.unseen[listing]

    def _listing_end(self, end: ListingEnd) -> None:
        """A complete listing withdraws the recorded sources it no longer names (an unreadable one, none)."""
        missing = self._unseen_of(end.listing)
        del self.unseen[end.listing]
        if end.failed:
            return
        for source in sorted(missing):
            record = self.records[source]
            self.total += 1
            reason = Reason.of("withdrawn_listing", listing=end.listing)
            self._keep(Location(source, end.listing), record, "withdrawn", reason, now())

    def _unusable(self, entry: Unusable) -> None:
        """A source that is not fetched (odd address, other scheme, missing file): reported, never read."""
        if entry.listing is None and entry.reason.key in LISTING_FAILURES:
            self._listing_failed(entry.source, entry.reason)
            return
        record = self.records.get(entry.source)
        if record is not None:  # known from an earlier run: its record says why it is no longer fetched
            self._keep(Location(entry.source, entry.listing), record, "unreachable", entry.reason, now())
            return
        self.report.sources.append(
            SourceResult(
                source=entry.source,
                status="unreachable",
                action="not_loaded",
                listing=entry.listing or "",
                line=entry.line,
                reason=entry.reason.text(self.options.lang),
            )
        )

    def _listing_failed(self, source: str, reason: Reason) -> None:
        self.report.sources.append(
            SourceResult(source=source, status="unreachable", action="failed", reason=reason.text(self.options.lang))
        )

    def _store_failed(self, error: StoreError) -> None:
        """Stop at the first store failure; the results whose write did not happen say so."""
        if not self.report.store_error:
            self.report.store_error = shown(str(error) or type(error).__name__)

    def _mark_unsaved(self) -> None:
        assert self.writer is not None
        for ticket, result in self.unsaved:
            if ticket >= self.writer.applied:
                result.status, result.action = "unreachable", "not_saved"
                result.reason = Reason.of("not_saved", detail=self.report.store_error).text(self.options.lang)
        self.unsaved.clear()

    # -- helpers ---------------------------------------------------------------------------
    def _may_skip(self, record: Record) -> bool:
        """An unchanged document need not be validated again: loaded, valid, same validator and standard."""
        versions = (record.validator_version, record.standard_version)
        return record.status == "current" and bool(record.topic) and versions == (__version__, self.standard_version)

    def _validators_of(self, record: Record | None) -> tuple[str, str]:
        if record is None or not self._may_skip(record):
            return "", ""
        return record.etag, record.last_modified

    def _submit(self, operation: Callable[[], None]) -> None:
        assert self.writer is not None
        self._ticket = self.writer.submit(operation)

    def _flush_checked(self) -> None:
        """Stamp the unchanged documents as checked now, and the records graph with the end of this run."""
        updates = [checked_update(self.checked, now())] if self.checked else []
        updates.append(run_update(run_stamp()))
        self.checked = []
        self._submit(lambda: self.store.update(" ;\n".join(updates)))

    def _result(
        self,
        location: Location,
        record: Record,
        action: str,
        fetched: Fetched | None = None,
        report: FileReport | None = None,
        reason: Reason | None = None,
    ) -> None:
        result = SourceResult(
            source=location.url,
            status=record.status,
            action=action,
            listing=location.listing or "",
            convention=record.topic,
            reason=reason.text(self.options.lang) if reason else "",
            http_status=fetched.http_status if fetched else None,
            content_hash=record.content_hash,
        )
        if report is not None:
            for finding in report.findings:
                result.count(finding.severity.value)
            result.findings = tuple(_finding(f) for f in report.findings)
        else:
            for _code, severity, count in record.finding_counts:
                result.count(severity, count)
        self.report.sources.append(result)
        assert self.writer is not None
        if self._ticket is not None:
            self.unsaved.append((self._ticket, result))
            self._ticket = None
        while self.unsaved and self.unsaved[0][0] < self.writer.applied:
            self.unsaved.popleft()


def _keep_action(status: str, record: Record) -> str:
    """`kept` only when a valid version is really loaded; a source that never had one is `not_loaded`."""
    if status == "withdrawn":
        return "withdrawn"
    return "kept" if record.topic else "not_loaded"


def _code_counts(report: FileReport) -> tuple[tuple[str, str, int], ...]:
    counter = Counter((f.code, f.severity.value) for f in report.findings)
    return tuple((code, severity, count) for (code, severity), count in sorted(counter.items()))


def _finding(finding: Any) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "stage": finding.stage,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
    }


__all__ = ["HarvestOptions", "Harvester", "harvest", "say"]
