"""Reporters: a validation report as text, JSON, SARIF, a SHACL report in Turtle, or a CI platform format."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from convention_validator.findings import Report

Renderer = Callable[[Report, str, bool, bool], str]

_MODULES = {
    "full": ("convention_validator.reporters.text", "render_full"),
    "concise": ("convention_validator.reporters.text", "render_text"),
    "text": ("convention_validator.reporters.text", "render_text"),
    "json": ("convention_validator.reporters.json_reporter", "render_json"),
    "sarif": ("convention_validator.reporters.sarif", "render_sarif"),
    "turtle": ("convention_validator.reporters.turtle", "render_turtle"),
    "github": ("convention_validator.reporters.ci", "render_github"),
    "gitlab": ("convention_validator.reporters.ci", "render_gitlab"),
    "junit": ("convention_validator.reporters.ci", "render_junit"),
}
FORMATS = tuple(_MODULES)


def renderer(name: str) -> Renderer:
    """The renderer of a format, imported on demand (the Turtle one needs rdflib)."""
    module, function = _MODULES[name]
    found: Renderer = getattr(import_module(module), function)
    return found


__all__ = ["FORMATS", "Renderer", "renderer"]
