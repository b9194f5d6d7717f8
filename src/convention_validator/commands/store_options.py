"""The --store and --endpoint options of the commands that read a store of harvested conventions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from convention_validator.cli_i18n import LocalisedPath, option
from convention_validator.i18n import N_

F = TypeVar("F", bound=Callable[..., object])


def store_options() -> Callable[[F], F]:
    """--store FOLDER (parameter `store_path`, a Path) and --endpoint URL (parameter `endpoint`)."""
    store = option(
        "--store",
        "store_path",
        type=LocalisedPath(path_type=Path),
        default=None,
        metavar=N_("FOLDER"),
        help=N_("Folder of the embedded store."),
    )
    endpoint = option(
        "--endpoint",
        default=None,
        metavar="URL",
        help=N_("URL of a SPARQL 1.1 server (for example http://127.0.0.1:7878)."),
    )

    def decorate(command: F) -> F:
        return store(endpoint(command))

    return decorate
