"""Find where a JSON problem is, once the fast parse has said there is one.

Problems raised while parsing (duplicate key, NaN, over-long or overflowing number, runaway
nesting) are found by descending from the root: each child is re-decoded with the same checks by
the C decoder, and the walk enters the first child that fails. Problems found after parsing
(depth, long strings) are found in the data, then located in the text. Nothing here recurses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from convention_validator.loaders.positions import escape_token

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")
_NON_FINITE = ("NaN", "Infinity", "-Infinity")


@dataclass(frozen=True)
class Problem:
    """What is wrong (`duplicate`, `non-finite`, `number`, `depth`), where, and the text involved."""

    kind: str
    offset: int
    pointer: str
    literal: str


def descend(
    text: str, decode: Callable[[str, int], tuple[Any, int]], failures: tuple[type[BaseException], ...], max_depth: int
) -> Problem | None:
    """The first problem in document order that `decode` (raising `failures`) trips on."""
    keys = json.JSONDecoder().raw_decode
    offset, pointer, depth = _skip(text, 0), "", 1
    try:
        while True:
            opening = text[offset]
            if opening not in "{[":
                return _scalar(text, offset, pointer)
            if depth > max_depth:
                return Problem("depth", offset, pointer, opening)
            is_object, index, seen = opening == "{", 0, set()
            i = _skip(text, offset + 1)
            if text[i] in "}]":
                return None
            while True:
                if is_object:
                    key_offset = i
                    key, i = keys(text, i)
                    child = f"{pointer}/{escape_token(key)}"
                    if key in seen:
                        return Problem("duplicate", key_offset, child, key)
                    seen.add(key)
                    i = _skip(text, _skip(text, i) + 1)
                else:
                    child = f"{pointer}/{index}"
                try:
                    _, end = decode(text, i)
                except failures:
                    offset, pointer, depth = i, child, depth + 1
                    break
                i = _skip(text, end)
                if text[i] != ",":
                    return None
                i, index = _skip(text, i + 1), index + 1
    except (ValueError, IndexError):  # broken text past the problem: give up on a position
        return None


def _scalar(text: str, offset: int, pointer: str) -> Problem:
    for literal in _NON_FINITE:
        if text.startswith(literal, offset):
            return Problem("non-finite", offset, pointer, literal)
    match = _NUMBER.match(text, offset)
    return Problem("number", offset, pointer, match.group() if match else "")


def _skip(text: str, offset: int) -> int:
    match = _WHITESPACE.match(text, offset)
    return match.end() if match else offset


def too_deep(data: Any, max_depth: int) -> str | None:
    """Pointer of the first container (breadth-first) nested deeper than `max_depth`."""
    # Each entry: (container, parent entry, key or index); pointers are built only for the answer.
    level: list[tuple[Any, Any, str | int]] = [(data, None, "")] if isinstance(data, dict | list) else []
    for _ in range(max_depth):
        deeper: list[tuple[Any, Any, str | int]] = []
        for entry in level:
            container = entry[0]
            pairs = container.items() if isinstance(container, dict) else enumerate(container)
            deeper.extend((child, entry, token) for token, child in pairs if isinstance(child, dict | list))
        level = deeper
    if not level:
        return None
    tokens: list[str] = []
    entry = level[0]
    while entry[1] is not None:
        tokens.append(escape_token(str(entry[2])))
        entry = entry[1]
    return "".join(f"/{token}" for token in reversed(tokens))


def too_long(data: Any, max_chars: int) -> tuple[str, bool, int] | None:
    """(pointer, is_key, length) of a string value or key longer than `max_chars`, if any."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, str) and len(value) > max_chars:
            return pointer, False, len(value)
        if isinstance(value, dict):
            for key in value:
                if len(key) > max_chars:
                    return f"{pointer}/{escape_token(key)}", True, len(key)
        stack.extend((f"{pointer}/{token}", child) for token, child in _children(value))
    return None


def _children(container: Any) -> list[tuple[str, Any]]:
    if isinstance(container, dict):
        return [(escape_token(key), child) for key, child in container.items()]
    if isinstance(container, list):
        return [(str(index), child) for index, child in enumerate(container)]
    return []
