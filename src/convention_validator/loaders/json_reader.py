"""Parse JSON text into plain data, enforcing the limits, at close to `json.loads` speed."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any, NoReturn

from convention_validator.loaders import errors as e
from convention_validator.loaders.errors import LoadError, Position, top_level_error
from convention_validator.loaders.json_locator import JsonLocator
from convention_validator.loaders.json_pinpoint import descend, too_deep, too_long
from convention_validator.loaders.limits import Limits
from convention_validator.loaders.positions import START, LineIndex

_JSON_WHITESPACE = " \t\n\r"


class _Found(Exception):
    """Raised from a decoder hook; where it happened is found afterwards by `descend`."""


def read_json(text: str, limits: Limits) -> tuple[dict[str, Any], JsonLocator]:
    """Parse `text` (a decoded JSON document) into a dict and a lazy locator."""
    if not text.strip(_JSON_WHITESPACE):
        raise LoadError(e.SYNTAX, "the document is empty", params={"detail": "empty"}, position=START)
    decoder = _checking_decoder(limits)
    try:
        data = decoder.decode(text)
    except (_Found, RecursionError):
        _parse_problem(text, decoder, limits)
    except json.JSONDecodeError as error:
        params = {"detail": "syntax", "message": error.msg}
        position = LineIndex(text).position(error.pos)
        raise LoadError(e.SYNTAX, f"invalid JSON: {error.msg}", params=params, position=position) from None
    locator = JsonLocator(text)
    _check_shape(data, locator, limits, check_strings=len(text) > limits.max_string_chars)
    if not isinstance(data, dict):
        raise top_level_error(data, locator.locate(""), "object")
    return data, locator


def _checking_decoder(limits: Limits) -> json.JSONDecoder:
    """A decoder whose hooks raise `_Found` on duplicate keys, NaN/Infinity and bad numbers."""
    return json.JSONDecoder(
        object_pairs_hook=_no_duplicates,
        parse_constant=_no_constant,
        parse_int=_int_parser(limits.max_number_digits),
        parse_float=_float_parser(limits.max_number_digits),
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Found
    return result


def _no_constant(_literal: str) -> NoReturn:
    raise _Found


def _int_parser(max_digits: int) -> Callable[[str], int]:
    def parse(literal: str) -> int:
        if len(literal) > max_digits:
            raise _Found
        return int(literal)

    return parse


def _float_parser(max_digits: int) -> Callable[[str], float]:
    def parse(literal: str) -> float:
        if len(literal) > max_digits:
            raise _Found
        value = float(literal)
        if not math.isfinite(value):
            raise _Found
        return value

    return parse


def _parse_problem(text: str, decoder: json.JSONDecoder, limits: Limits) -> NoReturn:
    """Raise the LoadError for the first problem the checking decoder trips on."""
    problem = descend(text, decoder.raw_decode, (_Found, RecursionError), limits.max_depth)
    if problem is None:  # not expected: the decoder failed, but re-decoding each part did not
        raise LoadError(e.TOO_DEEP, "the document is too deeply nested", params={"max": str(limits.max_depth)})
    position, pointer, literal = LineIndex(text).position(problem.offset), problem.pointer, problem.literal
    if problem.kind == "duplicate":
        _raise(e.DUPLICATE_KEY, f"duplicate key {literal!r}", {"key": literal}, position, pointer)
    if problem.kind == "non-finite":
        params = {"detail": "non-finite number", "value": literal}
        _raise(e.SYNTAX, f"{literal} is not a JSON number", params, position, pointer)
    if problem.kind == "number" and len(literal) > limits.max_number_digits:
        params = {"detail": "number", "length": str(len(literal)), "max": str(limits.max_number_digits)}
        _raise(e.TOO_LONG, f"a number literal is {len(literal)} characters long", params, position, pointer)
    if problem.kind == "number":
        params = {"detail": "out of range", "value": literal}
        _raise(e.TOO_LONG, f"the number {literal} is out of range", params, position, pointer)
    _raise(
        e.TOO_DEEP, f"nesting deeper than {limits.max_depth} levels", {"max": str(limits.max_depth)}, position, pointer
    )


def _check_shape(data: Any, locator: JsonLocator, limits: Limits, *, check_strings: bool) -> None:
    """Depth and string length of parsed data; breadth-first, no recursion, cheap when all is well."""
    level: list[Any] = [data] if isinstance(data, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.max_depth:
            pointer = too_deep(data, limits.max_depth) or ""
            params = {"max": str(limits.max_depth)}
            message = f"nesting deeper than {limits.max_depth} levels"
            _raise(e.TOO_DEEP, message, params, locator.value_position(pointer), pointer)
        children: list[Any] = []
        keys: list[str] = []
        for container in level:
            if type(container) is dict:
                children.extend(container.values())
                if check_strings:
                    keys.extend(container)
            else:
                children.extend(container)
        if (
            check_strings
            and max(max(map(len, keys), default=0), max(map(len, [c for c in children if type(c) is str]), default=0))
            > limits.max_string_chars
        ):
            _long_string(data, locator, limits)
        level = [child for child in children if type(child) is dict or type(child) is list]


def _long_string(data: Any, locator: JsonLocator, limits: Limits) -> NoReturn:
    found = too_long(data, limits.max_string_chars)
    pointer, is_key, length = found or ("", False, 0)
    position = locator.locate(pointer) if is_key else locator.value_position(pointer)
    params = {"detail": "string", "length": str(length), "max": str(limits.max_string_chars)}
    _raise(e.TOO_LONG, f"a string is {length} characters long", params, position, pointer)


def _raise(code: str, message: str, params: dict[str, str], position: Position | None, pointer: str) -> NoReturn:
    raise LoadError(code, message, params=params, position=position, pointer=pointer) from None
