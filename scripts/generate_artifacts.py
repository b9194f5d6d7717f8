"""Generate the standard's artifacts from the LinkML schema into the package.

Build-time only (imports linkml). Writes into src/convention_validator/standard/:

- clauses-data.schema.json   JSON Schema of a convention (structure stage)
- clauses-data.shacl.ttl     SHACL shapes, closed (authoring profile)
- clauses-data.open.shacl.ttl SHACL shapes, open (published / harvested profile)
- clauses-data.context.jsonld JSON-LD context
- clauses-data.owl.ttl       OWL vocabulary
- manifest.json              versions, namespace and context URLs
- queries/*.rq               the indicator SPARQL queries, copied from schema/queries/
- clauses-data.graph-index.ru the update deriving each harvested graph's index, copied from
                             schema/queries/graph-index.ru

Each generator's output is post-processed for the pitfalls listed in
`docs/` (and ../shared/LINKML-NOTES.md); every step is named in `POSTPROCESSING`.
Outputs are byte-deterministic.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from linkml.generators.jsonldcontextgen import ContextGenerator
from linkml.generators.jsonschemagen import JsonSchemaGenerator
from linkml.generators.owlgen import OwlSchemaGenerator
from linkml.generators.shaclgen import ShaclGenerator
from linkml_runtime.utils.schemaview import SchemaView
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "clauses_data.yaml"
OUT = ROOT / "src" / "convention_validator" / "standard"
MAPPING_DOC = ROOT / "docs" / "reference" / "mapping.md"
RULES = ROOT / "schema" / "rules" / "clauses-data.rules.ttl"
QUERIES = ROOT / "schema" / "queries"
LEGACY_RULES = ROOT / "schema" / "rules" / "legacy"
FROZEN = ROOT / "src" / "convention_validator" / "frozen"
AUDITED = ROOT / "src" / "convention_validator" / "audited"
CATALOGUE = ROOT / "src" / "convention_validator" / "catalogue" / "findings.yaml"
RULE_PAGES = ROOT / "docs" / "regles"
SH = Namespace("http://www.w3.org/ns/shacl#")
NAMESPACE = "https://w3id.org/clauses-data/"
CD = Namespace(NAMESPACE)
DATA_PREFIXES = ("organisation", "qpv")

POSTPROCESSING = {
    "context": [
        "drop the generator's 'comments' block (it names a local path)",
        "alias 'type' to @type (the generator emits an xsd:anyURI literal on rdf:type)",
        "give uri-range slots '@type: @id' (the generator emits xsd:anyURI literals)",
        "turn code slots annotated iri_namespace (QPV codes) into IRIs with a scoped @vocab",
        "declare @version 1.1 (scoped contexts need JSON-LD 1.1)",
        "write every term's @id as a CURIE (cdata:party): a bare name would expand as another term of the "
        "same name (the slot party) instead of the IRI meant",
        "declare the data prefixes (organisation:, qpv:) that no schema element uses",
        "map each value of an enumeration whose meanings span several namespaces (PolicyAction: ODRL "
        "and own actions) to its IRI with a scoped term definition (the generator leaves them strings)",
        "leave decimal slots uncoerced: JSON-LD writes 1800.5 coerced to xsd:decimal as "
        "'1.8005E3'^^xsd:decimal, an ill-typed literal",
    ],
    "json_schema": [
        "set $id to the versioned published URL",
    ],
    "owl": [
        "declare the own policy actions as odrl:Action with their odrl:includedIn (annotation included_in)",
        "declare the right-operand slots rdfs:subPropertyOf odrl:rightOperand (annotation subproperty_of)",
    ],
    "shacl": [
        "drop property shapes on rdf:type and on the identifier slot (they never match data)",
        "put sh:nodeKind sh:IRI and the IRI pattern on shapes of identified classes",
        "make code slots annotated iri_namespace expect IRIs in that namespace",
        "let decimal slots accept xsd:decimal, xsd:integer or xsd:double (JSON numbers)",
        "target nested objects with sh:targetObjectsOf instead of sh:node from the parent",
        "drop sh:targetClass from nested classes whose class IRI another class shares (UsagePolicy and the "
        "root Convention are both odrl:Agreement)",
        "check references (non-inlined object slots) with a resolution shape: the referenced "
        "IRI must be declared in the convention's list of that class",
        "compile the business rules and the reference checks into SPARQL constraints "
        "(clauses-data.rules.sparql.json) for the fast engine",
        "canonicalise blank nodes for byte-stable output",
    ],
}


def _view() -> SchemaView:
    return SchemaView(str(SCHEMA), merge_imports=True)


def _iri_slots(view: SchemaView) -> dict[str, str]:
    """Slots whose string values are codes turned into IRIs under a namespace."""
    found: dict[str, str] = {}
    for name, slot in view.all_slots().items():
        note = slot.annotations.get("iri_namespace") if slot.annotations else None
        if note is not None:
            found[name] = str(note.value)
    return found


def _uri_slots(view: SchemaView) -> list[str]:
    return sorted(
        name for name, slot in view.all_slots().items() if slot.range in ("uri", "uriorcurie") and not slot.identifier
    )


def _mixed_enums(view: SchemaView) -> dict[str, dict[str, str]]:
    """Enumerations whose meanings do not share one namespace: value text -> meaning IRI."""
    found: dict[str, dict[str, str]] = {}
    for name, enum in view.all_enums().items():
        meanings = {text: view.expand_curie(str(pv.meaning)) for text, pv in enum.permissible_values.items()}
        namespaces = {iri[: len(iri) - len(text)] for text, iri in meanings.items()}
        if len(namespaces) > 1 or any(not iri.endswith(text) for text, iri in meanings.items()):
            found[name] = meanings
    return found


def _decimal_slots(view: SchemaView) -> list[str]:
    return sorted(name for name, slot in view.all_slots().items() if slot.range == "decimal")


def _version(view: SchemaView) -> str:
    version = view.schema.version
    if not version:
        raise SystemExit("schema/clauses_data.yaml has no version")
    return str(version)


def build_context(view: SchemaView) -> dict[str, Any]:
    """JSON-LD context with the post-processing steps applied."""
    raw = json.loads(ContextGenerator(str(SCHEMA), mergeimports=True).serialize())
    context: dict[str, Any] = raw["@context"]
    context["type"] = "@type"
    for name in _uri_slots(view):
        if isinstance(context.get(name), dict):
            context[name]["@type"] = "@id"
    for name in _decimal_slots(view):
        context[name].pop("@type", None)
    for name, namespace in _iri_slots(view).items():
        term = context[name] if isinstance(context.get(name), dict) else {"@id": context[name]}
        term["@type"] = "@vocab"
        term["@context"] = {"@vocab": namespace}
        context[name] = term
    for term in context.values():  # a bare @id could name another term ("party"), not the IRI meant
        if isinstance(term, dict) and isinstance(term.get("@id"), str) and ":" not in term["@id"]:
            term["@id"] = f"cdata:{term['@id']}"
    mixed = _mixed_enums(view)
    for name, slot in view.all_slots().items():
        if slot.range in mixed:
            term = context[name] if isinstance(context.get(name), dict) else {"@id": context[name]}
            term["@type"] = "@vocab"
            term["@context"] = dict(sorted(mixed[str(slot.range)].items()))
            context[name] = term
    for prefix in DATA_PREFIXES:
        if prefix in context:
            raise SystemExit(f"data prefix {prefix!r} collides with a term of the context")
        context[prefix] = view.schema.prefixes[prefix].prefix_reference
    ordered = {"@version": 1.1}
    ordered.update(context)
    return {"@context": ordered}


def build_json_schema(view: SchemaView) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(JsonSchemaGenerator(str(SCHEMA), mergeimports=True).serialize())
    schema["$id"] = f"{NAMESPACE}{_version(view)}/clauses-data.schema.json"
    return schema


def _remove_property_shape(graph: Graph, node_shape: URIRef, prop: Node) -> None:
    graph.remove((node_shape, SH.property, prop))
    for triple in list(graph.triples((prop, None, None))):
        if triple[1] == SH["in"]:
            Collection(graph, triple[2]).clear()  # type: ignore[no-untyped-call]
        graph.remove(triple)


def _shape_for(view: SchemaView, class_name: str) -> URIRef:
    return CD[f"{class_name}Shape"]


def build_shacl(view: SchemaView, closed: bool) -> str:
    text = ShaclGenerator(
        str(SCHEMA), mergeimports=True, closed=closed, use_class_uri_names=False, suffix="Shape"
    ).serialize()
    graph = Graph().parse(data=text, format="turtle")
    id_pattern = view.get_slot("id").pattern
    iri_slots = _iri_slots(view)

    # Containers: the inlined list slot that declares the members of each referenced class.
    containers: dict[str, str] = {}
    for name, slot in view.all_slots().items():
        if slot.range in view.all_classes() and slot.multivalued and slot.inlined_as_list:
            rng = view.get_class(slot.range)
            if any(view.induced_slot(s, rng.name).identifier for s in view.class_slots(rng.name)):
                containers[slot.range] = name

    for class_name in view.all_classes():
        shape = _shape_for(view, class_name)
        if (shape, RDF.type, SH.NodeShape) not in graph:
            continue
        slot_by_uri = {
            view.get_uri(view.induced_slot(name, class_name), expand=True): name
            for name in view.class_slots(class_name)
        }
        identified = False
        for prop in list(graph.objects(shape, SH.property)):
            path = graph.value(prop, SH.path)
            slot_name = slot_by_uri.get(str(path))
            if path == RDF.type or (slot_name and view.get_slot(slot_name).identifier):
                identified = identified or path != RDF.type
                _remove_property_shape(graph, shape, prop)
                continue
            if slot_name is None or path is None:
                raise SystemExit(f"{class_name}: no slot for shape path {path}")
            induced = view.induced_slot(slot_name, class_name)
            if slot_name in iri_slots:
                namespace = iri_slots[slot_name]
                graph.remove((prop, SH.datatype, None))
                graph.set((prop, SH.nodeKind, SH.IRI))
                pattern = str(graph.value(prop, SH.pattern))
                graph.set((prop, SH.pattern, Literal("^" + namespace.replace(".", "\\.") + pattern.lstrip("^"))))
            if induced.range == "decimal":
                graph.remove((prop, SH.datatype, XSD.decimal))
                choices: list[Node] = []
                for datatype in (XSD.decimal, XSD.integer, XSD.double):
                    choice = BNode()
                    graph.add((choice, SH.datatype, datatype))
                    choices.append(choice)
                graph.add((prop, SH["or"], Collection(graph, BNode(), choices).uri))
            if induced.range in view.all_classes():
                target = graph.value(prop, SH.node)
                if target is None:
                    continue
                graph.remove((prop, SH.node, target))
                if view.is_inlined(induced):
                    graph.add((target, SH.targetObjectsOf, path))
                elif induced.range in containers:
                    graph.add((prop, SH.node, CD[f"{induced.range}ReferenceShape"]))
        if identified:
            graph.add((shape, SH.nodeKind, SH.IRI))
            graph.add((shape, SH.pattern, Literal(id_pattern)))

    # A nested class is reached through the property of its slot: no slot of another range may share it.
    ranges: dict[str, set[str]] = {}
    for slot in view.all_slots().values():
        ranges.setdefault(view.get_uri(slot, expand=True), set()).add(str(slot.range))
    for name, slot in view.all_slots().items():
        if (
            slot.range in view.all_classes()
            and view.is_inlined(slot)
            and len(ranges[view.get_uri(slot, expand=True)]) > 1
        ):
            raise SystemExit(
                f"slot {name}: its IRI is shared with a slot of another range, whose values its shape would target"
            )

    # Classes that share a class IRI (UsagePolicy and Convention: odrl:Agreement; Definition and
    # LocalPurpose: skos:Concept) must not target each other's nodes: the nested ones are reached
    # through sh:targetObjectsOf only.
    by_uri: dict[str, list[str]] = {}
    for class_name in view.all_classes():
        by_uri.setdefault(view.get_uri(view.get_class(class_name), expand=True), []).append(class_name)
    for names in by_uri.values():
        if len(names) > 1:
            for class_name in names:
                if not view.get_class(class_name).tree_root:
                    graph.remove((_shape_for(view, class_name), SH.targetClass, None))

    for class_name, container_name in sorted(containers.items()):
        container = view.get_slot(container_name)
        ref_shape = CD[f"{class_name}ReferenceShape"]
        inner = BNode()
        graph.add((ref_shape, RDF.type, SH.NodeShape))
        graph.add((ref_shape, SH.property, inner))
        inverse = BNode()
        graph.add((inverse, SH.inversePath, URIRef(view.get_uri(container, expand=True))))
        graph.add((inner, SH.path, inverse))
        graph.add((inner, SH.minCount, Literal(1)))
        graph.add(
            (
                ref_shape,
                SH.message,
                Literal(
                    f"La référence doit désigner un élément déclaré dans « {container_name} » de la convention.",
                    lang="fr",
                ),
            )
        )
        graph.add(
            (
                ref_shape,
                SH.message,
                Literal(
                    f"The reference must name an item declared in the convention's '{container_name}'.",
                    lang="en",
                ),
            )
        )

    canonical = to_canonical_graph(graph)
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    for triple in canonical:
        out.add(triple)
    return _stable_turtle(out)


def _stable_turtle(graph: Graph) -> str:
    """Turtle with sorted output (rdflib sorts subjects; strip nothing else)."""
    text = str(graph.serialize(format="turtle"))
    return text if text.endswith("\n") else text + "\n"


def build_compiled_rules() -> str:
    """The business rules and the generated reference checks as SPARQL constraints (fast engine)."""
    from convention_validator.stages.sparql_constraints import compile_references, compile_rules, dump_constraints

    rules = Graph().parse(RULES, format="turtle")
    generated = Graph().parse(data=build_shacl(_view(), closed=True), format="turtle")
    constraints = compile_rules(rules, f"{NAMESPACE}findingCode") + compile_references(generated, code="CV312")
    return dump_constraints(constraints)


def _frozen_vocabulary(version: str) -> set[str]:
    """Every IRI a frozen version can write: its OWL terms and individuals, and its context terms."""
    folder = FROZEN / version
    iris = {str(term) for triple in Graph().parse(folder / "clauses-data.owl.ttl") for term in triple}
    context = json.loads((folder / "clauses-data.context.jsonld").read_text(encoding="utf-8"))["@context"]
    vocab = str(context["@vocab"])
    for entry in context.values():
        term = entry.get("@id") if isinstance(entry, dict) else entry
        if isinstance(term, str) and not term.startswith("@"):
            prefix, sep, local = term.partition(":")
            base = context.get(prefix) if sep else None
            iris.add(f"{base}{local}" if isinstance(base, str) else term if sep else vocab + term)
    return iris


def _terms_read(rules: Graph, shape: Node) -> set[str]:
    """The standard's own IRIs (namespace cdata:) that a rule's queries read."""
    prefixes = {
        str(rules.value(d, SH.prefix)): str(rules.value(d, SH.namespace))
        for d in rules.objects(URIRef(f"{NAMESPACE}rules"), SH.declare)
    }
    terms = set()
    for constraint in rules.objects(shape, SH.sparql):
        query = str(rules.value(constraint, SH.select))
        terms |= set(re.findall(r"<(https://w3id\.org/clauses-data/[^>]+)>", query))
        for prefix, local in re.findall(r"(?<![\w<?$])([a-z][a-z0-9]*):([A-Za-z_][\w-]*)", query):
            namespace = prefixes.get(prefix)
            if namespace is not None and namespace.startswith(NAMESPACE):
                terms.add(namespace + local)
    return terms


def audited_rules(version: str) -> Graph:
    """The current rules a frozen version's data can express, and its variants of renamed terms."""
    current = Graph().parse(RULES, format="turtle")
    variants = Graph().parse(LEGACY_RULES / f"{version}.rules.ttl", format="turtle")
    code = URIRef(f"{NAMESPACE}findingCode")
    vocabulary = _frozen_vocabulary(version)
    rewritten = {str(c) for c in variants.objects(None, code)}
    dropped = [
        shape
        for shape, value in current.subject_objects(code)
        if str(value) in rewritten or not _terms_read(current, shape) <= vocabulary
    ]
    graph = Graph()
    for prefix, namespace in current.namespaces():
        graph.bind(prefix, namespace, override=True)
    removed = {triple for shape in dropped for triple in current.cbd(shape)}
    for triple in current:
        if triple not in removed:
            graph.add(triple)
    graph += variants
    return graph


def build_audited(version: str) -> dict[Path, str]:
    """The audited rules of a frozen version, as Turtle and as compiled SPARQL constraints."""
    from convention_validator.stages.sparql_constraints import compile_references, compile_rules, dump_constraints

    rules = audited_rules(version)
    canonical = Graph()
    for prefix, namespace in rules.namespaces():
        canonical.bind(prefix, namespace, override=True)
    for triple in to_canonical_graph(rules):
        canonical.add(triple)
    shapes = Graph().parse(FROZEN / version / "clauses-data.shacl.ttl", format="turtle")
    constraints = compile_rules(rules, f"{NAMESPACE}findingCode") + compile_references(shapes, code="CV312")
    header = (
        f"# Audited rules applied to documents of standard {version} (generated: scripts/generate_artifacts.py).\n"
        f"# The current rules whose terms {version} has, and schema/rules/legacy/{version}.rules.ttl.\n"
    )
    return {
        AUDITED / version / "clauses-data.rules.ttl": header + _stable_turtle(canonical),
        AUDITED / version / "clauses-data.rules.sparql.json": dump_constraints(constraints),
    }


def build_owl(view: SchemaView) -> str:
    text = str(
        OwlSchemaGenerator(
            str(SCHEMA),
            mergeimports=True,
            metadata=False,
            skip_vacuous_min_zero_cardinality_axioms=True,
            skip_vacuous_local_range_axioms=True,
            consolidate_cardinality_axioms=True,
        ).serialize()
    )
    graph = Graph().parse(data=text, format="turtle")
    odrl = Namespace("http://www.w3.org/ns/odrl/2/")
    for action, parent in sorted(policy_actions(view).items()):
        if action.startswith(NAMESPACE):
            graph.add((URIRef(action), RDF.type, odrl.Action))
            graph.add((URIRef(action), odrl.includedIn, URIRef(parent)))
    for _name, slot in sorted(view.all_slots().items()):
        note = slot.annotations.get("subproperty_of") if slot.annotations else None
        if note is not None:
            graph.add(
                (
                    URIRef(view.get_uri(slot, expand=True)),
                    RDFS.subPropertyOf,
                    URIRef(view.expand_curie(str(note.value))),
                )
            )
    return _stable_turtle(graph)


def policy_actions(view: SchemaView) -> dict[str, str]:
    """Every policy action IRI and the action it is included in (annotation included_in)."""
    enum = view.get_enum("PolicyAction")
    return {
        view.expand_curie(str(pv.meaning)): view.expand_curie(str(pv.annotations["included_in"].value))
        for pv in enum.permissible_values.values()
    }


def build_manifest(view: SchemaView) -> dict[str, Any]:
    version = _version(view)
    return {
        "name": "clauses-data",
        "title": view.schema.title,
        "version": version,
        "namespace": NAMESPACE,
        "context_url": f"{NAMESPACE}{version}/context.jsonld",
        "context_url_pattern": r"^https?://w3id\.org/clauses-data/([^/]+)/context\.jsonld$",
        "artifacts": {
            "json_schema": "clauses-data.schema.json",
            "shacl": "clauses-data.shacl.ttl",
            "shacl_open": "clauses-data.open.shacl.ttl",
            "context": "clauses-data.context.jsonld",
            "owl": "clauses-data.owl.ttl",
            "rules": "clauses-data.rules.ttl",
            "rules_sparql": "clauses-data.rules.sparql.json",
            "graph_index": "clauses-data.graph-index.ru",
        },
        "queries": {path.stem: f"queries/{path.name}" for path in sorted(QUERIES.glob("*.rq"))},
        "policy_actions": dict(sorted(policy_actions(view).items())),
        "right_operand_properties": sorted(
            view.get_uri(slot, expand=True)
            for slot in view.all_slots().values()
            if slot.annotations and slot.annotations.get("subproperty_of") is not None
        ),
        "postprocessing": POSTPROCESSING,
    }


def build_mapping_doc(view: SchemaView) -> str:
    """Markdown table of every class, slot and enumeration with its vocabulary IRI."""

    def uri(element: Any, kind: str) -> str:
        return f"`{view.get_uri(element, expand=False)}`" if kind != "enum" else ""

    lines = [
        "# Correspondance avec les vocabulaires / Vocabulary mapping",
        "",
        f"Généré depuis `schema/` (version {_version(view)}) par `make generate` : ne pas modifier à la main.",
        "",
        "## Classes",
        "",
        "| classe | titre | IRI | correspondances proches |",
        "|---|---|---|---|",
    ]
    for name in sorted(view.all_classes()):
        cls = view.get_class(name)
        close = ", ".join(f"`{m}`" for m in cls.close_mappings) or ""
        lines.append(f"| `{name}` | {cls.title} | {uri(cls, 'class')} | {close} |")
    lines += ["", "## Attributs / Slots", "", "| attribut | titre | IRI | portée |", "|---|---|---|---|"]
    for name in sorted(view.all_slots()):
        slot = view.get_slot(name)
        iri = "`@id` (IRI du nœud)" if slot.identifier else uri(slot, "slot")
        lines.append(f"| `{name}` | {slot.title} | {iri} | `{slot.range or 'string'}` |")
    lines += ["", "## Listes de valeurs / Enumerations", "", "| liste | titre | espace de noms des valeurs | valeurs |"]
    lines.append("|---|---|---|---|")
    for name in sorted(view.all_enums()):
        enum = view.get_enum(name)
        values = list(enum.permissible_values.values())
        first = view.expand_curie(values[0].meaning)
        namespace = first[: len(first) - len(values[0].text)]
        lines.append(f"| `{name}` | {enum.title} | `{namespace}` | {len(values)} |")
    return "\n".join(lines) + "\n"


STAGE_TITLES = {
    "read": "Lecture",
    "structure": "Structure",
    "graph": "Graphe",
    "rules": "Règles juridiques et métier",
    "reference": "Référentiels",
}
SEVERITY_TITLES = {"error": "erreur", "warning": "avertissement", "info": "information"}


def _source_lines(entry: dict[str, Any]) -> list[str]:
    """The "Sources" section of a rule page: each text, its article as a link, the words quoted."""
    sources = entry.get("legal_sources") or []
    if not sources:
        return []
    lines = ["## Sources", ""]
    for source in sources:
        lines.append(f"- [{source['text']}, {source['article']}]({source['url']})")
        if source.get("quote"):
            lines += ["", f"    > « {source['quote']} »", ""]
    return [*lines, ""]


def _example_lines(code: str) -> list[str]:
    """The "Exemples" section: the committed unlawful and lawful examples that exercise the code."""
    import yaml

    found: dict[str, list[str]] = {"invalid": [], "lawful": []}
    for kind in found:
        for sidecar in sorted((ROOT / "examples" / kind).glob("*.expected.yaml")):
            expected = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
            if code in (expected.get("code"), expected.get("rule")):
                found[kind].append(sidecar.name.removesuffix(".expected.yaml") + ".jsonld")
    if not any(found.values()):
        return []
    lines = ["## Exemples", ""]
    titles = {"invalid": "fautif", "lawful": "licite"}
    for kind, names in found.items():
        lines += [f"- {titles[kind]} : `examples/{kind}/{name}`" for name in names]
    return [*lines, ""]


def build_rule_pages() -> dict[Path, str]:
    """One documentation page per finding code, and an index, from the findings catalogue."""
    import yaml

    entries: dict[str, Any] = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    pages: dict[Path, str] = {}
    index = [
        "# Catalogue des constats",
        "",
        "Généré depuis `src/convention_validator/catalogue/findings.yaml` par `make generate` : les messages du",
        "validateur et ces pages viennent du même fichier.",
        "",
    ]
    for stage, title in STAGE_TITLES.items():
        codes = [code for code, entry in entries.items() if entry["stage"] == stage]
        index += [f"## {title}", "", "| code | gravité | constat |", "|---|---|---|"]
        index += [
            f"| [{code}]({code}.md) | {SEVERITY_TITLES[entries[code]['severity']]} | {entries[code]['title']['fr']} |"
            for code in codes
        ]
        index.append("")
    pages[RULE_PAGES / "index.md"] = "\n".join(index)
    for code, entry in entries.items():
        lines = [
            f"# {code} — {entry['title']['fr']}",
            "",
            f"*{entry['title']['en']}*",
            "",
            f"- **Étape** : {STAGE_TITLES[entry['stage']].lower()}",
            f"- **Gravité** : {SEVERITY_TITLES[entry['severity']]}",
        ]
        lines += [
            "",
            "## Message",
            "",
            f"> {entry['message']['fr']}",
            "",
            "## Pourquoi",
            "",
            entry["rationale"]["fr"],
            "",
            *_source_lines(entry),
            "## Comment corriger",
            "",
            entry["fix"]["fr"],
            "",
        ]
        for heading, key in (("Exemple fautif", "failing"), ("Exemple corrigé", "passing")):
            if entry.get(key):
                lines += [f"## {heading}", "", "```json", str(entry[key]).rstrip(), "```", ""]
        lines += _example_lines(code)
        lines += ["## In English", "", entry["rationale"]["en"], "", f"**Fix:** {entry['fix']['en']}", ""]
        pages[RULE_PAGES / f"{code}.md"] = "\n".join(lines)
    return pages


def _dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render_all() -> dict[Path, str]:
    """Every generated file's path and text."""
    logging.getLogger().setLevel(logging.ERROR)
    view = _view()
    return (
        build_rule_pages()
        | {
            OUT / "clauses-data.schema.json": _dump_json(build_json_schema(view)),
            OUT / "clauses-data.shacl.ttl": build_shacl(view, closed=True),
            OUT / "clauses-data.open.shacl.ttl": build_shacl(view, closed=False),
            OUT / "clauses-data.context.jsonld": _dump_json(build_context(view)),
            OUT / "clauses-data.owl.ttl": build_owl(view),
            OUT / "manifest.json": _dump_json(build_manifest(view)),
            OUT / "clauses-data.rules.ttl": RULES.read_text(encoding="utf-8"),
            OUT / "clauses-data.rules.sparql.json": build_compiled_rules(),
            OUT / "clauses-data.graph-index.ru": (QUERIES / "graph-index.ru").read_text(encoding="utf-8"),
            MAPPING_DOC: build_mapping_doc(view),
        }
        | {OUT / "queries" / path.name: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))}
        | {
            target: text
            for source in sorted(LEGACY_RULES.glob("*.rules.ttl"))
            for target, text in build_audited(source.name.removesuffix(".rules.ttl")).items()
        }
    )


def main(argv: list[str]) -> int:
    check = "--check" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "queries").mkdir(exist_ok=True)
    MAPPING_DOC.parent.mkdir(parents=True, exist_ok=True)
    RULE_PAGES.mkdir(parents=True, exist_ok=True)
    for source in LEGACY_RULES.glob("*.rules.ttl"):
        (AUDITED / source.name.removesuffix(".rules.ttl")).mkdir(parents=True, exist_ok=True)
    stale = []
    for target, text in render_all().items():
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("stale artifacts (run `make generate`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
