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
`drop_scratch_graphs` removes. Blank nodes are skolemised in both methods (`store.skolemise`).

Virtuoso 7.2 cannot hold `xsd:duration` literals (INSERT DATA refuses them, the Graph Store
turns "P1Y6M" into "18"): with the `virtuoso` layout (or `plain_durations=True`), duration literals
are written as plain strings with the same lexical form (`durations_as_strings`).

Authentication: credentials come from the environment variable `AUTH_VARIABLE`, never from the
command line. `auth_scheme="auto"` (default) answers the server's 401 challenge with HTTP Basic or
Digest (Virtuoso's `/sparql-auth` asks for Digest), `basic` and `digest` force one scheme,
`bearer` sends the variable's whole value as a bearer token (QLever's access token).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Generator
from typing import Any

import httpx

from convention_validator.store import SparqlJson, StoreError, replace_graph_update, skolemise, split_prologue

AUTH_VARIABLE = "CONVENTION_VALIDATOR_ENDPOINT_AUTH"
"""Environment variable holding `user:password` (Basic, Digest) or a token (bearer), never on the command line."""
AUTH_SCHEMES = ("auto", "basic", "digest", "bearer")
XSD = "http://www.w3.org/2001/XMLSchema#"
VIRTUOSO_ASK = "__ASK_RETVAL"
DURATIONS = {f"{XSD}duration", f"{XSD}yearMonthDuration", f"{XSD}dayTimeDuration"}

SCRATCH_PREFIX = "urn:convention-validator:scratch:"

LAYOUTS: dict[str, tuple[str, str, str]] = {
    # layout: (query, update, graph store) paths appended to the endpoint URL
    "oxigraph": ("/query", "/update", "/store"),  # http://host:7878
    "fuseki": ("/query", "/update", "/data"),  # http://host:3030/DATASET
    "graphdb": ("", "/statements", "/rdf-graphs/service"),  # http://host:7200/repositories/REPO
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth"),  # http://host:8890
    "qlever": ("", "", ""),  # http://host:7001 (updates need the access token: auth scheme bearer)
}


class ChallengeAuth(httpx.Auth):
    """HTTP authentication that answers the server's challenge: Digest if it asks for Digest, else Basic.

    The scheme learnt from the first 401 is used from then on (Digest reuses its nonce, Basic is
    sent up front), so only the first protected request costs a second round trip.
    """

    requires_request_body = True  # the request is sent again with the answer to the challenge

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "basic": httpx.BasicAuth(user, password),
            "digest": httpx.DigestAuth(user, password),
        }
        self.scheme = ""  # learnt from the first challenge

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.scheme:
            yield from self._schemes[self.scheme].auth_flow(request)
            return
        response = yield request
        challenges = {
            value.split()[0].lower() for value in response.headers.get_list("www-authenticate") if value.strip()
        }
        if response.status_code != 401 or not challenges & {"basic", "digest"}:
            return
        if "digest" not in challenges:
            self.scheme = "basic"
            yield from self._schemes["basic"].auth_flow(request)
            return
        self.scheme = "digest"
        flow = self._schemes["digest"].auth_flow(request)
        next(flow)  # the request without answer, already sent: `response` holds its challenge
        try:
            retry = flow.send(response)
            while True:
                answer = yield retry
                retry = flow.send(answer)
        except StopIteration:
            return


def endpoint_auth(scheme: str, secret: str) -> httpx.Auth | None:
    """The httpx authentication for `scheme` with `secret` (`user:password`, or the token for bearer)."""
    if scheme not in AUTH_SCHEMES:
        raise StoreError(f"unknown authentication scheme {scheme!r}; choose among {', '.join(AUTH_SCHEMES)}")
    if not secret:
        return None
    if scheme == "bearer":
        return _BearerAuth(secret)
    user, _, password = secret.partition(":")
    if scheme == "basic":
        return httpx.BasicAuth(user, password)
    if scheme == "digest":
        return httpx.DigestAuth(user, password)
    return ChallengeAuth(user, password)


def durations_as_strings(ntriples: bytes) -> bytes:
    """`ntriples` with every `xsd:duration` (and subtype) literal as a plain string of the same lexical form."""
    import pyoxigraph as ox

    if b"Duration>" not in ntriples and b"#duration>" not in ntriples:
        return ntriples
    triples = []
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        value = triple.object
        if isinstance(value, ox.Literal) and value.datatype.value in DURATIONS:
            triple = ox.Triple(triple.subject, triple.predicate, ox.Literal(value.value))
        triples.append(triple)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


class _BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


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
        auth_scheme: str = "auto",
        plain_durations: bool | None = None,
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
        self.plain_durations = layout == "virtuoso" if plain_durations is None else plain_durations
        secret = ":".join(auth) if auth is not None else os.environ.get(AUTH_VARIABLE, "")
        self._client = httpx.Client(
            timeout=timeout, auth=endpoint_auth(auth_scheme, secret), trust_env=False, follow_redirects=False
        )
        self.select("ASK { }")  # fail now, with a clear message, if the endpoint does not answer

    def replace_graph(self, graph: str, ntriples: bytes, update: str = "") -> None:
        if self.plain_durations:
            ntriples = durations_as_strings(ntriples)
        if self.replace == "update":
            self.update(replace_graph_update(graph, ntriples, update))
            return
        scratch = f"{SCRATCH_PREFIX}{uuid.uuid4()}"
        self._send(
            "PUT",
            self.store_url,
            params={"graph": scratch},
            content=skolemise(graph, ntriples),
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
        if answer.get("head", {}).get("vars") == [VIRTUOSO_ASK] and "boolean" not in answer:
            # Virtuoso 7.2 answers ASK with a table: one row (value 1) for true, none for false
            rows = answer.get("results", {}).get("bindings", [])
            return {
                "head": {},
                "boolean": any(row.get(VIRTUOSO_ASK, {}).get("value") not in (None, "0") for row in rows),
            }
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
