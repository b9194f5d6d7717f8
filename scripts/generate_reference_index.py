"""Write src/convention_validator/reference/index.json: the columns of the reference CSV files the
validator reads, so that a run loads them in milliseconds instead of parsing 35,000 communes.

    python scripts/generate_reference_index.py           # write the index
    python scripts/generate_reference_index.py --check   # exit 1 if it differs from the CSV files
"""

from __future__ import annotations

import sys

from convention_validator.reference_data import INDEX_NAME, index_bytes, reference_index
from convention_validator.standard import REFERENCE_DIR
from generated_file import write_or_check


def main(argv: list[str]) -> int:
    return write_or_check(REFERENCE_DIR / INDEX_NAME, index_bytes(reference_index()), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
