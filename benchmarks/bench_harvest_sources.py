"""Harvest memory against the number of sources: a list of N URLs on loopback, peak RSS of `harvest`.

For each N (1,000, 10,000, 100,000 by default) a list file names N addresses on a loopback server
(the tests' FolderServer): one in `--valid-every` is a real convention (grand-auch with its own
`id`), the others answer 404 (never published: a record and a report entry each, no validation).
`convention-validator harvest` (the real CLI, one subprocess, fresh embedded store, JSON report)
(JSON and HTML reports) runs on it; the peak resident memory of its process tree and the wall time are reported.

Prints a Markdown table and a JSON line; asserts nothing.

Usage: python benchmarks/bench_harvest_sources.py [--sizes 1000,10000,100000] [--valid-every 1000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import targets
from bench_harvest import CLI, run_measured
from harvest_server import FolderServer  # type: ignore[import-not-found,unused-ignore]  # the tests' loopback server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "valid" / "grand-auch.jsonld"


def write_sources(folder: Path, server: FolderServer, size: int, valid_every: int) -> Path:
    """The list file of `size` URLs; every `valid_every`-th names a real convention written in `folder`."""
    model = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    listing = folder / f"sources-{size}.txt"
    with listing.open("w", encoding="utf-8") as out:
        for number in range(size):
            name = f"n{size}/c{number}.jsonld"
            if valid_every and number % valid_every == 0:
                document = dict(model, id=f"{model['id']}/bench-{size}-{number}")
                target = server.root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            out.write(server.url(name) + "\n")
    return listing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of sources")
    parser.add_argument("--valid-every", type=int, default=1000, help="one real convention every N sources")
    arguments = parser.parse_args()
    targets.compile_bytecode()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-sources-") as temporary:
        work = Path(temporary)
        (work / "served").mkdir()
        server = FolderServer(work / "served").start()
        try:
            for size in (int(text) for text in arguments.sizes.split(",")):
                listing = write_sources(work, server, size, arguments.valid_every)
                report = work / f"report-{size}.json"
                command = [CLI, "harvest", str(listing), "--store", str(work / f"store-{size}")]
                command += ["--allow-private", "--no-progress", "--report-json", str(report)]
                command += ["--report-html", str(work / f"report-{size}.html")]  # both reports, as in production
                measured = run_measured(command)
                data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
                rows.append(
                    {
                        "sources": size,
                        "exit": measured.returncode,
                        "seconds": round(measured.seconds, 1),
                        "peak_mb": round(measured.peak_mb, 1),
                        "reported": len(data.get("sources", [])),
                        "current": data.get("totals", {}).get("current", 0),
                    }
                )
                print(f"{size} sources: {rows[-1]}", file=sys.stderr)
        finally:
            server.stop()
    print("| sources | exit | seconds | peak memory (PSS, MB) | in report | current |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['sources']:,} | {row['exit']} | {row['seconds']} | {row['peak_mb']} "
            f"| {row['reported']:,} | {row['current']} |"
        )
    print(json.dumps({"harvest_sources": rows}))
    targets.report({"harvest_memory_mb": max(row["peak_mb"] for row in rows)}, "bench_harvest_sources.py")


if __name__ == "__main__":
    main()
