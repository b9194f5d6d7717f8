"""Messages of the `render` command, in French (default) and English."""

from __future__ import annotations

from convention_validator.i18n import N_, Entry, Nn_, ngettext, translate

_TEXTS: dict[str, Entry] = {
    "unreadable": N_("{file}: cannot render the convention, the file cannot be read."),
    "pdf_needs_output": N_(
        "A PDF is a binary file: say where to write it with -o FILE.pdf (or redirect standard output to a file)."
    ),
    "html_needs_output": N_(
        "An HTML page is not read in a terminal: say where to write it with -o FILE.html, write it here "
        "anyway with -o -, or choose --format md."
    ),
    "pdf_engine_missing": N_(
        "Cannot produce the PDF: WeasyPrint or the system libraries it needs (Pango) are missing "
        "({detail}). Install them with 'make system-deps', or choose --format html or --format md."
    ),
    "cannot_write": N_("Cannot write {output}: {reason}. Check that the folder exists and is writable."),
    "written": Nn_(
        "Convention written to {output} ({format}, {datasets} dataset sheet annexed).",
        "Convention written to {output} ({format}, {datasets} dataset sheets annexed).",
        "datasets",
    ),
    "written_amendment": Nn_(
        "Avenant written to {output} ({format}, {datasets} dataset sheet added as an annex).",
        "Avenant written to {output} ({format}, {datasets} dataset sheets added as annexes).",
        "datasets",
    ),
    "usage": N_(
        "Give either one convention (render CONVENTION) or two versions for the avenant "
        "(render --amendment OLD NEW), not both."
    ),
    "invalid_notice": N_(
        "Warning: the convention is not valid ({errors}, {warnings}); the document is marked NON VALIDE (not valid)."
    ),
}


def message(key: str, lang: str, **params: object) -> str:
    """A message of the render command in the chosen language (French if unknown)."""
    return translate(_TEXTS[key], lang, **params)


def invalid_notice(errors: int, warnings: int, lang: str) -> str:
    """« Attention : la convention n'est pas valide (2 erreurs, 0 avertissement) ; … »."""
    return message(
        "invalid_notice",
        lang,
        errors=ngettext("{count} error", "{count} errors", errors, lang, count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings, lang, count=warnings),
    )
