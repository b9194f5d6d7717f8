"""Harvest reports: JSON (machines) and one self-contained HTML page (people), French by default."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from convention_validator.harvest.results import HarvestReport

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport de moissonnage",
        "started": "Début",
        "seconds": "Durée (s)",
        "store": "Magasin",
        "versions": "Validateur / standard",
        "timings": "Temps par étape (s)",
        "fetch_wait": "attente des téléchargements",
        "validate": "validation",
        "convert": "conversion RDF",
        "store_write": "écriture dans le magasin",
        "interrupted": "Moissonnage interrompu : le magasin est cohérent, relancez la commande pour terminer.",
        "store_error": "Moissonnage arrêté, écriture dans le magasin impossible (aucun graphe partiel) :",
        "source": "Source",
        "status": "Statut",
        "action": "Action",
        "convention": "Convention",
        "reason": "Motif",
        "errors": "Erreurs",
        "warnings": "Avert.",
        "infos": "Infos",
        "details": "Détails",
        "none": "aucun constat",
        "line": "ligne",
        "current": "à jour",
        "invalid": "non valide",
        "unreachable": "injoignable",
        "withdrawn": "retirée",
        "loaded": "chargée",
        "unchanged": "inchangée",
        "kept": "version précédente conservée",
        "not_loaded": "non chargée (aucune version valide antérieure)",
        "failed": "échec",
        "not_saved": "non enregistrée (magasin en échec)",
        "error": "erreur",
        "warning": "avertissement",
        "info": "information",
        "show": "Afficher",
        "at": "à",
        "all": "toutes les sources",
        "failed_sources": "en échec",
        "not_failed": "sans échec",
        "failures_first": "Les sources en échec (non valides, injoignables) sont en tête.",
        "json_link": "Le même rapport en JSON",
    },
    "en": {
        "title": "Harvest report",
        "started": "Started",
        "seconds": "Duration (s)",
        "store": "Store",
        "versions": "Validator / standard",
        "timings": "Time per stage (s)",
        "fetch_wait": "waiting for downloads",
        "validate": "validation",
        "convert": "RDF conversion",
        "store_write": "store writes",
        "interrupted": "Harvest interrupted: the store is consistent, run the command again to finish.",
        "store_error": "Harvest stopped, the store refused a write (no partial graph):",
        "source": "Source",
        "status": "Status",
        "action": "Action",
        "convention": "Convention",
        "reason": "Reason",
        "errors": "Errors",
        "warnings": "Warn.",
        "infos": "Infos",
        "details": "Details",
        "none": "no findings",
        "line": "line",
        "current": "current",
        "invalid": "invalid",
        "unreachable": "unreachable",
        "withdrawn": "withdrawn",
        "loaded": "loaded",
        "unchanged": "unchanged",
        "kept": "previous version kept",
        "not_loaded": "not loaded (no earlier valid version)",
        "failed": "failed",
        "not_saved": "not saved (store failure)",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "show": "Show",
        "at": "at",
        "all": "all sources",
        "failed_sources": "failed",
        "not_failed": "not failed",
        "failures_first": "Failed sources (invalid, unreachable) come first.",
        "json_link": "The same report as JSON",
    },
}


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
        t=LABELS.get(lang, LABELS["fr"]),
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
    at = LABELS.get(lang, LABELS["fr"])["at"]
    return f"{day} {at} {moment:%H:%M:%S} {zone}"


def is_web_address(value: object) -> bool:
    """Only http(s) addresses become links (a listed `javascript:` or local path stays plain text)."""
    return isinstance(value, str) and urlsplit(value).scheme.lower() in {"http", "https"} and " " not in value


def _locale(lang: str) -> str:
    return "fr_FR" if lang == "fr" else "en_GB"
