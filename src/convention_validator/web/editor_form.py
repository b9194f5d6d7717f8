"""The editor's form model, generated from the standard's JSON Schema and the labels of its codes.

Each class of the schema becomes a list of fields: its label (French or English), the schema's
description as help text, whether it is required, and its kind — text, long text, date, number,
yes/no, a choice in an enumeration (with the labels of its codes), several choices, a list of
texts, a nested object or a list of nested objects. The browser builds the form from this model,
so a new slot of the standard appears in the editor without touching the editor.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from convention_validator.render.labels import labels
from convention_validator.standard import Standard

# Slots written as paragraphs rather than one line.
LONG_TEXTS = frozenset(
    {
        "description",
        "preamble",
        "subject_matter",
        "text",
        "confidentiality",
        "liability",
        "amendment_procedure",
        "entry_into_force",
        "accession_procedure",
        "withdrawal_procedure",
        "notice",
    }
)
# Slots never shown: the class name is implied by the place in the form, the context is kept as is.
HIDDEN = frozenset({"type", "@context"})
# Slots shown first (identity of the element), required slots before optional ones.
_FIRST = {
    name: rank for rank, name in enumerate(("id", "title", "name", "siren", "party_type", "roles", "description"))
}
# A slot whose value names a party of the convention: the form offers the parties' identifiers.
_PARTY_REFERENCE = re.compile(
    r"identifiants? d[’'e]s? ?(une )?partie|^Partie |Partenaires? (qui|membres|autoris)", re.IGNORECASE
)


def _ref_name(spec: dict[str, Any]) -> str | None:
    """The class or enumeration a property points to (`$ref`, or `anyOf` with null)."""
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    for option in spec.get("anyOf", []):
        if "$ref" in option:
            return str(option["$ref"]).rsplit("/", 1)[-1]
    return None


def _types(spec: dict[str, Any]) -> set[str]:
    declared = spec.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def _kind(name: str, spec: dict[str, Any], definitions: dict[str, Any]) -> tuple[str, str | None]:
    """(kind, class or enumeration name) of a property."""
    types = _types(spec)
    if "array" in types:
        target = _ref_name(spec.get("items", {}))
        if target is None:
            return "texts", None
        return ("choices" if "enum" in definitions[target] else "objects"), target
    target = _ref_name(spec)
    if target is not None:
        return ("choice" if "enum" in definitions[target] else "object"), target
    if "boolean" in types:
        return "boolean", None
    if types & {"integer", "number"}:
        return "number", None
    if spec.get("format") == "date":
        return "date", None
    return ("longtext" if name in LONG_TEXTS else "text"), None


def _field(name: str, spec: dict[str, Any], required: bool, definitions: dict[str, Any], lang: str) -> dict[str, Any]:
    kind, target = _kind(name, spec, definitions)
    field: dict[str, Any] = {
        "name": name,
        "label": labels(lang).slot(name),
        "help": str(spec.get("description", "")),
        "kind": kind,
        "required": required,
    }
    if target is not None:
        field["target"] = target
    if kind == "number":
        field["integer"] = "integer" in _types(spec)
    if kind in ("text", "texts") and _PARTY_REFERENCE.search(field["help"]):
        field["party_reference"] = True
    return field


def _enumeration(name: str, spec: dict[str, Any], lang: str) -> dict[str, Any]:
    table = labels(lang)
    entry = table.data["enums"].get(name, {})
    title = entry.get("title", {}).get(lang, name)
    return {
        "title": title,
        "options": [{"code": str(code), "label": table.value(name, code)} for code in spec["enum"]],
    }


def _class(name: str, spec: dict[str, Any], definitions: dict[str, Any], lang: str) -> dict[str, Any]:
    required = set(spec.get("required", []))
    entry = labels(lang).data["classes"].get(name, {})
    return {
        "title": entry.get(lang, name),
        "help": str(spec.get("description", "")),
        "fields": sorted(
            (
                _field(slot, prop, slot in required, definitions, lang)
                for slot, prop in spec.get("properties", {}).items()
                if slot not in HIDDEN
            ),
            key=lambda field: (not field["required"], _FIRST.get(field["name"], len(_FIRST))),
        ),
    }


@cache
def form_model(lang: str = "fr") -> dict[str, Any]:
    """Classes (fields) and enumerations (codes and labels) of the standard, root class first."""
    schema = Standard().json_schema
    definitions: dict[str, Any] = schema["$defs"]
    classes = {
        name: _class(name, spec, definitions, lang) for name, spec in definitions.items() if "properties" in spec
    }
    classes["Convention"] = _class("Convention", schema, definitions, lang)
    enums = {name: _enumeration(name, spec, lang) for name, spec in definitions.items() if "enum" in spec}
    return {
        "root": "Convention",
        "context": Standard().context_url,
        "help_lang": "fr",  # the schema's descriptions, the help texts, are written in French
        "classes": classes,
        "enums": enums,
    }
