"""The values quoted in read-stage messages, from the reader's stable tokens, in fr or en."""

from __future__ import annotations

from convention_validator.i18n import N_, Np_, gettext, translate
from convention_validator.loaders import LoadError
from convention_validator.messages import LenientValues

REASONS = {
    "missing": N_("the file does not exist"),
    "broken-symlink": N_("the symbolic link points to nothing"),
    "permission-denied": N_("reading is not permitted"),
    "unreadable": N_("the system cannot read it"),
    "directory": N_("it is a folder, not a file"),
    "special-file": N_("it is not a regular file (device, pipe or socket)"),
    "unknown-extension": N_("unknown extension (expected .jsonld, .json, .yaml or .yml)"),
}
DETAILS = {
    "empty": N_("the file is empty"),
    "multiple documents": N_("several YAML documents in one file"),
    "non-finite number": N_("non-finite number (NaN or Infinity): {value}"),
    "recursive alias": N_("a YAML alias refers to itself"),
    "undefined alias": N_("undefined YAML alias: *{alias}"),
    "alias expansion": N_("YAML aliases expand to more than {max} values"),
    "too many values": N_("more than {max} values"),
    "tag": N_("forbidden YAML tag {tag}"),
    "tag mismatch": N_("the tag {tag} does not fit '{value}'"),
    "non-string key": N_("key that is not a text ({key})"),
}
TYPES = {
    "array": Np_("JSON type", "a list"),
    "string": Np_("JSON type", "a text"),
    "number": Np_("JSON type", "a number"),
    "boolean": Np_("JSON type", "a true/false value"),
    "null": Np_("JSON type", "null"),
}


def read_params(error: LoadError, lang: str) -> dict[str, str]:
    """The catalogue parameters of a read failure."""
    raw = {k: str(v) for k, v in error.params.items()}
    params = dict(raw)
    if "max" in raw:
        params["limit"] = raw["max"]
    if "reason" in raw:
        reason = REASONS.get(raw["reason"])
        params["detail"] = gettext(reason, lang) if reason else raw["reason"]
    elif "byte" in raw:
        params["detail"] = gettext("byte {byte} at offset {offset}", lang, byte=raw["byte"], offset=raw["offset"])
    elif "character" in raw:
        params["detail"] = gettext("invalid character {character}", lang, character=raw["character"])
    elif raw.get("detail") == "syntax":
        params["detail"] = raw.get("message", "")
    elif raw.get("detail") in DETAILS:
        params["detail"] = gettext(DETAILS[raw["detail"]], lang).format_map(LenientValues(raw))
    if "type" in raw:
        kind = TYPES.get(raw["type"])
        params["found"] = translate(kind, lang) if kind else raw["type"]
    if raw.get("detail") == "out of range":
        params["limit"] = "1.8e308"
    return params
