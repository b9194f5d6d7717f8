"""One helper for how reporters name a finding's file and identify a finding across runs."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

from convention_validator.findings import Finding


def file_uri(name: str) -> str:
    """An RFC 3986 URI reference for a report's file: percent-encoded, relative when the path is."""
    path = Path(name)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def fingerprint(finding: Finding) -> str:
    """A digest that stays the same when lines move: code, file, JSON pointer and quoted values."""
    parts = [finding.code, Path(finding.file).as_posix(), finding.pointer, *(f"{k}={v}" for k, v in finding.params)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
