"""Quad stores holding harvested conventions: embedded on-disk Oxigraph or any SPARQL 1.1 endpoint.

Every backend answers SELECT queries in the W3C SPARQL 1.1 JSON results format, so indicator
queries and their outputs are identical whatever the store.
"""

from __future__ import annotations

from typing import Any, Protocol

SparqlJson = dict[str, Any]


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


def open_store(path: str | None = None, endpoint: str | None = None, **options: Any) -> QuadStore:
    """The embedded store in folder `path`, or the SPARQL endpoint at `endpoint`."""
    if endpoint:
        from convention_validator.store.endpoint import EndpointStore

        return EndpointStore(endpoint, **options)
    from convention_validator.store.embedded import EmbeddedStore

    return EmbeddedStore(path)
