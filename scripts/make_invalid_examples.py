"""Write examples/invalid/ and examples/lawful/ from examples/valid/grand-auch.jsonld, one change each.

Each invalid example is the valid Auch convention with exactly one defect, so that it
fails for one reason only. Beside each file, `<name>.expected.yaml` names the expected
finding: code, severity, stage, JSON pointer and line, and the reason in French and
English. A test checks that the committed files equal this script's output.

Run: `python scripts/make_invalid_examples.py` (or `make examples`).
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from convention_validator.authoring.policy import usage_policy

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "valid" / "grand-auch.jsonld"
TARGET = ROOT / "examples" / "invalid"
SENTINEL = "\u2063SENTINEL\u2063"

Document = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """One invalid example: a name, the change, and the finding it must produce."""

    name: str
    code: str
    severity: str
    stage: str
    pointer: str
    reason_fr: str
    reason_en: str
    change: Callable[[Document], None]
    keyword: str | None = None
    missing: bool = False


def _get(doc: Any, pointer: str) -> Any:
    node = doc
    for token in [t for t in pointer.split("/")[1:]]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _parent(pointer: str) -> tuple[str, str]:
    head, _, last = pointer.rpartition("/")
    return head, last


def _set(pointer: str, value: Any) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        head, last = _parent(pointer)
        parent = _get(doc, head)
        if isinstance(parent, list):
            parent[int(last)] = value
        else:
            parent[last] = value

    return change


def _remove(pointer: str) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        head, last = _parent(pointer)
        del _get(doc, head)[last]

    return change


def _then(*changes: Callable[[Document], None]) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        for step in changes:
            step(doc)

    return change


LANDLORD_DATASET = "/datasets/2"


def _personal(doc: Document) -> None:
    """Turn the landlord's restricted dataset into complete, lawful pseudonymised data."""
    dataset = _get(doc, LANDLORD_DATASET)
    producer = dataset["producer"]
    protection = dataset["protection"]
    protection["personal_data"] = "PSEUDONYMISED"
    protection["legal_bases"] = ["A6-1-e"]
    protection["national_legal_basis"] = [
        {"title": "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine"}
    ]
    protection["gdpr_roles"] = [{"party": producer, "gdpr_role": "CONTROLLER"}]
    protection.pop("anonymisation_techniques", None)
    protection["pseudonymisation"] = {"key_holder": producer}
    protection["organisational_measures"] = ["AuthorisationProcedure", "StaffTraining"]
    protection.pop("statistical_secrecy_threshold", None)


MUTUELLE = "organisation:775606361"


def _private(doc: Document) -> None:
    """Add a mutual insurer sharing private data of general interest, lawfully."""
    doc["parties"].append(
        {
            "id": MUTUELLE,
            "name": "Mutuelle de Gascogne",
            "siren": MUTUELLE.split(":")[1],
            "party_type": "MUTUAL_INSURANCE",
            "roles": ["DATA_PRODUCER", "SIGNATORY"],
            "representative": {
                "function": "le directeur général de la Mutuelle de Gascogne",
                "empowered_by": {"title": "Délibération du conseil d'administration autorisant la signature"},
            },
            "contacts": [{"function": "Délégué à la protection des données", "email": "dpo@mutuelle-gascogne.fr"}],
        }
    )
    dataset: Document = {
        "id": doc["id"] + "/jeux-de-donnees/renoncement-soins-grand-garros",
        "title": "Renoncement aux soins des adhérents résidant au Grand Garros",
        "description": "Part des adhérents résidant dans le quartier ayant renoncé à des soins dans l'année, "
        "agrégée par tranche d'âge.",
        "themes": ["HEAL"],
        "producer": MUTUELLE,
        "category": "PRIVATE_GENERAL_INTEREST_DATA",
        "covered_qpv": ["QN03201M"],
        "formats": ["CSV"],
        "spatial_granularity": "QPV",
        "update_frequency": "ANNUAL",
        "sharing": {
            "access_level": "RESTRICTED",
            "ip_holders": [MUTUELLE],
            "purposes": ["ImproveHealthcare"],
            "recipients": ["organisation:213200132"],
            "cost": {"cost_kind": "FREE"},
            "mobilisation_mechanism": "DATA_PHILANTHROPY",
        },
        "protection": {
            "personal_data": "AGGREGATED",
            "statistical_secrecy_threshold": 11,
            "anonymisation_techniques": ["Anonymisation"],
        },
    }
    dataset["usage_policy"] = usage_policy(dataset, doc["period"]["end_date"])
    doc["datasets"].append(dataset)


PRIVATE_DATASET = "/datasets/5"
COMMUNE = "organisation:213200132"
COMMUNE_DATASET = "/datasets/3"
CONTRACT_RULE = "rules"


def _draft(doc: Document) -> None:
    """A convention still being drafted: no signature yet."""
    doc["status"] = "DRAFT"
    doc.pop("signed_on", None)


def _private_personal(doc: Document) -> None:
    """The mutual insurer's dataset as lawful pseudonymised data shared with the commune."""
    _private(doc)
    dataset = _get(doc, PRIVATE_DATASET)
    dataset["protection"] = {
        "personal_data": "PSEUDONYMISED",
        "legal_bases": ["A6-1-a"],
        "gdpr_roles": [{"party": MUTUELLE, "gdpr_role": "CONTROLLER"}],
        "pseudonymisation": {"key_holder": MUTUELLE},
        "technical_measures": ["AccessControlMethod", "EncryptionInTransfer"],
        "organisational_measures": ["AuthorisationProcedure"],
        "hosting": {"hosting_location": "FRANCE", "provider": "Mutuelle de Gascogne"},
        "retention_period": "P3Y",
    }


def _health(doc: Document) -> None:
    """The mutual insurer's pseudonymised data about health, with the GDPR's special-category safeguards."""
    _private_personal(doc)
    protection = _get(doc, PRIVATE_DATASET + "/protection")
    protection["special_category_data"] = True
    protection["special_category_conditions"] = ["A9-2-a"]
    protection["dpia"] = {"completed_on": "2024-04-30", "reference": "AIPD-MG-2024-02"}


def _altruism(doc: Document) -> None:
    """The mutual insurer's aggregates mobilised through data altruism."""
    _private(doc)
    _get(doc, PRIVATE_DATASET + "/sharing")["mobilisation_mechanism"] = "DATA_ALTRUISM"


def _commune_controls_on_legitimate_interest(doc: Document) -> None:
    _personal(doc)
    protection = _get(doc, LANDLORD_DATASET + "/protection")
    protection["legal_bases"] = ["A6-1-f"]
    protection.pop("national_legal_basis")
    protection["gdpr_roles"] = [{"party": COMMUNE, "gdpr_role": "CONTROLLER"}]


def _no_data_user(doc: Document) -> None:
    """Every party keeps its roles but that of data user."""
    for party in doc["parties"]:
        party["roles"] = [role for role in party["roles"] if role != "DATA_USER"]


AUDIT_CASES: list[Case] = [
    Case(
        "rules-legitimate-interest-of-a-public-authority",
        "CV337",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection/legal_bases/0",
        "La commune, responsable du traitement, fonde le partage de données personnelles sur l'intérêt légitime.",
        "The commune, as controller, bases the sharing of personal data on legitimate interests.",
        _commune_controls_on_legitimate_interest,
    ),
    Case(
        "rules-personal-data-hosted-outside-the-eu",
        "CV338",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection/hosting",
        "Des données personnelles sont hébergées hors de l'Union européenne sans base de transfert du chapitre V.",
        "Personal data are hosted outside the European Union with no Chapter V transfer basis.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/protection/hosting/hosting_location", "OUTSIDE_EUROPEAN_UNION"),
        ),
        missing=True,
    ),
    Case(
        "rules-altruism-paid-beyond-costs",
        "CV339",
        "warning",
        CONTRACT_RULE,
        PRIVATE_DATASET + "/sharing/compensation_limited_to_costs",
        "Des données mobilisées par altruisme sont payées au-delà de la compensation des coûts.",
        "Data mobilised through altruism are paid for beyond compensation for costs.",
        _then(
            _altruism,
            _set(PRIVATE_DATASET + "/sharing/cost", {"cost_kind": "FEE", "amount": 5000, "currency": "EUR"}),
            _set(PRIVATE_DATASET + "/sharing/compensation_limited_to_costs", False),
        ),
    ),
    Case(
        "rules-altruism-of-personal-data-without-consent",
        "CV340",
        "warning",
        CONTRACT_RULE,
        PRIVATE_DATASET + "/sharing",
        "Des données personnelles sont partagées par altruisme sans consentement des personnes concernées.",
        "Personal data are shared through altruism without the data subjects' consent.",
        _then(_private_personal, _set(PRIVATE_DATASET + "/sharing/mobilisation_mechanism", "DATA_ALTRUISM")),
        missing=True,
    ),
    Case(
        "rules-open-public-data-against-a-fee",
        "CV341",
        "error",
        CONTRACT_RULE,
        COMMUNE_DATASET + "/sharing/cost/cost_kind",
        "La commune ouvre ses données à tous mais fait payer leur réutilisation.",
        "The commune opens its data to all but charges for their re-use.",
        _set(COMMUNE_DATASET + "/sharing/cost", {"cost_kind": "FEE", "amount": 1200, "currency": "EUR"}),
    ),
    Case(
        "rules-open-public-data-only-as-pdf",
        "CV342",
        "warning",
        CONTRACT_RULE,
        COMMUNE_DATASET + "/formats/0",
        "La commune ouvre ses données seulement en PDF.",
        "The commune opens its data as PDF only.",
        _set(COMMUNE_DATASET + "/formats", ["PDF"]),
    ),
    Case(
        "rules-delegated-service-data-under-cc-by",
        "CV302",
        "error",
        CONTRACT_RULE,
        COMMUNE_DATASET + "/sharing/licence",
        "Des données d'un service public délégué sont ouvertes sous CC-BY-4.0, hors de la liste de l'article "
        "D323-2-1 du CRPA.",
        "Data of a delegated public service are opened under CC-BY-4.0, outside the list of CRPA article D323-2-1.",
        _then(
            _set(COMMUNE_DATASET + "/category", "DELEGATED_PUBLIC_SERVICE_DATA"),
            _set(COMMUNE_DATASET + "/sharing/licence", "CC-BY-4.0"),
        ),
    ),
    Case(
        "rules-open-public-data-without-licence",
        "CV350",
        "warning",
        CONTRACT_RULE,
        COMMUNE_DATASET + "/sharing",
        "Des données publiques sont ouvertes à tous sans licence de réutilisation.",
        "Public data are open to all without a re-use licence.",
        _remove(COMMUNE_DATASET + "/sharing/licence"),
        missing=True,
    ),
    Case(
        "rules-pseudonymised-data-declared-anonymised",
        "CV343",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection/personal_data",
        "Des données pseudonymisées, dont le bailleur garde la clé, sont déclarées anonymisées.",
        "Pseudonymised data, whose key the landlord keeps, are declared anonymised.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/protection/personal_data", "ANONYMISED"),
            _set(LANDLORD_DATASET + "/protection/statistical_secrecy_threshold", 11),
        ),
    ),
    Case(
        "rules-open-data-with-secrecy-threshold-of-one",
        "CV344",
        "error",
        CONTRACT_RULE,
        "/datasets/0/protection/statistical_secrecy_threshold",
        "Des agrégats ouverts à l'échelle de l'immeuble ont un seuil de secret statistique de 1.",
        "Open aggregates at building scale have a statistical-secrecy threshold of 1.",
        _then(
            _set("/datasets/0/spatial_granularity", "BUILDING"),
            _set("/datasets/0/protection/statistical_secrecy_threshold", 1),
        ),
    ),
    Case(
        "rules-health-data-without-hds-host",
        "CV345",
        "error",
        CONTRACT_RULE,
        PRIVATE_DATASET + "/protection/hosting",
        "Des données personnelles de santé sont hébergées sans certification HDS.",
        "Personal health data are hosted without HDS certification.",
        _health,
    ),
    Case(
        "rules-commune-data-declared-private",
        "CV346",
        "error",
        CONTRACT_RULE,
        COMMUNE_DATASET + "/category",
        "La commune déclare ses propres données « données privées d'intérêt général ».",
        "The commune declares its own data 'private data of general interest'.",
        _then(
            _set(COMMUNE_DATASET + "/category", "PRIVATE_GENERAL_INTEREST_DATA"),
            _set(COMMUNE_DATASET + "/sharing/mobilisation_mechanism", "DATA_PHILANTHROPY"),
            _set(COMMUNE_DATASET + "/sharing/ip_holders", [COMMUNE]),
        ),
    ),
    Case(
        "rules-signed-without-signature-date",
        "CV347",
        "warning",
        CONTRACT_RULE,
        "",
        "La convention est déclarée signée mais n'a pas de date de signature.",
        "The agreement is declared signed but has no signature date.",
        _remove("/signed_on"),
        missing=True,
    ),
    Case(
        "rules-signed-after-its-term",
        "CV348",
        "error",
        CONTRACT_RULE,
        "/signed_on",
        "La convention est signée en 2031, après la fin de sa propre période (2030).",
        "The agreement is signed in 2031, after the end of its own period (2030).",
        _set("/signed_on", "2031-02-01"),
    ),
    Case(
        "rules-placeholder-left-in-signed-convention",
        "CV349",
        "error",
        CONTRACT_RULE,
        "/datasets/0/description",
        "La convention est signée alors que la description d'un jeu de données porte encore la mention "
        "« À COMPLÉTER ».",
        "The agreement is signed although a dataset's description still carries the 'À COMPLÉTER' placeholder.",
        _set("/datasets/0/description", "À COMPLÉTER : contenu du jeu de données"),
    ),
    Case(
        "rules-retention-beyond-ten-years-in-days",
        "CV314",
        "warning",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection/retention_period",
        "Des données personnelles sont conservées 3 700 jours, plus de dix ans écrits en jours.",
        "Personal data are kept 3,700 days, more than ten years written in days.",
        _then(_personal, _set(LANDLORD_DATASET + "/protection/retention_period", "P3700D")),
    ),
    Case(
        "rules-restricted-data-without-purposes-non-personal",
        "CV351",
        "warning",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/sharing",
        "Des données non personnelles à accès restreint ne précisent aucune finalité.",
        "Restricted non-personal data state no purpose.",
        _remove(LANDLORD_DATASET + "/sharing/purposes"),
        missing=True,
    ),
    Case(
        "rules-no-data-user",
        "CV322",
        "warning",
        CONTRACT_RULE,
        "/parties",
        "Aucun partenaire n'a le rôle d'utilisateur de données.",
        "No party has the data user role.",
        _no_data_user,
        missing=True,
    ),
    Case(
        "rules-personal-contact-address",
        "CV324",
        "warning",
        CONTRACT_RULE,
        "/parties/1/contacts/0/email",
        "L'adresse de contact de la commune est celle d'une personne (prenom.nom@).",
        "The commune's contact address is a person's (firstname.lastname@).",
        _set("/parties/1/contacts/0/email", "marie.dupont@auch.fr"),
    ),
    Case(
        "rules-public-task-basis-without-its-text",
        "CV335",
        "warning",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "La base légale 6.1.e ne cite pas le texte qui définit la mission d'intérêt public.",
        "The 6(1)(e) basis does not cite the text laying down the public task.",
        _then(_personal, _remove(LANDLORD_DATASET + "/protection/national_legal_basis")),
        missing=True,
    ),
]

CASES: list[Case] = [
    # --- structure: the JSON Schema rejects these -------------------------------------------
    Case(
        "structure-missing-convention-title",
        "CV101",
        "error",
        "structure",
        "",
        "Le titre de la convention est absent.",
        "The convention has no title.",
        _remove("/title"),
        keyword="required",
        missing=True,
    ),
    Case(
        "structure-missing-dataset-producer",
        "CV101",
        "error",
        "structure",
        "/datasets/1",
        "Le jeu de données n'indique pas son producteur.",
        "The dataset names no producer.",
        _remove("/datasets/1/producer"),
        keyword="required",
        missing=True,
    ),
    Case(
        "structure-missing-access-level",
        "CV101",
        "error",
        "structure",
        "/datasets/0/sharing",
        "Les conditions de partage ne fixent pas le niveau d'accès.",
        "The sharing terms set no access level.",
        _remove("/datasets/0/sharing/access_level"),
        keyword="required",
        missing=True,
    ),
    Case(
        "structure-threshold-not-a-number",
        "CV102",
        "error",
        "structure",
        "/datasets/0/protection/statistical_secrecy_threshold",
        "Le seuil de secret statistique est écrit en lettres au lieu d'un nombre entier.",
        "The statistical-secrecy threshold is written in words instead of a whole number.",
        _set("/datasets/0/protection/statistical_secrecy_threshold", "onze"),
        keyword="type",
    ),
    Case(
        "structure-qpv-list-is-a-string",
        "CV102",
        "error",
        "structure",
        "/covered_qpv",
        "La liste des quartiers est une chaîne au lieu d'une liste.",
        "The neighbourhood list is a string, not a list.",
        _set("/covered_qpv", "QN03201M"),
        keyword="type",
    ),
    Case(
        "structure-roles-not-a-list",
        "CV102",
        "error",
        "structure",
        "/parties/0/roles",
        "Les rôles d'un partenaire sont une chaîne au lieu d'une liste.",
        "A party's roles are a string, not a list.",
        _set("/parties/0/roles", "SIGNATORY"),
        keyword="type",
    ),
    Case(
        "structure-unknown-root-key",
        "CV103",
        "error",
        "structure",
        "/signataires",
        "La clé « signataires » n'existe pas dans le standard "
        "(les signataires sont des parties avec le rôle SIGNATORY).",
        "The key 'signataires' is not in the standard (signatories are parties with the SIGNATORY role).",
        _set("/signataires", ["Préfecture du Gers", "Ville d'Auch"]),
        keyword="additionalProperties",
    ),
    Case(
        "structure-unknown-sharing-key",
        "CV103",
        "error",
        "structure",
        "/datasets/0/sharing/licence_type",
        "La clé « licence_type » est inconnue ; la clé du standard est « licence ».",
        "The key 'licence_type' is unknown; the standard's key is 'licence'.",
        _set("/datasets/0/sharing/licence_type", "etalab-2.0"),
        keyword="additionalProperties",
    ),
    Case(
        "structure-impossible-signature-date",
        "CV104",
        "error",
        "structure",
        "/signed_on",
        "La date de signature du 30 février n'existe pas.",
        "The signature date, 30 February, does not exist.",
        _set("/signed_on", "2024-02-30"),
        keyword="format",
    ),
    Case(
        "structure-french-date-format",
        "CV104",
        "error",
        "structure",
        "/period/end_date",
        "La date de fin est écrite JJ/MM/AAAA au lieu de AAAA-MM-JJ.",
        "The end date is written DD/MM/YYYY, not YYYY-MM-DD.",
        _set("/period/end_date", "31/12/2030"),
        keyword="format",
    ),
    Case(
        "structure-identifier-not-an-iri",
        "CV105",
        "error",
        "structure",
        "/id",
        "L'identifiant de la convention n'est pas une IRI.",
        "The convention's identifier is not an IRI.",
        _set("/id", "convention partenariat données Auch"),
        keyword="pattern",
    ),
    Case(
        "structure-malformed-qpv-code",
        "CV105",
        "error",
        "structure",
        "/covered_qpv/0",
        "Le code QPV suit l'ancien format 2015 (QP…) au lieu du format 2024 (QN…).",
        "The QPV code uses the old 2015 format (QP...) instead of the 2024 one (QN...).",
        _set("/covered_qpv/0", "QP032001"),
        keyword="pattern",
    ),
    Case(
        "structure-short-siren",
        "CV105",
        "error",
        "structure",
        "/parties/1/siren",
        "Le SIREN de la commune n'a que huit chiffres.",
        "The municipality's SIREN has only eight digits.",
        _set("/parties/1/siren", "21320013"),
        keyword="pattern",
    ),
    Case(
        "structure-retention-in-words",
        "CV105",
        "error",
        "structure",
        "/datasets/2/protection/retention_period",
        "La durée de conservation est écrite en toutes lettres au lieu du format ISO 8601 (P5Y).",
        "The retention period is written in words instead of ISO 8601 (P5Y).",
        _set("/datasets/2/protection/retention_period", "5 ans"),
        keyword="pattern",
    ),
    Case(
        "structure-unknown-access-level",
        "CV106",
        "error",
        "structure",
        "/datasets/0/sharing/access_level",
        "« OPEN » n'est pas un niveau d'accès du standard (PUBLIC, RESTRICTED ou NON_PUBLIC).",
        "'OPEN' is not an access level of the standard (PUBLIC, RESTRICTED or NON_PUBLIC).",
        _set("/datasets/0/sharing/access_level", "OPEN"),
        keyword="enum",
    ),
    Case(
        "structure-dataset-without-usage-policy",
        "CV101",
        "error",
        "structure",
        "/datasets/0",
        "Un jeu de données n'a pas de politique d'usage : ni permission, ni interdiction, ni obligation.",
        "A dataset has no usage policy: no permission, prohibition or duty.",
        _remove("/datasets/0/usage_policy"),
        keyword="required",
        missing=True,
    ),
    Case(
        "structure-unknown-policy-action",
        "CV106",
        "error",
        "structure",
        "/datasets/0/usage_policy/permissions/0/action",
        "« share » n'est pas une action du standard (ODRL : reproduce, distribute… ; propres : disclose…).",
        "'share' is not an action of the standard (ODRL: reproduce, distribute...; own: disclose...).",
        _set("/datasets/0/usage_policy/permissions/0/action", "share"),
        keyword="enum",
    ),
    Case(
        "structure-pseudonymisation-as-anonymisation",
        "CV106",
        "error",
        "structure",
        "/datasets/0/protection/anonymisation_techniques/0",
        "La pseudonymisation est présentée comme une technique d'anonymisation ; or des données pseudonymisées "
        "restent personnelles.",
        "Pseudonymisation is given as an anonymisation technique, although pseudonymised data stay personal.",
        _set("/datasets/0/protection/anonymisation_techniques/0", "Pseudonymisation"),
        keyword="enum",
    ),
    # --- rules: legal and business rules ------------------------------------------------------
    Case(
        "rules-personal-data-as-open-data",
        "CV301",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/sharing/access_level",
        "Des données personnelles pseudonymisées sont publiées en open data.",
        "Pseudonymised personal data are published as open data.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/sharing/access_level", "PUBLIC"),
            _set(LANDLORD_DATASET + "/sharing/licence", "etalab-2.0"),
            _remove(LANDLORD_DATASET + "/sharing/recipients"),
        ),
    ),
    Case(
        "rules-open-data-licence-outside-crpa",
        "CV302",
        "error",
        CONTRACT_RULE,
        "/datasets/0/sharing/licence",
        "Des données publiques ouvertes sont placées sous CC-BY-4.0, licence non homologuée par l'article D323-2-1 "
        "du CRPA.",
        "Open public data are placed under CC-BY-4.0, a licence not listed by CRPA article D323-2-1.",
        _set("/datasets/0/sharing/licence", "CC-BY-4.0"),
    ),
    Case(
        "rules-personal-data-without-legal-basis",
        "CV303",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données personnelles sont partagées sans base légale RGPD.",
        "Personal data are shared with no GDPR legal basis.",
        _then(_personal, _remove(LANDLORD_DATASET + "/protection/legal_bases")),
        missing=True,
    ),
    Case(
        "rules-personal-data-without-controller",
        "CV304",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données personnelles sont partagées sans responsable de traitement.",
        "Personal data are shared with no data controller.",
        _then(_personal, _remove(LANDLORD_DATASET + "/protection/gdpr_roles")),
        missing=True,
    ),
    Case(
        "rules-personal-data-without-retention",
        "CV305",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données personnelles sont partagées sans durée de conservation.",
        "Personal data are shared with no retention period.",
        _then(_personal, _remove(LANDLORD_DATASET + "/protection/retention_period")),
        missing=True,
    ),
    Case(
        "rules-personal-data-without-security",
        "CV306",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données personnelles sont partagées sans mesure de sécurité technique.",
        "Personal data are shared with no technical security measure.",
        _then(_personal, _remove(LANDLORD_DATASET + "/protection/technical_measures")),
        missing=True,
    ),
    Case(
        "rules-special-category-without-dpia",
        "CV307",
        "warning",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données de catégorie particulière sont partagées sans analyse d'impact (AIPD).",
        "Special-category data are shared without a data protection impact assessment.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/protection/special_category_data", True),
            _set(LANDLORD_DATASET + "/protection/special_category_conditions", ["A9-2-h"]),
        ),
        missing=True,
    ),
    Case(
        "rules-special-category-without-article-9-condition",
        "CV333",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection",
        "Des données de santé pseudonymisées n'ont qu'une base de l'article 6, sans exception de l'article 9.2.",
        "Pseudonymised health data have an Article 6 basis only, with no Article 9(2) condition.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/protection/special_category_data", True),
            _set(LANDLORD_DATASET + "/protection/dpia", {"completed_on": "2024-04-30", "reference": "AIPD-2024-01"}),
        ),
        missing=True,
    ),
    Case(
        "rules-processor-without-contract",
        "CV332",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/protection/gdpr_roles/1",
        "Un sous-traitant traite les données sans contrat de l'article 28.3 du RGPD.",
        "A processor handles the data with no Article 28(3) GDPR contract.",
        _then(
            _personal,
            lambda doc: _get(doc, LANDLORD_DATASET + "/protection/gdpr_roles").append(
                {"party": "organisation:213200132", "gdpr_role": "PROCESSOR"}
            ),
        ),
        missing=True,
    ),
    Case(
        "rules-purpose-constraint-without-value",
        "CV334",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/usage_policy/permissions/0/constraints/0/left_operand",
        "La permission de consulter les données est limitée « aux finalités » sans dire lesquelles.",
        "The permission to read the data is limited 'to purposes' without saying which.",
        _remove(LANDLORD_DATASET + "/usage_policy/permissions/0/constraints/0/purpose_values"),
    ),
    Case(
        "rules-usage-policy-without-rule",
        "CV336",
        "error",
        CONTRACT_RULE,
        "/datasets/4/usage_policy",
        "La politique d'usage d'un jeu de données ne comporte aucune règle.",
        "A dataset's usage policy has no rule.",
        lambda doc: _set("/datasets/4/usage_policy", {"id": _get(doc, "/datasets/4/usage_policy/id")})(doc),
        missing=True,
    ),
    Case(
        "rules-signatory-without-representative",
        "CV331",
        "warning",
        CONTRACT_RULE,
        "/parties/1",
        "La Ville d'Auch signe sans que la convention dise qui la représente ni en vertu de quelle délibération.",
        "The City of Auch signs with no statement of who represents it under which deliberation.",
        _remove("/parties/1/representative"),
        missing=True,
    ),
    Case(
        "rules-no-termination-clause",
        "CV330",
        "warning",
        CONTRACT_RULE,
        "",
        "La convention ne dit ni comment elle peut être résiliée ni ce que deviennent alors les données.",
        "The agreement says neither how it can be terminated nor what then becomes of the data.",
        _remove("/termination"),
        missing=True,
    ),
    Case(
        "rules-private-data-without-mechanism",
        "CV308",
        "warning",
        CONTRACT_RULE,
        PRIVATE_DATASET + "/sharing",
        "Des données privées d'intérêt général sont mobilisées sans mode de mobilisation (mécénat, médiation, "
        "altruisme…).",
        "Private data of general interest are mobilised with no mobilisation mechanism.",
        _then(_private, _remove(PRIVATE_DATASET + "/sharing/mobilisation_mechanism")),
        missing=True,
    ),
    Case(
        "rules-private-data-without-ip-holder",
        "CV309",
        "warning",
        CONTRACT_RULE,
        PRIVATE_DATASET + "/sharing",
        "Des données privées d'intérêt général ne désignent pas le titulaire de la propriété intellectuelle.",
        "Private data of general interest name no intellectual property holder.",
        _then(_private, _remove(PRIVATE_DATASET + "/sharing/ip_holders")),
        missing=True,
    ),
    Case(
        "rules-restricted-data-without-purposes",
        "CV310",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/sharing",
        "Des données personnelles à accès restreint ne précisent aucune finalité.",
        "Restricted personal data state no purpose.",
        _then(_personal, _remove(LANDLORD_DATASET + "/sharing/purposes")),
        missing=True,
    ),
    Case(
        "rules-restricted-data-without-recipients",
        "CV311",
        "error",
        CONTRACT_RULE,
        LANDLORD_DATASET + "/sharing",
        "Des données à accès restreint ne désignent aucun destinataire.",
        "Restricted data name no recipient.",
        _remove(LANDLORD_DATASET + "/sharing/recipients"),
        missing=True,
    ),
    Case(
        "rules-producer-not-a-party",
        "CV312",
        "error",
        CONTRACT_RULE,
        "/datasets/0/producer",
        "Le producteur du jeu de données n'est pas une partie de la convention.",
        "The dataset's producer is not a party to the convention.",
        _set("/datasets/0/producer", "organisation:552100554"),
    ),
    Case(
        "rules-period-beyond-contract-term",
        "CV313",
        "warning",
        CONTRACT_RULE,
        "/period/end_date",
        "La convention court jusqu'en 2032, au-delà du terme du contrat de ville (2030).",
        "The agreement runs until 2032, beyond the city contract's term (2030).",
        _set("/period/end_date", "2032-12-31"),
    ),
    Case(
        "rules-public-data-at-commune-scale",
        "CV320",
        "warning",
        CONTRACT_RULE,
        "/datasets/0/spatial_granularity",
        "Des données publiques sont produites à la commune, maille plus grossière que le quartier prioritaire.",
        "Public data are produced per municipality, coarser than the priority neighbourhood.",
        _set("/datasets/0/spatial_granularity", "COMMUNE"),
    ),
    Case(
        "rules-aggregates-without-secrecy-threshold",
        "CV321",
        "warning",
        CONTRACT_RULE,
        "/datasets/0/protection",
        "Des agrégats à l'échelle du quartier n'indiquent pas de seuil de secret statistique.",
        "Aggregates at neighbourhood scale state no statistical-secrecy threshold.",
        _remove("/datasets/0/protection/statistical_secrecy_threshold"),
        missing=True,
    ),
    Case(
        "rules-no-state-signatory",
        "CV323",
        "warning",
        CONTRACT_RULE,
        "/parties",
        "Aucun service de l'État ne signe la convention.",
        "No State service signs the agreement.",
        _set("/parties/0/roles", ["DATA_USER"]),
        missing=True,
    ),
    Case(
        "rules-placeholder-left-in-description",
        "CV325",
        "warning",
        CONTRACT_RULE,
        "/datasets/0/description",
        "Dans un projet de convention, la description d'un jeu de données est encore la mention « À COMPLÉTER » "
        "laissée par `convention-validator new`.",
        'A dataset\'s description is still the "À COMPLÉTER" placeholder left by `convention-validator new`.',
        _then(
            _draft,
            _set("/datasets/0/description", "À COMPLÉTER : contenu du jeu de données"),
        ),
    ),
    *AUDIT_CASES,
    # --- reference: codes checked against the shipped reference data ----------------------------
    Case(
        "reference-unknown-qpv-code",
        "CV401",
        "error",
        "reference",
        "/covered_qpv/1",
        "Le code QN03299M est bien formé mais ne figure pas dans la liste des QPV 2024.",
        "The code QN03299M is well formed but is not in the 2024 QPV list.",
        _set("/covered_qpv", ["QN03201M", "QN03299M"]),
    ),
    Case(
        "reference-qpv-outside-territory",
        "CV402",
        "error",
        "reference",
        "/covered_qpv/1",
        "Le quartier QN04413M (Malakoff, Nantes) n'appartient pas au territoire du contrat d'Auch.",
        "The neighbourhood QN04413M (Malakoff, Nantes) is outside the Auch contract's territory.",
        _set("/covered_qpv", ["QN03201M", "QN04413M"]),
    ),
    Case(
        "reference-unknown-contract-code",
        "CV404",
        "error",
        "reference",
        "/city_contract/code",
        "Le code de contrat CN03209M n'existe pas.",
        "The contract code CN03209M does not exist.",
        _set("/city_contract/code", "CN03209M"),
    ),
]


def _dump(doc: Document) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _line_of(doc: Document, case: Case) -> int:
    """Line of the finding: the key for a present value, the enclosing object for a missing one."""
    probe = copy.deepcopy(doc)
    if case.missing or case.pointer == "":
        if case.pointer == "":
            return 1
        target = _get(probe, case.pointer)
        marker = {SENTINEL: 0}
        if isinstance(target, dict):
            marker.update(target)
            _set(case.pointer, marker)(probe)
            return _find(_dump(probe)) - 1
        _set(case.pointer, SENTINEL)(probe)
        return _find(_dump(probe))
    _set(case.pointer, SENTINEL)(probe)
    return _find(_dump(probe))


def _find(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if SENTINEL in line:
            return number
    raise AssertionError("sentinel not found")


def render() -> dict[str, str]:
    """File name -> text of every invalid example and expected-finding file."""
    base = json.loads(BASE.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for case in CASES:
        doc = copy.deepcopy(base)
        case.change(doc)
        expected: dict[str, Any] = {
            "code": case.code,
            "severity": case.severity,
            "stage": case.stage,
            "pointer": case.pointer,
            "line": _line_of(doc, case),
        }
        if case.keyword:
            expected["json_schema_keyword"] = case.keyword
        expected["reason"] = {"fr": case.reason_fr, "en": case.reason_en}
        files[f"{case.name}.jsonld"] = _dump(doc)
        files[f"{case.name}.expected.yaml"] = _expected_yaml(expected)
    return files


@dataclass(frozen=True)
class Lawful:
    """One lawful example: a near miss of the rules it names, which must not report them."""

    name: str
    rules: tuple[str, ...]
    reason_fr: str
    reason_en: str
    change: Callable[[Document], None]
    findings: tuple[str, ...] = ()


LAWFUL_TARGET = ROOT / "examples" / "lawful"
PROCESSOR = "organisation:552100554"


def _processor(doc: Document) -> None:
    """A hosting company, bound by an Article 28 contract, that does not sign the agreement."""
    _personal(doc)
    doc["parties"].append(
        {
            "id": PROCESSOR,
            "name": "Gascogne Hébergement",
            "siren": PROCESSOR.split(":")[1],
            "party_type": "PRIVATE_COMPANY",
            "roles": ["PROCESSOR"],
            "contacts": [{"function": "Délégué à la protection des données", "email": "dpo@gascogne-hebergement.fr"}],
        }
    )
    _get(doc, LANDLORD_DATASET + "/protection/gdpr_roles").append(
        {
            "party": PROCESSOR,
            "gdpr_role": "PROCESSOR",
            "role_agreement": {"title": "Contrat de sous-traitance (RGPD, art. 28) du 2 avril 2024"},
        }
    )


LAWFUL: list[Lawful] = [
    Lawful(
        "lawful-open-aggregated-health-statistics",
        ("CV301", "CV307", "CV333", "CV345"),
        "Des statistiques agrégées sur une catégorie particulière (santé) sont ouvertes : ce ne sont pas des données "
        "personnelles.",
        "Aggregated statistics about a special category (health) are opened: they are not personal data.",
        _set("/datasets/0/protection/special_category_data", True),
    ),
    Lawful(
        "lawful-pseudonymised-data-with-all-safeguards",
        ("CV303", "CV304", "CV305", "CV306", "CV310", "CV311", "CV335", "CV343"),
        "Des données pseudonymisées déclarées comme telles, avec base légale et son texte, responsable, "
        "conservation, sécurité, finalités et destinataires.",
        "Pseudonymised data declared as such, with a legal basis and its text, a controller, retention, security, "
        "purposes and recipients.",
        _personal,
    ),
    Lawful(
        "lawful-processor-not-a-signatory",
        ("CV332", "CV331"),
        "Un hébergeur sous-traitant, lié par un contrat de l'article 28, est une partie sans signer la convention.",
        "A hosting processor, bound by an Article 28 contract, is a party without signing the agreement.",
        _processor,
    ),
    Lawful(
        "lawful-existing-dataset-published-before-the-contract",
        ("CV313",),
        "Un jeu de données existant, publié en 2019 et produit depuis 2015, avant le début du contrat de ville.",
        "An existing dataset, published in 2019 and produced since 2015, before the city contract started.",
        _then(
            _set(COMMUNE_DATASET + "/first_available_on", "2019-03-01"),
            _set(COMMUNE_DATASET + "/production_period/start_date", "2015-01-01"),
        ),
    ),
    Lawful(
        "lawful-evaluation-due-after-the-term",
        ("CV313",),
        "L'évaluation finale du programme de travail est due six mois après le terme du contrat de ville.",
        "The work programme's final evaluation is due six months after the city contract ends.",
        _set("/framework/work_programme/0/due_date", "2031-06-30"),
    ),
    Lawful(
        "lawful-retention-of-ten-years-in-days",
        ("CV314",),
        "Des données personnelles conservées 3 650 jours, soit dix ans au plus.",
        "Personal data kept 3,650 days, that is ten years at most.",
        _then(_personal, _set(LANDLORD_DATASET + "/protection/retention_period", "P3650D")),
    ),
    Lawful(
        "lawful-public-data-at-iris-scale",
        ("CV320",),
        "Des données publiques produites à l'IRIS, maille plus fine que le quartier.",
        "Public data produced per IRIS, finer than the neighbourhood.",
        _set("/datasets/0/spatial_granularity", "IRIS"),
    ),
    Lawful(
        "lawful-open-aggregates-at-building-scale-with-threshold",
        ("CV321", "CV344"),
        "Des agrégats ouverts à l'immeuble avec un seuil de secret statistique de 11.",
        "Open aggregates at building scale with a statistical-secrecy threshold of 11.",
        _set("/datasets/0/spatial_granularity", "BUILDING"),
    ),
    Lawful(
        "lawful-commune-controller-on-public-task",
        ("CV337",),
        "La commune, responsable du traitement, fonde le partage sur sa mission d'intérêt public (6.1.e).",
        "The commune, as controller, bases the sharing on its public task (6(1)(e)).",
        _then(_personal, _set(LANDLORD_DATASET + "/protection/gdpr_roles/0/party", COMMUNE)),
    ),
    Lawful(
        "lawful-hosting-outside-the-eu-with-standard-clauses",
        ("CV338",),
        "Des données personnelles hébergées hors de l'Union sous clauses types de protection des données.",
        "Personal data hosted outside the Union under standard data protection clauses.",
        _then(
            _personal,
            _set(LANDLORD_DATASET + "/protection/hosting/hosting_location", "OUTSIDE_EUROPEAN_UNION"),
            _set(LANDLORD_DATASET + "/protection/hosting/chapter_v_basis", "A46-2-c"),
        ),
    ),
    Lawful(
        "lawful-altruism-limited-to-costs",
        ("CV339",),
        "Des données mobilisées par altruisme avec une redevance limitée à la compensation des coûts.",
        "Data mobilised through altruism with a fee limited to compensation for costs.",
        _then(
            _altruism,
            _set(PRIVATE_DATASET + "/sharing/cost", {"cost_kind": "FEE", "amount": 800, "currency": "EUR"}),
            _set(PRIVATE_DATASET + "/sharing/compensation_limited_to_costs", True),
        ),
    ),
    Lawful(
        "lawful-altruism-of-personal-data-with-consent",
        ("CV340",),
        "Des données personnelles partagées par altruisme avec le consentement des personnes concernées.",
        "Personal data shared through altruism with the data subjects' consent.",
        _then(
            _private_personal,
            _set(PRIVATE_DATASET + "/sharing/mobilisation_mechanism", "DATA_ALTRUISM"),
            _set(
                PRIVATE_DATASET + "/sharing/altruism_consent",
                {"title": "Formulaire de consentement à l'altruisme des données des adhérents"},
            ),
        ),
    ),
    Lawful(
        "lawful-private-data-against-a-fee",
        ("CV341",),
        "Une mutuelle met ses données privées à disposition de la commune contre redevance.",
        "A mutual insurer makes its private data available to the commune against a fee.",
        _then(
            _private, _set(PRIVATE_DATASET + "/sharing/cost", {"cost_kind": "FEE", "amount": 800, "currency": "EUR"})
        ),
    ),
    Lawful(
        "lawful-open-data-as-csv-and-pdf",
        ("CV342",),
        "La commune ouvre ses données en CSV et en PDF.",
        "The commune opens its data as CSV and PDF.",
        _set(COMMUNE_DATASET + "/formats", ["CSV", "PDF"]),
    ),
    Lawful(
        "lawful-delegated-service-data-under-licence-ouverte",
        ("CV302", "CV350"),
        "Des données d'un service public délégué ouvertes sous Licence Ouverte 2.0.",
        "Data of a delegated public service opened under Licence Ouverte 2.0.",
        _set(COMMUNE_DATASET + "/category", "DELEGATED_PUBLIC_SERVICE_DATA"),
    ),
    Lawful(
        "lawful-health-data-on-hds-host",
        ("CV345", "CV307", "CV333"),
        "Des données personnelles de santé hébergées par un hébergeur certifié HDS.",
        "Personal health data hosted by an HDS-certified host.",
        _then(_health, _set(PRIVATE_DATASET + "/protection/hosting/certifications", ["HDS"])),
    ),
    Lawful(
        "lawful-mutual-insurer-private-data",
        ("CV346", "CV308", "CV309", "CV312", "CV351"),
        "Une mutuelle partage ses propres données privées d'intérêt général, par mécénat, avec un destinataire partie.",
        "A mutual insurer shares its own private data of general interest, as philanthropy, with a recipient party.",
        _private,
    ),
    Lawful(
        "lawful-draft-without-signature-date",
        ("CV347", "CV348"),
        "Un projet de convention, pas encore signé, sans date de signature.",
        "A draft agreement, not signed yet, without a signature date.",
        _draft,
    ),
    Lawful(
        "lawful-placeholder-in-a-draft",
        ("CV349",),
        "Un projet de convention porte encore la mention « À COMPLÉTER » : simple avertissement CV325.",
        "A draft agreement still carries the 'À COMPLÉTER' placeholder: only warning CV325.",
        _then(_draft, _set("/datasets/0/description", "À COMPLÉTER : contenu du jeu de données")),
        findings=("CV325",),
    ),
    Lawful(
        "lawful-signed-during-its-period",
        ("CV348",),
        "La convention est signée après le début de sa période, avant son terme.",
        "The agreement is signed after its period started, before it ends.",
        _set("/signed_on", "2024-07-15"),
    ),
    Lawful(
        "lawful-complete-signed-convention",
        ("CV322", "CV323", "CV324", "CV325", "CV330", "CV331", "CV334", "CV336"),
        "La convention d'Auch telle que signée : parties, signataires habilités, contacts fonctionnels, articles et "
        "politiques d'usage complets.",
        "The Auch agreement as signed: parties, empowered signatories, function mailboxes, complete articles and "
        "usage policies.",
        lambda doc: None,
    ),
]


def render_lawful() -> dict[str, str]:
    """File name -> text of every lawful example and its expected-findings file."""
    base = json.loads(BASE.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for case in LAWFUL:
        doc = copy.deepcopy(base)
        case.change(doc)
        lines = [
            "# Lawful near miss for the rules named below (see examples/README.md): none of them may be reported.",
            f"rules: {json.dumps(list(case.rules))}",
            f"findings: {json.dumps(list(case.findings))}",
            "reason:",
            f"  fr: {json.dumps(case.reason_fr, ensure_ascii=False)}",
            f"  en: {json.dumps(case.reason_en, ensure_ascii=False)}",
        ]
        files[f"{case.name}.jsonld"] = _dump(doc)
        files[f"{case.name}.expected.yaml"] = "\n".join(lines) + "\n"
    return files


def _expected_yaml(expected: dict[str, Any]) -> str:
    lines = ["# Expected finding for the invalid example beside this file (see examples/README.md)."]
    for key, value in expected.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _sync(target: Path, files: dict[str, str], check: bool) -> bool:
    """Write the files into target (or, with check, say whether they are up to date)."""
    if check:
        stale = [n for n, t in files.items() if not (target / n).exists() or (target / n).read_text("utf-8") != t]
        extra = sorted(p.name for p in target.glob("*") if p.name not in files and p.name != "README.md")
        if stale or extra:
            print(f"{target.name}: stale: {stale} extra: {extra}", file=sys.stderr)
        return not stale and not extra
    target.mkdir(parents=True, exist_ok=True)
    for old in [*target.glob("*.jsonld"), *target.glob("*.expected.yaml")]:
        old.unlink()
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files) // 2} examples to {target.relative_to(ROOT)}")
    return True


def main(argv: list[str]) -> int:
    check = "--check" in argv
    invalid = _sync(TARGET, render(), check)
    lawful = _sync(LAWFUL_TARGET, render_lawful(), check)
    return 0 if invalid and lawful else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
