"""How a command gives up: its message on standard error and exit code 2 (wrong usage or unusable input)."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_UNUSABLE = 2


def fail(message: str) -> NoReturn:
    """Print `message` on standard error and exit with EXIT_UNUSABLE (nothing has been written)."""
    click.echo(message, err=True)
    sys.exit(EXIT_UNUSABLE)
