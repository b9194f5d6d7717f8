"""User-facing texts of the indicators command and report, French by default, English with --lang en."""

from __future__ import annotations

from convention_validator.i18n import lookup

_TEXTS: dict[str, dict[str, str]] = {
    "no_store": {
        "fr": "indiquez un entrepôt : --store DOSSIER (entrepôt embarqué) ou --endpoint URL (serveur SPARQL)",
        "en": "name a store: --store FOLDER (embedded store) or --endpoint URL (SPARQL server)",
    },
    "both_stores": {
        "fr": "--store et --endpoint s'excluent : choisissez l'un des deux",
        "en": "--store and --endpoint exclude each other: choose one",
    },
    "missing_store": {
        "fr": "{store} : aucun entrepôt à cet endroit. Moissonnez d'abord des conventions "
        "(convention-validator harvest --store {store} ...) ou corrigez le chemin.",
        "en": "{store}: no store there. Harvest conventions first "
        "(convention-validator harvest --store {store} ...) or fix the path.",
    },
    "empty_store": {
        "fr": "{store} : l'entrepôt ne contient aucune fiche de moisson "
        "(graphe https://w3id.org/clauses-data/harvest/records). Moissonnez d'abord des conventions.",
        "en": "{store}: the store holds no harvest record "
        "(graph https://w3id.org/clauses-data/harvest/records). Harvest conventions first.",
    },
    "store_error": {"fr": "{store} : entrepôt inutilisable : {error}", "en": "{store}: unusable store: {error}"},
    "query_error": {
        "fr": "la requête {query} a échoué sur {store} : {error}",
        "en": "query {query} failed on {store}: {error}",
    },
    "unknown_format": {
        "fr": "format inconnu : {value} (choisissez parmi csv, json, html)",
        "en": "unknown format: {value} (choose among csv, json, html)",
    },
    "output_error": {"fr": "{path} : écriture impossible : {error}", "en": "{path}: cannot write: {error}"},
    "written": {"fr": "{count} fichier(s) écrit(s) dans {folder}", "en": "{count} file(s) written to {folder}"},
    "timing": {"fr": "  {query} : {rows} ligne(s), {ms} ms", "en": "  {query}: {rows} row(s), {ms} ms"},
}


def text(key: str, lang: str, **params: object) -> str:
    """A text of this command in `lang` (fr or en)."""
    return lookup(_TEXTS, key, lang, **params)
