"""French wording of dates, ISO 8601 durations, amounts and counts, as a lawyer writes them."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NARROW_NBSP = "\u202f"  # thousands separator (typographie française)
NBSP = "\u00a0"  # before the currency sign

_DURATION = re.compile(
    r"^P(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?(?:(?P<seconds>[0-9]+)S)?)?$"
)
_UNITS = (
    ("years", "an", "ans"),
    ("months", "mois", "mois"),
    ("days", "jour", "jours"),
    ("hours", "heure", "heures"),
    ("minutes", "minute", "minutes"),
    ("seconds", "seconde", "secondes"),
)
_CURRENCY_SIGNS = {"EUR": "€"}


def french_date(value: object) -> str:
    """'2024-06-14' -> '14 juin 2024' ('1er' for the first of the month); other text unchanged."""
    text = str(value).strip()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def french_period(period: object) -> str:
    """A {start_date, end_date} object as 'du 1er juillet 2024 au 31 décembre 2030'."""
    if not isinstance(period, dict):
        return ""
    start, end = period.get("start_date"), period.get("end_date")
    if start and end:
        return f"du {french_date(start)} au {french_date(end)}"
    if start:
        return f"à compter du {french_date(start)}"
    if end:
        return f"jusqu'au {french_date(end)}"
    return ""


def french_duration(value: object) -> str:
    """'P5Y' -> '5 ans', 'P1Y6M' -> '1 an et 6 mois', 'P7D' -> '7 jours'; other text unchanged."""
    text = str(value).strip()
    match = _DURATION.match(text)
    if not match or text in {"P", "PT"}:
        return text
    parts = []
    for group, singular, plural in _UNITS:
        raw = match.group(group)
        if raw is None:
            continue
        count = int(raw)
        parts.append(f"{count}{NBSP}{singular if count <= 1 else plural}")
    if not parts:
        return text
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " et " + parts[-1]


def group_thousands(digits: str) -> str:
    """'1800' -> '1 800' with a narrow no-break space."""
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NARROW_NBSP.join(groups)


def french_amount(value: object, currency: object = "EUR") -> str:
    """1800.5 -> '1 800,50 €'; whole amounts keep no decimals ('300 €'); unknown text unchanged."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = amount == amount.to_integral_value()
    text = f"{amount:.0f}" if whole else f"{amount:.2f}"
    integer, _, decimals = text.partition(".")
    number = group_thousands(integer) + (f",{decimals}" if decimals else "")
    code = str(currency or "EUR")
    return f"{sign}{number}{NBSP}{_CURRENCY_SIGNS.get(code, code)}"


def french_integer(value: object) -> str:
    """An integer with French digit grouping; other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return ("-" if value < 0 else "") + group_thousands(str(abs(value)))


def plural(count: int, singular: str, several: str) -> str:
    """'1 erreur', '2 erreurs'."""
    return f"{count} {singular if count <= 1 else several}"


# -- nouns, agreement and typography -------------------------------------------------------------

# Nouns whose plural is not the singular followed by "s" (first word of a noun phrase).
_IRREGULAR_PLURALS = {
    "jeu": "jeux",
    "avertissement": "avertissements",
    "bureau": "bureaux",
    "établissement": "établissements",
    "mois": "mois",
    "fois": "fois",
    "exemplaire": "exemplaires",
}


def plural_noun(noun: str) -> str:
    """The plural of a French noun phrase whose head is its first word: 'jeu de données' -> 'jeux de données'."""
    head, space, rest = noun.partition(" ")
    if head in _IRREGULAR_PLURALS:
        head = _IRREGULAR_PLURALS[head]
    elif head.endswith(("s", "x", "z")):
        pass
    elif head.endswith(("au", "eu")):
        head += "x"
    else:
        head += "s"
    return head + space + rest


def count_of(count: int, noun: str) -> str:
    """'1 jeu de données', '2 jeux de données', '0 erreur' (French: 0 and 1 take the singular)."""
    return f"{count} {noun if count <= 1 else plural_noun(noun)}"


def lower_first(text: str) -> str:
    """'Délibération du conseil' -> 'délibération du conseil'; an acronym ('CAF', 'RGPD') is left alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def quoted(text: str) -> str:
    """Text between French quotation marks, with no-break spaces inside."""
    return f"«{NBSP}{text}{NBSP}»"


def join_and(items: list[str] | tuple[str, ...], word: str = "et") -> str:
    """'a', 'a et b', 'a, b et c'."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def ordinal_article(number: int) -> str:
    """'1er', '2', '3' (numbering of articles: « Article 1er »)."""
    return "1er" if number == 1 else str(number)


def ordinal_word(number: int, feminine: bool = False) -> str:
    """'premier' / 'première', then '2e', '3e'… (« le premier alinéa », « la 2e rubrique »)."""
    if number == 1:
        return "première" if feminine else "premier"
    return f"{number}e"


# Gender of the head noun of a designation (« la maire de Nantes », « Ville de Cayenne »).
_FEMININE_HEADS = {
    "agence",
    "association",
    "autorité",
    "banque",
    "caisse",
    "chambre",
    "collectivité",
    "commune",
    "communauté",
    "direction",
    "directrice",
    "fédération",
    "fondation",
    "maire-adjointe",
    "métropole",
    "mutuelle",
    "préfecture",
    "préfète",
    "présidente",
    "région",
    "régie",
    "société",
    "université",
    "ville",
    "administratrice",
    "secrétaire-générale",
    "déléguée",
    "adjointe",
    "gérante",
    "délibération",
    "décision",
    "délégation",
    "ordonnance",
    "loi",
    "convention",
    "annexe",
    "directive",
    "circulaire",
    "instruction",
    "charte",
    "mention",
}
_MASCULINE_HEADS = {
    "administrateur",
    "adjoint",
    "arrêté",
    "centre",
    "conseil",
    "décret",
    "délégué",
    "département",
    "directeur",
    "établissement",
    "gérant",
    "groupement",
    "institut",
    "office",
    "préfet",
    "président",
    "syndicat",
    "état",
    "avenant",
    "accord",
    "mandat",
    "pouvoir",
    "règlement",
    "code",
    "contrat",
    "traité",
    "article",
    "protocole",
    "schéma",
    "document",
}


def gender(designation: str) -> str | None:
    """'f', 'm' or None (unknown) for a designation, from its article or its head noun."""
    text = designation.strip()
    lowered = text.lower()
    if lowered.startswith("la "):
        return "f"
    if lowered.startswith("le "):
        return "m"
    if lowered.startswith(("les ", "des ")):
        return None
    word = re.split(r"[\s,]", lowered.removeprefix("l'").removeprefix("l’"), maxsplit=1)[0]
    if word in _FEMININE_HEADS:
        return "f"
    if word in _MASCULINE_HEADS:
        return "m"
    return None


def agree(participle: str, genre: str | None) -> str:
    """'représenté' with 'f' -> 'représentée'; the masculine with 'm' (never « représenté(e) »)."""
    return participle + "e" if genre == "f" else participle


def definite(designation: str) -> str:
    """The designation with its definite article: 'délibération du …' -> 'la délibération du …'."""
    text = lower_first(designation.strip())
    if re.match(r"^(l'|l’|la |le |les )", text):
        return text
    if text[:1] in "aeiouyéèêàâîôûh":
        return "l'" + text
    genre = gender(text)
    if genre == "f":
        return "la " + text
    if genre == "m":
        return "le " + text
    return ""
