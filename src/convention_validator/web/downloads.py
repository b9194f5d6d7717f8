"""CSV downloads of lists of conventions and datasets (the JSON ones are the API's answers)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from starlette.responses import Response

CONVENTION_COLUMNS = (
    "id", "iri", "title", "contract_code", "contract_title", "qpv", "regions", "departements", "epci",
    "datasets", "open_datasets", "parties",
)  # fmt: skip
DATASET_COLUMNS = (
    "iri", "title", "convention_id", "convention", "category", "access_level", "open", "themes", "producer",
    "producer_siren", "qpv",
)  # fmt: skip


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ";".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def csv_text(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """`rows` as CSV (RFC 4180, comma, UTF-8), the given columns in order, lists joined by semicolons."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def csv_response(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], filename: str) -> Response:
    return Response(
        csv_text(rows, columns),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
