"""Large conventions: loaded by chunks while they are converted, their rules shared between two threads.

Both are shortcuts of the same work: the graph loaded chunk by chunk is the graph loaded in one
call (same quads, pointers, typed literals, and the same fallback to the JSON-LD processor when
pyoxigraph refuses a term, wherever it is), and the rules run on two threads give the results of
one thread. Checked on every example, with chunks of a few lines, and on a convention of 300
datasets (the benchmarks' synthetic document), where the validator itself takes both shortcuts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from convention_validator.loaders import load_path, load_text
from convention_validator.stages.context import StageContext
from convention_validator.stages.graph import DocumentGraph, GraphStage
from convention_validator.stages.rules import PARALLEL_FROM_TRIPLES, rule_threads
from convention_validator.stages.sparql_constraints import load_constraints, run_constraints
from convention_validator.standard import Standard
from support import INVALID, LAWFUL, ROOT, VALID

EXAMPLES = VALID + INVALID + LAWFUL
ONE_CALL = 10**9  # chunk size beyond any document: one load, no thread


def synthetic(datasets: int) -> dict[str, Any]:
    """The benchmarks' valid convention scaled to `datasets` datasets."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    document: dict[str, Any] = module.convention(datasets)
    return document


def converted(stage: GraphStage, document: Any) -> tuple[DocumentGraph | None, list[tuple[str, str]]]:
    context = StageContext(document=document, lang="fr")
    graph = stage.run(context)
    return graph, sorted((finding.code, finding.pointer) for finding in context.findings)


def quads(graph: DocumentGraph | None) -> set[str] | None:
    return None if graph is None else {str(quad) for quad in graph.store}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_a_graph_loaded_by_chunks_is_the_graph_loaded_at_once(path: Path) -> None:
    standard = Standard()
    whole, whole_findings = converted(GraphStage(standard, chunk_lines=ONE_CALL), load_path(path))
    chunked, chunked_findings = converted(GraphStage(standard, chunk_lines=7), load_path(path))
    assert quads(chunked) == quads(whole) and chunked_findings == whole_findings
    if whole is not None and chunked is not None:
        assert chunked.pointers == whole.pointers and chunked.triples == whole.triples == len(whole.store)


@pytest.mark.parametrize("where", [0, 150, 299])
def test_a_term_pyoxigraph_refuses_in_any_chunk_sends_the_document_to_the_json_ld_processor(where: int) -> None:
    """A lone surrogate in a title (valid JSON, not UTF-8): the same verdict as with one load."""
    document = synthetic(300)
    document["datasets"][where]["title"] = "Jeu \ud800"
    text = json.dumps(document)  # the surrogate written as the escape \ud800
    standard = Standard()
    whole = converted(GraphStage(standard, chunk_lines=ONE_CALL), load_text(text, "d.jsonld", "json"))
    chunked = converted(GraphStage(standard, chunk_lines=500), load_text(text, "d.jsonld", "json"))
    assert quads(chunked[0]) == quads(whole[0]) and chunked[1] == whole[1]
    assert whole[1], "the processor reports the IRI"


def test_rules_on_two_threads_give_the_results_of_one() -> None:
    standard = Standard()
    constraints = load_constraints(standard.path("rules_sparql"))
    document = synthetic(300)
    document["datasets"][7]["sharing"]["access_level"] = "PUBLIC"  # findings to find on both threads
    document["datasets"][7]["protection"]["personal_data"] = "PSEUDONYMISED"
    graph, _ = converted(GraphStage(standard), load_text(json.dumps(document), "d.jsonld", "json"))
    assert graph is not None and graph.triples >= PARALLEL_FROM_TRIPLES
    one = run_constraints(graph.store, constraints)
    two = run_constraints(graph.store, constraints, threads=2)
    assert one and sorted(map(repr, two)) == sorted(map(repr, one))
    for path in EXAMPLES:
        small, _ = converted(GraphStage(standard), load_path(path))
        if small is not None:
            assert sorted(map(repr, run_constraints(small.store, constraints, threads=3))) == sorted(
                map(repr, run_constraints(small.store, constraints))
            ), path.name


def test_only_large_graphs_get_two_threads() -> None:
    assert rule_threads(PARALLEL_FROM_TRIPLES - 1) == 1
    assert rule_threads(PARALLEL_FROM_TRIPLES) in (1, 2)
