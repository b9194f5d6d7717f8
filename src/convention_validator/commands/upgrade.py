"""`convention-validator upgrade`: turn a convention of the standard 0.1 into 0.2, and say what is left to write."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from convention_validator.i18n import LANGUAGES, detect_language, lookup

EXIT_UNUSABLE = 2

_TEXTS: dict[str, dict[str, str]] = {
    "not_upgradable": {
        "fr": "{path} déclare la version {version} du standard ; seule une convention 0.1.0 se met à jour "
        "(contexte https://w3id.org/clauses-data/0.1.0/context.jsonld).",
        "en": "{path} declares version {version} of the standard; only a 0.1.0 agreement can be upgraded "
        "(context https://w3id.org/clauses-data/0.1.0/context.jsonld).",
    },
    "no_version": {"fr": "aucune", "en": "none"},
    "unusable": {
        "fr": "{path} n'a pas été mis à jour : corrigez d'abord ces erreurs, rien n'a été écrit.",
        "en": "{path} was not upgraded: fix these errors first; nothing was written.",
    },
    "exists": {
        "fr": "Le fichier {path} existe déjà ; il n'a pas été modifié. Choisissez un autre nom ou ajoutez --force.",
        "en": "The file {path} already exists and was left unchanged. Choose another name or add --force.",
    },
    "cannot_write": {"fr": "Impossible d'écrire {path} : {reason}.", "en": "Cannot write {path}: {reason}."},
    "written": {
        "fr": "Convention mise à jour vers le standard {version} : {path}.",
        "en": "Agreement upgraded to standard {version}: {path}.",
    },
    "todo": {
        "fr": "{count} élément(s) que les parties doivent maintenant rédiger ou vérifier :",
        "en": "{count} item(s) the parties must now write or check:",
    },
    "next": {
        "fr": "Vérifiez ensuite : convention-validator validate {path}",
        "en": "Then check: convention-validator validate {path}",
    },
}


def _t(key: str, lang: str, **params: object) -> str:
    return lookup(_TEXTS, key, lang, **params)


@click.command("upgrade")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier à écrire (par défaut : la sortie standard ; « -o FICHIER » garde le format JSON-LD ou YAML).",
)
@click.option("--in-place", is_flag=True, help="Remplace le fichier d'origine par sa version mise à jour.")
@click.option("--force", is_flag=True, help="Écrase le fichier de sortie s'il existe.")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
def command(path: Path, output: Path | None, in_place: bool, force: bool, lang: str | None) -> None:
    """Met à jour une convention du standard 0.1 vers la version courante, sans rien perdre.

    Écrit la convention mise à jour (même format que l'original) et liste sur la sortie
    d'erreur ce que les parties doivent maintenant rédiger ou vérifier (visas, représentants,
    résiliation, contrats de sous-traitance…). Codes de sortie : 0 mise à jour écrite,
    2 fichier illisible ou mal formé (constats localisés), pas en version 0.1.0, ou impossible à écrire.
    """
    from convention_validator.authoring.upgrade import NotUpgradable, upgrade
    from convention_validator.authoring.yaml_writer import dump_with_comments
    from convention_validator.files import write_atomically
    from convention_validator.findings import Report, Severity
    from convention_validator.loaders import LoadError, load_path
    from convention_validator.reporters.text import render_text
    from convention_validator.standard import CURRENT
    from convention_validator.validator import Validator

    language = detect_language(lang)
    validator = Validator(lang=language, last_stage="structure")
    try:
        document = load_path(path, validator.limits)
        checked = validator.validate_document(document)
    except LoadError:
        checked = validator.validate_file(path)  # the same error, as a located finding
    if any(f.severity is Severity.ERROR for f in checked.findings):
        located = Report(files=[checked], standard_version=validator.standard.version)
        click.echo(render_text(located, language, colour=False, quiet=True), nl=False, err=True)
        click.echo(_t("unusable", language, path=path), err=True)
        sys.exit(EXIT_UNUSABLE)
    try:
        result = upgrade(document.data)
    except NotUpgradable as error:
        version = error.version or _t("no_version", language)
        click.echo(_t("not_upgradable", language, path=path, version=version), err=True)
        sys.exit(EXIT_UNUSABLE)
    comments = {item.pointer: item.note.get(language, item.note["fr"]) for item in result.to_complete}
    if document.format == "yaml":
        text = dump_with_comments(result.data, comments, "À COMPLÉTER")
    else:
        text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n"
    target = path if in_place else output
    if target is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomically(target, text, overwrite=force or in_place)
        except FileExistsError:
            click.echo(_t("exists", language, path=target), err=True)
            sys.exit(EXIT_UNUSABLE)
        except OSError as error:
            click.echo(_t("cannot_write", language, path=target, reason=error.strerror or error), err=True)
            sys.exit(EXIT_UNUSABLE)
        click.echo(_t("written", language, version=CURRENT.version, path=target), err=True)
    if result.to_complete:
        click.echo(_t("todo", language, count=len(result.to_complete)), err=True)
        for item in result.to_complete:
            click.echo(f"  - {item.text(language)}", err=True)
    if target is not None:
        click.echo(_t("next", language, path=target), err=True)
