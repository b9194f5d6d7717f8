"""The explorer's and the API's filters on conventions, and the values each filter can take."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from urllib.parse import urlencode

from convention_validator.web.catalogue import ConventionEntry, folded
from convention_validator.web.labels import code_label

FILTER_NAMES = ("region", "departement", "epci", "access_level", "category", "theme", "partner_type", "q")


@dataclass(frozen=True)
class Filters:
    """The chosen value of each filter ("" = any)."""

    region: str = ""
    departement: str = ""
    epci: str = ""
    access_level: str = ""
    category: str = ""
    theme: str = ""
    partner_type: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> Filters:
        return cls(**{name: str(params.get(name, "")).strip()[:200] for name in FILTER_NAMES})

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def query_string(self, **extra: str) -> str:
        """The filters (and `extra`) as a URL query string, empty values left out."""
        values = {**{k: v for k, v in asdict(self).items() if v}, **{k: v for k, v in extra.items() if v}}
        return urlencode(values)

    def matches(self, entry: ConventionEntry) -> bool:
        if self.region and self.region not in entry.regions:
            return False
        if self.departement and self.departement not in entry.departements:
            return False
        if self.epci and self.epci not in entry.epci:
            return False
        if self.access_level and all(d.access_level != self.access_level for d in entry.datasets):
            return False
        if self.category and all(d.category != self.category for d in entry.datasets):
            return False
        if self.theme and all(self.theme not in d.themes for d in entry.datasets):
            return False
        if self.partner_type and all(p.party_type != self.partner_type for p in entry.parties):
            return False
        return not self.q or all(word in entry.search_text for word in folded(self.q).split())

    def apply(self, entries: Iterable[ConventionEntry]) -> list[ConventionEntry]:
        return [entry for entry in entries if self.matches(entry)]


def facet_values(entry: ConventionEntry) -> dict[str, set[str]]:
    """The values of each filter that `entry` has."""
    return {
        "region": set(entry.regions),
        "departement": set(entry.departements),
        "epci": set(entry.epci),
        "access_level": {d.access_level for d in entry.datasets if d.access_level},
        "category": {d.category for d in entry.datasets if d.category},
        "theme": {theme for d in entry.datasets for theme in d.themes},
        "partner_type": {p.party_type for p in entry.parties if p.party_type},
    }


def options(entries: Iterable[ConventionEntry], lang: str) -> dict[str, list[tuple[str, str]]]:
    """For each filter but the search, its (code, label) choices among `entries`, sorted by label."""
    found: dict[str, set[str]] = {f.name: set() for f in fields(Filters) if f.name != "q"}
    for entry in entries:
        for name, values in facet_values(entry).items():
            found[name] |= values
    return {
        name: sorted(((code, code_label(name, code, lang)) for code in codes), key=lambda item: folded(item[1]))
        for name, codes in found.items()
    }
