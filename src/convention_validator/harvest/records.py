"""Harvest records (one per source document) in the store; see docs/moissonnage.md.

The model is the contract read by the indicators: dcat:CatalogRecord + prov:Entity in the graph
<https://w3id.org/clauses-data/harvest/records>, one record per source URL.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from convention_validator.store import RECORDS_GRAPH, QuadStore, skolem_iri

CDATA = "https://w3id.org/clauses-data/"
HARVEST_NAMESPACE = f"{CDATA}harvest/"
RECORD_PREFIX = f"{HARVEST_NAMESPACE}record/"
STATUSES = ("current", "invalid", "unreachable", "withdrawn")
STATUS_IRIS = {
    "current": f"{CDATA}HarvestCurrent",
    "invalid": f"{CDATA}HarvestInvalid",
    "unreachable": f"{CDATA}HarvestUnreachable",
    "withdrawn": f"{CDATA}HarvestWithdrawn",
}
NAMESPACES = {
    "cdata": CDATA,
    "prov": "http://www.w3.org/ns/prov#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in NAMESPACES.items())


@dataclass(frozen=True, slots=True)
class Record:
    """What the store knows about one source document."""

    source: str
    status: str = "unreachable"
    topic: str = ""  # the convention IRI of the loaded version ("" if none was ever valid)
    reason: str = ""  # French
    generated: str = ""  # fetch time of the loaded version
    last_checked: str = ""
    content_hash: str = ""
    etag: str = ""
    last_modified: str = ""
    validator_version: str = ""
    standard_version: str = ""
    listed_in: str = ""
    finding_counts: tuple[tuple[str, str, int], ...] = field(default=())  # (code, severity, count)

    @property
    def iri(self) -> str:
        return record_iri(self.source)

    def evolve(self, **changes: object) -> Record:
        return replace(self, **changes)  # type: ignore[arg-type]


def record_iri(source: str) -> str:
    return RECORD_PREFIX + hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]


def now() -> str:
    """The current time as an xsd:dateTime in UTC, to the second (interned: thousands of records share it)."""
    return sys.intern(datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def run_stamp() -> str:
    """The current time in UTC to the microsecond: what marks the end of one harvest run."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def timestamp(seconds: float) -> str:
    """`seconds` since the epoch as an xsd:dateTime in UTC, to the second (interned like `now`)."""
    return sys.intern(datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def load_records(store: QuadStore) -> dict[str, Record]:
    """Every record in the store, by source URL."""
    query = (
        PREFIXES
        + f"""SELECT ?source ?status ?topic ?reason ?generated ?checked ?hash ?etag ?modified
       ?validator ?standard ?listing
WHERE {{ GRAPH <{RECORDS_GRAPH}> {{
  ?record prov:hadPrimarySource ?source ; cdata:harvestStatus ?status .
  OPTIONAL {{ ?record foaf:primaryTopic ?topic }}
  OPTIONAL {{ ?record cdata:statusReason ?reason }}
  OPTIONAL {{ ?record prov:generatedAtTime ?generated }}
  OPTIONAL {{ ?record cdata:lastChecked ?checked }}
  OPTIONAL {{ ?record cdata:contentHash ?hash }}
  OPTIONAL {{ ?record cdata:etag ?etag }}
  OPTIONAL {{ ?record cdata:lastModified ?modified }}
  OPTIONAL {{ ?record cdata:validatorVersion ?validator }}
  OPTIONAL {{ ?record cdata:standardVersion ?standard }}
  OPTIONAL {{ ?record cdata:listedIn ?listing }}
}} }}"""
    )
    statuses = {iri: name for name, iri in STATUS_IRIS.items()}
    records: dict[str, Record] = {}
    for row in store.select(query)["results"]["bindings"]:
        value = {key: cell["value"] for key, cell in row.items()}
        records[value["source"]] = Record(
            source=value["source"],
            status=statuses.get(value["status"], "unreachable"),
            topic=value.get("topic", ""),
            reason=value.get("reason", ""),
            generated=value.get("generated", ""),
            last_checked=value.get("checked", ""),
            content_hash=value.get("hash", ""),
            etag=value.get("etag", ""),
            last_modified=value.get("modified", ""),
            validator_version=value.get("validator", ""),
            standard_version=value.get("standard", ""),
            listed_in=value.get("listing", ""),
        )
    counts_query = (
        PREFIXES
        + f"""SELECT ?source ?code ?severity ?count
WHERE {{ GRAPH <{RECORDS_GRAPH}> {{
  ?record prov:hadPrimarySource ?source ; cdata:findingCount ?entry .
  ?entry cdata:findingCode ?code ; cdata:severity ?severity ; cdata:count ?count .
}} }} ORDER BY ?source ?code"""
    )
    counts: dict[str, list[tuple[str, str, int]]] = {}
    for row in store.select(counts_query)["results"]["bindings"]:
        entry = (row["code"]["value"], row["severity"]["value"], int(row["count"]["value"]))
        counts.setdefault(row["source"]["value"], []).append(entry)
    for source, entries in counts.items():
        if source in records:
            records[source] = records[source].evolve(finding_counts=tuple(entries))
    return records


def _literal(text: str, datatype: str = "", lang: str = "") -> str:
    import pyoxigraph as ox

    if datatype:
        return str(ox.Literal(text, datatype=ox.NamedNode(datatype)))
    return str(ox.Literal(text, language=lang)) if lang else str(ox.Literal(text))


def _iri(text: str) -> str:
    import pyoxigraph as ox

    return str(ox.NamedNode(text))  # raises ValueError on anything that is not an IRI


def _term(curie: str) -> str:
    """A prefixed name written out in full: Oxigraph accepts PREFIX only at the start of an update request."""
    prefix, local = curie.split(":", 1)
    return f"<{NAMESPACES[prefix]}{local}>"


def _delete(iri: str) -> str:
    entry = _term("cdata:findingCount")
    return (
        f"DELETE WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ <{iri}> {entry} ?entry . ?entry ?p ?o }} }} ;\n"
        f"DELETE WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ <{iri}> ?p ?o }} }} ;\n"
    )


def record_turtle(record: Record) -> str:
    """The triples of a record (Turtle, full IRIs, no blank node), as they go in the records graph."""
    xsd = NAMESPACES["xsd"]
    lines = [
        f"a {_term('dcat:CatalogRecord')}, {_term('prov:Entity')}",
        f"{_term('prov:hadPrimarySource')} {_iri(record.source)}",
        f"{_term('cdata:harvestStatus')} <{STATUS_IRIS[record.status]}>",
    ]
    optional = [
        ("foaf:primaryTopic", _iri(record.topic) if record.topic else ""),
        ("cdata:statusReason", _literal(record.reason, lang="fr") if record.reason else ""),
        ("prov:generatedAtTime", _literal(record.generated, f"{xsd}dateTime") if record.generated else ""),
        ("cdata:lastChecked", _literal(record.last_checked, f"{xsd}dateTime") if record.last_checked else ""),
        ("cdata:contentHash", _literal(record.content_hash) if record.content_hash else ""),
        ("cdata:etag", _literal(record.etag) if record.etag else ""),
        ("cdata:lastModified", _literal(record.last_modified) if record.last_modified else ""),
        ("cdata:validatorVersion", _literal(record.validator_version) if record.validator_version else ""),
        ("cdata:standardVersion", _literal(record.standard_version) if record.standard_version else ""),
        ("cdata:listedIn", _iri(record.listed_in) if record.listed_in else ""),
    ]
    lines += [f"{_term(predicate)} {value}" for predicate, value in optional if value]
    code, severity, count = _term("cdata:findingCode"), _term("cdata:severity"), _term("cdata:count")
    entries: list[str] = []
    for name, level, number in record.finding_counts:
        entry = f"<{skolem_iri(record.iri, name, level)}>"
        lines.append(f"{_term('cdata:findingCount')} {entry}")
        entries.append(f"  {entry} {code} {_literal(name)} ; {severity} {_literal(level)} ; {count} {number} .\n")
    body = " ;\n    ".join(lines)
    return f"  <{record.iri}> {body} .\n{''.join(entries)}"


def record_update(record: Record) -> str:
    """A SPARQL Update that replaces the record of `record.source`.

    Full IRIs only (no PREFIX), so that it can follow other operations in one request. No blank
    node: each finding count is a Skolem IRI derived from the record, the code and the severity
    (INSERT DATA with blank nodes is refused by Virtuoso).
    """
    return f"{_delete(record.iri)}INSERT DATA {{ GRAPH <{RECORDS_GRAPH}> {{\n{record_turtle(record)}}} }}"


def run_update(when: str) -> str:
    """A SPARQL Update setting cdata:lastHarvest of the records graph: the end of the latest run.

    Readers (the explorer) compare it to know that a run has changed the store, even one finished
    within the same second as the previous one.
    """
    graph, predicate = f"<{RECORDS_GRAPH}>", _term("cdata:lastHarvest")
    stamp = _literal(when, f"{NAMESPACES['xsd']}dateTime")
    return (
        f"DELETE WHERE {{ GRAPH {graph} {{ {graph} {predicate} ?old }} }} ;\n"
        f"INSERT DATA {{ GRAPH {graph} {{ {graph} {predicate} {stamp} }} }}"
    )


def checked_update(sources: Iterable[str], when: str) -> str:
    """A SPARQL Update setting cdata:lastChecked of the records of `sources` (unchanged documents)."""
    values = " ".join(f"<{record_iri(source)}>" for source in sources)
    checked = _literal(when, f"{NAMESPACES['xsd']}dateTime")
    predicate = _term("cdata:lastChecked")
    return (
        f"DELETE {{ GRAPH <{RECORDS_GRAPH}> {{ ?record {predicate} ?old }} }}\n"
        f"INSERT {{ GRAPH <{RECORDS_GRAPH}> {{ ?record {predicate} {checked} }} }}\n"
        f"WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ VALUES ?record {{ {values} }} ?record {predicate} ?old }} }}"
    )
