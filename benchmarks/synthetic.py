"""Synthetic but plausible conventions for benchmarks: the Nantes convention scaled to N datasets.

Datasets are cycled from the real example with new identifiers and numbered titles, so every
copy stays valid (same parties, real QPV codes, same clauses).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "valid" / "nantes-metropole.jsonld"


def convention(datasets: int, variant: int = 0) -> dict[str, Any]:
    """A valid convention with `datasets` datasets; `variant` changes every identifier."""
    base = json.loads(BASE.read_text(encoding="utf-8"))
    source = base["datasets"]
    suffix = f"-v{variant}" if variant else ""
    base["id"] = base["id"] + suffix
    renamed = {d["id"]: f"{base['id']}/jeux-de-donnees/jeu-{i:04d}" for i, d in enumerate(source)}
    result = []
    for index in range(datasets):
        item = copy.deepcopy(source[index % len(source)])
        item["id"] = f"{base['id']}/jeux-de-donnees/jeu-{index:04d}"
        item["usage_policy"]["id"] = f"{item['id']}#politique"
        if index >= len(source):
            item["title"] = f"{item['title']} (lot {index // len(source) + 1})"
        result.append(item)
    base["datasets"] = result
    kept = {x["id"] for x in result}
    for commitment in base.get("commitments", []):
        concerned = [renamed[d] for d in commitment.get("concerns_datasets", []) if renamed.get(d) in kept]
        if concerned:
            commitment["concerns_datasets"] = concerned
        else:
            commitment.pop("concerns_datasets", None)
    for item in base.get("framework", {}).get("work_programme", []):
        item["uses_datasets"] = [
            renamed[d] for d in item.get("uses_datasets", []) if renamed[d] in {x["id"] for x in result}
        ]
        if not item["uses_datasets"]:
            item.pop("uses_datasets")
    return base


def write(path: Path, datasets: int, variant: int = 0) -> Path:
    path.write_text(json.dumps(convention(datasets, variant), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
