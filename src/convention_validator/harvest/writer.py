"""One thread that applies store operations in order, so that validation and writing overlap."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

Operation = Callable[[], None]


class StoreWriter:
    """Runs operations one at a time in submission order; the first failure stops it and is re-raised.

    `seconds` sums the time spent inside the operations (read it after `close`); `applied` counts
    the operations that succeeded (operation number n, counted from 0, succeeded if n < applied).
    """

    def __init__(self, backlog: int = 4) -> None:
        self._queue: queue.Queue[Operation | None] = queue.Queue(maxsize=backlog)
        self._error: BaseException | None = None
        self.seconds = 0.0
        self.submitted = 0
        self.applied = 0
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    def submit(self, operation: Operation) -> int:
        """Queue `operation`; its number."""
        self.raise_if_failed()
        self._queue.put(operation)
        self.submitted += 1
        return self.submitted - 1

    def raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Apply every operation already submitted, then stop; re-raise a failure."""
        self._queue.put(None)
        self._thread.join()
        self.raise_if_failed()

    def _run(self) -> None:
        while True:
            operation = self._queue.get()
            if operation is None:
                return
            if self._error is None:
                started = time.perf_counter()
                try:
                    operation()
                    self.applied += 1
                except BaseException as error:  # kept and re-raised in the harvesting thread
                    self._error = error
                finally:
                    self.seconds += time.perf_counter() - started
