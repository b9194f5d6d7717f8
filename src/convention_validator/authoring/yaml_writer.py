"""Write a convention as block-style YAML with comments above the fields still to complete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

INDENT = "  "


def dump_with_comments(data: Mapping[str, Any], comments: Mapping[str, str], marker: str) -> str:
    """YAML text of `data`; `comments` maps JSON pointers to notes written as `# <marker> : note`."""
    lines: list[str] = []
    _mapping(data, "", 0, lines, comments, marker)
    text = "\n".join(lines) + "\n"
    if yaml.safe_load(text) != data:  # the writer must never change a value
        raise RuntimeError("YAML output does not round-trip")
    return text


def _comment(pointer: str, depth: int, lines: list[str], comments: Mapping[str, str], marker: str) -> None:
    note = comments.get(pointer)
    if note:
        lines.append(f"{INDENT * depth}# {marker} : {note}")


def _mapping(
    data: Mapping[str, Any], pointer: str, depth: int, lines: list[str], comments: Mapping[str, str], marker: str
) -> None:
    for key, value in data.items():
        child = f"{pointer}/{_escape(key)}"
        _comment(child, depth, lines, comments, marker)
        _entry(f"{INDENT * depth}{scalar(key)}:", value, child, depth, lines, comments, marker)


def _entry(
    head: str, value: Any, pointer: str, depth: int, lines: list[str], comments: Mapping[str, str], marker: str
) -> None:
    """`head` is "key:" or "- " already indented; the value follows on the same line or below."""
    if isinstance(value, dict) and value:
        lines.append(head)
        _mapping(value, pointer, depth + 1, lines, comments, marker)
    elif isinstance(value, list) and value:
        lines.append(head)
        for index, item in enumerate(value):
            _item(item, f"{pointer}/{index}", depth + 1, lines, comments, marker)
    elif isinstance(value, str) and "\n" in value:
        chomp = "" if value.endswith("\n") else "-"
        lines.append(f"{head} |{chomp}")
        lines.extend(f"{INDENT * (depth + 1)}{line}" if line else "" for line in value.rstrip("\n").split("\n"))
    else:
        lines.append(f"{head} {scalar(value)}")


def _item(item: Any, pointer: str, depth: int, lines: list[str], comments: Mapping[str, str], marker: str) -> None:
    _comment(pointer, depth - 1, lines, comments, marker)
    prefix = f"{INDENT * (depth - 1)}- "
    if isinstance(item, dict) and item:
        start = len(lines)
        _mapping(item, pointer, depth, lines, comments, marker)
        first = next(i for i in range(start, len(lines)) if not lines[i].lstrip().startswith("#"))
        if first == start:  # put the first key on the dash line
            lines[start] = prefix + lines[start][len(INDENT * depth) :]
        else:
            lines.insert(start, prefix.rstrip())
    else:
        _entry(prefix.rstrip(), item, pointer, depth, lines, comments, marker)


def scalar(value: Any) -> str:
    """One scalar on one line, quoted only where YAML needs it (dates, numbers-like strings, '@')."""
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
