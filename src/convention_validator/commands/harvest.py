"""`convention-validator harvest`: gather conventions from their sources into a quad store."""

from __future__ import annotations

import contextlib
import signal
import sys
from types import FrameType
from typing import Any

import click

from convention_validator.cli_i18n import LocalisedCommand, argument, language_option, option
from convention_validator.commands.exits import fail
from convention_validator.i18n import N_, detect_language

EXIT_CLEAN, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
DEFAULT_STORE = "harvest-store"


@click.command(
    "harvest",
    cls=LocalisedCommand,
    help=N_(
        "Harvest the conventions of SOURCES into an RDF store.\n\n"
        "A source is an http(s) address (convention, list of addresses or DCAT catalogue), a folder, a list "
        "file (one address or path per line, .txt) or a DCAT catalogue (.ttl, or JSON-LD). Each document is "
        "validated; a valid convention replaces its named graph, otherwise the last valid version is kept and "
        "the reason is recorded.\n\n"
        "Exit codes: 0 every source current (or withdrawn), 1 at least one source invalid or unreachable, "
        "2 wrong usage or unusable store (report written if the harvest started), 130 interrupted "
        "(consistent store)."
    ),
)
@argument("sources", nargs=-1, required=True, metavar=N_("SOURCES..."))
@option(
    "--store",
    "store_path",
    default=None,
    metavar=N_("FOLDER"),
    help=N_("Folder of the embedded store (Oxigraph); default ./harvest-store."),
)
@option(
    "--endpoint",
    default=None,
    metavar="URL",
    help=N_("SPARQL 1.1 endpoint (instead of the embedded store)."),
)
@option(
    "--endpoint-layout",
    type=click.Choice(["oxigraph", "fuseki", "graphdb", "virtuoso", "qlever"]),
    default="oxigraph",
    show_default=True,
    help=N_("Layout of the query, update and Graph Store addresses under --endpoint."),
)
@option(
    "--query-url",
    default=None,
    metavar="URL",
    help=N_("SPARQL query address (replaces the one derived from --endpoint)."),
)
@option("--update-url", default=None, metavar="URL", help=N_("SPARQL update address (likewise)."))
@option("--store-url", default=None, metavar="URL", help=N_("Graph Store Protocol address (likewise)."))
@option(
    "--endpoint-replace",
    type=click.Choice(["update", "gsp"]),
    default="update",
    show_default=True,
    help=N_("Replacing a graph: a single SPARQL update, or a Graph Store PUT then MOVE."),
)
@option(
    "--endpoint-auth",
    type=click.Choice(["auto", "basic", "digest", "bearer"]),
    default="auto",
    show_default=True,
    help=N_(
        "HTTP authentication with the endpoint: answer to the server's challenge (Basic or Digest), "
        "Basic, Digest or token (bearer); credentials in CONVENTION_VALIDATOR_ENDPOINT_AUTH."
    ),
)
@option("--report-json", default=None, metavar=N_("FILE"), help=N_("Write the harvest report as JSON to this file."))
@option("--report-html", default=None, metavar=N_("FILE"), help=N_("Write the harvest report as HTML to this file."))
@option(
    "--allow-private",
    is_flag=True,
    help=N_("Allow loopback, private and link-local addresses (internal network, tests)."),
)
@option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help=N_("Simultaneous downloads."))
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=N_("Processes that validate the documents (default: one per core)."),
)
@option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help=N_("Time limit per document (s)."),
)
@option(
    "--max-size",
    type=click.IntRange(min=1),
    default=10 * 1024 * 1024,
    show_default=True,
    help=N_("Maximum size of a document (bytes)."),
)
@option(
    "--max-redirects",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help=N_("Redirects followed at most."),
)
@option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help=N_("New attempts after a 429 or 5xx response (Retry-After respected, within the per-document time limit)."),
)
@option(
    "--proxy",
    default=None,
    metavar="URL",
    help=N_("HTTP(S) proxy for every source (else HTTP_PROXY, HTTPS_PROXY; NO_PROXY respected)."),
)
@language_option()
@option("--progress/--no-progress", default=None, help=N_("Progress bar (default: only on a terminal)."))
def command(
    sources: tuple[str, ...],
    store_path: str | None,
    endpoint: str | None,
    endpoint_layout: str,
    query_url: str | None,
    update_url: str | None,
    store_url: str | None,
    endpoint_replace: str,
    endpoint_auth: str,
    report_json: str | None,
    report_html: str | None,
    allow_private: bool,
    concurrency: int,
    jobs: int | None,
    timeout: float,
    max_size: int,
    max_redirects: int,
    retries: int,
    proxy: str | None,
    lang: str | None,
    progress: bool | None,
) -> None:
    from convention_validator.harvest import HarvestOptions, harvest
    from convention_validator.harvest.messages import say
    from convention_validator.harvest.proxy import ProxyChoice
    from convention_validator.harvest.urls import shown
    from convention_validator.store import StoreError, open_store

    language = detect_language(lang)
    if store_path and endpoint:
        fail(say("store_and_endpoint", language))
    unusable_proxy = ProxyChoice(proxy).unusable()
    if unusable_proxy is not None:
        fail(say("bad_proxy", language, proxy=shown(_without_password(unusable_proxy))))
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager stopping the harvest = Ctrl-C
    _few_malloc_arenas()
    options = HarvestOptions(
        allow_private=allow_private,
        timeout=timeout,
        max_size=max_size,
        max_redirects=max_redirects,
        retries=retries,
        proxy=proxy,
        concurrency=concurrency,
        jobs=jobs,
        lang=language,
    )
    store_options: dict[str, Any] = {}
    if endpoint:
        store_options = {
            "layout": endpoint_layout,
            "query_url": query_url,
            "update_url": update_url,
            "store_url": store_url,
            "timeout": max(timeout, 60.0),
            "replace": endpoint_replace,
            "auth_scheme": endpoint_auth,
        }
    try:
        store = open_store(path=store_path or DEFAULT_STORE, endpoint=endpoint, **store_options)
    except StoreError as error:
        fail(say("store_unusable", language, detail=error))
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        if show_progress:
            with click.progressbar(length=1, label=say("progress", language), file=sys.stderr) as bar:

                def advance(done: int, total: int) -> None:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)

                report = harvest(sources, store, options, advance)
        else:
            report = harvest(sources, store, options)
    except StoreError as error:
        fail(say("store_unusable", language, detail=error))
    except KeyboardInterrupt:
        click.echo(say("interrupted", language), err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        with contextlib.suppress(StoreError):
            store.close()
    report.store = endpoint or str(store_path or DEFAULT_STORE)
    _write_reports(report, report_json, report_html, language)
    _summarise(report, language)
    if report.store_error:
        fail(say("store_failed", language, detail=report.store_error))
    if report.interrupted:
        click.echo(say("interrupted", language), err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if report.failed else EXIT_CLEAN)


def _write_reports(report: Any, json_path: str | None, html_path: str | None, language: str) -> None:
    """Write the reports as they are rendered (a 100,000-source report is never held whole in memory)."""
    from convention_validator.files import write_atomically
    from convention_validator.harvest.messages import say
    from convention_validator.harvest.report import html_chunks, json_chunks

    json_link = _relative_link(json_path, html_path) if json_path and html_path else ""
    for path, render in (
        (json_path, json_chunks),
        (html_path, lambda r: html_chunks(r, language, json_link)),
    ):
        if not path:
            continue
        try:
            write_atomically(path, render(report))
        except OSError as error:
            fail(say("report_unwritable", language, path=path, detail=error.strerror or error))


def _relative_link(target: str, page: str) -> str:
    """The address of `target` relative to the folder of `page` (a link from one report to the other)."""
    import os
    from urllib.parse import quote

    if target == "-" or page == "-":
        return ""
    relative = os.path.relpath(os.path.abspath(target), os.path.dirname(os.path.abspath(page)))
    return quote(relative.replace(os.sep, "/"))


def _summarise(report: Any, language: str) -> None:
    from convention_validator.harvest.messages import say, summary
    from convention_validator.harvest.report import labels

    names = labels(language)
    for result in report.sources:
        if result.failed:
            status = names[result.status]
            click.echo(
                say("failed_source", language, status=status, source=result.source, reason=result.reason), err=True
            )
    totals, actions = report.totals(), report.actions()
    click.echo(
        summary(
            language,
            sources=len(report.sources),
            loaded=actions.get("loaded", 0),
            unchanged=actions.get("unchanged", 0),
            seconds=report.seconds,
            **totals,
        )
    )
    click.echo(say("timings", language, **report.timings))


def _without_password(url: str) -> str:
    """`url` with its password (if any) hidden, for messages."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _few_malloc_arenas() -> None:
    """glibc: at most two malloc arenas in this process, set before any thread starts.

    Each fetching thread would otherwise get an arena of its own and keep its freed memory: measured
    on 1,000 conventions over HTTP with two checking processes, the harvesting process peaks at
    306 MB (proportional set size) with the default, 129 MB with two arenas, for the same time.
    Elsewhere (musl, macOS, Windows) nothing is changed.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX (malloc.h) = -8
    except (OSError, AttributeError):
        return
