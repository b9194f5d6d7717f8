"""Texts of the indicators command, from the gettext catalogue (French by default, English with --lang en)."""

from __future__ import annotations

from convention_validator.i18n import N_, Entry, Nn_, translate

_TEXTS: dict[str, Entry] = {
    "no_store": N_("name a store: --store FOLDER (embedded store) or --endpoint URL (SPARQL server)"),
    "both_stores": N_("--store and --endpoint exclude each other: choose one"),
    "missing_store": N_(
        "{store}: no store there. Harvest conventions first "
        "(convention-validator harvest --store {store} ...) or fix the path."
    ),
    "empty_store": N_(
        "{store}: the store holds no harvest record "
        "(graph https://w3id.org/clauses-data/harvest/records). Harvest conventions first."
    ),
    "missing_index": N_(
        "{store}: some convention graphs were harvested before the index of the indicators "
        "(clauses-data.graph-index.ru), so the counts would leave their datasets out. Harvest again "
        "(convention-validator harvest with the same store): the harvester adds the missing indexes first."
    ),
    "store_error": N_("{store}: unusable store: {error}"),
    "unknown_format": N_("unknown format: {value} (choose among csv, json, html)"),
    "output_error": N_("{path}: cannot write: {error}"),
    "written": Nn_("{count} file written to {folder}", "{count} files written to {folder}", "count"),
    "timing": Nn_("{query}: {rows} row, {ms} ms", "{query}: {rows} rows, {ms} ms", "rows"),
}


def text(key: str, lang: str, **params: object) -> str:
    """A text of this command in `lang` (fr or en)."""
    return translate(_TEXTS[key], lang, **params)
