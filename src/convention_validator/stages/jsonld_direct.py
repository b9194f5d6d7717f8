"""JSON-LD to RDF for documents of the standard, compiled from the standard's own context.

A general JSON-LD processor re-processes the context (and its scoped contexts) for every
document and value. Documents that reached this stage are valid against the JSON Schema and
use only the standard's context (the integrity check refuses any other), so each key maps to one
known term definition. This module applies the JSON-LD 1.1 expansion and RDF-conversion rules for
those term definitions directly. Anything outside that subset (an unknown term, a relative IRI, a
keyword it does not handle) makes `convert` return None, and the caller falls back to
pyoxigraph's JSON-LD processor. The result is N-Triples text, which pyoxigraph loads (writing a
term's text costs less than building a Python object for it), with the JSON pointer of every
identified object and the typed literals, gathered in the same walk. A large document's text is
handed over by chunks as the walk goes, so that pyoxigraph parses one chunk (without the GIL) while
the next is written.

A test checks that both paths give the same graph, pointers and findings on every example and on
random mutations. One known difference: a number written in exponent notation (1e+20) keeps its
JSON lexical form as xsd:double in pyoxigraph, while JSON-LD 1.1, followed here, writes an
integral value below 10^21 as xsd:integer; both denote the same number. Likewise pyoxigraph writes
a JSON integer beyond the 64-bit range (10^20) as xsd:double.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

RDF_TYPE_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = f"{XSD}string"
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def expand_term(value: str, prefixes: dict[str, str], vocab: str) -> str:
    """A compact IRI, term or IRI of the standard's context as an IRI (prefix, else @vocab, else as is)."""
    prefix, colon, rest = value.partition(":")
    if colon and prefix in prefixes and not rest.startswith("//"):
        return prefixes[prefix] + rest
    if not colon:
        return vocab + value
    return value


class Unsupported(Exception):
    """The document needs the general JSON-LD processor."""


@dataclass(frozen=True)
class Term:
    """A compiled term definition: its property IRI and how its values are coerced."""

    iri: str
    coercion: str | None  # "@id", "@vocab", a datatype IRI, or None (native JSON values)
    vocab: str | None = None  # the scoped @vocab of "@vocab" terms
    scoped_terms: frozenset[str] = frozenset()
    scoped_values: tuple[tuple[str, str], ...] = ()  # scoped terms that are plain IRI mappings

    @cached_property
    def scoped_map(self) -> dict[str, str]:
        return dict(self.scoped_values)


@dataclass
class Converted:
    """A document as N-Triples, with what the graph stage reads beside the graph."""

    ntriples: str
    pointers: dict[str, str]  # IRI of each object with an identifier -> JSON pointer of its first occurrence
    typed: list[TypedLiteral]
    triples: int = 0  # all the triples written, those handed to the sink included


@dataclass(frozen=True, slots=True)
class TypedLiteral:
    """A literal with a datatype other than xsd:string, and the node and property it is a value of."""

    subject: str
    predicate: str
    lexical: str
    datatype: str


class DirectConverter:
    """Converts documents with the standard's context to N-Triples."""

    def __init__(self, context: dict[str, Any]) -> None:
        self._context = context
        self._vocab = str(context.get("@vocab", ""))
        self._prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}
        self._classes: dict[str, str] = {}
        self._terms: dict[str, Term] = {}
        for key, definition in context.items():
            if key.startswith("@") or key in self._prefixes or not isinstance(definition, dict):
                continue
            iri = self._expand(str(definition.get("@id", key)))
            coercion = definition.get("@type")
            scoped = definition.get("@context") or {}
            if coercion is None and "@context" not in definition and set(definition) == {"@id"}:
                self._classes[key] = iri
            self._terms[key] = Term(
                iri=iri,
                coercion=self._expand(coercion) if coercion not in (None, "@id", "@vocab") else coercion,
                vocab=scoped.get("@vocab"),
                scoped_terms=frozenset(k for k in scoped if not k.startswith("@")),
                scoped_values=tuple(
                    (k, self._expand(v))
                    for k, v in scoped.items()
                    if not k.startswith("@") and isinstance(v, str) and ABSOLUTE_IRI.match(self._expand(v))
                ),
            )

    def _expand(self, value: str) -> str:
        return expand_term(value, self._prefixes, self._vocab)

    def convert(
        self,
        data: dict[str, Any],
        label: Callable[[str], str],
        sink: Callable[[str], None] | None = None,
        chunk_lines: int = 0,
    ) -> Converted | None:
        """The document as N-Triples, or None; objects without identifier get `label(pointer)`.

        With `sink`, the finished lines go to it as the walk goes, by chunks of at least
        `chunk_lines` lines (whole triples), and `Converted.ntriples` holds only the last ones.
        """
        walk = _Walk(self, label, sink, chunk_lines)
        try:
            walk.node(data, "")
        except (Unsupported, ValueError):
            return None
        return Converted("".join(walk.lines), walk.pointers, walk.typed, walk.handed + len(walk.lines))

    def iri(self, value: str) -> str:
        """An identifier or IRI value as an absolute IRI (raises Unsupported for anything else)."""
        expanded = self._expand(value) if ":" in value else value
        if not ABSOLUTE_IRI.match(expanded):
            raise Unsupported(value)  # relative IRIs resolve against a base: leave it to the processor
        return expanded

    def term(self, key: str) -> Term:
        found = self._terms.get(key)
        if found is None:
            raise Unsupported(key)
        return found

    def class_iri(self, name: str) -> str:
        return self._classes.get(name) or self._expand(name)

    def knows(self, name: str) -> bool:
        """Whether `name` is a term of the context (a value that would not expand with @vocab alone)."""
        return name in self._terms

    @property
    def vocab(self) -> str:
        return self._vocab


class _Walk:
    """One conversion: the N-Triples lines, pointers and typed literals of a document, in document order."""

    def __init__(
        self,
        converter: DirectConverter,
        label: Callable[[str], str],
        sink: Callable[[str], None] | None = None,
        chunk_lines: int = 0,
    ) -> None:
        self.converter = converter
        self.label = label
        self.sink = sink
        self.chunk_lines = chunk_lines
        self.lines: list[str] = []
        self.handed = 0  # lines already given to the sink
        self.pointers: dict[str, str] = {}
        self.typed: list[TypedLiteral] = []

    def node(self, node: dict[str, Any], pointer: str) -> str:
        """Write the triples of an object; return its IRI."""
        identifier = node.get("@id", node.get("id"))
        if isinstance(identifier, str):
            subject = self.converter.iri(identifier)
            self.pointers.setdefault(subject, pointer)
        elif identifier is None and pointer:
            subject = self.converter.iri(self.label(pointer))
        else:
            raise Unsupported("node without identifier")
        head = f"<{subject}> "
        lines = self.lines
        for key, value in node.items():
            if key in ("@id", "id", "@context"):
                continue
            if key in ("type", "@type"):
                for item in value if isinstance(value, list) else [value]:
                    if not isinstance(item, str):
                        raise Unsupported("type")
                    target = self.converter.iri(self.converter.class_iri(item))
                    lines.append(f"{head}<{RDF_TYPE_IRI}> <{target}> .\n")
                continue
            if key.startswith("@"):
                raise Unsupported(key)
            term = self.converter.term(key)
            prefix = f"{head}<{term.iri}> "
            many = isinstance(value, list)
            for index, item in enumerate(value if many else [value]):
                if item is None:
                    continue
                if isinstance(item, dict):
                    child = self.node(item, f"{pointer}/{key}/{index}" if many else f"{pointer}/{key}")
                    lines.append(f"{prefix}<{child}> .\n")
                    if self.chunk_lines and len(lines) >= self.chunk_lines and self.sink is not None:
                        self.sink("".join(lines))
                        self.handed += len(lines)
                        lines.clear()
                elif isinstance(item, list):
                    raise Unsupported("list of lists")
                else:
                    lines.append(f"{prefix}{self.value(subject, term, item)} .\n")
        return subject

    def value(self, subject: str, term: Term, value: Any) -> str:
        """The N-Triples text of a value of `term`."""
        if term.coercion == "@id" and isinstance(value, str):
            return f"<{self.converter.iri(value)}>"
        if term.coercion == "@vocab" and isinstance(value, str):
            mapped = term.scoped_map.get(value)
            if mapped is not None:
                return f"<{mapped}>"
            if value in term.scoped_terms or ":" in value or self.converter.knows(value):
                raise Unsupported(value)
            return f"<{term.vocab or self.converter.vocab}{value}>"
        if isinstance(value, bool):
            return self.typed_literal(subject, term, "true" if value else "false", _datatype(term, f"{XSD}boolean"))
        if isinstance(value, int):
            return self.typed_literal(subject, term, str(value), _datatype(term, f"{XSD}integer"))
        if isinstance(value, float):
            if not math.isfinite(value):
                raise Unsupported("non-finite number")
            if value.is_integer() and term.coercion != f"{XSD}double":
                return self.typed_literal(subject, term, str(int(value)), _datatype(term, f"{XSD}integer"))
            return self.typed_literal(subject, term, _canonical_double(value), _datatype(term, f"{XSD}double"))
        if isinstance(value, str):
            if term.coercion in (None, "@id", "@vocab"):
                return _quoted(value)
            return self.typed_literal(subject, term, value, term.coercion)
        raise Unsupported(type(value).__name__)

    def typed_literal(self, subject: str, term: Term, lexical: str, datatype: str) -> str:
        if datatype == XSD_STRING:
            return _quoted(lexical)
        self.typed.append(TypedLiteral(subject, term.iri, lexical, datatype))
        return f"{_quoted(lexical)}^^<{datatype}>"


def _quoted(text: str) -> str:
    """A string as an N-Triples literal (the four characters N-Triples requires to be escaped)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.translate(_ESCAPES)
    return f'"{text}"'


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _datatype(term: Term, native: str) -> str:
    return term.coercion if term.coercion not in (None, "@id", "@vocab") else native


def _canonical_double(value: float) -> str:
    """The canonical xsd:double form of a number, shortest digits: 1800.5 -> 1.8005E3."""
    from decimal import Decimal  # few documents hold a non-integer number: not imported at start-up

    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(str(d) for d in digits)
    power = int(exponent) + len(text) - 1
    return f"{'-' if sign else ''}{text[0]}.{text[1:] or '0'}E{power}"
