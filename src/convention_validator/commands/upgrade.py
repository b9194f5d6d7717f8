"""`convention-validator upgrade`: turn a convention of the standard 0.1 into 0.2, and say what is left to write."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from convention_validator.cli_i18n import LocalisedCommand, LocalisedPath, argument, language_option, option
from convention_validator.i18n import N_, Entry, Nn_, Np_, detect_language, translate

EXIT_UNUSABLE = 2

_TEXTS: dict[str, Entry] = {
    "not_upgradable": N_(
        "{path} declares version {version} of the standard; only a 0.1.0 agreement can be upgraded "
        "(context https://w3id.org/clauses-data/0.1.0/context.jsonld)."
    ),
    "no_version": Np_("no version", "none"),
    "unusable": N_("{path} was not upgraded: fix these errors first; nothing was written."),
    "exists": N_("The file {path} already exists and was left unchanged. Choose another name or add --force."),
    "cannot_write": N_("Cannot write {path}: {reason}."),
    "written": N_("Agreement upgraded to standard {version}: {path}."),
    "todo": Nn_(
        "{count} item the parties must now write or check:",
        "{count} items the parties must now write or check:",
        "count",
    ),
    "next": N_("Then check: convention-validator validate {path}"),
}


def _t(key: str, lang: str, **params: object) -> str:
    return translate(_TEXTS[key], lang, **params)


@click.command(
    "upgrade",
    cls=LocalisedCommand,
    help=N_(
        "Upgrade a convention of the standard 0.1 to the current version, losing nothing.\n\n"
        "Write the upgraded convention (same format as the original) and list on standard error what the "
        "parties must now write or check (legal citations, representatives, termination, processing "
        "contracts...). Exit codes: 0 upgrade written, 2 file unreadable or malformed (located findings), "
        "not in version 0.1.0, or cannot be written."
    ),
)
@argument("path", type=LocalisedPath(dir_okay=False, path_type=Path), metavar=N_("FILE"))
@option(
    "-o",
    "--output",
    type=LocalisedPath(dir_okay=False, path_type=Path),
    default=None,
    help=N_("File to write (default: standard output; '-o FILE' keeps the JSON-LD or YAML format)."),
)
@option("--in-place", is_flag=True, help=N_("Replace the original file with its upgraded version."))
@option("--force", is_flag=True, help=N_("Overwrite the output file if it exists."))
@language_option()
def command(path: Path, output: Path | None, in_place: bool, force: bool, lang: str | None) -> None:
    from convention_validator.authoring.upgrade import NotUpgradable, upgrade
    from convention_validator.authoring.yaml_writer import dump_with_comments
    from convention_validator.files import write_atomically
    from convention_validator.findings import Report, Severity
    from convention_validator.loaders import LoadError, load_path
    from convention_validator.reporters.text import render_text
    from convention_validator.standard import CURRENT
    from convention_validator.validator import Validator

    language = detect_language(lang)
    validator = Validator(lang=language, last_stage="structure")
    try:
        document = load_path(path, validator.limits)
        checked = validator.validate_document(document)
    except LoadError:
        checked = validator.validate_file(path)  # the same error, as a located finding
    if any(f.severity is Severity.ERROR for f in checked.findings):
        located = Report(files=[checked], standard_version=validator.standard.version)
        click.echo(render_text(located, language, colour=False, quiet=True), nl=False, err=True)
        click.echo(_t("unusable", language, path=path), err=True)
        sys.exit(EXIT_UNUSABLE)
    try:
        result = upgrade(document.data)
    except NotUpgradable as error:
        version = error.version or _t("no_version", language)
        click.echo(_t("not_upgradable", language, path=path, version=version), err=True)
        sys.exit(EXIT_UNUSABLE)
    comments = {item.pointer: item.note_text(language) for item in result.to_complete}
    if document.format == "yaml":
        text = dump_with_comments(result.data, comments, "À COMPLÉTER")
    else:
        text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n"
    target = path if in_place else output
    if target is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomically(target, text, overwrite=force or in_place)
        except FileExistsError:
            click.echo(_t("exists", language, path=target), err=True)
            sys.exit(EXIT_UNUSABLE)
        except OSError as error:
            click.echo(_t("cannot_write", language, path=target, reason=error.strerror or error), err=True)
            sys.exit(EXIT_UNUSABLE)
        click.echo(_t("written", language, version=CURRENT.version, path=target), err=True)
    if result.to_complete:
        click.echo(_t("todo", language, count=len(result.to_complete)), err=True)
        for item in result.to_complete:
            click.echo(f"  - {item.text(language)}", err=True)
    if target is not None:
        click.echo(_t("next", language, path=target), err=True)
