"""Text safe on a terminal: control characters from file names and values are shown, not obeyed."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """The text with each control character (ESC, BEL, CR…) written as a visible escape, e.g. \\x1b."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))
