"""`convention-validator diff OLD NEW`: what an amendment (avenant) changes."""

from __future__ import annotations

import sys

import click

from convention_validator.i18n import LANGUAGES, detect_language

EXIT_CLEAN, EXIT_MATCHED, EXIT_UNUSABLE = 0, 1, 2


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Format du rapport.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["none", "loosening", "any"]),
    default="none",
    show_default=True,
    help="Échoue (code 1) sur un assouplissement de la protection (loosening) ou sur tout changement (any).",
)
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None, help="Langue des messages (fr par défaut).")
def command(old: str, new: str, output_format: str, fail_on: str, lang: str | None) -> None:
    """Compare deux versions d'une convention (avant et après avenant).

    Liste les jeux de données ajoutés, retirés ou modifiés (chaque condition : ancienne ->
    nouvelle valeur), les parties qui entrent ou sortent, les clauses modifiées, et signale ce
    qui assouplit la protection des données. Codes de sortie : 0, 1 si --fail-on est atteint,
    2 si un fichier est illisible.
    """
    from convention_validator.authoring.diff import diff_conventions
    from convention_validator.authoring.diff_report import render_json, render_text
    from convention_validator.loaders import LoadError, load_path
    from convention_validator.messages import render
    from convention_validator.read_params import read_params

    language = detect_language(lang)
    documents = []
    for path in (old, new):
        try:
            documents.append(load_path(path))
        except LoadError as error:
            message = render(error.code, language, read_params(error, language))
            where = f":{error.position.line}:{error.position.column}" if error.position else ""
            click.echo(f"{path}{where}: {error.code} {message}", err=True)
            sys.exit(EXIT_UNUSABLE)
    changes = diff_conventions(documents[0].data, documents[1].data)
    renderer = render_json if output_format == "json" else render_text
    click.echo(renderer(changes, old, new, language), nl=False)
    if (fail_on == "any" and changes) or (fail_on == "loosening" and any(c.loosens for c in changes)):
        sys.exit(EXIT_MATCHED)
    sys.exit(EXIT_CLEAN)
