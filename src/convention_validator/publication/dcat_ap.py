"""DCAT-AP 3 catalogue of a convention's datasets, built from the convention's published triples.

Every value comes from the convention, from the standard's labels of its list values, or from the
packaged QPV 2024 reference (names and contours). What DCAT-AP wants and a convention does not say
directly is derived as documented in docs/export.md: the catalogue's publisher is the coordinating
partner, each dataset's publisher is its producer, its distributions are those the convention lists
(with their access and download URLs) and, for each agreed format without one, a distribution whose
access URL is the dataset's page or, failing that, the convention itself (the document that says how
to obtain the data).

What data.gouv.fr's harvester (udata's DCAT backend) reads is written so that nothing is lost on
import: the two licences data.gouv.fr recommends under the URL it records them with (SPDX kept as
`owl:sameAs`), non-public access as the INSPIRE limitation on public access udata recognises, a single
WKT geometry per QPV (bounding box and centroid in GML, which udata does not merge into the coverage)
and the usage policy (`odrl:hasPolicy`) on each dataset and distribution.
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
OWL = "http://www.w3.org/2002/07/owl#"
SPDX = "http://spdx.org/licenses/"
GEO_WKT = ox.NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
GEO_GML = ox.NamedNode("http://www.opengis.net/ont/geosparql#gmlLiteral")
GML = "http://www.opengis.net/gml/3.2"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
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
PUBLIC_ACCESS = EU_TABLES + "access-right/PUBLIC"
FRENCH = EU_TABLES + "language/FRA"

# The licences data.gouv.fr recommends for public data, as its licence list records them (identifier,
# URL): udata's DCAT backend recognises a licence by that URL, not by its SPDX IRI.
DATAGOUV_LICENCES: dict[str, tuple[str, str]] = {
    "etalab-2.0": ("lov2", "https://www.etalab.gouv.fr/licence-ouverte-open-licence"),
    "ODbL-1.0": ("odc-odbl", "http://opendatacommons.org/licenses/odbl/summary/"),
}
ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype/"
ADMS_LICENCE_TYPES: dict[str, tuple[str, str, str]] = {  # name: (scheme local name, fr, en)
    "Attribution": ("Attribution", "Attribution", "Attribution"),
    "ShareAlike": ("ShareAlike", "Partage dans les mêmes conditions", "Share alike"),
    "PublicDomain": ("PublicDomain", "Domaine public", "Public domain"),
}
# What each licence of the standard's list requires (ADMS licence type vocabulary).
LICENCE_TYPES: dict[str, tuple[str, ...]] = {
    "etalab-2.0": ("Attribution",),
    "ODbL-1.0": ("Attribution", "ShareAlike"),
    "CC-BY-4.0": ("Attribution",),
    "CC-BY-SA-4.0": ("Attribution", "ShareAlike"),
    "CC0-1.0": ("PublicDomain",),
    "ODC-By-1.0": ("Attribution",),
    "PDDL-1.0": ("PublicDomain",),
}

# INSPIRE limitations on public access (directive 2007/2/CE, art. 13.1), the only access restrictions
# udata's DCAT backend turns into a restricted access type. Grounds of the standard mapped onto them.
INSPIRE_LIMITATIONS = "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess"
LIMITATION_LABELS: dict[str, tuple[str, str]] = {
    "a": (
        "confidentialité des travaux des autorités publiques",
        "confidentiality of proceedings of public authorities",
    ),
    "b": (
        "relations internationales, sécurité publique ou défense nationale",
        "international relations, public security or national defence",
    ),
    "d": (
        "confidentialité des informations commerciales ou industrielles, secret statistique",
        "confidentiality of commercial or industrial information",
    ),
    "e": ("droits de propriété intellectuelle", "intellectual property rights"),
    "f": ("confidentialité des données à caractère personnel", "confidentiality of personal data"),
    "g": (
        "protection des personnes qui ont fourni les informations volontairement",
        "protection of voluntary information suppliers",
    ),
}
GROUND_LIMITATIONS = {
    "PROTECTED_SECRET": "a",
    "PRIVACY": "f",
    "TRADE_SECRET": "d",
    "STATISTICAL_SECRECY": "d",
    "PROFESSIONAL_SECRECY": "f",
    "THIRD_PARTY_RIGHTS": "e",
}
OBLIGATIONS = {CDATA + "mobilisation/LEGAL_OBLIGATION", CDATA + "mobilisation/PUBLIC_SERVICE_DELEGATION_OBLIGATION"}
PRIVATE_DATA = CDATA + "data-category/PRIVATE_GENERAL_INTEREST_DATA"
NO_PERSONAL_DATA = CDATA + "personal-data/NONE"
ODRL_FOLLOWED = {ODRL + "action", ODRL + "includedIn"}


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


def bbox_gml(contour: QpvContour) -> str:
    """The bounding box as a GML envelope in CRS84 (longitude latitude), as GeoDCAT-AP shows it."""
    west, south, east, north = (_number(v) for v in contour.bbox())
    return (
        f'<gml:Envelope xmlns:gml="{GML}" srsName="{CRS84}"><gml:lowerCorner>{west} {south}</gml:lowerCorner>'
        f"<gml:upperCorner>{east} {north}</gml:upperCorner></gml:Envelope>"
    )


def centroid_gml(contour: QpvContour) -> str:
    """The centroid as a GML point in CRS84 (longitude latitude)."""
    x, y = contour.centroid()
    return f'<gml:Point xmlns:gml="{GML}" srsName="{CRS84}"><gml:pos>{_number(x)} {_number(y)}</gml:pos></gml:Point>'


def producer_iri(producer: str) -> str:
    """A producer given as SIREN, `organisation:SIREN` or IRI, as the IRI of the party."""
    if producer.startswith(("http://", "https://")):
        return producer
    return f"{CDATA}organisation/{producer.removeprefix('organisation:')}"


Term = ox.NamedNode | ox.BlankNode | ox.Literal
Node = ox.NamedNode | ox.BlankNode


class CatalogueBuilder:
    """Reads the convention's graph and writes the DCAT-AP catalogue triples."""

    def __init__(self, document: DocumentGraph, producer: str | None = None) -> None:
        self.producer = ox.NamedNode(producer_iri(producer)) if producer else None
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
        """A QPV as a dct:Location: official name and code, multipolygon (WKT), bounding box and centroid (GML)."""
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
            # One WKT geometry: udata merges every WKT or GeoJSON literal of a location into the
            # dataset's coverage, so the bounding box and the centroid are written in GML.
            self.add(qpv, LOCN + "geometry", ox.Literal(contour.wkt(), datatype=GEO_WKT))
            self.add(qpv, DCAT + "bbox", ox.Literal(bbox_gml(contour), datatype=GEO_GML))
            self.add(qpv, DCAT + "centroid", ox.Literal(centroid_gml(contour), datatype=GEO_GML))
        return qpv

    def publisher(self) -> Node | None:
        """The coordinating partner; failing that the first signatory, then the first partner (by IRI)."""
        parties = self.nodes(self.convention, CDATA + "party")
        for role in (COORDINATOR, SIGNATORY):
            chosen = [p for p in parties if self.has(p, CDATA + "role", role)]
            if chosen:
                return chosen[0]
        return parties[0] if parties else None

    def licence(self, licence: ox.NamedNode) -> ox.NamedNode:
        """A licence as a dct:LicenseDocument: the URL data.gouv.fr records it with when it has one, SPDX kept."""
        spdx_id = licence.value[len(SPDX) :] if licence.value.startswith(SPDX) else ""
        datagouv = DATAGOUV_LICENCES.get(spdx_id)
        node = ox.NamedNode(datagouv[1]) if datagouv else licence
        if node.value in self.concepts:
            return node
        self.concepts.add(node.value)
        self.add(node, RDF + "type", _iri(DCT, "LicenseDocument"))
        label = self.label(licence.value)
        self.add(node, DCT + "title", ox.Literal(label.fr, language="fr"))
        if label.en:
            self.add(node, DCT + "title", ox.Literal(label.en, language="en"))
        if spdx_id:
            self.add(node, DCT + "identifier", ox.Literal(spdx_id))
        if node != licence:
            self.add(node, OWL + "sameAs", licence)
        for kind in LICENCE_TYPES.get(spdx_id, ()):
            local, fr, en = ADMS_LICENCE_TYPES[kind]
            concept = ox.NamedNode(ADMS_LICENCE_TYPE + local)
            self.add(node, DCT + "type", concept)
            if concept.value not in self.concepts:
                self.concepts.add(concept.value)
                self.add(concept, RDF + "type", _iri(SKOS, "Concept"))
                self.add(concept, SKOS + "inScheme", ox.NamedNode(ADMS_LICENCE_TYPE + "1.1"))
                self.add(concept, SKOS + "prefLabel", ox.Literal(fr, language="fr"))
                self.add(concept, SKOS + "prefLabel", ox.Literal(en, language="en"))
        return node

    def limitation(self, dataset: ox.NamedNode, terms: Node) -> ox.NamedNode:
        """The INSPIRE limitation on public access that matches why a dataset is not open.

        The ground for not opening when the convention gives it; otherwise, for private data, the
        protection of voluntary suppliers (or commercial confidentiality when an obligation compels
        them); otherwise personal data when there are some; otherwise the confidentiality of the
        proceedings of public authorities.
        """
        letter = "a"
        grounds = [g.value.rsplit("/", 1)[-1] for g in self.iris(terms, CDATA + "nonOpeningGround")]
        protections = self.nodes(dataset, CDATA + "protection")
        personal = [k.value for p in protections for k in self.iris(p, CDATA + "personalData")]
        mechanisms = {m.value for m in self.iris(terms, CDATA + "mobilisationMechanism")}
        if grounds and grounds[0] in GROUND_LIMITATIONS:
            letter = GROUND_LIMITATIONS[grounds[0]]
        elif self.has(dataset, DCT + "type", ox.NamedNode(PRIVATE_DATA)):
            letter = "d" if mechanisms & OBLIGATIONS else "g"
        elif any(kind != NO_PERSONAL_DATA for kind in personal):
            letter = "f"
        node = ox.NamedNode(f"{INSPIRE_LIMITATIONS}/INSPIRE_Directive_Article13_1{letter}")
        if node.value not in self.concepts:
            self.concepts.add(node.value)
            fr, en = LIMITATION_LABELS[letter]
            self.add(node, RDF + "type", _iri(DCT, "RightsStatement"))
            self.add(node, RDF + "type", _iri(SKOS, "Concept"))
            self.add(node, SKOS + "inScheme", ox.NamedNode(INSPIRE_LIMITATIONS))
            label_fr = f"Accès public restreint : {fr} (directive INSPIRE, art. 13.1.{letter})"
            self.add(node, SKOS + "prefLabel", ox.Literal(label_fr, language="fr"))
            label_en = f"Public access limited: {en} (INSPIRE Directive, Art. 13(1)({letter}))"
            self.add(node, SKOS + "prefLabel", ox.Literal(label_en, language="en"))
        # No rdfs:label nor dct:description: udata would read them instead of the IRI.
        return node

    def usage_policies(self, dataset: ox.NamedNode) -> list[Node]:
        """The dataset's ODRL usage policy, typed and copied with its rules, actions and party collections."""
        policies = self.nodes(dataset, ODRL + "hasPolicy")
        for policy in policies:
            self.add(policy, RDF + "type", _iri(ODRL, "Policy"))
            self.add(policy, RDF + "type", _iri(ODRL, "Agreement"))
            pending: list[Node] = [policy]
            seen: set[tuple[str, str]] = set()
            while pending:
                node = pending.pop()
                if (type(node).__name__, node.value) in seen:
                    continue
                seen.add((type(node).__name__, node.value))
                for quad in self.source.quads_for_pattern(node, None, None):
                    value = quad.object
                    if not isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
                        continue
                    self.add(node, quad.predicate.value, value)
                    if isinstance(value, ox.BlankNode) or (
                        isinstance(value, ox.NamedNode) and quad.predicate.value in ODRL_FOLLOWED
                    ):
                        pending.append(value)
                    elif quad.predicate.value == ODRL + "assignee" and isinstance(value, ox.NamedNode):
                        self.party_collection(value)
        return policies

    def party_collection(self, assignee: ox.NamedNode) -> None:
        """An assignee that is an odrl:PartyCollection, with its labels and its members."""
        if not self.has(assignee, RDF + "type", _iri(ODRL, "PartyCollection")):
            return
        for quad in self.source.quads_for_pattern(assignee, None, None):
            if isinstance(quad.object, (ox.NamedNode, ox.Literal)):
                self.add(assignee, quad.predicate.value, quad.object)
        for quad in self.source.quads_for_pattern(None, ox.NamedNode(ODRL + "partOf"), assignee):
            if isinstance(quad.subject, (ox.NamedNode, ox.BlankNode)):
                self.add(quad.subject, ODRL + "partOf", assignee)

    def distributions(
        self, dataset: ox.NamedNode, sharing: list[Node], transfers: list[Node], policies: list[Node]
    ) -> None:
        """The distributions the convention lists, then one per agreed format it lists none for.

        Each carries the licence, the reuse conditions and the usage policy. A distribution the
        convention does not list is accessed through the dataset's page or, failing that, the convention.
        """
        titles = [t.value for t in self.literals(dataset, DCT + "title")]
        descriptions = [d for t in transfers for d in self.literals(t, DCT + "description")]
        channels = [c for t in transfers for c in self.iris(t, DCAT + "accessService")]
        landing = self.iris(dataset, DCAT + "landingPage")
        declared = sorted(
            self.nodes(dataset, DCAT + "distribution"),
            key=lambda d: [t.value for t in self.objects(d, DCT + "format") + self.objects(d, DCAT + "accessURL")],
        )
        listed: list[tuple[Node | None, ox.NamedNode | None]] = [
            (node, next(iter(self.iris(node, DCT + "format")), None)) for node in declared
        ]
        covered = {file_type.value for _, file_type in listed if file_type}
        formats = self.iris(dataset, DCT + "format")
        missing: list[tuple[Node | None, ox.NamedNode | None]] = [(None, f) for f in formats if f.value not in covered]
        if not listed and not missing:
            missing = [(None, None)]
        used: set[str] = set()
        for source, file_type in [*listed, *missing]:
            suffix = file_type.value.rsplit("/", 1)[-1].lower() if file_type else ""
            name = "distribution-" + suffix if suffix else "distribution"
            number = 2
            base = name
            while name in used:
                name, number = f"{base}-{number}", number + 1
            used.add(name)
            distribution = mint(dataset.value, name)
            self.add(dataset, DCAT + "distribution", distribution)
            self.add(distribution, RDF + "type", _iri(DCAT, "Distribution"))
            if source is not None:
                self.copy(source, distribution, DCAT + "accessURL")
                self.copy(source, distribution, DCAT + "downloadURL")
            else:
                self.add(distribution, DCAT + "accessURL", landing[0] if landing else self.convention)
            if file_type:
                self.add(distribution, DCT + "format", self.concept(file_type))
            given = self.literals(source, DCT + "title") if source is not None else []
            if given:
                self.add(distribution, DCT + "title", given[0])
            elif file_type:
                label = self.label(file_type.value).fr
                self.add(distribution, DCT + "title", ox.Literal(f"{titles[0]} ({label})" if titles else label))
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
                    self.add(distribution, DCT + "license", self.licence(licence))
                for conditions in self.literals(terms, DCT + "rights")[:1]:
                    rights = mint(distribution.value, "rights")
                    self.add(distribution, DCT + "rights", rights)
                    self.add(rights, RDF + "type", _iri(DCT, "RightsStatement"))
                    self.add(rights, RDFS + "label", conditions)
            for policy in policies[:1]:
                self.add(distribution, ODRL + "hasPolicy", policy)

    def dataset(self, dataset: ox.NamedNode, default_spatial: list[ox.NamedNode]) -> None:
        """One convention dataset as a dcat:Dataset."""
        self.add(dataset, RDF + "type", _iri(DCAT, "Dataset"))
        for predicate in ("title", "description", "issued"):
            self.copy(dataset, dataset, DCT + predicate)
        self.add(dataset, DCT + "identifier", ox.Literal(dataset.value))
        self.copy(dataset, dataset, DCAT + "keyword")
        self.copy(dataset, dataset, DCAT + "temporalResolution")
        for page in self.iris(dataset, DCAT + "landingPage"):
            self.add(dataset, DCAT + "landingPage", page)
            self.add(page, RDF + "type", _iri(FOAF, "Document"))
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
                if access.value != PUBLIC_ACCESS:
                    self.add(dataset, DCT + "rights", self.limitation(dataset, terms))
        policies = self.usage_policies(dataset)
        self.add_all(dataset, ODRL + "hasPolicy", policies)
        transfers = [t for p in self.nodes(dataset, CDATA + "protection") for t in self.nodes(p, CDATA + "transfer")]
        self.distributions(dataset, sharing, transfers, policies)

    def build(self) -> list[ox.Triple]:
        convention = self.convention
        catalogue = ox.NamedNode(catalogue_iri_of(convention.value, self.producer))
        self.add(catalogue, RDF + "type", _iri(DCAT, "Catalog"))
        titles = self.copy(convention, catalogue, DCT + "title")
        if not self.copy(convention, catalogue, DCT + "description"):
            title = titles[0].value if titles else convention.value
            derived = f"Jeux de données partagés au titre de la convention « {title} »."
            self.add(catalogue, DCT + "description", ox.Literal(derived, language="fr"))
        self.copy(convention, catalogue, DCT + "dateAccepted", DCT + "issued")
        self.add(catalogue, DCT + "source", convention)
        # Contracts of public persons are written in French (loi n° 94-665 du 4 août 1994, art. 5).
        french = ox.NamedNode(FRENCH)
        self.add(catalogue, DCT + "language", french)
        self.add(french, RDF + "type", _iri(DCT, "LinguisticSystem"))
        self.add(french, SKOS + "prefLabel", ox.Literal("français", language="fr"))
        self.add(french, SKOS + "prefLabel", ox.Literal("French", language="en"))
        publisher = self.producer if self.producer is not None else self.publisher()
        if publisher is not None:
            self.add(catalogue, DCT + "publisher", self.agent(publisher))
        covered = self.iris(convention, DCT + "spatial")
        self.add_all(catalogue, DCT + "spatial", (self.location(qpv) for qpv in covered))
        datasets = [
            d
            for d in self.iris(convention, ODRL + "target")
            if self.has(d, RDF + "type", _iri(DCAT, "Dataset"))
            and (self.producer is None or self.has(d, DCT + "creator", self.producer))
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


def catalogue_iri_of(convention: str, producer: ox.NamedNode | None = None) -> str:
    """The catalogue's IRI: the convention's followed by `catalogue`, and the producer's SIREN for one producer."""
    name = "catalogue" if producer is None else "catalogue-" + producer.value.rstrip("/").rsplit("/", 1)[-1]
    return mint(convention, name).value


def catalogue_iri(document: DocumentGraph, producer: str | None = None) -> str:
    """The IRI of the catalogue minted for a convention (or for one producer's datasets in it)."""
    return catalogue_iri_of(document.root, ox.NamedNode(producer_iri(producer)) if producer else None)


def producers(document: DocumentGraph) -> list[str]:
    """The IRIs of the partners that produce at least one of the convention's datasets."""
    query = (
        "SELECT DISTINCT ?p WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/creator> ?p }"
    )
    found = {row["p"].value for row in document.store.query(query)}  # type: ignore[union-attr]
    return sorted(found)


def dcat_ap_triples(document: DocumentGraph, producer: str | None = None) -> list[ox.Triple]:
    """The DCAT-AP 3 catalogue (catalogue, datasets, distributions, agents, locations, concepts) of a convention.

    With `producer` (SIREN, `organisation:SIREN` or IRI), only that partner's datasets, with the
    producer as the catalogue's publisher: one catalogue per producer is what a portal needs to file
    each dataset under its producer's organisation (udata gives the harvest source's organisation).
    """
    return CatalogueBuilder(document, producer).build()
