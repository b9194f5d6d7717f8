"""Test helpers: load examples and run them through the generated artifacts.

These helpers use only the committed artifacts of the package (JSON Schema, context,
shapes) with the reference engines (jsonschema, rdflib, pyshacl).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pyshacl
import yaml
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "src" / "convention_validator" / "standard"
EXAMPLES = ROOT / "examples"
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.suffix in {".jsonld", ".yaml"})
INVALID = sorted(p for p in (EXAMPLES / "invalid").glob("*.jsonld"))
LAWFUL = sorted(p for p in (EXAMPLES / "lawful").glob("*.jsonld"))


def load_document(path: Path) -> Any:
    """Parse a JSON-LD or YAML convention."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        return yaml.safe_load(text)
    return json.loads(text)


def load_expected(path: Path) -> dict[str, Any]:
    """The expected-finding file beside an invalid example."""
    data = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((STANDARD / "manifest.json").read_text(encoding="utf-8"))
    return data


@cache
def context() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((STANDARD / "clauses-data.context.jsonld").read_text(encoding="utf-8"))
    return data


@cache
def schema_validator() -> jsonschema.Draft201909Validator:
    schema = json.loads((STANDARD / "clauses-data.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)


@cache
def shapes(name: str = "clauses-data.shacl.ttl") -> Graph:
    return Graph().parse(STANDARD / name, format="turtle")


def strip_keywords(value: Any) -> Any:
    """Drop JSON-LD keywords (keys starting with '@') at every level."""
    if isinstance(value, dict):
        return {k: strip_keywords(v) for k, v in value.items() if not k.startswith("@")}
    if isinstance(value, list):
        return [strip_keywords(v) for v in value]
    return value


def schema_errors(document: Any) -> list[jsonschema.ValidationError]:
    return sorted(schema_validator().iter_errors(strip_keywords(document)), key=lambda e: list(e.absolute_path))


def to_graph(document: Any) -> Graph:
    """JSON-LD to RDF with the packaged context in place of the standard's context URL."""
    data = copy.deepcopy(document)
    declared = data.get("@context")
    assert declared == manifest()["context_url"], f"unexpected @context {declared!r}"
    data["@context"] = context()["@context"]
    return Graph().parse(data=json.dumps(data), format="json-ld")


def shacl_report(graph: Graph, shapes_name: str = "clauses-data.shacl.ttl") -> tuple[bool, Graph]:
    own = Graph()
    own += shapes(shapes_name)  # pyshacl may add to the shapes graph it is given: never the cached one
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=own, inference="none")
    assert isinstance(report, Graph)
    return bool(conforms), report


def all_pointers(value: Any, prefix: str = "") -> list[str]:
    """JSON pointers of every value below the root (the @context excluded)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "@context":
                found += all_pointers(item, f"{prefix}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += all_pointers(item, f"{prefix}/{index}")
    return found


def parent_of(document: Any, pointer: str) -> tuple[Any, str | int]:
    """The container of the value at a JSON pointer, and the key or index in it."""
    *parents, last = pointer.split("/")[1:]
    node = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, (int(last) if isinstance(node, list) else last)


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_command(profile: Path) -> list[str]:
    """Headless Chromium with a fresh profile and no background network; `make system-deps` installs it."""
    import shutil

    import pytest

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: run `make system-deps`")
    return [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]


@contextmanager
def playwright_chromium() -> Iterator[Any]:
    """Debian's Chromium (/usr/bin/chromium, never a downloaded browser) driven by Playwright, with CHROMIUM_FLAGS."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=list(CHROMIUM_FLAGS))
        try:
            yield browser
        finally:
            browser.close()
