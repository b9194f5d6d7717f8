"""Write src/convention_validator/catalogue/findings.json, the findings catalogue as JSON, from
findings.yaml (the source): a run reads it in half a millisecond, where PyYAML took 20 to 30 ms.

    python scripts/generate_catalogue.py           # write findings.json
    python scripts/generate_catalogue.py --check   # exit 1 if it differs from findings.yaml
"""

from __future__ import annotations

import sys

from convention_validator.messages import COMPILED_CATALOGUE_PATH, compiled_catalogue


def main(argv: list[str]) -> int:
    data = compiled_catalogue()
    if "--check" in argv:
        if not COMPILED_CATALOGUE_PATH.exists() or COMPILED_CATALOGUE_PATH.read_bytes() != data:
            print(f"{COMPILED_CATALOGUE_PATH} is stale: run `make generate`", file=sys.stderr)
            return 1
        return 0
    COMPILED_CATALOGUE_PATH.write_bytes(data)
    print(f"wrote {COMPILED_CATALOGUE_PATH} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
