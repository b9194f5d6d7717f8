"""The values quoted in read-stage messages, from the reader's stable tokens, in fr or en."""

from __future__ import annotations

from convention_validator.loaders import LoadError
from convention_validator.messages import LenientValues

REASONS = {
    "missing": ("le fichier n'existe pas", "the file does not exist"),
    "broken-symlink": ("le lien symbolique ne mène à aucun fichier", "the symbolic link points to nothing"),
    "permission-denied": ("la lecture n'est pas autorisée", "reading is not permitted"),
    "unreadable": ("le système refuse de le lire", "the system cannot read it"),
    "directory": ("c'est un dossier, pas un fichier", "it is a folder, not a file"),
    "special-file": (
        "ce n'est pas un fichier ordinaire (périphérique, tube ou socket)",
        "it is not a regular file (device, pipe or socket)",
    ),
    "unknown-extension": (
        "extension inconnue (attendu : .jsonld, .json, .yaml ou .yml)",
        "unknown extension (expected .jsonld, .json, .yaml or .yml)",
    ),
}
DETAILS = {
    "empty": ("le fichier est vide", "the file is empty"),
    "multiple documents": ("plusieurs documents YAML dans un seul fichier", "several YAML documents in one file"),
    "non-finite number": (
        "nombre non fini (NaN ou Infinity) : {value}",
        "non-finite number (NaN or Infinity): {value}",
    ),
    "recursive alias": ("un alias YAML renvoie à lui-même", "a YAML alias refers to itself"),
    "undefined alias": ("alias YAML non défini : *{alias}", "undefined YAML alias: *{alias}"),
    "alias expansion": (
        "les alias YAML développent plus de {max} valeurs",
        "YAML aliases expand to more than {max} values",
    ),
    "too many values": ("plus de {max} valeurs", "more than {max} values"),
    "tag": ("balise YAML interdite {tag}", "forbidden YAML tag {tag}"),
    "tag mismatch": ("la balise {tag} ne convient pas à « {value} »", "the tag {tag} does not fit '{value}'"),
    "non-string key": ("clé qui n'est pas un texte ({key})", "key that is not a text ({key})"),
}
TYPES = {
    "array": ("une liste", "a list"),
    "string": ("un texte", "a text"),
    "number": ("un nombre", "a number"),
    "boolean": ("une valeur vrai/faux", "a true/false value"),
    "null": ("null", "null"),
}


def read_params(error: LoadError, lang: str) -> dict[str, str]:
    """The catalogue parameters of a read failure."""
    raw = {k: str(v) for k, v in error.params.items()}
    pick = 0 if lang == "fr" else 1
    params = dict(raw)
    if "max" in raw:
        params["limit"] = raw["max"]
    if "reason" in raw:
        params["detail"] = REASONS.get(raw["reason"], (raw["reason"], raw["reason"]))[pick]
    elif "byte" in raw:
        params["detail"] = (
            f"octet {raw['byte']} à la position {raw['offset']}",
            f"byte {raw['byte']} at offset {raw['offset']}",
        )[pick]
    elif "character" in raw:
        params["detail"] = (f"caractère {raw['character']} invalide", f"invalid character {raw['character']}")[pick]
    elif raw.get("detail") == "syntax":
        params["detail"] = raw.get("message", "")
    elif raw.get("detail") in DETAILS:
        params["detail"] = DETAILS[raw["detail"]][pick].format_map(LenientValues(raw))
    if "type" in raw:
        params["found"] = TYPES.get(raw["type"], (raw["type"], raw["type"]))[pick]
    if raw.get("detail") == "out of range":
        params["limit"] = "1.8e308"
    return params
