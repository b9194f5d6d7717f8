"""Messages of the `render` command, in French (default) and English."""

from __future__ import annotations

from convention_validator.i18n import lookup

_TEXTS: dict[str, dict[str, str]] = {
    "unreadable": {
        "fr": "{file} : impossible de produire la convention, le fichier est illisible.",
        "en": "{file}: cannot render the convention, the file cannot be read.",
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
        "fr": "Convention écrite dans {output} ({format}, fiches en annexe : {datasets}).",
        "en": "Convention written to {output} ({format}, annexed dataset sheets: {datasets}).",
    },
    "written_amendment": {
        "fr": "Avenant écrit dans {output} ({format}, fiches ajoutées en annexe : {datasets}).",
        "en": "Avenant written to {output} ({format}, dataset sheets added as annexes: {datasets}).",
    },
    "usage": {
        "fr": "Indiquez soit une convention (render CONVENTION), soit deux versions pour l'avenant "
        "(render --amendment ANCIENNE NOUVELLE), pas les deux.",
        "en": "Give either one convention (render CONVENTION) or two versions for the avenant "
        "(render --amendment OLD NEW), not both.",
    },
    "invalid_notice": {
        "fr": "Attention : la convention n'est pas valide ({counts}) ; le document porte la mention NON VALIDE.",
        "en": "Warning: the convention is not valid ({counts}); the document is marked NON VALIDE (not valid).",
    },
}


def message(key: str, lang: str, **params: object) -> str:
    """A message of the render command in the chosen language (French if unknown)."""
    return lookup(_TEXTS, key, lang, **params)
