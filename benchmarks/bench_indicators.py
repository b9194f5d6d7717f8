"""Time every indicator query on a synthetic store of 1,000 harvested conventions (embedded and server).

The store holds the Nantes convention 1,000 times (or COUNT times), each copy under its own
identifiers (convention, datasets, blank nodes) and covering its own 15 real QPV (taken in turn from
the official list), with one harvest record per copy as in HARVEST-RECORDS.md: 3 % withdrawn, 5 %
invalid but still holding their last valid version, finding counts on every record, plus 200
invalid documents that never gave a convention. The on-disk store is then queried in process
(pyoxigraph) and through `oxigraph serve` on loopback.

Usage: python benchmarks/bench_indicators.py [COUNT] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from convention_validator.indicators.queries import indicator_queries
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.reference_data import reference_data
from convention_validator.store import QuadStore
from convention_validator.store.embedded import EmbeddedStore
from convention_validator.store.graph_index import indexed
from convention_validator.validator import Validator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import targets

ROOT = Path(__file__).resolve().parent.parent
NANTES = ROOT / "examples" / "valid" / "nantes-metropole.jsonld"
CDATA = "https://w3id.org/clauses-data/"
RECORDS = f"<{CDATA}harvest/records>"
RUNS = 5
CODES = [("CV320", "warning"), ("CV321", "warning"), ("CV323", "warning"), ("CV301", "error"), ("CV401", "error")]


def _record(index: int, convention: str | None, status: str) -> list[str]:
    record = f"<{CDATA}harvest/record/{hashlib.sha256(f'https://example.org/{index}'.encode()).hexdigest()[:32]}>"
    quads = [
        f"{record} <http://www.w3.org/ns/prov#hadPrimarySource> <https://example.org/{index}> {RECORDS} .",
        f"{record} <{CDATA}harvestStatus> <{CDATA}{status}> {RECORDS} .",
    ]
    if convention:
        quads.append(f"{record} <http://xmlns.com/foaf/0.1/primaryTopic> <{convention}> {RECORDS} .")
    for offset in range(index % 3 + 1):
        code, severity = CODES[(index + offset) % len(CODES)]
        node = f"_:r{index}f{offset}"
        quads += [
            f"{record} <{CDATA}findingCount> {node} {RECORDS} .",
            f'{node} <{CDATA}findingCode> "{code}" {RECORDS} .',
            f'{node} <{CDATA}severity> "{severity}" {RECORDS} .',
            f'{node} <{CDATA}count> "{offset + 1}"^^<http://www.w3.org/2001/XMLSchema#integer> {RECORDS} .',
        ]
    return quads


def synthetic_nquads(count: int) -> bytes:
    """N-Quads of `count` renamed copies of the Nantes convention (stored as the harvester does, with
    their index) and their harvest records."""
    report = Validator().validate_file(NANTES)
    assert report.graph is not None and not report.findings
    base = report.graph.root
    lines = convention_ntriples(report.graph).decode("utf-8").splitlines()
    own_qpv = sorted({m for line in lines for m in re.findall(rf"<{CDATA}qpv/(\w+)>", line)})
    official = sorted(reference_data().qpv)
    out: list[str] = []
    for index in range(count):
        iri = f"{base}/copie-{index:05d}"
        mapping = {code: official[(index * len(own_qpv) + k) % len(official)] for k, code in enumerate(own_qpv)}
        copy = []
        for line in lines:
            line = line.replace(f"<{base}", f"<{iri}")
            for code, replacement in mapping.items():
                line = line.replace(f"<{CDATA}qpv/{code}>", f"<{CDATA}qpv/{replacement}>")
            copy.append(line)
        stored = indexed(iri, ("\n".join(copy) + "\n").encode("utf-8"))  # as the harvester stores it
        out += [f"{line[:-2]} <{iri}> ." for line in stored.decode("utf-8").splitlines()]
        status = "HarvestWithdrawn" if index % 33 == 0 else "HarvestInvalid" if index % 20 == 1 else "HarvestCurrent"
        out += _record(index, iri, status)
    for index in range(count, count + 200):
        out += _record(index, None, "HarvestInvalid")
    return ("\n".join(out) + "\n").encode("utf-8")


def time_queries(store: QuadStore) -> dict[str, tuple[float, float, int]]:
    """Per query: first run, median of the next RUNS runs (seconds), number of rows."""
    timings = {}
    for query in indicator_queries():
        durations = []
        rows = 0
        for _ in range(RUNS + 1):
            started = time.perf_counter()
            rows = len(store.select(query.text)["results"]["bindings"])
            durations.append(time.perf_counter() - started)
        timings[query.name] = (durations[0], statistics.median(durations[1:]), rows)
    return timings


def _serve(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="build the store in this folder and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-indicators-"))
    location = folder / "store"
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = synthetic_nquads(args.count)
    raw = ox.Store(str(location))
    raw.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    raw.flush()
    quads = len(raw)
    del raw
    gc.collect()
    print(f"{args.count} conventions, {quads:,} quads, built in {time.perf_counter() - started:.1f} s")
    embedded = EmbeddedStore(location)
    results = {"embedded": time_queries(embedded)}
    del embedded
    gc.collect()
    from convention_validator.store.endpoint import EndpointStore

    process, url = _serve(location)
    try:
        remote = EndpointStore(url)
        results["server"] = time_queries(remote)
        remote.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{'query':<24} {'rows':>6} {'embedded 1st':>13} {'embedded med':>13} {'server 1st':>11} {'server med':>11}")
    for name, (first, median, rows) in results["embedded"].items():
        server_first, server_median, _ = results["server"][name]
        print(
            f"{name:<24} {rows:>6} {first * 1000:>10.0f} ms {median * 1000:>10.0f} ms "
            f"{server_first * 1000:>8.0f} ms {server_median * 1000:>8.0f} ms"
        )
    slowest = max(max(median for _, median, _ in timings.values()) for timings in results.values())
    targets.report({"indicator_query_ms": slowest * 1000}, f"bench_indicators.py, {args.count} conventions (médianes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
