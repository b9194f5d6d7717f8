"""`make demo`: check every example against the packaged artifacts and show one failure.

Until the validator command lands, this runs the generated JSON Schema and SHACL shapes
directly (jsonschema, rdflib, pyshacl), the way any third party can.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pyshacl
import yaml
from rdflib import Graph

from convention_validator.standard import Standard

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix in {".yaml", ".yml"} else json.loads(text)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("@")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def main() -> int:
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)
    standard = Standard()
    validator = jsonschema.Draft201909Validator(
        standard.json_schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    shapes = Graph().parse(standard.path("shacl"), format="turtle")
    print(f"Standard clauses-data {standard.version} — contexte {standard.context_url}\n")
    failures = 0
    for path in sorted((EXAMPLES / "valid").iterdir()):
        if path.suffix not in {".jsonld", ".yaml"}:
            continue
        document = _load(path)
        errors = list(validator.iter_errors(_strip(document)))
        if not standard.is_standard_context_url(str(document.get("@context"))):
            raise SystemExit(f"{path}: unexpected @context")
        document["@context"] = standard.context["@context"]
        graph = Graph().parse(data=json.dumps(document), format="json-ld")
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes)
        datasets, parties = len(document["datasets"]), len(document["parties"])
        status = "ok" if not errors and conforms else "ÉCHEC"
        failures += status != "ok"
        name = path.relative_to(ROOT)
        print(f"  {status:5} {name}: {parties} parties, {datasets} jeux de données, {len(graph)} triplets")
    structural = sorted((EXAMPLES / "invalid").glob("structure-*.jsonld"))
    caught = sum(1 for p in structural if list(validator.iter_errors(_strip(_load(p)))))
    print(f"\n  {caught}/{len(structural)} exemples invalides de structure rejetés par le schéma JSON.")
    failures += caught != len(structural)
    sample = EXAMPLES / "invalid" / "structure-unknown-access-level.jsonld"
    print(f"\nExemple de rejet — {sample.relative_to(ROOT)} :")
    for error in validator.iter_errors(_strip(_load(sample))):
        pointer = "/" + "/".join(str(t) for t in error.absolute_path)
        print(f"  {pointer}: {error.message[:120]}")
    print("\nDémo terminée." if not failures else f"\n{failures} contrôle(s) en échec.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
