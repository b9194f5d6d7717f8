"""Guards skip a SPARQL constraint only when it has no result.

A guard is an ASK derived from the head of a constraint (`$this <p> ?value .` and the FILTERs on
`?value` alone). These tests run every constraint with and without guards on the graph of every
example and of the placeholder drafts, and check how the head of a query is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from convention_validator.loaders import load_path
from convention_validator.stages.context import StageContext
from convention_validator.stages.graph import GraphStage
from convention_validator.stages.sparql_constraints import (
    SparqlConstraint,
    _guard,
    load_constraints,
    run_constraints,
)
from convention_validator.standard import Standard, released_standards
from support import INVALID, LAWFUL, VALID

PROLOGUE = "PREFIX cdata: <https://w3id.org/clauses-data/>\n"
PLACEHOLDER_CODES = {"CV325", "CV349"}


RULE_SETS = {version: standard.path("rules_sparql") for version, standard in released_standards().items()}


@pytest.fixture(scope="module")
def constraints() -> list[SparqlConstraint]:
    return load_constraints(Standard().path("rules_sparql"))


@pytest.fixture(scope="module")
def rule_sets() -> dict[str, list[SparqlConstraint]]:
    """The rules of every version the validator accepts (earlier versions: their audited rules)."""
    return {version: load_constraints(path) for version, path in RULE_SETS.items()}


@pytest.fixture(scope="module")
def stage() -> GraphStage:
    return GraphStage(Standard())


def _graph_of(stage: GraphStage, path: Path) -> Any:
    """The document's graph, whatever the other stages find (None only when it has no graph)."""
    graph = stage.run(StageContext(document=load_path(path), lang="fr"))
    return None if graph is None else graph.store


EXAMPLES = VALID + INVALID + LAWFUL


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_guards_never_change_the_results(
    stage: GraphStage, rule_sets: dict[str, list[SparqlConstraint]], path: Path
) -> None:
    """Every rule of every accepted version, with and without guards, on the example's graph."""
    store = _graph_of(stage, path)
    if store is None:
        assert path in INVALID, "every valid example has a graph"
        return
    assert len(rule_sets) >= 2
    for constraints in rule_sets.values():
        assert run_constraints(store, constraints) == run_constraints(store, constraints, use_guards=False)


def test_every_guard_is_a_query_pyoxigraph_reads(rule_sets: dict[str, list[SparqlConstraint]]) -> None:
    guards = {_guard(c.query) for constraints in rule_sets.values() for c in constraints} - {None}
    assert len(guards) >= 10
    empty = ox.Store()
    for guard in guards:
        assert guard is not None and bool(empty.query(guard)) is False


def test_guards_skip_rules_and_let_the_placeholder_rules_run(
    stage: GraphStage, constraints: list[SparqlConstraint]
) -> None:
    """The placeholder guard is false on a finished convention and true where a placeholder is left."""
    guarded = [c for c in constraints if c.code in PLACEHOLDER_CODES]
    assert len(guarded) == 2 and all(_guard(c.query) is not None for c in guarded)
    finished = _graph_of(stage, next(p for p in VALID if p.name == "grand-auch.jsonld"))
    assert finished is not None and not bool(finished.query(_guard(guarded[0].query)))
    drafts = [p for p in INVALID if "placeholder" in p.name]
    assert drafts, "the examples keep their placeholder cases"
    for draft in drafts:
        store = _graph_of(stage, draft)
        assert store is not None and bool(store.query(_guard(guarded[0].query)))
        codes = {r.code for r in run_constraints(store, guarded)}
        assert codes & PLACEHOLDER_CODES


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (
            '$this cdata:note ?value . FILTER (REGEX(STR(?value), "a(b)\\"c", "i")) ?x cdata:p $this .',
            'ASK { ?cv_guard_subject cdata:note ?value . FILTER (REGEX(STR(?value), "a(b)\\"c", "i")) }',
        ),
        (
            "$this ?path ?value . FILTER (isLiteral(?value)) FILTER (?value != $this) FILTER (STR(?value) = 'x')",
            "ASK { ?cv_guard_subject ?path ?value . FILTER (isLiteral(?value)) }",
        ),
        ("$this cdata:a ?value ; cdata:b ?other . FILTER (?value = 1)", None),  # the head is not one triple
        ("?x cdata:a $this . FILTER (?x = 1)", None),  # $this is not the subject
        ("$this cdata:a ?value . FILTER NOT EXISTS { $this cdata:b ?value }", None),  # no FILTER on ?value alone
        ("$this cdata:a ?value . FILTER (?value = $this)", None),  # the filter reads the focus node
        ("$this ?value ?value . FILTER (isIRI(?value))", None),  # one variable in two places
        (
            "$this cdata:a ?value . FILTER (?value = 'a)?b')",
            "ASK { ?cv_guard_subject cdata:a ?value . FILTER (?value = 'a)?b') }",
        ),
        ("$this cdata:a ?value . FILTER (?value = 1 # (?\n)", None),  # a comment in the expression
        ('$this cdata:a ?value . FILTER (?value = """x""")', None),  # long strings are not read
        ("$this cdata:a ?value . FILTER (?value < NOW())", None),  # NOW() may change between two queries
    ],
)
def test_the_guard_is_read_from_the_head_of_the_query_only(where: str, expected: str | None) -> None:
    guard = _guard(f"{PROLOGUE}SELECT $this ?value WHERE {{ {where} }}")
    assert guard == (None if expected is None else PROLOGUE + expected)
