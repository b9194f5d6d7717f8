"""Labels of the codes the explorer shows (access levels, categories, themes, party types, places)."""

from __future__ import annotations

from convention_validator.indicators.labels import label_of
from convention_validator.web.places import epci_name
from convention_validator.web.regions import region_name

NAMESPACES = {
    "access_level": "http://publications.europa.eu/resource/authority/access-right/",
    "category": "https://w3id.org/clauses-data/data-category/",
    "theme": "http://publications.europa.eu/resource/authority/data-theme/",
    "partner_type": "https://w3id.org/clauses-data/party-type/",
}


def code_label(kind: str, code: str, lang: str) -> str:
    """The label of `code` (short form) of a list of values, or of a région or EPCI; the code if unknown."""
    if not code:
        return ""
    if kind == "region":
        return region_name(code)
    if kind == "epci":
        return epci_name(code)
    if kind == "departement":
        return code
    return label_of(NAMESPACES[kind] + code, lang) or code
