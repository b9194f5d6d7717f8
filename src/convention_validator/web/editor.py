"""The guided editor: its page, its script and styles, and the API the page calls (`/editor/...`).

The page is a form generated from the standard's schema; each change is sent to `/editor/api/check`,
which runs the validator, and the findings are shown beside the fields they point at. The other
endpoints reuse the toolkit: contract search (as `new`), the renderer (preview, PDF), the YAML
writer, the comparison of two versions and the avenant.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from convention_validator.i18n import LANGUAGES, N_, gettext
from convention_validator.render import PdfEngineMissing
from convention_validator.web import editor_documents as documents
from convention_validator.web.editor_form import form_model
from convention_validator.web.editor_reference import contracts, parties
from convention_validator.web.editor_texts import page_texts
from convention_validator.web.errors import ApiError
from convention_validator.web.requests import language_of
from convention_validator.web.templating import environment
from convention_validator.web.validation import ValidationService, read_body

T = TypeVar("T")
router = APIRouter(prefix="/editor", tags=["editor"])

_ERRORS = {
    "not_json": N_("The request body is not a JSON object."),
    "not_a_convention": N_("The convention must be a JSON object."),
    "unknown_contract": N_("Unknown city contract code: '{code}'."),
    "pdf_engine": N_("The PDF cannot be produced on this server: {detail}"),
}


def _fail(status: int, key: str, lang: str, **values: object) -> HTTPException:
    return HTTPException(status_code=status, detail=gettext(_ERRORS[key], lang, **values))


def _refused(error: ApiError) -> HTTPException:
    """The API's refusal, as the editor's endpoints answer it ({"detail": message})."""
    return HTTPException(status_code=error.status, detail=error.message)


async def _body(request: Request, lang: str) -> bytes:
    """The request body, read up to the workspace's size limit (413 beyond)."""
    try:
        return await read_body(request, request.app.state.validation.max_bytes, lang)
    except ApiError as error:
        raise _refused(error) from None


async def _json_object(request: Request, lang: str) -> dict[str, Any]:
    try:
        data = json.loads(await _body(request, lang))
    except (ValueError, UnicodeDecodeError):
        raise _fail(400, "not_json", lang) from None
    if not isinstance(data, dict):
        raise _fail(422, "not_json", lang)
    return data


def _convention(value: Any, lang: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(422, "not_a_convention", lang)
    return value


def _script_json(value: Any) -> str:
    """JSON to embed in a <script type="application/json"> element (no « </script> » inside)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")


async def _in_thread(function: Callable[..., T], *args: Any) -> T:
    """Render or compare away from the event loop; a draft beyond the reader's limits gets 422."""
    try:
        return await run_in_threadpool(function, *args)
    except documents.UnreadableDraft as error:
        raise HTTPException(status_code=422, detail=str(error)) from None


@router.get("", response_class=HTMLResponse, summary="The guided editor (French; English with ?lang=en)")
def page(request: Request) -> HTMLResponse:
    language = language_of(request)
    texts = page_texts(language)
    other = next(code for code in LANGUAGES if code != language)
    html = (
        environment()
        .get_template("editor.html")
        .render(
            lang=language,
            other=other,
            t=texts,
            texts_json=_script_json(texts),
            model_json=_script_json(form_model(language)),
        )
    )
    return HTMLResponse(html)


@router.get("/api/contracts", summary="City contracts by commune, EPCI or EPT name, SIREN or code")
def find_contracts(q: str = Query("", max_length=200)) -> list[dict[str, Any]]:
    return contracts(q)


@router.get("/api/parties", summary="Communes, EPCI and EPT by name or SIREN, as parties")
def find_parties(q: str = Query("", max_length=200)) -> list[dict[str, Any]]:
    return parties(q)


@router.get("/api/new", summary="The skeleton of the convention of a city contract (as `new`)")
def new(request: Request, code: str = Query(..., max_length=20)) -> dict[str, Any]:
    from convention_validator.authoring.scaffold import UnknownContract

    try:
        return documents.new_convention(code)
    except UnknownContract:
        raise _fail(404, "unknown_contract", language_of(request), code=code) from None


@router.post("/api/check", summary="The validator's findings on a draft convention (JSON body)")
async def check(request: Request) -> dict[str, Any]:
    """The workspace's validation service (the validator loaded at start, its time limit) on the draft."""
    language = language_of(request)
    service: ValidationService = request.app.state.validation
    text = documents.jsonld_text(await _json_object(request, language)).encode("utf-8")
    try:
        report = await service.validate(text, documents.DRAFT_NAME, "json", language)
    except ApiError as error:  # over the time limit
        raise _refused(error) from None
    return documents.findings_json(report.files[0], language)


@router.post("/api/preview", response_class=HTMLResponse, summary="The rendered convention (HTML)")
async def preview(request: Request) -> HTMLResponse:
    return HTMLResponse(await _in_thread(documents.preview_html, await _json_object(request, language_of(request))))


@router.post("/api/pdf", summary="The rendered convention (PDF/A)")
async def pdf(request: Request) -> Response:
    language = language_of(request)
    data = await _json_object(request, language)
    try:
        content = await _in_thread(documents.pdf_bytes, data)
    except PdfEngineMissing as error:
        raise _fail(503, "pdf_engine", language, detail=str(error).splitlines()[0]) from None
    headers = {"Content-Disposition": 'attachment; filename="convention.pdf"'}
    return Response(content, media_type="application/pdf", headers=headers)


@router.post("/api/yaml", summary="The draft convention written as YAML")
async def to_yaml(request: Request) -> Response:
    data = await _json_object(request, language_of(request))
    headers = {"Content-Disposition": 'attachment; filename="convention.yaml"'}
    return Response(documents.yaml_text(data), media_type="application/yaml; charset=utf-8", headers=headers)


@router.post("/api/open", summary="Read a convention file (JSON-LD or YAML text body) into data")
async def open_file(
    request: Request, format: Literal["json", "yaml"] = "json", name: str = "convention"
) -> JSONResponse:
    language = language_of(request)
    body = await _body(request, language)
    result = await _in_thread(documents.open_text, body, format, name[:200], language)
    return JSONResponse(result, status_code=200 if result["data"] is not None else 422)


@router.post("/api/compare", summary="Changes between a former version and the draft")
async def compare(request: Request) -> dict[str, Any]:
    language = language_of(request)
    body = await _json_object(request, language)
    return documents.compare(_convention(body.get("old"), language), _convention(body.get("new"), language), language)


@router.post("/api/amendment", response_class=HTMLResponse, summary="The avenant from a former version to the draft")
async def amendment(request: Request) -> HTMLResponse:
    language = language_of(request)
    body = await _json_object(request, language)
    old, new = _convention(body.get("old"), language), _convention(body.get("new"), language)
    old_name = str(body.get("old_name") or "version-precedente.jsonld")
    return HTMLResponse(await _in_thread(documents.amendment_html, old, new, old_name))


@router.post("/api/policy", summary="Usage rules implied by a dataset's sharing and protection terms")
async def policy(request: Request) -> dict[str, Any]:
    language = language_of(request)
    body = await _json_object(request, language)
    end_date = body.get("end_date")
    return documents.proposed_policy(
        _convention(body.get("dataset"), language), end_date if isinstance(end_date, str) else None
    )
