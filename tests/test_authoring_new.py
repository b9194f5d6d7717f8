"""`convention-validator new`: skeletons from real contract codes validate, prefilled from the reference data."""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from convention_validator.commands.new import command as new_command
from convention_validator.reference_data import reference_data
from convention_validator.validator import Validator

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "src" / "convention_validator" / "reference"
CLI = Path(sys.executable).parent / "convention-validator"
MARKER = "À COMPLÉTER"
# (contract, kind of territory): an EPCI, a commune, a Greater Paris EPT, an overseas EPCI
CONTRACTS = [("CN04403I", "EPCI"), ("CN03201M", "COMMUNE"), ("CN09302I", "EPT"), ("CN97101I", "EPCI")]


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected_qpv(territory: str) -> list[str]:
    """QPV sharing a commune with the territory, read straight from the CSV files."""
    groupings = {r["siren"]: set(r["communes"].split(";")) for r in _csv("epci-2024.csv") + _csv("ept-2024.csv")}
    communes = groupings.get(territory, {territory})
    return sorted(r["code_qp"] for r in _csv("qpv-2024.csv") if set(r["insee_com"].split(";")) & communes)


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(lang="fr")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each contract scaffolded once in each format, through the click command."""
    folder = tmp_path_factory.mktemp("new")
    runner = CliRunner()
    files: dict[tuple[str, str], Path] = {}
    for code, _ in CONTRACTS:
        for suffix in ("jsonld", "yaml"):
            path = folder / f"{code}.{suffix}"
            result = runner.invoke(new_command, ["--contract", code, "-o", str(path), "--no-interactive"])
            assert result.exit_code == 0, result.output
            files[(code, suffix)] = path
    return files


def _load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(("code", "kind"), CONTRACTS)
@pytest.mark.parametrize("suffix", ["jsonld", "yaml"])
def test_skeleton_validates_with_only_the_placeholder_warning(
    generated: dict[tuple[str, str], Path], validator: Validator, code: str, kind: str, suffix: str
) -> None:
    report = validator.validate_file(generated[(code, suffix)])
    assert report.stages_run[-1] == "reference"
    # the State's SIREN is unknown to the reference data: the placeholder fails the check digit on purpose;
    # the « À COMPLÉTER » texts are CV325 warnings (tests/test_placeholder_rule.py)
    assert [(f.code, f.severity.value, f.pointer) for f in report.findings if f.code != "CV325"] == [
        ("CV407", "warning", "/parties/0/siren")
    ]


@pytest.mark.parametrize(("code", "kind"), CONTRACTS)
def test_territory_qpv_and_names_come_from_the_reference_data(
    generated: dict[tuple[str, str], Path], code: str, kind: str
) -> None:
    data = _load(generated[(code, "jsonld")])
    contract = next(r for r in _csv("contrats-de-ville.csv") if r["code_cv"] == code)
    city_contract = data["city_contract"]
    assert isinstance(city_contract, dict)
    assert (city_contract["code"], city_contract["territory_code"]) == (code, contract["codgeo"])
    assert data["covered_qpv"] == _expected_qpv(contract["codgeo"]) != []
    parties = data["parties"]
    assert isinstance(parties, list)
    carrier = parties[1]
    if kind == "COMMUNE":
        commune = next(r for r in _csv("communes-2024.csv") if r["code_insee"] == contract["codgeo"])
        assert (carrier["siren"], carrier["name"]) == (commune["siren"], "Commune d'Auch")
    else:
        table = "ept-2024.csv" if kind == "EPT" else "epci-2024.csv"
        official = next(r for r in _csv(table) if r["siren"] == contract["codgeo"])
        assert (carrier["siren"], carrier["name"], carrier["party_type"]) == (official["siren"], official["nom"], kind)
    assert parties[0]["party_type"] == "STATE_SERVICE" and "SIGNATORY" in parties[0]["roles"]
    assert {"DATA_PRODUCER", "DATA_USER"} <= set(carrier["roles"])
    assert data["period"] == {"start_date": "2024-01-01", "end_date": "2030-12-31"}
    assert data["status"] == "DRAFT" and len(data["datasets"]) >= 1


def test_communes_with_a_qpv_sign_an_intercommunal_contract(generated: dict[tuple[str, str], Path]) -> None:
    data = _load(generated[("CN09302I", "jsonld")])
    communes = {r["siren"]: r for r in _csv("communes-2024.csv")}
    commune_parties = [p for p in data["parties"] if p["party_type"] == "COMMUNE"]
    assert {communes[p["siren"]]["code_insee"] for p in commune_parties} == set(data["city_contract"]["communes"])
    assert "Commune de Saint-Denis" in {p["name"] for p in commune_parties}


@pytest.mark.parametrize(("code", "kind"), CONTRACTS[:2])
def test_yaml_says_the_same_as_json_ld_and_comments_what_to_complete(
    generated: dict[tuple[str, str], Path], code: str, kind: str
) -> None:
    assert _load(generated[(code, "yaml")]) == _load(generated[(code, "jsonld")])
    text = generated[(code, "yaml")].read_text(encoding="utf-8")
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert comments and all(line.startswith(f"# {MARKER} : ") for line in comments)
    assert any("SIREN de la préfecture" in line for line in comments)
    assert MARKER in json.dumps(_load(generated[(code, "jsonld")]), ensure_ascii=False)


def test_parties_by_siren_get_official_names_and_roles(tmp_path: Path, validator: Validator) -> None:
    path = tmp_path / "auch.jsonld"
    args = ["--contract", "CN03201M", "-o", str(path), "--no-interactive"]
    args += ["--party", "200066926:DATA_PRODUCER", "--party", "534320015:PUBLIC_OPERATOR,DATA_PRODUCER,DATA_USER"]
    result = CliRunner().invoke(new_command, args)
    assert result.exit_code == 0, result.output
    parties = {p["siren"]: p for p in _load(path)["parties"]}
    epci = next(r for r in _csv("epci-2024.csv") if r["siren"] == "200066926")
    assert (parties["200066926"]["name"], parties["200066926"]["party_type"]) == (epci["nom"], "EPCI")
    assert parties["200066926"]["roles"] == ["DATA_PRODUCER"]
    caf = parties["534320015"]
    assert caf["party_type"] == "PUBLIC_OPERATOR" and caf["roles"] == ["DATA_PRODUCER", "DATA_USER"]
    assert caf["name"].startswith(MARKER)  # unknown to the reference data: the lawyer writes it
    assert not [f for f in validator.validate_file(path).findings if f.severity.value == "error"]


def test_unknown_contract_suggests_the_closest_codes(tmp_path: Path) -> None:
    result = run("new", "--contract", "CN0320M", "-o", str(tmp_path / "x.jsonld"))
    assert result.returncode == 2
    assert "Code de contrat de ville inconnu : « CN0320M »" in result.stderr and "CN03201M" in result.stderr
    assert not (tmp_path / "x.jsonld").exists() and "Traceback" not in result.stderr


def test_bad_party_is_a_usage_error(tmp_path: Path) -> None:
    result = run("new", "--contract", "CN03201M", "--party", "21320013", "-o", str(tmp_path / "x.jsonld"))
    assert result.returncode == 2 and "neuf chiffres" in result.stderr
    result = run("new", "--contract", "CN03201M", "--party", "213200132:MAYOR", "-o", str(tmp_path / "x.jsonld"))
    assert result.returncode == 2 and "« MAYOR »" in result.stderr


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "convention.yaml"
    path.write_text("ne pas écraser\n", encoding="utf-8")
    result = run("new", "--contract", "CN03201M", "-o", str(path))
    assert result.returncode == 2 and "existe déjà" in result.stderr
    assert path.read_text(encoding="utf-8") == "ne pas écraser\n"
    assert run("new", "--contract", "CN03201M", "-o", str(path), "--force").returncode == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["city_contract"]["code"] == "CN03201M"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["convention.yaml"]  # no temporary file left


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL, env=env, timeout=60
    )


def test_without_a_terminal_nothing_is_asked() -> None:
    result = run("new")
    assert result.returncode == 2 and "--contract" in result.stderr and "?" not in result.stderr
    result = run("new", "--contract", "cn03201m", "--format", "yaml")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout)["covered_qpv"] == ["QN03201M"]
    assert "éléments à compléter" in result.stderr
    assert run("new", "--contract", "CN03201M", "--interactive").returncode == 2


def test_english_messages(tmp_path: Path) -> None:
    result = run("new", "--contract", "CN0320M", "--lang", "en")
    assert result.returncode == 2 and "Unknown city contract code" in result.stderr


def _pty_session(args: list[str], answers: list[tuple[str, str]], timeout: float = 60) -> tuple[int, str]:
    """Run the CLI on a pseudo-terminal, answering each prompt when its text appears."""
    main_fd, child_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    process = subprocess.Popen(
        [str(CLI), *args], stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env, close_fds=True
    )
    os.close(child_fd)
    seen, pending, deadline = "", list(answers), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(main_fd, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk.decode("utf-8", "replace")
            while pending and pending[0][0] in seen:
                prompt, answer = pending.pop(0)
                seen = seen.replace(prompt, f"<{prompt}>", 1)
                os.write(main_fd, answer.encode() + b"\r")
            if process.poll() is not None and not ready:
                break
        return process.wait(timeout=10), seen
    finally:
        os.close(main_fd)
        if process.poll() is None:
            process.kill()


def test_interactive_prompts_on_a_terminal(tmp_path: Path, validator: Validator) -> None:
    path = tmp_path / "auch.yaml"
    answers = [
        ("Contrat de ville", "CN0320M"),
        ("Contrat de ville", "aucune ville de ce nom"),
        ("Contrat de ville", "auch"),
        ("Titre de la convention", "Convention data d'Auch"),
        ("Autre partenaire", "21320013"),  # mistyped: asked again, nothing lost
        ("Autre partenaire", "534320015:PUBLIC_OPERATOR,DATA_PRODUCER"),
        ("Autre partenaire", ""),
    ]
    code, transcript = _pty_session(["new", "-o", str(path)], answers)
    assert code == 0, transcript
    assert "Codes les plus proches : CN03201M" in transcript
    assert "Aucun contrat de ville pour « aucune ville de ce nom »" in transcript
    assert "neuf chiffres" in transcript
    data = _load(path)
    assert data["title"] == "Convention data d'Auch"
    assert data["covered_qpv"] == [q.code for q in reference_data().territory_qpv("32013")]
    assert "534320015" in {p["siren"] for p in data["parties"]}
    assert [f.code for f in validator.validate_file(path).findings if f.code != "CV325"] == ["CV407"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Auch", "CN03201M"),
        ("nantes", "CN04403I"),
        ("NANTES MÉTROPOLE", "CN04403I"),
        ("St-Étienne", "CN04203M"),
        ("saint etienne", "CN04203M"),
        ("213200132", "CN03201M"),  # the commune's SIREN
        ("32013", "CN03201M"),  # its INSEE code
        ("Plaine Commune", "CN09302I"),  # an EPT
    ],
)
def test_a_contract_is_found_by_the_names_a_lawyer_knows(query: str, code: str) -> None:
    result = run("new", "--contract", query, "--format", "yaml")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout)["city_contract"]["code"] == code


def test_a_name_of_several_contracts_lists_them() -> None:
    result = run("new", "--contract", "Cayenne", "--format", "yaml")
    assert result.returncode == 2 and "plusieurs contrats" in result.stderr
    assert "CN97301I" in result.stderr and result.stdout == ""


def test_the_wizard_offers_a_choice_among_several_contracts(tmp_path: Path) -> None:
    path = tmp_path / "cayenne.yaml"
    answers = [
        ("Contrat de ville", "cayenne"),
        ("Numéro du contrat", "9"),  # out of range: asked again
        ("Numéro du contrat", "2"),
        ("Titre de la convention", ""),
        ("Autre partenaire", ""),
    ]
    code, transcript = _pty_session(["new", "-o", str(path)], answers)
    assert code == 0, transcript
    assert "Plusieurs contrats de ville pour « cayenne »" in transcript
    chosen = next(line for line in transcript.splitlines() if line.strip().startswith("2. "))
    assert _load(path)["city_contract"]["code"] in chosen
