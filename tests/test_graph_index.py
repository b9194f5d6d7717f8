"""The per-graph index of the indicators (clauses-data.graph-index.ru): the indicator queries that
read it give the rows of the 0.1 queries, which join the original patterns, on any store.

The differential test draws stores of one to four conventions from the valid examples, each
dataset with drawn themes, category, access level (or no sharing terms at all), an IRI of its own
or one shared with another convention, and each convention current, invalid (last valid version
kept) or withdrawn. The same store is also written without index and brought up to date by the
harvester's store-wide update: both ways give the same quads, which shows that the in-memory
derivation (only the lines naming a predicate the update reads) loses nothing.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convention_validator.harvest.harvester import harvest
from convention_validator.indicators.queries import indicator_queries
from convention_validator.indicators.running import run_indicators
from convention_validator.loaders import load_text
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.stages.context import StageContext
from convention_validator.stages.graph import DocumentGraph, GraphStage
from convention_validator.standard import CURRENT
from convention_validator.store.embedded import EmbeddedStore
from convention_validator.store.graph_index import (
    INDEX_NAMESPACE,
    MISSING_INDEX_QUERY,
    MissingIndexError,
    add_missing_indexes,
    indexed,
)
from convention_validator.validator import Validator
from support import ROOT, VALID, load_document

CLI = Path(sys.executable).parent / "convention-validator"
CDATA = "https://w3id.org/clauses-data/"
RECORDS = f"{CDATA}harvest/records"
PLAIN_QUERIES = ROOT / "src" / "convention_validator" / "frozen" / "0.1.0" / "queries"
INDEXED = ("jeux-par-theme", "jeux-par-categorie", "jeux-par-niveau-acces", "synthese")
THEMES = ("ECON", "SOCI", "EDUC", "HEAL", "TRAN")
CATEGORIES = ("PUBLIC_ADMINISTRATION_DATA", "DELEGATED_PUBLIC_SERVICE_DATA", "PRIVATE_GENERAL_INTEREST_DATA")
ACCESS_LEVELS = ("PUBLIC", "RESTRICTED", "NON_PUBLIC", None)  # None: the dataset has no sharing terms
STATUSES = ("HarvestCurrent", "HarvestInvalid", "HarvestWithdrawn")
BASES = tuple(path for path in VALID if path.suffix == ".jsonld")


@cache
def validator() -> Validator:
    return Validator()


@cache
def base(index: int) -> dict[str, Any]:
    document: dict[str, Any] = load_document(BASES[index])
    return document


def record(number: int, convention: str, status: str) -> str:
    iri = f"<{CDATA}harvest/record/{hashlib.sha256(str(number).encode()).hexdigest()[:32]}>"
    return (
        f"INSERT DATA {{ GRAPH <{RECORDS}> {{ {iri} <http://xmlns.com/foaf/0.1/primaryTopic> <{convention}> ; "
        f"<{CDATA}harvestStatus> <{CDATA}{status}> . }} }}"
    )


DATASET = st.tuples(
    st.lists(st.sampled_from(THEMES), max_size=3, unique=True),
    st.sampled_from(CATEGORIES),
    st.sampled_from(ACCESS_LEVELS),
    st.booleans(),  # True: the dataset keeps the example's IRI, which another convention may share
)
CONVENTION = st.tuples(st.integers(0, len(BASES) - 1), st.sampled_from(STATUSES), st.lists(DATASET, max_size=6))


def drawn_document(number: int, drawn: tuple[int, str, list[Any]]) -> tuple[dict[str, Any], str]:
    """A valid example renamed for convention `number`, its first datasets edited as drawn; its status."""
    which, status, datasets = drawn
    document = copy.deepcopy(base(which))
    text = json.dumps(document, ensure_ascii=False)
    document = json.loads(text.replace(document["id"], f"{document['id']}-{number}"))
    for dataset, (themes, category, access, shared) in zip(document["datasets"], datasets, strict=False):
        if shared:
            dataset["id"] = dataset["id"].replace(f"-{number}", "", 1)
        dataset["themes"] = themes
        dataset["category"] = category
        if access is None:
            dataset.pop("sharing", None)
        else:
            dataset["sharing"]["access_level"] = access
    return document, status


def converted(document: dict[str, Any]) -> DocumentGraph:
    """The document's RDF graph, valid or not (a dataset may lack its sharing terms here)."""
    context = StageContext(document=load_text(json.dumps(document), "drawn.jsonld", "json"), lang="fr")
    graph = GraphStage(CURRENT).run(context)
    assert graph is not None, [finding.code for finding in context.findings]
    return graph


def rows(store: EmbeddedStore, text: str) -> list[tuple[tuple[str, str], ...]]:
    """The rows of a query, each as sorted (variable, value) pairs; a share as a decimal rounded to 10⁻⁹."""
    found = []
    for row in store.select(text)["results"]["bindings"]:
        values = {
            name: str(round(Decimal(cell["value"]), 9)) if name == "share" else cell["value"]
            for name, cell in row.items()
        }
        found.append(tuple(sorted(values.items())))
    return sorted(found)


def quads(store: EmbeddedStore) -> set[str]:
    answer = store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"]
    return {json.dumps(row, sort_keys=True) for row in answer}


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(conventions=st.lists(CONVENTION, min_size=1, max_size=4))
def test_indexed_queries_give_the_rows_of_the_plain_queries(conventions: list[tuple[int, str, list[Any]]]) -> None:
    indexed_store, migrated_store = EmbeddedStore(None), EmbeddedStore(None)
    for number, drawn in enumerate(conventions):
        document, status = drawn_document(number, drawn)
        graph = converted(document)
        plain = convention_ntriples(graph)
        indexed_store.replace_graph(graph.root, indexed(graph.root, plain), update=record(number, graph.root, status))
        migrated_store.replace_graph(graph.root, plain, update=record(number, graph.root, status))
    assert add_missing_indexes(migrated_store)
    assert not add_missing_indexes(migrated_store)  # once is enough
    assert quads(migrated_store) == quads(indexed_store)
    queries = {query.name: query.text for query in indicator_queries()}
    for name in INDEXED:
        plain_text = (PLAIN_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        assert rows(indexed_store, queries[name]) == rows(indexed_store, plain_text), name


def test_the_index_of_an_example_names_its_datasets_themes_categories_and_open_terms() -> None:
    document = load_document(ROOT / "examples" / "valid" / "nantes-metropole.jsonld")
    graph = validator().validate_text(json.dumps(document), "memory:nantes.jsonld").graph
    assert graph is not None
    stored = indexed(graph.root, convention_ntriples(graph))
    assert b"_:" not in stored  # skolemised: the index names the graph's own nodes
    index = [line for line in stored.decode().splitlines() if f"> <{INDEX_NAMESPACE}" in line]
    count = {name: sum(f"<{INDEX_NAMESPACE}{name}>" in line for line in index) for name in ("dataset", "theme")}
    datasets = document["datasets"]
    assert count == {"dataset": len(datasets), "theme": sum(len(d.get("themes", ())) for d in datasets)}
    open_terms = sum(d["sharing"]["access_level"] == "PUBLIC" for d in datasets)
    assert sum(f"<{INDEX_NAMESPACE}openTerms>" in line for line in index) == open_terms
    assert f'<{graph.root}> <{INDEX_NAMESPACE}version> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .' in index
    assert indexed(graph.root, convention_ntriples(graph)) == stored  # the same bytes every time


def test_a_document_cannot_write_terms_of_the_index() -> None:
    document = load_document(ROOT / "examples" / "valid" / "nantes-metropole.jsonld")
    document["datasets"][0][f"{INDEX_NAMESPACE}theme"] = (
        "http://publications.europa.eu/resource/authority/data-theme/ECON"
    )
    report = validator().validate_text(json.dumps(document), "memory:smuggled.jsonld")
    assert "CV103" in {finding.code for finding in report.findings}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_indicators_refuse_a_store_without_index_until_the_harvester_adds_it(tmp_path: Path, lang: str) -> None:
    location = tmp_path / "store"
    store = EmbeddedStore(location)
    graph = validator().validate_file(ROOT / "examples" / "valid" / "cayenne.jsonld").graph
    assert graph is not None
    store.replace_graph(graph.root, convention_ntriples(graph), update=record(0, graph.root, "HarvestCurrent"))
    store.close()
    command = [str(CLI), "indicators", "--store", str(location), "--output", str(tmp_path / "out"), "--lang", lang]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert "Traceback" not in refused.stderr and "clauses-data.graph-index.ru" in refused.stderr
    assert ("moissonnez à nouveau" if lang == "fr" else "harvest again") in refused.stderr.lower()
    assert not (tmp_path / "out").exists()
    store = EmbeddedStore(location)
    with pytest.raises(MissingIndexError):  # the Python API refuses too
        run_indicators(store)
    harvest([], store)  # a harvest, even of no source, brings the store up to date first
    assert not store.select(MISSING_INDEX_QUERY)["boolean"]
    store.close()
    answered = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert answered.returncode == 0, answered.stderr
    with (tmp_path / "out" / "synthese.csv").open(encoding="utf-8") as table:
        overview = next(csv.DictReader(table))
    datasets = load_document(ROOT / "examples" / "valid" / "cayenne.jsonld")["datasets"]
    assert int(overview["datasets"]) == len(datasets)  # the migrated graph is counted
    assert int(overview["openDatasets"]) == sum(d["sharing"]["access_level"] == "PUBLIC" for d in datasets)
