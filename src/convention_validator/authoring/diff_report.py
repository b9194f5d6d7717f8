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
from convention_validator.render.labels import Labels, labels
from convention_validator.standard import Standard

JSON_FORMAT_VERSION = 1
TEXT_CUT = 90

_ENTITY = {
    "convention": {"fr": "Convention", "en": "Agreement"},
    "party": {"fr": "Partie", "en": "Party"},
    "dataset": {"fr": "Jeu de données", "en": "Dataset"},
    "clause": {"fr": "Clause", "en": "Clause"},
    "ethics_rule": {"fr": "Règle éthique", "en": "Ethics rule"},
    "work_programme_item": {"fr": "Action du programme de travail", "en": "Work programme item"},
    "label": {"fr": "Label", "en": "Label"},
    "annex": {"fr": "Annexe", "en": "Annex"},
    "data_provision_agreement": {"fr": "Convention de mise à disposition", "en": "Data provision agreement"},
}
FEMININE = {"party", "clause", "ethics_rule", "work_programme_item", "annex", "data_provision_agreement"}
_TEXTS = {
    "added": {"fr": "{entity} ajouté{e} : {label}", "en": "{entity} added: {label}"},
    "removed": {"fr": "{entity} retiré{e} : {label}", "en": "{entity} removed: {label}"},
    "changed": {"fr": "{entity}{label} : {field} : {old} -> {new}", "en": "{entity}{label}: {field}: {old} -> {new}"},
    "absent": {"fr": "(absent)", "en": "(none)"},
    "loosens": {"fr": "assouplit la protection", "en": "loosens protection"},
    "tightens": {"fr": "renforce la protection", "en": "strengthens protection"},
    "header": {
        "fr": "{old} -> {new} : {count} changement(s), dont {loosening} assouplissement(s) de la protection",
        "en": "{old} -> {new}: {count} change(s), {loosening} of which loosen(s) protection",
    },
    "list_change": {"fr": "{entity}{label} : {field} : {parts}", "en": "{entity}{label}: {field}: {parts}"},
    "list_added": {"fr": "ajout de {values}", "en": "added {values}"},
    "list_removed": {"fr": "retrait de {values}", "en": "removed {values}"},
    "none": {"fr": "{old} -> {new} : aucun changement", "en": "{old} -> {new}: no change"},
}
REASON_TEXTS: dict[str, dict[str, str]] = {
    "ACCESS_MORE_OPEN": {"fr": "accès plus ouvert", "en": "more open access"},
    "ACCESS_MORE_CLOSED": {"fr": "accès plus fermé", "en": "more closed access"},
    "LICENCE_MORE_PERMISSIVE": {"fr": "licence plus permissive", "en": "more permissive licence"},
    "LICENCE_MORE_RESTRICTIVE": {"fr": "licence plus restrictive", "en": "more restrictive licence"},
    "PERSONAL_DATA_MORE_IDENTIFYING": {"fr": "données plus identifiantes", "en": "more identifying data"},
    "PERSONAL_DATA_LESS_IDENTIFYING": {"fr": "données moins identifiantes", "en": "less identifying data"},
    "SPECIAL_CATEGORY_ADDED": {
        "fr": "catégories particulières de données (RGPD, art. 9)",
        "en": "special categories (GDPR Art. 9)",
    },
    "RETENTION_LENGTHENED": {"fr": "conservation allongée", "en": "retention lengthened"},
    "RETENTION_INCOMPARABLE": {
        "fr": "durées de conservation non comparables, à vérifier",
        "en": "retention periods not comparable, to be checked",
    },
    "RETENTION_REMOVED": {"fr": "durée de conservation supprimée", "en": "retention period removed"},
    "RETENTION_SHORTENED": {"fr": "conservation raccourcie", "en": "retention shortened"},
    "RETENTION_SET": {"fr": "durée de conservation fixée", "en": "retention period set"},
    "DESTRUCTION_REMOVED": {"fr": "conditions de destruction supprimées", "en": "destruction conditions removed"},
    "DESTRUCTION_ADDED": {"fr": "conditions de destruction ajoutées", "en": "destruction conditions added"},
    "PURPOSE_ADDED": {"fr": "finalité ajoutée", "en": "purpose added"},
    "PURPOSE_REMOVED": {"fr": "finalité retirée", "en": "purpose removed"},
    "RECIPIENT_ADDED": {"fr": "destinataire ajouté", "en": "recipient added"},
    "RECIPIENT_REMOVED": {"fr": "destinataire retiré", "en": "recipient removed"},
    "PROCESSOR_ADDED": {"fr": "sous-traitant ajouté", "en": "processor added"},
    "PROCESSOR_REMOVED": {"fr": "sous-traitant retiré", "en": "processor removed"},
    "ANONYMISATION_REMOVED": {"fr": "technique d'anonymisation retirée", "en": "anonymisation technique removed"},
    "GDPR_ROLE_ADDED": {
        "fr": "rôle RGPD ajouté (une partie de plus traite les données)",
        "en": "GDPR role added (one more party processes the data)",
    },
    "GDPR_ROLE_REMOVED": {"fr": "rôle RGPD retiré", "en": "GDPR role removed"},
    "PERMISSION_ADDED": {
        "fr": "permission d'usage ajoutée ou modifiée",
        "en": "usage permission added or changed",
    },
    "PERMISSION_REMOVED": {"fr": "permission d'usage retirée", "en": "usage permission removed"},
    "PROHIBITION_REMOVED": {"fr": "interdiction d'usage retirée", "en": "usage prohibition removed"},
    "OBLIGATION_REMOVED": {"fr": "obligation des destinataires retirée", "en": "recipients' obligation removed"},
    "SECURITY_MEASURE_REMOVED": {"fr": "mesure de sécurité retirée", "en": "security measure removed"},
    "CERTIFICATION_REMOVED": {"fr": "certification de l'hébergeur retirée", "en": "hosting certification removed"},
    "SECRECY_THRESHOLD_LOWERED": {
        "fr": "seuil de secret statistique abaissé ou supprimé",
        "en": "secrecy threshold lowered or removed",
    },
    "SECRECY_THRESHOLD_RAISED": {"fr": "seuil de secret statistique relevé", "en": "secrecy threshold raised"},
    "TRANSFER_OUTSIDE_EU": {"fr": "hébergement hors de l'Union européenne", "en": "hosting outside the EU"},
    "HOSTING_BACK_IN_EU": {
        "fr": "hébergement ramené dans l'Union européenne",
        "en": "hosting brought back into the EU",
    },
    "ENCRYPTION_REMOVED": {"fr": "chiffrement en transit supprimé", "en": "encryption in transfer removed"},
    "SECURE_ACCESS_CENTRE_LEFT": {
        "fr": "les données quittent le centre d'accès sécurisé",
        "en": "data leave the secure access centre",
    },
    "DPIA_WITHDRAWN": {"fr": "analyse d'impact plus déclarée", "en": "DPIA no longer stated"},
    "GRANULARITY_FINER": {"fr": "maille géographique plus fine", "en": "finer spatial granularity"},
    "PERSONAL_DATASET_ADDED": {"fr": "nouveau jeu de données personnelles", "en": "new dataset of personal data"},
    "ETHICS_RULE_REMOVED": {"fr": "règle éthique retirée", "en": "ethics rule removed"},
}


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
        return _TEXTS["absent"][lang]
    slot = (field or "").rsplit(".", 1)[-1]
    enum = slot_enums().get(slot)
    if isinstance(value, list):
        return "[" + "; ".join(_value_text(table, field, v, lang) for v in value) + "]"
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    elif enum and table.knows(enum, value):
        return f"{table.value(enum, value)} ({value})"
    elif isinstance(value, bool):
        text = {True: {"fr": "oui", "en": "yes"}, False: {"fr": "non", "en": "no"}}[value][lang]
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
    entity = _ENTITY[change.entity][lang]
    if change.kind in ("added", "removed"):
        ending = "e" if change.entity in FEMININE else ""
        line = _TEXTS[change.kind][lang].format(entity=entity, e=ending, label=f"« {_entity_label(table, change)} »")
    elif _is_list(change.old) and _is_list(change.new):
        label = "" if change.entity == "convention" else f" « {_entity_label(table, change)} »"
        old, new = list(change.old or []), list(change.new or [])
        parts = [
            _TEXTS[key][lang].format(values=_value_text(table, change.field, values, lang))
            for key, values in (
                ("list_added", [v for v in new if v not in old]),
                ("list_removed", [v for v in old if v not in new]),
            )
            if values
        ]
        line = _TEXTS["list_change"][lang].format(
            entity=entity, label=label, field=_field_text(table, change.field or ""), parts=" ; ".join(parts)
        )
    else:
        label = "" if change.entity == "convention" else f" « {_entity_label(table, change)} »"
        old_text, new_text = _differing(change.old, change.new)
        line = _TEXTS["changed"][lang].format(
            entity=entity,
            label=label,
            field=_field_text(table, change.field or ""),
            old=_value_text(table, change.field, old_text, lang),
            new=_value_text(table, change.field, new_text, lang),
        )
    if change.effect != "neutral":
        reason = REASON_TEXTS[change.reason][lang] if change.reason else ""
        line += f" ({_TEXTS[change.effect][lang]}{' : ' if lang == 'fr' else ': '}{reason})"
    return line


def render_text(changes: Sequence[Change], old_name: str, new_name: str, lang: str = "fr") -> str:
    if not changes:
        return _TEXTS["none"][lang].format(old=old_name, new=new_name) + "\n"
    loosening = sum(1 for c in changes if c.loosens)
    lines = [_TEXTS["header"][lang].format(old=old_name, new=new_name, count=len(changes), loosening=loosening)]
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
        "reason_label": REASON_TEXTS[change.reason][lang] if change.reason else None,
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
