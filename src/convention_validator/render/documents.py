"""Render an annex view model as HTML, Markdown or PDF (Jinja2 templates, WeasyPrint)."""

from __future__ import annotations

import contextlib
import io
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convention_validator.render.model import Annex

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"
FORMATS = ("html", "pdf", "md")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


class PdfEngineMissing(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) cannot be loaded."""


def markdown_escape(value: Any) -> str:
    """Text safe in a Markdown paragraph or table cell (no emphasis, links or cell breaks)."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


@cache
def _environment(markdown: bool) -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
    )
    environment.filters["md"] = markdown_escape
    return environment


def render_html(annex: Annex) -> str:
    """A self-contained HTML page (inline CSS, nothing loaded from the network)."""
    return _environment(False).get_template("annex.html.j2").render(annex=annex)


def render_markdown(annex: Annex) -> str:
    """The annex as Markdown."""
    text = _environment(True).get_template("annex.md.j2").render(annex=annex)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    """WeasyPrint URL fetcher that loads nothing: the annex is self-contained."""
    raise ValueError(f"the annex loads no external resource ({url})")


def load_weasyprint() -> Any:
    """The weasyprint module, or PdfEngineMissing when it or Pango cannot be loaded."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):  # WeasyPrint prints its own help on stdout
            import weasyprint
    except (ImportError, OSError) as error:
        raise PdfEngineMissing(str(error).strip() or type(error).__name__) from error
    return weasyprint


def render_pdf(html: str) -> bytes:
    """Print the HTML annex to PDF with WeasyPrint."""
    weasyprint = load_weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_refuse_fetch)
    pdf: bytes = document.write_pdf()
    return pdf
