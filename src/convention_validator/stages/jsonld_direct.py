"""JSON-LD to RDF for documents of the standard, compiled from the standard's own context.

A general JSON-LD processor re-processes the context (and its scoped contexts) for every
document and value. Documents that reached this stage are valid against the JSON Schema and
use only the standard's context (the integrity check refuses any other), so each key maps to one
known term definition. This module applies the JSON-LD 1.1 expansion and RDF-conversion rules for those
term definitions directly. Anything outside that subset (an unknown term, a relative IRI, a
keyword it does not handle) makes `convert` return None, and the caller falls back to
pyoxigraph's JSON-LD processor. A test checks that both give the same graph on every example
and on random mutations. One known difference: a number written in exponent notation
(1e+20) keeps its JSON lexical form as xsd:double in pyoxigraph, while JSON-LD 1.1, followed
here, writes an integral value below 10^21 as xsd:integer; both denote the same number. Likewise
pyoxigraph writes a JSON integer beyond the 64-bit range (10^20) as xsd:double.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

import pyoxigraph as ox

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


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
    def predicate(self) -> ox.NamedNode:
        return ox.NamedNode(self.iri)

    @cached_property
    def scoped_map(self) -> dict[str, str]:
        return dict(self.scoped_values)


class DirectConverter:
    """Converts documents with the standard's context to quads."""

    def __init__(self, context: dict[str, Any]) -> None:
        self._context = context
        self._vocab = str(context.get("@vocab", ""))
        self._prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}
        self._classes: dict[str, str] = {}
        self._terms: dict[str, Term] = {}
        for key, definition in context.items():
            if key.startswith("@") or key in self._prefixes or not isinstance(definition, dict):
                continue
            iri = self._expand(str(definition.get("@id", key)), self._prefixes)
            coercion = definition.get("@type")
            scoped = definition.get("@context") or {}
            if coercion is None and "@context" not in definition and set(definition) == {"@id"}:
                self._classes[key] = iri
            self._terms[key] = Term(
                iri=iri,
                coercion=self._expand(coercion, self._prefixes)
                if coercion not in (None, "@id", "@vocab")
                else coercion,
                vocab=scoped.get("@vocab"),
                scoped_terms=frozenset(k for k in scoped if not k.startswith("@")),
                scoped_values=tuple(
                    (k, self._expand(v, self._prefixes))
                    for k, v in scoped.items()
                    if not k.startswith("@")
                    and isinstance(v, str)
                    and ABSOLUTE_IRI.match(self._expand(v, self._prefixes))
                ),
            )

    def _expand(self, value: str, prefixes: dict[str, str]) -> str:
        prefix, colon, rest = value.partition(":")
        if colon and prefix in prefixes and not rest.startswith("//"):
            return prefixes[prefix] + rest
        if not colon:
            return self._vocab + value
        return value

    def convert(self, data: dict[str, Any], label: Callable[[str], str]) -> list[ox.Quad] | None:
        """The quads of a document, or None; objects without identifier get `label(pointer)`."""
        prefixes = dict(self._prefixes)
        quads: list[ox.Quad] = []
        try:
            self._node(data, "", prefixes, quads, label)
        except (Unsupported, ValueError):
            return None
        return quads

    def _iri(self, value: str, prefixes: dict[str, str]) -> ox.NamedNode:
        expanded = self._expand(value, prefixes) if ":" in value else value
        if not ABSOLUTE_IRI.match(expanded):
            raise Unsupported(value)  # relative IRIs resolve against a base: leave it to the processor
        return ox.NamedNode(expanded)

    def _node(
        self,
        node: dict[str, Any],
        pointer: str,
        prefixes: dict[str, str],
        quads: list[ox.Quad],
        label: Callable[[str], str],
    ) -> ox.NamedNode:
        identifier = node.get("@id", node.get("id"))
        if identifier is None and pointer:
            identifier = label(pointer)
        if not isinstance(identifier, str):
            raise Unsupported("node without identifier")
        subject = self._iri(identifier, prefixes)
        for key, value in node.items():
            if key in ("@id", "id", "@context"):
                continue
            if key in ("type", "@type"):
                for item in value if isinstance(value, list) else [value]:
                    if not isinstance(item, str):
                        raise Unsupported("type")
                    target = self._classes.get(item) or self._expand(item, prefixes)
                    quads.append(ox.Quad(subject, RDF_TYPE, self._iri(target, prefixes)))
                continue
            if key.startswith("@") or key not in self._terms:
                raise Unsupported(key)
            term = self._terms[key]
            predicate = term.predicate
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                if item is None:
                    continue
                if isinstance(item, dict):
                    where = f"{pointer}/{key}/{index}" if isinstance(value, list) else f"{pointer}/{key}"
                    quads.append(ox.Quad(subject, predicate, self._node(item, where, prefixes, quads, label)))
                elif isinstance(item, list):
                    raise Unsupported("list of lists")
                else:
                    quads.append(ox.Quad(subject, predicate, self._value(term, item, prefixes)))
        return subject

    def _value(self, term: Term, value: Any, prefixes: dict[str, str]) -> ox.NamedNode | ox.Literal:
        if term.coercion == "@id" and isinstance(value, str):
            return self._iri(value, prefixes)
        if term.coercion == "@vocab" and isinstance(value, str):
            mapped = term.scoped_map.get(value)
            if mapped is not None:
                return ox.NamedNode(mapped)
            if value in term.scoped_terms or value in self._terms or ":" in value:
                raise Unsupported(value)
            return ox.NamedNode((term.vocab or self._vocab) + value)
        if isinstance(value, bool):
            return ox.Literal("true" if value else "false", datatype=_named(_datatype(term, f"{XSD}boolean")))
        if isinstance(value, int):
            return ox.Literal(str(value), datatype=_named(_datatype(term, f"{XSD}integer")))
        if isinstance(value, float):
            if not math.isfinite(value):
                raise Unsupported("non-finite number")
            if value.is_integer() and term.coercion != f"{XSD}double":
                return ox.Literal(str(int(value)), datatype=_named(_datatype(term, f"{XSD}integer")))
            return ox.Literal(_canonical_double(value), datatype=_named(_datatype(term, f"{XSD}double")))
        if isinstance(value, str):
            if term.coercion in (None, "@id", "@vocab"):
                return ox.Literal(value)
            return ox.Literal(value, datatype=_named(term.coercion))
        raise Unsupported(type(value).__name__)


@cache
def _named(iri: str) -> ox.NamedNode:
    """A datatype IRI as a node, made once."""
    return ox.NamedNode(iri)


def _datatype(term: Term, native: str) -> str:
    return term.coercion if term.coercion not in (None, "@id", "@vocab") else native


def _canonical_double(value: float) -> str:
    """The canonical xsd:double form of a number, shortest digits: 1800.5 -> 1.8005E3."""
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(str(d) for d in digits)
    power = int(exponent) + len(text) - 1
    return f"{'-' if sign else ''}{text[0]}.{text[1:] or '0'}E{power}"
