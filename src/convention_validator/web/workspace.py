"""The state a running workspace shares between requests: the store, its catalogue, the language."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convention_validator.store import QuadStore, StoreError, open_store
from convention_validator.web.catalogue import Catalogue, load_catalogue
from convention_validator.web.sparql import select_rows

REFRESH_SECONDS = 10.0
"""How often the store is asked whether a harvest has run since the catalogue was read (`fingerprint.rq`)."""


@dataclass
class Workspace:
    """A store (embedded folder or SPARQL endpoint; none for an editor-only workspace) and its catalogue."""

    store_path: str | None = None
    endpoint: str | None = None
    lang: str = "fr"
    refresh_seconds: float = REFRESH_SECONDS
    endpoint_options: dict[str, Any] = field(default_factory=dict)
    _store: QuadStore | None = field(default=None, init=False, repr=False)
    _catalogue: Catalogue | None = field(default=None, init=False, repr=False)
    _fingerprint: tuple[object, ...] = field(default=(), init=False, repr=False)
    _checked: float = field(default=0.0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def described(self) -> str:
        return self.endpoint or str(self.store_path or "")

    @property
    def has_store(self) -> bool:
        return bool(self.store_path or self.endpoint)

    def store(self) -> QuadStore:
        """The store, opened on first use (raises StoreError)."""
        if self._store is None:
            if self.store_path is not None and not Path(self.store_path).is_dir():
                raise StoreError(f"{self.store_path}: no such folder")
            self._store = open_store(path=self.store_path, endpoint=self.endpoint, **self.endpoint_options)
        return self._store

    def catalogue(self) -> Catalogue:
        """The catalogue, read again when a harvest has changed the store (checked every `refresh_seconds`)."""
        with self._lock:
            try:
                if self._catalogue is None or time.monotonic() - self._checked > self.refresh_seconds:
                    fingerprint = tuple(tuple(row.values()) for row in select_rows(self.store(), "fingerprint"))
                    if self._catalogue is None or fingerprint != self._fingerprint:
                        self._catalogue = load_catalogue(self.store())
                        self._fingerprint = fingerprint
                    self._checked = time.monotonic()
            except (OSError, ValueError, RuntimeError) as error:
                raise StoreError(str(error)) from error
            return self._catalogue

    def close(self) -> None:
        """Release the store (after a catalogue being read, which holds the lock)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
