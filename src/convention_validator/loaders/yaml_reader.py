"""Build plain JSON data from a YAML event stream, enforcing limits and recording positions.

Events come from PyYAML's (C) parser, which never recurses; values are built here with an
explicit stack, so depth, alias expansion, tags and keys are checked before anything is created.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol

import yaml

from convention_validator.loaders import errors as e
from convention_validator.loaders.errors import LoadError, Position, top_level_error
from convention_validator.loaders.limits import Limits
from convention_validator.loaders.positions import START, LineIndex, ancestors, escape_token
from convention_validator.loaders.yaml_scalars import MAP, SEQ, ScalarProblem, resolve, short_tag

_Parser: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Mark(Protocol):
    """A parser mark: 0-based line and column, in characters."""

    line: int
    column: int


def _position(mark: _Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else START


def _within(text: str, position: Position) -> Position:
    """The position, or the end of the text when the parser points past it (error at end of input)."""
    lines = text.split("\n")
    if position.line <= len(lines) and not (position.line == len(lines) and lines[-1] == "" and len(lines) > 1):
        return position
    last = len(lines) - 1 if len(lines) > 1 and lines[-1] == "" else len(lines)
    return Position(last, len(lines[last - 1]) + 1)


class MarkLocator:
    """Positions from the parser marks kept for each pointer (members: the key's mark)."""

    def __init__(self, marks: Mapping[str, _Mark]) -> None:
        self._marks = marks

    def locate(self, pointer: str) -> Position:
        """Position of the pointer, or of its deepest existing ancestor."""
        for candidate in ancestors(pointer):
            mark = self._marks.get(candidate)
            if mark is not None:
                return _position(mark)
        return START


def read_yaml(text: str, limits: Limits) -> tuple[dict[str, Any], MarkLocator]:
    """Parse `text` (one YAML document) into a dict and a locator."""
    builder = _Builder(limits)
    parser = _Parser(text)
    try:
        while parser.check_event():
            builder.feed(parser.get_event())
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):  # PyYAML >= 6.0.4 stops deep flow collections itself
            params = {"max": str(limits.max_depth)}
            position = _within(text, _position(error.problem_mark))
            raise LoadError(e.TOO_DEEP, "the document is too deeply nested", params=params, position=position) from None
        message = error.problem or error.context or "invalid YAML"
        params = {"detail": "syntax", "message": message}
        position = _within(text, _position(error.problem_mark or error.context_mark))
        raise LoadError(e.SYNTAX, f"invalid YAML: {message}", params=params, position=position) from None
    except yaml.reader.ReaderError as error:
        message = f"unacceptable character #x{error.character:04x}" if isinstance(error.character, int) else "bad input"
        params = {"detail": "syntax", "message": message}
        position = LineIndex(text).position(error.position)
        raise LoadError(e.SYNTAX, f"invalid YAML: {message}", params=params, position=position) from None
    except yaml.YAMLError as error:
        params = {"detail": "syntax", "message": str(error)}
        raise LoadError(e.SYNTAX, f"invalid YAML: {error}", params=params) from None
    finally:
        parser.dispose()
    return builder.result()


@dataclass
class _Frame:
    """An open mapping (`key` is the member being read, None between members) or sequence."""

    value: Any
    is_map: bool
    pointer: str
    anchor: str | None
    first_node: int
    height: int = 0
    key: str | None = None


@dataclass(frozen=True)
class _Anchor:
    value: Any
    nodes: int
    height: int


@dataclass
class _Builder:
    """Turns events into values; one instance per document."""

    limits: Limits
    stack: list[_Frame] = field(default_factory=list)
    anchors: dict[str, _Anchor] = field(default_factory=dict)
    open_anchors: set[str] = field(default_factory=set)
    marks: dict[str, _Mark] = field(default_factory=dict)
    nodes: int = 0
    documents: int = 0
    root: Any = None
    empty: bool = True

    def result(self) -> tuple[dict[str, Any], MarkLocator]:
        if self.empty:
            raise LoadError(e.SYNTAX, "the document is empty", params={"detail": "empty"}, position=START)
        locator = MarkLocator(self.marks)
        if not isinstance(self.root, dict):
            raise top_level_error(self.root, locator.locate(""), "mapping")
        return self.root, locator

    def feed(self, event: object) -> None:
        """Take the next parser event."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            assert isinstance(event, yaml.ScalarEvent)
            self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            assert isinstance(event, yaml.CollectionStartEvent)
            self._start(event, kind is yaml.MappingStartEvent)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self._end()
        elif kind is yaml.AliasEvent:
            assert isinstance(event, yaml.AliasEvent)
            self._alias(event)
        elif kind is yaml.DocumentStartEvent:
            assert isinstance(event, yaml.DocumentStartEvent)
            self.documents += 1
            if self.documents > 1:
                params = {"detail": "multiple documents"}
                self._fail(e.SYNTAX, "the file holds more than one YAML document", params, event.start_mark)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        mark = event.start_mark
        plain = not event.style and bool(event.implicit[0])
        try:
            value = resolve(event.value, event.tag, plain, self.limits)
        except ScalarProblem as problem:
            self._fail(problem.code, problem.message, problem.params, mark)
        if event.anchor:
            self.anchors[event.anchor] = _Anchor(value, 1, 0)
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].key is None:
            self._key(stack[-1], value, mark)
            return
        self._count(1, mark)
        if not stack:
            self.empty = value is None and event.value == "" and plain
        self._place(value, mark)

    def _key(self, top: _Frame, key: Any, mark: _Mark | None) -> None:
        if not isinstance(key, str):
            shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            if isinstance(key, dict | list):
                shown = "mapping" if isinstance(key, dict) else "sequence"
            params = {"detail": "non-string key", "key": shown}
            self._fail(e.UNSAFE_YAML, f"the key {shown} is not a string", params, mark)
        member = f"{top.pointer}/{escape_token(key)}"
        if key in top.value:
            self._fail(e.DUPLICATE_KEY, f"duplicate key {key!r}", {"key": key}, mark, member)
        top.key = key
        if mark is not None:
            self.marks[member] = mark

    def _place(self, value: Any, mark: _Mark | None, height: int = 0) -> None:
        """Attach a finished scalar or alias value to the open container (or make it the root)."""
        if not self.stack:
            self.root = value
            if mark is not None:
                self.marks[""] = mark
            return
        top = self.stack[-1]
        if height > top.height:
            top.height = height
        if top.is_map:
            top.value[top.key] = value
            top.key = None
        else:
            if mark is not None:
                self.marks[f"{top.pointer}/{len(top.value)}"] = mark
            top.value.append(value)

    def _start(self, event: yaml.CollectionStartEvent, is_map: bool) -> None:
        mark = event.start_mark
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].key is None:
            params = {"detail": "non-string key", "key": "mapping" if is_map else "sequence"}
            self._fail(e.UNSAFE_YAML, "a mapping key is a collection, not a string", params, mark)
        if event.tag not in (None, "!", MAP if is_map else SEQ):
            params = {"detail": "tag", "tag": short_tag(str(event.tag))}
            self._fail(e.UNSAFE_YAML, f"the tag {params['tag']} is not allowed", params, mark)
        if len(stack) >= self.limits.max_depth:
            params = {"max": str(self.limits.max_depth)}
            self._fail(e.TOO_DEEP, f"nesting deeper than {self.limits.max_depth} levels", params, mark)
        first_node = self.nodes
        self._count(1, mark)
        if not stack:
            pointer = ""
            self.empty = False
        elif stack[-1].is_map:
            pointer = f"{stack[-1].pointer}/{escape_token(stack[-1].key or '')}"
        else:
            pointer = f"{stack[-1].pointer}/{len(stack[-1].value)}"
        if mark is not None and (not stack or not stack[-1].is_map):
            self.marks[pointer] = mark
        stack.append(_Frame({} if is_map else [], is_map, pointer, event.anchor, first_node))
        if event.anchor:
            self.open_anchors.add(event.anchor)

    def _end(self) -> None:
        frame = self.stack.pop()
        height = frame.height + 1
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = _Anchor(frame.value, self.nodes - frame.first_node, height)
        if not self.stack:
            self.root = frame.value
            return
        top = self.stack[-1]
        if height > top.height:
            top.height = height
        if top.is_map:
            top.value[top.key] = frame.value
            top.key = None
        else:
            top.value.append(frame.value)

    def _alias(self, event: yaml.AliasEvent) -> None:
        name, mark = str(event.anchor), event.start_mark
        if name in self.open_anchors:
            self._fail(e.UNSAFE_YAML, f"the alias *{name} refers to itself", {"detail": "recursive alias"}, mark)
        anchor = self.anchors.get(name)
        if anchor is None:
            params = {"detail": "undefined alias", "alias": name}
            self._fail(e.SYNTAX, f"the alias *{name} has no anchor", params, mark)
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].key is None:
            self._key(stack[-1], anchor.value, mark)
            return
        if len(stack) + anchor.height > self.limits.max_depth:
            params = {"max": str(self.limits.max_depth)}
            self._fail(e.TOO_DEEP, f"nesting deeper than {self.limits.max_depth} levels", params, mark)
        self._count(anchor.nodes, mark, alias=True)
        if not stack:
            self.empty = False
        self._place(copy.deepcopy(anchor.value) if anchor.height else anchor.value, mark, anchor.height)

    def _count(self, nodes: int, mark: _Mark | None, *, alias: bool = False) -> None:
        self.nodes += nodes
        if self.nodes > self.limits.max_nodes:
            params = {"detail": "alias expansion" if alias else "too many values", "max": str(self.limits.max_nodes)}
            self._fail(e.UNSAFE_YAML, f"more than {self.limits.max_nodes} values", params, mark)

    def _here(self) -> str:
        """Pointer of the value being read, for error reports."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        if top.is_map:
            return top.pointer if top.key is None else f"{top.pointer}/{escape_token(top.key)}"
        return f"{top.pointer}/{len(top.value)}"

    def _fail(
        self, code: str, message: str, params: dict[str, str], mark: _Mark | None, pointer: str | None = None
    ) -> NoReturn:
        where = self._here() if pointer is None else pointer
        raise LoadError(code, message, params=params, position=_position(mark), pointer=where)
