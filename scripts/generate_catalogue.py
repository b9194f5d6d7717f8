"""Write src/convention_validator/catalogue/findings.json, the findings catalogue as JSON, from
findings.yaml (the source): a run reads it in half a millisecond, where PyYAML took 20 to 30 ms.

    python scripts/generate_catalogue.py           # write findings.json
    python scripts/generate_catalogue.py --check   # exit 1 if it differs from findings.yaml
"""

from __future__ import annotations

import sys

from convention_validator.messages import COMPILED_CATALOGUE_PATH, compiled_catalogue
from generated_file import write_or_check


def main(argv: list[str]) -> int:
    return write_or_check(COMPILED_CATALOGUE_PATH, compiled_catalogue(), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
