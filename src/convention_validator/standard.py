"""Access to the standard's generated artifacts shipped inside the package.

Nothing here imports LinkML: the artifacts are generated at build time
(``make generate``) and read from the package directory at run time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

ARTIFACTS_DIR = Path(__file__).resolve().parent / "standard"
FROZEN_DIR = Path(__file__).resolve().parent / "frozen"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
AUDITED_DIR = Path(__file__).resolve().parent / "audited"
AUDITED_ARTIFACTS = ("rules", "rules_sparql")  # legal rules follow the audit; schema and shapes stay frozen


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Standard:
    """The packaged artifacts of one version of the standard."""

    directory: Path = ARTIFACTS_DIR

    @cached_property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = _read_json(self.directory / "manifest.json")
        return data

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    @property
    def namespace(self) -> str:
        return str(self.manifest["namespace"])

    @property
    def context_url(self) -> str:
        return str(self.manifest["context_url"])

    def path(self, artifact: str) -> Path:
        """Path of an artifact by its manifest key (json_schema, shacl, shacl_open, context, owl).

        A frozen version keeps its schema, shapes and context, but its documents get the audited
        rules their data can express (``audited/<version>/``, generated from the current rules).
        """
        name = str(self.manifest["artifacts"][artifact])
        if artifact in AUDITED_ARTIFACTS and self.directory != ARTIFACTS_DIR:
            audited = AUDITED_DIR / self.version / name
            if audited.is_file():
                return audited
        return self.directory / name

    @cached_property
    def json_schema(self) -> dict[str, Any]:
        data: dict[str, Any] = _read_json(self.path("json_schema"))
        return data

    @cached_property
    def context(self) -> dict[str, Any]:
        data: dict[str, Any] = _read_json(self.path("context"))
        return data

    def is_standard_context_url(self, url: str) -> bool:
        """True for the standard's own context URL, whatever its version."""
        return re.fullmatch(str(self.manifest["context_url_pattern"]), url) is not None

    def version_of_context_url(self, url: str) -> str | None:
        """The version named by a context URL of the standard (…/0.1.0/context.jsonld), or None."""
        match = re.fullmatch(str(self.manifest["context_url_pattern"]), url)
        return match.group(1) if match else None


CURRENT = Standard()
LATEST = "latest"  # …/latest/context.jsonld names the current version
STANDARD_VERSION = CURRENT.version


def released_standards() -> dict[str, Standard]:
    """Every version the package can validate: the current one and the frozen earlier releases."""
    found = {CURRENT.version: CURRENT}
    if FROZEN_DIR.is_dir():
        for folder in sorted(FROZEN_DIR.iterdir()):
            if (folder / "manifest.json").is_file():
                frozen = Standard(folder)
                found.setdefault(frozen.version, frozen)
    return found


def declared_version(data: dict[str, Any]) -> str | None:
    """The version of the standard a document declares through its first @context entry."""
    declared = data.get("@context")
    first = declared[0] if isinstance(declared, list) and declared else declared
    version = CURRENT.version_of_context_url(first) if isinstance(first, str) else None
    return CURRENT.version if version == LATEST else version
