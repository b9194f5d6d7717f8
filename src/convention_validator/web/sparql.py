"""The workspace's SPARQL queries (`web/queries/*.rq`), run on a store like the indicators' queries."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from convention_validator.indicators.running import Row, term_value
from convention_validator.store import QuadStore

QUERIES_DIR = Path(__file__).resolve().parent / "queries"


@cache
def query_text(name: str) -> str:
    """The text of `queries/{name}.rq`."""
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def select_rows(store: QuadStore, name: str) -> list[Row]:
    """The rows of query `name`, every variable of its head as a Python value (None when unbound)."""
    answer = store.select(query_text(name))
    variables = answer.get("head", {}).get("vars", [])
    return [{var: term_value(binding.get(var)) for var in variables} for binding in answer["results"]["bindings"]]
