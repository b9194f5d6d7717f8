"""Print the rendered convention to PDF (WeasyPrint).

The PDF is a tagged PDF/A-3b in French that embeds the convention file it was made from
(see `convention_validator.render.pdf`). HTML and Markdown come from `render.templating`.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convention_validator.render.pdf import (
    DEFAULT_SOURCE_NAME,
    PdfSource,
    convention_date,
    source_sha256,
    write_archival_pdf,
)
from convention_validator.render.templating import TEMPLATES

if TYPE_CHECKING:
    from datetime import datetime

__all__ = [
    "FORMATS",
    "PdfEngineMissing",
    "convention_date",
    "load_weasyprint",
    "render_pdf",
    "source_sha256",
]

FORMATS = ("html", "pdf", "md")


class PdfEngineMissing(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) cannot be loaded."""


def load_weasyprint() -> Any:
    """The weasyprint module, or PdfEngineMissing when it or Pango cannot be loaded."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):  # WeasyPrint prints its own help on stdout
            import weasyprint
    except (ImportError, OSError) as error:
        raise PdfEngineMissing(str(error).strip() or type(error).__name__) from error
    return weasyprint


def render_pdf(
    html: str,
    source: bytes | None = None,
    source_name: str = DEFAULT_SOURCE_NAME,
    lang: str = "fr",
    title: str = "",
    *,
    created: datetime | None = None,
) -> bytes:
    """Print the HTML to a tagged PDF/A-3b in `lang`, with `source` (the convention file) embedded.

    `source` is embedded byte for byte as the associated file `source_name` (relationship Source,
    MIME type application/ld+json, or application/yaml for a .yaml/.yml name); `title` replaces the
    HTML `<title>` in the metadata when given. The file is reproducible when a date is known:
    `created`, else the convention's signature date read from `source`, else the HTML's
    `<meta name="dcterms.created">`, else SOURCE_DATE_EPOCH.
    """
    weasyprint = load_weasyprint()
    embedded = PdfSource(source, source_name or DEFAULT_SOURCE_NAME) if source is not None else None
    if created is None and embedded is not None:
        created = _source_date(embedded)
    return write_archival_pdf(
        weasyprint, html, base_url=str(TEMPLATES), source=embedded, lang=lang, title=title, created=created
    )


def _source_date(source: PdfSource) -> datetime | None:
    """The signature date of the embedded convention, or None when it has none or cannot be read."""
    from convention_validator.loaders import LoadError, format_for, load_text

    fmt = format_for(Path(source.name)) or "json"
    try:
        return convention_date(load_text(source.data, source.name, fmt).data)
    except LoadError:
        return None
