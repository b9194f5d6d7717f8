"""Texts of the HTML report, from the gettext catalogue: French by default, English with --lang en.

The plain texts are msgids in the context "indicators report" (a few, such as "Store", have another
translation elsewhere); the texts that agree with a number are `ngettext` calls in `html_report`.
"""

from __future__ import annotations

from convention_validator.i18n import Message, Np_, translate

_TEXTS: dict[str, Message] = {
    "title": Np_("indicators report", "Data partnership indicators of the city contracts"),
    "lead": Np_(
        "indicators report",
        "Computed by the SPARQL queries of the clauses-data standard over the active harvested conventions.",
    ),
    "standard": Np_("indicators report", "Standard"),
    "generated_at": Np_("indicators report", "Generated at"),
    "store": Np_("indicators report", "Store"),
    "key_numbers": Np_("indicators report", "Key numbers"),
    "open_share": Np_("indicators report", "of datasets with public access"),
    "coverage_title": Np_("indicators report", "Coverage of the priority neighbourhoods"),
    "map_title": Np_("indicators report", "Map of the 2024 QPV with and without a data partnership"),
    "map_desc": Np_(
        "indicators report",
        "One dot per priority neighbourhood, at the centre of its contour: dark blue when an active convention "
        "covers it, grey otherwise. Metropolitan France on the left, overseas in insets.",
    ),
    "metropole": Np_("indicators report", "Metropolitan France"),
    "covered": Np_("indicators report", "covered by a data partnership"),
    "uncovered": Np_("indicators report", "no data partnership"),
    "legend_covered": Np_("indicators report", "QPV with a data partnership ({count})"),
    "legend_uncovered": Np_("indicators report", "QPV without a data partnership ({count})"),
    "territory": Np_("indicators report", "Territory"),
    "qpv_total": Np_("indicators report", "QPV"),
    "qpv_covered": Np_("indicators report", "Covered"),
    "share": Np_("indicators report", "Share"),
    "label": Np_("indicators report", "Label"),
    "unknown_qpv": Np_(
        "indicators report", "QPV codes named by conventions but missing from the official list: {codes}"
    ),
    "datasets_legend": Np_("indicators report", "datasets"),
    "open_legend": Np_("indicators report", "of which public access"),
    "partners_legend": Np_("indicators report", "partners"),
    "producers_legend": Np_("indicators report", "of which data producers"),
    "no_rows": Np_("indicators report", "No data."),
    "queries": Np_("indicators report", "Queries and computing time"),
    "query": Np_("indicators report", "Query"),
    "rows": Np_("indicators report", "Rows"),
    "duration": Np_("indicators report", "Duration"),
    "downloads": Np_("indicators report", "Files"),
    "downloads_lead": Np_("indicators report", "The results of this page, as files written in the same folder:"),
    "json_file": Np_("indicators report", "every indicator and the QPV coverage, with their metadata (JSON)"),
    "coverage_file": Np_("indicators report", "every official QPV, covered or not (CSV)"),
    "indicator_file": Np_("indicators report", "{title} (CSV)"),
    "csv_link": Np_("indicators report", "CSV"),
}


def html_text(key: str, lang: str, /, **values: object) -> str:
    """A text of the report in `lang`, filled with `values`."""
    return translate(_TEXTS[key], lang, **values)


def html_texts(lang: str) -> dict[str, str]:
    """Every text of the report without a placeholder, for the template."""
    return {key: translate(entry, lang) for key, entry in _TEXTS.items() if "{" not in entry.msgid}
