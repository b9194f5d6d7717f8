"""Tests on the LinkML model itself (build time: these tests may import linkml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from linkml_runtime.utils.schemaview import SchemaView

from convention_validator.standard import Standard

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "clauses_data.yaml"
NAMESPACE = "https://w3id.org/clauses-data/"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def view() -> SchemaView:
    return SchemaView(str(SCHEMA), merge_imports=True)


def _own_classes(view: SchemaView) -> list[str]:
    return sorted(view.all_classes(imports=True))


def _own_slots(view: SchemaView) -> list[str]:
    return sorted(view.all_slots(imports=True))


def test_every_class_has_an_explicit_class_uri(view: SchemaView) -> None:
    missing = [name for name in _own_classes(view) if not view.get_class(name).class_uri]
    assert missing == []


def test_every_slot_has_an_explicit_slot_uri(view: SchemaView) -> None:
    """The identifier slot is exempt: it is the node's IRI (@id), not a property."""
    missing = [
        name for name in _own_slots(view) if not view.get_slot(name).slot_uri and not view.get_slot(name).identifier
    ]
    assert missing == []


def test_multivalued_object_slots_are_lists_or_references(view: SchemaView) -> None:
    wrong = []
    for name in _own_slots(view):
        slot = view.get_slot(name)
        is_object_list = slot.multivalued and slot.range in view.all_classes()
        if is_object_list and not (slot.inlined_as_list or slot.inlined is False):
            wrong.append(name)
    assert wrong == [], "inline multivalued object slots as a list, or mark them `inlined: false` (references)"


def test_inlined_object_slot_uris_point_to_one_class(view: SchemaView) -> None:
    """The shapes target nested objects by their property (sh:targetObjectsOf): one class per property."""
    ranges: dict[str, set[str]] = {}
    for name in _own_slots(view):
        slot = view.get_slot(name)
        if slot.range in view.all_classes() and view.is_inlined(slot):
            ranges.setdefault(view.get_uri(slot, expand=True), set()).add(str(slot.range))
    shared = {uri: r for uri, r in ranges.items() if len(r) > 1}
    assert shared == {}


def _elements(view: SchemaView) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name in _own_classes(view):
        found.append((f"class {name}", view.get_class(name)))
    for name in _own_slots(view):
        found.append((f"slot {name}", view.get_slot(name)))
    for name, enum in view.all_enums(imports=True).items():
        found.append((f"enum {name}", enum))
        for value_name, value in (enum.permissible_values or {}).items():
            found.append((f"value {name}.{value_name}", value))
    for path in sorted((ROOT / "schema").glob("*.yaml")):
        for name in yaml.safe_load(path.read_text(encoding="utf-8")).get("types") or {}:
            found.append((f"type {name}", view.get_type(name)))
    return found


def test_every_element_has_french_title_english_title_and_description(view: SchemaView) -> None:
    problems = []
    for label, element in _elements(view):
        title = getattr(element, "title", None)
        description = getattr(element, "description", None)
        annotations = getattr(element, "annotations", None) or {}
        title_en = annotations.get("title_en") if annotations else None
        if not title:
            problems.append(f"{label}: no title")
        if not description:
            problems.append(f"{label}: no description")
        if title_en is None or not str(title_en.value).strip():
            problems.append(f"{label}: no annotations.title_en")
    assert problems == []


def test_own_terms_live_under_a_slash_namespace(view: SchemaView) -> None:
    own = {p.prefix_prefix: p.prefix_reference for p in view.schema.prefixes.values()}
    assert own["cdata"] == NAMESPACE
    minted = [p for p, ns in own.items() if ns.startswith(NAMESPACE)]
    assert all(own[p].endswith("/") for p in minted)


def test_enum_values_carry_meanings_in_one_namespace_equal_to_their_text(view: SchemaView) -> None:
    """LINKML-NOTES item 5: otherwise the context leaves values as plain strings."""
    problems = []
    for name, enum in view.all_enums(imports=True).items():
        namespaces = set()
        for text, value in (enum.permissible_values or {}).items():
            if not value.meaning:
                problems.append(f"{name}.{text}: no meaning")
                continue
            iri = view.expand_curie(value.meaning)
            if not iri.endswith(text):
                problems.append(f"{name}.{text}: meaning {iri} does not end with the value")
            namespaces.add(iri[: len(iri) - len(text)])
        if len(namespaces) > 1 and name not in MIXED_ENUMS:
            problems.append(f"{name}: meanings in several namespaces {sorted(namespaces)}")
    assert problems == []


MIXED_ENUMS = {"PolicyAction"}  # ODRL actions first, own actions where ODRL has none


def test_enums_spanning_several_namespaces_map_every_value_in_the_context(view: SchemaView) -> None:
    """The context maps each value of a mixed enumeration to its meaning, for every slot that uses it."""
    context = Standard().context["@context"]
    for name in MIXED_ENUMS:
        enum = view.get_enum(name)
        meanings = {text: view.expand_curie(str(pv.meaning)) for text, pv in enum.permissible_values.items()}
        slots = [s for s, slot in view.all_slots().items() if slot.range == name]
        assert slots
        for slot in slots:
            assert context[slot]["@type"] == "@vocab"
            assert context[slot]["@context"] == meanings


def test_schema_version_is_declared_once(view: SchemaView) -> None:
    from generate_artifacts import build_manifest

    assert view.schema.version
    assert build_manifest(view)["version"] == view.schema.version
    modules = [p for p in (ROOT / "schema").glob("*.yaml") if p.name != SCHEMA.name]
    assert all("version" not in yaml.safe_load(p.read_text(encoding="utf-8")) for p in modules)


def test_eu_authority_tables_module_matches_the_packaged_tables() -> None:
    from generate_eu_tables import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run `make generate`"


def test_linkml_lint_reports_no_problem() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "linkml"), "lint", str(SCHEMA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()
