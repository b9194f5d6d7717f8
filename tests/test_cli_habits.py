"""The command line's ecosystem habits: discovery, stdin, --output, NO_COLOR, special output files."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from convention_validator.discovery import discover, looks_like_convention

ROOT = Path(__file__).resolve().parent.parent
CLI = [str(Path(sys.executable).parent / "convention-validator")]
INVALID = ROOT / "examples" / "invalid"
AUCH = ROOT / "examples" / "valid" / "grand-auch.jsonld"
AUCH_YAML = ROOT / "examples" / "valid" / "grand-auch.yaml"


def _run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, check=False, timeout=300, env=environment, cwd=cwd
    )


def _files_checked(report: bytes) -> list[str]:
    return [f["file"] for f in json.loads(report)["files"]]


# --- discovery -----------------------------------------------------------------------------------


def test_a_folder_walk_takes_conventions_only() -> None:
    found = discover([INVALID])
    assert found.files and all(not f.endswith(".expected.yaml") for f in found.files)
    assert len(found.files) == len(list(INVALID.glob("*.jsonld")))
    assert {s.reason for s in found.skipped} == {"not_a_convention"}
    assert len(found.skipped) == len(list(INVALID.glob("*.expected.yaml")))


def test_the_sniffer_knows_a_convention_by_its_context_or_type(tmp_path: Path) -> None:
    assert looks_like_convention(AUCH) and looks_like_convention(AUCH_YAML)
    typed = tmp_path / "draft.yaml"
    typed.write_text("type: Convention\ntitle: Projet\n", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"type": "Conventional", "name": "x"}', encoding="utf-8")
    assert looks_like_convention(typed) and not looks_like_convention(other)


def test_validate_a_folder_reports_no_sidecar_and_lists_skipped_files_with_v() -> None:
    result = _run("validate", str(INVALID), "--format", "json", "-v")
    checked = _files_checked(result.stdout)
    assert len(checked) == len(list(INVALID.glob("*.jsonld")))
    assert not any(name.endswith(".expected.yaml") for name in checked)
    skipped = [line for line in result.stderr.decode().splitlines() if line.startswith("ignoré : ")]
    assert len(skipped) == len(list(INVALID.glob("*.expected.yaml")))


def test_include_and_exclude_patterns() -> None:
    result = _run("validate", str(INVALID), "--format", "json", "--include", "rules-*", "--exclude", "*licence*")
    checked = [Path(f).name for f in _files_checked(result.stdout)]
    assert checked and all(name.startswith("rules-") and "licence" not in name for name in checked)
    expected = {p.name for p in INVALID.glob("rules-*.jsonld") if "licence" not in p.name}
    assert set(checked) == expected


def test_a_named_file_is_always_checked_unless_conventions_only(tmp_path: Path) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "site"}', encoding="utf-8")
    named = _run("validate", str(other))
    assert named.returncode == 1 and b"package.json" in named.stdout
    hook = _run("validate", "--conventions-only", str(other))
    assert hook.returncode == 0 and hook.stdout == b""


# --- stdin and --output --------------------------------------------------------------------------


def test_stdin_is_validated_like_the_file() -> None:
    by_file = json.loads(_run("validate", str(AUCH_YAML), "--format", "json").stdout)
    piped = _run("validate", "-", "--format", "json", stdin=AUCH_YAML.read_bytes())
    through_stdin = json.loads(piped.stdout)
    assert [f["file"] for f in through_stdin["files"]] == ["<stdin>"]
    codes = [(f["code"], f["pointer"]) for f in by_file["files"][0]["findings"]]
    assert [(f["code"], f["pointer"]) for f in through_stdin["files"][0]["findings"]] == codes
    file_json = _run("validate", str(AUCH), "--format", "json")
    named = _run("validate", "-", "--stdin-filename", "auch.jsonld", "--format", "json", stdin=AUCH.read_bytes())
    assert named.returncode == file_json.returncode
    [report] = json.loads(named.stdout)["files"]
    assert report["file"] == "auch.jsonld"
    expected = json.loads(file_json.stdout)["files"][0]["findings"]
    assert [(f["code"], f["line"]) for f in report["findings"]] == [(f["code"], f["line"]) for f in expected]


def test_output_writes_the_report_to_a_file_and_nothing_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "rapport.sarif"
    result = _run(
        "validate", str(INVALID / "rules-personal-data-as-open-data.jsonld"), "--format", "sarif", "-o", str(target)
    )
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_into_a_fifo_or_through_a_symlink_keeps_them(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    _run("validate", str(AUCH), "--format", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert fifo.is_fifo() and json.loads(received[0])["summary"]["files"] == 1

    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    _run("validate", str(AUCH), "--format", "json", "-o", str(link))
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["summary"]["files"] == 1


# --- colours on a real terminal ------------------------------------------------------------------


def _on_a_terminal(*args: str, env: dict[str, str]) -> bytes:
    """The CLI's output when its stdout is a pseudo-terminal."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*CLI, *args], stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL, env={**os.environ, **env}
    )
    os.close(terminal)
    output = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=120)
    os.close(controller)
    return output


def test_colours_on_a_terminal_and_none_with_no_color() -> None:
    faulty = str(INVALID / "rules-personal-data-as-open-data.jsonld")
    environment = {k: "" for k in ("NO_COLOR",)}
    coloured = _on_a_terminal("validate", faulty, env=environment)
    assert b"\x1b[" in coloured and b"CV301" in coloured
    plain = _on_a_terminal("validate", faulty, env={"NO_COLOR": "1"})
    assert b"\x1b[" not in plain and b"CV301" in plain


# --- CI formats ----------------------------------------------------------------------------------


def _report_of(*paths: Path) -> Any:
    from convention_validator import Validator

    return Validator(lang="fr").validate(list(paths))


FAULTY = INVALID / "rules-personal-data-as-open-data.jsonld"


def test_sarif_has_fingerprints_that_survive_moved_lines_and_encoded_uris(tmp_path: Path) -> None:
    import jsonschema

    from convention_validator.reporters import renderer

    spaced = tmp_path / "dossier à vérifier" / "convention n°1.jsonld"
    spaced.parent.mkdir()
    spaced.write_text(FAULTY.read_text(encoding="utf-8"), encoding="utf-8")
    sarif = json.loads(renderer("sarif")(_report_of(spaced), "fr", False, False))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(sarif)
    [result] = sarif["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and "%20" in uri and " " not in uri and "%C3%A0" in uri
    fingerprint = result["partialFingerprints"]["conventionValidator/v1"]
    assert len(fingerprint) == 64
    spaced.write_text("\n\n\n" + FAULTY.read_text(encoding="utf-8"), encoding="utf-8")  # lines move
    moved = json.loads(renderer("sarif")(_report_of(spaced), "fr", False, False))["runs"][0]["results"][0]
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == line + 3
    assert moved["partialFingerprints"]["conventionValidator/v1"] == fingerprint


def test_github_annotations_escape_their_properties(tmp_path: Path) -> None:
    tricky = tmp_path / "a,b:c.jsonld"
    tricky.write_text(FAULTY.read_text(encoding="utf-8"), encoding="utf-8")
    result = _run("validate", str(tricky), "--format", "github")
    [line] = result.stdout.decode().splitlines()
    assert line.startswith("::error file=") and "a%2Cb%3Ac.jsonld" in line
    assert ",line=" in line and ",col=" in line and ",title=CV301::" in line


def test_gitlab_code_quality_report() -> None:
    result = _run("validate", str(FAULTY), str(AUCH), "--format", "gitlab")
    [issue] = [i for i in json.loads(result.stdout) if "rules-personal" in i["location"]["path"]]
    assert issue["check_name"] == "CV301" and issue["severity"] == "major"
    assert len(issue["fingerprint"]) == 64 and issue["location"]["lines"]["begin"] > 1
    assert issue["location"]["path"].endswith("rules-personal-data-as-open-data.jsonld")


def test_junit_report_one_suite_per_file() -> None:
    from xml.etree import ElementTree

    result = _run("validate", str(FAULTY), str(AUCH_YAML), "--format", "junit")
    root = ElementTree.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 2 and root.get("failures") == str(len(root.findall(".//failure")))
    faulty = next(s for s in suites if "rules-personal" in (s.get("name") or ""))
    assert [f.get("type") for f in faulty.iter("failure")] == ["CV301"]


def test_long_lists_of_allowed_values_are_cut_between_values() -> None:
    from convention_validator.messages import render

    allowed = ", ".join(f"VALEUR_PERMISE_{n:02d}" for n in range(20))
    message = render("CV106", "fr", {"value": "X", "allowed": allowed})
    listed = message.split("permises : ", 1)[1].split(".", 1)[0]
    assert listed.endswith(", …")
    assert all(item.startswith("VALEUR_PERMISE_") and len(item) == 17 for item in listed[: -len(", …")].split(", "))


def test_control_characters_in_names_and_values_do_not_reach_the_terminal(tmp_path: Path) -> None:
    data = json.loads(FAULTY.read_text(encoding="utf-8"))
    data["datasets"][0]["title"] = "Titre\x1b[2J\x07\rpiégé"
    hostile = tmp_path / "conv\x1b]0;titre\x07.jsonld"
    hostile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run("validate", str(hostile), "--no-color")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and b"CV301" in output
    assert not any(byte in output for byte in (b"\x1b", b"\x07", b"\r"))
    assert b"conv\\x1b]0;titre\\x07.jsonld" in output


# --- configuration files -------------------------------------------------------------------------


def test_pyproject_settings_are_defaults_the_command_line_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "conventions"\n\n[tool.convention-validator]\nformat = "json"\nexclude = ["*licence*"]\n',
        encoding="utf-8",
    )
    nested = tmp_path / "conventions" / "2025"
    nested.mkdir(parents=True)
    result = _run("validate", str(INVALID), cwd=nested)
    checked = [Path(f).name for f in _files_checked(result.stdout)]
    assert checked and not any("licence" in name for name in checked)
    text = _run("validate", str(FAULTY), "--format", "text", cwd=nested)
    assert text.stdout.startswith(str(FAULTY).encode())


def test_own_configuration_file_and_unknown_settings(tmp_path: Path) -> None:
    (tmp_path / ".convention-validator.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    warned = INVALID / "rules-no-state-signatory.jsonld"
    assert _run("validate", str(warned), cwd=tmp_path).returncode == 1
    assert _run("validate", str(warned), "--fail-on", "error", cwd=tmp_path).returncode == 0
    (tmp_path / ".convention-validator.toml").write_text('formt = "json"\n', encoding="utf-8")
    broken = _run("validate", str(warned), cwd=tmp_path)
    assert broken.returncode == 2 and "formt" in broken.stderr.decode() and b"Traceback" not in broken.stderr


# --- compiler-style output -----------------------------------------------------------------------


def test_a_terminal_shows_the_source_line_a_caret_and_the_fix() -> None:
    faulty = INVALID / "structure-french-date-format.jsonld"
    expected = yaml_expected(faulty)
    shown = _on_a_terminal("validate", str(faulty), env={"NO_COLOR": "1"}).decode("utf-8").replace("\r\n", "\n")
    lines = shown.splitlines()
    head = next(n for n, line in enumerate(lines) if f": {expected['code']} erreur:" in line)
    source_line = faulty.read_text(encoding="utf-8").split("\n")[expected["line"] - 1]
    assert lines[head + 1] == f" {expected['line']} | {source_line}"
    caret = lines[head + 2]
    key_column = len(source_line) - len(source_line.lstrip())  # the finding points at the key
    assert caret.endswith("^") and caret.index("^") - caret.index("|") - 2 == key_column
    assert lines[head + 3].startswith(" = correction : Écrivez la date au format AAAA-MM-JJ")
    assert "Écrivez la date" not in lines[head]  # the fix is on its own line, not repeated in the message


def test_concise_output_off_a_terminal_and_full_on_request_in_english() -> None:
    faulty = INVALID / "structure-french-date-format.jsonld"
    concise = _run("validate", str(faulty)).stdout.decode("utf-8")
    assert " | " not in concise and "= correction" not in concise and "Écrivez la date" in concise
    full = _run("validate", str(faulty), "--format", "full", "--lang", "en").stdout.decode("utf-8")
    assert " = fix: Write the date" in full and " | " in full


def test_full_output_without_a_source_keeps_the_fix(tmp_path: Path) -> None:
    document = AUCH.read_bytes().replace(b'"signed_on": "', b'"signed_on": "x')
    result = _run("validate", "-", "--format", "full", stdin=document)
    text = result.stdout.decode("utf-8")
    assert "<stdin>:" in text and " = correction : " in text and " | " not in text


def yaml_expected(example: Path) -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(example.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return data


def test_render_refuses_to_pour_html_onto_a_terminal_unless_asked() -> None:
    shown = _on_a_terminal("render", str(AUCH), env={"NO_COLOR": "1"}).decode("utf-8")
    assert "Une page HTML ne se lit pas dans un terminal" in shown and "<html" not in shown
    forced = _on_a_terminal("render", str(AUCH), "-o", "-", env={"NO_COLOR": "1"}).decode("utf-8")
    assert "<html" in forced
    piped = _run("render", str(AUCH))
    assert piped.returncode == 0 and b"<html" in piped.stdout  # not a terminal: written as before


def test_shell_completion_scripts_and_answers() -> None:
    """The documented completion: each shell gets a script; Tab completes commands, options and choices."""
    for shell in ("bash", "zsh", "fish"):
        script = _run(env={"_CONVENTION_VALIDATOR_COMPLETE": f"{shell}_source"})
        assert script.returncode == 0 and b"_CONVENTION_VALIDATOR_COMPLETE" in script.stdout
    answers = {
        "convention-validator val": "plain,validate",
        "convention-validator validate --for": "plain,--format",
        "convention-validator validate --format con": "plain,concise",
    }
    for words, expected in answers.items():
        environment = {
            "_CONVENTION_VALIDATOR_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        assert expected in _run(env=environment).stdout.decode("utf-8").splitlines()
    docs = (ROOT / "docs" / "validateur.md").read_text(encoding="utf-8")
    assert "_CONVENTION_VALIDATOR_COMPLETE=bash_source" in docs
