"""`make demo`: validate every example with the command a lawyer would run, and show a failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, check=False, cwd=ROOT)


def main() -> int:
    print("1. Les conventions valides (examples/valid/) :\n")
    valid = _run("validate", "examples/valid")
    print(valid.stdout)
    print("2. Une convention fautive : données pseudonymisées publiées en open data :\n")
    sample = "examples/invalid/rules-personal-data-as-open-data.jsonld"
    failing = _run("validate", sample)
    print(f"$ convention-validator validate {sample}\n{failing.stdout}(code de sortie {failing.returncode})\n")
    print("   La même, en anglais :\n")
    print(_run("validate", "--lang", "en", sample).stdout)
    print("3. Tous les exemples invalides (examples/invalid/*.jsonld), un défaut chacun :\n")
    invalid = _run("validate", "-q", "examples/invalid/*.jsonld")
    codes = sorted({line.split(": ")[1].split()[0] for line in invalid.stdout.splitlines() if ": CV" in line})
    print(f"   {invalid.stdout.splitlines()[-1]}")
    print(f"   codes : {', '.join(codes)}\n")
    ok = valid.returncode == 0 and failing.returncode == 1 and invalid.returncode == 1
    print("Démo terminée." if ok else "La démo a échoué.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
