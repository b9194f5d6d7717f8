"""Quad stores holding harvested conventions: embedded on-disk Oxigraph or any SPARQL 1.1 endpoint.

Every backend answers SELECT queries in the W3C SPARQL 1.1 JSON results format, so indicator
queries and their outputs are identical whatever the store.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Protocol

SparqlJson = dict[str, Any]
SKOLEM_PREFIX = "https://w3id.org/.well-known/genid/clauses-data/"
"""Skolem IRIs (RDF 1.1 Concepts, section 3.5: path under /.well-known/genid/) that replace blank nodes in stores."""
RECORDS_GRAPH = "https://w3id.org/clauses-data/harvest/records"
"""The named graph of the harvest records: the one that says which graphs are conventions."""
INSERT_CHUNK = 1000
"""Triples per INSERT DATA operation: Virtuoso 7.2's SPARQL parser runs out of stack near 5,000 triples in one block."""
_PROLOGUE = re.compile(r"\A(?:\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>))+\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NewGraph:
    """A named graph to create (`name`, its N-Triples) and the Turtle triples of its record, written together."""

    name: str
    ntriples: bytes
    record: str


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
    crash) see either the old graph and record or the new ones. Blank nodes are skolemised first
    (`skolemise`): INSERT DATA with blank nodes is refused by some stores (Virtuoso). The triples
    go in INSERT DATA operations of at most `INSERT_CHUNK` triples, all in the same request.
    """
    _check_iri(graph)
    lines = [line for line in skolemise(graph, ntriples).decode("utf-8").split("\n") if line.strip()]
    prologue, update = split_prologue(update)
    operations = [f"DROP SILENT GRAPH <{graph}>"]
    for start in range(0, len(lines), INSERT_CHUNK):
        body = "\n".join(lines[start : start + INSERT_CHUNK])
        operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    if update.strip():
        operations.append(update)
    return prologue + " ;\n".join(operations)


def skolem_iri(*parts: str) -> str:
    """A stable Skolem IRI derived from `parts` (a graph name and the position of a blank node in it)."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{SKOLEM_PREFIX}{digest}"


_NTRIPLES_TOKEN = re.compile(rb'<[^>]*>|"(?:[^"\\]|\\.)*"|_:([^\s.]+(?:\.[^\s.]+)*)')
"""An IRI, a literal's quoted text, or a blank node label (group 1): a label only counts outside the first two."""


def skolemise(graph: str, ntriples: bytes) -> bytes:
    """`ntriples` with every blank node replaced by a Skolem IRI derived from `graph` and its rank of appearance.

    The same N-Triples give the same IRIs; two graphs never share one. Only stored copies are
    skolemised: validation and export keep their blank nodes. The text is rewritten token by
    token (a `_:` inside an IRI or a literal is left alone).
    """
    if b"_:" not in ntriples:
        return ntriples
    names: dict[bytes, bytes] = {}

    def named(match: re.Match[bytes]) -> bytes:
        label = match.group(1)
        if label is None:
            return match.group(0)
        found = names.get(label)
        if found is None:
            found = names[label] = f"<{skolem_iri(graph, str(len(names)))}>".encode()
        return found

    return _NTRIPLES_TOKEN.sub(named, ntriples)


def _check_iri(graph: str) -> None:
    if any(ch in graph for ch in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {graph!r}")


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
