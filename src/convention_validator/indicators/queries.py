"""The standard's indicator queries (`standard/queries/*.rq`) and the metadata of their header comment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from convention_validator.standard import ARTIFACTS_DIR, Standard

HEADER_LINE = re.compile(r"^#\s*(titre|title|compte|counts|colonne)(?:\s+(\w+))?\s*:\s*(.+?)\s*$")


# The header of a column is its description without the remarks in parentheses; a column of IRIs
# shows their last segment, so its header drops the word IRI (« IRI du thème » -> « Thème »).
REMARK = re.compile(r"\s*\([^)]*\)")
IRI_WORDS = {"fr": re.compile(r"^IRI (?:du |de la |de l'|des |de )"), "en": re.compile(r" IRI$")}


@dataclass(frozen=True)
class Column:
    """An output column of a query: its variable name and its description (`français / English`)."""

    name: str
    description: str

    def header(self, lang: str) -> str:
        """The column's heading for a table in `lang`, from its description in the query's header comment."""
        french, _, english = self.description.partition(" / ")
        language = "en" if lang == "en" and english else "fr"
        text = english if language == "en" else french
        text = IRI_WORDS[language].sub("", REMARK.sub("", text)).strip()
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class IndicatorQuery:
    """One indicator: its name (the file stem), titles and descriptions in French and English, columns, text."""

    name: str
    file: str
    title: dict[str, str]
    description: dict[str, str]
    columns: tuple[Column, ...]
    text: str


def parse_query(name: str, file: str, text: str) -> IndicatorQuery:
    """Read the header comment of a query file (`# titre:`, `# title:`, `# compte:`, `# counts:`, `# colonne X:`)."""
    fields: dict[str, str] = {}
    columns: list[Column] = []
    for line in text.splitlines():
        match = HEADER_LINE.match(line)
        if match is None:
            continue
        key, column, value = match.groups()
        if key == "colonne" and column:
            columns.append(Column(column, value))
        elif key != "colonne":
            fields[key] = value
    missing = [key for key in ("titre", "title", "compte", "counts") if key not in fields]
    if missing or not columns:
        raise ValueError(f"{file}: header comment lacks {', '.join(missing) or 'columns'}")
    return IndicatorQuery(
        name=name,
        file=file,
        title={"fr": fields["titre"], "en": fields["title"]},
        description={"fr": fields["compte"], "en": fields["counts"]},
        columns=tuple(columns),
        text=text,
    )


@cache
def indicator_queries() -> tuple[IndicatorQuery, ...]:
    """Every indicator query listed in the standard's manifest, in manifest order."""
    listed: dict[str, str] = Standard().manifest.get("queries", {})
    return tuple(
        parse_query(name, file, (ARTIFACTS_DIR / file).read_text(encoding="utf-8")) for name, file in listed.items()
    )
