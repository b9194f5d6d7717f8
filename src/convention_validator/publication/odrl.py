"""The ODRL 2.2 agreement a convention states, written out in full for ODRL engines and data-space connectors.

A document states each dataset's usage policy in compact form: its rules, without target, assigner
or assignee, which the dataset already gives (the dataset, its producer, its recipients). The
published RDF adds, as ODRL processors expect on every rule (ODRL Information Model, § 2.7.1
"Compact Policy"):

- `odrl:target` the dataset, `odrl:assigner` its producer and `odrl:assignee` its recipients: one
  party, or an `odrl:PartyCollection` of them (a rule has at most one assignee), or the public
  collection for open data;
- every rule of every dataset also as a rule of the convention itself, the agreement the parties sign;
- each action used declared `odrl:Action` with its `odrl:includedIn`, from the standard's table
  (ODRL's own hierarchy for ODRL actions); ODRL's two top actions, `use` and `transfer`, are
  included in themselves so that the W3C shapes, which require `odrl:includedIn` on every action,
  accept them;
- `odrl:rightOperand` for each of the standard's typed right-operand properties (their
  `rdfs:subPropertyOf odrl:rightOperand`, materialised).
"""

from __future__ import annotations

import pyoxigraph as ox

from convention_validator.standard import CURRENT, Standard

ODRL = "http://www.w3.org/ns/odrl/2/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PUBLIC = ox.NamedNode("https://w3id.org/clauses-data/party-collection/public")
PUBLIC_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
RULE_KINDS = ("permission", "prohibition", "obligation")
TOP_ACTIONS = (f"{ODRL}use", f"{ODRL}transfer")


def _odrl(name: str) -> ox.NamedNode:
    return ox.NamedNode(ODRL + name)


POLICIES = """
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX cdata: <https://w3id.org/clauses-data/>
SELECT ?dataset ?policy ?producer ?access WHERE {
    ?dataset odrl:hasPolicy ?policy .
    OPTIONAL { ?dataset dct:creator ?producer }
    OPTIONAL { ?dataset cdata:sharingTerms/dct:accessRights ?access }
}
"""
RECIPIENTS = """
PREFIX cdata: <https://w3id.org/clauses-data/>
PREFIX dpv: <https://w3id.org/dpv#>
SELECT ?dataset ?recipient WHERE { ?dataset cdata:sharingTerms/dpv:hasRecipient ?recipient }
"""
RULES = """
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
SELECT ?policy ?kind ?rule WHERE {
    VALUES ?kind { odrl:permission odrl:prohibition odrl:obligation }
    ?policy ?kind ?rule
}
"""
ACTIONS = "SELECT DISTINCT ?action WHERE { ?rule <http://www.w3.org/ns/odrl/2/action> ?action }"


def odrl_triples(store: ox.Store, root: ox.NamedNode, standard: Standard = CURRENT) -> list[ox.Triple]:
    """The triples that make a convention's graph a complete ODRL 2.2 agreement (added to its own)."""
    added: list[ox.Triple] = []
    for row in store.query(POLICIES):  # type: ignore[union-attr]
        dataset, policy = row["dataset"], row["policy"]
        assignee = _assignee(store, dataset, policy, row["access"], added)
        for rule_row in store.query(RULES, substitutions={ox.Variable("policy"): policy}):  # type: ignore[union-attr]
            rule, kind = rule_row["rule"], rule_row["kind"]
            added.append(ox.Triple(rule, _odrl("target"), dataset))
            if row["producer"] is not None:
                added.append(ox.Triple(rule, _odrl("assigner"), row["producer"]))
            if assignee is not None:
                added.append(ox.Triple(rule, _odrl("assignee"), assignee))
            added.append(ox.Triple(root, kind, rule))
            for duty in store.quads_for_pattern(rule, _odrl("duty"), None):
                added.append(ox.Triple(duty.object, _odrl("target"), dataset))  # type: ignore[arg-type]
    added += _action_declarations(store, standard)
    for prop in standard.manifest.get("right_operand_properties", []):
        for quad in store.quads_for_pattern(None, ox.NamedNode(prop), None):
            added.append(ox.Triple(quad.subject, _odrl("rightOperand"), quad.object))
    return added


def _assignee(
    store: ox.Store, dataset: ox.NamedNode, policy: ox.NamedNode, access: object, added: list[ox.Triple]
) -> ox.NamedNode | None:
    """The one assignee of the dataset's rules: the public, a recipient, or a collection of recipients."""
    if isinstance(access, ox.NamedNode) and access.value == PUBLIC_ACCESS:
        added.append(ox.Triple(PUBLIC, RDF_TYPE, _odrl("PartyCollection")))
        added.append(ox.Triple(PUBLIC, RDFS_LABEL, ox.Literal("Le public", language="fr")))
        added.append(ox.Triple(PUBLIC, RDFS_LABEL, ox.Literal("The public", language="en")))
        return PUBLIC
    recipients = sorted(
        (r["recipient"] for r in store.query(RECIPIENTS, substitutions={ox.Variable("dataset"): dataset})),  # type: ignore[union-attr]
        key=lambda node: node.value,
    )
    if not recipients:
        return None
    if len(recipients) == 1:
        return recipients[0]  # type: ignore[no-any-return]
    separator = "-" if "#" in policy.value else "#"
    collection = ox.NamedNode(f"{policy.value}{separator}destinataires")
    added.append(ox.Triple(collection, RDF_TYPE, _odrl("PartyCollection")))
    for recipient in recipients:
        added.append(ox.Triple(recipient, _odrl("partOf"), collection))
    return collection


def _action_declarations(store: ox.Store, standard: Standard) -> list[ox.Triple]:
    """Each action used, and the actions that include it, as odrl:Action with odrl:includedIn."""
    parents: dict[str, str] = standard.manifest.get("policy_actions", {})
    pending = [row["action"].value for row in store.query(ACTIONS)]  # type: ignore[union-attr]
    declared: set[str] = set()
    triples: list[ox.Triple] = []
    while pending:
        action = pending.pop()
        if action in declared:
            continue
        declared.add(action)
        parent = action if action in TOP_ACTIONS else parents.get(action)
        if parent is None:
            continue
        triples.append(ox.Triple(ox.NamedNode(action), RDF_TYPE, _odrl("Action")))
        triples.append(ox.Triple(ox.NamedNode(action), _odrl("includedIn"), ox.NamedNode(parent)))
        pending.append(parent)
    return triples
