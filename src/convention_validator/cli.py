"""Command-line interface of convention-validator."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from convention_validator import __version__
from convention_validator.findings import STAGES, Severity
from convention_validator.i18n import LANGUAGES, detect_language, text
from convention_validator.standard import Standard

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    "-V",
    "--version",
    message=f"convention-validator %(version)s (standard clauses-data {Standard().version})",
)
@click.pass_context
def main(context: click.Context) -> None:
    """Outils du standard des clauses data des contrats de ville.

    Les réglages par défaut de « validate » se lisent dans [tool.convention-validator] de
    pyproject.toml ou dans .convention-validator.toml (le plus proche en remontant les dossiers).
    """
    from convention_validator.config import ConfigError, find_config

    try:
        config = find_config()
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_UNUSABLE)
    if config.validate:
        context.default_map = {"validate": config.validate}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["full", "concise", "text", "json", "sarif", "turtle", "github", "gitlab", "junit"]),
    default=None,
    help="Format du rapport (par défaut : full sur un terminal, concise sinon ; full : chaque constat avec sa "
    "ligne, un repère sous la colonne et la correction ; concise ou text : une ligne par constat ; turtle : "
    "rapport de validation SHACL standard ; github : annotations GitHub Actions ; gitlab : rapport de qualité "
    "de code GitLab ; junit : XML JUnit).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Gravité à partir de laquelle la commande échoue (code de sortie 1).",
)
@click.option("--max-warnings", type=click.IntRange(min=0), default=None, help="Échoue au-delà de N avertissements.")
@click.option(
    "--stage",
    type=click.Choice(list(STAGES)),
    default=STAGES[-1],
    show_default=True,
    help="Dernière étape à exécuter (lecture, structure, graphe, règles, référentiels).",
)
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
@click.option("-q", "--quiet", is_flag=True, help="N'affiche que les constats (pas de résumé si tout va bien).")
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Couleurs (par défaut : seulement sur un terminal, jamais si NO_COLOR est définie).",
)
@click.option(
    "-o", "--output", default=None, help="Écrit le rapport dans ce fichier (par défaut : la sortie standard)."
)
@click.option("--include", multiple=True, help="Motif glob des fichiers à vérifier dans les dossiers (répétable).")
@click.option("--exclude", multiple=True, help="Motif glob des fichiers à ignorer, même nommés (répétable).")
@click.option(
    "--conventions-only",
    is_flag=True,
    help="Ignore aussi les fichiers nommés qui ne sont pas des conventions (crochet pre-commit).",
)
@click.option("--stdin-filename", default=None, help="Nom du document lu sur l'entrée standard (chemin « - »).")
@click.option("-v", "--verbose", is_flag=True, help="Liste sur la sortie d'erreur les fichiers ignorés et pourquoi.")
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
    verbose: bool,
) -> None:
    """Valide des conventions (fichiers, dossiers, motifs glob, ou « - » pour l'entrée standard).

    Dans un dossier, seules les conventions sont vérifiées : les fichiers .jsonld, .json,
    .yaml et .yml qui nomment le contexte du standard ou déclarent « type: Convention ».

    Codes de sortie : 0 sans constat bloquant, 1 constats à partir de --fail-on
    (ou trop d'avertissements), 2 fichier inutilisable ou usage incorrect.
    """
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
    report = validator.validate([f for f in found.files if f != STDIN])
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


@main.command()
def artifacts() -> None:
    """Affiche la version du standard et le chemin de ses artefacts embarqués."""
    standard = Standard()
    click.echo(f"standard clauses-data {standard.version}")
    click.echo(f"contexte JSON-LD : {standard.context_url}")
    for key in sorted(standard.manifest["artifacts"]):
        click.echo(f"{key:12} {standard.path(key)}")


def _register_commands() -> None:
    from convention_validator.commands import diff, export, harvest, indicators, new, render, upgrade

    for module in (new, upgrade, render, diff, export, harvest, indicators):
        main.add_command(module.command)


_register_commands()
