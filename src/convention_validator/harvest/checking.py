"""Checking one harvested document: validate it and, when it may be loaded, convert it to N-Triples
as the store keeps them (blank nodes already skolemised, the graph's index of the indicators appended).

The harvester runs `check_document` in worker processes (`Validator.worker_pool`), so that
validation and conversion use every core while the harvesting process fetches and writes; the
result carries only what the store and the report need (findings, the convention's IRI, its triples).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from convention_validator.findings import FileReport, Severity

if TYPE_CHECKING:
    from convention_validator.validator import Validator


@dataclass(frozen=True)
class Checked:
    """A validated document: its report (findings only), and its IRI and skolemised triples when it may be loaded."""

    report: FileReport
    topic: str = ""
    ntriples: bytes = b""
    validate_seconds: float = 0.0
    convert_seconds: float = 0.0

    @property
    def errors(self) -> int:
        return self.report.count(Severity.ERROR)


def document_format(url: str, media_type: str) -> Literal["json", "yaml"]:
    """YAML when the address or the media type says so, else JSON-LD."""
    path = url.lower().split("?", 1)[0]
    return "yaml" if path.endswith((".yaml", ".yml")) or "yaml" in media_type else "json"


def check_document(validator: Validator, body: bytes, url: str, media_type: str) -> Checked:
    """Validate `body`; when it has a graph and no error, its convention IRI and N-Triples too."""
    from convention_validator.publication.rdf import convention_ntriples
    from convention_validator.store.graph_index import indexed

    started = time.perf_counter()
    report = validator.validate_text(body, url, document_format(url, media_type))
    validated = time.perf_counter()
    graph, report.graph = report.graph, None  # the graph stays here: only findings travel
    if graph is None or report.count(Severity.ERROR):
        return Checked(report, validate_seconds=validated - started)
    topic = str(graph.root)
    ntriples = indexed(topic, convention_ntriples(graph, skolem_graph=topic))  # as stored: skolemised, indexed
    return Checked(report, topic, ntriples, validated - started, time.perf_counter() - validated)
