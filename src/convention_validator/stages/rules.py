"""Stage 4, rules: the generated SHACL shapes plus the standard's business rules.

Two engines give the same findings (a test checks it on every example and on mutations):

- "fast", the default: the structure stage has already applied the JSON Schema generated from
  the same model as the shapes, so of the generated shapes only the reference checks remain;
  they and the business rules (all SHACL-SPARQL) run on pyoxigraph, compiled at build time;
- "pyshacl", the reference: the generated shapes and the business rules, as published, in
  pyshacl.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from convention_validator.cores import available_cores
from convention_validator.stages.context import StageContext, value_at
from convention_validator.stages.graph import POINTER_IRI, DocumentGraph
from convention_validator.stages.sparql_constraints import SparqlResult, load_constraints, run_constraints
from convention_validator.standard import Standard

STAGE = "rules"
SH = "http://www.w3.org/ns/shacl#"
CDATA = "https://w3id.org/clauses-data/"
REFERENCE_SHAPE = re.compile(r"(Party|Dataset)ReferenceShape$")
DATASET_POINTER = re.compile(r"^/datasets/\d+")
ENGINES = ("fast", "pyshacl")


PARALLEL_FROM_TRIPLES = 20_000
"""Graphs this large have their rules shared between two threads (a convention of 1,000 datasets,
68,000 triples: 128 -> 80 ms); a typical one (about 3,000 triples) keeps one thread, so a batch of
typical files, whose processes already use every core, is run as before."""


def rule_threads(triples: int) -> int:
    """Threads for the rules of a graph of `triples` triples: two when it is large and two cores are free."""
    if triples < PARALLEL_FROM_TRIPLES:
        return 1
    return min(2, available_cores())


class RulesStage:
    """Runs the rules (loaded once) and maps every result to a located finding."""

    def __init__(self, standard: Standard, engine: str = "fast") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self._engine = engine
        self._constraints = load_constraints(standard.path("rules_sparql"))
        self._reference = _PyshaclEngine(standard) if engine == "pyshacl" else None

    def results(self, document: DocumentGraph) -> list[SparqlResult]:
        """The engine's raw results on a graph (any graph: engines are compared on graphs of many documents)."""
        if self._reference is not None:
            return self._reference.results(document.rdflib_graph)
        return run_constraints(document.store, self._constraints, threads=rule_threads(document.triples))

    def run(self, context: StageContext, document: DocumentGraph) -> None:
        results = self.results(document)
        seen: set[tuple[str, str, str]] = set()
        for found in sorted(results, key=lambda r: (r.code, r.focus, r.path or "", r.value or "")):
            # a result without ?value has the focus node as value (SHACL 5.3.2): it says nothing more
            result = replace(found, value=None) if found.value == found.focus else found
            pointer = self._pointer_of(context, document, result)
            missing = result.path if result.path and pointer == document.pointer_of(result.focus) else ""
            if (result.code, pointer, missing) in seen:
                continue
            seen.add((result.code, pointer, missing))
            shown = result.value if result.value is not None and not result.value.startswith(POINTER_IRI) else ""
            key = pointer.rsplit("/", 1)[-1]
            if missing:
                key = document.terms.get(missing, [key])[0]
            context.emit(
                result.code,
                pointer,
                STAGE,
                value=_short(shown) if result.value_is_iri else shown,
                key=key,
                dataset=_dataset_title(context.document.data, pointer),
            )

    def _pointer_of(self, context: StageContext, document: DocumentGraph, result: SparqlResult) -> str:
        base = document.pointer_of(result.focus)
        if base is None:
            return ""
        if not result.path:
            return base
        here = value_at(context.document.data, base)
        present = [t for t in document.terms.get(result.path, []) if isinstance(here, dict) and t in here]
        if not present:
            return base
        pointer = f"{base}/{present[0]}"
        items = here[present[0]] if isinstance(here, dict) else None
        if isinstance(items, list) and result.value is not None:
            for index, item in enumerate(items):
                if isinstance(item, str) and _same(item, result.value):
                    return f"{pointer}/{index}"
        return pointer


class ReportReader:
    """Reads a SHACL validation report (any engine's) as results with the standard's finding codes."""

    def __init__(self, shapes: Any) -> None:
        self._shapes = shapes
        self._codes = {str(s): str(c) for s, c in shapes.subject_objects(_iri(f"{CDATA}findingCode"))}
        self._owner = {str(p): str(n) for n, p in shapes.subject_objects(_iri(f"{SH}property"))}

    def results(self, report: Any) -> list[SparqlResult]:
        """Every sh:result of the report: code, severity, focus node, path and value."""
        from rdflib import RDF, URIRef

        found = []
        for root in report.subjects(RDF.type, _iri(f"{SH}ValidationReport")):
            for result in report.objects(root, _iri(f"{SH}result")):
                value = report.value(result, _iri(f"{SH}value"))
                path = report.value(result, _iri(f"{SH}resultPath"))
                found.append(
                    SparqlResult(
                        code=self._code_of(report, result),
                        severity=str(report.value(result, _iri(f"{SH}resultSeverity"))),
                        focus=str(report.value(result, _iri(f"{SH}focusNode"))),
                        path=str(path) if isinstance(path, URIRef) else None,
                        value=str(value) if value is not None else None,
                        value_is_iri=isinstance(value, URIRef),
                    )
                )
        return found

    def _code_of(self, report: Any, result: Any) -> str:
        source = report.value(result, _iri(f"{SH}sourceShape"))
        code = self._codes.get(str(source)) or self._codes.get(self._owner.get(str(source), ""))
        if code:
            return code
        component = str(report.value(result, _iri(f"{SH}sourceConstraintComponent")))
        nodes = self._shapes.objects(source, _iri(f"{SH}node")) if source is not None else ()
        if component.endswith("NodeConstraintComponent") and any(REFERENCE_SHAPE.search(str(n)) for n in nodes):
            return "CV312"
        return "CV300"


class _PyshaclEngine:
    """The reference engine: the published shapes and rules in pyshacl (imported only here)."""

    def __init__(self, standard: Standard) -> None:
        from pyshacl.monkey import apply_patches
        from pyshacl.validator import assign_baked_in
        from rdflib import Graph

        self._shapes = Graph()
        self._shapes.parse(standard.path("shacl"), format="turtle")
        self._shapes.parse(standard.path("rules"), format="turtle")
        self._reader = ReportReader(self._shapes)
        self._shapes_graph: Any = None
        apply_patches()  # type: ignore[no-untyped-call]
        assign_baked_in()  # type: ignore[no-untyped-call]
        _parse_each_query_once()

    def results(self, graph: Any) -> list[SparqlResult]:
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.validator import Validator
        from rdflib import Graph

        options = {"inference": "none", "allow_warnings": True, "allow_infos": True, "inplace": True}
        validator = Validator(DataGraph.from_rdflib_graph(graph), shacl_graph=self._shapes, options=options)
        if self._shapes_graph is None:
            self._shapes_graph = validator.shacl_graph  # built once: pyshacl rebuilds shapes per validator
        validator.shacl_graph = self._shapes_graph
        _, report, _ = validator.run()  # type: ignore[no-untyped-call]
        assert isinstance(report, Graph)
        return self._reader.results(report)


def _parse_each_query_once() -> None:
    """pyshacl parses a SPARQL constraint again for every focus node (three quarters of its time).

    The query text is the same for every focus node ($this is bound, not written in), so each
    text is parsed once into an rdflib prepared query, which rdflib evaluates with any bindings.
    """
    from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
    from rdflib.plugins.sparql import prepareQuery

    original: Any = SPARQLBasedConstraint._validate_sparql_query
    if getattr(original, "parses_once", False):
        return
    prepared = cache(prepareQuery)

    def validate(self: Any, query: str, init_binds: Any, target_graph: Any) -> Any:
        return original(self, prepared(query), init_binds, target_graph)

    validate.parses_once = True  # type: ignore[attr-defined]
    SPARQLBasedConstraint._validate_sparql_query = validate  # type: ignore[method-assign]


def _iri(value: str) -> Any:
    from rdflib import URIRef

    return URIRef(value)


def _same(item: str, value: str) -> bool:
    return value == item or value.endswith("/" + item.rsplit(":", 1)[-1]) or value.endswith("#" + item)


def _short(value: str) -> str:
    return re.split(r"[/#]", value.rstrip("/"))[-1]


def _dataset_title(data: dict[str, Any], pointer: str) -> str:
    match = DATASET_POINTER.match(pointer)
    if not match:
        return ""
    dataset = value_at(data, match.group(0))
    return str(dataset.get("title", "")) if isinstance(dataset, dict) else ""
