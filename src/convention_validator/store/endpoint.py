"""A store behind any SPARQL 1.1 endpoint: Protocol for query and update, Graph Store Protocol for loading.

URL layouts: the endpoint URL is a base from which the query, update and Graph Store URLs are
derived according to a layout (Oxigraph by default: `/query`, `/update`, `/store`). Each URL can
also be given explicitly, for servers laid out differently.

Atomic replacement (`replace_graph`): by default ONE SPARQL Update request
`DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } } ; <record update>`. The SPARQL 1.1
Protocol applies an update request as one unit on conforming stores (Oxigraph, Fuseki/TDB2,
GraphDB and QLever run it in one transaction), so a reader or a crash never sees a new graph with an
old record. The alternative `replace="gsp"` sends the triples with a Graph Store PUT into a scratch
graph, then swaps it in with one Update (`MOVE` + record): for servers that limit the size of an
update request (Virtuoso); a crash between the two requests leaves only a scratch graph, which
`drop_scratch_graphs` removes.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx

from convention_validator.store import SparqlJson, StoreError, replace_graph_update, split_prologue

AUTH_VARIABLE = "CONVENTION_VALIDATOR_ENDPOINT_AUTH"
"""Environment variable holding `user:password` for HTTP basic authentication (never on the command line)."""

SCRATCH_PREFIX = "urn:convention-validator:scratch:"

LAYOUTS: dict[str, tuple[str, str, str]] = {
    # layout: (query, update, graph store) paths appended to the endpoint URL
    "oxigraph": ("/query", "/update", "/store"),  # http://host:7878
    "fuseki": ("/query", "/update", "/data"),  # http://host:3030/DATASET
    "graphdb": ("", "/statements", "/rdf-graphs/service"),  # http://host:7200/repositories/REPO
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth"),  # http://host:8890
    "qlever": ("", "", ""),  # http://host:7001 (updates need an access token: use the auth variable)
}


class EndpointStore:
    """A remote quad store spoken to over HTTP (SPARQL 1.1 Protocol and Graph Store Protocol)."""

    def __init__(
        self,
        url: str,
        *,
        layout: str = "oxigraph",
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 60.0,
        replace: str = "update",
        auth: tuple[str, str] | None = None,
    ) -> None:
        if layout not in LAYOUTS:
            raise StoreError(f"unknown endpoint layout {layout!r}; choose among {', '.join(LAYOUTS)}")
        if replace not in ("update", "gsp"):
            raise StoreError(f"unknown replacement method {replace!r}; choose update or gsp")
        base = url.rstrip("/")
        query_path, update_path, store_path = LAYOUTS[layout]
        self.query_url = query_url or base + query_path
        self.update_url = update_url or base + update_path
        self.store_url = store_url or base + store_path
        self.replace = replace
        if auth is None and os.environ.get(AUTH_VARIABLE):
            user, _, password = os.environ[AUTH_VARIABLE].partition(":")
            auth = (user, password)
        self._client = httpx.Client(timeout=timeout, auth=auth, trust_env=False, follow_redirects=False)
        self.select("ASK { }")  # fail now, with a clear message, if the endpoint does not answer

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        if self.replace == "update":
            self.update(replace_graph_update(graph, ntriples, update))
            return
        scratch = f"{SCRATCH_PREFIX}{uuid.uuid4()}"
        self._send(
            "PUT",
            self.store_url,
            params={"graph": scratch},
            content=ntriples,
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            prologue, rest = split_prologue(update)
            self.update(f"{prologue}MOVE SILENT GRAPH <{scratch}> TO <{graph}> ;\n{rest}")
        finally:
            self.update(f"DROP SILENT GRAPH <{scratch}>")

    def drop_scratch_graphs(self) -> None:
        """Remove scratch graphs left by an interrupted Graph Store replacement."""
        for graph in self.graphs():
            if graph.startswith(SCRATCH_PREFIX):
                self.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str) -> None:
        self._send(
            "POST",
            self.update_url,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def select(self, query: str) -> SparqlJson:
        response = self._send(
            "POST",
            self.query_url,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            answer: SparqlJson = response.json()
        except ValueError as error:
            raise StoreError(f"{self.query_url}: the answer is not SPARQL JSON results ({error})") from error
        return answer

    def graphs(self) -> set[str]:
        answer = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {row["g"]["value"] for row in answer["results"]["bindings"] if row["g"]["type"] == "uri"}

    def close(self) -> None:
        self._client.close()

    def _send(self, method: str, url: str, **arguments: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **arguments)
        except httpx.HTTPError as error:
            raise StoreError(f"{url}: {type(error).__name__} {error}") from error
        if response.status_code >= 300:
            detail = response.text[:500].strip()
            raise StoreError(f"{url}: HTTP {response.status_code} {response.reason_phrase} {detail}")
        return response
