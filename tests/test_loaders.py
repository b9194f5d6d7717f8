"""The read stage: data, positions of values, and the CV001-CV009 read failures."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from convention_validator.loaders import (
    Limits,
    LoadedDocument,
    LoadError,
    Position,
    format_for,
    load_path,
    load_text,
)
from support import EXAMPLES, INVALID, VALID

VALID_JSONLD = [p for p in VALID if p.suffix == ".jsonld"]


def fail(text: str | bytes, fmt: Any = "json") -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_text(text, "test", fmt)
    return caught.value


def pointers(value: Any, prefix: str = "") -> list[tuple[str, str | None, Any]]:
    """Every (pointer, key or None for array items, value) below `value`."""
    found: list[tuple[str, str | None, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            pointer = f"{prefix}/{key.replace('~', '~0').replace('/', '~1')}"
            found += [(pointer, key, child), *pointers(child, pointer)]
    elif isinstance(value, list):
        for index, child in enumerate(value):
            pointer = f"{prefix}/{index}"
            found += [(pointer, None, child), *pointers(child, pointer)]
    return found


def text_at(document: LoadedDocument, position: Position) -> str:
    """The rest of the line from `position`."""
    return document.text.split("\n")[position.line - 1][position.column - 1 :]


# ---------------------------------------------------------------- positions: JSON

PRETTY = """{
  "title": "Convention",
  "parties": [
    {
      "name": "Ville d'Auch",
      "roles": ["SIGNATORY", "PRODUCER"]
    },
    "organisation:213200132"
  ],
  "a/b": {"m~n": 1, "ééé": {"ü": [true]}},
  "q\\"uote": "x\\"]}y"
}
"""


@pytest.mark.parametrize(
    ("pointer", "line", "column"),
    [
        ("", 1, 1),
        ("/title", 2, 3),
        ("/parties", 3, 3),
        ("/parties/0", 4, 5),
        ("/parties/0/name", 5, 7),
        ("/parties/0/roles", 6, 7),
        ("/parties/0/roles/0", 6, 17),
        ("/parties/0/roles/1", 6, 30),
        ("/parties/1", 8, 5),
        ("/a~1b", 10, 3),
        ("/a~1b/m~0n", 10, 11),
        ("/a~1b/ééé", 10, 21),  # columns count characters, not bytes
        ("/a~1b/ééé/ü", 10, 29),
        ("/a~1b/ééé/ü/0", 10, 35),
        ('/q"uote', 11, 3),
    ],
)
def test_json_pretty_positions(pointer: str, line: int, column: int) -> None:
    assert load_text(PRETTY, "pretty.jsonld", "json").locate(pointer) == Position(line, column)


MINIFIED = '{"a":[1,{"b":"x\\"y","c":[]}],"c/d":{"é":true},"e":"\\\\","f":{}}'


MINIFIED_COLUMNS = [("", 1), ("/a", 2), ("/a/0", 7), ("/a/1", 9), ("/a/1/b", 10), ("/a/1/c", 21), ("/c~1d", 30)]
MINIFIED_COLUMNS += [("/c~1d/é", 37), ("/e", 47), ("/f", 56)]


@pytest.mark.parametrize(("pointer", "column"), MINIFIED_COLUMNS)
def test_json_minified_positions(pointer: str, column: int) -> None:
    document = load_text(MINIFIED, "min.json", "json")
    assert document.locate(pointer) == Position(1, column)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/parties/0/siren", "/parties/0"),  # missing member: its object
        ("/parties/7", "/parties"),  # index out of range: the array
        ("/parties/-", "/parties"),
        ("/parties/01", "/parties"),  # not an index
        ("/title/0", "/title"),  # below a scalar
        ("/missing/deeper/still", ""),
        ("no-leading-slash", ""),  # not a pointer: the root
        ("/a~1b/ééé/ü/0/x", "/a~1b/ééé/ü/0"),
    ],
)
def test_locate_walks_up_to_the_deepest_existing_value(pointer: str, expected: str) -> None:
    document = load_text(PRETTY, "pretty.jsonld", "json")
    assert document.locate(pointer) == document.locate(expected)


def test_locate_is_lazy_and_cached() -> None:
    document = load_text(PRETTY, "pretty.jsonld", "json")
    first = document.locate("/parties/0/roles/1")
    assert document.locate("/parties/0/roles/1") == first
    assert document.locate("/parties/1") == Position(8, 5)


def test_crlf_line_endings() -> None:
    document = load_text('{\r\n  "a": 1,\r\n  "b": [\r\n    2\r\n  ]\r\n}\r\n', "crlf.json", "json")
    assert document.locate("/b") == Position(3, 3)
    assert document.locate("/b/0") == Position(4, 5)


# ---------------------------------------------------------------- positions: YAML

BLOCK = """# comment
title: Convention
parties:
  - name: Ville d'Auch
    roles:
      - SIGNATORY
      - PRODUCER
  - organisation:213200132
"a/b":
  'm~n': 1
  ééé: {ü: [true, null]}
covered_qpv: [QN03201M, QN04413M]
"""


@pytest.mark.parametrize(
    ("pointer", "line", "column"),
    [
        ("", 2, 1),
        ("/title", 2, 1),
        ("/parties", 3, 1),
        ("/parties/0", 4, 5),
        ("/parties/0/name", 4, 5),
        ("/parties/0/roles", 5, 5),
        ("/parties/0/roles/1", 7, 9),
        ("/parties/1", 8, 5),
        ("/a~1b", 9, 1),
        ("/a~1b/m~0n", 10, 3),
        ("/a~1b/ééé", 11, 3),
        ("/a~1b/ééé/ü", 11, 9),
        ("/a~1b/ééé/ü/1", 11, 19),
        ("/covered_qpv/1", 12, 25),
        ("/covered_qpv/9", 12, 1),
        ("/parties/0/siren", 4, 5),
    ],
)
def test_yaml_positions(pointer: str, line: int, column: int) -> None:
    assert load_text(BLOCK, "block.yaml", "yaml").locate(pointer) == Position(line, column)


def test_yaml_alias_positions_point_at_the_alias() -> None:
    document = load_text("base: &b {x: 1}\ncopy: *b\n", "alias.yaml", "yaml")
    assert document.data == {"base": {"x": 1}, "copy": {"x": 1}}
    assert document.data["copy"] is not document.data["base"]
    assert document.locate("/copy/x") == Position(2, 1)


# ---------------------------------------------------------------- YAML 1.2 core schema


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("2024-01-01", "2024-01-01"),
        ("2024-01-01T10:00:00Z", "2024-01-01T10:00:00Z"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("017", 17),
        ("1_000", "1_000"),
        ("1.5", 1.5),
        ("-.5e3", -500.0),
        ("1e5", 100000.0),
        ("'42'", "42"),
        ('"true"', "true"),
        ("!!str 42", "42"),
        ("!!float 2", 2.0),
        ("! 42", "42"),
        ("|\n  text\n", "text\n"),
        ("CN03201M", "CN03201M"),
        ("1.0.0", "1.0.0"),
    ],
)
def test_yaml_core_schema_scalars(scalar: str, value: Any) -> None:
    data = load_text(f"v: {scalar}", "s.yaml", "yaml").data
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


# ---------------------------------------------------------------- duplicates, BOM, encodings


def test_duplicate_key_json_points_at_second_occurrence() -> None:
    error = fail('{\n  "title": "a",\n  "sub": {"k": 1, "k": 2},\n  "title": "b"\n}')
    assert (error.code, error.params, error.position, error.pointer) == (
        "CV004",
        {"key": "k"},
        Position(3, 19),
        "/sub/k",
    )


def test_duplicate_key_after_escapes() -> None:
    error = fail('{"a": 1, "\\u0061": 2}')
    assert (error.code, error.params["key"], error.position) == ("CV004", "a", Position(1, 10))


def test_duplicate_key_yaml() -> None:
    error = fail("title: a\nsub:\n  k: 1\n  k: 2\n", "yaml")
    assert (error.code, error.params, error.position, error.pointer) == (
        "CV004",
        {"key": "k"},
        Position(4, 3),
        "/sub/k",
    )


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_utf8_bom_is_accepted(fmt: Any) -> None:
    body = '{"title": "x"}' if fmt == "json" else "title: x\n"
    document = load_text(b"\xef\xbb\xbf" + body.encode(), "bom", fmt)
    assert document.data == {"title": "x"}
    assert not document.text.startswith("\ufeff")
    assert document.locate("/title").line == 1
    assert load_text("\ufeff" + body, "bom", fmt).data == {"title": "x"}


def test_invalid_utf8_position() -> None:
    error = fail(b'{\n  "a": "\xc3\xa9t\xe9"\n}')
    assert (error.code, error.params["offset"], error.position) == ("CV002", "13", Position(2, 11))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_other_unicode_encodings_are_refused(encoding: str) -> None:
    assert fail('{"title": "x"}'.encode(encoding)).code == "CV002"


def test_lone_surrogate_in_a_string_argument() -> None:
    error = fail('{"a": "\ud800"}')
    assert (error.code, error.position) == ("CV002", Position(1, 8))


# ---------------------------------------------------------------- every code, with its position


@pytest.mark.parametrize(
    ("fmt", "text", "code", "position"),
    [
        ("json", "", "CV003", Position(1, 1)),
        ("json", " \n\t ", "CV003", Position(1, 1)),
        ("json", '{\n  "a": 1\n  "b": 2\n}', "CV003", Position(3, 3)),
        ("json", '{"a": [1, 2}', "CV003", Position(1, 12)),
        ("json", '{\n  "a": NaN\n}', "CV003", Position(2, 8)),
        ("json", '{"a": [Infinity]}', "CV003", Position(1, 8)),
        ("json", '{"a": -Infinity}', "CV003", Position(1, 7)),
        ("json", '{"a": 1, "a": 2}', "CV004", Position(1, 10)),
        ("json", "[1, 2]", "CV005", Position(1, 1)),
        ("json", '\n  "text"', "CV005", Position(2, 3)),
        ("json", "null", "CV005", Position(1, 1)),
        ("json", "[" * 65 + "]" * 65, "CV007", Position(1, 65)),
        ("json", '{"a":\n' + "[" * 64 + "]" * 64 + "}", "CV007", Position(2, 64)),
        ("json", '{"n": ' + "1" * 101 + "}", "CV009", Position(1, 7)),
        ("json", '{"n": 1.' + "5" * 100 + "}", "CV009", Position(1, 7)),
        ("json", '{"n": 1e400}', "CV009", Position(1, 7)),
        ("yaml", "", "CV003", Position(1, 1)),
        ("yaml", "# only a comment\n", "CV003", Position(1, 1)),
        ("yaml", "a: [1, 2\nb: 3\n", "CV003", Position(2, 2)),
        ("yaml", "a: 1\n b: 2\n", "CV003", Position(2, 3)),
        ("yaml", "a: .inf\n", "CV003", Position(1, 4)),
        ("yaml", "a: 1\n---\na: 2\n", "CV003", Position(2, 1)),
        ("yaml", "a: *nowhere\n", "CV003", Position(1, 4)),
        ("yaml", "a: 1\na: 2\n", "CV004", Position(2, 1)),
        ("yaml", "- a\n- b\n", "CV005", Position(1, 1)),
        ("yaml", "just text\n", "CV005", Position(1, 1)),
        ("yaml", "a:\n  " + "[" * 64 + "]" * 64, "CV007", Position(2, 66)),
        ("yaml", "a: !!binary aGk=\n", "CV008", Position(1, 4)),
        ("yaml", "a: !!python/object:os.system {}\n", "CV008", Position(1, 4)),
        ("yaml", "a: !!timestamp 2024-01-01\n", "CV008", Position(1, 4)),
        ("yaml", "a: !custom x\n", "CV008", Position(1, 4)),
        ("yaml", "a: !!set {x}\n", "CV008", Position(1, 4)),
        ("yaml", "a: !!int x\n", "CV008", Position(1, 4)),
        ("yaml", "a: 1\n1: x\n", "CV008", Position(2, 1)),
        ("yaml", "true: x\n", "CV008", Position(1, 1)),
        ("yaml", "? [a]\n: x\n", "CV008", Position(1, 3)),
        ("yaml", "a: &x [1, *x]\n", "CV008", Position(1, 11)),
        ("yaml", "n: " + "1" * 101, "CV009", Position(1, 4)),
    ],
)
def test_read_failures(fmt: Any, text: str, code: str, position: Position) -> None:
    error = fail(text, fmt)
    assert (error.code, error.position) == (code, position), str(error)
    assert str(error).startswith(code)


def test_empty_has_a_clear_param() -> None:
    assert fail("").params == {"detail": "empty"}
    assert fail("", "yaml").params == {"detail": "empty"}
    assert fail("a: 1\n---\nb: 2\n", "yaml").params == {"detail": "multiple documents"}


def test_error_pointers() -> None:
    assert fail('{"a": {"b": [1, NaN]}}').pointer == "/a/b/1"
    assert fail("a:\n  b: !!binary aGk=\n", "yaml").pointer == "/a/b"


def test_string_limit() -> None:
    limits = Limits(max_string_chars=10)
    with pytest.raises(LoadError) as caught:
        load_text('{"ok": "short",\n "long": ["' + "x" * 11 + '"]}', "s", "json", limits)
    assert (caught.value.code, caught.value.position, caught.value.pointer) == ("CV009", Position(2, 11), "/long/0")
    with pytest.raises(LoadError) as caught:
        load_text('{"k' + "y" * 10 + '": 1}', "s", "json", limits)
    assert caught.value.code == "CV009"
    with pytest.raises(LoadError) as caught:
        load_text("k: " + "x" * 11, "s", "yaml", limits)
    assert caught.value.code == "CV009"
    assert load_text('{"a": "\\u0041\\u0042\\u0043\\u0044\\u0045"}', "s", "json", limits).data == {"a": "ABCDE"}


def test_yaml_alias_limits() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    assert load_text(text, "a", "yaml").data["b"] == [[1, 2, 3]] * 3
    with pytest.raises(LoadError) as caught:
        load_text(text, "a", "yaml", Limits(max_nodes=10))
    assert (caught.value.code, caught.value.params["detail"]) == ("CV008", "alias expansion")
    with pytest.raises(LoadError) as caught:
        load_text("a: &a [[[1]]]\nb: [[*a]]\n", "a", "yaml", Limits(max_depth=4))
    assert caught.value.code == "CV007"


def test_load_error_pickles() -> None:
    error = fail('{"a": 1, "a": 2}')
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.params, copy.position, copy.pointer, str(copy)) == (
        error.code,
        error.params,
        error.position,
        error.pointer,
        str(error),
    )


# ---------------------------------------------------------------- paths


def test_format_for() -> None:
    assert format_for(Path("a.jsonld")) == "json"
    assert format_for(Path("a.JSON")) == "json"
    assert format_for(Path("a.yaml")) == "yaml"
    assert format_for(Path("a.yml")) == "yaml"
    assert format_for(Path("a.txt")) is None
    assert format_for(Path("jsonld")) is None


def test_load_path_errors(tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing.jsonld": "missing",
        tmp_path: "directory",
        Path("/dev/null"): "special-file",
    }
    (tmp_path / "notes.txt").write_text("{}")
    cases[tmp_path / "notes.txt"] = "unknown-extension"
    for path, reason in cases.items():
        with pytest.raises(LoadError) as caught:
            load_path(path)
        assert (caught.value.code, caught.value.params["reason"]) == ("CV001", reason)


def test_load_path_name_is_the_path_as_given() -> None:
    document = load_path(str(EXAMPLES / "valid" / "grand-auch.jsonld"))
    assert document.name == str(EXAMPLES / "valid" / "grand-auch.jsonld")
    assert document.format == "json"


# ---------------------------------------------------------------- the repository's examples


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples_load_with_positions_on_their_keys(path: Path) -> None:
    document = load_path(path)
    assert document.data == (json.loads if path.suffix == ".jsonld" else yaml.safe_load)(path.read_text("utf-8"))
    for pointer, key, _ in pointers(document.data):
        rest = text_at(document, document.locate(pointer))
        if key is not None:
            assert rest.startswith(json.dumps(key, ensure_ascii=False) if document.format == "json" else key) or (
                document.format == "yaml" and rest.lstrip("'\"").startswith(key)
            ), pointer


def test_yaml_twin_gives_equal_data() -> None:
    as_json = load_path(EXAMPLES / "valid" / "grand-auch.jsonld")
    as_yaml = load_path(EXAMPLES / "valid" / "grand-auch.yaml")
    assert as_yaml.format == "yaml"
    assert as_json.data == as_yaml.data


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_locate_the_expected_line(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    assert load_path(path).locate(expected["pointer"]).line == expected["line"]


# ---------------------------------------------------------------- round trip (hypothesis)

_keys = st.text(st.characters(max_codepoint=0xFFFF, codec="utf-8"), max_size=12)
_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _keys,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(value=_values, fmt=st.sampled_from(["json", "yaml"]))
def test_round_trip_and_positions(value: Any, fmt: Any) -> None:
    """Dump with json.dumps(indent=2) (JSON is also YAML 1.2), load, and find every value again."""
    original = {"v": value}
    text = json.dumps(original, indent=2)
    document = load_text(text, "round-trip", fmt)
    assert document.data == original
    for pointer, key, child in pointers(original):
        rest = text_at(document, document.locate(pointer))
        if key is not None:
            assert rest.startswith(json.dumps(key)), (pointer, rest)
        else:
            assert rest.startswith(json.dumps(child, indent=2).split("\n")[0]), (pointer, rest)
