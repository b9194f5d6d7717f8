"""QPV with and without a data partnership: the covered QPV of the query joined with the official list."""

from __future__ import annotations

from dataclasses import dataclass

from convention_validator.indicators.running import IndicatorResult
from convention_validator.reference_data import reference_data

QPV_NAMESPACE = "https://w3id.org/clauses-data/qpv/"
OVERSEAS = {
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
    "978": "Saint-Martin",
    "987": "Polynésie française",
}


@dataclass(frozen=True)
class QpvCoverage:
    """One QPV of the official list: covered or not, by how many conventions and datasets."""

    code: str
    name: str
    territory: str  # "metropole" or the overseas code (971, 972...)
    conventions: int
    datasets: int

    @property
    def covered(self) -> bool:
        return self.conventions > 0


def territory_of(code: str) -> str:
    """Metropolitan France, or the overseas territory from the QPV code (QN971.. -> 971)."""
    prefix = code[2:5]
    return prefix if prefix in OVERSEAS else "metropole"


def qpv_code(iri: object) -> str:
    text = str(iri)
    return text[len(QPV_NAMESPACE) :] if text.startswith(QPV_NAMESPACE) else text


def qpv_coverage(covered: IndicatorResult, per_qpv: IndicatorResult) -> tuple[list[QpvCoverage], list[str]]:
    """Every official QPV with its coverage, and the covered codes that are not in the official list."""
    conventions = {qpv_code(row["qpv"]): int(row["conventions"] or 0) for row in covered.rows}
    datasets = {qpv_code(row["qpv"]): int(row["datasets"] or 0) for row in per_qpv.rows}
    official = reference_data().qpv
    rows = [
        QpvCoverage(
            code=code,
            name=qpv.name,
            territory=territory_of(code),
            conventions=conventions.get(code, 0),
            datasets=datasets.get(code, 0),
        )
        for code, qpv in sorted(official.items())
    ]
    unknown = sorted(code for code in conventions if code not in official)
    return rows, unknown
