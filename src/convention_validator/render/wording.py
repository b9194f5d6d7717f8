"""Sentence patterns of the convention and the avenant: the fixed French the templates do not hold.

Labels of codes come from labels.json (generated from the schema); this module holds only the
phrases that turn them into legal sentences: the verb phrase of each ODRL action, the neutral
sentence of an article on which the document is silent, and the designation of a party.
"""

from __future__ import annotations

from convention_validator.render.french import agree, definite, french_date, gender, lower_first

# The verb phrase of each action of the PolicyAction list, with its object, after « peut », « doit »
# or « Il est interdit de ». Every code of the list has one (a test checks it).
ACTION_PHRASES: dict[str, str] = {
    "read": "consulter les données",
    "reproduce": "reproduire les données",
    "aggregate": "agréger les données",
    "derive": "créer des données dérivées des données",
    "modify": "modifier les données",
    "distribute": "diffuser les données",
    "present": "présenter publiquement les données",
    "archive": "archiver les données",
    "anonymize": "anonymiser les données",
    "delete": "supprimer les données",
    "attribute": "citer la source des données",
    "inform": "informer le producteur",
    "compensate": "payer la redevance convenue",
    "sell": "vendre les données",
    "reidentify": "réidentifier les personnes concernées",
    "match": "croiser les données avec d'autres fichiers",
    "disclose": "communiquer les données à un tiers",
    "commercialise": "exploiter commercialement les données",
    "decide_individually": "fonder une décision individuelle sur les données",
    "return": "restituer les données au producteur",
    "attest_deletion": "attester la suppression des données auprès du producteur",
    "notify_breach": "notifier au producteur toute violation de données",
    "report": "rendre compte au producteur de l'usage des données",
}

SILENT = "La convention ne comporte pas de stipulation sur ce point."


def action_phrase(code: str, label: str) -> str:
    """The verb phrase of an action; an action unknown to the standard: its label, in lower case."""
    return ACTION_PHRASES.get(code) or lower_first(label or code)


def with_article(name: str) -> str:
    """A party's name as it reads in a sentence: 'Ville de Nantes' -> 'la Ville de Nantes'.

    Proper names keep their capital letters; a name whose gender is unknown ('SIMKO', 'France
    Travail') is written without an article.
    """
    text = name.strip()
    if text.lower().startswith(("la ", "le ", "les ", "l'", "l’")):
        return text
    genre = gender(text)
    if genre is None:
        return text
    if text[:1].lower() in "aeiouyéèêàâîôûh":
        return "l'" + text
    return ("la " if genre == "f" else "le ") + text


def party_genre(name: str, state: bool) -> str | None:
    if state:
        return "m"
    text = name.strip().lower()
    if text.startswith("la "):
        return "f"
    if text.startswith("le "):
        return "m"
    return gender(text)


def legal_act(title: str, day: str) -> str:
    """'Délibération du conseil …', '2024-06-21' -> 'la délibération du conseil … en date du 21 juin 2024'."""
    text = definite(title) or lower_first(title.strip())
    if day:
        text += f" en date du {french_date(day)}"
    return text


def represented(subject: str, subject_genre: str | None, function: str, holder: str, act: str) -> str:
    """« la Ville de Nantes, représentée par la maire de Nantes, dûment habilitée par la délibération … »."""
    text = subject
    if function:
        verb = f"{agree('représenté', subject_genre)} par" if subject_genre else "agissant par"
        text += f", {verb} {function}"
        if holder:
            text += f", {holder}"
        if act:
            genre = gender(function)
            if genre and act[:1].islower():
                text += f", dûment {agree('habilité', genre)} par {act}"
            else:
                text += f" (habilitation : {act})"
    elif act:
        text += f" (habilitation : {act})"
    else:
        text += " (représentant non désigné par la convention)"
    return text


def of(name: str) -> str:
    """'de' and the name with its article: 'de la Ville de Nantes', 'du Département …', 'de l'Office …', 'de SIMKO'."""
    text = with_article(name)
    if text.startswith("le "):
        return "du " + text[3:]
    if text.startswith("les "):
        return "des " + text[4:]
    if text.startswith("Le "):
        return "du " + text[3:]
    return "de " + text
