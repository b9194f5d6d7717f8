"""Write src/convention_validator/reference/index.json: the columns of the reference CSV files the
validator reads, so that a run loads them in milliseconds instead of parsing 35,000 communes.

    python scripts/generate_reference_index.py           # write the index
    python scripts/generate_reference_index.py --check   # exit 1 if it differs from the CSV files
"""

from __future__ import annotations

import sys

from convention_validator.reference_data import INDEX_NAME, index_bytes, reference_index
from convention_validator.standard import REFERENCE_DIR


def main(argv: list[str]) -> int:
    target = REFERENCE_DIR / INDEX_NAME
    data = index_bytes(reference_index())
    if "--check" in argv:
        if not target.exists() or target.read_bytes() != data:
            print(f"{target} is stale: run `make generate`", file=sys.stderr)
            return 1
        return 0
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
