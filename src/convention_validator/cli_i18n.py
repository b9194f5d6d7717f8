"""Click in the chosen language: its own texts (Usage, Options, Error…) and ours (help texts, metavars).

Click marks its texts with the standard library's gettext (`from gettext import gettext as _` in
click/core.py and the others), which looks them up in the default text domain, in the language
named by the LANGUAGE variable. While a command runs, `LocalisedCommand.main` (and the group's)
makes the catalogue of the tool the default domain and sets LANGUAGE to the chosen language, then
puts both back: Click then speaks French or English from the same catalogue as the tool, and only
during our command. Our help texts, command descriptions and metavars are msgids, translated when
the help is written (they are defined at import, before the language is known).

The language is --lang when the command line has it (read before Click parses the line, so that
`validate --lang en --help` and Click's errors are in English too), else CONVENTION_VALIDATOR_LANG,
else French; `convention-validator --help`, which has no --lang, follows the variable.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import click

from convention_validator.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, N_, Nn_, detect_language
from convention_validator.i18n import gettext as translated

F = TypeVar("F", bound=Callable[..., Any])

_language: ContextVar[str | None] = ContextVar("convention_validator_language", default=None)

# Click's own texts (click/*.py, marked with gettext there), so that the extraction puts them in our
# catalogue; tests/test_messages.py checks that every text the installed Click marks is listed here.
CLICK_TEXTS = (
    N_("%(prog)s, version %(version)s"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Arguments take exactly one parameter declaration, got {length}: {decls}."),
    N_("Boolean option {decl!r} cannot use the same flag for true/false."),
    N_("Choice({choices})"),
    N_("Choose from:\n\t{choices}"),
    # TRANSLATORS: a heading of --help; Click adds the colon, so that French ends with a space (« Commandes : »).
    N_("Commands"),
    N_("Confirm the action without prompting."),
    N_("Could not determine name for option with declarations {decls!r}"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Couldn't detect Bash version, shell completion is not supported."),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", "n"),
    N_("Do you want to continue?"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Error: {message}"),
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", "n"),
    N_("Invalid start character for option ({option})"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument"),
    N_("Missing command."),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Missing {param_type}"),
    N_("Name '{name}' defined twice"),
    N_(
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
        "Did you mean to pass '--{name}'?"
    ),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", "n"),
    # TRANSLATORS: a heading of --help; Click adds the colon (French: a space before it).
    N_("Options"),
    # TRANSLATORS: a heading of --help; Click adds the colon (French: a space before it).
    N_("Positional arguments"),
    N_("Press any key to continue..."),
    N_("Repeat for confirmation"),
    N_("Shell completion is not supported for Bash versions older than 4.4."),
    N_("Show the version and exit."),
    N_("Show this message and exit."),
    Nn_("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", "n"),
    N_("Try '{command} {option}' for help."),
    N_("Unknown color {colour!r}"),
    N_("Unknown standard stream '{name}'"),
    N_("Usage:"),
    N_("Value must be an iterable."),
    N_("Windows error: {error}"),
    N_("d"),
    N_("default: {default}"),
    N_("deprecated"),
    N_("directory"),
    N_("env var: {var}"),
    N_("file"),
    N_("path"),
    N_("required"),  # click/core.py translates it from a variable: `_(extra["required"])`
    N_("unknown error"),
    N_("{editor}: Editing failed"),
    N_("{editor}: Editing failed: {e}"),
    Nn_(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
        "n",
    ),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is not executable."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    Nn_("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.", "n"),
    N_("{value!r} is not a valid UUID."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid {number_type}."),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", "n"),
    N_("{value} is not in the range {range}."),
)
# Metavars Click derives from the parameter types (not marked in Click), and the usage pieces.
METAVARS = (
    N_("TEXT"),
    N_("INTEGER"),
    N_("FLOAT"),
    N_("INTEGER RANGE"),
    N_("FLOAT RANGE"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
)


def current_language() -> str:
    """The language of the running command, else the rule's default (CONVENTION_VALIDATOR_LANG, else French)."""
    return _language.get() or detect_language(None)


def language_in(args: Sequence[str]) -> str | None:
    """The value of the last --lang of a command line (before « -- »), when it names a known language."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGUAGES else None


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Speak `lang` until the block ends: our help texts, and Click's own texts through gettext."""
    token = _language.set(lang)
    domain = _gettext.textdomain()
    previous = os.environ.get("LANGUAGE")
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        _gettext.textdomain(domain)
        if previous is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous
        _language.reset(token)


def _translated(message: str | None) -> str | None:
    return translated(message, current_language()) if message else message


class TranslatedText:
    """An attribute Click reads (help, metavar, type name) kept as a msgid and read in the current language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}_msgid"

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return _translated(getattr(instance, self._slot, None))

    def __set__(self, instance: object, value: str | None) -> None:
        setattr(instance, self._slot, value)


class LocalisedOption(click.Option):
    """An option whose help text and metavar are msgids, shown in the current language."""

    help = TranslatedText()

    def make_metavar(self, ctx: click.Context) -> str:
        return _translated(super().make_metavar(ctx)) or ""


class LocalisedArgument(click.Argument):
    """An argument whose metavar is a msgid, shown in the current language."""

    def make_metavar(self, ctx: click.Context) -> str:
        return _translated(super().make_metavar(ctx)) or ""


class LocalisedPath(click.Path[Any]):
    """A path type whose name (« fichier », in Click's messages and the metavar) is in the current language."""

    name = TranslatedText()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Click words the name when the type is built, in the language of that moment (a command
        # imported on demand is built during a run): keep Click's msgid, read in today's language.
        only_files, only_folders = self.file_okay and not self.dir_okay, self.dir_okay and not self.file_okay
        self.name = "file" if only_files else "directory" if only_folders else "path"


class LocalisedCommand(click.Command):
    """A command that speaks the chosen language: its help, its options' and Click's own texts."""

    help = TranslatedText()

    options_metavar = TranslatedText()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # Click words it once, when first asked: word it again in today's language
            option.help = translated("Show this message and exit.", current_language())
        return option

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run in the language of the command line (--lang), else CONVENTION_VALIDATOR_LANG, else French."""
        line = kwargs.get("args", args[0] if args else None)
        with use_language(detect_language(language_in(sys.argv[1:] if line is None else list(line)))):
            return super().main(*args, **kwargs)


class LocalisedGroup(LocalisedCommand, click.Group):
    """A group of localised commands."""

    command_class = LocalisedCommand

    subcommand_metavar = TranslatedText()


def option(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.option` with a help text (and metavar) in the current language."""
    return click.option(*param_decls, cls=LocalisedOption, **attrs)


def argument(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.argument` with a metavar in the current language."""
    return click.argument(*param_decls, cls=LocalisedArgument, **attrs)


def language_option() -> Callable[[F], F]:
    """The --lang option of every command, with the rule that chooses the language."""
    return option(
        "--lang",
        type=click.Choice(list(LANGUAGES)),
        default=None,
        help=N_(
            "Language of the messages: --lang, else the variable CONVENTION_VALIDATOR_LANG (fr or en), "
            "else French; the system locale (LANG) is not used."
        ),
    )
