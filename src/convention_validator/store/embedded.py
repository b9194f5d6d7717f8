"""Embedded on-disk store (pyoxigraph): a folder, no server."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from convention_validator.store import SparqlJson, StoreError, replace_graph_update, skolemise

FLUSH_EVERY_BYTES = 8 * 1024 * 1024
"""Flush the write buffers after this much SPARQL Update text (graphs and harvest records): without it,
memory grows with every source harvested (measured: benchmarks/bench_harvest_sources.py)."""


class EmbeddedStore:
    """An Oxigraph store in a folder (in memory when `path` is None)."""

    def __init__(self, path: str | Path | None) -> None:
        self._unflushed = 0
        try:
            if path is not None:
                Path(path).mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path)) if path is not None else ox.Store()
        except OSError as error:  # unwritable folder, or a store already opened by another process
            raise StoreError(f"{path}: {error}") from error

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        # One SPARQL Update = one transaction: readers and a crash see either the old graph and
        # record or the new ones, never a mix (and no scratch graph is ever left behind).
        self.update(replace_graph_update(graph, ntriples, update))

    def add_graph(self, graph: str, ntriples: bytes, records_graph: str, record_turtle: str) -> bool:
        """Load `graph`, which must not exist yet, with a new harvest record, in one atomic write.

        The quads are added directly (no SPARQL text to parse): the first harvest of a source is
        several times faster than `replace_graph`, with the same triples (blank nodes skolemised
        alike) and the same atomicity. False, with nothing written, when `graph` already exists.
        """
        name = ox.NamedNode(graph)
        try:
            if self._store.contains_named_graph(name):
                return False
            ox.NamedNode(records_graph)  # both graph names are IRIs: nothing else can close a TriG block
            trig = b"".join(
                (
                    f"<{graph}> {{\n".encode(),
                    skolemise(graph, ntriples),
                    f"}}\n<{records_graph}> {{\n{record_turtle}\n}}\n".encode(),
                )
            )
            self._store.load(trig, format=ox.RdfFormat.TRIG)  # one transaction: graph and record, or nothing
            self._count(len(trig))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(str(error)) from error
        return True

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
            self._count(len(sparql))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(str(error)) from error

    def _count(self, written: int) -> None:
        """Flush the write buffers every FLUSH_EVERY_BYTES written."""
        self._unflushed += written
        if self._unflushed > FLUSH_EVERY_BYTES:
            self._unflushed = 0
            self._store.flush()

    def select(self, query: str) -> SparqlJson:
        results = self._store.query(query)
        if isinstance(results, ox.QueryBoolean):
            return {"head": {}, "boolean": bool(results)}
        if not isinstance(results, ox.QuerySolutions):
            raise ValueError("only SELECT and ASK queries return results")
        payload = results.serialize(format=ox.QueryResultsFormat.JSON)
        assert payload is not None
        answer: SparqlJson = json.loads(payload)
        return answer

    def graphs(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def close(self) -> None:
        """Flush to disk and release the folder's lock (so that another store object may open it)."""
        try:
            self._store.flush()
        except OSError as error:
            raise StoreError(str(error)) from error
        finally:
            del self._store  # the last reference: pyoxigraph closes the database and unlocks the folder
