"""What every route reads from a request: the workspace, the language, the catalogue."""

from __future__ import annotations

from starlette.requests import Request

from convention_validator.i18n import LANGUAGES, gettext
from convention_validator.store import StoreError
from convention_validator.web.catalogue import Catalogue
from convention_validator.web.errors import ApiError
from convention_validator.web.validation import ValidationService
from convention_validator.web.workspace import Workspace


def workspace_of(request: Request) -> Workspace:
    found: Workspace = request.app.state.workspace
    return found


def validation_of(request: Request) -> ValidationService:
    found: ValidationService = request.app.state.validation
    return found


def language_of(request: Request) -> str:
    """?lang=fr|en, else the workspace's language."""
    chosen = request.query_params.get("lang", "").strip().lower()
    return chosen if chosen in LANGUAGES else workspace_of(request).lang


def catalogue_of(request: Request, lang: str) -> Catalogue:
    """The catalogue of the workspace's store (503 when the store cannot be read)."""
    workspace = workspace_of(request)
    try:
        return workspace.catalogue()
    except StoreError as error:
        message = gettext("The store {store} cannot be read: {error}", lang, store=workspace.described, error=error)
        raise ApiError(503, message) from error
