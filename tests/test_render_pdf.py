"""The archival PDF (`render -o x.pdf`): PDF/A-3b, tagged, in French, carrying its source file.

Everything is read back with real tools: poppler (pdfinfo, pdfinfo -meta, pdfdetach, pdftotext,
pdftoppm), the project's validator on the extracted file, and a small reader of the PDF's own
objects (object streams included) for what poppler does not print: the catalog's /Lang, /AF,
/MarkInfo and the associated file's /AFRelationship and MIME type. veraPDF is not available here,
so these are the PDF/A-3 and PDF/UA checks that can be run, not a conformance certificate.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from convention_validator.findings import Severity
from convention_validator.render.documents import convention_date, render_pdf, source_sha256
from convention_validator.validator import Validator
from support import EXAMPLES

CLI = [str(Path(sys.executable).parent / "convention-validator")]
AUCH = EXAMPLES / "valid" / "grand-auch.jsonld"
AUCH_YAML = EXAMPLES / "valid" / "grand-auch.yaml"
SMALL_HTML = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>'
    "<body><h1>Convention</h1><p>Texte de la convention.</p></body></html>"
)
HOSTILE_TITLE = 'Convention <script>alert("x")</script> & <b>gras</b>'


# --- reading the PDF back ---------------------------------------------------------------------


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(path)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def xmp(path: Path) -> str:
    """The XMP metadata packet, as poppler reads it (decompressed)."""
    return _run("pdfinfo", "-meta", str(path))


def embedded_names(path: Path) -> list[str]:
    lines = _run("pdfdetach", "-list", str(path)).splitlines()
    assert re.fullmatch(r"\d+ embedded files", lines[0])
    return [line.split(": ", 1)[1] for line in lines[1:]]


def extract(path: Path, out: Path) -> Path:
    _run("pdfdetach", "-save", "1", "-o", str(out), str(path))
    return out


_OBJECT_WITH_STREAM = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*stream\r?\n", re.S)
_PLAIN_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)


@dataclass(frozen=True)
class PdfObjects:
    """The PDF's objects: dictionaries as text, streams as (dictionary, decoded bytes)."""

    plain: dict[int, str]
    streams: dict[int, tuple[str, bytes]]

    def catalog(self) -> str:
        return next(text for text in self.plain.values() if re.search(r"/Type\s*/Catalog\b", text))

    def referenced(self, text: str, key: str) -> list[int]:
        match = re.search(rf"/{key}\s*\[([^\]]*)\]", text) or re.search(rf"/{key}\s+(\d+ 0 R)", text)
        assert match, f"/{key} missing from {text[:200]}"
        return [int(n) for n in re.findall(r"(\d+) 0 R", match.group(1))]


def read_objects(data: bytes) -> PdfObjects:
    """Every object of a PDF written by WeasyPrint (pydyf): top-level ones and those in object streams."""
    plain: dict[int, str] = {}
    streams: dict[int, tuple[str, bytes]] = {}
    for match in _OBJECT_WITH_STREAM.finditer(data):
        dictionary = match.group(2).decode("latin-1")
        length = re.search(r"/Length (\d+)(?! 0 R)", dictionary)
        assert length, dictionary
        raw = data[match.end() : match.end() + int(length.group(1))]
        content = zlib.decompress(raw) if "/FlateDecode" in dictionary else raw
        streams[int(match.group(1))] = (dictionary, content)
        if re.search(r"/Type\s*/ObjStm", dictionary):
            first = int(re.search(r"/First (\d+)", dictionary).group(1))  # type: ignore[union-attr]
            header = [int(n) for n in content[:first].split()]
            numbers, offsets = header[0::2], header[1::2]
            ends = [*offsets[1:], len(content) - first]
            for number, start, end in zip(numbers, offsets, ends, strict=True):
                plain[number] = content[first + start : first + end].decode("latin-1").strip()
    for match in _PLAIN_OBJECT.finditer(data):
        number = int(match.group(1))
        if number not in streams and b"stream" not in match.group(2):
            plain.setdefault(number, match.group(2).decode("latin-1"))
    return PdfObjects(plain, streams)


def ink_ratio(image: Image.Image) -> float:
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:200]) / (grey.width * grey.height)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run([*CLI, *args], capture_output=True, check=False, timeout=180, env=environment)


# --- fixtures: one rendering each ---------------------------------------------------------------


@pytest.fixture(scope="module")
def auch_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("archive") / "grand-auch.pdf"
    result = run_cli("render", str(AUCH), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    return target


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The Auch convention with markup in its title, rendered to HTML and PDF."""
    folder = tmp_path_factory.mktemp("hostile")
    document = json.loads(AUCH.read_text(encoding="utf-8"))
    document["title"] = HOSTILE_TITLE
    source = folder / "hostile.jsonld"
    source.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    for fmt in ("html", "pdf"):
        result = run_cli("render", str(source), "-o", str(folder / f"hostile.{fmt}"))
        assert result.returncode == 0, result.stderr.decode()
    return (folder / "hostile.html").read_text(encoding="utf-8"), folder / "hostile.pdf"


# --- PDF/A-3b, tags, language -------------------------------------------------------------------


def test_pdf_is_tagged_pdf_1_7_with_pages(auch_pdf: Path) -> None:
    info = pdfinfo(auch_pdf)
    assert info["PDF version"] == "1.7"
    assert info["Tagged"] == "yes"
    assert info["Suspects"] == "no"
    assert info["Encrypted"] == "no"
    assert info["Metadata Stream"] == "yes"
    assert int(info["Pages"]) >= 5
    assert info["Page size"].endswith("(A4)")
    assert auch_pdf.read_bytes().startswith(b"%PDF-1.7\n")


def test_xmp_declares_pdfa_3b_language_title_and_source(auch_pdf: Path) -> None:
    packet = xmp(auch_pdf)
    assert 'pdfaid:part="3"' in packet and 'pdfaid:conformance="B"' in packet
    assert "pdfuaid" not in packet  # tagged, but PDF/UA-1 is not claimed (see render/pdf.py)
    assert re.search(r"<dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>", packet)
    title = json.loads(AUCH.read_text(encoding="utf-8"))["title"]
    assert re.search(r'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]*' + re.escape(title), packet)
    assert f"SHA-256 {source_sha256(AUCH.read_bytes())}" in packet  # dc:source
    assert "<xmp:CreateDate>2024-05-23T00:00:00Z</xmp:CreateDate>" in packet  # the signature date
    info = pdfinfo(auch_pdf)
    assert title in info["Title"]
    assert info["CreationDate"].startswith("Thu May 23 00:00:00 2024")


def test_catalog_has_language_tags_output_intent_and_associated_file(auch_pdf: Path) -> None:
    objects = read_objects(auch_pdf.read_bytes())
    catalog = objects.catalog()
    assert re.search(r"/Lang\s*\(fr\)", catalog)
    assert re.search(r"/MarkInfo\s*<<\s*/Marked true\s*>>", catalog)
    assert re.search(r"/DisplayDocTitle true", catalog)
    assert re.search(r"/StructTreeRoot \d+ 0 R", catalog)
    assert re.search(r"/S /GTS_PDFA1", catalog)  # sRGB output intent
    associated = objects.referenced(catalog, "AF")
    assert len(associated) == 1  # once, not once per place WeasyPrint found it
    filespec = objects.plain[associated[0]]
    assert re.search(r"/Type /Filespec", filespec)
    assert re.search(r"/AFRelationship /Source", filespec)
    assert re.search(r"/UF \(grand-auch\.jsonld\)", filespec)
    embedded, content = objects.streams[objects.referenced(filespec, "F")[0]]
    assert "/Type /EmbeddedFile" in embedded
    assert "/Subtype /application#2fld+json" in embedded
    assert re.search(r"/ModDate \(D:20240523000000Z\)", embedded)
    assert content == AUCH.read_bytes()
    assert f"<{hashlib.md5(content).hexdigest()}>" in embedded  # /CheckSum


def test_embedded_json_ld_round_trips_and_validates(auch_pdf: Path, tmp_path: Path) -> None:
    assert embedded_names(auch_pdf) == ["grand-auch.jsonld"]
    extracted = extract(auch_pdf, tmp_path / "grand-auch.jsonld")
    assert extracted.read_bytes() == AUCH.read_bytes()
    assert source_sha256(extracted.read_bytes()) == hashlib.sha256(AUCH.read_bytes()).hexdigest()
    report = Validator().validate_file(extracted)
    assert report.count(Severity.ERROR) == 0, [f.code for f in report.findings]
    assert report.stages_run[-1] != "read"


def test_pages_render_to_non_blank_png(auch_pdf: Path, tmp_path: Path) -> None:
    pages = int(pdfinfo(auch_pdf)["Pages"])
    _run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(auch_pdf), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == min(3, pages)
    for path in images:
        with Image.open(path) as image:
            assert abs(image.width - 413) <= 1 and abs(image.height - 585) <= 1  # A4 at 50 dpi
            assert 0.002 < ink_ratio(image) < 0.5, path.name


def test_rendering_twice_gives_the_same_bytes(auch_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    result = run_cli("render", str(AUCH), "-o", str(again), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr.decode()
    assert again.read_bytes() == auch_pdf.read_bytes()  # the convention's date wins over the epoch
    trailer_id = re.search(rb"/ID \[\((\w+)\)", auch_pdf.read_bytes())
    assert trailer_id and trailer_id.group(1).decode() == source_sha256(AUCH.read_bytes())[:32]


def test_fonts_are_embedded_with_unicode_maps(auch_pdf: Path) -> None:
    rows = _run("pdffonts", str(auch_pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        emb, _sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row  # PDF/A: embedded; PDF/UA: text maps to Unicode


def test_structure_tree_holds_headings_paragraphs_and_text(auch_pdf: Path) -> None:
    tree = _run("pdfinfo", "-struct-text", str(auch_pdf))
    assert tree.splitlines()[0] == "Document"
    tags = {line.split()[0] for line in tree.splitlines() if line.strip() and not line.strip().startswith('"')}
    assert {"H1", "P"} <= tags
    words = " ".join(re.findall(r'"([^"]*)"', tree))
    assert "Auch" in words and "Grand Garros" in words  # the text is in the tags, not only painted


# --- the function itself --------------------------------------------------------------------------


def test_yaml_source_is_embedded_as_yaml_and_validates(tmp_path: Path) -> None:
    data = AUCH_YAML.read_bytes()
    pdf = tmp_path / "auch.pdf"
    pdf.write_bytes(render_pdf(SMALL_HTML, source=data, source_name="grand-auch.yaml"))
    assert "<xmp:CreateDate>2024-05-23T00:00:00Z</xmp:CreateDate>" in xmp(pdf)  # signed_on, read from the YAML
    objects = read_objects(pdf.read_bytes())
    filespec = objects.plain[objects.referenced(objects.catalog(), "AF")[0]]
    embedded, content = objects.streams[objects.referenced(filespec, "F")[0]]
    assert "/Subtype /application#2fyaml" in embedded and content == data
    extracted = extract(pdf, tmp_path / "grand-auch.yaml")
    assert extracted.read_bytes() == data
    assert Validator().validate_file(extracted).count(Severity.ERROR) == 0


def test_html_only_call_still_gives_a_tagged_pdfa(tmp_path: Path) -> None:
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(render_pdf(SMALL_HTML))
    assert embedded_names(pdf) == []
    assert pdfinfo(pdf)["Tagged"] == "yes"
    assert 'pdfaid:part="3"' in xmp(pdf)
    assert "/AF" not in read_objects(pdf.read_bytes()).catalog()


def test_title_and_language_arguments_reach_the_metadata(tmp_path: Path) -> None:
    pdf = tmp_path / "titled.pdf"
    pdf.write_bytes(render_pdf(SMALL_HTML.replace(' lang="fr"', ""), source=b"{}", title="Convention d'essai"))
    assert pdfinfo(pdf)["Title"] == "Convention d'essai"
    assert re.search(r"/Lang\s*\(fr\)", read_objects(pdf.read_bytes()).catalog())
    assert embedded_names(pdf) == ["convention.jsonld"]


def test_source_date_epoch_makes_an_undated_rendering_reproducible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_pdf(SMALL_HTML, source=b'{"a": 1}')
    assert render_pdf(SMALL_HTML, source=b'{"a": 1}') == first
    assert render_pdf(SMALL_HTML, source=b'{"a": 2}') != first  # another source, another /ID
    (tmp_path / "epoch.pdf").write_bytes(first)
    assert "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>" in xmp(tmp_path / "epoch.pdf")


def test_nothing_is_loaded_from_outside_the_document(tmp_path: Path) -> None:
    picture = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    page = SMALL_HTML.replace("<h1>", f'<img src="{picture.as_uri()}" alt="logo"><h1>')
    objects = read_objects(render_pdf(page, source=b"{}", source_name="/home/agent/secret/convention.jsonld"))
    assert not any("/Subtype /Image" in dictionary for dictionary, _ in objects.streams.values())
    filespec = objects.plain[objects.referenced(objects.catalog(), "AF")[0]]
    assert "/UF (convention.jsonld)" in filespec and "secret" not in filespec  # the name, not the path


def test_convention_date_is_the_signature_date() -> None:
    assert convention_date({"signed_on": "2024-06-27"}) == datetime(2024, 6, 27, tzinfo=UTC)
    assert convention_date({"signed_on": "2024-02-30"}) is None
    assert convention_date({"status": "DRAFT"}) is None
    assert source_sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


# --- escaping ---------------------------------------------------------------------------------------


def test_markup_in_a_title_is_escaped_in_html(hostile: tuple[str, Path]) -> None:
    page, _ = hostile
    assert "<script" not in page.lower()
    assert "<b>gras" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&amp; &lt;b&gt;gras&lt;/b&gt;" in page


def test_markup_in_a_title_is_plain_text_in_the_pdf(hostile: tuple[str, Path]) -> None:
    _, pdf = hostile
    text = re.sub(r"\s+", " ", _run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    assert '<script>alert("x")</script>' in text  # printed as text, never interpreted
    assert "<b>gras</b>" in text
    packet = xmp(pdf)
    assert "&lt;script&gt;" in packet and "<script" not in packet
    assert pdfinfo(pdf)["Title"].startswith(HOSTILE_TITLE)
