"""Sources of a harvest: URLs, folders, list files and DCAT catalogues, turned into document locations.

A listing (folder, list file, catalogue) is complete: a source seen earlier in the same listing
and absent now has been withdrawn.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from convention_validator.harvest.messages import Reason

CONVENTION_SUFFIXES = (".jsonld", ".json", ".yaml", ".yml")
LIST_SUFFIXES = (".txt", ".list", ".lst")
TURTLE_SUFFIXES = (".ttl",)
DCAT = "http://www.w3.org/ns/dcat#"
CATALOGUE_MEDIA_TYPES = ("text/turtle", "application/x-turtle")
LIST_MEDIA_TYPES = ("text/plain", "text/uri-list")


@dataclass(frozen=True)
class Location:
    """Where one convention document is, and the listing that named it (None for a direct source)."""

    url: str
    listing: str | None = None


@dataclass
class SourcePlan:
    """The documents to fetch, the complete listings seen, and the sources that could not be read."""

    locations: list[Location] = field(default_factory=list)
    listings: dict[str, set[str]] = field(default_factory=dict)
    failures: list[tuple[str, Reason]] = field(default_factory=list)

    def add_listing(self, listing: str, urls: Iterable[str]) -> list[Location]:
        """Record a complete listing; its new locations (a URL is harvested once per run)."""
        seen = {location.url for location in self.locations}
        listed = list(dict.fromkeys(urls))
        self.listings[listing] = set(listed)
        added = [Location(url, listing) for url in listed if url not in seen]
        self.locations += added
        return added


def is_remote(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def plan_sources(sources: Iterable[str]) -> SourcePlan:
    """Expand local listings (folders, list files, local catalogues); URLs stay as they are.

    A URL that turns out to be a catalogue or a list is expanded once fetched (`expand_fetched`).
    """
    plan = SourcePlan()
    for source in sources:
        if is_remote(source):
            if source not in {location.url for location in plan.locations}:
                plan.locations.append(Location(source))
            continue
        path = Path(source[7:] if source.startswith("file://") else source)
        try:
            if path.is_dir():
                plan.add_listing(_folder_uri(path), _folder_documents(path))
            elif not path.is_file():
                plan.failures.append((source, Reason.of("source_missing", source=source)))
            elif path.suffix.lower() in LIST_SUFFIXES:
                plan.add_listing(path.resolve().as_uri(), _list_entries(path.read_text(encoding="utf-8"), path))
            elif path.suffix.lower() in TURTLE_SUFFIXES or _looks_like_catalogue(path.read_bytes(), ""):
                base = path.resolve().as_uri()
                plan.add_listing(base, catalogue_urls(path.read_bytes(), _media_type(path.name, ""), base))
            else:
                url = path.resolve().as_uri()
                if url not in {location.url for location in plan.locations}:
                    plan.locations.append(Location(url))
        except (OSError, UnicodeDecodeError) as error:
            plan.failures.append((source, Reason.of("listing_unreadable", detail=f"{source}: {error}")))
        except ValueError as error:
            plan.failures.append((source, Reason.of("catalogue_unreadable", detail=f"{source}: {error}")))
    return plan


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
        return _list_entries(body.decode("utf-8"), None, base=url)
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


def _folder_uri(path: Path) -> str:
    return path.resolve().as_uri().rstrip("/") + "/"


def _folder_documents(path: Path) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, name).resolve().as_uri() for name in sorted(files) if name.endswith(CONVENTION_SUFFIXES)]
    return found


def _list_entries(text: str, path: Path | None, base: str = "") -> list[str]:
    """One URL (or local path, relative to the list file) per line; blank lines and # comments skipped."""
    entries: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if is_remote(line):
            entries.append(line)
        elif path is not None:
            local = Path(line[7:] if line.startswith("file://") else line)
            entries.append((local if local.is_absolute() else path.parent / local).resolve().as_uri())
        elif base:
            joined = urljoin(base, line)
            if is_remote(joined):  # a remote list never names local files
                entries.append(joined)
    return entries
