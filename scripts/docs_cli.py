"""The command-line reference page, generated from the click command tree at documentation build time."""

from __future__ import annotations

import inspect

import click

PROGRAM = "convention-validator"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _help(command: click.Command) -> str:
    """The command's help text as Markdown paragraphs (click's ``\\b`` no-rewrap markers dropped)."""
    text = inspect.cleandoc(command.help or command.short_help or "")
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b")


def _value(param: click.Parameter) -> str:
    kind = param.type
    if isinstance(param, click.Option) and param.is_flag:
        return "drapeau"
    if isinstance(kind, click.Choice):
        return " / ".join(f"`{choice}`" for choice in kind.choices)
    if isinstance(kind, click.IntRange | click.FloatRange):
        bounds = [f"≥ {kind.min}" if kind.min is not None else "", f"≤ {kind.max}" if kind.max is not None else ""]
        return " ".join(["nombre" if isinstance(kind, click.FloatRange) else "entier", *filter(None, bounds)])
    return f"`{kind.name.upper()}`"


def _default(param: click.Parameter) -> str:
    if isinstance(param, click.Option) and param.is_flag and param.secondary_opts:
        return "" if param.default is None else f"`{'--' if param.default else '--no-'}{param.name}`"
    default = param.default
    unset = param.required or type(default).__name__ == "Sentinel"  # click >= 8.2 marks "no default" with UNSET
    if unset or default is None or callable(default) or default == () or getattr(param, "is_flag", False):
        return ""
    return f"`{default}`"


def _names(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param, click.Argument):
        name = param.make_metavar(ctx).strip("[]").removesuffix("...")
        return f"`{name}`" + (" …" if param.nargs == -1 else "")
    return ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])


def _params_table(command: click.Command, ctx: click.Context) -> list[str]:
    rows = ["| paramètre | valeur | défaut | obligatoire | description |", "|---|---|---|---|---|"]
    for param in command.get_params(ctx):
        description = param.help if isinstance(param, click.Option) and param.help else ""
        if isinstance(param, click.Argument):
            description = "argument positionnel"
        required = "oui" if param.required else ""
        rows.append(
            f"| {_names(param, ctx)} | {_value(param)} | {_cell(_default(param))} | {required} | {_cell(description)} |"
        )
    return rows


def _command_section(command: click.Command, path: list[str], parent: click.Context | None) -> list[str]:
    ctx = click.Context(command, info_name=path[-1], parent=parent, **command.context_settings)
    usage = " ".join([*path, *command.collect_usage_pieces(ctx)])
    title = " ".join(path)
    lines = [f"## `{title}`" if parent else f"# `{title}`", "", _help(command), "", "```text", usage, "```", ""]
    lines += [*_params_table(command, ctx), ""]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                lines += _command_section(sub, [*path, name], ctx)
    return lines


def cli_reference_markdown(group: click.Group, program: str = PROGRAM) -> str:
    """The whole CLI reference: the group, then every registered command with its options."""
    intro = [
        "<!-- Générée depuis les commandes click par `make generate` : ne pas modifier à la main. -->",
        "",
    ]
    body = _command_section(group, [program], None)
    return "\n".join([body[0], "", *intro, *body[1:]]).rstrip() + "\n"


def cli_reference_page() -> str:
    """The page in French (help texts and Click's are msgids of the catalogue, shown in the chosen language)."""
    from convention_validator.cli import main
    from convention_validator.cli_i18n import use_language

    with use_language("fr"):
        return cli_reference_markdown(main)
