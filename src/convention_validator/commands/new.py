"""`convention-validator new`: scaffold a convention from a city contract code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from convention_validator.cli_i18n import LocalisedCommand, LocalisedPath, language_option, option
from convention_validator.commands.exits import fail
from convention_validator.i18n import N_, Entry, Nn_, Np_, detect_language, translate

if TYPE_CHECKING:
    from convention_validator.authoring.scaffold import PartyRequest, Scaffold

FORMATS = ("jsonld", "yaml")

_TEXTS: dict[str, Entry] = {
    "unknown_contract": N_("Unknown city contract code: '{code}'. Closest codes: {close}."),
    "none_close": Np_("no close code", "none"),
    "contract_hint": N_(
        "The official code is in the city contract (CN, the three-character département, two digits "
        "and a letter, for example CN03201M)."
    ),
    "missing_contract": N_("Give the city contract code with --contract (for example --contract CN03201M)."),
    "bad_party": N_(
        "Cannot read party '{value}': {reason}. Expected form: SIREN[:ROLE,...], for example "
        "534320015:PUBLIC_OPERATOR,DATA_PRODUCER."
    ),
    "bad_siren": N_("the SIREN must have nine digits"),
    "bad_role": N_("'{token}' is neither a role ({roles}) nor a party type ({types})"),
    "luhn": N_("warning: the SIREN {siren} fails its check digit; check it in the SIRENE register."),
    "exists": N_("The file {path} already exists and was left unchanged. Choose another name or add --force."),
    "cannot_write": N_("Cannot write {path}: {reason}."),
    "not_a_terminal": N_("--interactive needs a terminal; in scripts, pass the options (--contract, --party...)."),
    "written": N_("Convention created: {path} ({neighbourhoods}, {parties}, contract {code})."),
    "neighbourhoods": Nn_("{count} priority neighbourhood", "{count} priority neighbourhoods", "count"),
    "parties": Nn_("{count} party", "{count} parties", "count"),
    "no_qpv": N_("warning: the reference data know no 2024 priority neighbourhood in this territory."),
    "todo": Nn_(
        "{count} item to complete (marked « À COMPLÉTER »):",
        "{count} items to complete (marked « À COMPLÉTER »):",
        "count",
    ),
    "next": N_("Then check: convention-validator validate {path}"),
    "ask_contract": N_("City contract: commune, EPCI or EPT (name or SIREN), or CN... code"),
    "no_contract_found": N_(
        "No city contract for '{query}'. Try the name of the commune, EPCI or EPT, its SIREN, "
        "or the contract code (CN...)."
    ),
    "several_contracts": N_("Several city contracts for '{query}':"),
    "choose_contract": N_("Contract number"),
    "contract_candidate": N_("{code} — {name} (through {place})"),
    "ambiguous_contract": N_("'{query}' names several contracts: give the code with --contract."),
    "ask_title": N_("Title of the convention"),
    "ask_party": N_("Another party: SIREN[:ROLE,...] (empty to finish)"),
    "ask_output": N_("File to create (empty: print)"),
    "ask_format": Np_("prompt", "Format"),
}


def _t(key: str, lang: str, **params: object) -> str:
    return translate(_TEXTS[key], lang, **params)


@click.command(
    "new",
    cls=LocalisedCommand,
    help=N_(
        "Create the skeleton of a convention from the code of the city contract.\n\n"
        "The territory, the priority neighbourhoods, the State, the EPCI or EPT (or the commune) and the "
        "communes concerned are filled in from the reference data; what remains to be written is marked "
        "« À COMPLÉTER ». Questions are asked only on a terminal; in scripts, everything goes through the "
        "options. Exit code 2 when the contract code is unknown or the file already exists (without --force)."
    ),
)
@option(
    "--contract",
    "contract_code",
    metavar=N_("CODE"),
    help=N_("Code of the city contract (for example CN03201M)."),
)
@option(
    "--party",
    "party_specs",
    multiple=True,
    metavar=N_("SIREN[:ROLE,...]"),
    help=N_("Additional party by its SIREN, with its roles (DATA_PRODUCER...) and its type (PUBLIC_OPERATOR...)."),
)
@option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help=N_("jsonld (default) or yaml."),
)
@option(
    "-o",
    "--output",
    type=LocalisedPath(dir_okay=False, path_type=Path),
    default=None,
    help=N_("File to create."),
)
@option("--title", default=None, help=N_("Title of the convention (default: taken from the contract)."))
@option("--force", is_flag=True, help=N_("Replace the file if it exists."))
@option(
    "--interactive/--no-interactive",
    default=None,
    help=N_("Ask the missing questions (default: only on a terminal)."),
)
@language_option()
def command(
    contract_code: str | None,
    party_specs: tuple[str, ...],
    output_format: str | None,
    output: Path | None,
    title: str | None,
    force: bool,
    interactive: bool | None,
    lang: str | None,
) -> None:
    from convention_validator.authoring import scaffold as sc

    language = detect_language(lang)
    ask = sys.stdin.isatty() if interactive is None else interactive
    if interactive and not sys.stdin.isatty():
        fail(_t("not_a_terminal", language))
    requests = [_party_request(spec, language) for spec in party_specs]
    if ask:
        contract_code, title, requests, output, output_format = _ask(
            language, contract_code, title, requests, output, output_format
        )
    if not contract_code:
        fail(_t("missing_contract", language))
    assert contract_code is not None
    contract_code = _resolve_contract(contract_code, language)
    try:
        result = sc.scaffold(contract_code, requests, title)
    except sc.UnknownContract as error:
        close = ", ".join(error.suggestions) or _t("none_close", language)
        fail(_t("unknown_contract", language, code=error.code, close=close) + "\n" + _t("contract_hint", language))
        return
    fmt = output_format or ("yaml" if output is not None and output.suffix.lower() in (".yaml", ".yml") else "jsonld")
    _emit(result, fmt, output, force, language)


def _resolve_contract(query: str, lang: str) -> str:
    """A contract code from a code, a place name, a SIREN or an INSEE code (exit 2 if none or several)."""
    from convention_validator.authoring.contract_search import search_contracts
    from convention_validator.reference_data import reference_data

    if query.strip().upper() in reference_data().contracts:
        return query.strip().upper()
    matches = search_contracts(query)
    exact = [m for m in matches if m.exact]
    chosen = exact if len(exact) == 1 else matches
    if len(chosen) == 1:
        return chosen[0].contract.code
    if not matches:
        return query  # scaffold() says it is unknown, with the closest codes
    lines = [_t("ambiguous_contract", lang, query=query)]
    lines += [
        "  " + _t("contract_candidate", lang, code=m.contract.code, name=m.contract.name, place=m.place)
        for m in matches
    ]
    fail("\n".join(lines))
    return query


def _choose_contract(query: str, lang: str) -> str | None:
    """On a terminal: the contract the answer names, a choice among several, or None to ask again."""
    from convention_validator.authoring.contract_search import search_contracts
    from convention_validator.authoring.scaffold import closest_contracts

    matches = search_contracts(query)
    if not matches and query.strip().upper().startswith("CN"):
        close = ", ".join(closest_contracts(query)) or _t("none_close", lang)
        click.echo(_t("unknown_contract", lang, code=query, close=close), err=True)
        return None
    if not matches:
        click.echo(_t("no_contract_found", lang, query=query), err=True)
        return None
    if len(matches) == 1:
        return matches[0].contract.code
    click.echo(_t("several_contracts", lang, query=query), err=True)
    for number, match in enumerate(matches, start=1):
        candidate = _t(
            "contract_candidate", lang, code=match.contract.code, name=match.contract.name, place=match.place
        )
        click.echo(f"  {number}. {candidate}", err=True)
    number = click.prompt(_t("choose_contract", lang), type=click.IntRange(1, len(matches)), err=True)
    return matches[number - 1].contract.code


def _party_request(spec: str, lang: str, interactive: bool = False) -> PartyRequest:
    from convention_validator.authoring.scaffold import PartyRequest
    from convention_validator.reference_data import luhn_valid
    from convention_validator.render.labels import labels

    table = labels(lang)
    roles_known, types_known = table.enum_codes("PartyRole"), table.enum_codes("PartyType")
    siren, _, rest = spec.strip().partition(":")
    siren = siren.replace(" ", "")
    refuse = _reject if interactive else fail
    if len(siren) != 9 or not siren.isdigit():
        refuse(_t("bad_party", lang, value=spec, reason=_t("bad_siren", lang)))
    if not luhn_valid(siren):
        click.echo(_t("luhn", lang, siren=siren), err=True)
    roles: list[str] = []
    party_type: str | None = None
    for token in (t.strip().upper() for t in rest.replace("+", ",").split(",") if t.strip()):
        if token in roles_known:
            roles.append(token)
        elif token in types_known:
            party_type = token
        else:
            reason = _t("bad_role", lang, token=token, roles=", ".join(roles_known), types=", ".join(types_known))
            refuse(_t("bad_party", lang, value=spec, reason=reason))
    return PartyRequest(siren, tuple(roles), party_type)


def _reject(message: str) -> NoReturn:
    """In the wizard, a bad answer is refused and asked again (the caller catches it)."""
    raise click.BadParameter(message)


def _ask(
    lang: str,
    contract_code: str | None,
    title: str | None,
    requests: list[PartyRequest],
    output: Path | None,
    output_format: str | None,
) -> tuple[str | None, str | None, list[PartyRequest], Path | None, str | None]:
    """Prompt, on a terminal, for what the options did not say."""
    from convention_validator.authoring import scaffold as sc

    while not contract_code:
        contract_code = _choose_contract(click.prompt(_t("ask_contract", lang), err=True).strip(), lang)
    if title is None:
        default = sc.scaffold(contract_code).data["title"]
        title = click.prompt(_t("ask_title", lang), default=default, err=True).strip() or default
    while True:
        answer = click.prompt(_t("ask_party", lang), default="", show_default=False, err=True).strip()
        if not answer:
            break
        try:
            requests.append(_party_request(answer, lang, interactive=True))
        except click.BadParameter as error:  # a mistyped answer is asked again, nothing typed is lost
            click.echo(error.message, err=True)
    if output is None:
        answer = click.prompt(_t("ask_output", lang), default="", show_default=False, err=True).strip()
        output = Path(answer) if answer else None
    if output_format is None and (output is None or output.suffix.lower() not in (".yaml", ".yml", ".jsonld", ".json")):
        output_format = click.prompt(_t("ask_format", lang), type=click.Choice(FORMATS), default="jsonld", err=True)
    return contract_code, title, requests, output, output_format


def _emit(result: Scaffold, fmt: str, output: Path | None, force: bool, lang: str) -> None:
    import json

    from convention_validator.authoring.scaffold import MARKER
    from convention_validator.authoring.yaml_writer import dump_with_comments
    from convention_validator.files import write_atomically

    if fmt == "yaml":
        text = dump_with_comments(result.data, result.todo, MARKER)
    else:
        text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomically(output, text, overwrite=force)
        except FileExistsError:
            fail(_t("exists", lang, path=output))
        except OSError as error:
            fail(_t("cannot_write", lang, path=output, reason=error.strerror or error))
    shown = str(output) if output is not None else "-"
    contract = result.data["city_contract"]["code"]
    summary = _t(
        "written",
        lang,
        path=shown,
        neighbourhoods=_t("neighbourhoods", lang, count=len(result.qpv)),
        parties=_t("parties", lang, count=len(result.data["parties"])),
        code=contract,
    )
    click.echo(summary, err=True)
    if not result.qpv:
        click.echo(_t("no_qpv", lang), err=True)
    click.echo(_t("todo", lang, count=len(result.todo)), err=True)
    for pointer, note in result.todo.items():
        click.echo(f"  {pointer} : {note}", err=True)
    if output is not None:
        click.echo(_t("next", lang, path=output), err=True)
