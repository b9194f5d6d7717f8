"""The ASGI application of `convention-validator serve`: API, explorer, editor and static files."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response

from convention_validator import __version__
from convention_validator.i18n import detect_language, gettext
from convention_validator.store import StoreError
from convention_validator.web import api, editor, explorer
from convention_validator.web.errors import ApiError
from convention_validator.web.geo import qpv_geometries
from convention_validator.web.requests import language_of
from convention_validator.web.templating import page, switch_link
from convention_validator.web.validation import MAX_BYTES, TIMEOUT_SECONDS, ValidationService
from convention_validator.web.workspace import REFRESH_SECONDS, Workspace

STATIC_DIR = Path(__file__).resolve().parent / "static"
DESCRIPTION = (
    "Espace de travail du standard des clauses data des contrats de ville : validation, explorateur des "
    "conventions moissonnées, éditeur guidé. / Workspace of the standard for the data clauses of city contracts: "
    "validation, explorer of harvested conventions, guided editor."
)


def create_app(
    store_path: str | Path | None = None,
    endpoint: str | None = None,
    lang: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    refresh_seconds: float = REFRESH_SECONDS,
    endpoint_options: dict[str, Any] | None = None,
    warm_up: bool = True,
) -> FastAPI:
    """The workspace over the embedded store in `store_path` or the SPARQL endpoint `endpoint` (or neither)."""
    language = detect_language(lang)
    workspace = Workspace(
        store_path=str(store_path) if store_path is not None else None,
        endpoint=endpoint,
        lang=language,
        refresh_seconds=refresh_seconds,
        endpoint_options=endpoint_options or {},
    )
    validation = ValidationService(max_bytes=max_bytes, timeout=timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            threading.Thread(target=_prepare, args=(workspace,), daemon=True, name="prepare").start()
            validation.warm_up(language)
        yield
        validation.close()
        workspace.close()

    app = FastAPI(
        title="convention-validator",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = workspace
    app.state.validation = validation
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.include_router(api.router)
    app.include_router(editor.router)
    app.include_router(explorer.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_error_handlers(app)
    return app


def _prepare(workspace: Workspace) -> None:
    """Read the store and build the map's contours before the first visitor asks (several seconds at 1,000
    conventions); a request that comes earlier waits for the same work instead of doing it twice."""
    qpv_geometries()
    if workspace.has_store:
        with contextlib.suppress(StoreError):
            workspace.catalogue()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> Response:
    lang = language_of(request)
    title = gettext("Page not found", lang) if status == 404 else gettext("Error", lang)
    default = request.app.state.workspace.lang
    switch = switch_link(request.url.path, request.query_params, lang)
    return page("message.html", lang, default, status, title=title, message=message, switch=switch)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def refused(request: Request, error: ApiError) -> Response:
        return api.error_response(error) if _is_api(request) else _error_page(request, error.status, error.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        lang = language_of(request)
        if _is_api(request):
            message = gettext("Page not found", lang) if error.status_code == 404 else str(error.detail)
            return api.error_response(ApiError(error.status_code, message))
        if request.url.path.startswith("/editor"):
            return await http_exception_handler(request, error)
        return _error_page(request, error.status_code, gettext("Page not found", lang))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        lang = language_of(request)
        problems = [
            {"parameter": ".".join(str(part) for part in item.get("loc", ())), "message": item.get("msg", "")}
            for item in error.errors()
        ]
        message = gettext("Some parameters of the request are invalid.", lang)
        return api.error_response(ApiError(422, message, {"parameters": problems}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        message = gettext("Internal error: {error}", language_of(request), error=type(error).__name__)
        return api.error_response(ApiError(500, message)) if _is_api(request) else _error_page(request, 500, message)
