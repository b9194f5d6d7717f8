"""Embedded on-disk store (pyoxigraph): a folder, no server."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from convention_validator.store import NewGraph, SparqlJson, StoreError, replace_graph_update, skolemise

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
            if path is not None:
                _remove_interrupted_bulk_files(Path(path))
        except OSError as error:  # unwritable folder, or a store already opened by another process
            raise StoreError(f"{path}: {error}") from error

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        # One SPARQL Update = one transaction: readers and a crash see either the old graph and
        # record or the new ones, never a mix (and no scratch graph is ever left behind).
        self.update(replace_graph_update(graph, ntriples, update))

    def add_graphs(self, graphs: Sequence[NewGraph], records_graph: str) -> list[NewGraph]:
        """Create the graphs that do not exist yet, each with its record, in one atomic write.

        The graphs that already exist (or come twice) are returned, with nothing written for them.
        The write goes through Oxigraph's bulk loader: it builds sorted files then ingests them all
        in one RocksDB ingestion, which is atomic (oxigraph 0.5, `storage/rocksdb.rs`: the loader is
        `atomic` unless told otherwise and commits its files in one `IngestExternalFiles`), so a
        crash leaves every graph with its record or neither. Measured: about 5 times faster per graph
        than a transaction when several graphs come together (benchmarks/bench_harvest.py).
        """
        fresh: list[NewGraph] = []
        taken: list[NewGraph] = []
        names: set[str] = set()
        try:
            ox.NamedNode(records_graph)  # graph names are IRIs: nothing else can close a TriG block
            for item in graphs:
                node = ox.NamedNode(item.name)
                if item.name in names or self._store.contains_named_graph(node):
                    taken.append(item)
                else:
                    names.add(item.name)
                    fresh.append(item)
            if fresh:
                blocks = [part for item in fresh for part in _graph_block(item)]
                records = "\n".join(item.record for item in fresh)
                blocks.append(f"<{records_graph}> {{\n{records}\n}}\n".encode())
                self._store.bulk_load(b"".join(blocks), format=ox.RdfFormat.TRIG)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(str(error)) from error
        return taken

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


def _graph_block(item: NewGraph) -> tuple[bytes, bytes, bytes]:
    """The TriG block of a new graph, its blank nodes skolemised."""
    return f"<{item.name}> {{\n".encode(), skolemise(item.name, item.ntriples), b"}\n"


def _remove_interrupted_bulk_files(folder: Path) -> None:
    """Delete the scratch files of a bulk load that a crash interrupted (never part of the database).

    Called with the store open, so that no other process is loading into this folder.
    """
    for leftover in folder.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)
