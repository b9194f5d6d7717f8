"""`POST /api/validate`: the CLI's validator on a request body, with a size cap and a time limit."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

from starlette.requests import Request

from convention_validator import __version__
from convention_validator.findings import Report
from convention_validator.i18n import gettext
from convention_validator.validator import Validator
from convention_validator.web.errors import ApiError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
MEDIA_TYPES: dict[str, Literal["json", "yaml"]] = {
    "application/ld+json": "json",
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}


def body_kind(request: Request, lang: str) -> Literal["json", "yaml"]:
    """JSON-LD or YAML, from the Content-Type (415 for anything else)."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    kind = MEDIA_TYPES.get(media_type)
    if kind is None:
        accepted = ", ".join(MEDIA_TYPES)
        shown = media_type or gettext("none", lang)
        raise ApiError(
            415,
            gettext("Unsupported content type {type}; send one of: {accepted}.", lang, type=shown, accepted=accepted),
        )
    return kind


async def read_body(request: Request, limit: int, lang: str) -> bytes:
    """The request body, refused with 413 as soon as it exceeds `limit` bytes."""
    too_large = ApiError(413, gettext("The document exceeds the limit of {limit} bytes.", lang, limit=limit))
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


class ValidationService:
    """One validator per language, loaded once; documents are checked one at a time in a worker thread."""

    def __init__(self, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._validators: dict[str, Validator] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validation")

    def validator(self, lang: str) -> Validator:
        with self._lock:
            if lang not in self._validators:
                self._validators[lang] = Validator(lang=lang)
            return self._validators[lang]

    def _validate(self, data: bytes, name: str, kind: Literal["json", "yaml"], lang: str) -> Report:
        validator = self.validator(lang)
        report = Report(standard_version=validator.standard.version, tool_version=__version__)
        file_report = validator.validate_text(data, name, kind)
        file_report.graph = None
        report.files.append(file_report)
        return report

    async def validate(self, data: bytes, name: str, kind: Literal["json", "yaml"], lang: str) -> Report:
        """The report of one document (503 when it takes longer than the time limit)."""
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        future = loop.run_in_executor(self._executor, self._validate, data, name, kind, lang)
        message = gettext("The validation took longer than {seconds} s; try again later.", lang, seconds=self.timeout)
        try:
            report = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            raise ApiError(503, message) from None
        if time.monotonic() - started > self.timeout:  # done, but after the limit (the event loop was busy)
            raise ApiError(503, message)
        return report

    def warm_up(self, lang: str) -> None:
        """Load the schema, shapes, rules and reference data before the first request."""
        self.validator(lang)._warm_up()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
