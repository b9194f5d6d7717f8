"""User-facing text, French by default and English on request, from one gettext catalogue.

Every message, label and help text of the tool (and Click's own texts: Usage, Options, Error…) is
a msgid of the catalogue `convention_validator` (locale/messages.pot). The msgids are the English
texts — the gettext convention, and the language of Click's msgids, which share the catalogue —
and locale/fr and locale/en hold the translations, compiled to .mo files shipped in the package
(`make messages` re-extracts and compiles them; tests/test_messages.py fails when they are stale).

The language follows one rule: --lang if given, else the variable CONVENTION_VALIDATOR_LANG if
set, else French. The system locale (LANG, LC_ALL, LANGUAGE) never chooses it.
"""

from __future__ import annotations

import gettext as _gettext
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DOMAIN = "convention_validator"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LANGUAGE_VARIABLE = "CONVENTION_VALIDATOR_LANG"


def detect_language(explicit: str | None = None) -> str:
    """The language of the messages: `explicit` (--lang) if given, else CONVENTION_VALIDATOR_LANG, else French.

    A value is read case-insensitively, region and encoding ignored (« en_GB.UTF-8 » is English);
    an unknown language gives French. The system locale is not consulted.
    """
    chosen = explicit or os.environ.get(LANGUAGE_VARIABLE, "")
    if not chosen:
        return DEFAULT_LANGUAGE
    code = chosen.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalogue of `lang` (French when the language is unknown)."""
    language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    found = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    assert isinstance(found, _gettext.GNUTranslations)
    return found


def _fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def gettext(message: str, lang: str, /, **values: object) -> str:
    """`message` (an English msgid) in `lang`, its {placeholders} filled with `values`."""
    return _fill(translations(lang).gettext(message), values)


def ngettext(singular: str, plural: str, count: int, lang: str, /, **values: object) -> str:
    """The form of `singular`/`plural` that `count` asks for in `lang` (French: singular for 0 and 1), filled."""
    return _fill(translations(lang).ngettext(singular, plural, count), values)


def pgettext(context: str, message: str, lang: str, /, **values: object) -> str:
    """`message` in `lang` in a context (one English text, several translations), filled."""
    return _fill(translations(lang).pgettext(context, message), values)


def npgettext(context: str, singular: str, plural: str, count: int, lang: str, /, **values: object) -> str:
    """ngettext in a context."""
    return _fill(translations(lang).npgettext(context, singular, plural, count), values)


# Markers: they only name a msgid for the extraction (scripts/update_messages.py), for tables of
# texts translated later, when the language is known.


def N_(message: str) -> str:
    """A msgid translated later (`gettext(entry, lang)` or `translate(entry, lang)`)."""
    return message


@dataclass(frozen=True)
class Message:
    """A msgid translated later that has a plural (chosen by the value named `count`) or a context."""

    msgid: str
    plural: str = ""
    count: str = ""
    context: str = ""


def Nn_(singular: str, plural: str, count: str) -> Message:
    """A text with a plural; `count` names the value that chooses the form."""
    return Message(singular, plural, count)


def Np_(context: str, message: str) -> Message:
    """A text in a context."""
    return Message(message, context=context)


Entry = str | Message


def translate(entry: Entry, lang: str, /, **values: object) -> str:
    """A text of a table (a plain msgid, or a Message) in `lang`, filled with `values`."""
    if isinstance(entry, str):
        return gettext(entry, lang, **values)
    if entry.plural:
        count = values[entry.count]
        assert isinstance(count, int)
        if entry.context:
            return npgettext(entry.context, entry.msgid, entry.plural, count, lang, **values)
        return ngettext(entry.msgid, entry.plural, count, lang, **values)
    if entry.context:
        return pgettext(entry.context, entry.msgid, lang, **values)
    return gettext(entry.msgid, lang, **values)


def labelled(label: str, lang: str) -> str:
    """« label : » in French, "label:" in English (the colon and its space, as each language writes them)."""
    return pgettext("typography", "{label}:", lang, label=label)


_TEXTS: dict[str, Entry] = {
    "fix": N_("fix"),
    "older_version": N_(
        "{file}: checked against standard {version}, which it declares (current version {current}; "
        "upgrade: convention-validator upgrade {file})"
    ),
    "no_files": N_("no convention file (.jsonld, .json, .yaml, .yml) found in: {paths}"),
    "skipped.not_a_convention": N_("skipped: {path} (neither the standard's context nor 'type: Convention')"),
    "skipped.excluded": N_("skipped: {path} (excluded by --exclude)"),
    "skipped.not_included": N_("skipped: {path} (outside the --include patterns)"),
    "cannot_write_report": N_("cannot write the report to {path}: {reason}"),
    "too_many_warnings": Nn_(
        "{count} warning, more than the allowed maximum ({limit})",
        "{count} warnings, more than the allowed maximum ({limit})",
        "count",
    ),
    "error": Np_("severity", "error"),
    "warning": Np_("severity", "warning"),
    "info": Np_("severity", "info"),
}


def text(key: str, lang: str, **params: object) -> str:
    """A user-interface text of the validator in the chosen language."""
    return translate(_TEXTS[key], lang, **params)


def summary(files: int, errors: int, warnings: int, infos: int, lang: str) -> str:
    """« 1 fichier vérifié : 0 erreur, 2 avertissements, 1 information », each count with its plural."""
    return gettext(
        "{files}: {errors}, {warnings}, {infos}",
        lang,
        files=ngettext("{count} file checked", "{count} files checked", files, lang, count=files),
        errors=ngettext("{count} error", "{count} errors", errors, lang, count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings, lang, count=warnings),
        infos=ngettext("{count} info", "{count} infos", infos, lang, count=infos),
    )
