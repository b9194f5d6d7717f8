"""Validation cost, in one run and on the same files, of four ways to check conventions.

- `json.loads` alone: the floor;
- `linkml-validate`: the tool a user would reach for (structure only; it has no .jsonld loader,
  so it reads byte-identical .json copies);
- the obvious pipeline: jsonschema + rdflib (JSON-LD) + pyshacl (generated shapes and rules);
- convention-validator: all five stages (read, structure, graph, rules, reference).

Workloads: one typical convention (30 datasets), one convention with 1,000 datasets, and a
batch of 500 typical conventions (one process per tool: `linkml-validate` and ours take all
files in one call; the obvious pipeline validates them in one Python process). Times are whole
processes, start-up included, with the package's bytecode compiled first as an installation does
(`pip install` compiles it; a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile
every changed module at each start). Prints a table and ratios; asserts nothing.

Usage: python benchmarks/bench_validator.py [--batch N] [--pipeline-batch N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic
import targets

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "schema" / "clauses_data.yaml"
STANDARD = ROOT / "src" / "convention_validator" / "standard"

FLOOR = "import json, sys\nfor p in sys.argv[1:]: json.loads(open(p, encoding='utf-8').read())"
PIPELINE = f"""
import json, sys, logging
logging.disable(logging.CRITICAL)
import jsonschema, pyshacl
from rdflib import Graph
schema = json.load(open({str(STANDARD / "clauses-data.schema.json")!r}))
validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
context = json.load(open({str(STANDARD / "clauses-data.context.jsonld")!r}))["@context"]
shapes = Graph().parse({str(STANDARD / "clauses-data.shacl.ttl")!r})
shapes.parse({str(STANDARD / "clauses-data.rules.ttl")!r})
for path in sys.argv[1:]:
    document = json.loads(open(path, encoding="utf-8").read())
    errors = list(validator.iter_errors({{k: v for k, v in document.items() if not k.startswith("@")}}))
    document["@context"] = context
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert not errors and conforms, path
"""


def _time(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        samples.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command[:3])} …\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return statistics.median(samples)


def _commands(files: list[Path], no_pipeline: bool = False) -> dict[str, list[str]]:
    names = [str(f) for f in files]
    json_copies = [str(f.with_suffix(".json")) for f in files]
    commands = {
        "json.loads (floor)": [sys.executable, "-c", FLOOR, *names],
        "linkml-validate": [str(BIN / "linkml-validate"), "-s", str(SCHEMA), "-C", "Convention", *json_copies],
        "jsonschema + rdflib + pyshacl": [sys.executable, "-c", PIPELINE, *names],
        "convention-validator": [str(BIN / "convention-validator"), "validate", "-q", *names],
    }
    if no_pipeline:
        del commands["jsonschema + rdflib + pyshacl"]
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=500, help="files in the batch workload")
    parser.add_argument(
        "--pipeline-batch", type=int, default=50, help="files the (slow) obvious pipeline validates in the batch"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per single-file measurement (median)")
    parser.add_argument(
        "--no-pipeline", action="store_true", help="skip the obvious pipeline (minutes; no target depends on it)"
    )
    args = parser.parse_args()
    targets.compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="cv-bench-"))
    try:
        typical = synthetic.write(work / "typical.jsonld", 30)
        big = synthetic.write(work / "big.jsonld", 1000)
        batch = [synthetic.write(work / f"batch-{i:04d}.jsonld", 30, variant=i + 1) for i in range(args.batch)]
        for path in [typical, big, *batch]:
            shutil.copy(path, path.with_suffix(".json"))
        rows: list[tuple[str, str, float, int]] = []
        for label, files in (("typical (30 datasets)", [typical]), ("1,000 datasets", [big])):
            for tool, command in _commands(files, args.no_pipeline).items():
                rows.append((label, tool, _time(command, args.runs), len(files)))
        batch_label = f"batch of {args.batch} typical files"
        for tool, command in _commands(batch, args.no_pipeline).items():
            if tool.startswith("jsonschema"):
                subset = batch[: args.pipeline_batch]
                seconds = _time(_commands(subset)[tool], 1)
                rows.append(
                    (
                        batch_label,
                        f"{tool} ({len(subset)} files, x{len(batch) / len(subset):.0f})",
                        seconds * len(batch) / len(subset),
                        len(batch),
                    )
                )
            else:
                rows.append((batch_label, tool, _time(command, 1), len(batch)))
        print(f"{'workload':32} {'tool':48} {'seconds':>9} {'vs ours':>9}")
        ours = {label: s for label, tool, s, _ in rows if tool == "convention-validator"}
        for label, tool, seconds, _ in rows:
            print(f"{label:32} {tool:48} {seconds:9.2f} {seconds / ours[label]:8.1f}x")
        print(json.dumps({f"{label} | {tool}": round(s, 3) for label, tool, s, _ in rows}, ensure_ascii=False))
        linkml = {label: s for label, tool, s, _ in rows if tool == "linkml-validate"}
        typical_label = "typical (30 datasets)"
        targets.report(
            {
                "validate_one_s": ours[typical_label],
                "validate_one_speedup": linkml[typical_label] / ours[typical_label],
                "validate_big_s": ours["1,000 datasets"],
                "validate_batch_ratio": ours[batch_label] / linkml[batch_label],
            },
            "bench_validator.py",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
