"""SHACL-SPARQL constraints (sh:sparql / sh:select on node shapes) run on pyoxigraph.

Same semantics as the SHACL recommendation (section 5): for every focus node of the shape's
targets, the SELECT runs with `$this` pre-bound; every solution is a result whose path and
value come from `?path` and `?value`. The constraints are compiled at build time
(`make generate`) from the rules and the generated shapes into a JSON artifact, so that
running them needs no RDF library but pyoxigraph. pyshacl stays the reference engine: a test
checks that both give the same findings on every example.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

SH = "http://www.w3.org/ns/shacl#"
TARGETS = {
    f"{SH}targetObjectsOf": "SELECT DISTINCT ?focus WHERE {{ ?s <{0}> ?focus }}",
    f"{SH}targetSubjectsOf": "SELECT DISTINCT ?focus WHERE {{ ?focus <{0}> ?o }}",
    f"{SH}targetClass": "SELECT DISTINCT ?focus WHERE {{ ?focus a <{0}> }}",
}
TARGET_NODE = f"{SH}targetNode"
THIS = ox.Variable("this")
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class SparqlConstraint:
    """One SPARQL constraint of a node shape, ready to run."""

    shape: str
    code: str
    severity: str
    query: str
    targets: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SparqlResult:
    """A validation result: the constraint's code, the focus node, path and value."""

    code: str
    severity: str
    focus: str
    path: str | None
    value: str | None
    value_is_iri: bool


def load_constraints(path: Path) -> list[SparqlConstraint]:
    """The compiled constraints shipped in the package."""
    raw: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [
        SparqlConstraint(
            shape=item["shape"],
            code=item["code"],
            severity=item["severity"],
            query=item["query"],
            targets=tuple((kind, target) for kind, target in item["targets"]),
        )
        for item in raw
    ]


def dump_constraints(constraints: list[SparqlConstraint]) -> str:
    """The compiled constraints as the JSON artifact's text."""
    return json.dumps([asdict(c) for c in constraints], ensure_ascii=False, indent=2) + "\n"


def run_constraints(
    store: ox.Store, constraints: list[SparqlConstraint], use_guards: bool = True, threads: int = 1
) -> list[SparqlResult]:
    """Every result of every constraint on the store's default graph.

    A constraint whose guard (see `_guard`) finds nothing is skipped: it has no result.
    `use_guards=False` runs every constraint (the tests compare both). With `threads` > 1 the
    constraints are shared among threads (pyoxigraph evaluates a query without the GIL), those
    with the same guard on the same thread; the results are the same, in another order.
    """
    if threads <= 1:
        return _run_constraints(store, constraints, use_guards)
    from concurrent.futures import ThreadPoolExecutor  # large documents only: not imported at start-up

    groups: dict[str, list[SparqlConstraint]] = {}
    for index, constraint in enumerate(constraints):
        guard = _guard(constraint.query) if use_guards else None
        groups.setdefault(guard if guard is not None else str(index), []).append(constraint)
    shares: list[list[SparqlConstraint]] = [[] for _ in range(threads)]
    for number, group in enumerate(groups.values()):
        shares[number % threads].extend(group)
    with ThreadPoolExecutor(threads, thread_name_prefix="rules") as pool:
        parts = list(pool.map(lambda share: _run_constraints(store, share, use_guards), shares))
    return [result for part in parts for result in part]


def _run_constraints(store: ox.Store, constraints: list[SparqlConstraint], use_guards: bool) -> list[SparqlResult]:
    results: list[SparqlResult] = []
    guards: dict[str, bool] = {}
    for constraint in constraints:
        guard = _guard(constraint.query) if use_guards else None
        if guard is not None:
            if guard not in guards:
                guards[guard] = bool(store.query(guard))
            if not guards[guard]:
                continue
        combined = _with_targets(constraint.query, constraint.targets)
        if combined is not None:
            runs: list[tuple[str, ox.NamedNode | ox.BlankNode | None]] = [(combined, None)]
        else:
            runs = [(constraint.query, node) for node in _focus_nodes(store, constraint.targets)]
        for query, node in runs:
            rows = store.query(query, substitutions={THIS: node} if node is not None else None)
            for row in rows:  # type: ignore[union-attr]
                focus = node if node is not None else row["this"]
                value = _term(row, "value")
                if value is None:  # SHACL 5.3.2: without ?value, the value is the focus node
                    value = focus
                path = _term(row, "path")
                results.append(
                    SparqlResult(
                        code=constraint.code,
                        severity=constraint.severity,
                        focus=focus.value,
                        path=path.value if path is not None else None,
                        value=value.value if value is not None else None,
                        value_is_iri=isinstance(value, ox.NamedNode),
                    )
                )
    return results


def _focus_nodes(store: ox.Store, targets: tuple[tuple[str, str], ...]) -> list[ox.NamedNode | ox.BlankNode]:
    """The focus nodes of a shape's targets, in a stable order (the path for queries that cannot take them joined)."""
    focus_nodes: set[ox.NamedNode | ox.BlankNode] = set()
    for kind, target in targets:
        if kind == TARGET_NODE:
            focus_nodes.add(ox.NamedNode(target))
            continue
        for row in store.query(TARGETS[kind].format(target)):  # type: ignore[union-attr]
            node = row["focus"]
            if isinstance(node, (ox.NamedNode, ox.BlankNode)):
                focus_nodes.add(node)
    return sorted(focus_nodes, key=str)


TARGET_PATTERNS = {
    f"{SH}targetObjectsOf": "{{ ?cv_target_subject <{0}> ?this }}",
    f"{SH}targetSubjectsOf": "{{ ?this <{0}> ?cv_target_object }}",
    f"{SH}targetClass": "{{ ?this a <{0}> }}",
    TARGET_NODE: "{{ VALUES ?this {{ <{0}> }} }}",
}


@cache  # the same few dozen constraints for every document
def _with_targets(query: str, targets: tuple[tuple[str, str], ...]) -> str | None:
    """The query with its focus nodes joined at the head of the WHERE clause, where equivalent.

    Pre-binding `$this` to each focus node in turn (SHACL 5.3.1) and joining the table of the
    focus nodes first in the WHERE clause give the same solutions for a query with no sub-select
    that projects `$this`: both evaluate the rest of the group once per focus node, and FILTER
    (NOT) EXISTS sees `$this` bound either way. The table is a sub-select over the targets, so
    blank-node focus nodes (nested objects) need no query of their own.
    """
    match = WHERE.search(query)
    if not targets or match is None or query.upper().count("SELECT") != 1 or "$this" not in query[: match.start()]:
        return None
    if "cv_target_" in query:
        return None
    union = " UNION ".join(TARGET_PATTERNS[kind].format(target) for kind, target in targets)
    table = f"{{ SELECT DISTINCT ?this WHERE {{ {union} FILTER (!isLiteral(?this)) }} }}"
    return f"{query[: match.end()]} {table} {query[match.end() :]}"


HEAD_TRIPLE = re.compile(r"\s*\$this\s+(\?\w+|<[^>\s]*>|[\w-]*:[\w-]*)\s+\?(\w+)\s*\.")
FILTER_OPEN = re.compile(r"\s*FILTER\s*\(", re.IGNORECASE)
STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
VARIABLE = re.compile(r"[?$](\w+)")
VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


@cache  # the same few dozen constraints for every document
def _guard(query: str) -> str | None:
    """An ASK that must hold for the query to have any solution, when the query starts that way.

    A WHERE clause that opens with the triple `$this <p> ?value .` followed by FILTERs on
    `?value` alone can only have solutions whose `?value` is the object of a `<p>` triple that
    passes those filters: a FILTER applies to every solution of its group, and one that reads
    only `?value` (and no NOW(), RAND() or other value that may change between two queries)
    gives the same answer for the same value. When no triple of the graph passes,
    the query (whatever its focus nodes) returns nothing and need not run. The placeholder-text
    rules scan every literal against every focus node; their guard scans the literals once.
    """
    match = WHERE.search(query)
    if match is None or '"""' in query or "'''" in query:  # long strings: not read here
        return None
    head = HEAD_TRIPLE.match(query, match.end())
    if head is None:
        return None
    predicate, value = head.groups()
    filters: list[str] = []
    position = head.end()
    while (opening := FILTER_OPEN.match(query, position)) is not None:
        end = _closing_parenthesis(query, opening.end())
        if end is None:
            return None
        expression = query[opening.end() - 1 : end + 1]
        code = STRING.sub('""', expression)
        if "#" in code:  # a comment (or an IRI with a fragment): not read here
            return None
        if VOLATILE.search(code):  # a value that may differ between two queries
            break
        if set(VARIABLE.findall(code)) != {value}:
            break
        filters.append(f"FILTER {expression}")
        position = end + 1
    if not filters or predicate.lstrip("?") == value:
        return None
    prologue = query[: query.upper().index("SELECT")]
    return f"{prologue}ASK {{ ?cv_guard_subject {predicate} ?{value} . {' '.join(filters)} }}"


def _closing_parenthesis(text: str, start: int) -> int | None:
    """The index of the parenthesis closing the one just before `start`, skipping string literals."""
    depth, position = 1, start
    while position < len(text):
        character = text[position]
        if character in "\"'":
            literal = STRING.match(text, position)
            if literal is None:
                return None
            position = literal.end()
            continue
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return None


def _term(row: ox.QuerySolution, name: str) -> Any:
    try:
        return row[name]
    except (KeyError, IndexError):
        return None


# --- compilation, at build time (rdflib) ------------------------------------------------------


def _targets(shapes: Graph, shape: Node) -> tuple[tuple[str, str], ...]:
    from rdflib import URIRef

    found = [(kind, str(t)) for kind in TARGETS for t in shapes.objects(shape, URIRef(kind))]
    found += [(TARGET_NODE, str(t)) for t in shapes.objects(shape, URIRef(TARGET_NODE))]
    return tuple(sorted(found))


def _prologue(shapes: Graph, constraint: Node) -> str:
    from rdflib import URIRef

    lines = set()
    for declarer in shapes.objects(constraint, URIRef(f"{SH}prefixes")):
        for declaration in shapes.objects(declarer, URIRef(f"{SH}declare")):
            prefix = shapes.value(declaration, URIRef(f"{SH}prefix"))
            namespace = shapes.value(declaration, URIRef(f"{SH}namespace"))
            lines.add(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(lines))


def compile_rules(rules: Graph, code_property: str) -> list[SparqlConstraint]:
    """The SPARQL constraints of the rules graph (every rule must be one)."""
    from rdflib import RDF, URIRef

    constraints = []
    for shape in set(rules.subjects(URIRef(code_property), None)):
        sparql = list(rules.objects(shape, URIRef(f"{SH}sparql")))
        if (shape, RDF.type, URIRef(f"{SH}NodeShape")) not in rules or len(sparql) != 1:
            raise ValueError(f"{shape}: a rule must be a node shape with one sh:sparql constraint")
        select = rules.value(sparql[0], URIRef(f"{SH}select"))
        constraints.append(
            SparqlConstraint(
                shape=str(shape),
                code=str(rules.value(shape, URIRef(code_property))),
                severity=str(rules.value(shape, URIRef(f"{SH}severity")) or f"{SH}Violation"),
                query=_prologue(rules, sparql[0]) + "\n" + str(select).strip() + "\n",
                targets=_targets(rules, shape),
            )
        )
    return sorted(constraints, key=lambda c: c.shape)


def compile_references(shapes: Graph, code: str) -> list[SparqlConstraint]:
    """The generated reference checks (sh:node *ReferenceShape) as equivalent SPARQL constraints.

    A reference shape requires the referenced node to be the object of its container property
    (`sh:inversePath`, `sh:minCount 1`); the query selects the references for which it is not.
    """
    from rdflib import URIRef

    constraints = []
    for node_shape, prop in shapes.subject_objects(URIRef(f"{SH}property")):
        for reference in shapes.objects(prop, URIRef(f"{SH}node")):
            if not str(reference).endswith("ReferenceShape"):
                continue
            path = shapes.value(prop, URIRef(f"{SH}path"))
            inner = shapes.value(reference, URIRef(f"{SH}property"))
            container = shapes.value(shapes.value(inner, URIRef(f"{SH}path")), URIRef(f"{SH}inversePath"))
            query = (
                f"SELECT $this (<{path}> AS ?path) ?value WHERE {{ $this <{path}> ?value . "
                f"FILTER NOT EXISTS {{ ?owner <{container}> ?value }} }}\n"
            )
            constraints.append(
                SparqlConstraint(
                    shape=f"{node_shape}#{path}",
                    code=code,
                    severity=f"{SH}Violation",
                    query=query,
                    targets=_targets(shapes, node_shape),
                )
            )
    return sorted(constraints, key=lambda c: c.shape)
