"""The JSON API: validation of a document, conventions, QPV, GeoJSON map layer (routes under /api)."""

from __future__ import annotations

import gzip
import json
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from convention_validator.findings import Severity
from convention_validator.i18n import gettext
from convention_validator.reporters import renderer
from convention_validator.web.downloads import CONVENTION_COLUMNS, DATASET_COLUMNS, csv_response
from convention_validator.web.errors import ApiError
from convention_validator.web.filters import Filters
from convention_validator.web.geo import LayerCache, qpv_geojson
from convention_validator.web.requests import catalogue_of, language_of, validation_of
from convention_validator.web.validation import MEDIA_TYPES, body_kind, read_body
from convention_validator.web.views import convention_detail, convention_summary, qpv_counts, qpv_detail

router = APIRouter(prefix="/api", tags=["API"])
LAYERS = LayerCache()

Lang = Query(None, pattern="^(fr|en)$", description="Langue des messages / language of the messages (fr, en).")
Format = Literal["json", "csv"]
FILTER_DOC = (
    "Filtres / filters: region (code INSEE de région), departement, epci (SIREN), access_level (PUBLIC, RESTRICTED, "
    "NON_PUBLIC), category, theme (code de la table européenne / EU table code), partner_type, q (recherche / search)."
)
_SCHEMA = {"type": "object", "description": "Convention (JSON-LD ou YAML / JSON-LD or YAML)"}
VALIDATE_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {media_type: {"schema": _SCHEMA} for media_type in MEDIA_TYPES}}
}


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=1), status, media_type="application/json")


@router.post(
    "/validate",
    summary="Valider une convention / Validate a convention",
    description=(
        "Le corps est la convention en JSON-LD (application/ld+json, application/json) ou en YAML "
        "(application/yaml, text/yaml). Même validateur, mêmes règles et données de référence que la ligne de "
        "commande ; aucun document distant n'est lu. / The body is the convention in JSON-LD or YAML; the same "
        "validator, rules and reference data as the command line; nothing remote is fetched."
    ),
    openapi_extra=VALIDATE_BODY,
    responses={
        200: {"description": "Rapport JSON ou SARIF / JSON or SARIF report"},
        400: {"description": "Document illisible / unreadable document"},
        413: {"description": "Document trop grand / document too large"},
        415: {"description": "Type de contenu non pris en charge / unsupported content type"},
        503: {"description": "Délai de validation dépassé / validation time limit exceeded"},
    },
)
async def validate(
    request: Request,
    format: Literal["json", "sarif"] = Query("json", description="json ou / or sarif"),
    lang: str | None = Lang,
    name: str = Query("convention", max_length=200, description="Nom du document dans le rapport / document name"),
) -> Response:
    language = language_of(request)
    kind = body_kind(request, language)
    service = validation_of(request)
    data = await read_body(request, service.max_bytes, language)
    if not data.strip():
        raise ApiError(400, gettext("The request body is empty: send the convention.", language))
    report = await service.validate(data, f"{name}.{'yaml' if kind == 'yaml' else 'jsonld'}", kind, language)
    rendered = renderer(format)(report, language, False, False)
    unreadable = [f for f in report.findings if f.stage == "read" and f.severity is Severity.ERROR]
    if unreadable:
        first = unreadable[0]
        details = {"code": first.code, "line": first.line, "column": first.column, "report": json.loads(rendered)}
        raise ApiError(400, first.message, details)
    media_type = "application/sarif+json" if format == "sarif" else "application/json"
    return Response(rendered, media_type=media_type)


@router.get(
    "/conventions",
    summary="Conventions moissonnées / Harvested conventions",
    description=FILTER_DOC + " format=csv : téléchargement CSV / CSV download.",
)
def conventions(
    request: Request, format: Format = "json", lang: str | None = Lang, limit: int = Query(10000, ge=1, le=100000)
) -> Response:
    language = language_of(request)
    filters = Filters.from_query(request.query_params)
    chosen = filters.apply(catalogue_of(request, language).conventions.values())
    rows = [convention_summary(entry) for entry in chosen[:limit]]
    if format == "csv":
        return csv_response(rows, CONVENTION_COLUMNS, "conventions.csv")
    return _json({"count": len(chosen), "conventions": rows})


@router.get(
    "/conventions/{convention_id}",
    summary="Une convention / One convention",
    description="Jeux de données, parties, historique de moisson ; format=csv : ses jeux de données. / Datasets, "
    "parties, harvest history; format=csv: its datasets.",
)
def convention(request: Request, convention_id: str, format: Format = "json", lang: str | None = Lang) -> Response:
    language = language_of(request)
    catalogue = catalogue_of(request, language)
    entry = catalogue.conventions.get(convention_id)
    if entry is None:
        raise ApiError(404, gettext("No harvested convention has the identifier {id}.", language, id=convention_id))
    detail = convention_detail(entry, catalogue, language)
    if format == "csv":
        return csv_response(detail["datasets"], DATASET_COLUMNS, f"convention-{entry.id}-jeux.csv")
    return _json(detail)


@router.get(
    "/qpv.geojson",
    summary="Contours des QPV et comptes / QPV contours with counts",
    description="Chaque QPV avec ses nombres de conventions, de jeux de données et de jeux ouverts, selon les "
    "filtres. / Every QPV with its numbers of conventions, datasets and open datasets, after the filters. "
    + FILTER_DOC,
)
def qpv_layer(request: Request, lang: str | None = Lang) -> Response:
    language = language_of(request)
    filters = Filters.from_query(request.query_params)
    catalogue = catalogue_of(request, language)

    def build() -> str:
        return qpv_geojson(qpv_counts(filters.apply(catalogue.conventions.values())))

    data = LAYERS.compressed((filters, catalogue.built), build)
    headers = {"Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(data, media_type="application/geo+json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(gzip.decompress(data), media_type="application/geo+json", headers=headers)


@router.get(
    "/qpv/{code}",
    summary="Un quartier prioritaire / One QPV",
    description="Conventions et jeux de données qui le concernent ; format=csv : ces jeux de données. / "
    "Conventions and datasets concerning it; format=csv: these datasets.",
)
def qpv(request: Request, code: str, format: Format = "json", lang: str | None = Lang) -> Response:
    language = language_of(request)
    detail = qpv_detail(code.upper(), catalogue_of(request, language), language)
    if detail is None:
        raise ApiError(404, gettext("{code} is not a QPV of the 2024 list.", language, code=code))
    if format == "csv":
        return csv_response(detail["datasets"], DATASET_COLUMNS, f"qpv-{detail['code']}-jeux.csv")
    return _json(detail)


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.payload(), status_code=error.status)
