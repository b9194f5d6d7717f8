"""Write the generated reference pages into docs/reference/, so that their links work in the checkout too.

Build-time only (imports linkml). Writes, from schema/ and the click commands:

- docs/reference/index.md, one page per class (classes/), slot (slots/) and enumeration (enums/);
- docs/reference/cli.md, the command-line reference.

The pages are committed; the site is built from them. Run with ``--check`` to fail when a committed
page differs from what the sources give, or when a generated folder holds a page no longer generated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docs_cli import cli_reference_page
from docs_reference import BASE, reference_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CLI_PAGE = f"{BASE}/cli.md"
GENERATED_FOLDERS = ("classes", "slots", "enums")


def generated_pages() -> dict[str, str]:
    """Path relative to docs/ -> Markdown of every generated reference page."""
    return {**reference_pages(), CLI_PAGE: cli_reference_page()}


def stale_pages(pages: dict[str, str]) -> list[str]:
    """Committed pages of the generated folders that are no longer generated (a removed class, slot…)."""
    committed = {
        path.relative_to(DOCS).as_posix()
        for folder in GENERATED_FOLDERS
        for path in (DOCS / BASE / folder).glob("*.md")
    }
    return sorted(committed - set(pages))


def differences(pages: dict[str, str]) -> list[str]:
    """Generated pages whose committed copy is missing or different, then stale ones."""
    changed = [
        path
        for path, text in pages.items()
        if not (DOCS / path).is_file() or (DOCS / path).read_text(encoding="utf-8") != text
    ]
    return changed + stale_pages(pages)


def write(pages: dict[str, str]) -> None:
    for path in stale_pages(pages):
        (DOCS / path).unlink()
    for path, text in pages.items():
        target = DOCS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    pages = generated_pages()
    if "--check" in argv:
        changed = differences(pages)
        if changed:
            listed = ", ".join(f"docs/{path}" for path in changed[:5]) + (" …" if len(changed) > 5 else "")
            print(f"{len(changed)} reference page(s) out of date ({listed}): run `make generate`", file=sys.stderr)
            return 1
        return 0
    write(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
