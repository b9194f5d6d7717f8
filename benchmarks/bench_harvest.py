"""Harvest benchmark: N synthetic conventions served on loopback, harvested into a quad store.

For each size N (250, 500, 1,000 by default), in one run:
- the corpus (benchmarks/convention_corpus.py) is written and served by a threaded static server
  on 127.0.0.1 with ETag / Last-Modified / 304 (not timed);
- `convention-validator harvest` (the real CLI, one subprocess) harvests the list of URLs into a
  fresh embedded store: wall time, peak memory of the process tree, per-stage share when the
  harvest report gives it; then the re-harvest of the unchanged sources;
- every indicator query runs on the store (`run_indicators`, one subprocess, cold), and the
  `indicators` command as a whole;
- the same against an Oxigraph server (`oxigraph serve`, started and stopped here);
- the obvious alternative, at the largest N only: fetch with httpx and parse the JSON-LD with
  rdflib into an in-memory rdflib Dataset (no validation), then the same indicators with rdflib's
  SPARQL engine: the plain queries of version 0.1, which join the original patterns (that store
  has no per-graph index).
A stage floor (fetch, validate, convert, load measured separately in one process with the
library's own functions) shows where the time goes independently of the harvester.

The package's bytecode is compiled first, as an installation does. Prints Markdown tables and a JSON
line; asserts nothing. `--quick`: N=50 only, a smoke run.

Usage: python benchmarks/bench_harvest.py [--sizes 250,500,1000] [--quick] [--no-oxigraph] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import convention_corpus
import targets
from harvest_server import FolderServer  # type: ignore[import-not-found,unused-ignore]  # the tests' loopback server

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = str(BIN / "convention-validator")
OXIGRAPH = str(BIN / "oxigraph")
PLAIN_QUERIES = ROOT / "src" / "convention_validator" / "frozen" / "0.1.0" / "queries"
"""The rdflib alternative's queries: those of 0.1, joining the original patterns (no per-graph index there)."""
CONTEXT = ROOT / "src" / "convention_validator" / "standard" / "clauses-data.context.jsonld"
TIMEOUT = 900.0


@dataclass
class Measured:
    """A finished subprocess: wall time, peak resident memory of its process tree, outputs."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def _pss_kb(pid: int) -> int:
    """The proportional set size of a process (kB), or its resident size where the kernel gives no PSS."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    except (OSError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))


def _tree_rss_kb(pid: int) -> int:
    """Memory (kB) of a process and all its descendants, now: the sum of their proportional set sizes
    (PSS: a page shared by several processes, like those of forked workers, counts once in all)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += _pss_kb(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


SAMPLE_SECONDS = 0.2
"""How often the memory of a measured process tree is read. Reading a PSS walks the process's page
tables under its memory-map lock: every 20 ms, it slowed a 1,000-convention harvest by 12 to 18 %
(same machine, same hour, alternated with unsampled runs)."""


def run_measured(command: list[str], timeout: float = TIMEOUT, env: dict[str, str] | None = None) -> Measured:
    """Run `command`; peak memory = max over time of the summed PSS of its process tree, sampled every
    SAMPLE_SECONDS (the kernel's peak RSS of its largest process, from wait4, only for a run too short
    to sample: an RSS counts the pages shared with forked workers again)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, start_new_session=True)
        peak_kb = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_kb
            while not done.wait(SAMPLE_SECONDS):
                peak_kb = max(peak_kb, _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_mb = (peak_kb or usage.ru_maxrss) / 1024
        return Measured(seconds, peak_mb, process.returncode, out.read().decode(), err.read().decode())


# --- the commands under test --------------------------------------------------------------------


def harvest_command(list_file: Path, store: dict[str, str], report: Path) -> list[str]:
    """`convention-validator harvest` on a list file, into the embedded store or an endpoint."""
    target = ["--endpoint", store["endpoint"]] if "endpoint" in store else ["--store", store["path"]]
    options = ["--report-json", str(report), "--allow-private", "--no-progress"]
    return [CLI, "harvest", str(list_file), *target, *options]


def indicators_command(store: dict[str, str], out: Path) -> list[str]:
    target = ["--endpoint", store["endpoint"]] if "endpoint" in store else ["--store", store["path"]]
    return [CLI, "indicators", *target, "--output", str(out)]


QUERY_TIMER = """
import json, sys
from convention_validator.indicators.running import run_indicators
from convention_validator.store import open_store
store = open_store(**json.loads(sys.argv[1]))
results = run_indicators(store)
print(json.dumps({name: [r.seconds, len(r.rows)] for name, r in results.items()}))
store.close()
"""

RDFLIB_BASELINE = """
import hashlib, json, signal, sys, time
import httpx
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import FOAF
CDATA = Namespace("https://w3id.org/clauses-data/")
list_file, context_file, queries_dir, query_timeout = sys.argv[1:5]
context = json.load(open(context_file, encoding="utf-8"))["@context"]
dataset = Dataset()
records = dataset.graph(URIRef("https://w3id.org/clauses-data/harvest/records"))
started = time.perf_counter()
with httpx.Client(trust_env=False) as client:
    for url in open(list_file, encoding="utf-8").read().split():
        document = client.get(url).json()
        document["@context"] = context
        graph = dataset.graph(URIRef(document["id"]))
        graph.parse(data=json.dumps(document), format="json-ld")
        record = URIRef("https://w3id.org/clauses-data/harvest/record/" + hashlib.sha256(url.encode()).hexdigest()[:32])
        records.add((record, FOAF.primaryTopic, URIRef(document["id"])))
        records.add((record, CDATA.harvestStatus, CDATA.HarvestCurrent))
load = time.perf_counter() - started
quads = len(dataset)
def alarm(signum, frame):
    raise TimeoutError()
signal.signal(signal.SIGALRM, alarm)
timings = {}
import pathlib
for path in sorted(pathlib.Path(queries_dir).glob("*.rq")):
    signal.alarm(int(query_timeout))
    started = time.perf_counter()
    try:
        rows = len(list(dataset.query(path.read_text(encoding="utf-8"))))
        timings[path.stem] = [time.perf_counter() - started, rows]
    except TimeoutError:
        timings[path.stem] = [None, None]
    signal.alarm(0)
print(json.dumps({"load": load, "quads": quads, "queries": timings}))
"""

STAGE_FLOOR = """
import hashlib, json, sys, time
import httpx
from convention_validator.publication.rdf import convention_ntriples
from convention_validator.store import open_store
from convention_validator.store.graph_index import indexed
from convention_validator.validator import Validator
list_file, store_path = sys.argv[1:3]
validator = Validator(lang="fr")
store = open_store(store_path)
times = {"fetch": 0.0, "validate": 0.0, "convert": 0.0, "load": 0.0}
errors = 0
with httpx.Client(trust_env=False) as client:
    for url in open(list_file, encoding="utf-8").read().split():
        t0 = time.perf_counter()
        body = client.get(url).content
        t1 = time.perf_counter()
        report = validator.validate_text(body, url)
        t2 = time.perf_counter()
        errors += report.count("error")
        graph = json.loads(body)["id"]
        ntriples = indexed(graph, convention_ntriples(report.graph))
        t3 = time.perf_counter()
        store.replace_graph(graph, ntriples)
        t4 = time.perf_counter()
        for name, spent in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            times[name] += spent
store.close()
print(json.dumps({"stages": times, "errors": errors}))
"""


# --- helpers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class OxigraphServer:
    """`oxigraph serve` on a fresh folder and a free loopback port."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        bind = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", bind],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import httpx

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/query", params={"query": "ASK {}"}, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("oxigraph serve did not start")

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _check(measured: Measured, what: str) -> Measured:
    if measured.returncode not in (0, 1):
        tail = (measured.stdout[-1500:] + measured.stderr[-1500:]).strip()
        raise SystemExit(f"{what} failed (exit {measured.returncode}):\n{tail}")
    return measured


def _json_line(text: str) -> Any:
    return json.loads(text.strip().splitlines()[-1])


def harvest_summary(report: Path) -> dict[str, Any]:
    """Actions, statuses and per-stage seconds (if recorded) from the JSON harvest report."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    timings = data.get("timings") or data.get("stages") or {}
    return {
        "actions": data.get("actions", {}),
        "totals": data.get("totals", {}),
        "stages": {str(k): float(v) for k, v in timings.items() if isinstance(v, int | float)},
    }


@dataclass
class Run:
    """What one harvest target (embedded store or Oxigraph server) measured at one size."""

    target: str
    size: int
    harvest: Measured
    reharvest: Measured
    queries: dict[str, list[float]]
    indicators: Measured | None
    summary: dict[str, Any] = field(default_factory=dict)
    resummary: dict[str, Any] = field(default_factory=dict)
    server_peak_mb: float | None = None
    not_modified: int = 0

    @property
    def stages(self) -> dict[str, float]:
        stages: dict[str, float] = self.summary.get("stages", {})
        return stages


def bench_target(target: str, size: int, urls: Path, work: Path, server: FolderServer) -> Run:
    store: dict[str, str]
    oxigraph = None
    if target == "oxigraph":
        oxigraph = OxigraphServer(work / "oxigraph")
        store = {"endpoint": oxigraph.url}
    else:
        store = {"path": str(work / "store")}
    try:
        report = work / f"{target}-report.json"
        harvest = _check(run_measured(harvest_command(urls, store, report)), f"harvest {target} {size}")
        before = sum(server.requests.values()) - sum(server.full_answers.values())
        report_2 = work / f"{target}-report-2.json"
        reharvest = _check(run_measured(harvest_command(urls, store, report_2)), f"re-harvest {target}")
        not_modified = sum(server.requests.values()) - sum(server.full_answers.values()) - before
        timed = _check(run_measured([sys.executable, "-c", QUERY_TIMER, json.dumps(store)]), f"queries {target}")
        queries = _json_line(timed.stdout)
        indicators = run_measured(indicators_command(store, work / f"{target}-indicators"))
        return Run(
            target,
            size,
            harvest,
            reharvest,
            queries,
            indicators if indicators.returncode == 0 else None,
            harvest_summary(report),
            harvest_summary(report_2),
            oxigraph.peak_mb() if oxigraph else None,
            not_modified,
        )
    finally:
        if oxigraph:
            oxigraph.stop()


# --- report --------------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def print_report(runs: list[Run], floors: dict[int, dict[str, Any]], baseline: dict[str, Any] | None) -> None:
    print("\n## Moisson (processus complet `convention-validator harvest`)\n")
    print("| cible | N | moisson (s) | s / convention | mémoire max (Mo) | re-moisson (s) | 304 | "
          "requête la plus lente (s) | `indicators` (s) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        slowest = max((v[0] for v in run.queries.values()), default=0.0)
        print(
            f"| {run.target} | {run.size} | {_fmt(run.harvest.seconds)} | {_fmt(run.harvest.seconds / run.size, 3)} "
            f"| {_fmt(run.harvest.peak_mb, 0)} | {_fmt(run.reharvest.seconds)} | {run.not_modified} "
            f"| {_fmt(slowest, 3)} | {_fmt(run.indicators.seconds if run.indicators else None, 2)} |"
        )
    servers = [r for r in runs if r.server_peak_mb]
    if servers:
        print(
            "\nMémoire max du serveur Oxigraph : "
            + ", ".join(f"N={r.size} {_fmt(r.server_peak_mb, 0)} Mo" for r in servers)
        )
    print("\n## Requêtes d'indicateurs (s, à froid ; lignes)\n")
    names = sorted({name for run in runs for name in run.queries})
    print("| cible | N | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for run in runs:
        cells = [_fmt(run.queries[n][0], 3) if n in run.queries else "—" for n in names]
        print(f"| {run.target} | {run.size} | " + " | ".join(cells) + " |")
    staged = [r for r in runs if r.stages]
    if staged:
        print("\n## Part de chaque étape (rapport de moisson)\n")
        for run in staged:
            total = sum(run.stages.values()) or 1.0
            parts = ", ".join(f"{k} {100 * v / total:.0f} %" for k, v in run.stages.items())
            print(f"- {run.target}, N={run.size} : {parts}")
    if floors:
        print("\n## Plancher par étape (un processus, fonctions de la bibliothèque, magasin embarqué)\n")
        print("| N | total (s) | récupération | validation | conversion | chargement |")
        print("|---|---|---|---|---|---|")
        for size, floor in floors.items():
            st = floor["stages"]
            total = sum(st.values())
            row = " | ".join(
                f"{_fmt(st[k])} s ({100 * st[k] / total:.0f} %)" for k in ("fetch", "validate", "convert", "load")
            )
            print(f"| {size} | {_fmt(floor['seconds'])} | {row} |")
    if baseline:
        print(
            f"\n## Alternative évidente : httpx + rdflib (Dataset en mémoire, sans validation), N={baseline['size']}\n"
        )
        load, whole, peak = _fmt(baseline["load"]), _fmt(baseline["seconds"]), _fmt(baseline["peak_mb"], 0)
        print(
            f"- chargement : {load} s ; processus complet {whole} s ; mémoire max {peak} Mo ; {baseline['quads']} quads"
        )
        ours = {r.target: r for r in runs if r.size == baseline["size"]}
        for name, (seconds, _rows) in sorted(baseline["queries"].items()):
            embedded = ours.get("embedded")
            mine = embedded.queries.get(name, [None])[0] if embedded else None
            ratio = f" (× {seconds / mine:,.0f} le magasin embarqué)" if seconds and mine else ""
            shown = "> délai" if seconds is None else f"{_fmt(seconds, 3)} s"
            print(f"- {name} : {shown}{ratio}")


def report_targets(runs: list[Run]) -> None:
    """The figures of the targets, which are given for 1,000 conventions."""
    at_size = [run for run in runs if run.size == 1000]
    if not at_size:
        print("\nCibles : données pour 1 000 conventions (--sizes 1000) ; non mesurées ici.")
        return
    embedded = next((run for run in at_size if run.target == "embedded"), at_size[0])
    slowest = max((v[0] for run in at_size for v in run.queries.values()), default=None)
    targets.report(
        {
            "harvest_1000_s": embedded.harvest.seconds,
            "reharvest_1000_s": embedded.reharvest.seconds,
            "indicator_query_ms": None if slowest is None else slowest * 1000,
            "harvest_memory_mb": embedded.harvest.peak_mb,
        },
        "bench_harvest.py, 1 000 conventions, magasin embarqué et serveur Oxigraph",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="250,500,1000", help="comma-separated numbers of conventions")
    parser.add_argument("--quick", action="store_true", help="smoke run: N=50")
    parser.add_argument("--no-oxigraph", action="store_true", help="skip the Oxigraph server runs")
    parser.add_argument("--no-baseline", action="store_true", help="skip the rdflib alternative")
    parser.add_argument("--query-timeout", type=int, default=120, help="seconds per rdflib query")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    targets.compile_bytecode()
    sizes = [50] if args.quick else [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="cv-bench-harvest-"))
    runs: list[Run] = []
    floors: dict[int, dict[str, Any]] = {}
    baseline = None
    try:
        for size in sizes:
            corpus = work / f"corpus-{size}"
            paths = convention_corpus.write_corpus(corpus, size)
            server = FolderServer(corpus).start()
            try:
                urls = convention_corpus.write_url_list(paths, server.base, work / f"urls-{size}.txt")
                stores = ["embedded"] if args.no_oxigraph else ["embedded", "oxigraph"]
                for target in stores:
                    folder = work / f"{target}-{size}"
                    folder.mkdir()
                    runs.append(bench_target(target, size, urls, folder, server))
                    print(f"N={size} {target}: harvest {runs[-1].harvest.seconds:.1f} s", file=sys.stderr)
                floor = run_measured([sys.executable, "-c", STAGE_FLOOR, str(urls), str(work / f"floor-{size}")])
                floors[size] = _json_line(_check(floor, "stage floor").stdout) | {"seconds": floor.seconds}
                if not args.no_baseline and size == max(sizes):
                    command = [sys.executable, "-c", RDFLIB_BASELINE, str(urls), str(CONTEXT), str(PLAIN_QUERIES)]
                    measured = _check(run_measured([*command, str(args.query_timeout)]), "rdflib baseline")
                    baseline = _json_line(measured.stdout) | {
                        "size": size,
                        "seconds": measured.seconds,
                        "peak_mb": measured.peak_mb,
                    }
            finally:
                server.stop()
        print_report(runs, floors, baseline)
        report_targets(runs)
        print(
            json.dumps(
                {
                    "runs": [
                        {
                            "target": r.target,
                            "size": r.size,
                            "harvest_s": round(r.harvest.seconds, 2),
                            "harvest_peak_mb": round(r.harvest.peak_mb),
                            "reharvest_s": round(r.reharvest.seconds, 2),
                            "reharvest_peak_mb": round(r.reharvest.peak_mb),
                            "not_modified": r.not_modified,
                            "queries_s": {k: round(v[0], 4) for k, v in r.queries.items()},
                            "indicators_s": round(r.indicators.seconds, 2) if r.indicators else None,
                            "harvest": r.summary,
                            "reharvest": r.resummary,
                            "server_peak_mb": r.server_peak_mb,
                        }
                        for r in runs
                    ],
                    "floors": floors,
                    "baseline": baseline,
                },
                ensure_ascii=False,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
