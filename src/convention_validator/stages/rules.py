"""Stage 4, rules: the generated SHACL shapes plus the standard's business rules (pyshacl)."""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator as ShaclValidator
from pyshacl.validator import assign_baked_in
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from convention_validator.stages.context import StageContext, value_at
from convention_validator.stages.graph import DocumentGraph, to_rdflib
from convention_validator.stages.sparql_constraints import run_constraints, split_shapes
from convention_validator.standard import Standard

STAGE = "rules"
SH = Namespace("http://www.w3.org/ns/shacl#")
CDATA = Namespace("https://w3id.org/clauses-data/")
REFERENCE_SHAPE = re.compile(r"(Party|Dataset)ReferenceShape$")
DATASET_POINTER = re.compile(r"^/datasets/\d+")


class RulesStage:
    """Runs the shapes and rules (loaded once) and maps every result to a located finding.

    By default SHACL Core runs in pyshacl and the SHACL-SPARQL constraints on pyoxigraph
    (same semantics, two orders of magnitude faster); `engine="pyshacl"` runs everything in
    pyshacl, the reference engine.
    """

    def __init__(self, standard: Standard, engine: str = "fast") -> None:
        shapes = Graph()
        for artifact in ("shacl", "rules"):
            for triple in ox.parse(path=standard.path(artifact), format=ox.RdfFormat.TURTLE):
                shapes.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        self._shapes = shapes
        self._engine = engine
        self._core, self._constraints = split_shapes(shapes)
        self._shapes_graph: ShapesGraph | None = None
        apply_patches()
        assign_baked_in()
        self._codes = {str(s): str(code) for s, code in shapes.subject_objects(CDATA.findingCode)}
        self._owner = {str(p): str(n) for n, p in shapes.subject_objects(SH.property)}

    @property
    def shapes(self) -> Graph:
        return self._shapes

    def report(self, document: DocumentGraph) -> Graph:
        """A SHACL validation report of a document graph, with the engine chosen."""
        shapes = self._shapes if self._engine == "pyshacl" else self._core
        options = {"inference": "none", "allow_warnings": True, "allow_infos": True, "inplace": True}
        validator = ShaclValidator(DataGraph.from_rdflib_graph(document.graph), shacl_graph=shapes, options=options)
        if self._shapes_graph is None:
            self._shapes_graph = validator.shacl_graph  # built once: pyshacl rebuilds shapes per validator
        validator.shacl_graph = self._shapes_graph
        _, report, _ = validator.run()
        assert isinstance(report, Graph)
        if self._engine != "pyshacl":
            root = report.value(predicate=RDF.type, object=SH.ValidationReport)
            for found in run_constraints(document.store, self._constraints):
                result = BNode()
                report.add((root, SH.result, result))
                report.add((result, RDF.type, SH.ValidationResult))
                report.add((result, SH.focusNode, URIRef(found.focus)))
                report.add((result, SH.sourceShape, URIRef(found.shape)))
                report.add((result, SH.resultSeverity, URIRef(found.severity)))
                report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
                if found.path:
                    report.add((result, SH.resultPath, URIRef(found.path)))
                if found.value is not None:
                    report.add((result, SH.value, _node(found.value)))
        return report

    def run(self, context: StageContext, document: DocumentGraph) -> Graph:
        report = self.report(document)
        seen: set[tuple[str, str]] = set()
        results = [
            r for root in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(root, SH.result)
        ]
        for result in results:
            code = self._code_of(report, result)
            pointer = self._pointer_of(context, document, report, result)
            if (code, pointer) in seen:
                continue
            seen.add((code, pointer))
            value = report.value(result, SH.value)
            context.emit(
                code,
                pointer,
                STAGE,
                value=_short(value) if value is not None else "",
                key=pointer.rsplit("/", 1)[-1],
                dataset=_dataset_title(context.document.data, pointer),
                detail=str(report.value(result, SH.resultMessage) or ""),
            )
        return report

    def _code_of(self, report: Graph, result: Node) -> str:
        source = report.value(result, SH.sourceShape)
        code = self._codes.get(str(source)) or self._codes.get(self._owner.get(str(source), ""))
        if code:
            return code
        component = str(report.value(result, SH.sourceConstraintComponent))
        if component.endswith("NodeConstraintComponent") and source is not None:
            if any(REFERENCE_SHAPE.search(str(s)) for s in self._shapes.objects(source, SH.node)):
                return "CV312"
        return "CV300"

    def _pointer_of(self, context: StageContext, document: DocumentGraph, report: Graph, result: Node) -> str:
        focus = report.value(result, SH.focusNode)
        base = document.pointer_of(focus) if focus is not None else None
        if base is None:
            return ""
        path = report.value(result, SH.resultPath)
        if not isinstance(path, URIRef):
            return base
        here = value_at(context.document.data, base)
        terms = document.terms.get(str(path), [])
        present = [t for t in terms if isinstance(here, dict) and t in here]
        if not present:
            return base
        pointer = f"{base}/{present[0]}"
        value = report.value(result, SH.value)
        items = here[present[0]] if isinstance(here, dict) else None
        if isinstance(items, list) and value is not None:
            for index, item in enumerate(items):
                if isinstance(item, str) and _same(item, value):
                    return f"{pointer}/{index}"
        return pointer


def _node(value: str) -> Node:
    return URIRef(value) if re.match(r"^[a-z][a-z0-9+.-]*:", value) and " " not in value else Literal(value)


def _same(item: str, value: Node) -> bool:
    text = str(value)
    return text == item or text.endswith("/" + item.rsplit(":", 1)[-1]) or text.endswith("#" + item)


def _short(value: Node) -> str:
    text = str(value)
    if isinstance(value, URIRef):
        return re.split(r"[/#]", text.rstrip("/"))[-1]
    return text


def _dataset_title(data: dict[str, Any], pointer: str) -> str:
    match = DATASET_POINTER.match(pointer)
    if not match:
        return ""
    dataset = value_at(data, match.group(0))
    return str(dataset.get("title", "")) if isinstance(dataset, dict) else ""
