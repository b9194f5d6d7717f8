"""French and English labels of the standard's list values (EU tables, SPDX, own schemes), from the OWL artifact."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from convention_validator.standard import Standard

TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


@dataclass(frozen=True)
class Label:
    """The French title of a list value and its English title when the standard gives one."""

    fr: str
    en: str | None = None


@cache
def vocabulary_labels() -> dict[str, Label]:
    """Labels by value IRI, for every permissible value the standard declares."""
    standard = Standard()
    title_en = ox.NamedNode(standard.namespace + "title_en")
    store = ox.Store()
    store.bulk_load(path=str(standard.path("owl")), format=ox.RdfFormat.TURTLE)
    french: dict[str, str] = {}
    english: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, TITLE, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            french[quad.subject.value] = quad.object.value
    for quad in store.quads_for_pattern(None, title_en, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            english[quad.subject.value] = quad.object.value
    return {iri: Label(fr=text, en=english.get(iri)) for iri, text in french.items()}
