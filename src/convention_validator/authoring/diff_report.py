"""Text (French by default, English) and JSON renderings of a list of changes between two conventions.

Codes are shown with their labels from the standard (render/labels.json, generated from the
schema's permissible values); which list a field uses is read from the packaged JSON Schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from convention_validator.authoring.diff import Change
from convention_validator.i18n import N_, Entry, Np_, gettext, labelled, ngettext, pgettext, translate
from convention_validator.render.labels import Labels, labels
from convention_validator.standard import Standard

JSON_FORMAT_VERSION = 1
TEXT_CUT = 90

_ENTITY = {
    "convention": Np_("diff entity", "Agreement"),
    "party": Np_("diff entity", "Party"),
    "dataset": Np_("diff entity", "Dataset"),
    "clause": Np_("diff entity", "Clause"),
    "ethics_rule": Np_("diff entity", "Ethics rule"),
    "work_programme_item": Np_("diff entity", "Work programme item"),
    "label": Np_("diff entity", "Label"),
    "annex": Np_("diff entity", "Annex"),
    "data_provision_agreement": Np_("diff entity", "Data provision agreement"),
}
# One sentence per entity, so that each language agrees the participle with it (« Partie ajoutée »).
_ADDED = {
    "convention": N_("Agreement added: {label}"),
    "party": N_("Party added: {label}"),
    "dataset": N_("Dataset added: {label}"),
    "clause": N_("Clause added: {label}"),
    "ethics_rule": N_("Ethics rule added: {label}"),
    "work_programme_item": N_("Work programme item added: {label}"),
    "label": N_("Label added: {label}"),
    "annex": N_("Annex added: {label}"),
    "data_provision_agreement": N_("Data provision agreement added: {label}"),
}
_REMOVED = {
    "convention": N_("Agreement removed: {label}"),
    "party": N_("Party removed: {label}"),
    "dataset": N_("Dataset removed: {label}"),
    "clause": N_("Clause removed: {label}"),
    "ethics_rule": N_("Ethics rule removed: {label}"),
    "work_programme_item": N_("Work programme item removed: {label}"),
    "label": N_("Label removed: {label}"),
    "annex": N_("Annex removed: {label}"),
    "data_provision_agreement": N_("Data provision agreement removed: {label}"),
}
_TEXTS: dict[str, Entry] = {
    "changed": N_("{entity}{label}: {field}: {old} -> {new}"),
    "absent": Np_("diff value", "(none)"),
    "loosens": N_("loosens protection"),
    "tightens": N_("strengthens protection"),
    "list_change": N_("{entity}{label}: {field}: {parts}"),
    "list_added": N_("added {values}"),
    "list_removed": N_("removed {values}"),
    "none": N_("{old} -> {new}: no change"),
    "yes": N_("yes"),
    "no": N_("no"),
}
REASON_TEXTS: dict[str, str] = {
    "ACCESS_MORE_OPEN": N_("more open access"),
    "ACCESS_MORE_CLOSED": N_("more closed access"),
    "LICENCE_MORE_PERMISSIVE": N_("more permissive licence"),
    "LICENCE_MORE_RESTRICTIVE": N_("more restrictive licence"),
    "PERSONAL_DATA_MORE_IDENTIFYING": N_("more identifying data"),
    "PERSONAL_DATA_LESS_IDENTIFYING": N_("less identifying data"),
    "SPECIAL_CATEGORY_ADDED": N_("special categories of data (GDPR Art. 9)"),
    "RETENTION_LENGTHENED": N_("retention lengthened"),
    "RETENTION_INCOMPARABLE": N_("retention periods not comparable, to be checked"),
    "RETENTION_REMOVED": N_("retention period removed"),
    "RETENTION_SHORTENED": N_("retention shortened"),
    "RETENTION_SET": N_("retention period set"),
    "DESTRUCTION_REMOVED": N_("destruction conditions removed"),
    "DESTRUCTION_ADDED": N_("destruction conditions added"),
    "PURPOSE_ADDED": N_("purpose added"),
    "PURPOSE_REMOVED": N_("purpose removed"),
    "RECIPIENT_ADDED": N_("recipient added"),
    "RECIPIENT_REMOVED": N_("recipient removed"),
    "PROCESSOR_ADDED": N_("processor added"),
    "PROCESSOR_REMOVED": N_("processor removed"),
    "ANONYMISATION_REMOVED": N_("anonymisation technique removed"),
    "GDPR_ROLE_ADDED": N_("GDPR role added (one more party processes the data)"),
    "GDPR_ROLE_REMOVED": N_("GDPR role removed"),
    "PERMISSION_ADDED": N_("usage permission added or changed"),
    "PERMISSION_REMOVED": N_("usage permission removed"),
    "PROHIBITION_REMOVED": N_("usage prohibition removed"),
    "OBLIGATION_REMOVED": N_("recipients' obligation removed"),
    "SECURITY_MEASURE_REMOVED": N_("security measure removed"),
    "CERTIFICATION_REMOVED": N_("hosting certification removed"),
    "SECRECY_THRESHOLD_LOWERED": N_("secrecy threshold lowered or removed"),
    "SECRECY_THRESHOLD_RAISED": N_("secrecy threshold raised"),
    "TRANSFER_OUTSIDE_EU": N_("hosting outside the EU"),
    "HOSTING_BACK_IN_EU": N_("hosting brought back into the EU"),
    "ENCRYPTION_REMOVED": N_("encryption in transfer removed"),
    "SECURE_ACCESS_CENTRE_LEFT": N_("data leave the secure access centre"),
    "DPIA_WITHDRAWN": N_("DPIA no longer stated"),
    "GRANULARITY_FINER": N_("finer spatial granularity"),
    "PERSONAL_DATASET_ADDED": N_("new dataset of personal data"),
    "ETHICS_RULE_REMOVED": N_("ethics rule removed"),
}


def _t(key: str, lang: str, **values: object) -> str:
    return translate(_TEXTS[key], lang, **values)


def reason_text(reason: str, lang: str) -> str:
    """Why a change loosens or strengthens protection, in `lang`."""
    return gettext(REASON_TEXTS[reason], lang)


@cache
def slot_enums() -> dict[str, str]:
    """Slot name -> name of the list (enumeration) its values come from, read from the JSON Schema."""
    definitions: dict[str, Any] = Standard().json_schema["$defs"]
    enums = {name for name, definition in definitions.items() if "enum" in definition}
    found: dict[str, str] = {}
    for definition in definitions.values():
        for slot, spec in (definition.get("properties") or {}).items():
            for candidate in (spec, spec.get("items") or {}, *(spec.get("anyOf") or [])):
                reference = str(candidate.get("$ref", "")) if isinstance(candidate, dict) else ""
                if reference.rsplit("/", 1)[-1] in enums:
                    found[slot] = reference.rsplit("/", 1)[-1]
    return found


def _value_text(table: Labels, field: str | None, value: Any, lang: str) -> str:
    if value is None or value == [] or value == {}:
        return _t("absent", lang)
    slot = (field or "").rsplit(".", 1)[-1]
    enum = slot_enums().get(slot)
    if isinstance(value, list):
        return "[" + "; ".join(_value_text(table, field, v, lang) for v in value) + "]"
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    elif enum and table.knows(enum, value):
        return f"{table.value(enum, value)} ({value})"
    elif isinstance(value, bool):
        text = _t("yes" if value else "no", lang)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CUT else text[: TEXT_CUT - 1] + "…"


def _field_text(table: Labels, field: str) -> str:
    return " › ".join(table.slot(part) for part in field.split("."))


def _entity_label(table: Labels, change: Change) -> str:
    if change.entity == "clause":
        return table.value("ClauseKind", change.entity_id)
    if change.entity == "party" and change.field is None and isinstance(change.new or change.old, dict):
        party = change.new or change.old
        return f"{party.get('name', change.entity_id)} (SIREN {party.get('siren', '?')})"
    return change.entity_label or change.entity_id


def _is_list(value: Any) -> bool:
    return value is None or isinstance(value, list)


def _differing(old: Any, new: Any) -> tuple[Any, Any]:
    """For two long texts, the region where they differ (with a little context), else the values."""
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= TEXT_CUT:
        return old, new
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, start - 20)
    return tuple(("…" if start else "") + text[start:] for text in (old, new))  # type: ignore[return-value]


def describe(change: Change, lang: str = "fr") -> str:
    """One line for a person: what changed, with labels, and whether it loosens protection."""
    table = labels(lang)
    entity = translate(_ENTITY[change.entity], lang)
    if change.kind in ("added", "removed"):
        sentence = (_ADDED if change.kind == "added" else _REMOVED)[change.entity]
        quoted = f"« {_entity_label(table, change)} »"
        line = gettext(sentence, lang, label=quoted)
    elif _is_list(change.old) and _is_list(change.new):
        label = "" if change.entity == "convention" else f" « {_entity_label(table, change)} »"
        old, new = list(change.old or []), list(change.new or [])
        parts = [
            _t(key, lang, values=_value_text(table, change.field, values, lang))
            for key, values in (
                ("list_added", [v for v in new if v not in old]),
                ("list_removed", [v for v in old if v not in new]),
            )
            if values
        ]
        line = _t(
            "list_change",
            lang,
            entity=entity,
            label=label,
            field=_field_text(table, change.field or ""),
            parts=pgettext("list separator", "; ", lang).join(parts),
        )
    else:
        label = "" if change.entity == "convention" else f" « {_entity_label(table, change)} »"
        old_text, new_text = _differing(change.old, change.new)
        line = _t(
            "changed",
            lang,
            entity=entity,
            label=label,
            field=_field_text(table, change.field or ""),
            old=_value_text(table, change.field, old_text, lang),
            new=_value_text(table, change.field, new_text, lang),
        )
    if change.effect != "neutral":
        effect = _t(change.effect, lang)
        line += f" ({labelled(effect, lang)} {reason_text(change.reason, lang)})" if change.reason else f" ({effect})"
    return line


def render_text(changes: Sequence[Change], old_name: str, new_name: str, lang: str = "fr") -> str:
    if not changes:
        return _t("none", lang, old=old_name, new=new_name) + "\n"
    loosening = sum(1 for c in changes if c.loosens)
    lines = [
        gettext(
            "{old} -> {new}: {changes}, {loosening}",
            lang,
            old=old_name,
            new=new_name,
            changes=ngettext("{count} change", "{count} changes", len(changes), lang, count=len(changes)),
            loosening=ngettext(
                "{count} of which loosens protection",
                "{count} of which loosen protection",
                loosening,
                lang,
                count=loosening,
            ),
        )
    ]
    for change in changes:
        marker = "!" if change.loosens else {"added": "+", "removed": "-", "changed": "~"}[change.kind]
        lines.append(f"  {marker} {describe(change, lang)}  [{change.document}:{change.pointer}]")
    return "\n".join(lines) + "\n"


def to_json(change: Change, lang: str = "fr") -> dict[str, Any]:
    """A change as a JSON object; every key is always present (null when it does not apply)."""
    table = labels(lang)
    whole = change.field is None
    return {
        "kind": change.kind,
        "entity": change.entity,
        "entity_id": change.entity_id,
        "entity_label": _entity_label(table, change),
        "pointer": change.pointer,
        "document": change.document,
        "field": change.field,
        "field_label": None if whole else _field_text(table, change.field or ""),
        "old": change.old,
        "new": change.new,
        "old_label": None if whole else _value_text(table, change.field, change.old, lang),
        "new_label": None if whole else _value_text(table, change.field, change.new, lang),
        "effect": change.effect,
        "loosens_protection": change.loosens,
        "reason": change.reason,
        "reason_label": reason_text(change.reason, lang) if change.reason else None,
        "message": describe(change, lang),
    }


def render_json(changes: Sequence[Change], old_name: str, new_name: str, lang: str = "fr") -> str:
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "old": old_name,
        "new": new_name,
        "summary": {
            "changes": len(changes),
            "added": sum(1 for c in changes if c.kind == "added"),
            "removed": sum(1 for c in changes if c.kind == "removed"),
            "changed": sum(1 for c in changes if c.kind == "changed"),
            "loosening": sum(1 for c in changes if c.loosens),
        },
        "changes": [to_json(c, lang) for c in changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
