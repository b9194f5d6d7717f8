"""The convention as a French administrative convention: structure, signatories, draft, check page, escaping, French.

Rendered through the Python API (HTML, Markdown) and through the CLI with the real WeasyPrint (PDF,
read back with pdftotext and pdftoppm).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support import EXAMPLES, ROOT, load_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_render import html_text, markdown_text, normalise, read_pdf, run_cli

EXAMPLE_NAMES = ("nantes-metropole.jsonld", "grand-auch.jsonld", "cayenne.jsonld")
LABELS = json.loads((ROOT / "src" / "convention_validator" / "render" / "labels.json").read_text(encoding="utf-8"))
ARTICLE_TITLES = [
    "Article 1er – Objet",
    "Article 2 – Définitions",
    "Article 3 – Engagements de chaque partie",
    "Article 4 – Conditions d'accès et de réutilisation",
    "Article 5 – Protection des données personnelles",
    "Article 6 – Sécurité et confidentialité",
    "Article 7 – Propriété intellectuelle",
    "Article 8 – Coûts",
    "Article 9 – Gouvernance",
    "Article 10 – Durée et entrée en vigueur",
    "Article 11 – Modification",
    "Article 12 – Adhésion et retrait",
    "Article 13 – Résiliation et sort des données",
    "Article 14 – Responsabilité",
    "Article 15 – Règlement des différends",
    "Article 16 – Documents contractuels et ordre de priorité",
]


def render(data: dict[str, Any], tmp_path: Path, name: str = "convention.jsonld") -> tuple[str, str, Path]:
    """HTML text, Markdown and the file path of a convention written to tmp_path."""
    from convention_validator.render import convention_for_file, render_html, render_markdown

    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    convention = convention_for_file(path)
    return render_html(convention), render_markdown(convention), path


@pytest.fixture(scope="module")
def outputs() -> dict[str, tuple[str, str]]:
    from convention_validator.render import convention_for_file, render_html, render_markdown

    found = {}
    for name in EXAMPLE_NAMES:
        convention = convention_for_file(EXAMPLES / "valid" / name)
        found[name] = (render_html(convention), render_markdown(convention))
    return found


# -- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_read_as_conventions_in_order(outputs: dict[str, tuple[str, str]], name: str) -> None:
    page, markdown = outputs[name]
    for text in (html_text(page), markdown_text(markdown)):
        assert "Annexe à la convention" not in text
        marks = ["Entre :", "ci-après dénommées ensemble « les parties »", "Vu le règlement (UE) 2016/679", "Préambule"]
        marks += ["Il est convenu ce qui suit", *ARTICLE_TITLES, "Signatures", "Annexe 1 – Fiche du jeu de données"]
        marks += ["Rapport de contrôle automatique (document non contractuel)"]
        positions = [text.find(mark) for mark in marks]
        assert -1 not in positions, [m for m, p in zip(marks, positions, strict=True) if p == -1]
        assert positions == sorted(positions)
        assert (
            "Vu la loi n° 2014-173" in text and "Vu le code des relations entre le public et l'administration" in text
        )


def test_every_field_of_the_contract_is_printed(outputs: dict[str, tuple[str, str]]) -> None:
    document = load_document(EXAMPLES / "valid" / "cayenne.jsonld")
    text = html_text(outputs["cayenne.jsonld"][0])
    prose = [document[key] for key in ("preamble", "subject_matter", "liability", "confidentiality")]
    prose += [document["entry_into_force"], document["amendment_procedure"], document["termination"]["description"]]
    prose += [document["accession_and_withdrawal"][k] for k in ("accession_procedure", "withdrawal_effects")]
    prose += [document["dispute_resolution"]["mediation"], document["dispute_resolution"]["competent_court"]]
    prose += [d["term"] for d in document["definitions"]] + [c["title"] for c in document["contract_documents"]]
    prose += [c["description"] for c in document["commitments"]]
    missing = [normalise(p)[:60] for p in prose if normalise(p) not in text]
    assert missing == []
    assert "préavis de 3 mois" in text and "délai de 2 mois" in text
    assert "conservation jusqu'au terme convenu" in text  # sort des données


def test_parties_are_designated_the_french_way(outputs: dict[str, tuple[str, str]]) -> None:
    text = html_text(outputs["nantes-metropole.jsonld"][0])
    assert "l'État (Préfecture de la Loire-Atlantique, SIREN 174400010), représenté par le préfet de la région" in text
    assert (
        "la Ville de Nantes (SIREN 214401093), représentée par la maire de Nantes, dûment habilitée par la délibération"
        in text
    )
    assert "Pour l'État, Le préfet de la région Pays de la Loire" in text
    assert "Pour Préfecture" not in text
    assert "(e)" not in text and "(s)" not in text


def test_only_signatories_get_a_signature_block(tmp_path: Path) -> None:
    data = load_document(EXAMPLES / "valid" / "grand-auch.jsonld")
    data = copy.deepcopy(data)
    office = data["parties"][3]
    office["roles"] = [r for r in office["roles"] if r != "SIGNATORY"]
    page, markdown, _ = render(data, tmp_path)
    for text in (html_text(page), markdown_text(markdown)):
        signatures = text[text.index("Signatures Fait à") : text.index("Annexe 1 – Fiche")]
        assert signatures.count("Pour ") == len(data["parties"]) - 1
        assert "Office public de l'habitat du Gers" not in signatures
        between = text[text.index("Entre :") : text.index("ci-après dénommées")]
        assert "Office public de l'habitat du Gers" not in between
        assert "sans être signataires de la présente convention : Office public de l'habitat du Gers" in text


def test_signed_convention_dates_only_the_signature_block(outputs: dict[str, tuple[str, str]]) -> None:
    page = outputs["nantes-metropole.jsonld"][0]
    title_page = html_text(page[: page.index('id="parties"')])
    assert "27 juin 2024" not in title_page and "Signée" not in title_page
    signatures = html_text(page[page.index('id="signatures"') :])
    assert "Fait à …………………………, le 27 juin 2024" in signatures


def test_check_report_is_last_names_no_path_and_is_not_a_legal_opinion(tmp_path: Path) -> None:
    source = EXAMPLES / "valid" / "grand-auch.jsonld"
    target = tmp_path / "convention.pdf"
    result = run_cli("render", str(source.resolve()), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    pdf = read_pdf(target)
    last = normalise(pdf.pages[-1])
    assert "Rapport de contrôle automatique (document non contractuel)" in last
    assert "ni un avis juridique" in last and "grand-auch.jsonld" in last
    assert str(source.parent) not in pdf.text and str(ROOT) not in pdf.text
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    first = re.sub(r"\s+", "", pdf.pages[0])
    assert digest in first  # the SHA-256 of the file bytes, on the first page
    for fmt in ("html", "md"):
        text = run_cli("render", str(source.resolve()), "--format", fmt).stdout.decode()
        assert str(source.parent) not in text and digest in text


def test_draft_says_projet_on_every_page(tmp_path: Path) -> None:
    data = copy.deepcopy(load_document(EXAMPLES / "valid" / "grand-auch.jsonld"))
    data["status"] = "DRAFT"
    data.pop("signed_on", None)
    _, markdown, path = render(data, tmp_path)
    assert markdown.lstrip().startswith("> **PROJET**")
    target = tmp_path / "projet.pdf"
    result = run_cli("render", str(path), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    pdf = read_pdf(target)
    assert all("Projet" in page for page in pdf.pages)
    assert "Fait à …………………………, le …………………………" in pdf.text
    image = subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", "-singlefile", str(target), str(tmp_path / "p")],
        check=True,
    )
    assert image.returncode == 0 and (tmp_path / "p.png").stat().st_size > 1000


# -- escaping -------------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) **gras** | cellule"


def test_every_value_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    data = copy.deepcopy(load_document(EXAMPLES / "valid" / "grand-auch.jsonld"))
    data["title"] = HOSTILE
    data["datasets"][0]["title"] = HOSTILE
    data["parties"][1]["name"] = HOSTILE
    data["liability"] = HOSTILE
    data["datasets"][0]["<script>x</script>"] = "[y](javascript:alert(2))"  # an unknown key: a finding's pointer
    page, markdown, _ = render(data, tmp_path)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(?<!\\)<script", markdown)
    assert not re.search(r"(?<!\\)\[x(?<!\\)\]\(javascript", markdown)
    assert not re.search(r"(?<!\\)\[y(?<!\\)\]\(javascript", markdown)
    assert "\\<script\\>" in markdown and "\\[x\\](javascript:alert(1))" in markdown
    assert "\\*\\*gras\\*\\*" in markdown and "\\| cellule" in markdown
    assert "/datasets/0/\\<script\\>x\\</script\\>" in markdown  # the pointer, escaped too


def test_markdown_escape_covers_links_html_and_tables() -> None:
    from convention_validator.render import markdown_escape

    assert markdown_escape("[a](b) <i> | `c` # d\ne") == "\\[a\\](b) \\<i\\> \\| \\`c\\` \\# d e"
