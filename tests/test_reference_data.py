"""The packaged reference index says exactly what the reference CSV files say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from convention_validator.reference_data import (
    INDEX_NAME,
    ReferenceData,
    SortedCodes,
    index_bytes,
    reference_data,
    reference_index,
)
from convention_validator.standard import REFERENCE_DIR

ROOT = Path(__file__).resolve().parent.parent


def _from_csv() -> ReferenceData:
    """The tables as the CSV files give them, without the index."""
    from convention_validator import reference_data as module

    index = reference_index()
    return ReferenceData(
        qpv={c: module.Qpv(c, n, module._split(i), module._split(e)) for c, n, i, e in index["qpv"]},
        contracts={c: module.Contract(c, n, t) for c, n, t in index["contracts"]},
        commune_sirens=frozenset(index["commune_sirens"].split()),
        communes=frozenset(index["communes"].split()),
        groupings={s: module._split(m) for s, m in index["groupings"].items()},
    )


def test_the_committed_index_is_the_one_the_csv_files_give() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_reference_index.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (REFERENCE_DIR / INDEX_NAME).read_bytes() == index_bytes(reference_index())


def test_tables_from_the_index_equal_tables_from_the_csv_files() -> None:
    loaded, expected = reference_data(), _from_csv()
    assert loaded.qpv == expected.qpv and len(loaded.qpv) == 1584
    assert loaded.contracts == expected.contracts
    assert loaded.commune_sirens == expected.commune_sirens and loaded.communes == expected.communes
    assert dict(loaded.groupings) == expected.groupings
    assert "244400404" in loaded.groupings and "nope" not in loaded.groupings
    assert "44109" in loaded.groupings["244400404"]  # Nantes in Nantes Métropole


def test_the_index_records_the_files_it_was_made_from() -> None:
    import hashlib
    import json

    index = json.loads((REFERENCE_DIR / INDEX_NAME).read_bytes())
    for name, digest in index["sources"].items():
        assert hashlib.sha256((REFERENCE_DIR / name).read_bytes()).hexdigest() == digest


def test_the_code_lists_of_the_index_are_sorted_and_of_one_width() -> None:
    index = reference_index()
    for name, width in (("communes", 5), ("commune_sirens", 9)):
        codes = index[name].split(" ")
        assert codes == sorted(codes) and {len(code) for code in codes} == {width}, name


def test_sorted_codes_find_exactly_the_codes_of_their_text() -> None:
    codes = reference_index()["communes"].split(" ")
    found = SortedCodes(" ".join(codes))
    assert all(code in found for code in codes) and len(found) == len(codes) == 35_029
    known = set(codes)
    others: list[object] = ["00000", "99999", "2A000", "4410", "441090", "", " 44109", 44109, None]
    others += [neighbour for code in codes if (neighbour := code[:4] + chr(ord(code[4]) + 1)) not in known]
    assert not any(code in found for code in others)
    assert set(found) == set(codes)


def test_sorted_codes_of_uneven_widths_fall_back_to_a_set() -> None:
    found = SortedCodes("1 22 333")
    assert {"1", "22", "333"} == set(found) and "22" in found and "2" not in found and len(found) == 3
    assert "x" not in SortedCodes("") and len(SortedCodes("")) == 0
    assert "44109" in SortedCodes("44109") and "44108" not in SortedCodes("44109")
