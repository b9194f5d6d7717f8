"""RDF triples to Turtle, N-Triples, JSON-LD or RDF/XML with pyoxigraph, in a stable, readable order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Prefixes offered to the Turtle and RDF/XML writers; only those a graph uses are written.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "locn": "http://www.w3.org/ns/locn#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "org": "http://www.w3.org/ns/org#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "dpv": "https://w3id.org/dpv#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "spdx": "http://spdx.org/licenses/",
    "access-right": "http://publications.europa.eu/resource/authority/access-right/",
    "frequency": "http://publications.europa.eu/resource/authority/frequency/",
    "file-type": "http://publications.europa.eu/resource/authority/file-type/",
    "data-theme": "http://publications.europa.eu/resource/authority/data-theme/",
    "cdata": "https://w3id.org/clauses-data/",
    "qpv": "https://w3id.org/clauses-data/qpv/",
    "organisation": "https://w3id.org/clauses-data/organisation/",
    "status": "https://w3id.org/clauses-data/status/",
    "clause-kind": "https://w3id.org/clauses-data/clause-kind/",
    "role": "https://w3id.org/clauses-data/role/",
    "party-type": "https://w3id.org/clauses-data/party-type/",
    "data-category": "https://w3id.org/clauses-data/data-category/",
    "spatial-granularity": "https://w3id.org/clauses-data/spatial-granularity/",
    "personal-data": "https://w3id.org/clauses-data/personal-data/",
    "cost": "https://w3id.org/clauses-data/cost/",
    "transfer-channel": "https://w3id.org/clauses-data/transfer-channel/",
    "hosting-location": "https://w3id.org/clauses-data/hosting-location/",
    "certification": "https://w3id.org/clauses-data/certification/",
    "mobilisation": "https://w3id.org/clauses-data/mobilisation/",
}


@dataclass(frozen=True)
class OutputFormat:
    """One RDF syntax: its pyoxigraph format, media type and usual file extension."""

    name: str
    rdf_format: ox.RdfFormat
    media_type: str
    extension: str


FORMATS: dict[str, OutputFormat] = {
    "turtle": OutputFormat("turtle", ox.RdfFormat.TURTLE, "text/turtle", ".ttl"),
    "ntriples": OutputFormat("ntriples", ox.RdfFormat.N_TRIPLES, "application/n-triples", ".nt"),
    "jsonld": OutputFormat("jsonld", ox.RdfFormat.JSON_LD, "application/ld+json", ".jsonld"),
    "rdfxml": OutputFormat("rdfxml", ox.RdfFormat.RDF_XML, "application/rdf+xml", ".rdf"),
}


def _term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> tuple[int, str, str]:
    if isinstance(term, ox.NamedNode):
        return (0, term.value, "")
    if isinstance(term, ox.BlankNode):
        return (1, term.value, "")
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language or term.datatype.value)
    return (3, str(term), "")


def sorted_triples(triples: Iterable[ox.Triple], first: str | None = None) -> list[ox.Triple]:
    """Named subjects before blank ones, `first` at the top, rdf:type first in each subject's block."""

    def key(triple: ox.Triple) -> tuple[bool, tuple[int, str, str], bool, str, tuple[int, str, str]]:
        return (
            not (isinstance(triple.subject, ox.NamedNode) and triple.subject.value == first),
            _term_key(triple.subject),
            triple.predicate.value != RDF_TYPE,
            triple.predicate.value,
            _term_key(triple.object),
        )

    return sorted(triples, key=key)


def used_prefixes(triples: Iterable[ox.Triple]) -> dict[str, str]:
    """The prefixes of PREFIXES that some IRI of the triples starts with."""
    iris = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {name: ns for name, ns in PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}


def serialize(triples: Iterable[ox.Triple], output_format: str, first: str | None = None) -> bytes:
    """The triples in one of FORMATS (turtle, ntriples, jsonld, rdfxml) as UTF-8 bytes."""
    spec = FORMATS[output_format]
    ordered = sorted_triples(triples, first)
    prefixes = used_prefixes(ordered) if spec.rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(ordered, format=spec.rdf_format, prefixes=prefixes) or b""
    if spec.rdf_format == ox.RdfFormat.JSON_LD:
        # pyoxigraph writes expanded JSON-LD on one line; indent it for people, same RDF.
        data = (json.dumps(json.loads(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return data
