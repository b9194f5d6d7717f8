"""Hostile input: every read failure is a LoadError with the right code, never a crash or a hang.

Each file is loaded in a fresh subprocess with a timeout, so a hang, a crash of the C parser or a
runaway allocation fails the test instead of the test run. Small cases live in `tests/hostile/`;
big or binary ones are generated into a temporary folder.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convention_validator.loaders import Limits, LoadError, load_text

CORPUS = Path(__file__).resolve().parent / "hostile"
TIMEOUT = 20

# file in tests/hostile -> expected LoadError code (None: loads fine)
EXPECTED: dict[str, str | None] = {
    "empty.jsonld": "CV003",
    "whitespace-only.yaml": "CV003",
    "truncated.jsonld": "CV003",
    "nan.jsonld": "CV003",
    "infinity.json": "CV003",
    "bom-utf8.jsonld": None,
    "duplicate-key.jsonld": "CV004",
    "top-level-array.jsonld": "CV005",
    "nulls-everywhere.jsonld": None,
    "billion-laughs.yaml": "CV008",
    "python-object-apply.yaml": "CV008",
    "python-name.yaml": "CV008",
    "binary-tag.yaml": "CV008",
    "set-tag.yaml": "CV008",
    "timestamp-tag.yaml": "CV008",
    "custom-tag.yaml": "CV008",
    "recursive-alias.yaml": "CV008",
    "integer-key.yaml": "CV008",
    "complex-key.yaml": "CV008",
    "multiple-documents.yaml": "CV003",
    "yaml-nan.yaml": "CV003",
    "yaml-1-1-scalars.yaml": None,
    "unknown-extension.txt": "CV001",
    "UPPER-CASE.JSON": None,
}

# Runs in the child: load one path and print the outcome as JSON.
RUNNER = """
import json, sys
from convention_validator.loaders import LoadError, Limits, load_path
limits = Limits(**json.loads(sys.argv[2]))
try:
    document = load_path(sys.argv[1], limits)
    outcome = {"code": None, "data": document.data}
except LoadError as error:
    where = error.position
    outcome = {"code": error.code, "line": where and where.line, "column": where and where.column}
except BaseException as error:
    outcome = {"crash": repr(error)[:500]}
try:
    import resource
    outcome["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
except ImportError:  # not POSIX
    outcome["maxrss_kb"] = 0
print(json.dumps(outcome))
"""


def run_isolated(path: Path, cwd: Path, **limits: int) -> dict[str, Any]:
    """Load `path` in a subprocess (cwd `cwd`) and return its outcome; fail on timeout or crash."""
    try:
        completed = subprocess.run(
            [sys.executable, "-c", RUNNER, str(path), json.dumps(limits)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path.name} did not finish within {TIMEOUT} s")
    assert completed.returncode == 0, f"the child died ({completed.returncode}): {completed.stderr[-2000:]}"
    outcome: dict[str, Any] = json.loads(completed.stdout)
    assert "crash" not in outcome, f"{path.name} raised something else than LoadError: {outcome['crash']}"
    return outcome


def test_every_corpus_file_has_an_expectation() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "README.md"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name: str, tmp_path: Path) -> None:
    outcome = run_isolated(CORPUS / name, cwd=tmp_path)
    assert outcome["code"] == EXPECTED[name]
    assert not (tmp_path / "pwned-marker").exists(), "a YAML tag executed code"


def test_yaml_1_1_scalars_stay_strings(tmp_path: Path) -> None:
    data = run_isolated(CORPUS / "yaml-1-1-scalars.yaml", cwd=tmp_path)["data"]
    assert data == {
        "signed_on": "2024-05-23",
        "country": "no",
        "switch": "on",
        "answer": "yes",
        "code": "0777x",
        "version": "1.0.0",
    }


def test_nulls_load(tmp_path: Path) -> None:
    data = run_isolated(CORPUS / "nulls-everywhere.jsonld", cwd=tmp_path)["data"]
    assert data["title"] is None and data["parties"] == [None, None]


def _write(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def _folder(folder: Path) -> Path:
    path = folder / "convention.jsonld"
    path.mkdir()
    return path


def _broken_symlink(folder: Path) -> Path:
    path = folder / "link.jsonld"
    path.symlink_to(folder / "nowhere.jsonld")
    return path


def _fifo(folder: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = folder / "pipe.jsonld"
    os.mkfifo(path)
    return path


def _device(folder: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    path = folder / "zeros.jsonld"
    path.symlink_to("/dev/zero")
    return path


def _random_bytes(folder: Path) -> Path:
    noise = random.Random(1234).randbytes(4096)
    return _write("noise.jsonld", b"\xff" + noise)(folder)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
DEEP = 200_000

# (case id, how to make the file in a temporary folder, expected code, expected line or None)
GENERATED: list[tuple[str, Callable[[Path], Path], str | None, int | None]] = [
    ("missing", lambda folder: folder / "absent.jsonld", "CV001", None),
    ("folder", _folder, "CV001", None),
    ("broken-symlink", _broken_symlink, "CV001", None),
    ("fifo", _fifo, "CV001", None),
    ("device", _device, "CV001", None),
    ("png", _write("logo.jsonld", PNG), "CV002", 1),
    ("random-bytes", _random_bytes, "CV002", 1),
    ("bad-utf8-line-3", _write("latin1.jsonld", '{\n "a": "x",\n "b": "é"\n}'.encode("latin-1")), "CV002", 3),
    ("utf16-bom", _write("utf16.jsonld", '{"title": "x"}'.encode("utf-16")), "CV002", 1),
    ("utf16-no-bom", _write("utf16.yaml", "title: x\n".encode("utf-16-le")), "CV002", None),
    ("utf32-bom", _write("utf32.jsonld", '{"title": "x"}'.encode("utf-32")), "CV002", 1),
    ("bom-yaml", _write("bom.yaml", b"\xef\xbb\xbftitle: x\n"), None, None),
    ("deep-arrays", _write("deep.jsonld", b"[" * DEEP + b"]" * DEEP), "CV007", 1),
    ("deep-arrays-unclosed", _write("deep.json", b"[" * DEEP), "CV007", 1),
    ("deep-objects", _write("deep.jsonld", b'{"a":' * DEEP + b"1" + b"}" * DEEP), "CV007", 1),
    ("deep-yaml-flow", _write("deep.yaml", b"[" * DEEP + b"]" * DEEP), "CV007", 1),
    ("deep-yaml-block", _write("deep.yaml", b"- " * DEEP + b"x\n"), "CV007", 1),
    ("deep-yaml-mapping", _write("deep.yaml", b"".join(b" " * i + b"a:\n" for i in range(2000))), "CV007", 65),
    ("huge-integer", _write("int.jsonld", b'{"threshold": ' + b"9" * 10_000 + b"}"), "CV009", 1),
    ("huge-yaml-integer", _write("int.yaml", b"threshold: " + b"9" * 10_000 + b"\n"), "CV009", 1),
    ("float-overflow", _write("float.jsonld", b'{"threshold": 1e400}'), "CV009", 1),
    ("long-string", _write("long.jsonld", b'{"title": "' + b"x" * 2_000_000 + b'"}'), "CV009", 1),
    ("long-yaml-string", _write("long.yaml", b"title: " + b"x" * 2_000_000 + b"\n"), "CV009", 1),
    ("many-values", _write("many.yaml", b"a: [" + b"0," * 1_100_000 + b"0]\n"), "CV008", 1),
    ("nul-bytes", _write("nul.jsonld", b'{"a": "\x00"}'), "CV003", 1),
]


@pytest.mark.parametrize(("make", "code", "line"), [c[1:] for c in GENERATED], ids=[c[0] for c in GENERATED])
def test_generated(make: Callable[[Path], Path], code: str | None, line: int | None, tmp_path: Path) -> None:
    outcome = run_isolated(make(tmp_path), cwd=tmp_path)
    assert outcome["code"] == code
    if line is not None:
        assert outcome["line"] == line


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 20 MB string: CV006 from the file size, without the child's memory growing by 20 MB."""
    small = _write("small.jsonld", b'{"title": "x"}')(tmp_path)
    big = tmp_path / "big.jsonld"
    with big.open("wb") as handle:
        handle.write(b'{"title": "')
        handle.write(b"x" * 20 * 1024 * 1024)
        handle.write(b'"}')
    baseline = run_isolated(small, cwd=tmp_path)["maxrss_kb"]
    outcome = run_isolated(big, cwd=tmp_path)
    assert outcome["code"] == "CV006"
    assert outcome["maxrss_kb"] - baseline < 10 * 1024, "the big file was read into memory"


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = _write("c.jsonld", b'{"title": "' + b"x" * 2000 + b'"}')(tmp_path)
    assert run_isolated(path, cwd=tmp_path, max_bytes=1000)["code"] == "CV006"
    assert run_isolated(path, cwd=tmp_path, max_string_chars=1000)["code"] == "CV009"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_permission_denied(tmp_path: Path) -> None:
    path = _write("secret.jsonld", b'{"title": "x"}')(tmp_path)
    path.chmod(0)
    try:
        assert run_isolated(path, cwd=tmp_path)["code"] == "CV001"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_load_text_checks_size_of_strings_and_bytes() -> None:
    for text in ('{"a": "' + "x" * 200 + '"}', b'{"a": "' + b"x" * 200 + b'"}'):
        with pytest.raises(LoadError) as caught:
            load_text(text, "memory", "json", limits=Limits(max_bytes=100))
        assert caught.value.code == "CV006"


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text=st.text(), fmt=st.sampled_from(["json", "yaml"]))
def test_fuzz_text_only_raises_load_error(text: str, fmt: Any) -> None:
    try:
        document = load_text(text, "fuzz", fmt)
    except LoadError:
        return
    assert isinstance(document.data, dict)


@FUZZ
@given(raw=st.binary(), fmt=st.sampled_from(["json", "yaml"]))
def test_fuzz_bytes_only_raise_load_error(raw: bytes, fmt: Any) -> None:
    try:
        load_text(raw, "fuzz", fmt)
    except LoadError:
        return


_YAML_ALPHABET = st.sampled_from([*"abc:-[]{},&*!?'\"#|>~ \n\t.0123456789", "!!", "---", "...", "\ufeff"])


@FUZZ
@given(parts=st.lists(_YAML_ALPHABET, max_size=60), fmt=st.sampled_from(["json", "yaml"]))
def test_fuzz_structured_text_only_raises_load_error(parts: list[str], fmt: Any) -> None:
    """Text built from YAML/JSON punctuation reaches far deeper into the parsers than random text."""
    try:
        document = load_text("".join(parts), "fuzz", fmt)
    except LoadError:
        return
    document.locate("/a/0/b")
