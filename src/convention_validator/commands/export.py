"""`convention-validator export`: a valid convention's RDF, or its DCAT-AP 3 catalogue, to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from convention_validator.cli_i18n import LocalisedCommand, LocalisedPath, argument, language_option, option
from convention_validator.files import write_atomically
from convention_validator.i18n import N_, Entry, Nn_, detect_language, translate

EXIT_INVALID, EXIT_UNUSABLE = 1, 2

MESSAGES: dict[str, Entry] = {
    "invalid": Nn_(
        "{file}: the convention has {count} error; export refused, nothing was written.\n"
        "See the details: convention-validator validate {file}\n"
        "(--force exports anyway, at your own risk.)",
        "{file}: the convention has {count} errors; export refused, nothing was written.\n"
        "See the details: convention-validator validate {file}\n"
        "(--force exports anyway, at your own risk.)",
        "count",
    ),
    "forced": Nn_(
        "warning: {file} has {count} error; export forced (--force), the output is not a valid "
        "convention. Details: convention-validator validate {file}",
        "warning: {file} has {count} errors; export forced (--force), the output is not a valid "
        "convention. Details: convention-validator validate {file}",
        "count",
    ),
    "unusable": N_(
        "{file}: the convention's RDF graph cannot be built, nothing to export.\n{details}\n"
        "Fix these errors first: convention-validator validate {file}"
    ),
    "unreadable": N_("{file}: the file cannot be read, nothing was exported.\n{details}"),
    "unknown_producer": N_(
        "{file}: no dataset of the convention is produced by {producer}; nothing was exported.\nProducers: {producers}"
    ),
    "producer_needs_dcat": N_("--producer only applies with --profile dcat-ap (catalogue of one producer's datasets)."),
    "write_failed": N_("cannot write {output}: {reason}"),
    "written": Nn_(
        "{output} written ({size} byte, profile {profile}, format {format})",
        "{output} written ({size} bytes, profile {profile}, format {format})",
        "size",
    ),
}


def message(key: str, lang: str, **params: object) -> str:
    """A user-facing message of this command in French or English."""
    return translate(MESSAGES[key], lang, **params)


@click.command(
    "export",
    cls=LocalisedCommand,
    help=N_(
        "Export a valid convention as RDF (Turtle, N-Triples, JSON-LD, RDF/XML) or as a DCAT-AP 3 catalogue.\n\n"
        "Exit codes: 0 export written, 1 invalid convention (nothing is written), 2 unreadable file, graph "
        "that cannot be built, producer without datasets (--producer) or output that cannot be written."
    ),
)
@argument("file", type=LocalisedPath(dir_okay=False, path_type=str), metavar=N_("FILE"))
@option(
    "--format",
    "output_format",
    type=click.Choice(["turtle", "ntriples", "jsonld", "rdfxml"]),
    default="turtle",
    show_default=True,
    help=N_("RDF syntax of the output."),
)
@option(
    "--profile",
    type=click.Choice(["plain", "dcat-ap"]),
    default="plain",
    show_default=True,
    help=N_("plain: the convention's RDF; dcat-ap: the DCAT-AP 3 catalogue of its datasets."),
)
@option(
    "-o",
    "--output",
    type=LocalisedPath(dir_okay=False, path_type=Path),
    default=None,
    help=N_("Output file."),
)
@option(
    "--producer",
    default=None,
    metavar="SIREN",
    help=N_(
        "dcat-ap: only the datasets of this producer (SIREN or organisation:SIREN), to file them under its "
        "organisation on data.gouv.fr."
    ),
)
@option("--force", is_flag=True, help=N_("Export even when the convention has errors (with a warning)."))
@language_option()
def command(
    file: str,
    output_format: str,
    profile: str,
    output: Path | None,
    producer: str | None,
    force: bool,
    lang: str | None,
) -> None:
    from convention_validator.findings import Severity
    from convention_validator.publication.export import (
        InvalidConventionError,
        UnknownProducerError,
        UnusableConventionError,
        export_report,
    )
    from convention_validator.validator import Validator

    language = detect_language(lang)
    if producer is not None and profile != "dcat-ap":
        click.echo(message("producer_needs_dcat", language), err=True)
        sys.exit(EXIT_UNUSABLE)
    report = Validator(lang=language).validate_file(file)
    try:
        result = export_report(report, output_format, profile, force, producer)
    except InvalidConventionError as refused:
        click.echo(message("invalid", language, file=file, count=len(refused.errors)), err=True)
        sys.exit(EXIT_INVALID)
    except UnusableConventionError as unusable:
        details = "\n".join(f"  {f.code} {f.message}" for f in unusable.errors[:10])
        key = "unreadable" if any(f.stage == "read" for f in unusable.errors) else "unusable"
        click.echo(message(key, language, file=file, details=details), err=True)
        sys.exit(EXIT_UNUSABLE)
    except UnknownProducerError as unknown:
        names = ", ".join(p.rsplit("/", 1)[-1] for p in unknown.producers)
        click.echo(message("unknown_producer", language, file=file, producer=producer, producers=names), err=True)
        sys.exit(EXIT_UNUSABLE)
    if result.forced:
        click.echo(message("forced", language, file=file, count=report.count(Severity.ERROR)), err=True)
    if output is None:
        click.echo(result.data, nl=False)  # bytes go to the binary stream unchanged
        return
    try:
        write_atomically(output, result.data)
    except OSError as error:
        click.echo(message("write_failed", language, output=output, reason=error.strerror or error), err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(
        message("written", language, output=output, size=len(result.data), profile=profile, format=output_format),
        err=True,
    )
