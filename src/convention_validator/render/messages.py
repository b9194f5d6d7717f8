"""Messages of the `render` command, in French (default) and English."""

from __future__ import annotations

from convention_validator.i18n import lookup

_TEXTS: dict[str, dict[str, str]] = {
    "unreadable": {
        "fr": "{file} : impossible de produire l'annexe, le fichier est illisible.",
        "en": "{file}: cannot render the annex, the file cannot be read.",
    },
    "pdf_needs_output": {
        "fr": "Le PDF est un fichier binaire : indiquez où l'écrire avec -o FICHIER.pdf "
        "(ou redirigez la sortie standard vers un fichier).",
        "en": "A PDF is a binary file: say where to write it with -o FILE.pdf (or redirect standard output to a file).",
    },
    "pdf_engine_missing": {
        "fr": "Impossible de produire le PDF : WeasyPrint ou les bibliothèques système dont il a besoin "
        "(Pango) sont absents ({detail}). Installez-les avec « make system-deps », ou choisissez "
        "--format html ou --format md.",
        "en": "Cannot produce the PDF: WeasyPrint or the system libraries it needs (Pango) are missing "
        "({detail}). Install them with 'make system-deps', or choose --format html or --format md.",
    },
    "cannot_write": {
        "fr": "Impossible d'écrire {output} : {reason}. Vérifiez que le dossier existe et est accessible en écriture.",
        "en": "Cannot write {output}: {reason}. Check that the folder exists and is writable.",
    },
    "written": {
        "fr": "Annexe écrite dans {output} ({format}, {datasets} fiche(s) de jeu de données).",
        "en": "Annex written to {output} ({format}, {datasets} dataset sheet(s)).",
    },
    "invalid_notice": {
        "fr": "Attention : la convention n'est pas valide ({counts}) ; l'annexe porte la mention NON VALIDE.",
        "en": "Warning: the convention is not valid ({counts}); the annex is marked NON VALIDE (not valid).",
    },
}


def message(key: str, lang: str, **params: object) -> str:
    """A message of the render command in the chosen language (French if unknown)."""
    return lookup(_TEXTS, key, lang, **params)
