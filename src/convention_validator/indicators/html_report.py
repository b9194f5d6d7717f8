"""The self-contained HTML report: key numbers, QPV coverage map, one bar chart and one table per indicator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from convention_validator.indicators.charts import Bar, bar_chart
from convention_validator.indicators.coverage import OVERSEAS
from convention_validator.indicators.html_texts import HTML_TEXTS
from convention_validator.indicators.labels import label_of, short_code
from convention_validator.indicators.qpv_map import coverage_map
from convention_validator.indicators.report import IndicatorReport
from convention_validator.indicators.running import IndicatorResult, Value

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML_FILE = "indicateurs.html"
TOP_QPV = 20
SEVERITY_COLOURS = {"error": "#b2182b", "warning": "#e08214", "info": "#4393c3"}


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


@dataclass
class Section:
    """One indicator in the report: its texts, chart and table."""

    name: str
    title: str
    description: str
    chart: Markup
    header: list[str]
    rows: list[list[str]]
    file: str
    note: str = ""
    extra: list[str] = field(default_factory=list)


def _label(value: Value, lang: str) -> str:
    return label_of(value, lang) or short_code(value)


def _table(result: IndicatorResult, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [*result.columns, HTML_TEXTS[lang]["label"]]
    rows = [
        [short_code(row[c]) if isinstance(row[c], str) else number(row[c], lang) for c in result.columns]
        + [_label(row[result.columns[0]], lang)]
        for row in result.rows
    ]
    return header, rows


def _datasets_chart(result: IndicatorResult, key: str, lang: str) -> Markup:
    t = HTML_TEXTS[lang]
    bars = [
        Bar(
            _label(row[key], lang),
            float(row["datasets"] or 0),
            t["open_note"].format(count=number(row["datasets"], lang), open=number(row["openDatasets"], lang)),
            part=float(row["openDatasets"] or 0),
        )
        for row in result.rows
    ]
    legend = [("#9ecae1", t["datasets_legend"]), ("#08519c", t["open_legend"])]
    return Markup(
        bar_chart(
            f"graphique-{result.query.name}", result.query.title[lang], result.query.description[lang], bars, legend
        )
    )


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
    return Markup(
        bar_chart(f"graphique-{result.query.name}", result.query.title[lang], result.query.description[lang], bars, [])
    )


def _partners_chart(result: IndicatorResult, lang: str) -> Markup:
    t = HTML_TEXTS[lang]
    bars = [
        Bar(
            _label(row["partyType"], lang),
            float(row["partners"] or 0),
            t["producers_note"].format(count=number(row["partners"], lang), producers=number(row["producers"], lang)),
            part=float(row["producers"] or 0),
        )
        for row in result.rows
    ]
    legend = [("#9ecae1", t["partners_legend"]), ("#08519c", t["producers_legend"])]
    return Markup(
        bar_chart(
            f"graphique-{result.query.name}", result.query.title[lang], result.query.description[lang], bars, legend
        )
    )


def _findings_chart(result: IndicatorResult, lang: str) -> Markup:
    t = HTML_TEXTS[lang]
    bars = [
        Bar(
            f"{row['code']} — {_label(row['code'], lang)}",
            float(row["occurrences"] or 0),
            t["documents_note"].format(
                count=number(row["occurrences"], lang), documents=number(row["documents"], lang)
            ),
            colour=SEVERITY_COLOURS.get(str(row["severity"]), "#9ecae1"),
        )
        for row in result.rows
    ]
    legend = [(colour, t[f"severity_{severity}"]) for severity, colour in SEVERITY_COLOURS.items()]
    return Markup(
        bar_chart(
            f"graphique-{result.query.name}", result.query.title[lang], result.query.description[lang], bars, legend
        )
    )


def _qpv_chart(result: IndicatorResult, lang: str) -> Markup:
    t = HTML_TEXTS[lang]
    top = sorted(result.rows, key=lambda row: (-int(row["datasets"] or 0), str(row["qpv"])))[:TOP_QPV]
    bars = [
        Bar(
            f"{short_code(row['qpv'])} {_label(row['qpv'], lang)}",
            float(row["datasets"] or 0),
            number(row["datasets"], lang),
        )
        for row in top
    ]
    legend = [("#9ecae1", t["datasets_legend"])]
    title = t["top_qpv"].format(count=len(top))
    return Markup(bar_chart(f"graphique-{result.query.name}", title, result.query.description[lang], bars, legend))


def _sections(report: IndicatorReport, lang: str) -> list[Section]:
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
            )
        )
    return sections


def _territories(report: IndicatorReport, lang: str) -> list[list[str]]:
    t = HTML_TEXTS[lang]
    totals, covered = Counter[str](), Counter[str]()
    for qpv in report.coverage:
        totals[qpv.territory] += 1
        covered[qpv.territory] += qpv.covered
    names = {"metropole": t["metropole"], **OVERSEAS}
    return [
        [names[key], number(totals[key], lang), number(covered[key], lang), percent(covered[key], totals[key], lang)]
        for key in names
        if totals[key]
    ]


def _key_numbers(report: IndicatorReport, lang: str) -> list[tuple[str, str]]:
    t = HTML_TEXTS[lang]
    rows = report.results["synthese"].rows
    summary: dict[str, Value] = dict(rows[0]) if rows else {}

    def get(name: str) -> float:
        return float(summary.get(name) or 0)

    total = len(report.coverage)
    return [
        (number(get("conventions"), lang), t["conventions"]),
        (number(get("cityContracts"), lang), t["city_contracts"]),
        (number(get("datasets"), lang), t["datasets"]),
        (percent(get("openDatasets"), get("datasets"), lang), t["open_share"]),
        (number(get("partners"), lang), t["partners"]),
        (number(report.covered_count, lang), t["covered_qpv"].format(total=number(total, lang))),
    ]


def render_html(report: IndicatorReport, lang: str) -> str:
    """The report as one HTML document (inline CSS and SVG, no script, nothing fetched)."""
    t = HTML_TEXTS[lang]
    total = len(report.coverage)
    covered = report.covered_count
    map_labels = {
        "title": t["map_title"],
        "desc": t["map_desc"],
        "covered": t["covered"],
        "uncovered": t["uncovered"],
        "metropole": t["metropole"],
        "legend_covered": t["legend_covered"].format(count=number(covered, lang)),
        "legend_uncovered": t["legend_uncovered"].format(count=number(total - covered, lang)),
    }
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True
    )
    context: dict[str, Any] = {
        "lang": lang,
        "t": t,
        "report": report,
        "key_numbers": _key_numbers(report, lang),
        "coverage_lead": t["coverage_lead"].format(
            covered=number(covered, lang),
            total=number(total, lang),
            share=percent(covered, total, lang),
            uncovered=number(total - covered, lang),
        ),
        "map": Markup(coverage_map(report.coverage, map_labels)),
        "territories": _territories(report, lang),
        "sections": _sections(report, lang),
        "timings": [
            (result.query.file, number(len(result.rows), lang), f"{result.seconds * 1000:.0f} ms")
            for result in report.results.values()
        ],
    }
    return environment.get_template("report.html.j2").render(context)


def html_file(report: IndicatorReport, lang: str) -> dict[str, str]:
    return {HTML_FILE: render_html(report, lang)}
