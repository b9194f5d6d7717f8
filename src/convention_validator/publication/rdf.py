"""The published RDF of a validated convention: real blank nodes, no validation-only identifiers."""

from __future__ import annotations

import pyoxigraph as ox

from convention_validator.publication.odrl import odrl_triples
from convention_validator.stages.graph import POINTER_IRI, DocumentGraph
from convention_validator.store import skolem_iri


def convention_triples(document: DocumentGraph, skolem_graph: str | None = None) -> list[ox.Triple]:
    """The convention's triples, objects without identifier as blank nodes (one per JSON object).

    The ODRL agreement is written out in full (publication/odrl.py): each rule with its target,
    assigner and assignee, and the actions and right operands as ODRL processors read them.
    With `skolem_graph`, objects without identifier are the Skolem IRIs that `store.skolemise`
    gives the N-Triples of this list for that graph (rank of first appearance), without the text pass.
    """
    blank: dict[str | ox.BlankNode, ox.NamedNode | ox.BlankNode] = {}  # pointer IRI or blank node -> its node

    def node_for(key: str | ox.BlankNode) -> ox.NamedNode | ox.BlankNode:
        found = blank.get(key)
        if found is None:
            if skolem_graph is not None:
                found = ox.NamedNode(skolem_iri(skolem_graph, str(len(blank))))
            else:
                found = key if isinstance(key, ox.BlankNode) else ox.BlankNode()
            blank[key] = found
        return found

    def publish(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.NamedNode) and term.value.startswith(POINTER_IRI):
            return node_for(term.value)
        if isinstance(term, ox.BlankNode):
            return node_for(term)
        assert not isinstance(term, ox.Triple)
        return term

    triples = []
    for quad in document.store:
        subject = publish(quad.subject)
        assert not isinstance(subject, ox.Literal)
        triples.append(ox.Triple(subject, quad.predicate, publish(quad.object)))
    for triple in odrl_triples(document.store, ox.NamedNode(document.root)):
        subject = publish(triple.subject)
        assert not isinstance(subject, ox.Literal)
        triples.append(ox.Triple(subject, triple.predicate, publish(triple.object)))
    return list(dict.fromkeys(triples))


def convention_ntriples(document: DocumentGraph, skolem_graph: str | None = None) -> bytes:
    """The convention's triples as N-Triples (what the harvester loads into a named graph, skolemised for it)."""
    return ox.serialize(convention_triples(document, skolem_graph), format=ox.RdfFormat.N_TRIPLES) or b""
