"""Web workspace benchmark: explorer pages at 1,000 harvested conventions, validation API on 30 datasets.

1. The synthetic corpus (benchmarks/convention_corpus.py, as bench_harvest.py) is written to a
   temporary folder and harvested by the real command into an embedded store (not timed here).
2. The real workspace (`create_app`, uvicorn on loopback, tests/web_server.py) serves it; httpx asks
   each explorer page and API answer several times. The first request reads the store into the
   explorer's catalogue (six SPARQL queries): that cold time is printed apart; the figures are the
   median and the worst of the warm requests. Target: 200 ms per explorer page.
3. `POST /api/validate` on a 30-dataset convention (benchmarks/synthetic.py: the Nantes convention
   scaled), JSON and SARIF. Target: 300 ms.

Prints each figure beside its target and a JSON line, then the slowest explorer page and validation
beside the project's targets (benchmarks/targets.py: web_page_ms, web_validate_ms); asserts nothing.

Usage: python benchmarks/bench_web.py [--conventions 1000] [--runs 15] [--store FOLDER]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
import convention_corpus  # noqa: E402
import synthetic  # noqa: E402
import targets  # noqa: E402
from web_server import CLI, LiveServer  # noqa: E402

PAGES = ("home", "home, filtered (région + niveau d'accès)", "home, search", "QPV page", "convention page")
PAGE_TARGET_MS = 200.0
VALIDATE_TARGET_MS = 300.0


def _timed(client: httpx.Client, method: str, path: str, runs: int, **options: object) -> tuple[float, float, int]:
    """Median and worst time (ms) of `runs` requests, and the size of the last answer."""
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        answer = client.request(method, path, **options)  # type: ignore[arg-type]
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        size = len(answer.content)
    return statistics.median(times), max(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conventions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--store", type=Path, default=None, help="an already harvested store (skips the harvest)")
    options = parser.parse_args(argv)
    results: dict[str, object] = {"conventions": options.conventions}
    with tempfile.TemporaryDirectory(prefix="cv-bench-web-") as temporary:
        folder = Path(temporary)
        store = options.store or folder / "store"
        if options.store is None:
            convention_corpus.write_corpus(folder / "corpus", options.conventions)
            started = time.perf_counter()
            subprocess.run(
                [str(CLI), "harvest", str(folder / "corpus"), "--store", str(store), "--no-progress"],
                capture_output=True,
                check=False,
            )
            seconds = time.perf_counter() - started
            print(f"harvest of {options.conventions} conventions: {seconds:.1f} s (not a target)")
        server = LiveServer(store_path=store).start()
        try:
            with httpx.Client(base_url=server.base, timeout=120, headers={"Accept-Encoding": "gzip"}) as client:
                started = time.perf_counter()
                count = client.get("/api/conventions", params={"limit": 1}).json()["count"]
                cold = (time.perf_counter() - started) * 1000
                print(f"conventions in the explorer: {count}; first request (reads the store): {cold:.0f} ms\n")
                results["cold_ms"] = round(cold, 1)
                listed = client.get("/api/conventions").json()["conventions"]
                sample = listed[len(listed) // 2]
                qpv = sample["qpv"][0]
                pages = {
                    "home": "/",  # the explorer's pages (PAGES) first, then the API
                    "home, filtered (région + niveau d'accès)": f"/?region={sample['regions'][0]}&access_level=PUBLIC",
                    "home, search": "/?q=" + sample["title"].split()[-2],
                    "QPV page": f"/qpv/{qpv}",
                    "convention page": f"/conventions/{sample['id']}",
                    "API conventions (JSON)": "/api/conventions",
                    "API conventions (CSV)": "/api/conventions?format=csv",
                    "API QPV": f"/api/qpv/{qpv}",
                    "API qpv.geojson (map layer)": "/api/qpv.geojson",
                }
                print(f"| Page ({options.runs} runs) | median (ms) | worst (ms) | size (bytes) | target (ms) |")
                print("|---|---|---|---|---|")
                for name, path in pages.items():
                    median, worst, size = _timed(client, "GET", path, options.runs)
                    target = PAGE_TARGET_MS if not path.startswith("/api/") else None
                    shown = f"{target:.0f}" if target else "—"
                    print(f"| {name} | {median:.1f} | {worst:.1f} | {size} | {shown} |")
                    results[name] = round(median, 1)
                document = json.dumps(synthetic.convention(30), ensure_ascii=False).encode("utf-8")
                headers = {"Content-Type": "application/ld+json"}
                print()
                print(f"| Validation API, 30 datasets ({options.runs} runs) | median (ms) | worst (ms) | target (ms) |")
                print("|---|---|---|---|")
                for format in ("json", "sarif"):
                    median, worst, _ = _timed(
                        client,
                        "POST",
                        f"/api/validate?format={format}",
                        options.runs,
                        content=document,
                        headers=headers,
                    )
                    goal = f"{VALIDATE_TARGET_MS:.0f}"
                    print(f"| POST /api/validate?format={format} | {median:.1f} | {worst:.1f} | {goal} |")
                    results[f"validate_{format}"] = round(median, 1)
        finally:
            server.stop()
    print("\n" + json.dumps(results, ensure_ascii=False))
    pages = [value for name, value in results.items() if name in PAGES and isinstance(value, float)]
    validations = [
        value for name, value in results.items() if name.startswith("validate_") and isinstance(value, float)
    ]
    targets.report(
        {"web_page_ms": max(pages, default=None), "web_validate_ms": max(validations, default=None)}, "bench_web.py"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
