"""Write a generated file of the package, or check (`--check`) that the committed one is up to date."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, data: bytes, argv: list[str]) -> int:
    """With `--check` in `argv`: 1 (and a message) when `target` differs from `data`, else 0. Otherwise write it."""
    if "--check" in argv:
        if not target.exists() or target.read_bytes() != data:
            print(f"{target} is stale: run `make generate`", file=sys.stderr)
            return 1
        return 0
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0
