"""The convention the parties sign (`convention-validator render`): HTML, Markdown and PDF.

Each format is rendered once per module; the PDF is read back with poppler (pdfinfo,
pdftotext, pdftoppm) and the HTML is opened in headless Chromium.
"""

from __future__ import annotations

import html
import json
import os
import pty
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from support import EXAMPLES, ROOT, VALID, chromium_command, load_document, load_expected
from support import INVALID as INVALID_EXAMPLES

sys.path.insert(0, str(ROOT / "scripts"))

CLI = [str(Path(sys.executable).parent / "convention-validator")]
NANTES = EXAMPLES / "valid" / "nantes-metropole.jsonld"
INVALID = EXAMPLES / "invalid" / "rules-personal-data-as-open-data.jsonld"
BROKEN_STRUCTURE = EXAMPLES / "invalid" / "structure-roles-not-a-list.jsonld"
LABELS = json.loads((ROOT / "src" / "convention_validator" / "render" / "labels.json").read_text(encoding="utf-8"))
FREE_TEXT_KEYS = {"title", "description", "text", "name", "function", "charter", "cost_basis", "reuse_conditions"}
FREE_TEXT_KEYS |= {
    "quality_level",
    "consequence_of_miss",
    "definition",
    "term",
    "preamble",
    "subject_matter",
    "liability",
}
FREE_TEXT_KEYS |= {"confidentiality", "entry_into_force", "amendment_procedure", "mediation", "withdrawal_effects"}
FREE_TEXT_KEYS |= {"accession_procedure", "derived_results_rights", "destruction_conditions", "article"}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *args], capture_output=True, cwd=cwd, check=False, timeout=120)


def normalise(text: str) -> str:
    """One line of text: automatic hyphenation undone, every run of spaces (NBSP included) one space."""
    text = re.sub("\u2010\\s*\n\\s*", "", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _TextExtractor()
    parser.feed(page)
    return normalise(" ".join(parser.parts))


def markdown_text(text: str) -> str:
    return normalise(re.sub(r"\\([\\`*_\[\]<>|#])", r"\1", text))


@dataclass(frozen=True)
class Pdf:
    path: Path
    pages: list[str]  # text of each page (pdftotext, reading order)

    @property
    def text(self) -> str:
        return normalise(" ".join(self.pages))


def read_pdf(path: Path) -> Pdf:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")[:count]
    assert len(pages) == count
    return Pdf(path, pages)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """HTML and Markdown of every valid example, through the CLI."""
    out = tmp_path_factory.mktemp("annexes")
    found: dict[str, dict[str, str]] = {}
    for example in VALID:
        found[example.name] = {}
        for fmt in ("html", "md"):
            target = out / f"{example.stem}-{example.suffix[1:]}.{fmt}"
            result = run_cli("render", str(example), "--format", fmt, "-o", str(target))
            assert result.returncode == 0, result.stderr.decode()
            found[example.name][fmt] = target.read_text(encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def nantes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    target = tmp_path_factory.mktemp("pdf") / "nantes.pdf"
    result = run_cli("render", str(NANTES), "-o", str(target))  # format from the suffix
    assert result.returncode == 0, result.stderr.decode()
    return read_pdf(target)


@pytest.fixture(scope="module")
def invalid_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pdf, subprocess.CompletedProcess[bytes]]:
    target = tmp_path_factory.mktemp("pdf") / "invalid.pdf"
    result = run_cli("render", str(INVALID), "--format", "pdf", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    return read_pdf(target), result


def dataset_titles(document: dict[str, Any]) -> list[str]:
    return [normalise(d["title"]) for d in document["datasets"]]


def party_names(document: dict[str, Any]) -> list[str]:
    return [normalise(p["name"]) for p in document["parties"]]


def _free_text(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _free_text(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _free_text(v, key)]
    return [str(value)] if key in FREE_TEXT_KEYS else []


def raw_codes(document: dict[str, Any]) -> set[str]:
    """Codes of the standard's lists used in the document that the annex must write as labels.

    A code that is its own label (CSV), or that also occurs in a label or in the document's own
    prose (QPV), may legitimately appear and is left out.
    """
    labels = {v for enum in LABELS["enums"].values() for entry in enum["values"].values() for v in entry.values()}
    codes = {code for enum in LABELS["enums"].values() for code, entry in enum["values"].items() if entry["fr"] != code}
    prose = " ".join(_free_text(document)) + " " + " ".join(labels)

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    used = {s for s in strings(document) if s in codes}
    return {code for code in used if not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", prose)}


def assert_no_code(text: str, codes: set[str]) -> None:
    leaked = sorted(code for code in codes if re.search(rf"(?<![\w./:-]){re.escape(code)}(?![\w-])", text))
    assert leaked == [], f"raw codes shown instead of labels: {leaked}"


# -- content --------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.name)
def test_every_dataset_and_party_appears_in_html_and_markdown(
    rendered: dict[str, dict[str, str]], example: Path
) -> None:
    document = load_document(example)
    page, markdown = html_text(rendered[example.name]["html"]), markdown_text(rendered[example.name]["md"])
    for text in (page, markdown):
        missing = [t for t in dataset_titles(document) + party_names(document) if t not in text]
        assert missing == []
        assert normalise(document["title"]) in text
        for index in range(1, len(document["datasets"]) + 1):
            assert f"Annexe {index} – Fiche du jeu de données" in text


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.name)
def test_codes_are_written_as_french_labels(rendered: dict[str, dict[str, str]], example: Path) -> None:
    document = load_document(example)
    codes = raw_codes(document)
    assert codes, "the example uses coded values"
    assert_no_code(html_text(rendered[example.name]["html"]), codes)
    assert_no_code(markdown_text(rendered[example.name]["md"]), codes)


def test_nantes_labels_durations_and_dates_read_as_french(rendered: dict[str, dict[str, str]]) -> None:
    for text in (html_text(rendered[NANTES.name]["html"]), markdown_text(rendered[NANTES.name]["md"])):
        for expected in (
            "Restreint aux partenaires désignés",
            "Licence Ouverte / Open Licence 2.0 (Etalab)",
            "Open Database License 1.0 (ODbL)",
            "Données privées d'intérêt général",
            "trimestriel",
            "Quartier prioritaire",
            "Durée de conservation 5 ans" if text.startswith("<") else "5 ans",
            "du 1er juillet 2024 au 31 décembre 2030",
            "27 juin 2024",
            "Préfecture de la Loire-Atlantique, Nantes Métropole",  # the committee's co-chairs
            "Bellevue (QN04405M)",
        ):
            assert expected in text
        for code in ("RESTRICTED", "etalab-2.0", "P5Y", "P18M", "2024-06-27", "organisation:244400404"):
            assert code not in text
        assert "Valide : aucune erreur ni aucun avertissement" in text
        assert "NON VALIDE" not in text


def test_every_dataset_sheet_lists_every_agreed_term(rendered: dict[str, dict[str, str]]) -> None:
    page = rendered[NANTES.name]["html"]
    sheets = page.split('<article class="sheet"')[1:]
    assert len(sheets) == 14
    terms = [
        "producer",
        "category",
        "access_level",
        "licence",
        "purposes",
        "recipients",
        "spatial_granularity",
        "temporal_granularity",
        "update_frequency",
        "formats",
        "hosting",
        "transfer",
        "retention_period",
        "destruction",
        "security",
        "cost",
    ]
    for sheet in sheets:
        missing = [term for term in terms if f'class="term-{term}"' not in sheet]
        assert missing == []
    assert html_text(page).count("point non fixé par la convention") > 0  # absent terms are said to be absent


def test_amount_is_written_in_euros_french_style(rendered: dict[str, dict[str, str]]) -> None:
    text = html_text(rendered["cayenne.jsonld"]["html"])
    assert "Payant : 1 800,50 € HT, forfait annuel" in text


def test_html_is_self_contained(rendered: dict[str, dict[str, str]]) -> None:
    page = rendered[NANTES.name]["html"]
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "url(" not in page and "@import" not in page
    assert '<html lang="fr">' in page


def test_yaml_and_json_ld_give_the_same_annex(rendered: dict[str, dict[str, str]]) -> None:
    def neutral(text: str) -> str:  # the file name and its SHA-256 differ, nothing else
        return re.sub(
            r"[0-9a-f]{64}", "SHA", text.replace("grand-auch.jsonld", "SOURCE").replace("grand-auch.yaml", "SOURCE")
        )

    json_md = neutral(rendered["grand-auch.jsonld"]["md"])
    yaml_md = neutral(rendered["grand-auch.yaml"]["md"])
    assert json_md == yaml_md


# -- PDF ------------------------------------------------------------------------------------------


def test_pdf_shows_every_dataset_and_party(nantes_pdf: Pdf) -> None:
    document = load_document(NANTES)
    text = nantes_pdf.text
    missing = [t for t in dataset_titles(document) + party_names(document) if t not in text]
    assert missing == []
    assert "page 1 / " in text and f"page {len(nantes_pdf.pages)} / {len(nantes_pdf.pages)}" in text
    assert_no_code(text, raw_codes(document))


def test_each_dataset_sheet_starts_on_its_own_page(nantes_pdf: Pdf) -> None:
    document = load_document(NANTES)
    count = len(document["datasets"])
    assert len(nantes_pdf.pages) >= count + 4  # title page, parties, articles, signatures, then the sheets
    first_pages = []
    for index, title in enumerate(dataset_titles(document), start=1):
        marker = f"ANNEXE {index} – FICHE DU JEU DE DONNÉES"  # the sheet's heading (upper case in print)
        holding = [n for n, page in enumerate(nantes_pdf.pages) if marker in normalise(page)]
        assert len(holding) == 1, f"sheet {index} heading on pages {holding}"
        page = normalise(nantes_pdf.pages[holding[0]])
        before, after = page.split(marker, 1)
        assert after.strip().startswith(title)
        # Nothing but the running header (and, for the first sheet, the chapter heading) comes first.
        header = normalise(document["title"])
        before = before.replace(header, "").replace(f"· Annexe {index} – Fiche du jeu de données", "")
        assert before.strip() == "", f"sheet {index} does not start its page: {before!r}"
        first_pages.append(holding[0])
    assert first_pages == sorted(set(first_pages))


def _png(pdf: Path, page: int, out: Path) -> Image.Image:
    prefix = out / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    image = Image.open(prefix.with_suffix(".png"))
    image.load()
    return image


def _ink(image: Image.Image) -> tuple[float, int]:
    """Share of non-white pixels, and how many pixels are strongly coloured (not grey)."""
    rgb = image.convert("RGB")
    pixels = list(rgb.getdata())
    dark = sum(1 for r, g, b in pixels if min(r, g, b) < 200)
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 60)
    return dark / len(pixels), coloured


def test_pages_print_as_real_a4_images(nantes_pdf: Pdf, tmp_path: Path) -> None:
    sheet_page = next(n for n, p in enumerate(nantes_pdf.pages, 1) if "ANNEXE 1 – FICHE" in p)
    for page in (1, sheet_page):
        image = _png(nantes_pdf.path, page, tmp_path)
        width, height = image.size
        assert 380 <= width <= 440 and abs(height / width - 297 / 210) < 0.02  # A4 at 50 dpi
        ink, coloured = _ink(image)
        assert 0.01 < ink < 0.5, f"page {page}: {ink:.1%} ink"
        assert coloured > 200, f"page {page}: no coloured headings"


# -- invalid conventions --------------------------------------------------------------------------


def test_invalid_convention_renders_with_banner_and_findings(
    invalid_pdf: tuple[Pdf, subprocess.CompletedProcess[bytes]], tmp_path: Path
) -> None:
    pdf, result = invalid_pdf
    assert "NON VALIDE" in result.stderr.decode()
    first = normalise(pdf.pages[0])
    assert first.startswith("NON VALIDE") and "1 erreur" in first
    assert all("NON VALIDE" in page for page in pdf.pages)  # footer of every page
    assert "CV301" in pdf.text and "Occupation du parc social et vacance au Grand Garros" in pdf.text
    _, coloured = _ink(_png(pdf.path, 1, tmp_path))
    assert coloured > 200  # the red banner


@pytest.mark.parametrize("example", [INVALID, BROKEN_STRUCTURE], ids=lambda p: p.name)
def test_invalid_convention_markdown_carries_banner_and_findings(example: Path) -> None:
    result = run_cli("render", str(example), "--format", "md")
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert text.startswith("> **NON VALIDE**")
    assert f"| Erreur | {load_expected(example)['code']} |" in text


def test_every_invalid_example_renders_with_its_finding() -> None:
    from convention_validator.render import annex_for_file, render_html, render_markdown

    for example in INVALID_EXAMPLES:
        expected = load_expected(example)
        annex = annex_for_file(example)
        page, markdown = html_text(render_html(annex)), markdown_text(render_markdown(annex))
        assert expected["code"] in page and expected["code"] in markdown, example.name
        if expected["severity"] == "error":
            assert not annex.validation.valid and "NON VALIDE" in page and "NON VALIDE" in markdown, example.name
        else:
            assert annex.validation.valid and "NON VALIDE" not in page, example.name
            assert "Valide, avec 1 avertissement" in page and "Valide, avec 1 avertissement" in markdown


# -- browser --------------------------------------------------------------------------------------


def test_html_opens_in_headless_chromium(rendered: dict[str, dict[str, str]], tmp_path: Path) -> None:
    page = tmp_path / "annexe.html"
    page.write_text(rendered[NANTES.name]["html"], encoding="utf-8")
    profile = tmp_path / "profile"
    result = subprocess.run(
        [*chromium_command(profile), "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert dom.count('<article class="sheet"') == 14
    text = html.unescape(dom)
    for title in dataset_titles(load_document(NANTES)):
        assert title in normalise(text)


# -- command line ---------------------------------------------------------------------------------


def test_unreadable_input_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "convention.jsonld"
    broken.write_text('{"title": "x",\n  "parties": [\n', encoding="utf-8")
    target = tmp_path / "annexe.html"
    target.write_text("previous annex", encoding="utf-8")
    result = run_cli("render", str(broken), "-o", str(target))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "impossible de produire la convention" in stderr and "CV003" in stderr and "Traceback" not in stderr
    assert target.read_text(encoding="utf-8") == "previous annex"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annexe.html", "convention.jsonld"]

    missing = run_cli("render", str(tmp_path / "absent.jsonld"), "--lang", "en")
    assert missing.returncode == 2 and "cannot render the convention" in missing.stderr.decode()


def test_output_is_replaced_atomically_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "annexe.md"
    target.write_text("old", encoding="utf-8")
    result = run_cli("render", str(EXAMPLES / "valid" / "grand-auch.yaml"), "-o", str(target))
    assert result.returncode == 0
    assert "\n# Convention de partenariat de données" in target.read_text(encoding="utf-8")  # Markdown from the suffix
    assert target.stat().st_mode & 0o044  # readable by others, like any file the user writes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annexe.md"]
    assert "Convention écrite dans" in result.stderr.decode()

    unwritable = run_cli("render", str(NANTES), "-o", str(tmp_path / "absent-folder" / "annexe.html"))
    assert unwritable.returncode == 2 and "Impossible d'écrire" in unwritable.stderr.decode()


def test_pdf_is_not_written_to_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [*CLI, "render", str(NANTES), "--format", "pdf"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert "-o FICHIER.pdf" in result.stderr.decode()


def test_missing_pango_points_to_make_system_deps(tmp_path: Path) -> None:
    """Pango cannot be removed from the test machine: the import failure WeasyPrint raises is injected."""
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import sys\n"
        "class NoPango:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'weasyprint':\n"
        "            raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: no such file\")\n"
        "        return None\n"
        "sys.meta_path.insert(0, NoPango())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [*CLI, "render", str(NANTES), "-o", str(tmp_path / "a.pdf")],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "make system-deps" in stderr and "Pango" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "a.pdf").exists()
    html_result = subprocess.run(
        [*CLI, "render", str(NANTES), "--format", "html"], capture_output=True, env=env, cwd=ROOT, check=False
    )
    assert html_result.returncode == 0  # HTML and Markdown need no PDF engine


def test_labels_file_is_in_sync_with_the_schema() -> None:
    from generate_labels import TARGET, build_labels, serialise

    assert TARGET.read_text(encoding="utf-8") == serialise(build_labels()), "run scripts/generate_labels.py"


def test_cli_stays_light_at_start_up() -> None:
    code = (
        "import sys, convention_validator.cli;"
        "heavy = sorted(m for m in ('jinja2', 'weasyprint') if m in sys.modules); print(heavy); sys.exit(bool(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("P5Y", "5 ans"),
        ("P1Y", "1 an"),
        ("P6M", "6 mois"),
        ("P1Y6M", "1 an et 6 mois"),
        ("P7D", "7 jours"),
        ("PT12H", "12 heures"),
        ("P2Y3M1D", "2 ans, 3 mois et 1 jour"),
        ("cinq ans", "cinq ans"),
    ],
)
def test_durations_are_written_in_french_words(value: str, expected: str) -> None:
    from convention_validator.render.french import french_duration

    assert normalise(french_duration(value)) == expected


def test_dates_and_amounts_are_written_the_french_way() -> None:
    from convention_validator.render.french import french_amount, french_date

    assert french_date("2024-06-14") == "14 juin 2024"
    assert french_date("2024-07-01") == "1er juillet 2024"
    assert french_date("14/06/2024") == "14/06/2024"  # not a date: left as written
    assert normalise(french_amount(1800.5)) == "1 800,50 €"
    assert normalise(french_amount(300)) == "300 €"
    assert normalise(french_amount(1234567, "USD")) == "1 234 567 USD"
