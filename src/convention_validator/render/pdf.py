"""The archival PDF: PDF/A-3b, tagged, in French, with the convention file embedded as its source.

WeasyPrint writes one PDF variant at a time. PDF/A-3b is chosen because it is the only variant that
carries the convention file as an associated file (`/AF` on the catalog, `/AFRelationship /Source`);
the structure tree that PDF/UA-1 asks for is turned on as well (`pdf_tags`), with `/Lang`,
`/MarkInfo` and `/DisplayDocTitle`, but the file does not claim PDF/UA-1 conformance
(no `pdfuaid:part` in its XMP metadata): WeasyPrint cannot combine the two variants and nothing here
checks PDF/UA. The bytes are reproducible: the file identifier comes from the source's SHA-256 and
every date from the caller, the HTML, or `SOURCE_DATE_EPOCH`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any
from xml.etree import ElementTree

PDF_VARIANT = "pdf/a-3b"
DEFAULT_SOURCE_NAME = "convention.jsonld"
SOURCE_MIME_TYPES = {
    ".jsonld": "application/ld+json",
    ".json": "application/ld+json",  # a convention is JSON-LD whatever its extension
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
}
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"
_XMP_HEADER = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
_XMP_FOOTER = b'\n</x:xmpmeta>\n<?xpacket end="r"?>'
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PdfSource:
    """The convention file that the PDF embeds: its exact bytes and the name it is stored under."""

    data: bytes
    name: str = DEFAULT_SOURCE_NAME

    def __post_init__(self) -> None:  # a file name, never the local path it was read from
        object.__setattr__(self, "name", PurePath(self.name).name or DEFAULT_SOURCE_NAME)

    @property
    def sha256(self) -> str:
        return source_sha256(self.data)

    @property
    def mime_type(self) -> str:
        return source_mime_type(self.name)


def source_sha256(data: bytes) -> str:
    """The SHA-256 of the convention file's bytes, as 64 lowercase hexadecimal digits."""
    return hashlib.sha256(data).hexdigest()


def source_mime_type(name: str) -> str:
    """The MIME type of an embedded convention file, from its name (JSON-LD unless YAML)."""
    return SOURCE_MIME_TYPES.get(PurePath(name).suffix.lower(), "application/ld+json")


def convention_date(data: Mapping[str, Any]) -> datetime | None:
    """The date the convention's own data gives the document (its signature date), at 00:00 UTC."""
    signed = data.get("signed_on")
    if isinstance(signed, str) and _ISO_DATE.fullmatch(signed):
        try:
            return datetime.strptime(signed, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def source_date_epoch() -> datetime | None:
    """The time fixed by the reproducible-builds variable SOURCE_DATE_EPOCH, if set and valid."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_w3c(value: str | None) -> datetime | None:
    """A W3C date (as WeasyPrint reads `<meta name="dcterms.created">`) as a UTC datetime."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text) if "T" in text else datetime.strptime(text[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _w3c(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identifier(html: str, source: PdfSource | None) -> bytes:
    """The first half of the file's /ID: fixed by the source file (or the HTML when there is none)."""
    digest = source.sha256 if source is not None else hashlib.sha256(html.encode("utf-8")).hexdigest()
    return digest[:32].encode("ascii")


def _xmp_packet(rdf: bytes, lang: str, source: PdfSource | None) -> bytes:
    """WeasyPrint's RDF with the document language (dc:language) and source (dc:source) added."""
    root = ElementTree.fromstring(rdf)
    description = ElementTree.SubElement(root, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    if lang:
        language = ElementTree.SubElement(description, f"{{{_DC}}}language")
        bag = ElementTree.SubElement(language, f"{{{_RDF}}}Bag")
        ElementTree.SubElement(bag, f"{{{_RDF}}}li").text = lang
    if source is not None:
        ElementTree.SubElement(description, f"{{{_DC}}}source").text = f"{source.name} (SHA-256 {source.sha256})"
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=False)
    return _XMP_HEADER + body + _XMP_FOOTER


def _metadata_finisher(lang: str, source: PdfSource | None) -> Callable[[Any, Any], None]:
    """Complete what WeasyPrint wrote for PDF/A-3b: one /AF entry per file, language and source in XMP."""

    def finish(document: Any, pdf: Any) -> None:
        associated = pdf.catalog.get("AF")
        if associated:  # WeasyPrint lists a file once from the name tree and once as a file spec
            unique = list(dict.fromkeys(associated))
            associated.clear()
            associated.extend(unique)
        reference = pdf.catalog.get("Metadata")
        if reference is None:  # pragma: no cover - every PDF/A variant writes one
            return
        stream = pdf.objects[int(reference.split()[0])]
        rdf = document.metadata.generate_rdf_metadata("a", 3, "B")
        stream.stream = [_xmp_packet(rdf, lang, source)]

    return finish


def refusing_fetcher(weasyprint: Any) -> Any:
    """A WeasyPrint URL fetcher that loads nothing: the document is self-contained."""

    def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"the convention loads no external resource ({url})")

    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is None:  # WeasyPrint < 68 takes a plain function
        return refuse

    class RefusingFetcher(fetcher_class):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return refuse(url)

    return RefusingFetcher()


def _attachment(weasyprint: Any, source: PdfSource, moment: datetime) -> Any:
    """The convention file as an associated file of relationship Source, with its MIME type."""
    encoded = base64.b64encode(source.data).decode("ascii")
    naive_utc = moment.astimezone(UTC).replace(tzinfo=None)  # WeasyPrint writes the dates with a Z suffix
    return weasyprint.Attachment(
        url=f"data:{source.mime_type};base64,{encoded}",
        name=source.name,
        description=f"Fichier source de la convention ({source.mime_type}), SHA-256 {source.sha256}",
        created=naive_utc,
        modified=naive_utc,
        relationship="Source",
    )


def write_archival_pdf(
    weasyprint: Any,
    html: str,
    *,
    base_url: str,
    source: PdfSource | None = None,
    lang: str = "fr",
    title: str = "",
    created: datetime | None = None,
) -> bytes:
    """Print the HTML to a tagged PDF/A-3b in `lang`, embedding `source` as its associated file.

    The document date is, in order: `created`, the HTML's `<meta name="dcterms.created">`,
    SOURCE_DATE_EPOCH, the current time (only then do two renderings differ).
    """
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refusing_fetcher(weasyprint)).render(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    metadata = document.metadata
    if title:
        metadata.title = title
    if lang:
        metadata.lang = lang
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=UTC)  # a date without a time zone is taken as UTC
    moment = created or _parse_w3c(metadata.created) or source_date_epoch() or datetime.now(UTC)
    if created is not None or metadata.created is None:
        metadata.created = _w3c(moment)
    metadata.modified = metadata.created
    attachments = [_attachment(weasyprint, source, moment)] if source is not None else []
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        pdf_identifier=_identifier(html, source),
        attachments=attachments,
        finisher=_metadata_finisher(lang, source),
    )
    return pdf
