"""Stage 2, structure: the generated JSON Schema, errors turned into catalogue findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from convention_validator.i18n import N_, gettext
from convention_validator.stages.context import StageContext, pointer_of
from convention_validator.standard import Standard

if TYPE_CHECKING:
    import jsonschema

STAGE = "structure"

# What a value must look like, by the name of its key: quoted in CV105 messages.
EXPECTED_FORMS: dict[str, str] = {
    "id": N_("an https:// or http:// address in ASCII characters, or a CURIE of the standard (organisation:...)"),
    "covered_qpv": N_("a 2024 QPV code (QN, 3-character département, 2 digits, a letter: QN04413M)"),
    "siren": N_("a 9-digit SIREN number"),
    "communes": N_("a 5-character INSEE code (44109)"),
    "retention_period": N_("an ISO 8601 duration (P5Y, P18M)"),
    "temporal_granularity": N_("an ISO 8601 duration (P1M, P1Y)"),
    "email": N_("an email address (dpo@example.fr)"),
    "code": N_("a city contract code (CN04403I)"),
    "territory_code": N_("an EPCI SIREN (9 digits) or an INSEE commune code (5 characters)"),
    "telephone": N_("a telephone number"),
    "currency": N_("an ISO 4217 currency code (EUR)"),
}
# The JSON types, as a CV102 message names the expected one.
JSON_TYPES: dict[str, str] = {
    "array": N_("a list [ ... ]"),
    "object": N_("an object { ... }"),
    "string": N_("a quoted text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "null": "null",
}
KEYWORD_ALIASES = {"@id": "id", "@type": "type"}
CLOSEST_KEY = N_(", the closest being '{key}',")  # inside the fix of CV103, only when a key is close enough


def normalise(data: Any) -> Any:
    """The document as the JSON Schema sees it: no @context, JSON-LD @id/@type as their aliases.

    An @context below the root is left out too: the graph stage refuses it (CV205).
    """
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            if key == "@context":
                continue
            name = KEYWORD_ALIASES.get(key, key)
            if name in data and name != key:
                name = key
            result[name] = normalise(value)
        return result
    if isinstance(data, list):
        return [normalise(v) for v in data]
    return data


class StructureStage:
    """Checks a document against the packaged JSON Schema (the validators are built once).

    jsonschema-rs decides quickly whether a document is valid; only for an invalid one does
    the reference implementation, jsonschema, list every error (a test checks that both agree
    on every example).
    """

    def __init__(self, standard: Standard) -> None:
        self._schema = standard.json_schema
        self._fast = jsonschema_rs.Draft201909Validator(self._schema, validate_formats=True)
        self._reference: jsonschema.Draft201909Validator | None = None

    @property
    def _validator(self) -> jsonschema.Draft201909Validator:
        """The reference implementation, imported only to list the errors of an invalid document."""
        if self._reference is None:
            import jsonschema

            self._reference = jsonschema.Draft201909Validator(
                self._schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
            )
        return self._reference

    def is_valid(self, data: Any) -> bool:
        """The fast verdict of jsonschema-rs."""
        return bool(self._fast.is_valid(data))

    def run(self, context: StageContext) -> None:
        data = normalise(context.document.data)
        if self.is_valid(data):
            return
        for error in sorted(self._validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            for leaf in _leaves(error):
                _emit(context, leaf)


def _leaves(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    """The errors an author can act on: inside `anyOf`, skip the 'or null' branch."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        inner = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        if inner:
            for sub in inner:
                yield from _leaves(sub)
            return
    yield error


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)[:80]


def _emit(context: StageContext, error: jsonschema.ValidationError) -> None:
    lang = context.lang
    pointer = pointer_of(error.absolute_path)
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    rule: Any = error.validator_value
    if keyword == "required" and isinstance(instance, dict):
        for key in rule:
            if key not in instance:
                context.emit("CV101", pointer, STAGE, key=key)
    elif keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                close = _close_matches(key, allowed, 1, 0.6)
                suggestion = close[0] if close else ""
                closest = gettext(CLOSEST_KEY, context.lang, key=suggestion) if suggestion else ""
                context.emit("CV103", f"{pointer}/{key}", STAGE, key=key, suggestion=suggestion, closest=closest)
    elif keyword == "type":
        expected = rule
        names = [expected] if isinstance(expected, str) else [t for t in expected if t != "null"]
        described = " / ".join(gettext(JSON_TYPES[t], lang) if t in JSON_TYPES else t for t in names)
        context.emit("CV102", pointer, STAGE, value=_show(instance), expected=described)
    elif keyword == "format":
        context.emit("CV104", pointer, STAGE, value=_show(instance))
    elif keyword == "pattern":
        key = next((str(t) for t in reversed(error.absolute_path) if not isinstance(t, int)), "")
        expected = gettext(EXPECTED_FORMS[key], lang) if key in EXPECTED_FORMS else str(rule)
        context.emit("CV105", pointer, STAGE, value=_show(instance), expected=expected)
    elif keyword == "enum":
        allowed = [str(v) for v in rule]
        shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(_closest(instance, allowed)) + ", …"
        context.emit("CV106", pointer, STAGE, value=_show(instance), allowed=shown)
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        context.emit("CV107", pointer, STAGE, value=_show(instance), limit=rule)
    elif keyword == "minItems":
        key = next((str(t) for t in reversed(error.absolute_path) if not isinstance(t, int)), "")
        context.emit("CV108", pointer, STAGE, key=key)
    else:
        context.emit("CV102", pointer, STAGE, value=_show(instance), expected=error.message)


def _closest(value: Any, allowed: list[str]) -> list[str]:
    close = _close_matches(str(value), allowed, 5, 0.3)
    return close or allowed[:5]


def _close_matches(word: str, allowed: list[str], count: int, cutoff: float) -> list[str]:
    """The allowed values closest to `word` (difflib, imported only when a value is wrong)."""
    import difflib

    return difflib.get_close_matches(word, allowed, n=count, cutoff=cutoff)
