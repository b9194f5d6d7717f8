"""The shipped reference data (QPV 2024, contracts, communes, EPCI, EPT), loaded once."""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from convention_validator.standard import REFERENCE_DIR

R = TypeVar("R")
V = TypeVar("V")


def _rows(name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    import csv  # the CSV files are read to build the index and the place names, not to validate

    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _columns(name: str, *wanted: str, directory: Path = REFERENCE_DIR) -> list[tuple[str, ...]]:
    """Only some columns of a large CSV file (the C reader, no dict per row)."""
    import csv

    with (directory / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        indexes = [header.index(column) for column in wanted]
        return [tuple(row[i].strip() for i in indexes) for row in reader if row]


def _split(value: str) -> frozenset[str]:
    return frozenset(v for v in value.split(";") if v)


@dataclass(frozen=True)
class Qpv:
    code: str
    name: str
    communes: frozenset[str]
    epci: frozenset[str]


@dataclass(frozen=True)
class Contract:
    code: str
    name: str
    territory: str


@dataclass(frozen=True)
class ReferenceData:
    """Lookup tables built from the packaged CSV files."""

    qpv: Mapping[str, Qpv]
    contracts: dict[str, Contract]
    commune_sirens: AbstractSet[str]
    communes: AbstractSet[str]
    groupings: Mapping[str, frozenset[str]]  # EPCI or EPT SIREN -> member communes

    def territory_communes(self, territory: str) -> frozenset[str] | None:
        """Communes of a contract's territory (EPCI/EPT SIREN or a commune's INSEE code)."""
        if territory in self.groupings:
            return self.groupings[territory]
        if territory in self.communes:
            return frozenset({territory})
        return None

    def territory_qpv(self, territory: str) -> list[Qpv]:
        """QPV of a territory (sharing a commune with it, as the CV402 check reads it), sorted by code."""
        communes = self.territory_communes(territory)
        if communes is None:
            return []
        return sorted((q for q in self.qpv.values() if q.communes & communes), key=lambda q: q.code)


INDEX_NAME = "index.json"
INDEX_SOURCES = ("qpv-2024.csv", "contrats-de-ville.csv", "communes-2024.csv", "epci-2024.csv", "ept-2024.csv")


def reference_index(directory: Path = REFERENCE_DIR) -> dict[str, Any]:
    """The columns the validator reads, taken from the CSV files (the content of `index.json`)."""
    import hashlib  # building the index only (make generate, a test): validation reads the index

    communes = _columns("communes-2024.csv", "code_insee", "siren", directory=directory)
    groupings = {r["siren"]: r["communes"] for r in _rows("epci-2024.csv", directory)}
    groupings.update({r["siren"]: r["communes"] for r in _rows("ept-2024.csv", directory)})
    return {
        "sources": {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in INDEX_SOURCES},
        "qpv": [[r["code_qp"], r["lib_qp"], r["insee_com"], r["siren_epci"]] for r in _rows("qpv-2024.csv", directory)],
        "contracts": [[r["code_cv"], r["lib_cv"], r["codgeo"]] for r in _rows("contrats-de-ville.csv", directory)],
        "communes": " ".join(sorted(code for code, _ in communes)),
        "commune_sirens": " ".join(sorted({siren for _, siren in communes if siren})),
        "groupings": groupings,
    }


def index_bytes(index: dict[str, Any]) -> bytes:
    """`index` as reproducible JSON (sorted keys).

    Not compressed: decompressing took 5 ms of every run, and the wheel compresses it anyway.
    """
    text = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


@cache
def reference_data() -> ReferenceData:
    """The reference tables, from the packaged index (a few milliseconds) or else from the CSV files.

    The large tables are built when first read (a validation reads a dozen QPV), and the sets of
    communes are searched in their sorted text: building them took 8 ms of every run.
    """
    path = REFERENCE_DIR / INDEX_NAME
    index = json.loads(path.read_bytes()) if path.exists() else reference_index()
    return ReferenceData(
        qpv=LazyMapping({row[0]: row for row in index["qpv"]}, _qpv),
        contracts={code: Contract(code, name, territory) for code, name, territory in index["contracts"]},
        commune_sirens=SortedCodes(index["commune_sirens"]),
        communes=SortedCodes(index["communes"]),
        groupings=LazyMapping(index["groupings"], lambda _siren, members: _split(members)),
    )


class SortedCodes(AbstractSet[str]):
    """A set of codes of one width (INSEE codes, SIRENs), given as one sorted space-separated text.

    A code is found by binary search in the text itself, so that no set of 35,000 strings is
    built for the few codes a validation looks up. A text of uneven widths is split into a set.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._width = text.find(" ") if " " in text else len(text)
        self._count = (len(text) + 1) // (self._width + 1) if text else 0
        self._set: frozenset[str] | None = None
        if self._count * (self._width + 1) - 1 != len(text) or text.count(" ") != self._count - 1:
            self._set = frozenset(text.split())

    def _code(self, rank: int) -> str:
        start = rank * (self._width + 1)
        return self._text[start : start + self._width]

    def __contains__(self, code: object) -> bool:
        if self._set is not None:
            return code in self._set
        if not isinstance(code, str) or len(code) != self._width:
            return False
        rank = bisect_left(range(self._count), code, key=self._code)
        return rank < self._count and self._code(rank) == code

    def __iter__(self) -> Iterator[str]:
        return iter(self._set if self._set is not None else self._text.split())

    def __len__(self) -> int:
        return len(self._set) if self._set is not None else self._count


class LazyMapping(Mapping[str, V]):
    """Code -> value, each value built from its raw entry of the index when first asked for."""

    def __init__(self, raw: Mapping[str, R], build: Callable[[str, R], V]) -> None:
        self._raw = raw
        self._build = build
        self._built: dict[str, V] = {}

    def __getitem__(self, code: str) -> V:
        if code not in self._built:
            self._built[code] = self._build(code, self._raw[code])
        return self._built[code]

    def __contains__(self, code: object) -> bool:
        return code in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _qpv(code: str, row: list[str]) -> Qpv:
    _, name, insee, epci = row
    return Qpv(code, name, _split(insee), _split(epci))


@dataclass(frozen=True)
class Authority:
    """A local authority of the reference data: commune, EPCI or EPT."""

    siren: str
    name: str
    kind: str  # COMMUNE, EPCI or EPT (the standard's party types)
    insee: str = ""  # a commune's INSEE code


@dataclass(frozen=True)
class PlaceNames:
    """Official names of communes (by INSEE code) and of local authorities (by SIREN)."""

    communes: dict[str, str]
    authorities: dict[str, Authority]
    commune_authorities: dict[str, Authority]  # by INSEE code

    def authority_of_territory(self, territory: str) -> Authority | None:
        """The authority holding a contract: an EPCI/EPT by SIREN, or a commune by INSEE code."""
        return self.authorities.get(territory) or self.commune_authorities.get(territory)

    def territory_name(self, territory: str) -> str:
        """Official name of a contract's territory (EPCI/EPT SIREN or commune INSEE code); "" if unknown."""
        authority = self.authority_of_territory(territory)
        return authority.name if authority else self.communes.get(territory, "")


@cache
def place_names() -> PlaceNames:
    """Names from communes-2024.csv, epci-2024.csv and ept-2024.csv, loaded once."""
    authorities: dict[str, Authority] = {}
    communes: dict[str, str] = {}
    by_insee: dict[str, Authority] = {}
    for code, name, siren in _columns("communes-2024.csv", "code_insee", "nom", "siren"):
        communes[code] = name
        if siren:
            authorities[siren] = by_insee[code] = Authority(siren, name, "COMMUNE", code)
    for siren, name in _columns("epci-2024.csv", "siren", "nom"):
        authorities[siren] = Authority(siren, name, "EPCI")
    for siren, name in _columns("ept-2024.csv", "siren", "nom"):
        authorities[siren] = Authority(siren, name, "EPT")
    return PlaceNames(communes=communes, authorities=authorities, commune_authorities=by_insee)


def luhn_valid(number: str) -> bool:
    """SIREN checksum (Luhn); La Poste's SIREN is the documented exception."""
    if number == "356000000":
        return True
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0
