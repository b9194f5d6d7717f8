"""`convention-validator indicators`: the standard's indicator queries on a store, as CSV, JSON and HTML."""

from __future__ import annotations

from pathlib import Path

import click

from convention_validator.cli_i18n import LocalisedCommand, LocalisedPath, language_option, option
from convention_validator.commands.exits import fail
from convention_validator.commands.store_options import store_options
from convention_validator.i18n import N_, detect_language

FORMATS = ("csv", "json", "html")


def _formats(value: str, lang: str) -> list[str]:
    from convention_validator.indicators.texts import text

    chosen = [item.strip().lower() for item in value.split(",") if item.strip()]
    for item in chosen:
        if item not in FORMATS:
            fail(text("unknown_format", lang, value=item))
    return [item for item in FORMATS if item in chosen] or list(FORMATS)


@click.command(
    "indicators",
    cls=LocalisedCommand,
    help=N_(
        "Compute the national indicators of the standard (SPARQL queries) on a store of harvested "
        "conventions.\n\n"
        "Write one CSV per indicator, indicateurs.json and the report indicateurs.html (charts and map of the "
        "QPV). Exit codes: 0 when everything is written, 2 store missing, empty or unusable."
    ),
)
@store_options()
@option(
    "--endpoint-layout",
    type=click.Choice(["oxigraph", "fuseki", "graphdb", "virtuoso", "qlever"]),
    default="oxigraph",
    show_default=True,
    help=N_("Layout of the addresses under --endpoint (as for harvest)."),
)
@option(
    "--query-url",
    default=None,
    metavar="URL",
    help=N_("SPARQL query address (replaces the one derived from --endpoint)."),
)
@option(
    "--endpoint-auth",
    type=click.Choice(["auto", "basic", "digest", "bearer"]),
    default="auto",
    show_default=True,
    help=N_("HTTP authentication (credentials in CONVENTION_VALIDATOR_ENDPOINT_AUTH)."),
)
@option(
    "-o",
    "--output",
    "output",
    type=LocalisedPath(path_type=Path),
    default=Path("indicateurs"),
    show_default=True,
    metavar=N_("FOLDER"),
    help=N_("Folder where the results are written."),
)
@option(
    "--format",
    "formats",
    default="csv,json,html",
    show_default=True,
    metavar=N_("FORMATS"),
    help=N_("Formats, separated by commas."),
)
@language_option()
def command(
    store_path: Path | None,
    endpoint: str | None,
    endpoint_layout: str,
    query_url: str | None,
    endpoint_auth: str,
    output: Path,
    formats: str,
    lang: str | None,
) -> None:
    from convention_validator.indicators.texts import text

    language = detect_language(lang)
    chosen = _formats(formats, language)
    if store_path is None and not endpoint:
        fail(text("no_store", language))
    if store_path is not None and endpoint:
        fail(text("both_stores", language))
    described = endpoint or str(store_path)
    if store_path is not None and not (store_path.is_dir() and any(store_path.iterdir())):
        fail(text("missing_store", language, store=store_path))

    from convention_validator.indicators.html_report import html_file
    from convention_validator.indicators.outputs import csv_files, json_file
    from convention_validator.indicators.report import build_report
    from convention_validator.indicators.writing import write_files
    from convention_validator.store import RECORDS_GRAPH, StoreError, open_store
    from convention_validator.store.graph_index import MissingIndexError

    try:
        options = {"layout": endpoint_layout, "query_url": query_url, "auth_scheme": endpoint_auth} if endpoint else {}
        store = open_store(path=str(store_path) if store_path is not None else None, endpoint=endpoint, **options)
    except (StoreError, OSError) as error:
        fail(text("store_error", language, store=described, error=error))
    try:
        if not store.select(f"ASK {{ GRAPH <{RECORDS_GRAPH}> {{ ?record ?p ?o }} }}").get("boolean"):
            fail(text("empty_store", language, store=described))
        report = build_report(store, described)
    except MissingIndexError:
        fail(text("missing_index", language, store=described))
    except (StoreError, OSError, ValueError, RuntimeError) as error:
        fail(text("store_error", language, store=described, error=error))
    finally:
        store.close()
    files: dict[str, str] = {}
    if "csv" in chosen:
        files |= csv_files(report, language)
    if "json" in chosen:
        files |= json_file(report, language)
    if "html" in chosen:
        files |= html_file(report, language, written_beside=sorted(files))
    try:
        written = write_files(output, files)
    except OSError as error:
        fail(text("output_error", language, path=output, error=error))
    for result in report.results.values():
        click.echo(
            "  "
            + text(
                "timing", language, query=result.query.file, rows=len(result.rows), ms=f"{result.seconds * 1000:.0f}"
            ),
            err=True,
        )
    click.echo(text("written", language, count=len(written), folder=output))
