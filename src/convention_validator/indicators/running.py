"""Run the indicator queries on a quad store and turn SPARQL JSON results into typed rows."""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from convention_validator.indicators.queries import IndicatorQuery, indicator_queries
from convention_validator.store import QuadStore
from convention_validator.store.graph_index import require_index

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {f"{XSD}{name}" for name in ("integer", "long", "int", "short", "nonNegativeInteger")}
DECIMAL_TYPES = {f"{XSD}{name}" for name in ("decimal", "double", "float")}

Value = str | int | float | None
Row = dict[str, Value]


@dataclass(frozen=True)
class IndicatorResult:
    """The rows of one indicator query, in its declared column order, and how long the query took."""

    query: IndicatorQuery
    rows: tuple[Row, ...]
    seconds: float

    @property
    def columns(self) -> list[str]:
        return [column.name for column in self.query.columns]


def term_value(term: dict[str, Any] | None) -> Value:
    """A SPARQL JSON term as a Python value: integers and decimals as numbers, anything else as text."""
    if term is None:
        return None
    value = str(term["value"])
    datatype = term.get("datatype")
    if datatype in INTEGER_TYPES:
        return int(value)
    if datatype in DECIMAL_TYPES:
        return float(Decimal(value))
    return value


def run_query(store: QuadStore, query: IndicatorQuery) -> IndicatorResult:
    """Run one query; the answer must bind exactly the declared columns."""
    started = time.perf_counter()
    answer = store.select(query.text)
    seconds = time.perf_counter() - started
    declared = [column.name for column in query.columns]
    variables = answer.get("head", {}).get("vars", [])
    if variables != declared:
        raise ValueError(f"{query.file}: the query returns {variables}, its header declares {declared}")
    rows = tuple(
        {name: term_value(binding.get(name)) for name in declared} for binding in answer["results"]["bindings"]
    )
    return IndicatorResult(query, rows, seconds)


def run_indicators(store: QuadStore) -> dict[str, IndicatorResult]:
    """Every indicator of the standard, by name (MissingIndexError if a graph was harvested before the index)."""
    require_index(store)
    return {query.name: run_query(store, query) for query in indicator_queries()}
