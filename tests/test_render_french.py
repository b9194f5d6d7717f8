"""Generated French: agreement, plurals and units, no « (s) », no English, no raw codes, in every pattern."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from support import EXAMPLES, ROOT

EXAMPLE_NAMES = ("nantes-metropole.jsonld", "grand-auch.jsonld", "cayenne.jsonld")
LABELS = json.loads((ROOT / "src" / "convention_validator" / "render" / "labels.json").read_text(encoding="utf-8"))
ENGLISH = re.compile(r"\b(the|and|of|with|None|True|False|null|not specified|dataset|annex)\b")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    from convention_validator.render import convention_for_file, render_html, render_markdown

    found = {}
    for name in EXAMPLE_NAMES:
        convention = convention_for_file(EXAMPLES / "valid" / name)
        found[name] = render_html(convention) + "\n" + render_markdown(convention)
    return found


def _generated(text: str, document: dict[str, Any]) -> str:
    """The output without the document's own free text (titles, descriptions, URLs): what the tool wrote."""

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) and len(value) > 3 else []

    for value in sorted(strings(document), key=len, reverse=True):
        for variant in {value, " ".join(value.split())}:
            text = text.replace(variant, " ")
    return re.sub(r"https?://\S+", " ", text)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_raw_codes_no_english_no_optional_endings(texts: dict[str, str], name: str) -> None:
    document = json.loads((EXAMPLES / "valid" / name).read_text(encoding="utf-8"))
    generated = _generated(texts[name], document)
    codes = {
        code
        for enum in LABELS["enums"].values()
        for code, entry in enum["values"].items()
        if entry["fr"] != code and (("_" in code and code.isupper()) or (code.isupper() and len(code) > 4))
    }
    leaked = sorted(c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", generated))
    assert leaked == []
    assert not re.search(r"\w\((s|e|es)\)", generated), "optional endings like « habilité(e) »"
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", generated, flags=re.DOTALL))
    assert ENGLISH.findall(text) == []
    assert "non précisé " not in text and "Licence : non" not in text
    assert "Anonymisation : Pseudonymisation" not in text and "signée le" not in text.replace("Vu la convention", "")


def test_pseudonymised_data_are_never_called_anonymised(texts: dict[str, str]) -> None:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", texts["nantes-metropole.jsonld"]))
    assert "Données pseudonymisées : elles restent des données à caractère personnel (RGPD, art. 4.5)" in text
    assert "la pseudonymisation n'est pas une anonymisation" in text
    assert not re.search(r"[Aa]nonymisation[^.]{0,40}: Pseudonymisation", text)


def test_secrecy_threshold_counts_statistical_units_not_people(texts: dict[str, str]) -> None:
    text = texts["grand-auch.jsonld"]
    assert "Effectif minimal de 11 unités statistiques par case diffusée" in text
    assert "moins de 11 personnes" not in text


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "jeu de données", "0 jeu de données"),
        (1, "jeu de données", "1 jeu de données"),
        (2, "jeu de données", "2 jeux de données"),
        (1, "erreur", "1 erreur"),
        (3, "erreur", "3 erreurs"),
        (2, "avertissement", "2 avertissements"),
        (2, "mois", "2 mois"),
    ],
)
def test_counts_agree_in_number(count: int, noun: str, expected: str) -> None:
    from convention_validator.render.french import count_of

    assert count_of(count, noun) == expected


@pytest.mark.parametrize(
    ("designation", "participle", "expected"),
    [
        ("la maire de Nantes", "habilité", "habilitée"),
        ("le préfet du Gers", "habilité", "habilité"),
        ("la directrice générale de l'agence", "habilité", "habilitée"),
        ("Ville de Cayenne", "représenté", "représentée"),
        ("Département de Loire-Atlantique", "représenté", "représenté"),
    ],
)
def test_participles_agree_with_their_noun(designation: str, participle: str, expected: str) -> None:
    from convention_validator.render.french import agree, gender

    assert agree(participle, gender(designation)) == expected


def test_unknown_gender_avoids_agreement() -> None:
    from convention_validator.render.wording import represented

    text = represented("SIMKO", None, "le directeur général de la SIMKO", "", "la délibération du conseil")
    assert (
        text == "SIMKO, agissant par le directeur général de la SIMKO, dûment habilité par la délibération du conseil"
    )


def test_every_policy_action_has_a_verb_phrase_with_its_object() -> None:
    from convention_validator.render.wording import ACTION_PHRASES

    codes = set(LABELS["enums"]["PolicyAction"]["values"])
    assert codes == set(ACTION_PHRASES)
    for code, phrase in ACTION_PHRASES.items():
        assert phrase[0].islower() and " " in phrase, code  # a verb and its object, after « peut » / « doit »


def test_usage_rules_read_as_plain_french(texts: dict[str, str]) -> None:
    text = re.sub(r"\s+", " ", texts["grand-auch.jsonld"])
    assert "Le destinataire peut diffuser les données, à condition de citer la source des données." in text
    assert "Il est interdit de réidentifier les personnes concernées." in text
    assert "Le destinataire doit notifier au producteur toute violation de données, dans un délai de 48" in text
    assert "Les données étant ouvertes, « le destinataire » désigne tout réutilisateur." in text


@pytest.mark.parametrize(
    ("numbers", "preposition", "expected"),
    [
        ([3], "", "l'annexe 3"),
        ([3], "à", "à l'annexe 3"),
        ([1, 2, 3], "à", "aux annexes 1 à 3"),
        ([1, 4], "de", "des annexes 1 et 4"),
        ([1, 4], "par", "par les annexes 1 et 4"),
    ],
)
def test_annex_references_contract_their_article(numbers: list[int], preposition: str, expected: str) -> None:
    from convention_validator.render.build import annexes_phrase

    assert annexes_phrase(numbers, preposition) == expected


def test_party_names_take_their_article() -> None:
    from convention_validator.render.wording import of, with_article

    assert with_article("Ville de Nantes") == "la Ville de Nantes"
    assert with_article("Office public de l'habitat du Gers") == "l'Office public de l'habitat du Gers"
    assert with_article("France Travail") == "France Travail"
    assert of("Département de Loire-Atlantique") == "du Département de Loire-Atlantique"
    assert of("La Banque Postale") == "de La Banque Postale"
