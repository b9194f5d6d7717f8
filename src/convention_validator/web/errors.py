"""Errors of the workspace as plain answers: JSON under /api, a page elsewhere, never a traceback."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A refused request: its HTTP status and a message in the request's language."""

    def __init__(self, status: int, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or {}

    def payload(self) -> dict[str, Any]:
        return {"error": {"status": self.status, "message": self.message, **self.details}}
