"""`convention-validator render --amendment OLD NEW`: the avenant, worded from the changes `diff` finds.

The old version of Cayenne is rebuilt by reverting what its avenant n° 1 recorded (its description):
La Banque Postale enters the partnership, and the bank-inclusion and dengue datasets are added.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from support import EXAMPLES, load_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_render import html_text, markdown_text, normalise, read_pdf, run_cli

CAYENNE = EXAMPLES / "valid" / "cayenne.jsonld"
BANK = "organisation:421100017"
RESTRICTED = next(  # the first restricted dataset with a retention period
    i
    for i, d in enumerate(load_document(CAYENNE)["datasets"])
    if d["sharing"]["access_level"] == "RESTRICTED" and "retention_period" in d["protection"]
)


def cayenne_before_amendment() -> dict[str, Any]:
    new = load_document(CAYENNE)
    old: dict[str, Any] = copy.deepcopy(new)
    added = [d["id"] for d in new["datasets"] if "inclusion" in d["id"] or "dengue" in d["id"]]
    assert len(added) == 2
    old["parties"] = [p for p in old["parties"] if p["id"] != BANK]
    old["datasets"] = [d for d in old["datasets"] if d["id"] not in added]
    old["commitments"] = [
        c
        for c in old["commitments"]
        if not set(c.get("concerns_datasets", [])) & set(added) and c["obliged_party"] != BANK
    ]
    governance = old["framework"]["governance"]
    governance["members"] = [m for m in governance["members"] if m != BANK]
    old["framework"]["work_programme"] = [
        w for w in old["framework"]["work_programme"] if not set(w.get("uses_datasets", [])) & set(added)
    ]
    old["annexes"] = [a for a in old["annexes"] if not a["title"].startswith("Avenant")]
    old["data_provision_agreements"] = []
    old.update(id=new["replaces"], version="1.0", status="SIGNED", signed_on="2025-06-26")
    old.pop("replaces")
    return old


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("avenant")
    old = folder / "cayenne-v1.0.jsonld"
    old.write_text(json.dumps(cayenne_before_amendment(), ensure_ascii=False, indent=2), encoding="utf-8")
    return old, CAYENNE


@pytest.fixture(scope="module")
def avenant(versions: tuple[Path, Path]) -> dict[str, str]:
    old, new = versions
    found = {}
    for fmt in ("html", "md"):
        result = run_cli("render", "--amendment", str(old), str(new), "--format", fmt)
        assert result.returncode == 0, result.stderr.decode()
        found[fmt] = result.stdout.decode("utf-8")
    return found


def test_avenant_has_title_visas_articles_and_final_article(avenant: dict[str, str]) -> None:
    for text in (html_text(avenant["html"]), markdown_text(avenant["md"])):
        marks = [
            "Avenant n° 1 à la convention de partenariat de données du contrat de ville de Cayenne 2025-2030",
            "Entre :",
            "Vu la convention de partenariat de données du contrat de ville de Cayenne 2025-2030, "
            "signée le 26 juin 2025 (version 1.0)",
            "Vu l'article 11 de la convention, relatif à sa modification",
            "Il est convenu ce qui suit",
            "Article 1er – Parties",
            "La liste des parties à la convention est ainsi modifiée",
            "L'article 3 de la convention (Engagements de chaque partie) est ainsi modifié",
            "L'article 9 de la convention (Gouvernance) est ainsi modifié",
            "Les autres stipulations de la convention demeurent inchangées",
            "Signatures",
            "Annexe 1 au présent avenant – Fiche du jeu de données",
        ]
        positions = [text.find(mark) for mark in marks]
        assert -1 not in positions, [m for m, p in zip(marks, positions, strict=True) if p == -1]
        assert positions == sorted(positions)
        assert "Il est ajouté un alinéa ainsi rédigé : « La Banque Postale (SIREN 421100017), représentée par" in text
        assert "la mention « La Banque Postale » est ajoutée" in text
        assert "Inclusion bancaire des habitants des quartiers prioritaires de Cayenne" in text
        assert "La convention modifiée par le présent avenant porte le numéro de version 1.1" in text
        assert "Rapport de contrôle automatique (document non contractuel)" in text


def test_avenant_signature_blocks_are_those_of_the_new_signatories(avenant: dict[str, str]) -> None:
    document = load_document(CAYENNE)
    signatories = [p for p in document["parties"] if "SIGNATORY" in p["roles"]]
    text = html_text(avenant["html"])
    signatures = text[text.index("Signatures Fait à") : text.index("Annexe 1 au présent avenant")]
    assert signatures.count("Pour ") == len(signatories)
    assert "Pour La Banque Postale," in signatures and "Pour l'État," in signatures
    assert "le 19 mars 2026" in signatures


def test_every_stipulation_change_found_by_diff_is_worded(versions: tuple[Path, Path]) -> None:
    from convention_validator.authoring.diff import diff_conventions
    from convention_validator.render import amendment_for_files

    old, new = versions
    amendment = amendment_for_files(old, new)
    changes = diff_conventions(load_document(old), load_document(new))
    ignored = {"status", "version", "signed_on", "replaces", "description", "id"}
    worded = [c for c in changes if not (c.entity == "convention" and (c.field or "").split(".")[0] in ignored)]
    items = sum(max(1, len(block.items)) for article in amendment.articles[:-1] for block in article.blocks)
    assert items == len(worded)
    assert amendment.number == "1" and len(amendment.sheets) == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.update(liability=d["liability"].replace("Chaque partie", "Chacune des parties")),
            "Les mots « Chaque partie » sont remplacés par les mots « Chacune des parties »",
        ),
        (
            lambda d: d["termination"].update(notice_period="P6M"),
            "À la rubrique « Préavis », les mots « 3 mois » sont remplacés par les mots « 6 mois »",
        ),
        (
            lambda d: d["datasets"][RESTRICTED]["sharing"].update(access_level="PUBLIC"),
            "À la rubrique « Niveau d'accès », les mots « Restreint aux partenaires désignés » "
            "sont remplacés par les mots « Ouvert (open data) »",
        ),
        (
            lambda d: d["datasets"][RESTRICTED]["protection"].pop("retention_period"),
            "La rubrique « Durée de conservation » est supprimée",
        ),
        (lambda d: d["datasets"].pop(1), "L'annexe 2 de la convention (fiche du jeu de données"),
    ],
)
def test_changes_are_worded_in_legal_french(tmp_path: Path, change: Any, expected: str) -> None:
    from convention_validator.findings import FileReport
    from convention_validator.render import build_amendment, render_markdown

    old = load_document(CAYENNE)
    new = copy.deepcopy(old)
    change(new)
    amendment = build_amendment(old, new, FileReport(file="b.jsonld"), old_source="a.jsonld", new_source="b.jsonld")
    text = markdown_text(render_markdown(amendment))
    assert normalise(expected) in text


def test_avenant_prints_to_pdf(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    target = tmp_path / "avenant.pdf"
    result = run_cli("render", "--amendment", str(old), str(new), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    assert "Avenant écrit dans" in result.stderr.decode()
    pdf = read_pdf(target)
    assert "Avenant n° 1" in normalise(pdf.pages[0])
    assert "Rapport de contrôle automatique" in normalise(pdf.pages[-1])


def test_one_convention_or_two_versions_not_both() -> None:
    result = run_cli("render", str(CAYENNE), "--amendment", str(CAYENNE), str(CAYENNE))
    assert result.returncode == 2 and "--amendment ANCIENNE NOUVELLE" in result.stderr.decode()
    assert run_cli("render").returncode == 2
