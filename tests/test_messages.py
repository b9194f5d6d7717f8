"""The gettext catalogue: committed up to date, complete in French and English, real plurals, one language rule.

And Click speaking the same language as the tool: `--help` and Click's own errors fully French by
default, fully English with --lang en or CONVENTION_VALIDATOR_LANG=en, whatever the system locale.
"""

from __future__ import annotations

import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from convention_validator.authoring.diff_report import render_text
from convention_validator.cli import main
from convention_validator.harvest.messages import Reason, summary
from convention_validator.i18n import LANGUAGES, detect_language, ngettext, text
from convention_validator.i18n import summary as validation_summary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import update_messages  # noqa: E402

BRACE = string.Formatter()
PERCENT = re.compile(r"%\((\w+)\)[a-z]")
# « fichier(s) », « vérifié(e)s »: a word with its plural or feminine in parentheses (not « Durée (s) », http(s))
PARENTHESISED_ENDING = re.compile(r"\w(?<!http)\((s|e|es|x|ies)\)", re.IGNORECASE)
LANGUAGE_VARIABLES = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "CONVENTION_VALIDATOR_LANG")


def catalogue(lang: str) -> Catalog:
    with update_messages.po_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def template() -> Catalog:
    with update_messages.TEMPLATE.open("rb") as pot:
        return read_po(pot)


def placeholders(text: str) -> list[tuple[str, ...]]:
    """The {fields} (with conversion and format) and %(names)s of a text, sorted."""
    fields = [
        (name, conversion or "", spec or "") for _, name, spec, conversion in BRACE.parse(text) if name is not None
    ]
    return sorted(fields + [(name,) for name in PERCENT.findall(text)])


def messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def ids(message: Message) -> tuple[str, ...]:
    """The msgid, and its plural."""
    return (message.id,) if isinstance(message.id, str) else tuple(str(part) for part in message.id)


def strings(message: Message) -> tuple[str, ...]:
    """The translation, or its plural forms."""
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(str(part) for part in message.string or ())


@pytest.fixture(autouse=True)
def no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


# --- the committed catalogue ----------------------------------------------------------------------


def test_the_committed_catalogue_is_what_the_sources_give() -> None:
    stale = [str(path.relative_to(ROOT)) for path in update_messages.stale()]
    assert not stale, f"stale: {stale} — run: make messages"


def test_the_regeneration_has_no_date_and_no_babel_version() -> None:
    files = update_messages.generated()
    assert files == update_messages.generated()
    for path, content in files.items():
        if path.suffix in (".po", ".pot"):
            head = content.decode("utf-8").split("\n\n")[0]
            assert "Creation-Date" not in head and "Revision-Date" not in head and "Generated-By" not in head


@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_catalogues_translate_every_text_and_none_is_fuzzy(lang: str) -> None:
    catalog = catalogue(lang)
    expected = {(message.id, message.context) for message in messages(template())}
    assert {(message.id, message.context) for message in messages(catalog)} == expected
    for message in messages(catalog):
        assert all(strings(message)), f"{lang}: no translation for {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy translation of {message.id!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_msgid(lang: str) -> None:
    for message in messages(catalogue(lang)):
        for msgid, msgstr in zip(ids(message), strings(message), strict=True):
            assert placeholders(msgstr) == placeholders(msgid), f"{lang}: {msgid!r} -> {msgstr!r}"


@pytest.mark.parametrize(
    ("lang", "rule"), [("fr", "nplurals=2; plural=(n > 1);"), ("en", "nplurals=2; plural=(n != 1);")]
)
def test_the_plural_rule_of_each_language(lang: str, rule: str) -> None:
    compiled = update_messages.po_path(lang).with_suffix(".mo")
    with compiled.open("rb") as mo:
        assert gettext.GNUTranslations(mo).info()["plural-forms"] == rule


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_writes_a_plural_in_parentheses(lang: str) -> None:
    for message in messages(catalogue(lang)):
        for translated in strings(message):
            assert not PARENTHESISED_ENDING.search(translated), f"{lang}: {translated!r}"


def test_every_text_click_marks_is_in_the_catalogue() -> None:
    """Click's own texts (Usage:, Options, Error: …) are translated: a Click upgrade with new texts fails here."""
    marked = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(str(Path(click.__file__).parent))
    }
    known = {message.id if isinstance(message.id, str) else message.id[0] for message in messages(template())}
    assert marked and not marked - known, f"run: make messages after adding to cli_i18n.CLICK_TEXTS: {marked - known}"


# --- real plurals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 fichier vérifié : 0 erreur, 0 avertissement, 0 information"),
        ("fr", 1, "1 fichier vérifié : 1 erreur, 1 avertissement, 1 information"),
        ("fr", 2, "2 fichiers vérifiés : 2 erreurs, 2 avertissements, 2 informations"),
        ("en", 0, "0 files checked: 0 errors, 0 warnings, 0 infos"),
        ("en", 1, "1 file checked: 1 error, 1 warning, 1 info"),
        ("en", 2, "2 files checked: 2 errors, 2 warnings, 2 infos"),
    ],
)
def test_the_validation_summary_agrees_with_each_count(lang: str, count: int, expected: str) -> None:
    assert validation_summary(count, count, count, count, lang) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 source : 0 à jour (0 chargée, 0 inchangée), 0 non valide, 0 injoignable, 0 retirée — 1.5 s"),
        ("fr", 1, "1 source : 1 à jour (1 chargée, 1 inchangée), 1 non valide, 1 injoignable, 1 retirée — 1.5 s"),
        (
            "fr",
            2,
            "2 sources : 2 à jour (2 chargées, 2 inchangées), 2 non valides, 2 injoignables, 2 retirées — 1.5 s",
        ),
        ("en", 0, "0 sources: 0 current (0 loaded, 0 unchanged), 0 invalid, 0 unreachable, 0 withdrawn — 1.5 s"),
        ("en", 1, "1 source: 1 current (1 loaded, 1 unchanged), 1 invalid, 1 unreachable, 1 withdrawn — 1.5 s"),
        ("en", 2, "2 sources: 2 current (2 loaded, 2 unchanged), 2 invalid, 2 unreachable, 2 withdrawn — 1.5 s"),
    ],
)
def test_the_harvest_summary_agrees_with_each_count(lang: str, count: int, expected: str) -> None:
    counts = dict.fromkeys(("sources", "current", "loaded", "unchanged", "invalid", "unreachable", "withdrawn"), count)
    assert summary(lang, seconds=1.5, **counts) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "réponse HTTP 503 après 0 tentative"),
        ("fr", 1, "réponse HTTP 503 après 1 tentative"),
        ("fr", 2, "réponse HTTP 503 après 2 tentatives"),
        ("en", 0, "HTTP response 503 after 0 attempts"),
        ("en", 1, "HTTP response 503 after 1 attempt"),
        ("en", 2, "HTTP response 503 after 2 attempts"),
    ],
)
def test_a_harvest_reason_agrees_with_its_count(lang: str, count: int, expected: str) -> None:
    assert Reason.of("retried", status=503, attempts=count).text(lang) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 avertissement, au-delà du maximum autorisé (0)"),
        ("fr", 1, "1 avertissement, au-delà du maximum autorisé (0)"),
        ("fr", 2, "2 avertissements, au-delà du maximum autorisé (0)"),
        ("en", 0, "0 warnings, more than the allowed maximum (0)"),
        ("en", 1, "1 warning, more than the allowed maximum (0)"),
        ("en", 2, "2 warnings, more than the allowed maximum (0)"),
    ],
)
def test_a_keyed_text_with_a_count_agrees_with_it(lang: str, count: int, expected: str) -> None:
    assert text("too_many_warnings", lang, count=count, limit=0) == expected


def test_french_uses_the_singular_for_zero_and_one_english_only_for_one() -> None:
    forms = {
        (lang, n): ngettext("{count} change", "{count} changes", n, lang, count=n)
        for lang in LANGUAGES
        for n in (0, 1, 2)
    }
    assert forms == {
        ("fr", 0): "0 changement",
        ("fr", 1): "1 changement",
        ("fr", 2): "2 changements",
        ("en", 0): "0 changes",
        ("en", 1): "1 change",
        ("en", 2): "2 changes",
    }
    assert render_text([], "a.yaml", "b.yaml", "fr") == "a.yaml -> b.yaml : aucun changement\n"


# --- the language rule ----------------------------------------------------------------------------


def test_the_language_is_the_option_else_the_variable_else_french(monkeypatch: pytest.MonkeyPatch) -> None:
    assert detect_language(None) == "fr"
    for variable, value in (("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_US.UTF-8"), ("LANGUAGE", "en")):
        monkeypatch.setenv(variable, value)
    assert detect_language(None) == "fr", "the system locale never chooses"
    monkeypatch.setenv("CONVENTION_VALIDATOR_LANG", "EN_gb.UTF-8")
    assert detect_language(None) == "en"
    assert detect_language("fr") == "fr", "--lang wins over the variable"
    monkeypatch.setenv("CONVENTION_VALIDATOR_LANG", "de")
    assert detect_language(None) == "fr", "an unknown language gives French"
    assert detect_language("en") == "en"


# --- Click in the chosen language -----------------------------------------------------------------

CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:", "TEXT")
OUR_ENGLISH = ("Exit codes", "Language of the messages", "PATHS", "FILE", "INTEGER")
FRENCH = ("Utilisation :", "Affiche cette aide", "par défaut :", "Codes de sortie", "CHEMIN", "FICHIER", "TEXTE")


def mentions(page: str, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", page)]


def invoke(*args: str, env: dict[str, str] | None = None) -> str:
    return CliRunner(env=env).invoke(main, list(args), prog_name="convention-validator").output


def help_pages(*extra: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """The --help of the group and of every command, by command name ("" for the group)."""
    pages = {"": invoke(*extra, "--help", env=env)}
    for name in main.list_commands(click.Context(main)):
        pages[name] = invoke(name, *extra, "--help", env=env)
    return pages


def test_help_is_fully_french_by_default_even_on_an_english_system() -> None:
    english_system = {"LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": "en"}
    for name, page in help_pages(env=english_system).items():
        assert "Utilisation :" in page and "Affiche cette aide et quitte." in page, name
        assert not mentions(page, (*CLICK_ENGLISH, *OUR_ENGLISH)), (name, page)
    group = help_pages()[""]
    assert "Options :" in group and "Commandes :" in group and "COMMANDE [ARGUMENTS]..." in group
    assert "CONVENTION_VALIDATOR_LANG" in group, "the group's help says how its language is chosen"


def test_help_is_fully_english_with_lang_en_or_the_variable() -> None:
    pages = {name: page for name, page in help_pages(env={"CONVENTION_VALIDATOR_LANG": "en"}).items()}
    pages |= {f"{name} --lang en": page for name, page in help_pages("--lang", "en").items() if name}
    for name, page in pages.items():
        assert "Usage:" in page and "Show this message and exit." in page, name
        assert not mentions(page, FRENCH), (name, page)
    assert "Commands:" in pages[""] and "Show the version and exit." in pages[""]


def test_clicks_own_errors_speak_the_chosen_language() -> None:
    french = invoke("validate", "--format", "x", "a.json")
    assert "Erreur : Valeur non valide pour '--format' : 'x' n'est pas l'une des valeurs" in french
    assert "Essayez « convention-validator validate --help » pour l'aide." in french
    english = invoke("validate", "--bogus", "--lang", "en")
    assert "Error: No such option '--bogus'" in english and "Try 'convention-validator validate --help'" in english
    assert "Erreur : Argument manquant 'CHEMINS...'." in invoke("validate")
    assert "Erreur : Option inconnue : '--verbos'. Vouliez-vous dire '--verbose' ?" in invoke("validate", "--verbos")
    several = "Erreur : Option inconnue : '--bogus'. (Vouliez-vous dire l'une de : '--jobs', '--verbose' ?)"
    assert several in invoke("validate", "--bogus")


def test_a_command_run_puts_the_gettext_state_back() -> None:
    domain = gettext.textdomain()
    CliRunner().invoke(main, ["validate", "--lang", "en", "--help"])
    assert gettext.textdomain() == domain and "LANGUAGE" not in os.environ


def test_a_command_imported_during_a_french_run_still_speaks_english_afterwards() -> None:
    """Commands are imported when first used: the language of that run must not stick to them."""
    script = (
        "from click.testing import CliRunner\n"
        "from convention_validator.cli import main\n"
        "runner = CliRunner()\n"
        "print(runner.invoke(main, ['export', '--help']).output)\n"
        "print('=====')\n"
        "print(runner.invoke(main, ['export', '--help', '--lang', 'en']).output)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    french, english = done.stdout.split("=====")
    assert "Utilisation :" in french and "FICHIER" in french
    assert "Usage:" in english and "FILE" in english and not mentions(english, FRENCH), english
