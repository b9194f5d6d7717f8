"""Placeholder for the `indicators` command (being written)."""

from __future__ import annotations

import click


@click.command("indicators")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
