"""One verdict whatever the SHACL engine: the default engine, pyshacl and Apache Jena on mutants.

The valid examples are mutated along every path of the generated JSON Schema: an optional value
removed, every enum value at an enum-valued path, every date moved across the contract term
(before, at and after its bounds), every party or dataset reference broken, a value of another
type; a mutant combines one to three mutations. Each engine runs the published shapes and rules
on the mutant's RDF graph and the result sets (code, severity, focus node, path, value) must be
equal; a few mutants also go through the whole `Validator` (pointers, lines, message values).

pyshacl takes about a second per convention and grows with the square of the graph (rdflib
scans the graph for each pre-bound query), so it sees mutants one by one; Jena and the default
engine see 500 at once, in one graph where each mutant has its own IRIs: 1 000 mutants (about
2 000 mutations) against Jena, 10 against pyshacl, 3 through the whole validator per CI run.
CI runs a fixed sample (derandomized); `CV_DIFFERENTIAL=long` runs ten times more, at random.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from convention_validator import Validator
from convention_validator.loaders import load_path, load_text
from convention_validator.stages.context import StageContext
from convention_validator.stages.graph import POINTER_IRI, DocumentGraph, GraphStage
from convention_validator.stages.rules import RulesStage
from convention_validator.stages.sparql_constraints import SparqlResult
from convention_validator.stages.structure import StructureStage, normalise
from convention_validator.standard import CURRENT
from jena_shacl import BNODE_IRI, jena_missing, jena_results
from support import INVALID, LAWFUL, STANDARD, VALID, all_pointers, parent_of

LONG = os.environ.get("CV_DIFFERENTIAL") == "long"
SCALE = 10 if LONG else 1
CHECKS = settings(
    derandomize=not LONG,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    report_multiple_bugs=False,
)
BATCH = 500  # mutants in one graph for Jena and the default engine
REMOVE = "<remove>"
TAG = re.compile(r"~m(\d+)")
SCHEMA: dict[str, Any] = json.loads((STANDARD / "clauses-data.schema.json").read_text(encoding="utf-8"))
Key = tuple[str, str, str, str, str]
Mutation = tuple[str, Any]


@dataclass(frozen=True)
class Mutant:
    """A valid example and the mutations applied to it, in order."""

    base: str
    mutations: tuple[Mutation, ...]

    @property
    def data(self) -> dict[str, Any]:
        return mutate(BASES[self.base], self.mutations)

    def __str__(self) -> str:
        return f"{self.base} + {json.dumps(self.mutations, ensure_ascii=False)}"


# --- what the schema allows at each path ----------------------------------------------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A subschema with its $ref followed and the non-null branch of an anyOf taken."""
    while True:
        rest = {k: v for k, v in node.items() if k not in {"$ref", "anyOf"}}
        if "$ref" in node:
            node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]], **rest}
        elif "anyOf" in node and len(branches := [b for b in node["anyOf"] if b.get("type") != "null"]) == 1:
            node = {**branches[0], **rest}
        else:
            return node


def schema_at(pointer: str) -> dict[str, Any]:
    """The subschema that applies at a JSON pointer of a convention ({} where none does)."""
    node = _resolve(SCHEMA)
    for token in pointer.split("/")[1:]:
        if token.isdigit() and "items" in node:
            node = _resolve(node["items"])
        elif token in node.get("properties", {}):
            node = _resolve(node["properties"][token])
        else:
            return {}
    return node


def is_required(pointer: str) -> bool:
    parent, key = pointer.rsplit("/", 1)
    return not key.isdigit() and key in schema_at(parent).get("required", [])


def declared_ids(data: Any) -> set[str]:
    """Every identifier declared in a document (convention, parties, datasets, policies)."""
    if isinstance(data, dict):
        found = {data["id"]} if isinstance(data.get("id"), str) else set()
        return found.union(*(declared_ids(v) for k, v in data.items() if k != "id"))
    if isinstance(data, list):
        return set().union(*(declared_ids(v) for v in data))
    return set()


def _other_types(value: Any) -> list[Any]:
    """Values of other JSON types (string, number, boolean, list, object, null)."""
    if isinstance(value, bool):
        return [not value, str(value).lower(), int(value)]
    if isinstance(value, (int, float)):
        return [str(value), [value], True, 0]
    if isinstance(value, str):
        return [12, True, [value], {}]
    if isinstance(value, list):
        return [value[0] if value else "x", {}]
    if isinstance(value, dict):
        return [[value], "x"]
    return ["x", 0]


def mutations(document: dict[str, Any]) -> list[Mutation]:
    """Every single mutation of a document along the schema's paths."""
    term = document["city_contract"]["period"]
    start, end = date.fromisoformat(term["start_date"]), date.fromisoformat(term["end_date"])
    dates = [(start - timedelta(days=1)).isoformat(), start.isoformat(), end.isoformat()]
    dates.append((end + timedelta(days=1)).isoformat())
    ids = declared_ids(document)
    found: list[Mutation] = []
    for pointer in all_pointers(document):
        container, key = parent_of(document, pointer)
        value = container[key]
        schema = schema_at(pointer)
        if not is_required(pointer):
            found.append((pointer, REMOVE))
        found += [(pointer, v) for v in schema.get("enum", []) if v != value]
        if schema.get("format") == "date":
            found += [(pointer, d) for d in dates if d != value]
        if isinstance(value, str) and value in ids and not pointer.endswith("/id"):
            found.append((pointer, f"{value}-non-declare"))
        found += [(pointer, other) for other in _other_types(value)]
    return found


def mutate(document: dict[str, Any], chosen: tuple[Mutation, ...]) -> dict[str, Any]:
    """A copy of the document with the mutations applied (those whose path has gone are skipped)."""
    data = copy.deepcopy(document)
    for pointer, value in chosen:
        try:
            container, key = parent_of(data, pointer)
            if value == REMOVE:
                del container[key]
            else:
                container[key] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    return data


BASES = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in VALID if p.suffix == ".jsonld"}
CATALOGUE = {name: mutations(document) for name, document in BASES.items()}
MUTANTS = st.sampled_from(sorted(BASES)).flatmap(
    lambda name: st.builds(
        Mutant, st.just(name), st.lists(st.sampled_from(CATALOGUE[name]), min_size=1, max_size=3).map(tuple)
    )
)


def random_mutant(rng: random.Random) -> Mutant:
    name = rng.choice(sorted(BASES))
    return Mutant(name, tuple(rng.choices(CATALOGUE[name], k=rng.randint(1, 3))))


# --- graphs and results -------------------------------------------------------------------------------


@cache
def stages() -> tuple[StructureStage, GraphStage, RulesStage, RulesStage]:
    return StructureStage(CURRENT), GraphStage(CURRENT), RulesStage(CURRENT), RulesStage(CURRENT, engine="pyshacl")


def structure_valid(data: dict[str, Any]) -> bool:
    return stages()[0].is_valid(normalise(data))


def graph_of(data: dict[str, Any], tag: str = "") -> DocumentGraph | None:
    """The document's graph as the rules stage gets it (None where an earlier stage stops), its IRIs tagged."""
    ids = declared_ids(data) if tag else set()
    text = json.dumps(_renamed(data, ids, tag), ensure_ascii=False)
    context = StageContext(document=load_text(text, "mutant.jsonld", "json"), lang="fr")
    graph = stages()[1].run(context)
    if graph is None or any(f.severity.rank >= 2 for f in context.findings):
        return None
    if not tag:
        return graph
    store = ox.Store()
    store.extend(ox.Quad(_tagged(q.subject, tag), q.predicate, _tagged(q.object, tag)) for q in graph.store)
    return DocumentGraph(store=store, root=graph.root + tag)


def _renamed(data: Any, ids: set[str], tag: str) -> Any:
    """The document with every declared identifier, and every reference to it, suffixed with the tag."""
    if isinstance(data, dict):
        return {k: _renamed(v, ids, tag) for k, v in data.items()}
    if isinstance(data, list):
        return [_renamed(v, ids, tag) for v in data]
    return data + tag if isinstance(data, str) and data in ids else data


def _tagged(term: Any, tag: str) -> Any:
    if isinstance(term, ox.NamedNode) and term.value.startswith(POINTER_IRI):
        return ox.NamedNode(POINTER_IRI + tag + term.value[len(POINTER_IRI) :])
    return term


def union(graphs: list[DocumentGraph]) -> DocumentGraph:
    store = ox.Store()
    for graph in graphs:
        store.extend(graph.store)
    return DocumentGraph(store=store, root="")


def keys(results: list[SparqlResult], drop_cv300: set[str] | None = None) -> set[Key]:
    """Comparable results; CV300 (generated shapes, JSON Schema's job) dropped for the given mutants."""
    found = set()
    for r in results:
        mutant = TAG.search(r.focus)
        if r.code == "CV300" and drop_cv300 is not None and (mutant.group(0) if mutant else "") in drop_cv300:
            continue
        found.add((r.code, r.severity, r.focus, r.path or "", r.value or ""))
    return found


def explain(expected: set[Key], found: set[Key], mutants: dict[str, Mutant]) -> str:
    """The mutants whose results differ, with the differing results, for a reproducer."""
    lines = []
    for key in sorted(expected ^ found)[:12]:
        match = TAG.search(key[2])
        side = "only default" if key in expected else "only other"
        lines.append(f"{side}: {key}\n    mutant: {mutants.get(match.group(0) if match else '')}")
    return "\n".join(lines)


# --- default engine against pyshacl, one mutant at a time ---------------------------------------------


@settings(CHECKS, max_examples=10 * SCALE)
@given(mutant=MUTANTS)
def test_pyshacl_equals_the_default_engine_on_mutants(mutant: Mutant) -> None:
    data = mutant.data
    graph = graph_of(data)
    if graph is None:
        return
    _, _, fast, reference = stages()
    drop = None if structure_valid(data) else {""}
    expected, found = keys(fast.results(graph), drop), keys(reference.results(graph), drop)
    assert expected == found, explain(expected, found, {"": mutant})


@settings(CHECKS, max_examples=3 * SCALE)
@given(mutant=MUTANTS)
def test_validator_findings_are_the_same_with_pyshacl(mutant: Mutant) -> None:
    """Through the whole validator: pointers, lines and message values as well."""
    text = json.dumps(mutant.data, ensure_ascii=False, indent=2)
    found = [
        [
            (f.code, f.severity.value, f.pointer, f.line, f.column, f.params)
            for f in v.validate_text(text, "m.jsonld").findings
        ]
        for v in validators()
    ]
    assert found[0] == found[1], str(mutant)


@cache
def validators() -> tuple[Validator, Validator]:
    return Validator(lang="fr"), Validator(lang="fr", engine="pyshacl")


# --- default engine against Jena, hundreds of mutants per graph ---------------------------------------


@pytest.fixture(scope="module")
def jena() -> None:
    """Jena must be there: never skipped (`make system-deps` installs it)."""
    missing = jena_missing()
    if missing:
        pytest.fail(f"Apache Jena cannot run: {missing}")


@settings(CHECKS, max_examples=2 * SCALE, phases=[Phase.explicit, Phase.generate])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_jena_equals_the_default_engine_on_mutants(jena: None, seed: int) -> None:
    rng = random.Random(seed)
    mutants: dict[str, Mutant] = {}
    graphs, drop = [], set()
    for index in range(BATCH):
        mutant, tag = random_mutant(rng), f"~m{index}"
        data = mutant.data
        graph = graph_of(data, tag)
        if graph is None:
            continue
        mutants[tag] = mutant
        graphs.append(graph)
        if not structure_valid(data):
            drop.add(tag)
    together = union(graphs)
    expected = keys(stages()[2].results(together), drop)
    found = keys(jena_results(together.store), drop)
    assert expected == found, explain(expected, found, mutants)


# --- the examples, and blank nodes --------------------------------------------------------------------

EXAMPLES = [p for p in VALID + INVALID + LAWFUL if p.suffix == ".jsonld"]


@cache
def example_graphs() -> dict[str, DocumentGraph]:
    """The graphs of the examples that reach the rules stage, each with its own IRIs."""
    graphs = {}
    for index, path in enumerate(EXAMPLES):
        report = validators()[0].validate_file(path)
        if "rules" in report.stages_run:
            graph = graph_of(load_path(path).data, f"~m{index}")
            assert graph is not None
            graphs[path.name] = graph
    return graphs


def test_jena_equals_the_default_engine_on_every_example(jena: None) -> None:
    graphs = example_graphs()
    assert len(graphs) >= len(VALID) - 1, "the valid examples reach the rules stage"
    together = union(list(graphs.values()))
    expected = keys(stages()[2].results(together))
    assert expected == keys(jena_results(together.store))


def blank(graph: DocumentGraph, prefix: str) -> tuple[DocumentGraph, dict[str, str]]:
    """The graph with its nested objects as blank nodes (as a JSON-LD processor writes them)."""
    labels: dict[str, str] = {}

    def term(node: Any) -> Any:
        if isinstance(node, ox.NamedNode) and node.value.startswith(POINTER_IRI):
            label = labels.setdefault(node.value, f"{prefix}b{len(labels)}")
            return ox.BlankNode(label)
        return node

    store = ox.Store()
    store.extend(ox.Quad(term(q.subject), q.predicate, term(q.object)) for q in graph.store)
    return DocumentGraph(store=store, root=graph.root), {v: k for k, v in labels.items()}


def canonical(results: list[SparqlResult], labels: dict[str, str]) -> set[Key]:
    """Results with each blank node named by the JSON pointer of its object."""

    def name(node: str) -> str:
        label = node.removeprefix(BNODE_IRI)
        return labels.get(label, node)

    return {(r.code, r.severity, name(r.focus), r.path or "", name(r.value or "")) for r in results}


def test_engines_bind_this_to_blank_nodes(jena: None) -> None:
    """On the RDF a JSON-LD processor writes (blank nodes), every engine gives the same results."""
    valid = {p.name for p in VALID}
    names = [n for i, n in enumerate(example_graphs()) if n in valid or i % 4 == 0]  # per-node queries: a sample
    graphs, labels = [], {}
    for index, name in enumerate(names):
        bnodes, named = blank(example_graphs()[name], f"x{index}")
        graphs.append(bnodes)
        labels.update(named)
    together = union(graphs)
    expected = canonical(stages()[2].results(together), labels)
    assert expected == keys(stages()[2].results(union([example_graphs()[n] for n in names])))
    assert expected == canonical(jena_results(together.store), labels)
    one, named = blank(example_graphs()["grand-auch.jsonld"], "v")  # pyshacl: the smallest one only
    assert canonical(stages()[3].results(one), named) == canonical(stages()[2].results(one), named)


def test_the_catalogue_covers_every_kind_of_mutation() -> None:
    """Removals, enum values, dates across the term, broken references and type changes are all drawn."""
    for name, catalogue in CATALOGUE.items():
        values = [value for _, value in catalogue]
        assert REMOVE in values, name
        assert any(isinstance(v, str) and v.endswith("-non-declare") for v in values), name
        assert any(p.endswith("/access_level") for p, _ in catalogue), name
        assert any(p.endswith("/end_date") for p, _ in catalogue), name
        assert {type(v) for v in values} >= {str, int, bool, list, dict}, name
