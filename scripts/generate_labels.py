"""Write the French and English labels of the schema into the package, for the annex renderer.

Build-time only. Reads the LinkML schema (schema/clauses_data.yaml and the local modules it
imports) as plain YAML and writes src/convention_validator/render/labels.json:

- ``enums``: for each enumeration, each permissible value's ``fr`` title and ``en`` title;
- ``slots`` and ``classes``: the ``fr`` and ``en`` titles of every slot and class.

The renderer reads this file at run time, so the runtime never imports linkml. Run with
``--check`` to fail when the committed file differs from what the schema gives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "clauses_data.yaml"
TARGET = ROOT / "src" / "convention_validator" / "render" / "labels.json"


def _modules(entry: Path) -> list[dict[str, Any]]:
    """The schema module and every local module it imports, depth first, each once."""
    seen: dict[Path, dict[str, Any]] = {}

    def visit(path: Path) -> None:
        if path in seen:
            return
        module = yaml.safe_load(path.read_text(encoding="utf-8"))
        seen[path] = module
        for name in module.get("imports", []):
            local = path.parent / f"{name}.yaml"
            if not name.startswith("linkml:") and local.is_file():
                visit(local)

    visit(entry)
    return list(seen.values())


def _titles(element: dict[str, Any], fallback: str) -> dict[str, str]:
    french = str(element.get("title") or fallback)
    english = str((element.get("annotations") or {}).get("title_en") or french)
    return {"fr": french, "en": english}


def build_labels(entry: Path = SCHEMA) -> dict[str, Any]:
    """Labels of every enumeration value, slot and class of the schema."""
    enums: dict[str, Any] = {}
    slots: dict[str, Any] = {}
    classes: dict[str, Any] = {}
    for module in _modules(entry):
        for name, enum in (module.get("enums") or {}).items():
            values = enum.get("permissible_values") or {}
            enums[name] = {
                "title": _titles(enum, name),
                "values": {str(code): _titles(value or {}, str(code)) for code, value in values.items()},
            }
        for name, slot in (module.get("slots") or {}).items():
            slots[name] = _titles(slot or {}, name)
        for name, cls in (module.get("classes") or {}).items():
            classes[name] = _titles(cls or {}, name)
    return {
        "generated_by": "scripts/generate_labels.py",
        "enums": dict(sorted(enums.items())),
        "slots": dict(sorted(slots.items())),
        "classes": dict(sorted(classes.items())),
    }


def serialise(labels: dict[str, Any]) -> str:
    return json.dumps(labels, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    text = serialise(build_labels())
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/generate_labels.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
