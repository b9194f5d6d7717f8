"""Show every JSON-LD example of the model pages (docs/modele/) in YAML too, as two content tabs.

The JSON-LD block is the source; the YAML tab is written from it by the project's YAML writer (the
one `convention-validator new` uses), so both always say the same. A bare ```` ```json ```` block
becomes a pair of tabs; an existing pair has its YAML tab rewritten. An example may be a fragment
(``"key": value, …`` without braces): it is read as the members of an object.

    python scripts/generate_yaml_examples.py           # rewrite the YAML tabs
    python scripts/generate_yaml_examples.py --check   # exit 1 if a page would change
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

from convention_validator.authoring.yaml_writer import dump_with_comments

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "modele"
TAB = "    "
EXAMPLE = re.compile(
    r'^=== "YAML"\n\n    ```yaml\n(?P<yaml>.*?)\n    ```\n\n=== "JSON-LD"\n\n    ```json\n(?P<tabbed>.*?)\n    ```$'
    r"|^```json\n(?P<bare>.*?)\n```$",
    flags=re.MULTILINE | re.DOTALL,
)


def parse_example(text: str) -> Any:
    """The data of a JSON example, or of a fragment listing an object's members."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads("{" + text + "}")


def json_text(match: re.Match[str]) -> str:
    tabbed = match.group("tabbed")
    return textwrap.dedent(tabbed) if tabbed is not None else match.group("bare")


def tabs(json_source: str) -> str:
    """The YAML and JSON-LD content tabs of one example."""
    data = parse_example(json_source)
    yaml_text = dump_with_comments(data, {}, "") if isinstance(data, dict) else json_source
    return (
        '=== "YAML"\n\n'
        + f"{TAB}```yaml\n{textwrap.indent(yaml_text.rstrip(chr(10)), TAB)}\n{TAB}```\n\n"
        + '=== "JSON-LD"\n\n'
        + f"{TAB}```json\n{textwrap.indent(json_source, TAB)}\n{TAB}```"
    )


def rewrite(markdown: str) -> str:
    return EXAMPLE.sub(lambda match: tabs(json_text(match)), markdown)


def examples(markdown: str) -> list[tuple[str, str]]:
    """(YAML, JSON) text of every tabbed example of a page; a bare JSON block gives an empty YAML text."""
    return [(textwrap.dedent(m.group("yaml") or ""), json_text(m)) for m in EXAMPLE.finditer(markdown)]


def main(argv: list[str]) -> int:
    stale = []
    for page in sorted(PAGES.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        updated = rewrite(text)
        if updated != text:
            stale.append(page)
            if "--check" not in argv:
                page.write_text(updated, encoding="utf-8")
    if stale and "--check" in argv:
        names = ", ".join(str(page.relative_to(ROOT)) for page in stale)
        print(f"YAML examples out of date in {names}: run `make generate`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
