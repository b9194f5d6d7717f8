"""`convention-validator harvest`: gather conventions from their sources into a quad store."""

from __future__ import annotations

import contextlib
import signal
import sys
from types import FrameType
from typing import Any, NoReturn

import click

from convention_validator.i18n import LANGUAGES, detect_language

EXIT_CLEAN, EXIT_FAILED, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_STORE = "harvest-store"


@click.command("harvest")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--store",
    "store_path",
    default=None,
    help=f"Dossier du magasin embarqué (Oxigraph) ; par défaut ./{DEFAULT_STORE}.",
)
@click.option("--endpoint", default=None, help="Point d'accès SPARQL 1.1 (à la place du magasin embarqué).")
@click.option(
    "--endpoint-layout",
    type=click.Choice(["oxigraph", "fuseki", "graphdb", "virtuoso", "qlever"]),
    default="oxigraph",
    show_default=True,
    help="Disposition des adresses de requête, mise à jour et Graph Store sous --endpoint.",
)
@click.option("--query-url", default=None, help="Adresse de requête SPARQL (remplace celle déduite de --endpoint).")
@click.option("--update-url", default=None, help="Adresse de mise à jour SPARQL (idem).")
@click.option("--store-url", default=None, help="Adresse du Graph Store Protocol (idem).")
@click.option(
    "--endpoint-replace",
    type=click.Choice(["update", "gsp"]),
    default="update",
    show_default=True,
    help="Remplacement d'un graphe : une seule mise à jour SPARQL, ou PUT Graph Store puis MOVE.",
)
@click.option(
    "--endpoint-auth",
    type=click.Choice(["auto", "basic", "digest", "bearer"]),
    default="auto",
    show_default=True,
    help="Authentification HTTP auprès du point d'accès : réponse au défi du serveur (Basic ou Digest), "
    "Basic, Digest ou jeton (bearer) ; identifiants dans CONVENTION_VALIDATOR_ENDPOINT_AUTH.",
)
@click.option("--report-json", default=None, help="Écrit le rapport de moissonnage en JSON dans ce fichier.")
@click.option("--report-html", default=None, help="Écrit le rapport de moissonnage en HTML dans ce fichier.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Autorise les adresses de boucle locale, privées et de lien local (réseau interne, tests).",
)
@click.option(
    "--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="Téléchargements simultanés."
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Délai par document (s)."
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=10 * 1024 * 1024,
    show_default=True,
    help="Taille maximale d'un document (octets).",
)
@click.option(
    "--max-redirects", type=click.IntRange(min=0), default=5, show_default=True, help="Redirections suivies au plus."
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help="Nouvelles tentatives après une réponse 429 ou 5xx (Retry-After respecté, dans le délai par document).",
)
@click.option(
    "--proxy",
    default=None,
    help="Mandataire HTTP(S) pour toutes les sources (sinon HTTP_PROXY, HTTPS_PROXY ; NO_PROXY respecté).",
)
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
@click.option(
    "--progress/--no-progress", default=None, help="Barre de progression (par défaut : seulement sur un terminal)."
)
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
    timeout: float,
    max_size: int,
    max_redirects: int,
    retries: int,
    proxy: str | None,
    lang: str | None,
    progress: bool | None,
) -> None:
    """Moissonne les conventions de SOURCES dans un magasin RDF.

    Une source est une adresse http(s) (convention, liste d'adresses ou catalogue DCAT), un
    dossier, un fichier liste (une adresse ou un chemin par ligne, .txt) ou un catalogue DCAT
    (.ttl, ou JSON-LD). Chaque document est validé ; une convention valide remplace son graphe
    nommé, sinon la dernière version valide est conservée et le motif est enregistré.

    Codes de sortie : 0 toutes les sources à jour (ou retirées), 1 au moins une source non valide
    ou injoignable, 2 usage incorrect ou magasin inutilisable (rapport écrit si le moissonnage a
    commencé), 130 interruption (magasin cohérent).
    """
    from convention_validator.harvest import HarvestOptions, harvest
    from convention_validator.harvest.messages import say
    from convention_validator.harvest.proxy import ProxyChoice
    from convention_validator.harvest.urls import shown
    from convention_validator.store import StoreError, open_store

    language = detect_language(lang)
    if store_path and endpoint:
        _fail(say("store_and_endpoint", language))
    unusable_proxy = ProxyChoice(proxy).unusable()
    if unusable_proxy is not None:
        _fail(say("bad_proxy", language, proxy=shown(_without_password(unusable_proxy))))
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager stopping the harvest = Ctrl-C
    options = HarvestOptions(
        allow_private=allow_private,
        timeout=timeout,
        max_size=max_size,
        max_redirects=max_redirects,
        retries=retries,
        proxy=proxy,
        concurrency=concurrency,
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
        _fail(say("store_unusable", language, detail=error))
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
        _fail(say("store_unusable", language, detail=error))
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
        _fail(say("store_failed", language, detail=report.store_error))
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
            _fail(say("report_unwritable", language, path=path, detail=error.strerror or error))


def _relative_link(target: str, page: str) -> str:
    """The address of `target` relative to the folder of `page` (a link from one report to the other)."""
    import os
    from urllib.parse import quote

    if target == "-" or page == "-":
        return ""
    relative = os.path.relpath(os.path.abspath(target), os.path.dirname(os.path.abspath(page)))
    return quote(relative.replace(os.sep, "/"))


def _summarise(report: Any, language: str) -> None:
    from convention_validator.harvest.messages import say
    from convention_validator.harvest.report import LABELS

    labels = LABELS.get(language, LABELS["fr"])
    for result in report.sources:
        if result.failed:
            status = labels[result.status]
            click.echo(
                say("failed_source", language, status=status, source=result.source, reason=result.reason), err=True
            )
    totals, actions = report.totals(), report.actions()
    click.echo(
        say(
            "summary",
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


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_UNUSABLE)
