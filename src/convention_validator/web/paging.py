"""Long lists shown a page at a time (the explorer at thousands of conventions stays light)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

PAGE_SIZE = 100
T = TypeVar("T")


@dataclass(frozen=True)
class Window(Generic[T]):
    """One page of a list: its items, its number (from 1), the number of pages and of items."""

    items: Sequence[T]
    number: int
    pages: int
    total: int

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.total else 0

    @classmethod
    def of(cls, items: Sequence[T], asked: str) -> Window[T]:
        """Page `asked` (a number in text; the first page when it is not one, the last when beyond)."""
        pages = max(1, -(-len(items) // PAGE_SIZE))
        number = min(max(int(asked), 1), pages) if asked.isdigit() else 1
        start = (number - 1) * PAGE_SIZE
        return cls(items[start : start + PAGE_SIZE], number, pages, len(items))
