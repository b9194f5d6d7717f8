"""One deadline per document: connecting, sending, receiving headers and body share the time left.

httpx timeouts bound each network operation, so a server trickling its headers one byte at a
time would never trip them. Here the fetching thread sets a deadline (`within`), and every socket
operation of the network backend gets at most the time left: past it, a timeout is raised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

_current = threading.local()


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run the block under a deadline `seconds` from now (for this thread; nested calls restore)."""
    previous = getattr(_current, "deadline", None)
    _current.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _current.deadline = previous


def remaining() -> float | None:
    """Seconds left before this thread's deadline (None without one; may be negative)."""
    deadline: float | None = getattr(_current, "deadline", None)
    return None if deadline is None else deadline - time.monotonic()


def bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to the time left; raises `error` once the deadline has passed."""
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise error("deadline reached")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read and write ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.SyncBackend):
    """The default network backend, under the deadline of the calling thread."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        limit = bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(super().connect_tcp(host, port, limit, local_address, socket_options))
