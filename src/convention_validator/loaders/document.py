"""The result of a successful read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from convention_validator.loaders.errors import Position
from convention_validator.loaders.positions import START, Locator

Format = Literal["json", "yaml"]


@dataclass(frozen=True, eq=False)
class LoadedDocument:
    """A parsed document: plain JSON data, its text, and positions of its values."""

    name: str
    format: Format
    data: dict[str, Any]
    text: str
    locator: Locator = field(repr=False)

    def locate(self, pointer: str) -> Position:
        """Where the value at `pointer` is (an object member: its key); walks up if it is missing."""
        try:
            return self.locator.locate(pointer)
        except Exception:  # a position is a courtesy: never let it break a report
            return START
