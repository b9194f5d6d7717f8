"""Conventions, datasets and QPV as plain data (labelled in a language), for the API and the pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from convention_validator.harvest.records import Record
from convention_validator.web.catalogue import Catalogue, ConventionEntry, Dataset
from convention_validator.web.labels import code_label
from convention_validator.web.places import epci_name, qpv_places
from convention_validator.web.regions import region_name


def dataset_view(dataset: Dataset, entry: ConventionEntry, lang: str) -> dict[str, Any]:
    producer = entry.party(dataset.creator)
    return {
        "iri": dataset.iri,
        "title": dataset.title,
        "convention_id": entry.id,
        "convention": entry.title,
        "category": dataset.category,
        "category_label": code_label("category", dataset.category, lang),
        "access_level": dataset.access_level,
        "access_level_label": code_label("access_level", dataset.access_level, lang),
        "open": dataset.is_open,
        "themes": list(dataset.themes),
        "theme_labels": [code_label("theme", theme, lang) for theme in dataset.themes],
        "producer": producer.name if producer else dataset.creator,
        "producer_siren": producer.siren if producer else "",
        "qpv": list(dataset.qpv),
    }


def convention_summary(entry: ConventionEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "iri": entry.iri,
        "title": entry.title,
        "contract_code": entry.contract_code,
        "contract_title": entry.contract_title,
        "qpv": list(entry.qpv),
        "regions": sorted(entry.regions),
        "departements": sorted(entry.departements),
        "epci": sorted(entry.epci),
        "datasets": len(entry.datasets),
        "open_datasets": entry.open_datasets,
        "parties": len(entry.parties),
    }


def record_view(record: Record) -> dict[str, Any]:
    return {
        "source": record.source,
        "status": record.status,
        "reason": record.reason,
        "loaded_version_fetched": record.generated,
        "last_checked": record.last_checked,
        "content_hash": record.content_hash,
        "validator_version": record.validator_version,
        "standard_version": record.standard_version,
        "findings": [{"code": c, "severity": s, "count": n} for c, s, n in record.finding_counts],
    }


def convention_detail(entry: ConventionEntry, catalogue: Catalogue, lang: str) -> dict[str, Any]:
    places = qpv_places()
    return {
        **convention_summary(entry),
        "qpv_names": {code: places[code].name for code in entry.qpv if code in places},
        "region_names": {code: region_name(code) for code in entry.regions},
        "epci_names": {siren: epci_name(siren) for siren in entry.epci},
        "datasets": [dataset_view(dataset, entry, lang) for dataset in entry.datasets],
        "open_datasets": entry.open_datasets,
        "parties": [
            {
                "iri": party.iri,
                "name": party.name,
                "siren": party.siren,
                "type": party.party_type,
                "type_label": code_label("partner_type", party.party_type, lang),
            }
            for party in entry.parties
        ],
        "harvest_history": [record_view(record) for record in catalogue.history(entry.iri)],
    }


def qpv_datasets(code: str, entries: Iterable[ConventionEntry], lang: str) -> list[dict[str, Any]]:
    """The datasets of `entries` that concern QPV `code`."""
    return [dataset_view(d, entry, lang) for entry in entries for d in entry.datasets if code in d.qpv]


def qpv_detail(code: str, catalogue: Catalogue, lang: str) -> dict[str, Any] | None:
    """A QPV of the reference data, its conventions and the datasets concerning it; None if unknown."""
    place = qpv_places().get(code)
    if place is None:
        return None
    entries = catalogue.by_qpv(code)
    datasets = qpv_datasets(code, entries, lang)
    return {
        "code": place.code,
        "name": place.name,
        "communes": dict(zip(place.communes, place.commune_names, strict=True)),
        "departements": list(place.departements),
        "regions": {region: region_name(region) for region in place.regions},
        "epci": {siren: epci_name(siren) for siren in place.epci},
        "conventions": [convention_summary(entry) for entry in entries],
        "datasets": datasets,
        "open_datasets": sum(1 for d in datasets if d["open"]),
    }


def qpv_counts(entries: Iterable[ConventionEntry]) -> dict[str, tuple[int, int, int]]:
    """For each QPV: (conventions, datasets concerning it, open datasets among them)."""
    counts: dict[str, list[int]] = {}
    for entry in entries:
        for code in entry.qpv:
            counts.setdefault(code, [0, 0, 0])[0] += 1
        for dataset in entry.datasets:
            for code in dataset.qpv:
                row = counts.setdefault(code, [0, 0, 0])
                row[1] += 1
                row[2] += int(dataset.is_open)
    return {code: (row[0], row[1], row[2]) for code, row in counts.items()}
