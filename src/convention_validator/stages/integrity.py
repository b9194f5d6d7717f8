"""Integrity of the graph stage: a document cannot change the meaning of the standard's terms.

The validator reads a document with the standard's packaged context only. Any JSON-LD 1.1
processor must read the same graph, so the document itself may carry no other context: the
root `@context` is the standard's context URL (a string, or a list holding only it), and no
object below the root has an `@context` (CV201, CV205). Every value in an IRI position (`id`
and the terms the context types `@id`) is an http(s) IRI or a CURIE of one of the standard's
prefixes (CV206): no `javascript:` or `file:` scheme, no relative IRI whose meaning would depend
on where the file was read from.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pyoxigraph as ox

from convention_validator.stages.context import StageContext, value_at
from convention_validator.standard import Standard

STAGE = "graph"
IDENTIFIER_KEYS = frozenset({"id", "@id"})
# An http(s) IRI: the ASCII characters of RFC 3986, percent-encodings, and non-ASCII non-space characters
# (RFC 3987); the `id` slot of the schema is stricter, ASCII only.
HTTP_IRI = re.compile(r"https?://([A-Za-z0-9._~:/?#@!$&'()*+,;=-]|%[0-9A-Fa-f]{2}|[^\x00-\x7f\s])+")
# The local part of a CURIE, as in the `id` pattern of schema/core.yaml: ASCII, percent-encoded otherwise.
CURIE_LOCAL = re.compile(r"([A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})([A-Za-z0-9._~:/?#@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*")


class IntegrityCheck:
    """The context and identifier checks of one version of the standard."""

    def __init__(self, standard: Standard) -> None:
        self._standard = standard
        context: dict[str, Any] = standard.context["@context"]
        self.namespaces = {
            k: v for k, v in context.items() if not k.startswith("@") and isinstance(v, str) and "://" in v
        }
        self.prefixes = frozenset(self.namespaces)
        self.iri_terms = IDENTIFIER_KEYS | frozenset(
            k for k, v in context.items() if isinstance(v, dict) and v.get("@type") == "@id"
        )

    def run(self, context: StageContext) -> bool:
        """Emit CV201, CV205 and CV206 findings; True when the document may be converted."""
        data = context.document.data
        if not self._root_context(context, data.get("@context")):
            return False
        clean = True
        contexts, values = scan(data, self.iri_terms)
        for pointer in contexts:
            context.emit("CV205", pointer, STAGE, value=show(value_at(data, pointer)))
            clean = False
        for pointer, value in values:
            if not self.is_identifier(value):
                context.emit("CV206", pointer, STAGE, value=show(value))
                clean = False
        return clean

    def _root_context(self, context: StageContext, declared: Any) -> bool:
        """The standard's context URL alone: anything beside it would redefine or extend its terms."""
        items = declared if isinstance(declared, list) else [declared]
        first = items[0] if items else None
        if not isinstance(first, str) or not self._standard.is_standard_context_url(first):
            context.emit("CV201", "/@context", STAGE, value=show(first))
            return False
        for index, item in enumerate(items[1:], start=1):
            context.emit("CV205", f"/@context/{index}", STAGE, value=show(item))
        return len(items) == 1

    def is_identifier(self, value: Any) -> bool:
        """A valid http(s) IRI, or a CURIE of the standard's prefixes with an ASCII local part."""
        if not isinstance(value, str):
            return True  # not an IRI: the JSON Schema or the graph conversion reports it
        prefix, _, local = value.partition(":")
        if HTTP_IRI.fullmatch(value):
            return _valid_iri(value)
        if prefix in self.namespaces and CURIE_LOCAL.fullmatch(local):
            return _valid_iri(self.namespaces[prefix] + local)
        return False


def _valid_iri(iri: str) -> bool:
    """An IRI by RFC 3987 (a second `#`, a port that is not a number… are not)."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def nested_contexts(data: Any) -> list[str]:
    """JSON pointers of every `@context` below the root (scoped or embedded contexts)."""
    return scan(data, frozenset())[0]


def iri_values(data: Any, terms: frozenset[str]) -> list[tuple[str, Any]]:
    """(pointer, value) of every value written under a key whose values are IRIs."""
    return scan(data, terms)[1]


def scan(data: Any, terms: frozenset[str]) -> tuple[list[str], list[tuple[str, Any]]]:
    """One walk of the document: the nested `@context` pointers, and the values under IRI keys.

    A plain recursive walk filling two lists (no generator chain: the documents are deep).
    """
    contexts: list[str] = []
    values: list[tuple[str, Any]] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{pointer}/{_escape(key)}"
                if key == "@context":
                    if pointer:
                        contexts.append(here)
                    continue
                if key in terms:
                    if isinstance(value, list):
                        values.extend(
                            (f"{here}/{index}", item)
                            for index, item in enumerate(value)
                            if item is not None and not isinstance(item, (dict, list))
                        )
                    elif value is not None and not isinstance(value, dict):
                        values.append((here, value))
                if isinstance(value, (dict, list)):
                    walk(value, here)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    walk(value, f"{pointer}/{index}")

    walk(data, "")
    return contexts, values


def show(value: Any) -> str:
    """A value as quoted in a message: strings as written, anything else as short JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:120]


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1") if ("~" in key or "/" in key) else key
