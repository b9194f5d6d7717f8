"""`convention-validator diff OLD NEW`: what an amendment (avenant) changes."""

from __future__ import annotations

import sys

import click

from convention_validator.cli_i18n import LocalisedCommand, LocalisedPath, argument, language_option, option
from convention_validator.i18n import N_, detect_language

EXIT_CLEAN, EXIT_MATCHED, EXIT_UNUSABLE = 0, 1, 2


@click.command(
    "diff",
    cls=LocalisedCommand,
    help=N_(
        "Compare two versions of a convention (before and after an amendment).\n\n"
        "List the datasets added, removed or changed (each condition: old -> new value), the parties that "
        "join or leave, the changed clauses, and flag what loosens data protection. Exit codes: 0, 1 when "
        "--fail-on is met, 2 when a file cannot be read."
    ),
)
@argument("old", type=LocalisedPath(dir_okay=False), metavar=N_("OLD"))
@argument("new", type=LocalisedPath(dir_okay=False), metavar=N_("NEW"))
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=N_("Report format."),
)
@option(
    "--fail-on",
    type=click.Choice(["none", "loosening", "any"]),
    default="none",
    show_default=True,
    help=N_("Fail (exit code 1) on a loosening of data protection (loosening) or on any change (any)."),
)
@language_option()
def command(old: str, new: str, output_format: str, fail_on: str, lang: str | None) -> None:
    from convention_validator.authoring.diff import diff_conventions
    from convention_validator.authoring.diff_report import render_json, render_text
    from convention_validator.loaders import LoadError, load_path
    from convention_validator.messages import render
    from convention_validator.read_params import read_params

    language = detect_language(lang)
    documents = []
    for path in (old, new):
        try:
            documents.append(load_path(path))
        except LoadError as error:
            message = render(error.code, language, read_params(error, language))
            where = f":{error.position.line}:{error.position.column}" if error.position else ""
            click.echo(f"{path}{where}: {error.code} {message}", err=True)
            sys.exit(EXIT_UNUSABLE)
    changes = diff_conventions(documents[0].data, documents[1].data)
    renderer = render_json if output_format == "json" else render_text
    click.echo(renderer(changes, old, new, language), nl=False)
    if (fail_on == "any" and changes) or (fail_on == "loosening" and any(c.loosens for c in changes)):
        sys.exit(EXIT_MATCHED)
    sys.exit(EXIT_CLEAN)
