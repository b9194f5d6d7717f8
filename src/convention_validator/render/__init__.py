"""The convention the parties sign, and its avenants, generated from the convention file.

HTML, Markdown and PDF (the PDF is printed by `documents.render_pdf`).

>>> from convention_validator.render import convention_for_file, render_markdown
>>> convention = convention_for_file("examples/valid/grand-auch.jsonld")
>>> convention.validation.valid
True
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from convention_validator.findings import FileReport
from convention_validator.loaders import LoadedDocument
from convention_validator.render.amendment import amendment_for_files, build_amendment
from convention_validator.render.build import build_annex, build_convention
from convention_validator.render.documents import FORMATS, PdfEngineMissing, render_pdf
from convention_validator.render.model import Amendment, Annex, Convention
from convention_validator.render.templating import markdown_escape, render_html, render_markdown

__all__ = [
    "FORMATS",
    "Amendment",
    "Annex",
    "Convention",
    "PdfEngineMissing",
    "amendment_for_files",
    "annex_for_document",
    "annex_for_file",
    "build_amendment",
    "build_annex",
    "build_convention",
    "convention_for_document",
    "convention_for_file",
    "markdown_escape",
    "render_html",
    "render_markdown",
    "render_pdf",
]


def convention_for_document(
    document: LoadedDocument, report: FileReport, standard_version: str = "", source: bytes | None = None
) -> Convention:
    """The convention of a loaded file, with its validation report.

    `source` is the file's bytes, whose SHA-256 the first page prints (by default: the text read,
    in UTF-8).
    """
    data = source if source is not None else document.text.encode("utf-8")
    return build_convention(
        document.data,
        report,
        source=document.name,
        standard_version=standard_version,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )


def convention_for_file(path: str | Path) -> Convention:
    """Validate a convention file and build the convention (raises LoadError if it cannot be read)."""
    from convention_validator.loaders import load_path
    from convention_validator.validator import Validator

    validator = Validator(lang="fr")
    document = load_path(path, validator.limits)
    report = validator.validate_document(document)
    return convention_for_document(document, report, validator.standard.version, Path(path).read_bytes())


annex_for_document = convention_for_document  # former names (0.1)
annex_for_file = convention_for_file
