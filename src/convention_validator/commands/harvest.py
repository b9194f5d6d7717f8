"""Placeholder for the `harvest` command (being written)."""

from __future__ import annotations

import click


@click.command("harvest")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
