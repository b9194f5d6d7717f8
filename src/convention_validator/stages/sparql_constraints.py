"""SHACL-SPARQL constraints (sh:sparql / sh:select on node shapes) executed on pyoxigraph.

Same semantics as the SHACL recommendation (section 5): for every focus node of the shape's
targets, the SELECT runs with `$this` pre-bound (pyoxigraph substitutions, SPARQL SEP-0007);
every solution is a result whose path and value come from `?path` and `?value`.
pyshacl stays the reference engine: a test checks that both give the same findings on
every example.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
TARGETS = {
    SH.targetObjectsOf: "SELECT DISTINCT ?focus WHERE {{ ?s <{0}> ?focus }}",
    SH.targetSubjectsOf: "SELECT DISTINCT ?focus WHERE {{ ?focus <{0}> ?o }}",
    SH.targetClass: "SELECT DISTINCT ?focus WHERE {{ ?focus a <{0}> }}",
}
THIS = ox.Variable("this")


@dataclass(frozen=True)
class SparqlConstraint:
    """One sh:sparql constraint of a node shape, ready to run."""

    shape: str
    severity: str
    query: str
    targets: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SparqlResult:
    """A validation result produced by a SPARQL constraint."""

    shape: str
    severity: str
    focus: str
    path: str | None
    value: str | None


def _prologue(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declarer in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declarer, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their SPARQL constraints (for a Core engine), and those constraints."""
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    constraints: list[SparqlConstraint] = []
    sparql_nodes = set()
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if (shape, SH.deactivated, None) in shapes and str(shapes.value(shape, SH.deactivated)) == "true":
            continue
        select = shapes.value(constraint, SH.select)
        if select is None or (shape, RDF.type, SH.NodeShape) not in shapes:
            raise ValueError(f"unsupported SPARQL constraint on {shape}: only sh:select on node shapes")
        sparql_nodes.add(constraint)
        targets = tuple((str(kind), str(target)) for kind in TARGETS for target in shapes.objects(shape, kind)) + tuple(
            (str(SH.targetNode), str(node)) for node in shapes.objects(shape, SH.targetNode)
        )
        constraints.append(
            SparqlConstraint(
                shape=str(shape),
                severity=str(shapes.value(shape, SH.severity) or SH.Violation),
                query=_prologue(shapes, constraint) + "\n" + str(select),
                targets=targets,
            )
        )
    for triple in shapes:
        subject, predicate, _ = triple
        if predicate == SH.sparql or subject in sparql_nodes:
            continue
        core.add(triple)
    return core, sorted(constraints, key=lambda c: c.shape)


def _term(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def run_constraints(store: ox.Store, constraints: list[SparqlConstraint]) -> list[SparqlResult]:
    """Every result of every constraint on the store's default graph."""
    results: list[SparqlResult] = []
    for constraint in constraints:
        focus_nodes: set[ox.NamedNode | ox.BlankNode] = set()
        for kind, target in constraint.targets:
            if kind == str(SH.targetNode):
                focus_nodes.add(_term(target))
                continue
            for row in store.query(TARGETS[URIRef(kind)].format(target)):  # type: ignore[union-attr]
                node = row["focus"]
                if isinstance(node, (ox.NamedNode, ox.BlankNode)):
                    focus_nodes.add(node)
        for focus in sorted(focus_nodes, key=str):
            for row in store.query(constraint.query, substitutions={THIS: focus}):  # type: ignore[union-attr]
                path = _value(row, "path")
                value = _value(row, "value")
                results.append(SparqlResult(constraint.shape, constraint.severity, focus.value, path, value))
    return results


def _value(row: ox.QuerySolution, name: str) -> str | None:
    try:
        term = row[name]
    except (KeyError, IndexError):
        return None
    return None if term is None else str(term.value)
