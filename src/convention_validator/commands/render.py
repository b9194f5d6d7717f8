"""`convention-validator render`: the convention the parties sign, or an avenant, in HTML, PDF or Markdown."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from convention_validator.cli_i18n import LocalisedCommand, argument, language_option, option
from convention_validator.commands.exits import EXIT_UNUSABLE, fail
from convention_validator.files import write_atomically
from convention_validator.i18n import N_, detect_language

if TYPE_CHECKING:
    from convention_validator.render.model import Amendment, Convention

FORMAT_CHOICES = ("html", "pdf", "md")
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md"}


@click.command(
    "render",
    cls=LocalisedCommand,
    help=N_(
        "Produce the convention PATH to sign, in French (or, with --amendment, the avenant).\n\n"
        "The convention has the parties, the legal citations, the preamble, the articles (subject matter, "
        "definitions, commitments, access and reuse, personal data, security, intellectual property, costs, "
        "governance, duration, amendment, accession and withdrawal, termination, liability, disputes, "
        "contract documents), one sheet per dataset as an annex, the signature blocks of the signatories and, "
        "on a separate page, the automatic check report (not contractual). A convention with errors is "
        "produced marked NON VALIDE; a draft is marked « Projet » on every page.\n\n"
        "Exit codes: 0 document produced, 2 unreadable file, PDF impossible or wrong usage."
    ),
)
@argument("path", required=False, metavar=N_("[PATH]"))
@option(
    "--amendment",
    nargs=2,
    default=None,
    metavar=N_("OLD NEW"),
    help=N_("Produce the avenant that takes the convention from version OLD to version NEW."),
)
@option(
    "--number",
    default=None,
    metavar=N_("NUMBER"),
    help=N_("Number of the avenant (default: derived from the version, 1.1 -> 1)."),
)
@option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help=N_("Format: html (printable), pdf or md. Default: from the extension of -o, else html."),
)
@option("-o", "--output", default=None, metavar=N_("FILE"), help=N_("File to write (default: standard output)."))
@language_option()
def command(
    path: str | None,
    amendment: tuple[str, str] | None,
    number: str | None,
    output_format: str | None,
    output: str | None,
    lang: str | None,
) -> None:
    from convention_validator.render.messages import invalid_notice, message

    language = detect_language(lang)
    if (path is None) == (amendment is None):
        fail(message("usage", language))
    to_stdout = output in (None, "-")
    chosen = output_format or SUFFIX_FORMATS.get(Path(output or "").suffix.lower(), "html")
    if chosen == "pdf" and to_stdout and sys.stdout.isatty():
        fail(message("pdf_needs_output", language))
    if chosen == "html" and output is None and sys.stdout.isatty():  # -o - still writes it on the terminal
        fail(message("html_needs_output", language))
    if chosen == "pdf":
        _require_pdf_engine(language)

    from convention_validator.loaders import LoadError, load_path
    from convention_validator.render import build_amendment, convention_for_document
    from convention_validator.render.templating import render_html, render_markdown
    from convention_validator.validator import Validator

    validator = Validator(lang="fr")  # the document is in French, findings included
    files = list(amendment) if amendment else [path or ""]
    documents, sources = [], []
    for name in files:
        try:
            documents.append(load_path(name, validator.limits))
            sources.append(Path(name).read_bytes())  # the file's bytes: printed as SHA-256, embedded in the PDF
        except (LoadError, OSError):
            _fail_unreadable(name, language)
    report = validator.validate_document(documents[-1])
    rendered: Convention | Amendment
    if amendment:
        rendered = build_amendment(
            documents[0].data,
            documents[1].data,
            report,
            old_source=files[0],
            new_source=files[1],
            standard_version=validator.standard.version,
            number=number,
            old_sha256=hashlib.sha256(sources[0]).hexdigest(),
            new_sha256=hashlib.sha256(sources[1]).hexdigest(),
        )
    else:
        rendered = convention_for_document(documents[0], report, validator.standard.version, sources[0])

    if chosen == "md":
        content = render_markdown(rendered).encode("utf-8")
    elif chosen == "html":
        content = render_html(rendered).encode("utf-8")
    else:
        from convention_validator.render.documents import render_pdf

        content = render_pdf(
            render_html(rendered), source=sources[-1], source_name=Path(files[-1]).name, lang="fr", title=rendered.title
        )

    if to_stdout:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        assert output is not None
        try:
            write_atomically(Path(output), content)
        except OSError as error:
            fail(message("cannot_write", language, output=output, reason=error.strerror or error))
        key = "written_amendment" if amendment else "written"
        click.echo(
            message(key, language, output=output, format=chosen.upper(), datasets=len(rendered.sheets)), err=True
        )
    if not rendered.validation.valid:
        validation = rendered.validation
        click.echo(invalid_notice(validation.errors, validation.warnings, language), err=True)


def _require_pdf_engine(language: str) -> None:
    from convention_validator.render.documents import PdfEngineMissing, load_weasyprint
    from convention_validator.render.messages import message

    try:
        load_weasyprint()
    except PdfEngineMissing as error:
        fail(message("pdf_engine_missing", language, detail=str(error).splitlines()[0]))


def _fail_unreadable(path: str, language: str) -> NoReturn:
    """Say why the file cannot be read (the validator's located read-stage message), exit 2."""
    from convention_validator.render.messages import message
    from convention_validator.validator import Validator

    click.echo(message("unreadable", language, file=path), err=True)
    for finding in Validator(lang=language).validate_file(path).findings:
        where = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
        click.echo(f"{where}: {finding.code} {finding.message}", err=True)
    sys.exit(EXIT_UNUSABLE)
