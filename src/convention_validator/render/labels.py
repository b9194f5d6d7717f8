"""Labels of the standard's codes, from the packaged labels.json (generated from the schema)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).resolve().parent / "labels.json"


@dataclass(frozen=True)
class Labels:
    """Look up the French (or English) label of an enumeration value, a slot or a class."""

    data: dict[str, Any]
    lang: str = "fr"

    def value(self, enum: str, code: object) -> str:
        """The label of a code of an enumeration; an unknown code is returned as written."""
        values = self.data["enums"].get(enum, {}).get("values", {})
        entry = values.get(str(code))
        return str(entry[self.lang]) if entry else str(code)

    def knows(self, enum: str, code: object) -> bool:
        return str(code) in self.data["enums"].get(enum, {}).get("values", {})

    def slot(self, name: str) -> str:
        entry = self.data["slots"].get(name)
        return str(entry[self.lang]) if entry else name

    def enum_codes(self, enum: str) -> list[str]:
        return list(self.data["enums"].get(enum, {}).get("values", {}))


@cache
def _labels_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return data


def labels(lang: str = "fr") -> Labels:
    """The label table in a language (fr or en)."""
    return Labels(_labels_data(), lang if lang in ("fr", "en") else "fr")
