"""`convention-validator export`: a valid convention's RDF, or its DCAT-AP 3 catalogue, to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from convention_validator.files import write_atomically
from convention_validator.i18n import LANGUAGES, detect_language, lookup

EXIT_INVALID, EXIT_UNUSABLE = 1, 2

MESSAGES: dict[str, dict[str, str]] = {
    "invalid": {
        "fr": "{file} : la convention contient {count} erreur(s) ; export refusé, rien n'a été écrit.\n"
        "Voir le détail : convention-validator validate {file}\n"
        "(--force exporte quand même, à vos risques.)",
        "en": "{file}: the convention has {count} error(s); export refused, nothing was written.\n"
        "See the details: convention-validator validate {file}\n"
        "(--force exports anyway, at your own risk.)",
    },
    "forced": {
        "fr": "attention : {file} contient {count} erreur(s) ; export forcé (--force), le résultat n'est pas une "
        "convention valide. Détail : convention-validator validate {file}",
        "en": "warning: {file} has {count} error(s); export forced (--force), the output is not a valid "
        "convention. Details: convention-validator validate {file}",
    },
    "unusable": {
        "fr": "{file} : impossible de construire le graphe RDF de la convention, rien à exporter.\n{details}\n"
        "Corrigez d'abord ces erreurs : convention-validator validate {file}",
        "en": "{file}: the convention's RDF graph cannot be built, nothing to export.\n{details}\n"
        "Fix these errors first: convention-validator validate {file}",
    },
    "unreadable": {
        "fr": "{file} : fichier illisible, rien n'a été exporté.\n{details}",
        "en": "{file}: the file cannot be read, nothing was exported.\n{details}",
    },
    "unknown_producer": {
        "fr": "{file} : aucun jeu de données de la convention n'est produit par {producer} ; rien n'a été exporté.\n"
        "Producteurs : {producers}",
        "en": "{file}: no dataset of the convention is produced by {producer}; nothing was exported.\n"
        "Producers: {producers}",
    },
    "producer_needs_dcat": {
        "fr": "--producer ne vaut qu'avec --profile dcat-ap (catalogue des jeux de données d'un producteur).",
        "en": "--producer only applies with --profile dcat-ap (catalogue of one producer's datasets).",
    },
    "write_failed": {
        "fr": "impossible d'écrire {output} : {reason}",
        "en": "cannot write {output}: {reason}",
    },
    "written": {
        "fr": "{output} écrit ({size} octets, profil {profile}, format {format})",
        "en": "{output} written ({size} bytes, profile {profile}, format {format})",
    },
}


def message(key: str, lang: str, **params: object) -> str:
    """A user-facing message of this command in French or English."""
    return lookup(MESSAGES, key, lang, **params)


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["turtle", "ntriples", "jsonld", "rdfxml"]),
    default="turtle",
    show_default=True,
    help="Syntaxe RDF de la sortie.",
)
@click.option(
    "--profile",
    type=click.Choice(["plain", "dcat-ap"]),
    default="plain",
    show_default=True,
    help="plain : le RDF de la convention ; dcat-ap : le catalogue DCAT-AP 3 de ses jeux de données.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Fichier de sortie."
)
@click.option(
    "--producer",
    default=None,
    metavar="SIREN",
    help="dcat-ap : seulement les jeux de données de ce producteur (SIREN ou organisation:SIREN), pour les "
    "classer sous son organisation sur data.gouv.fr.",
)
@click.option("--force", is_flag=True, help="Exporte même si la convention contient des erreurs (avertissement).")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
def command(
    file: str,
    output_format: str,
    profile: str,
    output: Path | None,
    producer: str | None,
    force: bool,
    lang: str | None,
) -> None:
    """Exporte une convention valide en RDF (Turtle, N-Triples, JSON-LD, RDF/XML) ou en catalogue DCAT-AP 3.

    Codes de sortie : 0 export écrit, 1 convention invalide (rien n'est écrit),
    2 fichier illisible, graphe impossible à construire, producteur sans jeu de données (--producer)
    ou sortie impossible à écrire.
    """
    from convention_validator.findings import Severity
    from convention_validator.publication.export import (
        InvalidConventionError,
        UnknownProducerError,
        UnusableConventionError,
        export_report,
    )
    from convention_validator.validator import Validator

    language = detect_language(lang)
    if producer is not None and profile != "dcat-ap":
        click.echo(message("producer_needs_dcat", language), err=True)
        sys.exit(EXIT_UNUSABLE)
    report = Validator(lang=language).validate_file(file)
    try:
        result = export_report(report, output_format, profile, force, producer)
    except InvalidConventionError as refused:
        click.echo(message("invalid", language, file=file, count=len(refused.errors)), err=True)
        sys.exit(EXIT_INVALID)
    except UnusableConventionError as unusable:
        details = "\n".join(f"  {f.code} {f.message}" for f in unusable.errors[:10])
        key = "unreadable" if any(f.stage == "read" for f in unusable.errors) else "unusable"
        click.echo(message(key, language, file=file, details=details), err=True)
        sys.exit(EXIT_UNUSABLE)
    except UnknownProducerError as unknown:
        names = ", ".join(p.rsplit("/", 1)[-1] for p in unknown.producers)
        click.echo(message("unknown_producer", language, file=file, producer=producer, producers=names), err=True)
        sys.exit(EXIT_UNUSABLE)
    if result.forced:
        click.echo(message("forced", language, file=file, count=report.count(Severity.ERROR)), err=True)
    if output is None:
        click.echo(result.data, nl=False)  # bytes go to the binary stream unchanged
        return
    try:
        write_atomically(output, result.data)
    except OSError as error:
        click.echo(message("write_failed", language, output=output, reason=error.strerror or error), err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(
        message("written", language, output=output, size=len(result.data), profile=profile, format=output_format),
        err=True,
    )
