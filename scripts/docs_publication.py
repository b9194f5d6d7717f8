"""Publication of the standard's artifacts under fixed, versioned names, and the w3id.org redirect rules.

Build-time only (used by the documentation hooks, `freeze_release.py` and the tests).

Layout of the published site:

- ``<version>/`` and ``latest/``: the artifacts under fixed names (``PUBLISHED_NAMES``) and an index page;
- ``releases/<version>/`` in the repository: the frozen copy of every released version, never edited;
  each is published again at every build, so every version stays online;
- ``terms/<local name>/``: one page per term minted in the namespace, pointing to its reference page;
- ``w3id/.htaccess``: the rules to register in the w3id.org repository (directory ``clauses-data/``).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STANDARD_DIR = ROOT / "src" / "convention_validator" / "standard"
QUERIES_DIR = STANDARD_DIR / "queries"
RELEASES_DIR = ROOT / "releases"
LATEST = "latest"
VERSION_PATTERN = r"[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.]+)?"

# published file name -> manifest artifact key (None: the manifest itself)
PUBLISHED_NAMES: dict[str, str | None] = {
    "context.jsonld": "context",
    "schema.json": "json_schema",
    "shapes.ttl": "shacl",
    "shapes-open.ttl": "shacl_open",
    "rules.ttl": "rules",
    "vocabulary.ttl": "owl",
    "graph-index.ru": "graph_index",
    "manifest.json": None,
}

DESCRIPTIONS = {
    "context.jsonld": "contexte JSON-LD (URL citée par chaque convention dans `@context`)",
    "schema.json": "schéma JSON (structure d'une convention, JSON Schema 2019-09)",
    "shapes.ttl": "formes SHACL fermées (profil de rédaction : une clé inconnue est une erreur)",
    "shapes-open.ttl": "formes SHACL ouvertes (profil publié, pour les graphes moissonnés)",
    "rules.ttl": "règles juridiques et métier (SHACL-SPARQL), à charger avec les formes",
    "vocabulary.ttl": "vocabulaire OWL/RDFS des termes du standard",
    "graph-index.ru": "mise à jour SPARQL dérivant l'index de chaque graphe moissonné, que lisent les indicateurs",
    "manifest.json": "version, espace de noms, URL du contexte, post-traitements appliqués",
}


def manifest(directory: Path = STANDARD_DIR) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return data


def current_version() -> str:
    return str(manifest()["version"])


def namespace() -> str:
    return str(manifest()["namespace"])


def packaged_artifacts() -> dict[str, Path]:
    """Published relative name -> packaged source file, for the current version."""
    artifacts = manifest()["artifacts"]
    files = {
        name: STANDARD_DIR / (str(artifacts[key]) if key else "manifest.json") for name, key in PUBLISHED_NAMES.items()
    }
    for query in sorted(QUERIES_DIR.glob("*.rq")):
        files[f"queries/{query.name}"] = query
    return files


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"[0-9]+", version.split("-")[0]))


def released_versions() -> list[str]:
    """Versions frozen in ``releases/``, oldest first."""
    if not RELEASES_DIR.is_dir():
        return []
    found = [p.name for p in RELEASES_DIR.iterdir() if p.is_dir() and re.fullmatch(VERSION_PATTERN, p.name)]
    return sorted(found, key=version_key)


EXAMPLES = "examples"  # releases/<version>/examples/: the version's examples, kept for upgrade tests, not artifacts


def frozen_artifacts(version: str) -> dict[str, Path]:
    """Published relative name -> frozen file of a released version."""
    folder = RELEASES_DIR / version
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != EXAMPLES
    }


def publication_plan() -> dict[str, dict[str, Path]]:
    """Site folder (a version or ``latest``) -> published name -> source file.

    Released versions come from their frozen copy; the current version (and ``latest``) from the
    packaged artifacts, which a test requires to equal the frozen copy once the version is released.
    """
    plan = {version: frozen_artifacts(version) for version in released_versions()}
    current = packaged_artifacts()
    plan[current_version()] = current
    plan[LATEST] = current
    return plan


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def version_index_markdown(folder: str, files: dict[str, Path], versions: list[str]) -> str:
    """The index page of one published folder: its files, what they are, their SHA-256."""
    version = current_version() if folder == LATEST else folder
    base = f"{namespace()}{folder}/"
    lines = [
        f"# Standard clauses-data {version}" + (" (dernière version)" if folder == LATEST else ""),
        "",
        f"Adresse pérenne de ce dossier : `{base}`." if folder != LATEST else "",
        f"Ce dossier suit la dernière version ; pour une référence stable, citez `{namespace()}{version}/`."
        if folder == LATEST
        else "Ces fichiers ne changent plus : une modification du standard passe par une nouvelle version.",
        "",
        "| fichier | contenu | SHA-256 |",
        "|---|---|---|",
    ]
    for name, path in files.items():
        description = DESCRIPTIONS.get(name, "requête SPARQL d'indicateur" if name.startswith("queries/") else "")
        lines.append(f"| [`{name}`]({name}) | {description} | `{sha256(path)[:16]}…` |")
    lines += ["", "Autres versions : " + ", ".join(f"[{v}](../{v}/index.md)" for v in versions if v != folder), ""]
    lines += ["Règles de redirection et de résolution des IRI : [versions et artefacts](../versions.md).", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class TermTarget:
    """A documentation page a minted term resolves to."""

    label: str
    page: str  # site path of the page, e.g. "reference/classes/Cost.html"
    anchor: str = ""


def term_redirect_html(local: str, targets: list[TermTarget], iri: str) -> str:
    """A tiny HTML page at ``terms/<local>/`` that sends the reader to the term's reference page."""
    here = f"terms/{local}/"
    links = [(posixpath.relpath(t.page, here) + (f"#{t.anchor}" if t.anchor else ""), t.label) for t in targets]
    refresh = f'<meta http-equiv="refresh" content="0; url={links[0][0]}">' if len(links) == 1 else ""
    items = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in links)
    return (
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{iri}</title>{refresh}</head>\n"
        f"<body><p>Terme <code>{iri}</code> du standard clauses-data :</p><ul>{items}</ul></body></html>\n"
    )


def htaccess(site_url: str) -> str:
    """Redirect rules for the w3id.org repository, directory ``clauses-data/``."""
    site = site_url.rstrip("/")
    versions = f"({VERSION_PATTERN}|{LATEST})"
    return f"""# https://w3id.org/clauses-data/ : standard des clauses data des contrats de ville (convention-validator)
# A déposer sous clauses-data/.htaccess dans le dépôt https://github.com/perma-id/w3id.org
# Cible : {site}/ (site de documentation, généré par `make docs`)
Options +FollowSymLinks
RewriteEngine on

# 1. Artefacts versionnés, noms fixes : /clauses-data/{{version}}/{{fichier}} et /clauses-data/latest/{{fichier}}
#    (le $id du schéma JSON embarqué cite clauses-data.schema.json : même fichier que schema.json)
RewriteRule ^{versions}/clauses-data\\.schema\\.json$ {site}/$1/schema.json [R=302,L]
RewriteRule ^{versions}/(.*)$ {site}/$1/$2 [R=302,L]

# 2. IRI de données : quartiers prioritaires (code officiel) et organisations (SIREN)
RewriteRule ^qpv/(Q[A-Z0-9]+)$ https://sig.ville.gouv.fr/territoire/$1 [R=303,L]
RewriteRule ^organisation/([0-9]{{9}})$ https://annuaire-entreprises.data.gouv.fr/entreprise/$1 [R=303,L]

# 3. Pages des règles du catalogue des constats (liens helpUri des rapports SARIF)
RewriteRule ^regles/(CV[0-9]+)/?$ {site}/regles/$1.html [R=302,L]

# 4. Espace de noms et termes : négociation de contenu
RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^(.*)$ {site}/{LATEST}/vocabulary.ttl [R=303,L]
RewriteCond %{{HTTP_ACCEPT}} application/ld\\+json
RewriteRule ^(.*)$ {site}/{LATEST}/context.jsonld [R=303,L]
RewriteRule ^$ {site}/ [R=303,L]
RewriteRule ^(.+?)/?$ {site}/terms/$1/ [R=303,L]
"""
