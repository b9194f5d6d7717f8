"""Placeholder for the `new` command (being written)."""

from __future__ import annotations

import click


@click.command("new")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
