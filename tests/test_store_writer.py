"""The store writer: operations applied in order, new graphs queued together written together, no hang."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial

from convention_validator.harvest.writer import StoreWriter
from convention_validator.store import NewGraph
from convention_validator.store.embedded import EmbeddedStore

RECORDS = "urn:test:records"


def graph(n: int) -> NewGraph:
    name = f"https://example.org/convention/{n}"
    return NewGraph(
        name,
        f'<{name}> <http://purl.org/dc/terms/title> "titre {n}" .\n'.encode(),
        f"<urn:test:r{n}> <urn:test:n> {n} .",
    )


def add_to(store: EmbeddedStore, graphs: Sequence[NewGraph]) -> list[NewGraph]:
    return store.add_graphs(graphs, RECORDS)


def closed_in_time(writer: StoreWriter, seconds: float = 30.0) -> bool:
    closing = threading.Thread(target=writer.close, daemon=True)
    closing.start()
    closing.join(seconds)
    return not closing.is_alive()


def test_graphs_queued_together_go_in_one_write_and_close_applies_everything() -> None:
    store = EmbeddedStore(None)
    batches: list[int] = []
    entered, gate = threading.Event(), threading.Event()

    def add_graphs(graphs: Sequence[NewGraph]) -> list[NewGraph]:
        entered.set()
        gate.wait(10)  # the first write waits: the next creations pile up behind it
        batches.append(len(graphs))
        return store.add_graphs(graphs, RECORDS)

    writer = StoreWriter(add_graphs, backlog=8)
    order: list[str] = []
    writer.submit_new_graph(graph(0), lambda: order.append("fallback"))
    assert entered.wait(10)
    for n in range(1, 6):
        writer.submit_new_graph(graph(n), lambda: order.append("fallback"))
    writer.submit(lambda: order.append("update"))  # an operation after them: applied after them
    writer.submit_new_graph(graph(6), lambda: order.append("fallback"))
    gate.set()
    assert closed_in_time(writer)
    assert batches == [1, 5, 1]  # alone, the five queued meanwhile, then the one after the update
    assert writer.applied == writer.submitted == 8 and order == ["update"]
    assert len(store.graphs() - {RECORDS}) == 7


def test_close_right_after_creations_never_hangs() -> None:
    """The stop signal may arrive while the writer gathers creations: it still stops."""
    for _ in range(20):
        store = EmbeddedStore(None)
        writer = StoreWriter(partial(add_to, store), backlog=4)
        for n in range(3):
            writer.submit_new_graph(graph(n), lambda: None)
        assert closed_in_time(writer)
        assert writer.applied == 3 and len(store.graphs() - {RECORDS}) == 3


def test_an_existing_graph_is_replaced_by_its_fallback() -> None:
    store = EmbeddedStore(None)
    assert store.add_graphs([graph(1)], RECORDS) == []
    replaced: list[str] = []
    writer = StoreWriter(lambda graphs: store.add_graphs(graphs, RECORDS))
    writer.submit_new_graph(graph(1), lambda: replaced.append("1"))
    writer.submit_new_graph(graph(2), lambda: replaced.append("2"))
    assert closed_in_time(writer)
    assert replaced == ["1"] and writer.applied == 2
