"""Start-up and per-file cost of checking a convention with the packaged artifacts.

Compares, in one run and on the same file, loading the shipped artifacts (what the
validator does) with regenerating them from the LinkML schema (what `linkml-validate`
does on every call), and bare `json.loads` as the floor. Prints ratios; asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "valid" / "nantes-metropole.jsonld"
PY = sys.executable

PACKAGED = f"""
import json, jsonschema
from convention_validator.standard import Standard
s = Standard()
v = jsonschema.Draft201909Validator(s.json_schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
d = json.loads(open({str(EXAMPLE)!r}, encoding='utf-8').read())
d = {{k: x for k, x in d.items() if not k.startswith('@')}}
assert not list(v.iter_errors(d))
"""
REGENERATED = f"""
import json, jsonschema
from linkml.generators.jsonschemagen import JsonSchemaGenerator
schema = json.loads(JsonSchemaGenerator({str(ROOT / "schema" / "clauses_data.yaml")!r}).serialize())
v = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
d = json.loads(open({str(EXAMPLE)!r}, encoding='utf-8').read())
d = {{k: x for k, x in d.items() if not k.startswith('@')}}
assert not list(v.iter_errors(d))
"""
FLOOR = f"import json; json.loads(open({str(EXAMPLE)!r}, encoding='utf-8').read())"


def _time(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    runs = 5
    floor = _time(FLOOR, runs)
    packaged = _time(PACKAGED, runs)
    regenerated = _time(REGENERATED, 3)
    print(f"file: {EXAMPLE.relative_to(ROOT)} (median of {runs} whole-process runs)")
    print(f"  json.loads only (floor)              {floor * 1000:8.0f} ms")
    print(f"  JSON Schema, packaged artifact       {packaged * 1000:8.0f} ms")
    print(f"  JSON Schema, regenerated from LinkML {regenerated * 1000:8.0f} ms")
    print(f"  regenerated / packaged               {regenerated / packaged:8.1f}x")


if __name__ == "__main__":
    main()
