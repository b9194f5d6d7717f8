"""Export of a validated convention: its plain RDF or its DCAT-AP 3 catalogue, in one RDF syntax."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from convention_validator.findings import FileReport, Finding, Severity
from convention_validator.publication.serialize import FORMATS

PROFILES = ("plain", "dcat-ap")


class ExportError(Exception):
    """The convention cannot be exported; `report` holds the validation findings."""

    def __init__(self, report: FileReport, message: str) -> None:
        super().__init__(message)
        self.report = report

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.report.findings if f.severity is Severity.ERROR]


class InvalidConventionError(ExportError):
    """The convention has errors and the export was not forced."""


class UnusableConventionError(ExportError):
    """No RDF graph could be built (unreadable file or structure errors), so nothing can be exported."""


@dataclass(frozen=True)
class Export:
    """Exported bytes, the validation report they come from, and whether errors were overridden."""

    data: bytes
    report: FileReport
    forced: bool


class UnknownProducerError(ValueError):
    """`producer` names no partner that produces a dataset of the convention; `producers` lists those that do."""

    def __init__(self, producer: str, producers: list[str]) -> None:
        super().__init__(f"no dataset produced by {producer!r}; producers: {', '.join(producers)}")
        self.producer = producer
        self.producers = producers


def render_export(
    report: FileReport, output_format: str = "turtle", profile: str = "plain", producer: str | None = None
) -> bytes:
    """The RDF of a report's graph in a format (turtle, ntriples, jsonld, rdfxml) and profile (plain, dcat-ap).

    `producer` (SIREN, `organisation:SIREN` or IRI; dcat-ap only) keeps that partner's datasets alone.
    """
    from convention_validator.publication.dcat_ap import catalogue_iri, dcat_ap_triples, producer_iri, producers
    from convention_validator.publication.rdf import convention_triples
    from convention_validator.publication.serialize import serialize

    document = report.graph
    if profile == "dcat-ap":
        if producer is not None and producer_iri(producer) not in producers(document):
            raise UnknownProducerError(producer, producers(document))
        return serialize(dcat_ap_triples(document, producer), output_format, first=catalogue_iri(document, producer))
    if producer is not None:
        raise ValueError("producer selects datasets of the dcat-ap profile only")
    return serialize(convention_triples(document), output_format, first=document.root)


def export_report(
    report: FileReport,
    output_format: str = "turtle",
    profile: str = "plain",
    force: bool = False,
    producer: str | None = None,
) -> Export:
    """Export a validation report's convention; errors refuse it unless `force` (then `forced` is set)."""
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; choose among {', '.join(FORMATS)}")
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose among {', '.join(PROFILES)}")
    has_errors = report.count(Severity.ERROR) > 0
    read_failed = any(f.stage == "read" and f.severity is Severity.ERROR for f in report.findings)
    if read_failed:
        raise UnusableConventionError(report, f"{report.file}: file cannot be read")
    if has_errors and not force:
        errors = report.count(Severity.ERROR)
        raise InvalidConventionError(report, f"{report.file}: {errors} error{'s' if errors > 1 else ''}")
    if report.graph is None:
        raise UnusableConventionError(report, f"{report.file}: no RDF graph could be built")
    return Export(render_export(report, output_format, profile, producer), report, forced=has_errors)


def export_convention(
    path: str | Path,
    format: str = "turtle",
    profile: str = "plain",
    force: bool = False,
    lang: str | None = None,
    producer: str | None = None,
) -> bytes:
    """Validate a convention file and return its RDF (plain) or DCAT-AP 3 catalogue (dcat-ap).

    Raises InvalidConventionError when the convention has errors (unless `force`),
    UnusableConventionError when no graph can be built from it and UnknownProducerError when
    `producer` (dcat-ap: one producer's datasets) produces none of its datasets.
    """
    from convention_validator.validator import Validator

    report = Validator(lang=lang).validate_file(path)
    return export_report(report, format, profile, force, producer).data
