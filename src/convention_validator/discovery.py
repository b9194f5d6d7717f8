"""Which files a folder walk or a glob hands to the validator: conventions only.

A walk through a folder (or a glob) takes a `.jsonld`, `.json`, `.yaml` or `.yml` file only
when its first kilobytes name the standard's context (`w3id.org/clauses-data/…`) or declare
`type: Convention`; sidecars such as `*.expected.yaml`, package manifests or CI files are
skipped, with the reason. A file named explicitly is always checked (as ruff and
check-jsonschema do), unless `conventions_only` asks to sniff it too (the pre-commit hook).
`include` and `exclude` are glob patterns matched against the path and the file name.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".jsonld", ".json", ".yaml", ".yml")
SNIFF_BYTES = 16_384
STDIN = "-"
_CONVENTION_MARK = re.compile(
    rb"w3id\.org/clauses-data/|[\"']?(?:type|@type)[\"']?\s*:\s*[\"']?Convention[\"']?\s*(?:[,}\n\r]|$)"
)


@dataclass(frozen=True)
class Skipped:
    """A file left out of the run, and why (a key of the text catalogue)."""

    path: str
    reason: str  # not_a_convention, excluded, not_included, unreadable


@dataclass
class Discovery:
    """The files to validate, in a stable order, and those left out."""

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def looks_like_convention(path: str | Path) -> bool:
    """True when the file's first bytes name the standard's context or declare a Convention."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return False
    return _CONVENTION_MARK.search(head) is not None


def _matches(path: str, patterns: Iterable[str]) -> bool:
    normalised = path.replace(os.sep, "/")
    name = os.path.basename(normalised)
    return any(
        fnmatch.fnmatch(normalised, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(normalised, f"*/{p}")
        for p in patterns
    )


def discover(
    paths: Iterable[str | Path],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    conventions_only: bool = False,
) -> Discovery:
    """The convention files among files, folders (walked recursively) and glob patterns."""
    include, exclude = tuple(include), tuple(exclude)
    result = Discovery()
    seen: set[str] = set()

    def consider(path: str, explicit: bool) -> None:
        if path in seen:
            return
        seen.add(path)
        if exclude and _matches(path, exclude):
            result.skipped.append(Skipped(path, "excluded"))
        elif include and not _matches(path, include) and not explicit:
            result.skipped.append(Skipped(path, "not_included"))
        elif (not explicit or conventions_only) and path != STDIN and not looks_like_convention(path):
            result.skipped.append(Skipped(path, "not_a_convention"))
        else:
            result.files.append(path)

    for raw in paths:
        text = str(raw)
        if os.path.isdir(text):
            for root, dirs, files in os.walk(text):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(SUFFIXES):
                        consider(os.path.join(root, name), explicit=False)
        elif any(ch in text for ch in "*?[") and not os.path.exists(text):
            for match in sorted(glob.glob(text, recursive=True)):
                if match.endswith(SUFFIXES) and os.path.isfile(match):
                    consider(match, explicit=False)
        else:
            consider(text, explicit=True)
    return result
