"""Language of user-facing text: French by default, English on request or from the locale."""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "summary": {
        "fr": "{files} fichier(s) vérifié(s) : {errors} erreur(s), {warnings} avertissement(s), {infos} information(s)",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info(s)",
    },
    "clean": {"fr": "aucun constat", "en": "no findings"},
    "fix": {"fr": "correction", "en": "fix"},
    "older_version": {
        "fr": "{file} : vérifié selon le standard {version} qu'il déclare (version courante {current} ; "
        "mise à jour : convention-validator upgrade {file})",
        "en": "{file}: checked against standard {version}, which it declares (current version {current}; "
        "upgrade: convention-validator upgrade {file})",
    },
    "stopped_at": {"fr": "contrôles arrêtés à l'étape « {stage} »", "en": "checks stopped at stage '{stage}'"},
    "no_files": {
        "fr": "aucun fichier de convention (.jsonld, .json, .yaml, .yml) trouvé dans : {paths}",
        "en": "no convention file (.jsonld, .json, .yaml, .yml) found in: {paths}",
    },
    "skipped.not_a_convention": {
        "fr": "ignoré : {path} (ni le contexte du standard ni « type: Convention »)",
        "en": "skipped: {path} (neither the standard's context nor 'type: Convention')",
    },
    "skipped.excluded": {
        "fr": "ignoré : {path} (exclu par --exclude)",
        "en": "skipped: {path} (excluded by --exclude)",
    },
    "skipped.not_included": {
        "fr": "ignoré : {path} (hors des motifs --include)",
        "en": "skipped: {path} (outside the --include patterns)",
    },
    "cannot_write_report": {
        "fr": "impossible d'écrire le rapport dans {path} : {reason}",
        "en": "cannot write the report to {path}: {reason}",
    },
    "too_many_warnings": {
        "fr": "{count} avertissement(s), au-delà du maximum autorisé ({limit})",
        "en": "{count} warning(s), more than the allowed maximum ({limit})",
    },
    "error": {"fr": "erreur", "en": "error"},
    "warning": {"fr": "avertissement", "en": "warning"},
    "info": {"fr": "information", "en": "info"},
    "stage.read": {"fr": "lecture", "en": "read"},
    "stage.structure": {"fr": "structure", "en": "structure"},
    "stage.graph": {"fr": "graphe", "en": "graph"},
    "stage.rules": {"fr": "règles", "en": "rules"},
    "stage.reference": {"fr": "référentiels", "en": "reference"},
}


def detect_language(explicit: str | None = None) -> str:
    """The explicit choice, else the locale (LC_ALL, LC_MESSAGES, LANG), else French."""
    if explicit:
        return explicit if explicit in LANGUAGES else "fr"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


Texts = dict[str, dict[str, str]]


def lookup(table: Texts, key: str, lang: str, **params: object) -> str:
    """The text `key` of a module's table in `lang` (French when the language is unknown), filled in."""
    texts = table[key]
    return texts.get(lang, texts["fr"]).format(**params)


def text(key: str, lang: str, **params: object) -> str:
    """A user-interface text of the validator in the chosen language."""
    return lookup(_TEXTS, key, lang, **params)
