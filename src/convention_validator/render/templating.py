"""The convention and the avenant as HTML and Markdown (Jinja2 templates in `templates/`).

HTML escapes every value (autoescape); Markdown passes every value through `markdown_escape`, so
that a title or a pointer cannot inject HTML, a link or a table cell into a Markdown viewer.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convention_validator.render.model import Amendment, Convention

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def markdown_escape(value: Any) -> str:
    """Text safe in a Markdown paragraph, list item or table cell: no emphasis, link, HTML or cell break."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


@cache
def environment(markdown: bool) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
    )
    env.filters["md"] = markdown_escape
    return env


def _template(document: Convention | Amendment, suffix: str) -> tuple[str, dict[str, Any]]:
    if isinstance(document, Amendment):
        return f"avenant.{suffix}.j2", {"avenant": document}
    return f"convention.{suffix}.j2", {"convention": document}


def render_html(document: Convention | Amendment) -> str:
    """A self-contained HTML page (inline CSS, nothing loaded from the network)."""
    name, context = _template(document, "html")
    return environment(False).get_template(name).render(**context)


def render_markdown(document: Convention | Amendment) -> str:
    """The convention or the avenant as Markdown."""
    name, context = _template(document, "md")
    text = environment(True).get_template(name).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
