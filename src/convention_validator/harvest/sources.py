"""Sources of a harvest: URLs, folders, list files and DCAT catalogues, turned into document locations.

A listing (folder, list file, catalogue) is complete: a source seen earlier in the same listing
and absent now has been withdrawn. Local listings are read as a stream (`plan_sources` yields
entries one by one), so a list of 100,000 addresses is never held in memory at once.

Only http(s) addresses are ever fetched. Local files are read only when the operator names them
(a path on the command line, a folder, a line of a local list file); a catalogue, or anything
fetched, may only name http(s) addresses: other schemes become findings, never reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from convention_validator.harvest.messages import Reason
from convention_validator.harvest.urls import shown, url_problem

CONVENTION_SUFFIXES = (".jsonld", ".json", ".yaml", ".yml")
LIST_SUFFIXES = (".txt", ".list", ".lst")
TURTLE_SUFFIXES = (".ttl",)
DCAT = "http://www.w3.org/ns/dcat#"
CATALOGUE_MEDIA_TYPES = ("text/turtle", "application/x-turtle")
LIST_MEDIA_TYPES = ("text/plain", "text/uri-list")


@dataclass(frozen=True, slots=True)
class Location:
    """Where one convention document is, the listing that named it (None for a direct source) and
    whether it is a local file the operator named (`local`: the only case a file is read)."""

    url: str
    listing: str | None = None
    local: bool = False


@dataclass(frozen=True, slots=True)
class Unusable:
    """A source, or an entry of a listing, that will not be fetched, and why (`line` in a list file)."""

    source: str
    reason: Reason
    listing: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class ListingEnd:
    """Every entry of `listing` has been yielded: the listing is complete (or unreadable if `failed`)."""

    listing: str
    failed: bool = False


Entry = Location | Unusable | ListingEnd


def is_remote(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def has_scheme(source: str) -> bool:
    """True for `scheme:…` (two letters at least: `C:\\` is a path)."""
    scheme = source.split(":", 1)[0]
    return ":" in source and len(scheme) > 1 and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def plan_sources(sources: Iterable[str]) -> Iterator[Entry]:
    """The entries of the sources, in order: local listings are streamed; URLs stay as they are.

    A URL that turns out to be a catalogue or a list is expanded once fetched (`remote_entries`).
    """
    for source in sources:
        if is_remote(source) or (has_scheme(source) and not source.lower().startswith("file:")):
            problem = url_problem(source)
            yield Location(source) if problem is None else Unusable(shown(source), problem)
            continue
        path = Path(urlsplit(source).path if source.lower().startswith("file:") else source)
        yield from _local_source(source, path)


def _local_source(source: str, path: Path) -> Iterator[Entry]:
    listing = ""
    try:
        if path.is_dir():
            listing = path.resolve().as_uri().rstrip("/") + "/"
            for url in _folder_documents(path):
                yield Location(url, listing, local=True)
        elif not path.is_file():
            yield Unusable(shown(source), Reason.of("source_missing", source=shown(source)))
            return
        elif path.suffix.lower() in LIST_SUFFIXES:
            listing = path.resolve().as_uri()
            yield from _list_file(path, listing)
        elif path.suffix.lower() in TURTLE_SUFFIXES or _looks_like_catalogue(path.read_bytes(), ""):
            listing = path.resolve().as_uri()
            urls = catalogue_urls(path.read_bytes(), _media_type(path.name, ""), listing)
            yield from remote_entries(urls, listing)
        else:
            yield Location(path.resolve().as_uri(), local=True)
            return
    except (OSError, UnicodeDecodeError) as error:
        yield Unusable(shown(source), Reason.of("listing_unreadable", detail=shown(f"{source}: {error}")))
        if listing:
            yield ListingEnd(listing, failed=True)
        return
    except ValueError as error:
        yield Unusable(shown(source), Reason.of("catalogue_unreadable", detail=shown(f"{source}: {error}")))
        if listing:
            yield ListingEnd(listing, failed=True)
        return
    yield ListingEnd(listing)


def _list_file(path: Path, listing: str) -> Iterator[Entry]:
    """A local list file, line by line: http(s) addresses, or paths (relative to the file) of local files."""
    with path.open(encoding="utf-8") as lines:
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if is_remote(line) or (has_scheme(line) and not line.lower().startswith("file:")):
                problem = url_problem(line)
                if problem is None:
                    yield Location(line, listing)
                else:
                    yield Unusable(shown(line), problem, listing, number)
                continue
            local = Path(urlsplit(line).path if line.lower().startswith("file:") else line)
            yield Location((local if local.is_absolute() else path.parent / local).resolve().as_uri(), listing, True)


def remote_entries(urls: Iterable[str], listing: str) -> Iterator[Location | Unusable]:
    """The entries named by a catalogue or a fetched list: http(s) addresses only, each one checked."""
    for url in urls:
        problem = url_problem(url)
        if problem is None:
            yield Location(url, listing)
        elif problem.key == "scheme":
            yield Unusable(shown(url), Reason.of("local_in_remote", scheme=dict(problem.params)["scheme"]), listing)
        else:
            yield Unusable(shown(url), problem, listing)


def listing_kind(url: str, body: bytes, media_type: str) -> str | None:
    """'catalogue' or 'list' when a fetched document lists conventions rather than being one."""
    lowered = url.lower().split("?", 1)[0]
    if media_type in LIST_MEDIA_TYPES or lowered.endswith(LIST_SUFFIXES):
        return "list"
    if media_type in CATALOGUE_MEDIA_TYPES or lowered.endswith(TURTLE_SUFFIXES) or _looks_like_catalogue(body, url):
        return "catalogue"
    return None


def expand_fetched(url: str, body: bytes, media_type: str) -> list[str]:
    """The document URLs listed by a fetched list file or catalogue (raises ValueError when unreadable)."""
    if listing_kind(url, body, media_type) == "list":
        lines = (line.strip() for line in body.decode("utf-8").splitlines())
        return [urljoin(url, line) for line in lines if line and not line.startswith("#")]
    return catalogue_urls(body, _media_type(url, media_type), url)


def catalogue_urls(body: bytes, media_type: str, base: str) -> list[str]:
    """dcat:downloadURL of each distribution (else its dcat:accessURL), in a stable order."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.TURTLE if media_type == "text/turtle" else ox.RdfFormat.JSON_LD
    try:
        quads = list(ox.parse(body, format=fmt, base_iri=base))
    except (SyntaxError, ValueError) as error:
        raise ValueError(str(error)) from error
    download = f"{DCAT}downloadURL"
    access = f"{DCAT}accessURL"
    by_distribution: dict[str, dict[str, str]] = {}
    for quad in quads:
        if quad.predicate.value in (download, access) and isinstance(quad.object, ox.NamedNode):
            by_distribution.setdefault(str(quad.subject), {}).setdefault(quad.predicate.value, quad.object.value)
    urls = [links.get(download) or links[access] for links in by_distribution.values()]
    return sorted(dict.fromkeys(urls))


def _looks_like_catalogue(body: bytes, url: str) -> bool:
    """A JSON(-LD) document that describes a dcat:Catalog (and is not a convention)."""
    head = body[:4096]
    if b"dcat" not in head.lower() and b"Catalog" not in head:
        return False
    try:
        data: Any = json.loads(body)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    types = data.get("@type", data.get("type", []))
    types = types if isinstance(types, list) else [types]
    return any(str(kind).endswith("Catalog") for kind in types) or "dcat:dataset" in data or "dataset" in data


def _media_type(name: str, media_type: str) -> str:
    if media_type in CATALOGUE_MEDIA_TYPES or name.lower().split("?", 1)[0].endswith(TURTLE_SUFFIXES):
        return "text/turtle"
    return "application/ld+json"


def _folder_documents(path: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(CONVENTION_SUFFIXES):
                yield Path(root, name).resolve().as_uri()
