"""`convention-validator render`: the annex the parties sign, in HTML, PDF or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from convention_validator.files import write_atomically
from convention_validator.i18n import LANGUAGES, detect_language

EXIT_UNUSABLE = 2
FORMAT_CHOICES = ("html", "pdf", "md")
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md"}


@click.command("render")
@click.argument("path")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help="Format de l'annexe : html (imprimable), pdf ou md. Par défaut : d'après l'extension de -o, sinon html.",
)
@click.option("-o", "--output", default=None, help="Fichier à écrire (par défaut : la sortie standard).")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
def command(path: str, output_format: str | None, output: str | None, lang: str | None) -> None:
    """Produit l'annexe lisible de la convention PATH, en français.

    L'annexe reprend les parties et leurs rôles, les clauses adoptées, une fiche par jeu de
    données, la gouvernance, les règles éthiques et le statut de validation ; une convention
    qui comporte des erreurs est produite avec la mention NON VALIDE.

    Codes de sortie : 0 annexe produite, 2 fichier illisible, PDF impossible ou usage incorrect.
    """
    from convention_validator.render.messages import message

    language = detect_language(lang)
    to_stdout = output in (None, "-")
    chosen = output_format or SUFFIX_FORMATS.get(Path(output or "").suffix.lower(), "html")
    if chosen == "pdf" and to_stdout and sys.stdout.isatty():
        _fail(message("pdf_needs_output", language))
    if chosen == "pdf":
        _require_pdf_engine(language)

    from convention_validator.loaders import LoadError, load_path
    from convention_validator.render import annex_for_document, render_html, render_markdown, render_pdf
    from convention_validator.validator import Validator

    validator = Validator(lang="fr")  # the annex is in French, findings included
    try:
        document = load_path(path, validator.limits)
    except LoadError:
        _fail_unreadable(path, language)
    report = validator.validate_document(document)
    annex = annex_for_document(document, report, validator.standard.version)

    if chosen == "md":
        content = render_markdown(annex).encode("utf-8")
    elif chosen == "html":
        content = render_html(annex).encode("utf-8")
    else:
        content = render_pdf(render_html(annex))

    if to_stdout:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        assert output is not None
        try:
            write_atomically(Path(output), content)
        except OSError as error:
            _fail(message("cannot_write", language, output=output, reason=error.strerror or error))
        click.echo(
            message("written", language, output=output, format=chosen.upper(), datasets=len(annex.sheets)), err=True
        )
    if not annex.validation.valid:
        click.echo(message("invalid_notice", language, counts=annex.validation.counts), err=True)


def _require_pdf_engine(language: str) -> None:
    from convention_validator.render.documents import PdfEngineMissing, load_weasyprint
    from convention_validator.render.messages import message

    try:
        load_weasyprint()
    except PdfEngineMissing as error:
        _fail(message("pdf_engine_missing", language, detail=str(error).splitlines()[0]))


def _fail_unreadable(path: str, language: str) -> NoReturn:
    """Say why the file cannot be read (the validator's located read-stage message), exit 2."""
    from convention_validator.render.messages import message
    from convention_validator.validator import Validator

    click.echo(message("unreadable", language, file=path), err=True)
    for finding in Validator(lang=language).validate_file(path).findings:
        where = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
        click.echo(f"{where}: {finding.code} {finding.message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def _fail(text: str) -> NoReturn:
    click.echo(text, err=True)
    sys.exit(EXIT_UNUSABLE)
