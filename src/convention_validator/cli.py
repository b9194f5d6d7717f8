"""Command-line interface of convention-validator."""

from __future__ import annotations

import atexit
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from convention_validator import __version__
from convention_validator.cli_i18n import LocalisedGroup, LocalisedOption, argument, language_option, option
from convention_validator.findings import STAGES, Severity
from convention_validator.i18n import N_, detect_language, gettext, labelled, text
from convention_validator.standard import Standard

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
COMMAND_MODULES = {
    name: f"convention_validator.commands.{name}"
    for name in ("diff", "export", "harvest", "indicators", "new", "render", "serve", "upgrade")
}
"""The commands written in `commands/`, by name: each module is imported when its command is first asked for."""


class CommandGroup(LocalisedGroup):
    """The tool's commands. Those of `commands/` are imported on demand, so that `validate`, the
    command run most often, does not pay for the imports of the others (Click's lazy subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self.add_command(importlib.import_module(COMMAND_MODULES[cmd_name]).command, cmd_name)
        return super().get_command(ctx, cmd_name)


F = TypeVar("F", bound=Callable[..., Any])
YOUNG_OBJECTS_PER_COLLECTION = 100_000
"""Objects allocated between two collections of the youngest generation while `validate` runs (Python: 700)."""


def fewer_collections(command: F) -> F:
    """Run `command` with the garbage collector's first threshold at YOUNG_OBJECTS_PER_COLLECTION.

    Reading the modules and converting a document allocate many objects that all live on; collecting
    every 700 of them walked them again and again (measured with `gc.freeze` at exit: 141 -> 133 ms
    for one typical file, median of 25 alternated processes). The older generations still run every
    10 young collections, so a batch's cyclic garbage is still freed. The thresholds are put back after.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        previous = gc.get_threshold()
        gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, 10, 10)
        try:
            return command(*args, **kwargs)
        finally:
            gc.set_threshold(*previous)

    return run  # type: ignore[return-value]


@click.group(
    cls=CommandGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "Tools of the standard for the data clauses of French city contracts (contrats de ville).\n\n"
        "The defaults of 'validate' are read from [tool.convention-validator] in pyproject.toml or from "
        ".convention-validator.toml (the nearest one, going up the folders).\n\n"
        "Language of the messages: the --lang option of each command, else the variable "
        "CONVENTION_VALIDATOR_LANG (fr or en), else French; the system locale (LANG) is not used."
    ),
)
@click.version_option(
    __version__,
    "-V",
    "--version",
    message=f"convention-validator %(version)s (standard clauses-data {Standard().version})",
    help=N_("Show the version and exit."),
    cls=LocalisedOption,
)
@click.pass_context
def main(context: click.Context) -> None:
    from convention_validator.cli_i18n import current_language
    from convention_validator.config import ConfigError, find_config

    # The process ends with the command: frozen at exit, its objects are spared the interpreter's last
    # garbage collection, which walked them all (154 -> 141 ms for one typical file, median of 25
    # alternated processes). Objects are still freed; only the collection of cycles at exit is skipped.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)

    try:
        config = find_config()
    except ConfigError as error:
        click.echo(error.text(current_language()), err=True)
        sys.exit(EXIT_UNUSABLE)
    if config.validate:
        context.default_map = {"validate": config.validate}


@main.command(
    help=N_(
        "Validate conventions (files, folders, glob patterns, or '-' for standard input).\n\n"
        "In a folder, only conventions are checked: the .jsonld, .json, .yaml and .yml files that name the "
        "standard's context or declare 'type: Convention'.\n\n"
        "Exit codes: 0 no blocking finding, 1 findings from --fail-on up (or too many warnings), "
        "2 unusable file or wrong usage."
    )
)
@argument("paths", nargs=-1, required=True, metavar=N_("PATHS..."))
@option(
    "--format",
    "output_format",
    type=click.Choice(["full", "concise", "text", "json", "sarif", "turtle", "github", "gitlab", "junit"]),
    default=None,
    help=N_(
        "Report format (default: full on a terminal, concise otherwise; full: each finding with its line, "
        "a caret under the column and the fix; concise or text: one line per finding; turtle: standard SHACL "
        "validation report; github: GitHub Actions annotations; gitlab: GitLab code quality report; "
        "junit: JUnit XML)."
    ),
)
@option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help=N_("Severity from which the command fails (exit code 1)."),
)
@option("--max-warnings", type=click.IntRange(min=0), default=None, help=N_("Fail with more than N warnings."))
@option(
    "--stage",
    type=click.Choice(list(STAGES)),
    default=STAGES[-1],
    show_default=True,
    help=N_("Last stage to run (read, structure, graph, rules, reference)."),
)
@language_option()
@option("-q", "--quiet", is_flag=True, help=N_("Print the findings only (no summary when all is well)."))
@option(
    "--color/--no-color",
    "colour",
    default=None,
    help=N_("Colours (default: only on a terminal, never when NO_COLOR is set)."),
)
@option(
    "-o",
    "--output",
    default=None,
    metavar=N_("FILE"),
    help=N_("Write the report to this file (default: standard output)."),
)
@option(
    "--include",
    multiple=True,
    metavar=N_("PATTERN"),
    help=N_("Glob pattern of the files to check in folders (repeatable)."),
)
@option(
    "--exclude",
    multiple=True,
    metavar=N_("PATTERN"),
    help=N_("Glob pattern of the files to skip, even when named (repeatable)."),
)
@option(
    "--conventions-only",
    is_flag=True,
    help=N_("Also skip the named files that are not conventions (pre-commit hook)."),
)
@option(
    "--stdin-filename",
    default=None,
    metavar=N_("NAME"),
    help=N_("Name of the document read from standard input (path '-')."),
)
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=N_("Processes that validate the files (default: one per core from 16 files)."),
)
@option("-v", "--verbose", is_flag=True, help=N_("List the skipped files and why on standard error."))
@fewer_collections
def validate(
    paths: tuple[str, ...],
    output_format: str | None,
    fail_on: str,
    max_warnings: int | None,
    stage: str,
    lang: str | None,
    quiet: bool,
    colour: bool | None,
    output: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    conventions_only: bool,
    stdin_filename: str | None,
    jobs: int | None,
    verbose: bool,
) -> None:
    from convention_validator.discovery import STDIN, discover
    from convention_validator.files import write_atomically
    from convention_validator.reporters import renderer
    from convention_validator.reporters.printable import printable
    from convention_validator.validator import Validator

    language = detect_language(lang)
    found = discover(paths, include=include, exclude=exclude, conventions_only=conventions_only)
    if verbose:
        for skipped in found.skipped:
            click.echo(text(f"skipped.{skipped.reason}", language, path=printable(skipped.path)), err=True)
    if not found.files and conventions_only and found.skipped:
        sys.exit(EXIT_CLEAN)  # a hook given only other JSON or YAML files: nothing to check
    if not found.files:
        click.echo(text("no_files", language, paths=", ".join(paths)), err=True)
        sys.exit(EXIT_UNUSABLE)
    validator = Validator(lang=language, last_stage=stage)
    report = validator.validate([f for f in found.files if f != STDIN], jobs=jobs)
    if STDIN in found.files:
        report.files.insert(found.files.index(STDIN), _validate_stdin(validator, stdin_filename))
    use_colour = _use_colour(colour) and output is None
    if output_format is None:
        output_format = "full" if output is None and sys.stdout.isatty() else "concise"
    rendered = renderer(output_format)(report, language, use_colour, quiet)
    if output is None:
        click.echo(rendered, nl=False, color=use_colour)
    else:
        try:
            write_atomically(output, rendered)
        except OSError as error:
            click.echo(text("cannot_write_report", language, path=output, reason=error.strerror or error), err=True)
            sys.exit(EXIT_UNUSABLE)
    if any(f.stage == "read" and f.severity is Severity.ERROR for f in report.findings):
        sys.exit(EXIT_UNUSABLE)
    if report.has_at_least(Severity(fail_on)):
        sys.exit(EXIT_FINDINGS)
    warnings = report.count(Severity.WARNING)
    if max_warnings is not None and warnings > max_warnings:
        click.echo(text("too_many_warnings", language, count=warnings, limit=max_warnings), err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _use_colour(explicit: bool | None) -> bool:
    """--color/--no-color, else never when NO_COLOR is set (no-color.org), else only on a terminal."""
    if explicit is not None:
        return explicit
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _validate_stdin(validator: Any, name: str | None) -> Any:
    """The report of the document read on standard input (JSON-LD or YAML, by name or first character)."""
    data = sys.stdin.buffer.read()
    display = name or "<stdin>"
    if name and name.lower().endswith((".yaml", ".yml")):
        kind = "yaml"
    elif name and name.lower().endswith((".json", ".jsonld")):
        kind = "json"
    else:
        kind = "json" if data.lstrip()[:1] in (b"{", b"[") else "yaml"
    report = validator.validate_text(data, display, kind)
    report.graph = None
    return report


@main.command(help=N_("Print the version of the standard and the paths of its embedded artifacts."))
@language_option()
def artifacts(lang: str | None) -> None:
    language = detect_language(lang)
    standard = Standard()
    click.echo(gettext("standard clauses-data {version}", language, version=standard.version))
    context_label = labelled(gettext("JSON-LD context", language), language)
    click.echo(f"{context_label} {standard.context_url}")
    for key in sorted(standard.manifest["artifacts"]):
        click.echo(f"{key:12} {standard.path(key)}")
