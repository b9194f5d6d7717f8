"""What the editor looks up in the reference data: city contracts and local authorities as parties."""

from __future__ import annotations

from typing import Any

from convention_validator.authoring.contract_search import normalise, search_contracts
from convention_validator.authoring.scaffold import _authority_party, contract_place_name
from convention_validator.reference_data import Authority, place_names

PARTY_ROLES = ("SIGNATORY",)


def contracts(query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Contracts for a commune, EPCI or EPT name, a SIREN, an INSEE code or a contract code."""
    return [
        {
            "code": match.contract.code,
            "name": match.contract.name,
            "place": match.place,
            "territory": contract_place_name(match.contract),
            "exact": match.exact,
        }
        for match in search_contracts(query, limit)
    ]


def parties(query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Communes, EPCI and EPT whose name (accents and case ignored) or SIREN matches, as parties."""
    text = query.strip().replace(" ", "")
    authorities = place_names().authorities
    found: list[Authority]
    if text.isdigit():
        found = [a for siren, a in authorities.items() if siren.startswith(text)] if len(text) >= 3 else []
    else:
        key = normalise(query)
        if not key:
            return []
        scored = []
        for authority in authorities.values():
            name = normalise(authority.name)
            if f" {key} " in f" {name} " or name.startswith(key):
                scored.append((name != key, len(name), name, authority))
        found = [item[-1] for item in sorted(scored, key=lambda item: item[:3])]
    return [_authority_party(a, PARTY_ROLES) for a in found[:limit]]
