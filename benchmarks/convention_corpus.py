"""A seeded corpus of synthetic but plausible conventions, one per real contrat de ville.

Each convention belongs to a real contract of the shipped reference list and covers the real
QPV of its territory; its communes and EPCI sign with their real SIREN. The other partners
(State, département, CAF, CPAM, France Travail, social landlord, transport or heat network
operator, companies mobilised through data philanthropy...) have plausible names and
Luhn-valid synthetic SIRENs. About thirty datasets per convention are drawn from a catalogue of
realistic datasets, with sharing and protection terms that satisfy the standard's rules (a few
public datasets at commune level raise the CV320 warning, as real conventions do). The clause
texts and the generic ethics rules come from the Nantes example.

Same seed and index, same bytes. Beyond the 444 contracts that have QPV, contracts are reused
for further conventions with distinct identifiers.

Usage: python benchmarks/convention_corpus.py OUT_DIR COUNT [--base-url URL] [--check N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from convention_validator.reference_data import luhn_valid, reference_data
from convention_validator.standard import REFERENCE_DIR

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "examples" / "valid" / "nantes-metropole.jsonld"
CONTEXT = "https://w3id.org/clauses-data/0.1.0/context.jsonld"
DEFAULT_SEED = 2024
TERM = ("2024-01-01", "2030-12-31")
MAX_COMMUNE_PARTIES = 5

Json = dict[str, Any]

# "Préfecture de l'Ain", "Département du Nord": the département with its article.
DEPARTMENTS = dict(
    line.split(" ", 1)
    for line in """01 de l'Ain|02 de l'Aisne|03 de l'Allier|04 des Alpes-de-Haute-Provence|05 des Hautes-Alpes
06 des Alpes-Maritimes|07 de l'Ardèche|08 des Ardennes|09 de l'Ariège|10 de l'Aube|11 de l'Aude|12 de l'Aveyron
13 des Bouches-du-Rhône|14 du Calvados|15 du Cantal|16 de la Charente|17 de la Charente-Maritime|18 du Cher
19 de la Corrèze|21 de la Côte-d'Or|22 des Côtes-d'Armor|23 de la Creuse|24 de la Dordogne|25 du Doubs|26 de la Drôme
27 de l'Eure|28 d'Eure-et-Loir|29 du Finistère|2A de la Corse-du-Sud|2B de la Haute-Corse|30 du Gard
31 de la Haute-Garonne|32 du Gers|33 de la Gironde|34 de l'Hérault|35 d'Ille-et-Vilaine|36 de l'Indre
37 d'Indre-et-Loire|38 de l'Isère|39 du Jura|40 des Landes|41 de Loir-et-Cher|42 de la Loire|43 de la Haute-Loire
44 de la Loire-Atlantique|45 du Loiret|46 du Lot|47 de Lot-et-Garonne|48 de la Lozère|49 de Maine-et-Loire
50 de la Manche|51 de la Marne|52 de la Haute-Marne|53 de la Mayenne|54 de Meurthe-et-Moselle|55 de la Meuse
56 du Morbihan|57 de la Moselle|58 de la Nièvre|59 du Nord|60 de l'Oise|61 de l'Orne|62 du Pas-de-Calais
63 du Puy-de-Dôme|64 des Pyrénées-Atlantiques|65 des Hautes-Pyrénées|66 des Pyrénées-Orientales|67 du Bas-Rhin
68 du Haut-Rhin|69 du Rhône|70 de la Haute-Saône|71 de Saône-et-Loire|72 de la Sarthe|73 de la Savoie
74 de la Haute-Savoie|75 de Paris|76 de la Seine-Maritime|77 de Seine-et-Marne|78 des Yvelines|79 des Deux-Sèvres
80 de la Somme|81 du Tarn|82 de Tarn-et-Garonne|83 du Var|84 de Vaucluse|85 de la Vendée|86 de la Vienne
87 de la Haute-Vienne|88 des Vosges|89 de l'Yonne|90 du Territoire de Belfort|91 de l'Essonne|92 des Hauts-de-Seine
93 de la Seine-Saint-Denis|94 du Val-de-Marne|95 du Val-d'Oise|971 de la Guadeloupe|972 de la Martinique
973 de la Guyane|974 de La Réunion|976 de Mayotte|978 de Saint-Martin|987 de la Polynésie française""".replace(
        "\n", "|"
    ).split("|")
)


@dataclass(frozen=True)
class Territory:
    """A real contract, its territory and the QPV and communes that host them."""

    code: str
    title: str
    territory: str
    department: str
    qpv: tuple[str, ...]
    communes: tuple[tuple[str, str, str], ...]  # (INSEE code, name, SIREN or "") hosting a QPV
    grouping: tuple[str, str, str] | None  # (SIREN, name, EPCI or EPT) signing the contract


@cache
def _communes() -> dict[str, tuple[str, str]]:
    """INSEE code -> (name, SIREN) for every commune of the COG 2024."""
    with (REFERENCE_DIR / "communes-2024.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code_insee"]: (row["nom"], row["siren"]) for row in csv.DictReader(handle)}


@cache
def _groupings() -> dict[str, tuple[str, str]]:
    """EPCI or EPT SIREN -> (name, party type)."""
    names: dict[str, tuple[str, str]] = {}
    for file, kind in (("epci-2024.csv", "EPCI"), ("ept-2024.csv", "EPT")):
        with (REFERENCE_DIR / file).open(encoding="utf-8", newline="") as handle:
            names.update({row["siren"]: (row["nom"], kind) for row in csv.DictReader(handle)})
    return names


@cache
def territories() -> tuple[Territory, ...]:
    """Every real contract whose territory holds at least one QPV, in code order."""
    ref = reference_data()
    departments: dict[str, str] = {}
    with (REFERENCE_DIR / "contrats-de-ville.csv").open(encoding="utf-8", newline="") as handle:
        departments = {row["code_cv"]: row["insee_dep"] for row in csv.DictReader(handle)}
    communes = _communes()
    result = []
    for contract in sorted(ref.contracts.values(), key=lambda c: c.code):
        members = ref.territory_communes(contract.territory) or frozenset()
        qpv = sorted(code for code, q in ref.qpv.items() if q.communes & members)
        if not qpv or departments.get(contract.code) not in DEPARTMENTS:
            continue
        hosts = sorted({c for code in qpv for c in ref.qpv[code].communes & members})
        grouping = _groupings().get(contract.territory)
        result.append(
            Territory(
                code=contract.code,
                title=contract.name.split(" - ", 1)[-1].strip(),
                territory=contract.territory,
                department=departments[contract.code],
                qpv=tuple(qpv),
                communes=tuple((c, *communes.get(c, (c, ""))) for c in hosts),
                grouping=(contract.territory, *grouping) if grouping else None,
            )
        )
    return tuple(result)


def synthetic_siren(prefix: str, key: str) -> str:
    """A Luhn-valid nine-digit SIREN starting with `prefix`, stable for `key`."""
    width = 8 - len(prefix)
    body = prefix + f"{int(hashlib.sha256(key.encode()).hexdigest()[:12], 16) % 10**width:0{width}d}"
    siren = next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))
    return siren


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# --- parties ----------------------------------------------------------------------------------

PRODUCER_USER = ["SIGNATORY", "DATA_PRODUCER", "DATA_USER"]
INTERIM = ("Alliance Intérim", "Proxim'Emploi Intérim", "Cap Missions Intérim", "Tremplin Travail Temporaire")
MUTUALS = ("Mutuelle Solidarité Santé", "Mutuelle des Territoires", "Mutuelle Familiale de l'Ouest et du Centre")
BANKS = ("Banque Coopérative des Régions", "Crédit Solidaire Mutualiste", "Caisse d'Épargne et de Microcrédit")


@dataclass
class Parties:
    """The parties of one convention, by kind; `items` keeps the document order."""

    items: list[Json]
    by_kind: dict[str, Json]
    communes: list[Json]

    def ref(self, kind: str) -> str:
        return str(self.by_kind[kind]["id"])

    def has(self, kind: str) -> bool:
        return kind in self.by_kind


def _party(
    siren: str, name: str, kind: str, roles: list[str], domain: str, service: str, description: str = ""
) -> Json:
    party: Json = {"id": f"organisation:{siren}", "type": "Party", "name": name, "siren": siren}
    party |= {"party_type": kind, "roles": roles}
    if description:
        party["description"] = description
    party["contacts"] = [
        {"function": service, "email": f"{slug(service)[:40].strip('-')}@{domain}"},
        {"function": "Délégué à la protection des données", "email": f"dpo@{domain}"},
    ]
    return party


def build_parties(t: Territory, rng: random.Random) -> Parties:
    dep = DEPARTMENTS[t.department]
    dep_slug = slug(re.sub(r"^(de la |de l'|du |des |d'|de )", "", dep))
    short = slug(t.title)[:30].strip("-")
    by_kind: dict[str, Json] = {}
    state_name = (
        "Haut-commissariat de la République en Polynésie française" if t.department == "987" else f"Préfecture {dep}"
    )
    by_kind["state"] = _party(
        synthetic_siren("17", "state" + t.department),
        state_name,
        "STATE_SERVICE",
        list(PRODUCER_USER),
        f"{dep_slug}.gouv.fr",
        "Mission départementale politique de la ville",
    )
    if t.grouping:
        siren, name, kind = t.grouping
        by_kind["epci"] = _party(
            siren,
            name,
            kind,
            ["SIGNATORY", "COORDINATOR", "DATA_PRODUCER", "DATA_USER", "PROCESSOR"],
            f"{short}.fr",
            "Direction de la politique de la ville",
            "Porteur du contrat de ville ; anime le partenariat de données.",
        )
    communes = []
    for code, name, siren in t.communes[:MAX_COMMUNE_PARTIES]:
        if not siren:
            continue
        roles = list(PRODUCER_USER) if t.grouping else ["SIGNATORY", "COORDINATOR", "DATA_PRODUCER", "DATA_USER"]
        party = _party(
            siren, f"Ville de {name}", "COMMUNE", roles, f"ville-{slug(name)}.fr", "Service politique de la ville"
        )
        party["_insee"] = code
        communes.append(party)
    optional = {
        "departement": 0.85,
        "landlord": 0.9,
        "cpam": 0.7,
        "transport": 0.7,
        "energy": 0.3,
        "interim": 0.5,
        "mutual": 0.35,
        "bank": 0.25,
        "association": 0.5,
    }
    present = {kind for kind, share in optional.items() if rng.random() < share}
    if "departement" in present:
        by_kind["departement"] = _party(
            synthetic_siren("22", "dep" + t.department),
            f"Département {dep}",
            "DEPARTEMENT",
            list(PRODUCER_USER),
            f"{dep_slug}.fr",
            "Direction de l'insertion et de l'action sociale",
        )
    if "landlord" in present:
        name = f"{t.title.removeprefix('CA ').removeprefix('CC ').removeprefix('CU ')} Habitat"
        by_kind["landlord"] = _party(
            synthetic_siren("27", "oph" + t.code),
            name,
            "SOCIAL_LANDLORD",
            ["SIGNATORY", "DATA_PRODUCER"],
            f"{slug(name)[:30].strip('-')}.fr",
            "Direction de la gestion locative",
            "Office public de l'habitat, principal bailleur social des quartiers prioritaires du territoire.",
        )
    by_kind["france_travail"] = _party(
        "130005481",
        "France Travail",
        "PUBLIC_OPERATOR",
        list(PRODUCER_USER),
        "francetravail.fr",
        "Direction territoriale, service statistiques et études",
        f"Représenté par sa direction territoriale {dep}.",
    )
    by_kind["caf"] = _party(
        synthetic_siren("53", "caf" + t.department),
        f"Caisse d'allocations familiales {dep}",
        "PUBLIC_OPERATOR",
        list(PRODUCER_USER),
        f"caf{t.department.lower()}.caf.fr",
        "Service études et statistiques",
    )
    if "cpam" in present:
        by_kind["cpam"] = _party(
            synthetic_siren("78", "cpam" + t.department),
            f"Caisse primaire d'assurance maladie {dep}",
            "PUBLIC_OPERATOR",
            ["SIGNATORY", "DATA_PRODUCER", "CONTROLLER"],
            f"cpam{t.department.lower()}.assurance-maladie.fr",
            "Mission accompagnement santé",
        )
    if "transport" in present:
        by_kind["transport"] = _party(
            synthetic_siren("31", "transport" + t.code),
            f"Société des transports urbains {t.title}",
            "DELEGATED_PUBLIC_SERVICE_COMPANY",
            ["SIGNATORY", "DATA_PRODUCER"],
            f"transports-{short}.fr",
            "Service données et information voyageurs",
            "Délégataire du service public des transports urbains.",
        )
    if "energy" in present:
        by_kind["energy"] = _party(
            synthetic_siren("45", "chaleur" + t.code),
            f"Réseau de chaleur {t.title}",
            "DELEGATED_PUBLIC_SERVICE_COMPANY",
            ["SIGNATORY", "DATA_PRODUCER"],
            f"chaleur-{short}.fr",
            "Service exploitation",
            "Délégataire du réseau de chaleur urbain.",
        )
    for kind, names, prefix, party_type in (
        ("interim", INTERIM, "40", "TEMPORARY_WORK_AGENCY"),
        ("mutual", MUTUALS, "77", "MUTUAL_INSURANCE"),
        ("bank", BANKS, "38", "BANK"),
    ):
        if kind in present:
            name = rng.choice(names)
            by_kind[kind] = _party(
                synthetic_siren(prefix, name),
                name,
                party_type,
                ["SIGNATORY", "DATA_PRODUCER"],
                f"{slug(name)[:30].strip('-')}.fr",
                "Direction de l'engagement sociétal",
                "Partenaire au titre de la mobilisation de données privées d'intérêt général.",
            )
    if "association" in present:
        name = f"Fédération des centres sociaux {dep}"
        by_kind["association"] = _party(
            synthetic_siren("80", "assoc" + t.department),
            name,
            "ASSOCIATION",
            ["SIGNATORY", "DATA_PRODUCER", "DATA_USER"],
            f"centres-sociaux-{t.department.lower()}.fr",
            "Pôle observation sociale",
        )
    order = ["state", "epci"]
    items = [by_kind[k] for k in order if k in by_kind] + communes
    items += [p for k, p in by_kind.items() if k not in order]
    return Parties(items=items, by_kind=by_kind, communes=communes)


# --- datasets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """One kind of dataset of the catalogue; `{commune}` / `{territory}` are filled in."""

    key: str
    producer: str  # a party kind, or "commune" (one dataset per commune party)
    title: str
    description: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    profile: str  # open | open-none | restricted | private:<mechanism> | delegated | pseudonymised | identifying
    purposes: tuple[str, ...]
    granularity: str = "QPV"
    temporal: str = "P1Y"
    frequencies: tuple[str, ...] = ("ANNUAL",)
    formats: tuple[str, ...] = ("CSV",)
    conforms_to: str = ""
    special: bool = False


CATALOGUE_FILE = Path(__file__).with_name("convention_catalogue.yaml")


@cache
def catalogue() -> tuple[Template, ...]:
    """The dataset templates of benchmarks/convention_catalogue.yaml."""
    import yaml

    entries: list[dict[str, Any]] = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    templates = []
    for entry in entries:
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        templates.append(Template(**fields))
    return tuple(templates)


def _recipients(parties: Parties, producer: str, rng: random.Random) -> list[str]:
    pool = [p["id"] for p in parties.items if p["id"] != producer and "DATA_USER" in p["roles"]]
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
    return chosen or [parties.ref("state")]


def _restricted_protection(rng: random.Random, personal: str) -> Json:
    return {
        "personal_data": personal,
        "anonymisation_techniques": ["DataRedaction"],
        "statistical_secrecy_threshold": rng.choice((5, 10, 11)),
        "technical_measures": ["AccessControlMethod", "EncryptionInTransfer"],
        "organisational_measures": ["AuthorisationProcedure"],
        "hosting": {"hosting_location": "FRANCE", "provider": "Centre de données de l'intercommunalité"},
        "transfer": {"channel": "SECURE_EXCHANGE_PLATFORM", "encrypted": True},
        "retention_period": rng.choice(("P3Y", "P5Y")),
        "destruction_conditions": "Suppression des fichiers reçus par chaque destinataire au terme de la durée "
        "de conservation ou du contrat de ville, attestée auprès du producteur.",
    }


REUSE = {
    "restricted": "Pas de diffusion au-delà des destinataires désignés ; toute publication de résultats respecte "
    "le seuil de secret statistique.",
    "private": "Données mises à disposition gracieusement ; toute publication cite le producteur et lui est soumise "
    "avant diffusion ; aucune réutilisation commerciale.",
    "personal": "Aucune réidentification ni appariement ; aucune décision individuelle ; seuls des résultats agrégés "
    "sortent de l'environnement sécurisé.",
}


def _terms(template: Template, producer: str, parties: Parties, rng: random.Random) -> tuple[str, Json, Json]:
    """(category, sharing, protection) for a template's profile."""
    purposes = list(template.purposes)
    free: Json = {"cost_kind": "FREE"}
    licence = rng.choice(("etalab-2.0", "etalab-2.0", "ODbL-1.0"))
    channel: Json = {"channel": rng.choice(("OPEN_DATA_PORTAL", "OPEN_DATA_PORTAL", "API"))}
    aggregated: Json = {
        "personal_data": "AGGREGATED",
        "anonymisation_techniques": ["DataRedaction"],
        "statistical_secrecy_threshold": rng.choice((5, 10, 11)),
        "transfer": channel,
    }
    no_personal_data: Json = {"personal_data": "NONE", "transfer": channel}
    public: Json = {"access_level": "PUBLIC", "licence": licence, "purposes": purposes, "cost": free}
    profile = template.profile
    if profile == "open":
        return "PUBLIC_ADMINISTRATION_DATA", public, aggregated
    if profile == "open-none":
        return "PUBLIC_ADMINISTRATION_DATA", public, no_personal_data
    if profile.startswith("delegated"):
        public |= {"licence": "ODbL-1.0", "mobilisation_mechanism": "PUBLIC_SERVICE_DELEGATION_OBLIGATION"}
        return (
            "DELEGATED_PUBLIC_SERVICE_DATA",
            public,
            aggregated if profile.endswith("aggregated") else no_personal_data,
        )
    restricted: Json = {"access_level": "RESTRICTED", "purposes": purposes}
    restricted |= {"recipients": _recipients(parties, producer, rng), "cost": free}
    if profile == "restricted":
        restricted["reuse_conditions"] = REUSE["restricted"]
        return "PUBLIC_ADMINISTRATION_DATA", restricted, _restricted_protection(rng, "AGGREGATED")
    if profile.startswith("private:"):
        restricted |= {"ip_holder": producer, "mobilisation_mechanism": profile.split(":", 1)[1]}
        restricted["reuse_conditions"] = REUSE["private"]
        return "PRIVATE_GENERAL_INTEREST_DATA", restricted, _restricted_protection(rng, "AGGREGATED")
    # personal data: pseudonymised study file or identifying list
    coordinator = parties.ref("epci") if parties.has("epci") else parties.ref("state")
    restricted["access_level"] = "NON_PUBLIC"
    restricted["recipients"] = [coordinator]
    restricted["reuse_conditions"] = REUSE["personal"]
    protection: Json = {"personal_data": "PSEUDONYMISED" if profile == "pseudonymised" else "IDENTIFYING"}
    if template.special:
        protection["special_category_data"] = True
    protection |= {
        "legal_bases": ["A6-1-e", "A9-2-h"] if template.special else ["A6-1-e"],
        "controller": producer,
        "processors": [coordinator],
        "dpia_completed": True,
    }
    if profile == "pseudonymised":
        protection["anonymisation_techniques"] = ["Pseudonymisation"]
        protection["statistical_secrecy_threshold"] = 11
    protection |= {
        "technical_measures": ["EncryptionAtRest", "EncryptionInTransfer", "AccessControlMethod", "ActivityMonitoring"],
        "organisational_measures": ["AuthorisationProcedure", "StaffTraining", "SecureProcessingEnvironment"],
        "hosting": {"hosting_location": "FRANCE", "provider": "Hébergeur certifié", "certifications": ["HDS"]},
        "transfer": {"channel": "SFTP", "encrypted": True},
        "retention_period": rng.choice(("P18M", "P2Y", "P3Y")),
        "destruction_conditions": "Destruction du fichier et de toutes ses copies au terme de la durée de "
        "conservation ; procès-verbal adressé au délégué à la protection des données du producteur.",
    }
    return "PUBLIC_ADMINISTRATION_DATA", restricted, protection


def _date(rng: random.Random, start_year: int, end_year: int) -> str:
    return f"{rng.randint(start_year, end_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _dataset(
    template: Template, base: str, producer: Json, parties: Parties, t: Territory, rng: random.Random, series: int
) -> Json:
    commune = producer.get("name", "").removeprefix("Ville de ")
    key = template.key + (f"-{producer['_insee']}" if "_insee" in producer else "") + (f"-{series}" if series else "")
    title = template.title.format(commune=commune) + (f" (série {series + 1})" if series else "")
    category, sharing, protection = _terms(template, producer["id"], parties, rng)
    dataset: Json = {
        "id": f"{base}/jeux-de-donnees/{key}",
        "type": "Dataset",
        "title": title,
        "description": template.description.format(commune=commune),
        "themes": list(template.themes),
        "keywords": list(template.keywords),
        "producer": producer["id"],
        "category": category,
    }
    if "_insee" in producer:
        ref = reference_data()
        own = [q for q in t.qpv if producer["_insee"] in ref.qpv[q].communes]
        if own:
            dataset["covered_qpv"] = own
    dataset["formats"] = list(template.formats)
    if template.conforms_to:
        dataset["conforms_to"] = [template.conforms_to]
    dataset["spatial_granularity"] = template.granularity
    if template.temporal:
        dataset["temporal_granularity"] = template.temporal
    dataset["update_frequency"] = rng.choice(template.frequencies)
    start_year = rng.randint(2024, 2026)
    dataset["first_available_on"] = _date(rng, start_year, start_year + 1)
    dataset["production_period"] = {"start_date": f"{start_year}-01-01", "end_date": TERM[1]}
    dataset["sharing"] = sharing
    dataset["protection"] = protection
    return dataset


def build_datasets(base: str, parties: Parties, t: Territory, rng: random.Random) -> list[Json]:
    candidates: list[tuple[Template, Json]] = []
    for template in catalogue():
        if template.producer == "commune":
            candidates += [(template, c) for c in parties.communes]
        elif parties.has(template.producer):
            candidates.append((template, parties.by_kind[template.producer]))
    rng.shuffle(candidates)
    wanted = rng.randint(26, 34)
    chosen = [(tpl, producer, 0) for tpl, producer in candidates[:wanted]]
    series = 1
    while len(chosen) < wanted:  # small territories: further series of the same datasets
        chosen += [(tpl, producer, series) for tpl, producer in candidates[: wanted - len(chosen)]]
        series += 1
    return [_dataset(tpl, base, producer, parties, t, rng, s) for tpl, producer, s in chosen]


# --- the convention ---------------------------------------------------------------------------


@cache
def _model() -> Json:
    model: Json = json.loads(MODEL.read_text(encoding="utf-8"))
    return model


GENERIC_ETHICS = (
    "Refus de toute stigmatisation des quartiers",
    "Interdiction des usages de contrôle individuel",
    "Transparence des traitements algorithmiques",
)


def _framework(parties: Parties, datasets: Sequence[Json], rng: random.Random) -> Json:
    model = _model()["framework"]
    chairs = [parties.ref("state"), parties.ref("epci") if parties.has("epci") else parties.items[1]["id"]]
    programme = []
    themes = (
        ("Observatoire des quartiers prioritaires", "Tableau de bord public des indicateurs de chaque quartier."),
        ("Accès à l'emploi et mobilité", "Croisement des données d'emploi, d'intérim et de transport."),
        ("Accès aux droits et à la santé", "Ciblage des actions d'aller-vers là où le non-recours est élevé."),
        ("Habitat et prévention des impayés", "Analyse conjointe des impayés et des prestations sociales."),
    )
    for title, description in themes[: rng.randint(2, 4)]:
        used = rng.sample([d["id"] for d in datasets], k=rng.randint(2, 4))
        lead = next(d["producer"] for d in datasets if d["id"] == used[0])
        item = {"title": title, "description": description, "lead": lead, "uses_datasets": used}
        programme.append(item | {"due_date": _date(rng, 2025, 2029)})
    framework: Json = {
        "ethics_rules": [r for r in model["ethics_rules"] if r["title"] in GENERIC_ETHICS],
        "governance": {
            "name": "Comité de pilotage du partenariat de données du contrat de ville",
            "members": [p["id"] for p in parties.items],
            "chairs": chairs,
            "meeting_frequency": rng.choice(("QUARTERLY", "ANNUAL_2")),
        },
        "work_programme": programme,
    }
    if rng.random() < 0.2:
        framework["labels"] = model["labels"]
    framework["evaluation_commitments"] = model["evaluation_commitments"][:2]
    return framework


def convention(index: int, seed: int = DEFAULT_SEED) -> Json:
    """The `index`-th convention of the corpus (deterministic for a given seed)."""
    all_territories = territories()
    t = all_territories[index % len(all_territories)]
    rank = index // len(all_territories)
    rng = random.Random(f"{seed}:{index}")
    parties = build_parties(t, rng)
    # the contract code keeps ids apart: a few contracts share a title (an EPCI over two départements)
    base = f"https://donnees.{slug(t.title)}.fr/contrat-de-ville/{t.code.lower()}/partenariat-donnees"
    base += f"-{rank + 1}" if rank else ""
    signed = _date(rng, 2024, 2024)
    start = f"{signed[:7]}-28" if signed[5:7] != "12" else "2024-12-31"
    datasets = build_datasets(base, parties, t, rng)
    model = _model()
    title = f"Convention de partenariat de données du contrat de ville {t.title} 2024-2030"
    document: Json = {
        "@context": CONTEXT,
        "id": base,
        "type": "Convention",
        "title": title + (f" (convention n° {rank + 1})" if rank else ""),
        "description": "Convention qui met en œuvre les clauses data du contrat de ville "
        "« Engagements Quartiers 2030 ». Document synthétique généré pour les bancs d'essai.",
        "city_contract": {
            "code": t.code,
            "title": f"Contrat de ville {t.title} 2024-2030",
            "territory_code": t.territory,
            "communes": [c[0] for c in t.communes],
            "period": {"start_date": TERM[0], "end_date": TERM[1]},
        },
        "covered_qpv": list(t.qpv),
        "period": {"start_date": start, "end_date": TERM[1]},
        "status": "SIGNED",
        "version": "1.0",
        "signed_on": signed,
        "adopted_clauses": [
            clause | {"article": f"Article {rng.randint(6, 12)}.{n + 1}"}
            for n, clause in enumerate(model["adopted_clauses"])
        ],
        "parties": [{k: v for k, v in p.items() if not k.startswith("_")} for p in parties.items],
        "datasets": datasets,
        "framework": _framework(parties, datasets, rng),
        "annexes": [
            {"title": "Annexe 1 – Fiches descriptives des jeux de données", "url": f"{base}/annexes/fiches.pdf"}
        ],
    }
    agreements = [
        {
            "title": f"Convention de mise à disposition : {d['title']}",
            "url": f"{base}/conventions/{d['id'].rsplit('/', 1)[1]}.pdf",
        }
        | {"signed_on": _date(rng, 2025, 2026)}
        for d in datasets
        if d["sharing"]["access_level"] != "PUBLIC"
    ]
    if agreements:
        document["data_provision_agreements"] = agreements[:6]
    return document


def file_name(index: int) -> str:
    t = territories()[index % len(territories())]
    return f"{index:05d}-{t.code.lower()}.jsonld"


def write_corpus(folder: Path, count: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write `count` conventions into `folder` (created), one file each; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / file_name(index)
        path.write_text(json.dumps(convention(index, seed), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_url_list(paths: Sequence[Path], base_url: str, list_file: Path) -> Path:
    """A list file: one URL per line, `base_url` + file name."""
    list_file.write_text("".join(f"{base_url.rstrip('/')}/{p.name}\n" for p in paths), encoding="utf-8")
    return list_file


def check(count: int, seed: int = DEFAULT_SEED, report: Callable[[str], None] = print) -> int:
    """Validate `count` conventions spread over the corpus; returns the number with errors."""
    from convention_validator.findings import Severity
    from convention_validator.validator import Validator

    validator = Validator(lang="en")
    failed = 0
    step = max(1, len(territories()) // max(1, count))
    for index in range(0, step * count, step):
        text = json.dumps(convention(index, seed), ensure_ascii=False)
        result = validator.validate_text(text, file_name(index))
        errors = [f for f in result.findings if f.severity == Severity.ERROR]
        if errors:
            failed += 1
            for finding in errors[:5]:
                report(f"{file_name(index)}: {finding.code} {finding.pointer} {finding.message}")
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, nargs="?", help="folder to write the corpus into")
    parser.add_argument("count", type=int, nargs="?", default=0, help="number of conventions")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--base-url", default="", help="also write urls.txt with this URL prefix")
    parser.add_argument("--check", type=int, default=0, help="validate N conventions spread over the corpus")
    args = parser.parse_args(argv)
    if args.out and args.count:
        paths = write_corpus(args.out, args.count, args.seed)
        if args.base_url:
            write_url_list(paths, args.base_url, args.out / "urls.txt")
        print(f"{len(paths)} conventions in {args.out}")
    if args.check:
        failed = check(args.check, args.seed)
        print(f"{args.check - failed}/{args.check} conventions without errors")
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
