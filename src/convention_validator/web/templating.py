"""Jinja2 pages of the explorer: one environment, autoescaped, with the texts and links of a language."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from convention_validator.web.texts import texts

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def link_maker(lang: str, default_lang: str) -> Any:
    """`link(path, **params)`: an address with its query, the language kept when it is not the default."""

    def link(path: str, **params: str) -> str:
        values = {key: value for key, value in params.items() if value}
        if lang != default_lang:
            values["lang"] = lang
        return f"{path}?{urlencode(values)}" if values else path

    return link


def switch_link(path: str, params: Mapping[str, str], lang: str) -> str:
    """The same page in the other language."""
    return f"{path}?{urlencode({**params, 'lang': 'en' if lang == 'fr' else 'fr'})}"


def page(name: str, lang: str, default_lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `name` in `lang`."""
    other = "en" if lang == "fr" else "fr"
    html = (
        environment()
        .get_template(name)
        .render(lang=lang, other_lang=other, t=texts(lang), link=link_maker(lang, default_lang), **context)
    )
    return HTMLResponse(html, status_code=status)
