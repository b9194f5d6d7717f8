"""Reporters: turn a validation report into text, JSON, SARIF or a SHACL report in Turtle."""

from __future__ import annotations

from collections.abc import Callable

from convention_validator.findings import Report
from convention_validator.reporters.json_reporter import render_json
from convention_validator.reporters.sarif import render_sarif
from convention_validator.reporters.text import render_text
from convention_validator.reporters.turtle import render_turtle

Renderer = Callable[[Report, str, bool, bool], str]

RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "turtle": render_turtle,
}

__all__ = ["RENDERERS", "Renderer"]
