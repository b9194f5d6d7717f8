"""Build the skeleton of a convention from a city contract code and the reference data.

What the reference data knows (territory, QPV, official names of communes, EPCI and EPT) is
filled in; what only the parties can decide carries the marker « À COMPLÉTER » in a text value
and is listed in `Scaffold.todo` (JSON pointer -> what to write), which the YAML writer turns
into comments.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from convention_validator.authoring.model_clauses import MODEL_ARTICLES, MODEL_CLAUSES, MODEL_DEFINITIONS, MODEL_VISAS
from convention_validator.authoring.policy import usage_policy
from convention_validator.reference_data import Authority, Contract, place_names, reference_data
from convention_validator.standard import Standard

MARKER = "À COMPLÉTER"
# SIRENs that cannot exist (their check digit is wrong): the validator's CV407 warning points at them.
PLACEHOLDER_SIREN = "999999999"
PLACEHOLDER_AUTHORITY_SIREN = "999999990"
CONTRACT_START, CONTRACT_END = "2024-01-01", "2030-12-31"
CONVENTION_NAMESPACE = "https://w3id.org/clauses-data/contrat-de-ville/"
CARRIER_ROLES = ("SIGNATORY", "COORDINATOR", "DATA_PRODUCER", "DATA_USER")
COMMUNE_ROLES = ("SIGNATORY", "DATA_PRODUCER", "DATA_USER")
STATE_ROLES = ("SIGNATORY", "DATA_USER")
DEFAULT_ROLES = ("SIGNATORY",)
PARTY_TODO = (
    f"{MARKER} : représentant signataire et contacts fonctionnels "
    "(délégué à la protection des données, référent données)."
)


class UnknownContract(ValueError):
    """The contract code is not in the reference data; `suggestions` are the closest known codes."""

    def __init__(self, code: str, suggestions: Sequence[str]) -> None:
        super().__init__(code)
        self.code = code
        self.suggestions = tuple(suggestions)


@dataclass(frozen=True)
class PartyRequest:
    """A party the user names by SIREN, with roles and, optionally, a party type."""

    siren: str
    roles: tuple[str, ...] = ()
    party_type: str | None = None


@dataclass
class Scaffold:
    """The convention's data and the fields the lawyer must still complete."""

    data: dict[str, Any]
    todo: dict[str, str] = field(default_factory=dict)

    @property
    def qpv(self) -> list[str]:
        return list(self.data["covered_qpv"])


def closest_contracts(code: str, limit: int = 5) -> list[str]:
    """Known contract codes closest to a mistyped one (same département first)."""
    codes = sorted(reference_data().contracts)
    wanted = code.strip().upper()
    close = difflib.get_close_matches(wanted, codes, n=limit, cutoff=0.6)
    if len(close) < limit and len(wanted) >= 5:
        close += [c for c in codes if c.startswith(wanted[:5]) and c not in close][: limit - len(close)]
    return close


def find_contract(code: str) -> Contract:
    """The contract of a code (case-insensitive), or UnknownContract with suggestions."""
    contract = reference_data().contracts.get(code.strip().upper())
    if contract is None:
        raise UnknownContract(code, closest_contracts(code))
    return contract


def contract_place_name(contract: Contract) -> str:
    """The contract's name without its département prefix ("32 - Auch" -> "Auch")."""
    _, _, name = contract.name.partition(" - ")
    authority = place_names().authority_of_territory(contract.territory)
    if not name or name == "NA":
        return authority.name if authority else contract.territory
    return name


def commune_party_name(name: str) -> str:
    """ "Commune d'Auch", "Commune du Mans", "Commune des Mureaux", "Commune de Nantes"."""
    if name.startswith("Le "):
        return f"Commune du {name[3:]}"
    if name.startswith("Les "):
        return f"Commune des {name[4:]}"
    if name[:1] in "AEIOUYÂÉÈÊÎÏÔŒ":
        return f"Commune d'{name}"
    return f"Commune de {name}"


def _party(
    siren: str, name: str, party_type: str, roles: Iterable[str], description: str = PARTY_TODO
) -> dict[str, Any]:
    return {
        "id": f"organisation:{siren}",
        "type": "Party",
        "name": name,
        "siren": siren,
        "party_type": party_type,
        "roles": list(dict.fromkeys(roles)),
        "description": description,
    }


def _authority_party(authority: Authority, roles: Iterable[str]) -> dict[str, Any]:
    name = commune_party_name(authority.name) if authority.kind == "COMMUNE" else authority.name
    return _party(authority.siren, name, authority.kind, roles)


class _Builder:
    """Accumulates parties and to-do notes while the skeleton is built."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.parties: list[dict[str, Any]] = []
        self.todo: dict[str, str] = {}

    def add_party(self, party: dict[str, Any], note: str | None = None) -> dict[str, Any]:
        for existing in self.parties:
            if existing["id"] == party["id"]:
                existing["roles"] = list(dict.fromkeys([*existing["roles"], *party["roles"]]))
                return existing
        self.parties.append(party)
        index = len(self.parties) - 1
        self.todo[f"/parties/{index}/description"] = note or "représentant signataire et contacts fonctionnels"
        return party

    def state_party(self, departement: str) -> None:
        name = f"Préfecture (département {departement}) — {MARKER} : nom exact de la préfecture"
        party = _party(PLACEHOLDER_SIREN, name, "STATE_SERVICE", STATE_ROLES)
        self.add_party(party)
        index = len(self.parties) - 1
        self.todo[f"/parties/{index}/name"] = "nom exact du service de l'État signataire (préfecture)"
        self.todo[f"/parties/{index}/siren"] = (
            "SIREN de la préfecture (annuaire-entreprises.data.gouv.fr) ; 999999999 est un numéro fictif, "
            "à remplacer aussi dans l'identifiant organisation:999999999 et partout où il est cité"
        )

    def carrier_party(self) -> dict[str, Any]:
        """The EPCI, EPT or commune holding the contract."""
        authority = place_names().authority_of_territory(self.contract.territory)
        if authority is not None:
            return self.add_party(_authority_party(authority, CARRIER_ROLES))
        name = place_names().communes.get(self.contract.territory, self.contract.territory)
        party = _party(PLACEHOLDER_AUTHORITY_SIREN, f"{commune_party_name(name)} — {MARKER}", "COMMUNE", CARRIER_ROLES)
        party = self.add_party(party)
        index = self.parties.index(party)
        self.todo[f"/parties/{index}/siren"] = "SIREN de la collectivité (absent du référentiel) ; ce numéro est fictif"
        self.todo[f"/parties/{index}/party_type"] = (
            "type de la collectivité (COMMUNE, ou OTHER pour une collectivité d'outre-mer)"
        )
        return party

    def requested_party(self, request: PartyRequest) -> None:
        authority = place_names().authorities.get(request.siren)
        roles = request.roles or DEFAULT_ROLES
        if authority is not None:
            party = _authority_party(authority, roles)
            if request.party_type:
                party["party_type"] = request.party_type
            self.add_party(party)
            return
        name = f"{MARKER} : nom officiel du partenaire (SIREN {request.siren})"
        self.add_party(_party(request.siren, name, request.party_type or "OTHER", roles))
        index = len(self.parties) - 1
        self.todo[f"/parties/{index}/name"] = "nom officiel du partenaire, tel qu'inscrit au répertoire SIRENE"
        if not request.party_type:
            self.todo[f"/parties/{index}/party_type"] = "type du partenaire (bailleur social, opérateur public…)"


def scaffold(contract_code: str, parties: Sequence[PartyRequest] = (), title: str | None = None) -> Scaffold:
    """The skeleton of the convention of a city contract."""
    contract = find_contract(contract_code)
    ref = reference_data()
    qpv = ref.territory_qpv(contract.territory)
    territory_communes = ref.territory_communes(contract.territory) or frozenset()
    communes = sorted({c for q in qpv for c in q.communes} & territory_communes)
    place = contract_place_name(contract)
    departement = contract.name.partition(" - ")[0]

    builder = _Builder(contract)
    builder.state_party(departement)
    carrier = builder.carrier_party()
    names = place_names()
    if carrier["party_type"] != "COMMUNE":
        for commune in communes:
            authority = names.commune_authorities.get(commune)
            if authority is not None:
                builder.add_party(_authority_party(authority, COMMUNE_ROLES))
    for request in parties:
        builder.requested_party(request)

    convention_id = f"{CONVENTION_NAMESPACE}{contract.code}/partenariat-donnees"
    producer = carrier["id"]
    dataset = _dataset_skeleton(convention_id, producer)
    for party in builder.parties:
        if "SIGNATORY" in party["roles"]:
            party["representative"] = {
                "function": f"{MARKER} : fonction du signataire (le préfet, le maire, le président…)",
                "empowered_by": {"title": f"{MARKER} : délibération ou délégation qui l'habilite, et sa date"},
            }
    data: dict[str, Any] = {
        "@context": Standard().context_url,
        "id": convention_id,
        "type": "Convention",
        "title": title or f"Convention de partenariat de données du contrat de ville 2024-2030 : {place}",
        "description": f"{MARKER} : objet de la convention et quartiers concernés, en quelques phrases.",
        "city_contract": {
            "code": contract.code,
            "title": f"Contrat de ville 2024-2030 : {place}",
            "territory_code": contract.territory,
            "communes": communes,
            "period": {"start_date": CONTRACT_START, "end_date": CONTRACT_END},
        },
        "covered_qpv": [q.code for q in qpv],
        "period": {"start_date": CONTRACT_START, "end_date": CONTRACT_END},
        "status": "DRAFT",
        "version": "0.1",
        "visas": [*copy.deepcopy(MODEL_VISAS), {"title": f"Contrat de ville 2024-2030 : {place}"}],
        "preamble": f"{MARKER} : le contrat de ville, les clauses types qu'il adopte et ce que la convention met "
        "en œuvre.",
        "subject_matter": f"{MARKER} : objet de la convention, en une ou deux phrases.",
        "definitions": copy.deepcopy(MODEL_DEFINITIONS),
        "adopted_clauses": [
            {"clause_kind": kind, "article": f"{MARKER} : article du contrat de ville", "text": text}
            for kind, text in MODEL_CLAUSES.items()
        ],
        "parties": builder.parties,
        "commitments": [
            {
                "obliged_party": producer,
                "description": f"{MARKER} : ce que la partie met à disposition ou fait, et dans quelles conditions.",
                "concerns_datasets": [dataset["id"]],
                "recurrence": "ANNUAL",
                "consequence_of_miss": "Le manquement est examiné par l'instance de gouvernance, qui fixe un "
                "nouveau délai.",
            }
        ],
        "datasets": [dataset],
        "framework": {
            "ethics_rules": [
                {
                    "title": f"{MARKER} : intitulé de la règle éthique",
                    "text": f"{MARKER} : règle éthique que les partenaires ajoutent au RGPD (par exemple : aucune "
                    "décision individuelle fondée sur les données partagées).",
                }
            ],
            "governance": {
                "name": f"Comité de pilotage du partenariat de données — {MARKER}",
                "members": [p["id"] for p in builder.parties],
                "chairs": [producer],
                "meeting_frequency": "ANNUAL",
            },
        },
        **copy.deepcopy(MODEL_ARTICLES),
        "dispute_resolution": {
            "amicable_settlement_period": "P2M",
            "competent_court": f"{MARKER} : tribunal administratif dans le ressort duquel la convention s'exécute",
        },
        "contract_documents": [
            {"title": "La présente convention", "rank": 1},
            {"title": "Les fiches des jeux de données annexées à la convention", "rank": 2},
            {"title": f"Contrat de ville 2024-2030 : {place}", "rank": 3},
        ],
    }
    todo = {
        "/id": "IRI pérenne de la convention, de préférence sous le domaine de la collectivité coordinatrice",
        "/description": "objet de la convention",
        "/adopted_clauses": "articles du contrat où figurent les clauses ; retirez les clauses non adoptées",
        "/datasets/0": "un bloc par jeu de données partagé ; les conditions proposées sont celles de l'open data",
        "/datasets/0/title": "intitulé du jeu de données",
        "/datasets/0/description": "contenu du jeu de données",
        "/datasets/0/producer": "identifiant de la partie qui produit le jeu de données",
        "/framework/ethics_rules": "règles éthiques du partenariat local",
        "/framework/governance/name": "nom de l'instance de gouvernance",
        "/preamble": "exposé des motifs",
        "/subject_matter": "objet de la convention (article 1)",
        "/commitments/0/description": "engagement de la partie, avec son échéance (deadline) et sa qualité",
        "/dispute_resolution/competent_court": "juridiction compétente",
        **{
            f"/parties/{index}/representative": "fonction du signataire et acte qui l'habilite"
            for index, party in enumerate(builder.parties)
            if "representative" in party
        },
        **builder.todo,
    }
    order = {pointer: index for index, pointer in enumerate(_pointers(data))}
    return Scaffold(data=data, todo=dict(sorted(todo.items(), key=lambda item: order.get(item[0], len(order)))))


def _pointers(value: Any, prefix: str = "") -> list[str]:
    """JSON pointers of every value, in document order."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, f"{prefix}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, f"{prefix}/{index}")
    return found


def _dataset_skeleton(convention_id: str, producer: str) -> dict[str, Any]:
    """One public dataset at QPV scale: the default the model clauses aim at."""
    dataset: dict[str, Any] = {
        "id": f"{convention_id}/jeux-de-donnees/jeu-1",
        "type": "Dataset",
        "title": f"{MARKER} : intitulé du jeu de données",
        "description": f"{MARKER} : contenu, variables et champ du jeu de données, à l'échelle de chaque quartier.",
        "producer": producer,
        "category": "PUBLIC_ADMINISTRATION_DATA",
        "formats": ["CSV"],
        "spatial_granularity": "QPV",
        "temporal_granularity": "P1Y",
        "update_frequency": "ANNUAL",
        "production_period": {"start_date": CONTRACT_START, "end_date": CONTRACT_END},
        "sharing": {
            "access_level": "PUBLIC",
            "licence": "etalab-2.0",
            "purposes": ["PublicPolicyMaking"],
            "cost": {"cost_kind": "FREE"},
        },
        "protection": {
            "personal_data": "AGGREGATED",
            "anonymisation_techniques": ["DataRedaction"],
            "statistical_secrecy_threshold": 11,
            "transfer": {"channel": "OPEN_DATA_PORTAL"},
        },
    }
    dataset["usage_policy"] = usage_policy(dataset, CONTRACT_END)
    return dataset


def count_markers(value: Any) -> int:
    """How many text values still carry the « À COMPLÉTER » marker."""
    if isinstance(value, dict):
        return sum(count_markers(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_markers(v) for v in value)
    return int(isinstance(value, str) and MARKER in value)
