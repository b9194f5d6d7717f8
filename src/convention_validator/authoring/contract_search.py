"""Find a city contract the way a lawyer knows it: by commune, EPCI or EPT name, SIREN or INSEE code.

Names are compared without accents, case, hyphens or apostrophes, and « St » stands for
« Saint » (« saint etienne », « St-Étienne » and « Saint-Étienne » are the same query). A
commune leads to every contract whose territory includes it; an EPCI or EPT to its contract.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from convention_validator.reference_data import Contract, place_names, reference_data

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`_.,/()]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by one space, « st » spelled « saint »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")
    words = [("saint" if w == "st" else "sainte" if w == "ste" else w) for w in _SEPARATORS.split(bare) if w]
    return " ".join(words)


@dataclass(frozen=True)
class Match:
    """A contract found, and why (the place whose name, SIREN or code matched)."""

    contract: Contract
    place: str
    exact: bool


@dataclass(frozen=True)
class _Place:
    name: str
    key: str  # normalised name
    siren: str
    insee: str  # a commune's INSEE code; "" for an EPCI or EPT


@cache
def _places() -> tuple[_Place, ...]:
    names = place_names()
    places = [_Place(a.name, normalise(a.name), a.siren, a.insee) for a in names.authorities.values()]
    with_siren = {a.insee for a in names.authorities.values() if a.insee}
    places += [_Place(n, normalise(n), "", code) for code, n in names.communes.items() if code not in with_siren]
    return tuple(places)


def _contracts_of(place: _Place) -> list[Contract]:
    data = reference_data()
    found = []
    for contract in data.contracts.values():
        if place.siren and contract.territory == place.siren:
            found.append(contract)
        elif place.insee:
            communes = data.territory_communes(contract.territory)
            if contract.territory == place.insee or (communes is not None and place.insee in communes):
                found.append(contract)
    return found


def search_contracts(query: str, limit: int = 20) -> list[Match]:
    """Contracts for a code, a SIREN, an INSEE code or a place name; exact name matches first."""
    text = query.strip()
    contracts = reference_data().contracts
    if text.upper() in contracts:
        return [Match(contracts[text.upper()], text.upper(), True)]
    compact = text.replace(" ", "")
    if compact.isdigit() and len(compact) == 9:
        places = [p for p in _places() if p.siren == compact]
    elif re.fullmatch(r"[0-9][0-9AB][0-9]{3}", compact.upper()):
        places = [p for p in _places() if p.insee == compact.upper()]
    else:
        key = normalise(text)
        if not key:
            return []
        exact = [p for p in _places() if p.key == key]
        partial = [p for p in _places() if p not in exact and f" {key} " in f" {p.key} "]
        places = exact + sorted(partial, key=lambda p: (len(p.key), p.key))
        key_exact = {id(p) for p in exact}
        matches = [Match(c, p.name, id(p) in key_exact) for p in places for c in _contracts_of(p)] + [
            Match(c, c.name, False) for c in contracts.values() if key in normalise(c.name)
        ]
        return _unique(matches)[:limit]
    return _unique([Match(c, p.name, True) for p in places for c in _contracts_of(p)])[:limit]


def _unique(matches: list[Match]) -> list[Match]:
    seen: set[str] = set()
    unique = []
    for match in sorted(matches, key=lambda m: not m.exact):
        if match.contract.code not in seen:
            seen.add(match.contract.code)
            unique.append(match)
    return unique
