"""DCAT-AP 3 catalogue of a convention's datasets, built from the convention's published triples.

Every value comes from the convention, from the standard's labels of its list values, or from the
packaged QPV 2024 reference (names and contours). What DCAT-AP wants and a convention does not say
directly is derived as documented in docs/export.md: the catalogue's publisher is the coordinating
partner, each dataset's publisher is its producer, its distributions are one per agreed format, and
their access URL is the convention itself (the document that says how to obtain the data).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from convention_validator.publication.labels import Label, vocabulary_labels
from convention_validator.publication.rdf import convention_triples
from convention_validator.qpv_contours import QpvContour, qpv_contours
from convention_validator.reference_data import reference_data
from convention_validator.stages.graph import DocumentGraph

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LOCN = "http://www.w3.org/ns/locn#"
ODRL = "http://www.w3.org/ns/odrl/2/"
GEO_WKT = ox.NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
EU_TABLES = "http://publications.europa.eu/resource/authority/"
CDATA = "https://w3id.org/clauses-data/"
QPV_NAMESPACE = CDATA + "qpv/"
COORDINATOR = ox.NamedNode(CDATA + "role/COORDINATOR")
SIGNATORY = ox.NamedNode(CDATA + "role/SIGNATORY")

# EU authority tables whose values DCAT-AP expects typed with a class (range.ttl).
EU_TABLE_CLASSES = {
    "access-right": DCT + "RightsStatement",
    "frequency": DCT + "Frequency",
    "file-type": DCT + "MediaTypeOrExtent",
    "data-theme": None,
}
DATA_THEME_SCHEME = EU_TABLES + "data-theme"


def _iri(namespace: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(namespace + local)


def mint(base: str, name: str) -> ox.NamedNode:
    """An IRI for a node the convention does not name, as a fragment of a node it names."""
    return ox.NamedNode(f"{base}-{name}" if "#" in base else f"{base}#{name}")


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def bbox_wkt(contour: QpvContour) -> str:
    """The bounding box as a WKT polygon (longitude latitude)."""
    west, south, east, north = (_number(v) for v in contour.bbox())
    return f"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"


def centroid_wkt(contour: QpvContour) -> str:
    """The centroid as a WKT point (longitude latitude)."""
    x, y = contour.centroid()
    return f"POINT ({_number(x)} {_number(y)})"


Term = ox.NamedNode | ox.BlankNode | ox.Literal
Node = ox.NamedNode | ox.BlankNode


class CatalogueBuilder:
    """Reads the convention's graph and writes the DCAT-AP catalogue triples."""

    def __init__(self, document: DocumentGraph) -> None:
        self.source = ox.Store()
        self.source.extend(ox.Quad(t.subject, t.predicate, t.object) for t in convention_triples(document))
        self.convention = ox.NamedNode(document.root)
        self.labels = vocabulary_labels()
        self.triples: dict[ox.Triple, None] = {}  # ordered set
        self.agents: set[str] = set()
        self.concepts: set[str] = set()

    # reading the convention
    def objects(self, subject: Node, predicate: str) -> list[Term]:
        found = [q.object for q in self.source.quads_for_pattern(subject, ox.NamedNode(predicate), None)]
        terms = [t for t in found if isinstance(t, (ox.NamedNode, ox.BlankNode, ox.Literal))]
        return sorted(terms, key=lambda t: (type(t).__name__, t.value))

    def nodes(self, subject: Node, predicate: str) -> list[Node]:
        return [t for t in self.objects(subject, predicate) if isinstance(t, (ox.NamedNode, ox.BlankNode))]

    def iris(self, subject: Node, predicate: str) -> list[ox.NamedNode]:
        return [t for t in self.objects(subject, predicate) if isinstance(t, ox.NamedNode)]

    def literals(self, subject: Node, predicate: str) -> list[ox.Literal]:
        return [t for t in self.objects(subject, predicate) if isinstance(t, ox.Literal)]

    def has(self, subject: Node, predicate: str, value: Term) -> bool:
        return any(True for _ in self.source.quads_for_pattern(subject, ox.NamedNode(predicate), value))

    # writing the catalogue
    def add(self, subject: Node, predicate: str, value: Term) -> None:
        self.triples[ox.Triple(subject, ox.NamedNode(predicate), value)] = None

    def add_all(self, subject: Node, predicate: str, values: Iterable[Term]) -> None:
        for value in values:
            self.add(subject, predicate, value)

    def copy(self, source: Node, target: Node, predicate: str, as_predicate: str | None = None) -> list[Term]:
        values = self.objects(source, predicate)
        self.add_all(target, as_predicate or predicate, values)
        return values

    def label(self, iri: str) -> Label:
        return self.labels.get(iri) or Label(fr=iri.rstrip("/").rsplit("/", 1)[-1])

    def add_labels(self, node: ox.NamedNode, predicate: str) -> None:
        label = self.label(node.value)
        self.add(node, predicate, ox.Literal(label.fr, language="fr"))
        if label.en:
            self.add(node, predicate, ox.Literal(label.en, language="en"))

    def concept(self, iri: ox.NamedNode, *classes: str) -> ox.NamedNode:
        """A list value as a SKOS concept (with its labels, its EU table and the class DCAT-AP expects)."""
        if iri.value in self.concepts:
            return iri
        self.concepts.add(iri.value)
        self.add(iri, RDF + "type", _iri(SKOS, "Concept"))
        for extra in classes:
            self.add(iri, RDF + "type", ox.NamedNode(extra))
        self.add_labels(iri, SKOS + "prefLabel")
        if iri.value.startswith(EU_TABLES):
            table = iri.value[len(EU_TABLES) :].split("/", 1)[0]
            self.add(iri, SKOS + "inScheme", ox.NamedNode(EU_TABLES + table))
            table_class = EU_TABLE_CLASSES.get(table)
            if table_class:
                self.add(iri, RDF + "type", ox.NamedNode(table_class))
        return iri

    # the parts of the catalogue
    def agent(self, party: Node) -> Node:
        """A partner as a foaf:Agent with its name, SIREN and partner type."""
        if party.value in self.agents:
            return party
        self.agents.add(party.value)
        self.add(party, RDF + "type", _iri(FOAF, "Agent"))
        self.copy(party, party, SKOS + "prefLabel", FOAF + "name")
        self.copy(party, party, DCT + "identifier")
        for party_type in self.iris(party, "http://www.w3.org/ns/org#classification")[:1]:
            self.add(party, DCT + "type", self.concept(party_type))
        return party

    def contact_points(self, party: Node) -> Iterator[Node]:
        """The partner's contacts as vCard kinds: name from function and partner, e-mail and phone as IRIs."""
        names = [n.value for n in self.literals(party, SKOS + "prefLabel")]
        for contact in self.nodes(party, DCAT + "contactPoint"):
            self.add(contact, RDF + "type", _iri(VCARD, "Kind"))
            functions = [f.value for f in self.literals(contact, VCARD + "role")]
            full_name = " – ".join(functions[:1] + names[:1]) or "contact"
            self.add(contact, VCARD + "fn", ox.Literal(full_name))
            self.add_all(contact, VCARD + "organization-name", (ox.Literal(n) for n in names[:1]))
            self.copy(contact, contact, VCARD + "role")
            for email in self.literals(contact, VCARD + "hasEmail"):
                self.add(contact, VCARD + "hasEmail", _uri_or_literal("mailto:" + email.value, email))
            for phone in self.literals(contact, VCARD + "hasTelephone"):
                digits = "".join(ch for ch in phone.value if ch.isdigit() or ch == "+")
                self.add(contact, VCARD + "hasTelephone", _uri_or_literal("tel:" + digits, phone))
            yield contact

    def location(self, qpv: ox.NamedNode) -> ox.NamedNode:
        """A QPV as a dct:Location: official name and code, multipolygon, bounding box and centroid."""
        self.add(qpv, RDF + "type", _iri(DCT, "Location"))
        code = qpv.value[len(QPV_NAMESPACE) :] if qpv.value.startswith(QPV_NAMESPACE) else ""
        reference = reference_data().qpv.get(code)
        contour = qpv_contours().get(code)
        name = reference.name if reference else (contour.label if contour else None)
        if code:
            self.add(qpv, DCT + "identifier", ox.Literal(code))
        if name:
            self.add(qpv, SKOS + "prefLabel", ox.Literal(name, language="fr"))
        if contour:
            self.add(qpv, LOCN + "geometry", ox.Literal(contour.wkt(), datatype=GEO_WKT))
            self.add(qpv, DCAT + "bbox", ox.Literal(bbox_wkt(contour), datatype=GEO_WKT))
            self.add(qpv, DCAT + "centroid", ox.Literal(centroid_wkt(contour), datatype=GEO_WKT))
        return qpv

    def publisher(self) -> Node | None:
        """The coordinating partner; failing that the first signatory, then the first partner (by IRI)."""
        parties = self.nodes(self.convention, CDATA + "party")
        for role in (COORDINATOR, SIGNATORY):
            chosen = [p for p in parties if self.has(p, CDATA + "role", role)]
            if chosen:
                return chosen[0]
        return parties[0] if parties else None

    def distributions(self, dataset: ox.NamedNode, sharing: list[Node], transfers: list[Node]) -> None:
        """One distribution per agreed format, carrying the licence and the reuse conditions."""
        formats: list[ox.NamedNode | None] = list(self.iris(dataset, DCT + "format")) or [None]
        titles = [t.value for t in self.literals(dataset, DCT + "title")]
        descriptions = [d for t in transfers for d in self.literals(t, DCT + "description")]
        channels = [c for t in transfers for c in self.iris(t, DCAT + "accessService")]
        for file_type in formats:
            suffix = file_type.value.rsplit("/", 1)[-1].lower() if file_type else ""
            distribution = mint(dataset.value, "distribution-" + suffix if suffix else "distribution")
            self.add(dataset, DCAT + "distribution", distribution)
            self.add(distribution, RDF + "type", _iri(DCAT, "Distribution"))
            self.add(distribution, DCAT + "accessURL", self.convention)
            if file_type:
                self.add(distribution, DCT + "format", self.concept(file_type))
                title = f"{titles[0]} ({self.label(file_type.value).fr})" if titles else self.label(file_type.value).fr
                self.add(distribution, DCT + "title", ox.Literal(title))
            if descriptions:
                self.add(distribution, DCT + "description", descriptions[0])
            elif channels:
                channel = self.label(channels[0].value).fr
                self.add(
                    distribution,
                    DCT + "description",
                    ox.Literal(f"Canal de transfert convenu : {channel}", language="fr"),
                )
            for terms in sharing:
                for licence in self.iris(terms, DCT + "license")[:1]:
                    self.add(distribution, DCT + "license", licence)
                    self.add(licence, RDF + "type", _iri(DCT, "LicenseDocument"))
                    self.add_labels(licence, DCT + "title")
                for conditions in self.literals(terms, DCT + "rights")[:1]:
                    rights = mint(distribution.value, "rights")
                    self.add(distribution, DCT + "rights", rights)
                    self.add(rights, RDF + "type", _iri(DCT, "RightsStatement"))
                    self.add(rights, RDFS + "label", conditions)

    def dataset(self, dataset: ox.NamedNode, default_spatial: list[ox.NamedNode]) -> None:
        """One convention dataset as a dcat:Dataset."""
        self.add(dataset, RDF + "type", _iri(DCAT, "Dataset"))
        for predicate in ("title", "description", "issued"):
            self.copy(dataset, dataset, DCT + predicate)
        self.add(dataset, DCT + "identifier", ox.Literal(dataset.value))
        self.copy(dataset, dataset, DCAT + "keyword")
        self.copy(dataset, dataset, DCAT + "temporalResolution")
        for producer in self.nodes(dataset, DCT + "creator"):
            self.add(dataset, DCT + "creator", self.agent(producer))
            self.add(dataset, DCT + "publisher", producer)
            self.add_all(dataset, DCAT + "contactPoint", self.contact_points(producer))
        for qpv in self.iris(dataset, DCT + "spatial") or default_spatial:
            self.add(dataset, DCT + "spatial", self.location(qpv))
        for theme in self.iris(dataset, DCAT + "theme"):
            self.add(dataset, DCAT + "theme", self.concept(theme))
        for category in self.iris(dataset, DCT + "type"):
            self.add(dataset, DCT + "type", self.concept(category))
        for frequency in self.iris(dataset, DCT + "accrualPeriodicity"):
            self.add(dataset, DCT + "accrualPeriodicity", self.concept(frequency))
        for standard in self.iris(dataset, DCT + "conformsTo"):
            self.add(dataset, DCT + "conformsTo", standard)
            self.add(standard, RDF + "type", _iri(DCT, "Standard"))
        for period in self.nodes(dataset, CDATA + "productionPeriod"):
            self.add(dataset, DCT + "temporal", period)
            self.add(period, RDF + "type", _iri(DCT, "PeriodOfTime"))
            self.copy(period, period, DCAT + "startDate")
            self.copy(period, period, DCAT + "endDate")
        sharing = self.nodes(dataset, CDATA + "sharingTerms")
        for terms in sharing:
            for access in self.iris(terms, DCT + "accessRights"):
                self.add(dataset, DCT + "accessRights", self.concept(access))
        transfers = [t for p in self.nodes(dataset, CDATA + "protection") for t in self.nodes(p, CDATA + "transfer")]
        self.distributions(dataset, sharing, transfers)

    def build(self) -> list[ox.Triple]:
        convention = self.convention
        catalogue = mint(convention.value, "catalogue")
        self.add(catalogue, RDF + "type", _iri(DCAT, "Catalog"))
        titles = self.copy(convention, catalogue, DCT + "title")
        if not self.copy(convention, catalogue, DCT + "description"):
            title = titles[0].value if titles else convention.value
            derived = f"Jeux de données partagés au titre de la convention « {title} »."
            self.add(catalogue, DCT + "description", ox.Literal(derived, language="fr"))
        self.copy(convention, catalogue, DCT + "dateAccepted", DCT + "issued")
        self.add(catalogue, DCT + "source", convention)
        publisher = self.publisher()
        if publisher is not None:
            self.add(catalogue, DCT + "publisher", self.agent(publisher))
        covered = self.iris(convention, DCT + "spatial")
        self.add_all(catalogue, DCT + "spatial", (self.location(qpv) for qpv in covered))
        datasets = [
            d for d in self.iris(convention, ODRL + "target") if self.has(d, RDF + "type", _iri(DCAT, "Dataset"))
        ]
        for dataset in datasets:
            self.add(catalogue, DCAT + "dataset", dataset)
            self.dataset(dataset, covered)
        if any(c.startswith(DATA_THEME_SCHEME + "/") for c in self.concepts):
            scheme = ox.NamedNode(DATA_THEME_SCHEME)
            self.add(catalogue, DCAT + "themeTaxonomy", scheme)
            self.add(scheme, RDF + "type", _iri(SKOS, "ConceptScheme"))
            self.add(scheme, DCT + "title", ox.Literal("Data theme", language="en"))
            self.add(scheme, DCT + "title", ox.Literal("Thème des données", language="fr"))
        return list(self.triples)


def _uri_or_literal(candidate: str, fallback: ox.Literal) -> ox.NamedNode | ox.Literal:
    try:
        return ox.NamedNode(candidate)
    except ValueError:
        return fallback


def catalogue_iri(document: DocumentGraph) -> str:
    """The IRI of the catalogue minted for a convention."""
    return mint(document.root, "catalogue").value


def dcat_ap_triples(document: DocumentGraph) -> list[ox.Triple]:
    """The DCAT-AP 3 catalogue (catalogue, datasets, distributions, agents, locations, concepts) of a convention."""
    return CatalogueBuilder(document).build()
