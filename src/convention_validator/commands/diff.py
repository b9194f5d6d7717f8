"""Placeholder for the `diff` command (being written)."""

from __future__ import annotations

import click


@click.command("diff")
def command() -> None:
    """(en cours d'écriture)"""
    raise click.ClickException("not implemented yet")
