"""Where a QPV lies: its name, communes, département, région and EPCI, from the packaged reference data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from convention_validator.indicators.coverage import QPV_NAMESPACE
from convention_validator.reference_data import place_names, reference_data
from convention_validator.web.regions import departement_of_commune, region_of_departement


@dataclass(frozen=True)
class QpvPlace:
    """One QPV of the 2024 list and the territories it belongs to."""

    code: str
    name: str
    communes: tuple[str, ...]
    departements: tuple[str, ...]
    regions: tuple[str, ...]
    epci: tuple[str, ...]

    @property
    def commune_names(self) -> list[str]:
        names = place_names().communes
        return [names.get(code, code) for code in self.communes]


@cache
def qpv_places() -> dict[str, QpvPlace]:
    """Every QPV of the reference data by code."""
    regions = region_of_departement()
    places = {}
    for code, qpv in reference_data().qpv.items():
        communes = tuple(sorted(qpv.communes))
        departements = tuple(sorted({departement_of_commune(insee) for insee in communes}))
        places[code] = QpvPlace(
            code=code,
            name=qpv.name,
            communes=communes,
            departements=departements,
            regions=tuple(sorted({regions[d] for d in departements if d in regions})),
            epci=tuple(sorted(qpv.epci)),
        )
    return places


def qpv_code(iri: str) -> str:
    """The code of a QPV IRI (https://w3id.org/clauses-data/qpv/{code}), or the value itself."""
    return iri[len(QPV_NAMESPACE) :] if iri.startswith(QPV_NAMESPACE) else iri


def epci_name(siren: str) -> str:
    authority = place_names().authorities.get(siren)
    return authority.name if authority else siren
