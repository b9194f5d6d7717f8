"""Placeholder for the `render` command (being written)."""

from __future__ import annotations

import click


@click.command("render")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
