"""Command-line interface of convention-validator."""

from __future__ import annotations

import click

from convention_validator import __version__
from convention_validator.standard import Standard


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
def artifacts() -> None:
    """Affiche la version du standard et le chemin de ses artefacts embarqués."""
    standard = Standard()
    click.echo(f"standard clauses-data {standard.version}")
    click.echo(f"contexte JSON-LD : {standard.context_url}")
    for key in sorted(standard.manifest["artifacts"]):
        click.echo(f"{key:12} {standard.path(key)}")
