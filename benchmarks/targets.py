"""The performance targets of the project, and how a benchmark prints a figure beside its target.

Each benchmark calls `report(figures)` at its end: it prints a Markdown table (figure, target,
met or not) and, when the variable BENCH_RESULTS names a file, appends the figures to it as one
JSON line, so that `make bench` ends with one table of every figure (`python benchmarks/targets.py FILE`),
headed by the machine and the date. A figure is compared, never asserted: benchmarks fail only
when the work itself fails.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """A figure to reach: at most `limit` (or at least, when `at_least`), in `unit`."""

    label: str
    limit: float
    unit: str
    at_least: bool = False

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def shown(self, value: float | None) -> str:
        return "—" if value is None else f"{value:,.3g} {self.unit}".replace(",", " ")

    def goal(self) -> str:
        return f"{'≥' if self.at_least else '≤'} {self.limit:,.3g} {self.unit}".replace(",", " ")


TARGETS: dict[str, Target] = {
    "validate_batch_ratio": Target("500 fichiers typiques : notre temps / celui de linkml-validate", 0.5, "×"),
    "validate_one_s": Target("un fichier typique (30 jeux), processus complet", 0.15, "s"),
    "validate_one_speedup": Target("un fichier typique : linkml-validate / nous", 10, "×", at_least=True),
    "validate_big_s": Target("une convention de 1 000 jeux, processus complet", 0.5, "s"),
    "harvest_1000_s": Target("moisson de 1 000 conventions, validation comprise", 25, "s"),
    "reharvest_1000_s": Target("re-moisson de 1 000 sources inchangées", 2, "s"),
    "indicator_query_ms": Target("requête d'indicateur la plus lente, 1 000 conventions", 100, "ms"),
    "harvest_memory_mb": Target("mémoire du moissonneur, jusqu'à 100 000 sources", 300, "Mo"),
    "web_page_ms": Target("page de l'explorateur, 1 000 conventions", 200, "ms"),
    "web_validate_ms": Target("API de validation, convention de 30 jeux", 300, "ms"),
    "editor_findings_ms": Target("éditeur : constats affichés après une modification", 300, "ms"),
}


def compile_bytecode() -> None:
    """Compile the package's bytecode first, as `pip install` does.

    A checkout run with PYTHONDONTWRITEBYTECODE (set on this machine) would otherwise compile
    every changed module at each start of each process: the harvester's checking processes too.
    """
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parent.parent / "src" / "convention_validator", quiet=1)


def report(figures: dict[str, float | None], source: str) -> None:
    """Print `figures` beside their targets; append them to BENCH_RESULTS if set."""
    print(f"\n## Cibles ({source})\n")
    _table(figures)
    results = os.environ.get("BENCH_RESULTS")
    if results:
        with Path(results).open("a", encoding="utf-8") as out:
            out.write(json.dumps({"source": source, "figures": figures}) + "\n")


def _table(figures: dict[str, float | None], sources: dict[str, str] | None = None) -> None:
    print("| mesure | valeur | cible | atteinte |" + (" source |" if sources else ""))
    print("|---|---:|---:|:---:|" + ("---|" if sources else ""))
    for key, value in figures.items():
        target = TARGETS[key]
        verdict = "—" if value is None else ("oui" if target.met(value) else "non")
        source = f" {sources[key]} |" if sources else ""
        print(f"| {target.label} | {target.shown(value)} | {target.goal()} | {verdict} |{source}")


def machine() -> str:
    """The machine and the moment, as the performance pages give them."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor() or "?",
    )
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{when} — {cpu}, {os.cpu_count()} cœurs, Python {platform.python_version()}, charge {load}"


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def summary(results: Path) -> None:
    """One table of every figure appended to `results` by the benchmarks of a `make bench` run.

    A figure measured by several benchmarks (the slowest indicator query) is shown at its least
    favourable value, with the benchmark that gave it.
    """
    figures: dict[str, float | None] = {}
    sources: dict[str, str] = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        for key, value in entry["figures"].items():
            if value is None:
                continue
            known = figures.get(key)
            worse = known is None or (value < known if TARGETS[key].at_least else value > known)
            if worse:
                figures[key], sources[key] = value, entry["source"]
    print(f"\n# Cibles de performance — {machine()}\n")
    _table({key: figures[key] for key in TARGETS if key in figures}, sources)
    missing = [key for key in TARGETS if key not in figures]
    if missing:
        print(f"\nNon mesurées dans cette exécution : {', '.join(missing)}")


if __name__ == "__main__":
    summary(Path(sys.argv[1]))
