"""mkdocs hooks: pages and files generated at every build, so that the site cannot drift from the sources.

Declared in mkdocs.yml (``hooks: [scripts/docs_hooks.py]``). The reference pages of the model and of the
command line are committed in docs/reference/ (``scripts/generate_docs_reference.py``). Adds to the site:

- the standard's artifacts under fixed names in ``<version>/`` and ``latest/``, with an index page each,
  one page per minted term under ``terms/`` and the w3id.org rules in ``w3id/.htaccess``
  (``docs_publication``).

Hand-written pages may contain the markers ``<!-- cv:htaccess -->`` (the redirect rules as a code block),
``<!-- cv:versions -->`` (the table of published versions) and ``<!-- cv:version -->`` (the current version).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from docs_publication import (
    LATEST,
    current_version,
    htaccess,
    namespace,
    publication_plan,
    term_redirect_html,
    version_index_markdown,
)
from docs_reference import minted_terms

HTACCESS = "w3id/.htaccess"
DEFAULT_SITE_URL = "https://convention-validator.example.org/"


def site_url(config: MkDocsConfig) -> str:
    return str(config.site_url or DEFAULT_SITE_URL)


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page and published file to the build."""
    plan = publication_plan()
    folders = [*plan]
    for folder, artifacts in plan.items():
        _add(
            files,
            File.generated(config, f"{folder}/index.md", content=version_index_markdown(folder, artifacts, folders)),
        )
        for name, source in artifacts.items():
            _add(files, File.generated(config, f"{folder}/{name}", abs_src_path=str(source)))
    base = namespace()
    for local, targets in minted_terms(base).items():
        page = term_redirect_html(local, targets, base + local)
        _add(files, File.generated(config, f"terms/{local}/index.html", content=page))
    rules = htaccess(site_url(config))
    _add(files, File.generated(config, HTACCESS, content=rules, inclusion=InclusionLevel.INCLUDED))
    return files


def _versions_table() -> str:
    rows = ["| version | dossier publié | contexte JSON-LD |", "|---|---|---|"]
    for folder in publication_plan():
        label = f"dernière ({current_version()})" if folder == LATEST else folder
        rows.append(f"| {label} | [{folder}/]({folder}/index.md) | `{namespace()}{folder}/context.jsonld` |")
    return "\n".join(rows)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the markers of hand-written pages with generated content."""
    if "<!-- cv:" not in markdown:
        return markdown
    block = "```apache\n" + htaccess(site_url(config)) + "```"
    return (
        markdown.replace("<!-- cv:htaccess -->", block)
        .replace("<!-- cv:versions -->", _versions_table())
        .replace("<!-- cv:version -->", current_version())
    )
