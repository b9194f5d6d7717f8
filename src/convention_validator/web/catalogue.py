"""What the explorer shows, read from the store in a few SPARQL queries and held in memory.

The workspace rebuilds it when it is older than its refresh delay (`Workspace`): pages and filters
then cost no query, which keeps them fast at thousands of conventions.
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from convention_validator.harvest.records import Record, load_records
from convention_validator.indicators.labels import short_code
from convention_validator.indicators.running import Row
from convention_validator.store import QuadStore
from convention_validator.web.places import qpv_code, qpv_places
from convention_validator.web.sparql import select_rows

OPEN_ACCESS = "PUBLIC"
T = TypeVar("T")


@dataclass(frozen=True)
class Party:
    iri: str
    name: str
    party_type: str  # short code: COMMUNE, EPCI, PUBLIC_OPERATOR...
    siren: str


@dataclass(frozen=True)
class Dataset:
    iri: str
    title: str
    category: str  # short codes
    access_level: str
    creator: str  # party IRI
    themes: tuple[str, ...]
    qpv: tuple[str, ...]  # codes: its own dct:spatial, else its convention's

    @property
    def is_open(self) -> bool:
        return self.access_level == OPEN_ACCESS


@dataclass(frozen=True)
class ConventionEntry:
    """One active convention and what the filters and pages need of it."""

    id: str
    iri: str
    title: str
    contract_code: str
    contract_title: str
    qpv: tuple[str, ...]
    datasets: tuple[Dataset, ...]
    parties: tuple[Party, ...]
    departements: frozenset[str]
    regions: frozenset[str]
    epci: frozenset[str]
    search_text: str

    @property
    def open_datasets(self) -> int:
        return sum(1 for dataset in self.datasets if dataset.is_open)

    def party(self, iri: str) -> Party | None:
        return next((party for party in self.parties if party.iri == iri), None)


@dataclass
class Catalogue:
    """Active conventions by id, and every harvest record by source."""

    conventions: dict[str, ConventionEntry]
    records: dict[str, Record]
    built: float = field(default_factory=time.monotonic)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def remember(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, computed once for this catalogue (values derived from every convention)."""
        if key not in self._memo:
            self._memo[key] = build()
        found: T = self._memo[key]
        return found

    def by_qpv(self, code: str) -> list[ConventionEntry]:
        return [entry for entry in self.conventions.values() if code in entry.qpv]

    def history(self, iri: str) -> list[Record]:
        """The harvest records whose loaded version is this convention."""
        return sorted((r for r in self.records.values() if r.topic == iri), key=lambda r: r.source)


def convention_id(iri: str) -> str:
    """A short stable identifier for addresses (the convention IRI is itself an address)."""
    return hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def folded(text: str) -> str:
    """Lower case without accents, for searching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _grouped(rows: list[Row], key: str = "convention") -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[str(row[key])].append(row)
    return groups


def _text(value: object) -> str:
    return "" if value is None else str(value)


def load_catalogue(store: QuadStore) -> Catalogue:
    """Read the active conventions, their QPV, datasets and parties, and the harvest records."""
    places = qpv_places()
    qpv_rows = _grouped(select_rows(store, "convention-qpv"))
    dataset_rows = _grouped(select_rows(store, "datasets"))
    party_rows = _grouped(select_rows(store, "parties"))
    themes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select_rows(store, "dataset-themes"):
        themes[(str(row["convention"]), str(row["dataset"]))].add(short_code(row["theme"]))
    own_qpv: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select_rows(store, "dataset-qpv"):
        own_qpv[(str(row["convention"]), str(row["dataset"]))].add(qpv_code(str(row["qpv"])))
    conventions: dict[str, ConventionEntry] = {}
    for row in select_rows(store, "conventions"):
        iri = str(row["convention"])
        if convention_id(iri) in conventions:
            continue  # a second title or contract: the first is kept
        qpv = tuple(sorted({qpv_code(str(r["qpv"])) for r in qpv_rows.get(iri, [])}))
        datasets: dict[str, Dataset] = {}
        for item in dataset_rows.get(iri, []):
            key = str(item["dataset"])
            if key not in datasets:
                datasets[key] = Dataset(
                    iri=key,
                    title=_text(item["title"]),
                    category=short_code(item["category"]) if item["category"] else "",
                    access_level=short_code(item["accessLevel"]) if item["accessLevel"] else "",
                    creator=_text(item["creator"]),
                    themes=tuple(sorted(themes.get((iri, key), ()))),
                    qpv=tuple(sorted(own_qpv.get((iri, key)) or qpv)),
                )
        parties: dict[str, Party] = {}
        for item in party_rows.get(iri, []):
            key = str(item["party"])
            if key not in parties:
                party_type = short_code(item["partyType"]) if item["partyType"] else ""
                parties[key] = Party(key, _text(item["name"]), party_type, _text(item["siren"]))
        located = [places[code] for code in qpv if code in places]
        entry_datasets = tuple(sorted(datasets.values(), key=lambda d: d.title))
        entry_parties = tuple(sorted(parties.values(), key=lambda p: p.name))
        words = [_text(row["title"]), _text(row["contractCode"]), _text(row["contractTitle"]), *qpv]
        words += [place.name for place in located] + [name for p in located for name in p.commune_names]
        words += [d.title for d in entry_datasets] + [p.name for p in entry_parties]
        conventions[convention_id(iri)] = ConventionEntry(
            id=convention_id(iri),
            iri=iri,
            title=_text(row["title"]) or iri,
            contract_code=_text(row["contractCode"]),
            contract_title=_text(row["contractTitle"]),
            qpv=qpv,
            datasets=entry_datasets,
            parties=entry_parties,
            departements=frozenset(d for place in located for d in place.departements),
            regions=frozenset(r for place in located for r in place.regions),
            epci=frozenset(e for place in located for e in place.epci),
            search_text=folded(" ".join(words)),
        )
    ordered = dict(sorted(conventions.items(), key=lambda item: folded(item[1].title)))
    return Catalogue(conventions=ordered, records=load_records(store))
