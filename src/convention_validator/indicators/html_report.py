"""The self-contained HTML report: key numbers, QPV coverage map, one bar chart and one table per indicator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from convention_validator.i18n import Message, Nn_, gettext, ngettext, text, translate
from convention_validator.indicators.charts import Bar, bar_chart
from convention_validator.indicators.coverage import OVERSEAS
from convention_validator.indicators.html_texts import html_text, html_texts
from convention_validator.indicators.labels import label_of, short_code
from convention_validator.indicators.outputs import JSON_FILE
from convention_validator.indicators.qpv_map import coverage_map
from convention_validator.indicators.report import IndicatorReport
from convention_validator.indicators.running import IndicatorResult, Value
from convention_validator.indicators.tables import COVERAGE_TABLE

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML_FILE = "indicateurs.html"
TOP_QPV = 20
SEVERITY_COLOURS = {"error": "#b2182b", "warning": "#e08214", "info": "#4393c3"}
# A total and the part of it the note names, the plural agreeing with the part (`parts`)
OPEN_NOTE = Nn_("{total} ({part} open)", "{total} ({part} open)", "parts")
PRODUCERS_NOTE = Nn_("{total} ({part} producer)", "{total} ({part} producers)", "parts")


def number(value: Value, lang: str) -> str:
    """An integer with thousands separators (French: narrow no-break space)."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.3f}".replace(".", "," if lang == "fr" else ".")
    text = f"{int(value):,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def percent(part: float, whole: float, lang: str) -> str:
    share = 100 * part / whole if whole else 0.0
    text = f"{share:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if lang == "fr" else f"{text}%"


def count(value: Value) -> int:
    """A count of the rows as an integer, for choosing a plural form."""
    return int(value or 0)


@dataclass
class Section:
    """One indicator in the report: its texts, chart, table and the CSV file of its rows (if written)."""

    name: str
    title: str
    description: str
    chart: Markup
    header: list[str]
    rows: list[list[str]]
    file: str
    rows_summary: str
    csv: str = ""


@dataclass(frozen=True)
class Download:
    """A file written beside the report: its name and what it holds."""

    file: str
    description: str


def _label(value: Value, lang: str) -> str:
    return label_of(value, lang) or short_code(value)


def _cell(column: str, value: Value, lang: str) -> str:
    if column == "severity" and value in SEVERITY_COLOURS:
        return text(str(value), lang)
    return short_code(value) if isinstance(value, str) else number(value, lang)


def _table(result: IndicatorResult, lang: str) -> tuple[list[str], list[list[str]]]:
    """Headings from the query's header comment (« Niveau d'accès », not accessLevel), then the label."""
    header = [column.header(lang) for column in result.query.columns] + [html_text("label", lang)]
    rows = [
        [_cell(c, row[c], lang) for c in result.columns] + [_label(row[result.columns[0]], lang)] for row in result.rows
    ]
    return header, rows


def _chart(result: IndicatorResult, bars: list[Bar], legend: list[tuple[str, str]], lang: str) -> Markup:
    title, description = result.query.title[lang], result.query.description[lang]
    return Markup(bar_chart(f"graphique-{result.query.name}", title, description, bars, legend, lang))


def _datasets_chart(result: IndicatorResult, key: str, lang: str) -> Markup:
    bars = [
        Bar(
            _label(row[key], lang),
            float(row["datasets"] or 0),
            open_note(row["datasets"], row["openDatasets"], lang),
            part=float(row["openDatasets"] or 0),
        )
        for row in result.rows
    ]
    legend = [("#9ecae1", html_text("datasets_legend", lang)), ("#08519c", html_text("open_legend", lang))]
    return _chart(result, bars, legend, lang)


def _access_chart(result: IndicatorResult, lang: str) -> Markup:
    total = sum(float(row["datasets"] or 0) for row in result.rows)
    bars = [
        Bar(
            _label(row["accessLevel"], lang),
            float(row["datasets"] or 0),
            f"{number(row['datasets'], lang)} ({percent(float(row['datasets'] or 0), total, lang)})",
            colour="#08519c" if str(row["accessLevel"]).endswith("/PUBLIC") else "#9ecae1",
        )
        for row in result.rows
    ]
    return _chart(result, bars, [], lang)


def _partners_chart(result: IndicatorResult, lang: str) -> Markup:
    bars = [
        Bar(
            _label(row["partyType"], lang),
            float(row["partners"] or 0),
            producers_note(row["partners"], row["producers"], lang),
            part=float(row["producers"] or 0),
        )
        for row in result.rows
    ]
    legend = [("#9ecae1", html_text("partners_legend", lang)), ("#08519c", html_text("producers_legend", lang))]
    return _chart(result, bars, legend, lang)


def _part_note(entry: Message, total: Value, part: Value, lang: str) -> str:
    return translate(entry, lang, total=number(total, lang), part=number(part, lang), parts=count(part))


def open_note(datasets: Value, open_datasets: Value, lang: str) -> str:
    """« 12 (1 ouvert) », « 12 (5 ouverts) »: the datasets, of which open."""
    return _part_note(OPEN_NOTE, datasets, open_datasets, lang)


def producers_note(partners: Value, producers: Value, lang: str) -> str:
    """« 4 (1 producteur) », « 4 (2 producteurs) »: the partners, of which data producers."""
    return _part_note(PRODUCERS_NOTE, partners, producers, lang)


def findings_note(occurrences: Value, documents: Value, lang: str) -> str:
    """« 3 occurrences, 1 document », each count with its plural."""
    return gettext(
        "{occurrences}, {documents}",
        lang,
        occurrences=ngettext(
            "{count} occurrence", "{count} occurrences", count(occurrences), lang, count=number(occurrences, lang)
        ),
        documents=ngettext(
            "{count} document", "{count} documents", count(documents), lang, count=number(documents, lang)
        ),
    )


def rows_summary(rows: int, lang: str) -> str:
    """« 1 ligne », « 12 lignes »."""
    return ngettext("{count} row", "{count} rows", rows, lang, count=number(rows, lang))


def _findings_chart(result: IndicatorResult, lang: str) -> Markup:
    bars = [
        Bar(
            f"{row['code']} — {_label(row['code'], lang)}",
            float(row["occurrences"] or 0),
            findings_note(row["occurrences"], row["documents"], lang),
            colour=SEVERITY_COLOURS.get(str(row["severity"]), "#9ecae1"),
        )
        for row in result.rows
    ]
    legend = [(colour, text(severity, lang)) for severity, colour in SEVERITY_COLOURS.items()]
    return _chart(result, bars, legend, lang)


def _qpv_chart(result: IndicatorResult, lang: str) -> Markup:
    top = sorted(result.rows, key=lambda row: (-int(row["datasets"] or 0), str(row["qpv"])))[:TOP_QPV]
    bars = [
        Bar(
            f"{short_code(row['qpv'])} {_label(row['qpv'], lang)}",
            float(row["datasets"] or 0),
            number(row["datasets"], lang),
        )
        for row in top
    ]
    legend = [("#9ecae1", html_text("datasets_legend", lang))]
    title = ngettext(
        "The {count} QPV with the most datasets",
        "The {count} QPV with the most datasets",
        len(top),
        lang,
        count=len(top),
    )
    return Markup(
        bar_chart(f"graphique-{result.query.name}", title, result.query.description[lang], bars, legend, lang)
    )


def _sections(report: IndicatorReport, lang: str, written: Collection[str]) -> list[Section]:
    charts: dict[str, Callable[[IndicatorResult], Markup]] = {
        "jeux-par-niveau-acces": lambda r: _access_chart(r, lang),
        "jeux-par-categorie": lambda r: _datasets_chart(r, "category", lang),
        "jeux-par-theme": lambda r: _datasets_chart(r, "theme", lang),
        "partenaires-par-type": lambda r: _partners_chart(r, lang),
        "jeux-par-qpv": lambda r: _qpv_chart(r, lang),
        "constats-par-code": lambda r: _findings_chart(r, lang),
    }
    sections = []
    for name, draw in charts.items():
        result = report.results[name]
        header, rows = _table(result, lang)
        sections.append(
            Section(
                name=name,
                title=result.query.title[lang],
                description=result.query.description[lang],
                chart=draw(result),
                header=header,
                rows=rows,
                file=result.query.file,
                rows_summary=rows_summary(len(rows), lang),
                csv=f"{name}.csv" if f"{name}.csv" in written else "",
            )
        )
    return sections


def _downloads(report: IndicatorReport, lang: str, written: Collection[str]) -> list[Download]:
    """The JSON file, the coverage table and one CSV per indicator, those written beside the report."""
    described = {
        JSON_FILE: html_text("json_file", lang),
        f"{COVERAGE_TABLE}.csv": html_text("coverage_file", lang),
        **{
            f"{name}.csv": html_text("indicator_file", lang, title=result.query.title[lang])
            for name, result in report.results.items()
        },
    }
    return [Download(file, description) for file, description in described.items() if file in written]


def _territories(report: IndicatorReport, lang: str) -> list[list[str]]:
    totals, covered = Counter[str](), Counter[str]()
    for qpv in report.coverage:
        totals[qpv.territory] += 1
        covered[qpv.territory] += qpv.covered
    names = {"metropole": html_text("metropole", lang), **OVERSEAS}
    return [
        [names[key], number(totals[key], lang), number(covered[key], lang), percent(covered[key], totals[key], lang)]
        for key in names
        if totals[key]
    ]


def _key_numbers(report: IndicatorReport, lang: str) -> list[tuple[str, str]]:
    """Each key number and its caption, which agrees with it (« 1 convention active », « 3 conventions actives »)."""
    rows = report.results["synthese"].rows
    summary: dict[str, Value] = dict(rows[0]) if rows else {}

    def get(name: str) -> float:
        return float(summary.get(name) or 0)

    total, covered = len(report.coverage), report.covered_count
    return [
        (
            number(get("conventions"), lang),
            ngettext("active convention", "active conventions", count(get("conventions")), lang),
        ),
        (
            number(get("cityContracts"), lang),
            ngettext("city contract", "city contracts", count(get("cityContracts")), lang),
        ),
        (number(get("datasets"), lang), ngettext("dataset", "datasets", count(get("datasets")), lang)),
        (percent(get("openDatasets"), get("datasets"), lang), html_text("open_share", lang)),
        (number(get("partners"), lang), ngettext("partner", "partners", count(get("partners")), lang)),
        (
            number(covered, lang),
            ngettext(
                "QPV covered out of {total}", "QPV covered out of {total}", covered, lang, total=number(total, lang)
            ),
        ),
    ]


def _coverage_lead(report: IndicatorReport, lang: str) -> str:
    total, covered = len(report.coverage), report.covered_count
    uncovered = total - covered
    return gettext(
        "{covered_sentence} {uncovered_sentence}",
        lang,
        covered_sentence=ngettext(
            "{covered} QPV out of {total} ({share}) is covered by at least one active convention.",
            "{covered} QPV out of {total} ({share}) are covered by at least one active convention.",
            covered,
            lang,
            covered=number(covered, lang),
            total=number(total, lang),
            share=percent(covered, total, lang),
        ),
        uncovered_sentence=ngettext(
            "{uncovered} has no data partnership yet.",
            "{uncovered} have no data partnership yet.",
            uncovered,
            lang,
            uncovered=number(uncovered, lang),
        ),
    )


def _map(report: IndicatorReport, lang: str) -> Markup:
    total, covered = len(report.coverage), report.covered_count
    labels = {key: html_text(key, lang) for key in ("covered", "uncovered", "metropole")} | {
        "title": html_text("map_title", lang),
        "desc": html_text("map_desc", lang),
        "legend_covered": html_text("legend_covered", lang, count=number(covered, lang)),
        "legend_uncovered": html_text("legend_uncovered", lang, count=number(total - covered, lang)),
    }
    return Markup(coverage_map(report.coverage, labels))


def render_html(report: IndicatorReport, lang: str, written_beside: Collection[str] = ()) -> str:
    """The report as one HTML document (inline CSS and SVG, no script, nothing fetched).

    `written_beside` names the files written in the same folder (CSV, JSON): the report links to them.
    """
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True
    )
    unknown = ", ".join(report.unknown_qpv)
    context: dict[str, Any] = {
        "lang": lang,
        "t": html_texts(lang),
        "report": report,
        "key_numbers": _key_numbers(report, lang),
        "coverage_lead": _coverage_lead(report, lang),
        "unknown_qpv": html_text("unknown_qpv", lang, codes=unknown) if unknown else "",
        "map": _map(report, lang),
        "territories": _territories(report, lang),
        "sections": _sections(report, lang, written_beside),
        "downloads": _downloads(report, lang, written_beside),
        "timings": [
            (result.query.file, number(len(result.rows), lang), f"{result.seconds * 1000:.0f} ms")
            for result in report.results.values()
        ],
    }
    return environment.get_template("report.html.j2").render(context)


def html_file(report: IndicatorReport, lang: str, written_beside: Collection[str] = ()) -> dict[str, str]:
    return {HTML_FILE: render_html(report, lang, written_beside)}
