"""The explorer's pages: home (map, filters, search), one page per QPV and per convention."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from urllib.parse import unquote, urlparse

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from convention_validator.web.catalogue import Catalogue
from convention_validator.web.errors import ApiError
from convention_validator.web.filters import Filters, options
from convention_validator.web.paging import Window
from convention_validator.web.places import qpv_places
from convention_validator.web.requests import catalogue_of, language_of, workspace_of
from convention_validator.web.templating import page, switch_link
from convention_validator.web.texts import texts
from convention_validator.web.views import convention_detail, convention_summary, qpv_counts, qpv_detail

router = APIRouter(include_in_schema=False)


def _page(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    lang = language_of(request)
    switch = switch_link(request.url.path, request.query_params, lang)
    return page(name, lang, workspace_of(request).lang, status, switch=switch, **context)


def _catalogue(request: Request) -> Catalogue | None:
    """The catalogue, or None when no store is configured."""
    if not workspace_of(request).has_store:
        return None
    return catalogue_of(request, language_of(request))


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    lang = language_of(request)
    catalogue = _catalogue(request)
    if catalogue is None:
        return _page(request, "message.html", 200, title=texts(lang)["explorer"], message=texts(lang)["no_store"])
    filters = Filters.from_query(request.query_params)
    everything = list(catalogue.conventions.values())
    chosen = filters.apply(everything) if filters.active else everything
    counts = qpv_counts(chosen) if filters.active else catalogue.remember("counts", lambda: qpv_counts(everything))
    covered = sorted(code for code, row in counts.items() if row[0] or row[1])
    places = qpv_places()
    conventions_page = Window.of(chosen, request.query_params.get("page", ""))
    qpv_page = Window.of(covered, request.query_params.get("qpv_page", ""))
    return _page(
        request,
        "home.html",
        filters=filters,
        options=catalogue.remember(("options", lang), lambda: options(everything, lang)),
        conventions=[convention_summary(entry) for entry in conventions_page.items],
        conventions_page=conventions_page,
        covered=[(code, places[code].name if code in places else code, counts[code]) for code in qpv_page.items],
        qpv_page=qpv_page,
        chosen_filters={name: value for name, value in asdict(filters).items() if value},
        totals={
            "conventions": len(chosen),
            "datasets": sum(len(entry.datasets) for entry in chosen),
            "open": sum(entry.open_datasets for entry in chosen),
            "qpv": len(covered),
        },
        query=filters.query_string(),
    )


@router.get("/qpv/{code}", response_class=HTMLResponse)
def qpv_page(request: Request, code: str) -> HTMLResponse:
    lang = language_of(request)
    catalogue = _catalogue(request) or Catalogue({}, {})
    detail = qpv_detail(code.upper(), catalogue, lang)
    if detail is None:
        return _page(request, "message.html", 404, title=texts(lang)["not_found"], message=texts(lang)["not_found"])
    return _page(request, "qpv.html", qpv=detail)


@router.get("/conventions/{convention_id}", response_class=HTMLResponse)
def convention_page(request: Request, convention_id: str) -> HTMLResponse:
    lang = language_of(request)
    catalogue = _catalogue(request) or Catalogue({}, {})
    entry = catalogue.conventions.get(convention_id)
    if entry is None:
        return _page(request, "message.html", 404, title=texts(lang)["not_found"], message=texts(lang)["not_found"])
    detail = convention_detail(entry, catalogue, lang)
    return _page(
        request, "convention.html", convention=detail, renderable=_local_source(catalogue, entry.iri) is not None
    )


def _local_source(catalogue: Catalogue, iri: str) -> Path | None:
    """The harvested file of a convention when its source is a local file still holding the harvested version."""
    for record in catalogue.history(iri):
        if record.status != "current" or not record.source.startswith("file://"):
            continue
        path = Path(unquote(urlparse(record.source).path))
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if record.content_hash == "sha256:" + hashlib.sha256(data).hexdigest():
            return path
    return None


@router.get("/conventions/{convention_id}/document", response_class=HTMLResponse)
def convention_document(request: Request, convention_id: str) -> Response:
    """The convention as the parties sign it (render/), from its harvested local file; nothing remote is read."""
    lang = language_of(request)
    catalogue = _catalogue(request) or Catalogue({}, {})
    entry = catalogue.conventions.get(convention_id)
    path = _local_source(catalogue, entry.iri) if entry else None
    if path is None:
        return _page(
            request, "message.html", 404, title=texts(lang)["rendered"], message=texts(lang)["rendered_missing"]
        )
    from convention_validator.render import convention_for_file, render_html

    try:
        return HTMLResponse(render_html(convention_for_file(path)))
    except Exception as error:  # a file that changed into something unreadable: a message, not a traceback
        raise ApiError(500, str(error)) from error
