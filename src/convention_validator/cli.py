"""Command-line interface of convention-validator."""

from __future__ import annotations

import sys

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
def main() -> None:
    """Outils du standard des clauses data des contrats de ville."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "turtle"]),
    default="text",
    show_default=True,
    help="Format du rapport (turtle : rapport de validation SHACL standard).",
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
@click.option("--color/--no-color", "colour", default=None, help="Couleurs (par défaut : seulement sur un terminal).")
def validate(
    paths: tuple[str, ...],
    output_format: str,
    fail_on: str,
    max_warnings: int | None,
    stage: str,
    lang: str | None,
    quiet: bool,
    colour: bool | None,
) -> None:
    """Valide des conventions (fichiers, dossiers ou motifs glob).

    Codes de sortie : 0 sans constat bloquant, 1 constats à partir de --fail-on
    (ou trop d'avertissements), 2 fichier inutilisable ou usage incorrect.
    """
    from convention_validator.reporters import renderer
    from convention_validator.validator import Validator, expand_paths

    language = detect_language(lang)
    files = expand_paths(paths)
    if not files:
        click.echo(text("no_files", language, paths=", ".join(paths)), err=True)
        sys.exit(EXIT_UNUSABLE)
    validator = Validator(lang=language, last_stage=stage)
    report = validator.validate(files)
    use_colour = sys.stdout.isatty() if colour is None else colour
    click.echo(renderer(output_format)(report, language, use_colour, quiet), nl=False, color=use_colour)
    if any(f.stage == "read" and f.severity is Severity.ERROR for f in report.findings):
        sys.exit(EXIT_UNUSABLE)
    if report.has_at_least(Severity(fail_on)):
        sys.exit(EXIT_FINDINGS)
    warnings = report.count(Severity.WARNING)
    if max_warnings is not None and warnings > max_warnings:
        click.echo(text("too_many_warnings", language, count=warnings, limit=max_warnings), err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


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
