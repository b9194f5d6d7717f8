"""Resource limits applied while reading a document."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile input from exhausting time or memory."""

    max_bytes: int = 10 * 1024 * 1024
    """Largest accepted file, in bytes (CV006)."""
    max_depth: int = 64
    """Deepest nesting of objects and arrays (CV007)."""
    max_string_chars: int = 1_000_000
    """Longest string value or key, in characters (CV009)."""
    max_nodes: int = 1_000_000
    """Most values in a YAML document once aliases are expanded (CV008)."""
    max_number_digits: int = 100
    """Longest integer or decimal literal, in characters (CV009)."""
