"""Resolve YAML scalars with the YAML 1.2 core schema (not PyYAML's YAML 1.1 defaults).

Dates, `yes`/`no`/`on`/`off` stay strings; only the core schema's null, boolean, integer and
float forms are converted, and `.inf`/`.nan` are refused because JSON has no such numbers.
"""

from __future__ import annotations

import math
import re

from convention_validator.loaders import errors as e
from convention_validator.loaders.limits import Limits

CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (CORE + name for name in ("str", "int", "float", "bool", "null"))
SEQ, MAP = CORE + "seq", CORE + "map"
SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL})

_CORE_FORMS = re.compile(
    r"""(?P<null>null|Null|NULL|~|)
    |(?P<true>true|True|TRUE)
    |(?P<false>false|False|FALSE)
    |(?P<int>[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)
    |(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)
    |(?P<nonfinite>[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))""",
    re.VERBOSE,
)
_CONSTANTS: dict[str, bool | None] = {"null": None, "true": True, "false": False}

Scalar = str | int | float | bool | None


class ScalarProblem(Exception):
    """A scalar that cannot become a JSON value; `code` is the finding code to report."""

    def __init__(self, code: str, message: str, params: dict[str, str]) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def resolve(value: str, tag: str | None, plain: bool, limits: Limits) -> Scalar:
    """The JSON value of a scalar given its explicit tag (or None) and whether it was plain."""
    if tag is not None and tag != "!" and tag not in SCALAR_TAGS:
        shown = short_tag(tag)
        raise ScalarProblem(e.UNSAFE_YAML, f"the tag {shown} is not allowed", {"detail": "tag", "tag": shown})
    if tag == "!" or tag == STR or (tag is None and not plain):
        return _string(value, limits)
    resolved = _core(value, limits)
    if tag is None:
        return resolved
    if not _matches(resolved, tag):
        params = {"detail": "tag mismatch", "tag": short_tag(tag), "value": value[:100]}
        raise ScalarProblem(e.UNSAFE_YAML, f"{value[:100]!r} does not match the tag {params['tag']}", params)
    return float(resolved) if tag == FLOAT and resolved is not None else resolved


def short_tag(tag: str) -> str:
    """A tag as written in YAML: `!!int` rather than `tag:yaml.org,2002:int`."""
    return "!!" + tag.removeprefix(CORE) if tag.startswith(CORE) else tag


def _matches(value: Scalar, tag: str) -> bool:
    """Whether a core-resolved value fits an explicit core scalar tag."""
    if tag == NULL:
        return value is None
    if tag == BOOL:
        return isinstance(value, bool)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and (tag == FLOAT or isinstance(value, int))


def _string(value: str, limits: Limits) -> str:
    if len(value) > limits.max_string_chars:
        params = {"detail": "string", "length": str(len(value)), "max": str(limits.max_string_chars)}
        raise ScalarProblem(e.TOO_LONG, f"a string is {len(value)} characters long", params)
    return value


def _core(value: str, limits: Limits) -> Scalar:
    """Resolve a plain scalar with the core schema's regular expressions."""
    match = _CORE_FORMS.fullmatch(value)
    if match is None:
        return _string(value, limits)
    form = match.lastgroup or ""
    if form in _CONSTANTS:
        return _CONSTANTS[form]
    if form == "nonfinite":
        params = {"detail": "non-finite number", "value": value}
        raise ScalarProblem(e.SYNTAX, f"{value} is not a JSON number", params)
    if len(value) > limits.max_number_digits:
        params = {"detail": "number", "length": str(len(value)), "max": str(limits.max_number_digits)}
        raise ScalarProblem(e.TOO_LONG, f"a number literal is {len(value)} characters long", params)
    if form == "int":
        base = {"0o": 8, "0x": 16}.get(value[:2], 10)
        return int(value[2:] if base != 10 else value, base)
    number = float(value)
    if not math.isfinite(number):
        params = {"detail": "out of range", "value": value}
        raise ScalarProblem(e.TOO_LONG, f"the number {value} is out of range", params)
    return number
