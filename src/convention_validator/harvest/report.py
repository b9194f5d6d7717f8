"""Harvest reports: JSON (machines) and one self-contained HTML page (people), French by default."""

from __future__ import annotations

import json

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
    },
}


def to_json(report: HarvestReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_html(report: HarvestReport, lang: str = "fr") -> str:
    """The report as one HTML page: inline CSS, no script, nothing loaded from elsewhere."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("convention_validator.harvest", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("report.html.j2")
    return template.render(report=report, data=report.to_dict(), t=LABELS.get(lang, LABELS["fr"]), lang=lang)
