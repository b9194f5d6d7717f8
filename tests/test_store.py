"""The quad stores: embedded Oxigraph and a real Oxigraph server behind the SPARQL 1.1 protocols."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from convention_validator.store import SKOLEM_PREFIX, NewGraph, QuadStore, StoreError, open_store
from convention_validator.store.embedded import EmbeddedStore
from convention_validator.store.endpoint import SCRATCH_PREFIX, EndpointStore
from harvest_server import free_port, run_oxigraph

GRAPH = "https://example.org/convention/1"
OLD = b'<https://example.org/convention/1> <http://purl.org/dc/terms/title> "ancien titre" .\n'
NEW = (
    b'<https://example.org/convention/1> <http://purl.org/dc/terms/title> "nouveau titre"@fr .\n'
    b"<https://example.org/convention/1> <http://purl.org/dc/terms/publisher> _:b0 .\n"
    b'_:b0 <http://xmlns.com/foaf/0.1/name> "Ville d\'Auch \\"centre\\" { } ; ." .\n'
)
RECORD = "INSERT DATA { GRAPH <urn:test:records> { <urn:test:r> <urn:test:status> <urn:test:current> } }"
TRIPLES = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }} ORDER BY ?p"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_oxigraph(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(params=["embedded", "endpoint", "endpoint-gsp"])
def store(request: pytest.FixtureRequest, tmp_path: Path, server_url: str) -> Iterator[QuadStore]:
    opened: QuadStore
    if request.param == "embedded":
        opened = open_store(path=str(tmp_path / "store"))
    else:
        replace = "gsp" if request.param == "endpoint-gsp" else "update"
        opened = open_store(endpoint=server_url, replace=replace)
        opened.update("DROP SILENT ALL")
    yield opened
    opened.close()


def values(store: QuadStore) -> list[str]:
    return [row["o"]["value"] for row in store.select(TRIPLES)["results"]["bindings"]]


def test_replace_graph_swaps_the_whole_graph_and_applies_the_update(store: QuadStore) -> None:
    store.replace_graph(GRAPH, OLD)
    assert values(store) == ["ancien titre"]
    store.replace_graph(GRAPH, NEW, update=RECORD)
    assert "nouveau titre" in values(store) and "ancien titre" not in values(store)
    assert len(values(store)) == 3
    answer = store.select(f"SELECT ?name WHERE {{ GRAPH <{GRAPH}> {{ ?b <http://xmlns.com/foaf/0.1/name> ?name }} }}")
    assert answer["results"]["bindings"][0]["name"]["value"] == 'Ville d\'Auch "centre" { } ; .'
    assert store.select("ASK { GRAPH <urn:test:records> { <urn:test:r> ?p ?o } }")["boolean"] is True
    assert store.graphs() == {GRAPH, "urn:test:records"}  # no scratch graph left behind


def test_a_failing_record_update_leaves_the_old_graph(store: QuadStore) -> None:
    store.replace_graph(GRAPH, OLD)
    with pytest.raises(StoreError):
        store.replace_graph(GRAPH, NEW, update="INSERT DATA { this is not SPARQL")
    assert values(store) == ["ancien titre"]
    assert not any(graph.startswith(SCRATCH_PREFIX) for graph in store.graphs())


def test_select_answers_in_sparql_json_results(store: QuadStore) -> None:
    store.replace_graph(GRAPH, OLD)
    answer = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert answer["head"]["vars"] == ["n"]
    assert answer["results"]["bindings"][0]["n"]["value"] == "1"
    assert store.select("ASK { ?s ?p ?o }")["boolean"] is False  # the default graph stays empty


def test_endpoint_layouts_derive_the_three_addresses(server_url: str) -> None:
    store = EndpointStore(server_url + "/")
    assert (store.query_url, store.update_url, store.store_url) == (
        f"{server_url}/query",
        f"{server_url}/update",
        f"{server_url}/store",
    )
    store.close()
    with pytest.raises(StoreError):  # the Fuseki layout does not fit an Oxigraph server
        EndpointStore(server_url + "/ds", layout="fuseki")


def test_an_endpoint_that_does_not_answer_is_refused_at_once() -> None:
    with pytest.raises(StoreError, match=r"127\.0\.0\.1"):
        EndpointStore(f"http://127.0.0.1:{free_port()}", timeout=2)


def test_an_embedded_store_already_open_is_refused(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path / "store")
    with pytest.raises(StoreError):
        EmbeddedStore(tmp_path / "store")
    first.close()


def test_a_record_update_may_declare_prefixes(store: QuadStore) -> None:
    update = "PREFIX t: <urn:test:>\nINSERT DATA { GRAPH t:records { t:r t:status t:current } }"
    store.replace_graph(GRAPH, OLD, update=update)
    assert store.select("ASK { GRAPH <urn:test:records> { <urn:test:r> ?p ?o } }")["boolean"] is True
    assert values(store) == ["ancien titre"]


def test_blank_nodes_are_stored_as_stable_skolem_iris(store: QuadStore) -> None:
    store.replace_graph(GRAPH, NEW)
    query = f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s <http://purl.org/dc/terms/publisher> ?o }} }}"
    first = store.select(query)["results"]["bindings"][0]["o"]
    assert first["type"] == "uri" and first["value"].startswith(SKOLEM_PREFIX)
    assert store.select("ASK { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }")["boolean"] is False
    store.replace_graph(GRAPH, NEW.replace(b"_:b0", b"_:other"))  # new labels, same triples: the same IRI
    assert store.select(query)["results"]["bindings"][0]["o"] == first
    store.replace_graph("https://example.org/convention/2", NEW)  # another graph: another IRI
    other = store.select(query.replace(GRAPH, "https://example.org/convention/2"))["results"]["bindings"][0]["o"]
    assert other["value"] != first["value"]


def test_new_graphs_and_their_records_load_together_as_replace_graph_would(tmp_path: Path) -> None:
    """add_graphs (first harvest of sources) writes the same triples as replace_graph, atomically."""
    direct, reference = EmbeddedStore(tmp_path / "direct"), EmbeddedStore(tmp_path / "reference")
    other = "https://example.org/convention/2"
    records = ["<urn:test:r> <urn:test:status> <urn:test:current> .", "<urn:test:r2> <urn:test:status> <urn:test:x> ."]
    first, second = NewGraph(GRAPH, NEW, records[0]), NewGraph(other, OLD, records[1])
    assert direct.add_graphs([first, second], "urn:test:records") == []
    reference.replace_graph(GRAPH, NEW, update=f"INSERT DATA {{ GRAPH <urn:test:records> {{ {records[0]} }} }}")
    reference.replace_graph(other, OLD, update=f"INSERT DATA {{ GRAPH <urn:test:records> {{ {records[1]} }} }}")
    everything = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
    assert direct.select(everything) == reference.select(everything)
    third = NewGraph("https://example.org/convention/3", OLD, "<urn:test:r3> <urn:test:status> <urn:test:y> .")
    again = NewGraph(GRAPH, OLD, records[0])
    assert direct.add_graphs([again, third, third], "urn:test:records") == [again, third]  # exists or twice
    assert "nouveau titre" in values(direct) and "ancien titre" not in values(direct)
    assert direct.select(f"ASK {{ GRAPH <{third.name}> {{ ?s ?p 'ancien titre' }} }}")["boolean"] is True
    broken = NewGraph("https://example.org/convention/4", OLD, "<urn:test:r4> broken")
    fine = NewGraph("https://example.org/convention/5", OLD, "<urn:test:r5> <urn:test:status> <urn:test:z> .")
    with pytest.raises(StoreError):  # a broken record: none of the graphs written together is written
        direct.add_graphs([fine, broken], "urn:test:records")
    assert not {broken.name, fine.name} & direct.graphs()
    direct.close()
    reference.close()


def test_scratch_files_of_an_interrupted_bulk_load_are_removed_on_opening(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()
    leftover = tmp_path / "store" / "bulk-1234.sst"
    leftover.write_bytes(b"partial")
    EmbeddedStore(tmp_path / "store").close()
    assert not leftover.exists()


def test_skolemising_rewrites_blank_nodes_only_and_numbers_them_in_order() -> None:
    """Blank nodes become Skolem IRIs by rank of first appearance; `_:` inside an IRI or a literal stays."""
    import pyoxigraph as ox

    from convention_validator.store import skolem_iri, skolemise

    text = (
        b'_:a.1 <http://ex.org/p> "un _:faux \\"_:noeud\\" ." .\n'
        b"<http://ex.org/_:iri> <http://ex.org/p> _:b .\n"
        b"_:b <http://ex.org/q> _:a.1 .\n"
    )
    triples = list(ox.parse(skolemise(GRAPH, text), format=ox.RdfFormat.N_TRIPLES))
    first, second = (ox.NamedNode(skolem_iri(GRAPH, str(rank))) for rank in range(2))
    assert [(t.subject, t.object) for t in triples] == [
        (first, ox.Literal('un _:faux "_:noeud" .')),
        (ox.NamedNode("http://ex.org/_:iri"), second),
        (second, first),
    ]
    assert skolemise(GRAPH, b"<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n").count(b"_:") == 0


def test_triples_skolemised_as_they_are_built_equal_the_text_pass() -> None:
    """The harvest's checking processes skolemise while converting: the bytes the store would have written."""
    from convention_validator.publication.rdf import convention_ntriples
    from convention_validator.store import skolemise
    from convention_validator.validator import Validator
    from support import VALID

    validator = Validator()
    for path in VALID:
        graph = validator.validate_file(path).graph
        assert graph is not None, path
        topic = str(graph.root)
        built = convention_ntriples(graph, skolem_graph=topic)
        assert built == skolemise(topic, convention_ntriples(graph)), path
        assert b"_:" not in built and SKOLEM_PREFIX.encode() in built
