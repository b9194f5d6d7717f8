"""The annex the parties sign, generated from the convention file: HTML, Markdown and PDF.

>>> from convention_validator.render import annex_for_file, render_markdown
>>> annex = annex_for_file("examples/valid/grand-auch.jsonld")
>>> annex.validation.valid
True
"""

from __future__ import annotations

from pathlib import Path

from convention_validator.findings import FileReport
from convention_validator.loaders import LoadedDocument
from convention_validator.render.build import build_annex
from convention_validator.render.documents import (
    FORMATS,
    PdfEngineMissing,
    render_html,
    render_markdown,
    render_pdf,
)
from convention_validator.render.model import Annex

__all__ = [
    "FORMATS",
    "Annex",
    "PdfEngineMissing",
    "annex_for_document",
    "annex_for_file",
    "build_annex",
    "render_html",
    "render_markdown",
    "render_pdf",
]


def annex_for_document(document: LoadedDocument, report: FileReport, standard_version: str = "") -> Annex:
    """The annex of a loaded convention, with its validation report."""
    return build_annex(document.data, report, source=document.name, standard_version=standard_version)


def annex_for_file(path: str | Path) -> Annex:
    """Validate a convention file and build its annex (raises LoadError if it cannot be read)."""
    from convention_validator.loaders import load_path
    from convention_validator.validator import Validator

    validator = Validator(lang="fr")
    document = load_path(path, validator.limits)
    report = validator.validate_document(document)
    return annex_for_document(document, report, validator.standard.version)
