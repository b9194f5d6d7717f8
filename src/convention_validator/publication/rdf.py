"""The published RDF of a validated convention: real blank nodes, no validation-only identifiers."""

from __future__ import annotations

import pyoxigraph as ox

from convention_validator.publication.odrl import odrl_triples
from convention_validator.stages.graph import POINTER_IRI, DocumentGraph


def convention_triples(document: DocumentGraph) -> list[ox.Triple]:
    """The convention's triples, objects without identifier as blank nodes (one per JSON object).

    The ODRL agreement is written out in full (publication/odrl.py): each rule with its target,
    assigner and assignee, and the actions and right operands as ODRL processors read them.
    """
    blank: dict[str, ox.BlankNode] = {}

    def publish(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.NamedNode) and term.value.startswith(POINTER_IRI):
            return blank.setdefault(term.value, ox.BlankNode())
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


def convention_ntriples(document: DocumentGraph) -> bytes:
    """The convention's triples as N-Triples (what the harvester loads into a named graph)."""
    return ox.serialize(convention_triples(document), format=ox.RdfFormat.N_TRIPLES) or b""
