"""Read failures: the position type and the exception raised by the loaders."""

from __future__ import annotations

from dataclasses import dataclass

CANNOT_READ = "CV001"
NOT_UTF8 = "CV002"
SYNTAX = "CV003"
DUPLICATE_KEY = "CV004"
NOT_AN_OBJECT = "CV005"
TOO_LARGE = "CV006"
TOO_DEEP = "CV007"
UNSAFE_YAML = "CV008"
TOO_LONG = "CV009"


@dataclass(frozen=True)
class Position:
    """A place in a text: 1-based line, 1-based column counted in characters."""

    line: int
    column: int


class LoadError(Exception):
    """A document could not be read; `code` is a stable finding code (CV001-CV009)."""

    code: str
    params: dict[str, str]
    position: Position | None
    pointer: str

    def __init__(
        self,
        code: str,
        message: str,
        *,
        params: dict[str, str] | None = None,
        position: Position | None = None,
        pointer: str = "",
    ) -> None:
        super().__init__(code, message, params, position, pointer)
        self.code = code
        self.message = message
        self.params = dict(params or {})
        self.position = position
        self.pointer = pointer

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.code, self.message, self.params, self.position, self.pointer))

    def __str__(self) -> str:
        where = f" (line {self.position.line}, column {self.position.column})" if self.position else ""
        return f"{self.code}: {self.message}{where}"


def _rebuild(code: str, message: str, params: dict[str, str], position: Position | None, pointer: str) -> LoadError:
    return LoadError(code, message, params=params, position=position, pointer=pointer)


def json_type(value: object) -> str:
    """The JSON name of a value's type: object, array, string, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else type(value).__name__


def top_level_error(value: object, position: Position, container: str) -> LoadError:
    """CV005 for a document whose top level is not an object (`container`: object or mapping)."""
    kind = json_type(value)
    shown = "null" if kind == "null" else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    message = f"the top level is {shown}, not {'an' if container == 'object' else 'a'} {container}"
    return LoadError(NOT_AN_OBJECT, message, params={"type": kind}, position=position)
