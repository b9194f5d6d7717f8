"""Placeholder for the `export` command (being written)."""

from __future__ import annotations

import click


@click.command("export")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
