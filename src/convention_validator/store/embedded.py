"""Embedded on-disk store (pyoxigraph): a folder, no server."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pyoxigraph as ox

from convention_validator.store import SparqlJson


class EmbeddedStore:
    """An Oxigraph store in a folder (in memory when `path` is None)."""

    def __init__(self, path: str | Path | None) -> None:
        if path is not None:
            Path(path).mkdir(parents=True, exist_ok=True)
        self._store = ox.Store(str(path)) if path is not None else ox.Store()

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        # Load into a scratch graph (one transaction), then swap it in with one SPARQL Update
        # (one transaction): readers see either the old graph or the new one, never a mix.
        scratch = ox.NamedNode(f"urn:uuid:{uuid.uuid4()}")
        self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=scratch)
        try:
            self._store.update(f"MOVE SILENT GRAPH {scratch} TO <{graph}> ;\n{update}")
        finally:
            if self._store.contains_named_graph(scratch):
                self._store.remove_graph(scratch)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

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
        self._store.flush()
