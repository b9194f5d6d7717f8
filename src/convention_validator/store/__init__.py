"""Quad stores holding harvested conventions: embedded on-disk Oxigraph or any SPARQL 1.1 endpoint.

Every backend answers SELECT queries in the W3C SPARQL 1.1 JSON results format, so indicator
queries and their outputs are identical whatever the store.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

SparqlJson = dict[str, Any]
_PROLOGUE = re.compile(r"\A(?:\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>))+\s*", re.IGNORECASE)


class StoreError(Exception):
    """The store cannot be opened or refused an operation (message in plain words)."""


class QuadStore(Protocol):
    """What the harvester and the indicators need from a store."""

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        """Atomically replace the named graph `graph` by the N-Triples `ntriples`.

        `update` is an optional SPARQL Update (provenance) applied in the same transaction.
        """

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update atomically."""

    def select(self, query: str) -> SparqlJson:
        """Run a SELECT (or ASK) query; the answer in SPARQL 1.1 JSON results format."""

    def graphs(self) -> set[str]:
        """IRIs of the named graphs."""

    def close(self) -> None:
        """Release the store (flush to disk)."""


def replace_graph_update(graph: str, ntriples: bytes, update: str = "") -> str:
    """One SPARQL Update request that replaces `graph` by `ntriples` then runs `update`.

    A SPARQL 1.1 Update request is applied as one unit by conforming stores, so readers (and a
    crash) see either the old graph and record or the new ones. N-Triples lines are valid
    SPARQL triples, blank node labels included (INSERT DATA allows them).
    """
    if any(ch in graph for ch in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {graph!r}")
    body = ntriples.decode("utf-8")
    prologue, update = split_prologue(update)
    request = f"{prologue}DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"
    return f"{request} ;\n{update}" if update.strip() else request


def split_prologue(update: str) -> tuple[str, str]:
    """The leading PREFIX/BASE declarations of an update and the rest: they must open the request (Oxigraph)."""
    found = _PROLOGUE.match(update)
    prologue = found.group(0) if found else ""
    return prologue, update[len(prologue) :]


def open_store(path: str | None = None, endpoint: str | None = None, **options: Any) -> QuadStore:
    """The embedded store in folder `path`, or the SPARQL endpoint at `endpoint`."""
    if endpoint:
        from convention_validator.store.endpoint import EndpointStore

        return EndpointStore(endpoint, **options)
    from convention_validator.store.embedded import EmbeddedStore

    return EmbeddedStore(path)
