"""Lazy positions in a JSON text that is known to be valid.

Nothing is computed until `locate` is called; then only the containers on the pointer's path are
scanned, each once, skipping over sibling values with the C JSON decoder.
"""

from __future__ import annotations

import json
import re

from convention_validator.loaders.errors import Position
from convention_validator.loaders.positions import START, LineIndex, escape_token, split_pointer

_WHITESPACE = re.compile(r"[ \t\n\r]*")


class JsonLocator:
    """Maps JSON pointers to positions in a valid JSON text: object members at their key."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = LineIndex(text)
        self._decoder = json.JSONDecoder()
        root = self._skip(0)
        self._anchors: dict[str, int] = {"": root}
        self._values: dict[str, int] = {"": root}
        self._scanned: set[str] = set()

    def locate(self, pointer: str) -> Position:
        """Position of the pointer (a member: its key), or of its deepest existing ancestor."""
        return self._position(self._anchors[self._deepest(pointer)])

    def value_position(self, pointer: str) -> Position:
        """Position of the value itself (a member: its value, not its key)."""
        return self._position(self._values[self._deepest(pointer)])

    def _deepest(self, pointer: str) -> str:
        current = ""
        for token in split_pointer(pointer) or []:
            self._scan(current)
            child = f"{current}/{escape_token(token)}"
            if child not in self._anchors:
                break
            current = child
        return current

    def _position(self, offset: int) -> Position:
        return self._lines.position(offset) if offset < len(self._text) else START

    def _skip(self, offset: int) -> int:
        match = _WHITESPACE.match(self._text, offset)
        return match.end() if match else offset

    def _scan(self, pointer: str) -> None:
        """Record the key and value offsets of every child of the container at `pointer`."""
        if pointer in self._scanned:
            return
        offset = self._values[pointer]
        opening = self._text[offset : offset + 1]
        try:
            if opening == "{":
                self._scan_object(pointer, offset)
            elif opening == "[":
                self._scan_array(pointer, offset)
        except (ValueError, IndexError):  # not expected for a text that loaded; keep what was found
            pass
        self._scanned.add(pointer)  # only once complete, so a concurrent caller never sees half a scan

    def _scan_object(self, pointer: str, offset: int) -> None:
        text, decode = self._text, self._decoder.raw_decode
        i = self._skip(offset + 1)
        if text[i] == "}":
            return
        while True:
            key_start = i
            key, i = decode(text, i)
            i = self._skip(self._skip(i) + 1)  # past ':'
            child = f"{pointer}/{escape_token(key)}"
            self._anchors[child] = key_start
            self._values[child] = i
            _, i = decode(text, i)
            i = self._skip(i)
            if text[i] != ",":
                return
            i = self._skip(i + 1)

    def _scan_array(self, pointer: str, offset: int) -> None:
        text, decode = self._text, self._decoder.raw_decode
        i = self._skip(offset + 1)
        if text[i] == "]":
            return
        index = 0
        while True:
            child = f"{pointer}/{index}"
            self._anchors[child] = i
            self._values[child] = i
            _, i = decode(text, i)
            i = self._skip(i)
            if text[i] != ",":
                return
            i = self._skip(i + 1)
            index += 1
