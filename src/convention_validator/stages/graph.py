"""Stage 3, graph: JSON-LD to RDF (pyoxigraph) with the packaged context, never fetching anything.

Nested objects without an identifier get a provisional IRI that encodes their JSON pointer,
so that every SHACL result can be traced back to a line of the source file.
"""

from __future__ import annotations

import copy
import json
import queue
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import pyoxigraph as ox

from convention_validator.stages.context import StageContext
from convention_validator.stages.integrity import IntegrityCheck
from convention_validator.stages.jsonld_direct import Converted, DirectConverter, TypedLiteral, expand_term
from convention_validator.standard import Standard

if TYPE_CHECKING:
    from rdflib import Graph

STAGE = "graph"
POINTER_IRI = "urn:x-clauses-data-pointer:"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
AGREEMENT = ox.NamedNode("http://www.w3.org/ns/odrl/2/Agreement")
XSD = "http://www.w3.org/2001/XMLSchema#"
LEXICAL_FORMS = {
    f"{XSD}integer": re.compile(r"[+-]?[0-9]+"),
    f"{XSD}decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    f"{XSD}double": re.compile(r"[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|INF|NaN)"),
    f"{XSD}boolean": re.compile(r"true|false|1|0"),
    f"{XSD}duration": re.compile(
        r"-?P(?=.)([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=.)([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?"
    ),
    f"{XSD}date": re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}


CHUNK_LINES = 8000
"""N-Triples lines converted before a chunk goes to the loading thread: a typical convention (about
3,000 lines) is loaded in one call, without a thread; one of 1,000 datasets (68,000) in nine chunks."""


class ChunkLoader:
    """Loads N-Triples chunks into a store in their order, on a thread started by the first chunk.

    pyoxigraph parses without the GIL, so the thread loads a chunk while the caller writes the
    next one. The text has no blank node (objects without identifier get a pointer IRI), so
    loading it in several calls gives the same graph as one call.
    """

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._chunks: queue.SimpleQueue[str | None] | None = None
        self._thread: threading.Thread | None = None
        self._refused = False
        self._failure: BaseException | None = None  # anything but a refused term: raised by `finish`

    def put(self, chunk: str) -> None:
        if self._chunks is None:
            self._chunks = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._run, name="graph-load", daemon=True)
            self._thread.start()
        self._chunks.put(chunk)

    def _run(self) -> None:
        assert self._chunks is not None
        while (chunk := self._chunks.get()) is not None:
            if self._refused or self._failure is not None:
                continue
            try:
                self._refused = not self._load(chunk)
            except BaseException as failure:  # not a refused term: `finish` raises it in the caller's thread
                self._failure = failure

    def _load(self, chunk: str) -> bool:
        try:
            self._store.load(chunk.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError, UnicodeEncodeError):  # a term pyoxigraph refuses
            return False
        return True

    def finish(self, rest: str | None) -> bool:
        """Load `rest` (None: the conversion stopped) after the chunks; True when every chunk and the rest loaded."""
        if self._chunks is None:
            return rest is not None and self._load(rest)
        if rest is not None:
            self._chunks.put(rest)
        self._chunks.put(None)
        assert self._thread is not None
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return rest is not None and not self._refused


@dataclass
class DocumentGraph:
    """The RDF of a document (a pyoxigraph store) and the way back from its nodes to JSON pointers."""

    store: ox.Store
    root: str
    pointers: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)
    triples: int = 0  # as converted (0: not counted)

    def pointer_of(self, node: object) -> str | None:
        """JSON pointer of the object a node was written from."""
        text = _node_text(node)
        if text.startswith(POINTER_IRI):
            return unquote(text[len(POINTER_IRI) :])
        return self.pointers.get(text)

    @cached_property
    def rdflib_graph(self) -> Graph:
        """The same graph as rdflib terms, for the reference SHACL engine (pyshacl)."""
        import logging

        from rdflib import Graph

        logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # ill-typed literals are CV204 findings
        graph = Graph()
        for quad in self.store:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph


class GraphStage:
    """Converts a structurally valid document into RDF."""

    def __init__(self, standard: Standard, direct: bool = True, chunk_lines: int = CHUNK_LINES) -> None:
        self._standard = standard
        self._chunk_lines = chunk_lines
        self._context: dict[str, Any] = standard.context["@context"]
        self._direct = DirectConverter(self._context) if direct else None
        self._integrity = IntegrityCheck(standard)
        self._prefixes = {k: v for k, v in self._context.items() if isinstance(v, str) and not k.startswith("@")}
        self._terms: dict[str, list[str]] = {}
        for term, definition in self._context.items():
            iri = definition.get("@id") if isinstance(definition, dict) else None
            if isinstance(iri, str):
                self._terms.setdefault(self._expand(iri), []).append(term)

    def _expand(self, value: str) -> str:
        return expand_term(value, self._prefixes, str(self._context.get("@vocab", "")))

    def run(self, context: StageContext) -> DocumentGraph | None:
        data = context.document.data
        if not self._integrity.run(context):
            return None
        store = ox.Store()
        converted = self._convert_directly(data, store)
        try:
            if converted is None:
                pointers: dict[str, str] = {}
                self._label(data, "", pointers, copy_into=None)
                prepared = copy.deepcopy(data)
                self._label(prepared, "", {}, copy_into=prepared)
                prepared["@context"] = self._context
                quads = list(ox.parse(json.dumps(prepared).encode("utf-8"), format=ox.RdfFormat.JSON_LD))
                store.extend(quads)
                converted = Converted("", pointers, _typed_literals(quads), len(quads))
            root = self._expand(str(data.get("id") or data.get("@id") or ""))
            typed = ox.Quad(ox.NamedNode(root), RDF_TYPE, AGREEMENT)
        except (SyntaxError, ValueError, OSError) as error:
            context.emit("CV203", "", STAGE, detail=" ".join(str(error).split())[:200])
            return None
        if typed not in store:
            found = data.get("type") or data.get("@type") or "—"
            context.emit("CV202", "/type" if "type" in data else "", STAGE, found=found)
            return None
        document = DocumentGraph(
            store=store, root=root, pointers=converted.pointers, terms=self._terms, triples=converted.triples
        )
        self._check_literals(context, document, converted.typed)
        return document

    def _convert_directly(self, data: dict[str, Any], store: ox.Store) -> Converted | None:
        """The direct conversion loaded into `store`, or None when the JSON-LD processor must do it.

        A large document is loaded by chunks on a second thread while the rest is converted.
        """
        if self._direct is None:
            return None
        loader = ChunkLoader(store)
        converted = None
        try:
            converted = self._direct.convert(data, pointer_iri, loader.put, self._chunk_lines)
        finally:
            loaded = loader.finish(converted.ntriples if converted is not None else None)
        if converted is None or not loaded:  # a term pyoxigraph refuses: the processor says why
            store.clear()
            return None
        return converted

    def _label(self, node: Any, pointer: str, pointers: dict[str, str], copy_into: Any) -> None:
        """Record the pointer of every identified object; in `copy_into`, give the others an @id."""
        if isinstance(node, dict):
            identifier = node.get("id", node.get("@id"))
            if isinstance(identifier, str):
                pointers.setdefault(self._expand(identifier), pointer)
            elif copy_into is not None and pointer:
                node["@id"] = pointer_iri(pointer)
            for key, value in list(node.items()):
                if not key.startswith("@"):
                    self._label(value, f"{pointer}/{key}", pointers, copy_into)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._label(value, f"{pointer}/{index}", pointers, copy_into)

    def _check_literals(self, context: StageContext, document: DocumentGraph, typed: list[TypedLiteral]) -> None:
        """Typed literals whose text is not a value of their datatype (CV204)."""
        for literal in typed:
            if literal.datatype not in LEXICAL_FORMS or _well_formed(literal.lexical, literal.datatype):
                continue
            base = document.pointer_of(literal.subject) or ""
            terms = document.terms.get(literal.predicate, [])
            key = terms[0] if terms else literal.predicate
            context.emit("CV204", f"{base}/{key}", STAGE, value=literal.lexical, expected=literal.datatype)


def _typed_literals(quads: list[ox.Quad]) -> list[TypedLiteral]:
    """The literals of `quads` with a datatype other than xsd:string."""
    return [
        TypedLiteral(_node_text(quad.subject), quad.predicate.value, quad.object.value, quad.object.datatype.value)
        for quad in quads
        if isinstance(quad.object, ox.Literal) and quad.object.datatype.value != f"{XSD}string"
    ]


def _node_text(node: object) -> str:
    return node.value if isinstance(node, (ox.NamedNode, ox.BlankNode)) else str(node)


def pointer_iri(pointer: str) -> str:
    """The provisional IRI of an object without identifier, from its JSON pointer."""
    return POINTER_IRI + quote(pointer, safe="/")


def _well_formed(text: str, datatype: str) -> bool:
    if not LEXICAL_FORMS[datatype].fullmatch(text):
        return False
    if datatype == f"{XSD}date":
        try:
            date.fromisoformat(text[:10].lstrip("-"))
        except ValueError:
            return False
    return True


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (simple literals stay without datatype)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == f"{XSD}string" else URIRef(datatype))
