"""Offsets to line/column positions, and JSON pointer (RFC 6901) helpers."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Protocol

from convention_validator.loaders.errors import Position

_NEWLINE = re.compile("\n")
START = Position(1, 1)


class Locator(Protocol):
    """Finds where the value at a JSON pointer sits in the source text."""

    def locate(self, pointer: str) -> Position: ...


class LineIndex:
    """Converts character offsets in a text to 1-based line and column (lines end at LF)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        """The position of the character at `offset`."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
        line = bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)


def position_after(text: str) -> Position:
    """The position just after the end of `text` (where the next character would be)."""
    return Position(text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1)


def escape_token(token: str) -> str:
    """Escape one reference token: `~` becomes `~0`, `/` becomes `~1`."""
    return token.replace("~", "~0").replace("/", "~1")


def split_pointer(pointer: str) -> list[str] | None:
    """The unescaped reference tokens of a pointer, or None if it is not a JSON pointer."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        return None
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def ancestors(pointer: str) -> list[str]:
    """The canonical pointer and each of its ancestors, deepest first, ending with the root."""
    tokens = split_pointer(pointer)
    if not tokens:
        return [""]
    chain = [""]
    for token in tokens:
        chain.append(f"{chain[-1]}/{escape_token(token)}")
    return chain[::-1]
