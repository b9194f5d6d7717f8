"""What an amendment changes: a structured list of changes between two versions of a convention.

Entities are matched by identity, never by position: parties and datasets by `id`, adopted
clauses by `clause_kind`, ethics rules, work-programme items, annexes and data-provision
agreements by `title`, labels by `name`. Inside an entity, nested objects are compared field by
field (dotted field names such as `sharing.access_level`); lists of codes are compared as sets.
Each change says whether it loosens protection (see `protection.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from convention_validator.authoring.protection import Effect, classify_dataset_change, classify_entity_event

# (path of the list from the root, entity kind, identifying key)
COLLECTIONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("parties",), "party", "id"),
    (("datasets",), "dataset", "id"),
    (("adopted_clauses",), "clause", "clause_kind"),
    (("framework", "ethics_rules"), "ethics_rule", "title"),
    (("framework", "work_programme"), "work_programme_item", "title"),
    (("framework", "labels"), "label", "name"),
    (("annexes",), "annex", "title"),
    (("data_provision_agreements",), "data_provision_agreement", "title"),
)
# keys of lists of objects compared as sets of one of their fields, inside an entity
SET_KEYS = {"local_purposes": "title"}
ABSENT: Any = None


@dataclass(frozen=True)
class Change:
    """One change: an entity added or removed, or one field of an entity changed."""

    kind: str  # added | removed | changed
    entity: str  # convention | party | dataset | clause | ethics_rule | ...
    entity_id: str
    entity_label: str
    pointer: str  # JSON pointer in the new document, or in the old one for what was removed
    document: str  # new | old: the document `pointer` points into
    field: str | None  # dotted field inside the entity (None: the entity as a whole)
    old: Any
    new: Any
    effect: Effect
    reason: str | None

    @property
    def loosens(self) -> bool:
        return self.effect == "loosens"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _keyed(items: Any, key: str) -> dict[str, tuple[int, dict[str, Any]]]:
    """Items of a list by identity (a repeated or missing key gets an occurrence suffix)."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        base = str(item.get(key)) if item.get(key) is not None else f"#{index}"
        identity, occurrence = base, 1
        while identity in found:
            occurrence += 1
            identity = f"{base}#{occurrence}"
        found[identity] = (index, item)
    return found


def _label(entity: str, item: dict[str, Any], identity: str) -> str:
    for key in ("title", "name"):
        if isinstance(item.get(key), str) and item[key].strip():
            return str(item[key])
    return str(item.get("clause_kind") or identity)


def _normalise(value: Any, key: str) -> Any:
    """Lists of codes become sorted lists (order does not matter); lists of keyed objects, their keys."""
    if isinstance(value, list):
        if key in SET_KEYS and all(isinstance(v, dict) for v in value):
            return sorted({str(v.get(SET_KEYS[key])) for v in value})
        if all(isinstance(v, str | int | float | bool) or v is None for v in value):
            return sorted({repr(v): v for v in value}.values(), key=repr)
    return value


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaves of nested objects by dotted name; lists are leaves."""
    if isinstance(value, dict) and value:
        leaves: dict[str, Any] = {}
        for key, item in value.items():
            leaves.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return leaves
    return {prefix: value}


def _field_changes(
    entity: str, identity: str, label: str, old_item: Any, new_item: Any, old_pointer: str, new_pointer: str
) -> Iterator[Change]:
    old_leaves, new_leaves = _flatten(old_item), _flatten(new_item)
    for name in [*new_leaves, *(k for k in old_leaves if k not in new_leaves)]:
        last = name.rsplit(".", 1)[-1]
        old = _normalise(old_leaves.get(name, ABSENT), last)
        new = _normalise(new_leaves.get(name, ABSENT), last)
        if old == new or (old in (None, [], {}) and new in (None, [], {})):
            continue
        in_new = name in new_leaves and new_leaves[name] is not None
        base = new_pointer if in_new else old_pointer
        pointer = base + "".join("/" + _escape(part) for part in name.split(".") if part)
        if entity == "dataset":
            effect, reason = classify_dataset_change(name, old, new)
        else:
            effect, reason = "neutral", None
        yield Change(
            "changed",
            entity,
            identity,
            label,
            pointer,
            "new" if in_new else "old",
            name or None,
            old,
            new,
            effect,
            reason,
        )


def diff_conventions(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new`, in the order of the new document (removals last)."""
    changes: list[Change] = []
    collection_keys = {path for path, _, _ in COLLECTIONS}
    old_rest = _without(old, collection_keys)
    new_rest = _without(new, collection_keys)
    changes += _field_changes("convention", str(new.get("id") or old.get("id") or ""), "", old_rest, new_rest, "", "")
    for path, entity, key in COLLECTIONS:
        changes += _collection_changes(path, entity, key, _get(old, path), _get(new, path))
    return changes


def _without(data: dict[str, Any], paths: set[tuple[str, ...]]) -> dict[str, Any]:
    """The document without the keyed collections (compared entity by entity)."""
    rest = {k: v for k, v in data.items() if (k,) not in paths}
    framework = rest.get("framework")
    if isinstance(framework, dict):
        rest["framework"] = {k: v for k, v in framework.items() if ("framework", k) not in paths}
    return rest


def _collection_changes(path: tuple[str, ...], entity: str, key: str, old_items: Any, new_items: Any) -> list[Change]:
    base = "".join(f"/{p}" for p in path)
    old_by_id, new_by_id = _keyed(old_items, key), _keyed(new_items, key)
    changes: list[Change] = []
    for identity, (index, item) in new_by_id.items():
        pointer = f"{base}/{index}"
        label = _label(entity, item, identity)
        if identity not in old_by_id:
            effect, reason = classify_entity_event(entity, "added", item)
            changes.append(Change("added", entity, identity, label, pointer, "new", None, None, item, effect, reason))
            continue
        old_index, old_item = old_by_id[identity]
        changes += _field_changes(entity, identity, label, old_item, item, f"{base}/{old_index}", pointer)
    for identity, (index, item) in old_by_id.items():
        if identity not in new_by_id:
            effect, reason = classify_entity_event(entity, "removed", item)
            label = _label(entity, item, identity)
            changes.append(
                Change("removed", entity, identity, label, f"{base}/{index}", "old", None, item, None, effect, reason)
            )
    return changes
