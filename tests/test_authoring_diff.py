"""`convention-validator diff`: an amended copy of a real example lists exactly its changes."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from convention_validator.authoring.diff import diff_conventions
from convention_validator.authoring.durations import compare_durations

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"
AUCH = ROOT / "examples" / "valid" / "grand-auch.jsonld"
AUCH_YAML = ROOT / "examples" / "valid" / "grand-auch.yaml"
CAF, EMPLOYMENT, HOUSING, SUBSIDIES = 0, 1, 2, 4  # datasets of the Auch example
NEW_DATASET = "https://www.auch.fr/contrat-de-ville/2024-2030/partenariat-donnees/jeux-de-donnees/transports-garros"
NEW_PARTY = "organisation:421100017"
JSON_KEYS = {
    "kind", "entity", "entity_id", "entity_label", "pointer", "document", "field", "field_label", "old", "new",
    "old_label", "new_label", "effect", "loosens_protection", "reason", "reason_label", "message",
}  # fmt: skip


def original() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(AUCH.read_text(encoding="utf-8"))
    return data


def amended() -> dict[str, Any]:
    """The Auch convention after an amendment with seven changes."""
    data = original()
    datasets = data["datasets"]
    added = copy.deepcopy(datasets[CAF])
    added.update(id=NEW_DATASET, title="Fréquentation des lignes de bus desservant le Garros")
    removed = datasets[SUBSIDIES]
    datasets.append(added)
    datasets.remove(removed)
    datasets[HOUSING]["sharing"]["access_level"] = "PUBLIC"  # RESTRICTED -> PUBLIC
    datasets[HOUSING]["protection"]["retention_period"] = "P60M"  # P3Y -> five years
    datasets[CAF]["sharing"]["purposes"].insert(0, "ScientificResearch")
    data["parties"].append(
        {
            "id": NEW_PARTY,
            "type": "Party",
            "name": "La Banque Postale",
            "siren": "421100017",
            "party_type": "BANK",
            "roles": ["SIGNATORY", "DATA_PRODUCER"],
        }
    )
    data["adopted_clauses"][1]["text"] += "\n\nLes règles éthiques sont revues chaque année."
    return data


def summary(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {(c.kind, c.entity, c.entity_id, c.field, c.effect, c.reason) for c in diff_conventions(old, new)}


def test_amendment_lists_exactly_its_changes() -> None:
    ids = [d["id"] for d in original()["datasets"]]
    assert summary(original(), amended()) == {
        ("added", "dataset", NEW_DATASET, None, "neutral", None),
        ("removed", "dataset", ids[SUBSIDIES], None, "neutral", None),
        ("changed", "dataset", ids[HOUSING], "sharing.access_level", "loosens", "ACCESS_MORE_OPEN"),
        ("changed", "dataset", ids[HOUSING], "protection.retention_period", "loosens", "RETENTION_LENGTHENED"),
        ("changed", "dataset", ids[CAF], "sharing.purposes", "loosens", "PURPOSE_ADDED"),
        ("added", "party", NEW_PARTY, None, "neutral", None),
        ("changed", "clause", "OPERATIONAL", "text", "neutral", None),
    }


def test_changes_carry_old_and_new_values_and_pointers() -> None:
    changes = {(c.entity_id, c.field): c for c in diff_conventions(original(), amended())}
    housing = original()["datasets"][HOUSING]["id"]
    access = changes[(housing, "sharing.access_level")]
    assert (access.old, access.new, access.pointer, access.document) == (
        "RESTRICTED",
        "PUBLIC",
        "/datasets/2/sharing/access_level",
        "new",
    )
    removal = changes[(original()["datasets"][SUBSIDIES]["id"], None)]
    assert (removal.pointer, removal.document, removal.new) == ("/datasets/4", "old", None)
    assert changes[(NEW_DATASET, None)].pointer == "/datasets/4"


def test_reordering_is_not_a_change() -> None:
    data = original()
    data["datasets"].reverse()
    data["parties"].reverse()
    data["datasets"][0]["sharing"]["purposes"].reverse()
    assert diff_conventions(original(), data) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p.update(retention_period="P2Y"), ("tightens", "RETENTION_SHORTENED")),
        (lambda p: p.update(retention_period="P36M"), ("neutral", None)),  # same duration, other words
        (lambda p: p.update(retention_period="P1095DT12H"), ("loosens", "RETENTION_INCOMPARABLE")),
        (lambda p: p.pop("retention_period"), ("loosens", "RETENTION_REMOVED")),
        (lambda p: p.pop("destruction_conditions"), ("loosens", "DESTRUCTION_REMOVED")),
        (lambda p: p.update(personal_data="PSEUDONYMISED"), ("loosens", "PERSONAL_DATA_MORE_IDENTIFYING")),
        (lambda p: p.update(statistical_secrecy_threshold=5), ("loosens", "SECRECY_THRESHOLD_LOWERED")),
        (lambda p: p["hosting"].update(hosting_location="OUTSIDE_EUROPEAN_UNION"), ("loosens", "TRANSFER_OUTSIDE_EU")),
        (lambda p: p["transfer"].update(encrypted=False), ("loosens", "ENCRYPTION_REMOVED")),
        (lambda p: p["technical_measures"].remove("AccessControlMethod"), ("loosens", "SECURITY_MEASURE_REMOVED")),
    ],
)
def test_protection_terms_are_classified(change: Any, expected: tuple[str, str | None]) -> None:
    """P1095D is never longer than P3Y (three years hold 1095 or 1096 days); P1095DT12H is incomparable."""
    data = original()
    change(data["datasets"][HOUSING]["protection"])
    assert [(c.effect, c.reason) for c in diff_conventions(original(), data)] == [expected]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda u: u["prohibitions"].pop(0), ("loosens", "PROHIBITION_REMOVED")),
        (lambda u: u["obligations"].pop(0), ("loosens", "OBLIGATION_REMOVED")),
        (lambda u: u["permissions"].append({"action": "distribute"}), ("loosens", "PERMISSION_ADDED")),
        (lambda u: u["permissions"].pop(1), ("tightens", "PERMISSION_REMOVED")),
    ],
)
def test_usage_policy_changes_are_classified(change: Any, expected: tuple[str, str | None]) -> None:
    """A DPO sees a removed prohibition or duty, or a new permission, as a loosening."""
    data = original()
    change(data["datasets"][HOUSING]["usage_policy"])
    assert [(c.effect, c.reason) for c in diff_conventions(original(), data)] == [expected]


def test_finer_granularity_and_more_permissive_licence_loosen() -> None:
    data = original()
    data["datasets"][CAF]["spatial_granularity"] = "BUILDING"  # QPV -> building
    data["datasets"][CAF]["sharing"]["licence"] = "CC0-1.0"  # attribution -> public domain
    data["datasets"][HOUSING]["sharing"]["access_level"] = "NON_PUBLIC"
    assert {(c.field, c.effect, c.reason) for c in diff_conventions(original(), data)} == {
        ("spatial_granularity", "loosens", "GRANULARITY_FINER"),
        ("sharing.licence", "loosens", "LICENCE_MORE_PERMISSIVE"),
        ("sharing.access_level", "tightens", "ACCESS_MORE_CLOSED"),
    }


@pytest.mark.parametrize(
    ("old", "new", "order"),
    [
        ("P3Y", "P5Y", 1),
        ("P3Y", "P36M", 0),
        ("P3Y", "P1095D", -1),
        ("P3Y", "P1095DT12H", None),
        ("P18M", "P1Y", -1),
        ("P1M", "P30D", None),
        ("P1Y", "P366D", 1),
        ("PT24H", "P1D", 0),
        ("P1Y", "trois ans", None),
    ],
)
def test_durations_follow_the_xml_schema_order(old: str, new: str, order: int | None) -> None:
    assert compare_durations(old, new) == order


# --- the command ---------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL, env=env, timeout=60
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("diff")
    paths = {"amended": folder / "avenant-1.jsonld", "tightened": folder / "avenant-2.jsonld"}
    paths["amended"].write_text(json.dumps(amended(), ensure_ascii=False, indent=2), encoding="utf-8")
    tightened = original()
    tightened["datasets"][HOUSING]["protection"]["retention_period"] = "P2Y"
    tightened["version"] = "1.1"
    paths["tightened"].write_text(json.dumps(tightened, ensure_ascii=False, indent=2), encoding="utf-8")
    paths["broken"] = folder / "broken.jsonld"
    paths["broken"].write_text('{"title": "x",}', encoding="utf-8")
    return paths


def test_identical_files_show_no_change(files: dict[str, Path]) -> None:
    result = run("diff", str(AUCH), str(AUCH_YAML), "--fail-on", "any")
    assert result.returncode == 0, result.stderr
    assert "aucun changement" in result.stdout


def test_text_report_reads_like_a_dpo_note(files: dict[str, Path]) -> None:
    result = run("diff", str(AUCH), str(files["amended"]))
    assert result.returncode == 0
    assert "7 changements, dont 3 assouplissements de la protection" in result.stdout
    assert (
        "Jeu de données « Occupation du parc social et vacance au Grand Garros » : Conditions de partage › "
        "Niveau d'accès : "
        "Restreint aux partenaires désignés (RESTRICTED) -> Ouvert (open data) (PUBLIC) "
        "(assouplit la protection : accès plus ouvert)"
    ) in result.stdout
    assert "Finalités : ajout de [Recherche scientifique (ScientificResearch)] (assouplit" in result.stdout
    assert "Durée de conservation : P3Y -> P60M (assouplit la protection : conservation allongée)" in result.stdout
    assert "…ble du partenariat local.\n\nLes règles éthiques sont revues chaque année." not in result.stdout
    assert "-> …" in result.stdout and "Les règles éthiques sont revues chaque année." in result.stdout
    assert "Partie ajoutée : « La Banque Postale (SIREN 421100017) »" in result.stdout
    assert "Jeu de données retiré : « Subventions accordées au titre du contrat de ville d'Auch »" in result.stdout
    english = run("diff", str(AUCH), str(files["amended"]), "--lang", "en").stdout
    assert (
        "Sharing terms › Access level: Restricted to named partners (RESTRICTED) -> Public (open data) (PUBLIC)"
        in english
    )
    assert "(loosens protection: more open access)" in english


def test_fail_on_loosening_only_when_protection_loosens(files: dict[str, Path]) -> None:
    assert run("diff", str(AUCH), str(files["amended"]), "--fail-on", "loosening").returncode == 1
    assert run("diff", str(AUCH), str(files["tightened"]), "--fail-on", "loosening").returncode == 0
    assert run("diff", str(AUCH), str(files["tightened"]), "--fail-on", "any").returncode == 1
    assert run("diff", str(AUCH), str(files["amended"])).returncode == 0  # default: none


def test_json_report_is_schema_stable(files: dict[str, Path]) -> None:
    result = run("diff", str(AUCH), str(files["amended"]), "--format", "json")
    report = json.loads(result.stdout)
    assert report["format_version"] == 1
    assert report["summary"] == {"changes": 7, "added": 2, "removed": 1, "changed": 4, "loosening": 3}
    assert all(set(change) == JSON_KEYS for change in report["changes"])
    access = next(c for c in report["changes"] if c["field"] == "sharing.access_level")
    assert (access["old"], access["new"], access["old_label"]) == (
        "RESTRICTED",
        "PUBLIC",
        "Restreint aux partenaires désignés (RESTRICTED)",
    )
    assert (access["reason"], access["loosens_protection"]) == ("ACCESS_MORE_OPEN", True)
    empty = json.loads(run("diff", str(AUCH), str(AUCH), "--format", "json").stdout)
    assert set(empty) == set(report) and empty["changes"] == []


def test_unreadable_input_exits_2_with_a_located_message(files: dict[str, Path]) -> None:
    result = run("diff", str(AUCH), str(files["broken"]))
    assert result.returncode == 2 and result.stdout == ""
    assert f"{files['broken']}:1:" in result.stderr and "CV003" in result.stderr and "Traceback" not in result.stderr
    missing = run("diff", str(AUCH), str(files["broken"].with_name("absent.jsonld")))
    assert missing.returncode == 2 and "CV001" in missing.stderr
