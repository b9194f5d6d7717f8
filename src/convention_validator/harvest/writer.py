"""One thread that applies store operations in order, so that checking and writing overlap.

New graphs are written together (group commit): the writer gathers the creations that arrive
within GATHER_SECONDS of the first one (up to BACKLOG) and writes them in one atomic bulk write.
A bulk write costs about as much for one graph as for ten (measured with Oxigraph: 21 ms for one,
7.5 ms per graph for ten), so gathering is what makes a first harvest fast. Any other operation,
or the end of the run, ends the gathering at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from convention_validator.store import NewGraph

Operation = Callable[[], None]
AddGraphs = Callable[[Sequence[NewGraph]], list[NewGraph]]
BACKLOG = 32
"""Operations waiting at most (memory: one graph's N-Triples each) and graphs written together at most."""
GATHER_SECONDS = 0.1
"""How long the writer waits for more new graphs after the first one before writing them."""


class _Stop:
    """The last item of the queue: the writer stops after it."""


@dataclass(frozen=True)
class _Creation:
    """A new graph with its record, and the operation that replaces it if it exists after all."""

    graph: NewGraph
    fallback: Operation


class StoreWriter:
    """Runs operations one at a time in submission order; the first failure stops it and is re-raised.

    `seconds` sums the time spent inside the operations (read it after `close`); `applied` counts
    the operations that succeeded (operation number n, counted from 0, succeeded if n < applied).
    `add_graphs` (a store's own, atomic) writes several new graphs at once; without it, each new
    graph is written by its fallback operation.
    """

    def __init__(
        self, add_graphs: AddGraphs | None = None, backlog: int = BACKLOG, gather: float = GATHER_SECONDS
    ) -> None:
        self._add_graphs = add_graphs
        self._gather = gather
        self._queue: queue.Queue[Operation | _Creation | _Stop] = queue.Queue(maxsize=backlog)
        self._backlog = backlog
        self._error: BaseException | None = None
        self.seconds = 0.0
        self.submitted = 0
        self.applied = 0
        self.bulk_writes = 0
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    def submit(self, operation: Operation) -> int:
        """Queue `operation`; its number."""
        return self._put(operation)

    def submit_new_graph(self, graph: NewGraph, fallback: Operation) -> int:
        """Queue the creation of `graph` with its record (`fallback` replaces it if it exists); its number."""
        return self._put(_Creation(graph, fallback) if self._add_graphs is not None else fallback)

    def _put(self, item: Operation | _Creation) -> int:
        self.raise_if_failed()
        self._queue.put(item)
        self.submitted += 1
        return self.submitted - 1

    def raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Apply every operation already submitted, then stop; re-raise a failure."""
        self._queue.put(_Stop())
        self._thread.join()
        self.raise_if_failed()

    def _run(self) -> None:
        carried: Operation | _Creation | _Stop | None = None  # taken from the queue, not applied yet
        while True:
            item = carried if carried is not None else self._queue.get()
            carried = None
            if isinstance(item, _Stop):
                return
            batch: list[_Creation] = []
            if isinstance(item, _Creation):
                batch.append(item)
                carried = self._gather_more(batch)
            if self._error is not None:
                continue  # after a failure, nothing more is applied (close() re-raises it)
            started = time.perf_counter()
            try:
                if batch:
                    self._create(batch)
                else:
                    assert not isinstance(item, _Creation)
                    item()
                    self.applied += 1
            except BaseException as error:  # kept and re-raised in the harvesting thread
                self._error = error
            finally:
                self.seconds += time.perf_counter() - started

    def _gather_more(self, batch: list[_Creation]) -> Operation | _Stop | None:
        """Add the creations that arrive within the gathering time; the first other item, if one came."""
        deadline = time.monotonic() + self._gather
        while len(batch) < self._backlog:
            try:
                following = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if not isinstance(following, _Creation):
                return following
            batch.append(following)
        return None

    def _create(self, batch: list[_Creation]) -> None:
        """Write the new graphs in one atomic write, then replace the ones that existed after all."""
        assert self._add_graphs is not None
        existing = {id(graph) for graph in self._add_graphs([creation.graph for creation in batch])}
        self.bulk_writes += 1
        for creation in batch:
            if id(creation.graph) in existing:
                creation.fallback()
            self.applied += 1
