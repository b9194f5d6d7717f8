"""Harvest reports: JSON (machines) and one self-contained HTML page (people), French by default."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from convention_validator.harvest.results import HarvestReport
from convention_validator.i18n import N_, Entry, Np_, labelled, pgettext, translate

# The labels of the HTML report (`t` in the template), by key; statuses and actions are keys too.
_LABELS: dict[str, Entry] = {
    "title": N_("Harvest report"),
    "started": N_("Started"),
    "seconds": N_("Duration (s)"),
    "store": N_("Store"),
    "versions": N_("Validator / standard"),
    "timings": N_("Time per stage (s)"),
    "fetch_wait": N_("waiting for downloads"),
    "validate": N_("validation"),
    "convert": N_("RDF conversion"),
    "store_write": N_("store writes"),
    "interrupted": N_("Harvest interrupted: the store is consistent, run the command again to finish."),
    "store_error": N_("Harvest stopped, the store refused a write (no partial graph):"),
    "source": N_("Source"),
    "status": N_("Status"),
    "action": N_("Action"),
    "convention": N_("Convention"),
    "reason": N_("Reason"),
    "errors": N_("Errors"),
    "warnings": N_("Warn."),
    "infos": N_("Infos"),
    "details": N_("Details"),
    "none": N_("no findings"),
    "line": N_("line"),
    "current": Np_("harvest status", "current"),
    "invalid": Np_("harvest status", "invalid"),
    "unreachable": Np_("harvest status", "unreachable"),
    "withdrawn": Np_("harvest status", "withdrawn"),
    "loaded": Np_("harvest action", "loaded"),
    "unchanged": Np_("harvest action", "unchanged"),
    "kept": Np_("harvest action", "previous version kept"),
    "not_loaded": Np_("harvest action", "not loaded (no earlier valid version)"),
    "failed": Np_("harvest action", "failed"),
    "not_saved": Np_("harvest action", "not saved (store failure)"),
    "error": Np_("severity", "error"),
    "warning": Np_("severity", "warning"),
    "info": Np_("severity", "info"),
    "show": N_("Show"),
    "at": Np_("time of day", "at"),
    "all": N_("all sources"),
    "failed_sources": Np_("harvest filter", "failed"),
    "not_failed": Np_("harvest filter", "not failed"),
    "failures_first": N_("Failed sources (invalid, unreachable) come first."),
    "json_link": N_("The same report as JSON"),
}


def labels(lang: str) -> dict[str, str]:
    """The labels of the report in `lang`, by key (statuses and actions included)."""
    return {key: translate(entry, lang) for key, entry in _LABELS.items()}


STATUS_ORDER = {"invalid": 0, "unreachable": 1, "withdrawn": 2, "current": 3}


def json_chunks(report: HarvestReport) -> Iterator[str]:
    """The JSON report piece by piece (one source per line), so that a long run is never held twice."""
    head = json.dumps(report.summary(), ensure_ascii=False, indent=2)
    yield head[: head.rindex("}")].rstrip() + ',\n  "sources": ['
    for number, result in enumerate(report.sources):
        yield ("\n    " if number == 0 else ",\n    ") + json.dumps(result.to_dict(), ensure_ascii=False)
    yield "\n  ]\n}\n" if report.sources else "]\n}\n"


def to_json(report: HarvestReport) -> str:
    return "".join(json_chunks(report))


def html_chunks(report: HarvestReport, lang: str = "fr", json_name: str = "") -> Iterator[str]:
    """The report as one HTML page, piece by piece: inline CSS, no script, nothing loaded from elsewhere.

    Failed sources come first; radio buttons filter the table with CSS alone; `json_name`, when
    given, links the JSON report written beside the page.
    """
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("convention_validator.harvest", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["number"] = lambda value: format_number(value, lang)
    environment.filters["moment"] = lambda value: format_moment(value, lang)
    environment.tests["web_address"] = is_web_address
    template = environment.get_template("report.html.j2")
    ordered = sorted(report.sources, key=lambda result: STATUS_ORDER.get(result.status, 9))
    failed = sum(1 for result in report.sources if result.failed)
    return template.generate(
        report=report,
        data=report.summary(),
        sources=ordered,
        failed=failed,
        t=labels(lang),
        colon=lambda label: labelled(label, lang),
        lang=lang,
        json_name=json_name,
    )


def to_html(report: HarvestReport, lang: str = "fr", json_name: str = "") -> str:
    return "".join(html_chunks(report, lang, json_name))


def format_number(value: float, lang: str) -> str:
    """A duration or a count as the reader writes it (« 1,25 » in French)."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 2), format="#,##0.##", locale=_locale(lang)))


def format_moment(value: str, lang: str) -> str:
    """An xsd:dateTime in UTC, in the machine's time zone with its offset (« 3 décembre 2026 à 09:15:02 UTC+1 »)."""
    from babel.dates import format_date

    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return value
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    zone = "UTC" if not minutes else f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    day = format_date(moment, format="long", locale=_locale(lang))
    at = pgettext("time of day", "at", lang)
    return f"{day} {at} {moment:%H:%M:%S} {zone}"


def is_web_address(value: object) -> bool:
    """Only http(s) addresses become links (a listed `javascript:` or local path stays plain text)."""
    return isinstance(value, str) and urlsplit(value).scheme.lower() in {"http", "https"} and " " not in value


def _locale(lang: str) -> str:
    return "fr_FR" if lang == "fr" else "en_GB"
