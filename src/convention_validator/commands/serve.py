"""`convention-validator serve`: the web workspace (validation API, explorer, editor) on a local address."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from convention_validator.cli_i18n import LocalisedCommand, language_option, option
from convention_validator.commands.exits import EXIT_UNUSABLE, fail
from convention_validator.commands.store_options import store_options
from convention_validator.i18n import N_, detect_language, gettext


@click.command(
    "serve",
    cls=LocalisedCommand,
    help=N_(
        "Start the web workspace: the guided editor, the explorer of a store of harvested conventions and the "
        "validation API (OpenAPI description at /openapi.json).\n\n"
        "The store is the folder written by 'harvest' (--store) or a SPARQL 1.1 server (--endpoint); without "
        "either, only the editor and the validation API are useful. Stop with Ctrl-C."
    ),
)
@store_options()
@option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help=N_("Port to listen on."))
@language_option()
def command(store_path: Path | None, endpoint: str | None, host: str, port: int, lang: str | None) -> None:
    import uvicorn

    from convention_validator.web.app import create_app
    from convention_validator.web.listening import listening_socket

    language = detect_language(lang)
    if store_path is not None and endpoint:
        fail(gettext("Give --store or --endpoint, not both.", language))
    if store_path is not None and not (store_path.is_dir() and any(store_path.iterdir())):
        fail(
            gettext("The store {store} does not exist or is empty: fill it with 'harvest'.", language, store=store_path)
        )
    try:
        listening = listening_socket(host, port)
    except OSError as error:
        fail(gettext("Cannot listen on {host}:{port}: {error}", language, host=host, port=port, error=error.strerror))
    app = create_app(store_path=store_path, endpoint=endpoint, lang=language)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{listening.getsockname()[1]}/"
    click.echo(
        gettext("Workspace: {address} (editor: {address}editor, API: {address}openapi.json)", language, address=address)
    )
    click.echo(gettext("Stop with Ctrl-C.", language))
    server.run(sockets=[listening])
    if not server.started:
        sys.exit(EXIT_UNUSABLE)
