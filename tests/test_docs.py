"""The documentation site: a real `mkdocs build --strict`, checked against the sources it is generated from."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from docs_publication import (  # noqa: E402
    LATEST,
    current_version,
    frozen_artifacts,
    namespace,
    packaged_artifacts,
    released_versions,
)
from support import chromium_command, playwright_chromium  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
CATALOGUE = ROOT / "src" / "convention_validator" / "catalogue" / "findings.yaml"
RULE_PAGES = ROOT / "docs" / "regles"
SEVERITY_TITLES = {"error": "erreur", "warning": "avertissement", "info": "information"}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One strict build of the whole site into a temporary directory."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return result, site


@pytest.fixture(scope="module")
def site(build: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    result, directory = build
    assert result.returncode == 0, result.stdout + result.stderr
    return directory


def page(site: Path, path: str) -> str:
    """The HTML of a page; the offline plugin turns `x.md` into `x.html` (use_directory_urls: false)."""
    return (site / f"{path}.html").read_text(encoding="utf-8")


def catalogue() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return data


def sections(markdown: str) -> dict[str, str]:
    """Level-2 sections of a Markdown page by heading ("" for what precedes the first one)."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    found = {"": parts[0]}
    found.update({parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)})
    return found


def code_block(section: str) -> str:
    match = re.search(r"```json\n(.*?)\n```", section, flags=re.DOTALL)
    assert match, f"no JSON code block in {section!r}"
    return match.group(1)


def test_strict_build_passes_without_warnings(build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = build
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert (site / "index.html").is_file()


# --- rule pages and the validator's catalogue -------------------------------------------------


def test_rule_pages_and_catalogue_codes_are_the_same() -> None:
    pages = {p.stem for p in RULE_PAGES.glob("*.md")} - {"index"}
    assert pages == set(catalogue())


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_rule_page_matches_its_catalogue_entry(code: str) -> None:
    entry = catalogue()[code]
    parts = sections((RULE_PAGES / f"{code}.md").read_text(encoding="utf-8"))
    head = parts[""]
    assert head.splitlines()[0] == f"# {code} — {entry['title']['fr']}"
    assert f"*{entry['title']['en']}*" in head
    assert f"- **Gravité** : {SEVERITY_TITLES[entry['severity']]}\n" in head
    sources = entry["legal_sources"]
    assert ("Sources" in parts) == bool(sources)
    for source in sources:  # each text as a link to Légifrance, EUR-Lex or the W3C, with the words it enforces
        assert f"- [{source['text']}, {source['article']}]({source['url']})" in parts["Sources"]
        if source["quote"]:
            assert f"> « {source['quote']} »" in parts["Sources"]
    assert parts["Message"].strip() == f"> {entry['message']['fr']}"
    assert parts["Pourquoi"].strip() == entry["rationale"]["fr"]
    assert parts["Comment corriger"].strip() == entry["fix"]["fr"]
    assert code_block(parts["Exemple fautif"]) == entry["failing"].rstrip()
    assert code_block(parts["Exemple corrigé"]) == entry["passing"].rstrip()


def test_every_rule_page_is_in_the_site_with_its_title_and_severity(site: Path) -> None:
    index = page(site, "regles/index")
    for code, entry in catalogue().items():
        text = html.unescape(page(site, f"regles/{code}"))
        assert f"{code} — {entry['title']['fr']}" in text
        assert SEVERITY_TITLES[entry["severity"]] in text
        assert f'href="{code}.html"' in index


# --- generated reference of the model ---------------------------------------------------------


@pytest.fixture(scope="module")
def view() -> Any:
    from docs_reference import schema_view

    return schema_view()


def test_every_class_has_a_page_with_each_of_its_slots(site: Path, view: Any) -> None:
    for name in view.all_classes():
        text = html.unescape(page(site, f"reference/classes/{name}"))
        assert f"{name} — {view.get_class(name).title}" in text
        for slot in view.class_slots(name):
            assert f'href="../slots/{slot}.html"' in text, f"{name} page lacks slot {slot}"
        assert str(view.get_uri(name, expand=True)) in text


def test_every_slot_has_a_page_with_its_iri(site: Path, view: Any) -> None:
    for name in view.all_slots():
        slot = view.get_slot(name)
        text = html.unescape(page(site, f"reference/slots/{name}"))
        assert f"{name} — {slot.title}" in text
        assert ("@id" if slot.identifier else str(view.get_uri(slot, expand=True))) in text


def test_every_enum_has_a_page_with_every_value_and_its_meaning(site: Path, view: Any) -> None:
    for name in view.all_enums():
        enum = view.get_enum(name)
        text = html.unescape(page(site, f"reference/enums/{name}"))
        for value in enum.permissible_values.values():
            assert f'id="{value.text}"' in text
            assert view.expand_curie(value.meaning) in text
            assert value.title in text


# --- published artifacts ----------------------------------------------------------------------


def test_current_version_and_latest_publish_the_packaged_artifacts_byte_for_byte(site: Path) -> None:
    packaged = packaged_artifacts()
    assert {"context.jsonld", "schema.json", "shapes.ttl", "shapes-open.ttl", "rules.ttl", "vocabulary.ttl"} <= set(
        packaged
    )
    for folder in (current_version(), LATEST):
        published = {p.relative_to(site / folder).as_posix() for p in (site / folder).rglob("*") if p.is_file()}
        assert published - {"index.html"} == set(packaged)
        for name, source in packaged.items():
            assert (site / folder / name).read_bytes() == source.read_bytes(), f"{folder}/{name}"


def test_every_released_version_stays_published(site: Path) -> None:
    older = [v for v in released_versions() if v != current_version()]  # the current one: test above
    for version in older:
        for name, frozen in frozen_artifacts(version).items():
            assert (site / version / name).read_bytes() == frozen.read_bytes(), f"{version}/{name}"


def test_the_current_version_is_frozen_and_equal_to_the_packaged_artifacts() -> None:
    from freeze_release import differences

    version = current_version()
    assert version in released_versions(), f"releases/{version}/ is missing: run scripts/freeze_release.py"
    changed = differences(version)
    assert changed == [], (
        f"packaged artifacts differ from releases/{version}/ ({', '.join(changed)}): a published version never "
        "changes; bump the version in schema/clauses_data.yaml (or, if never published, freeze_release.py --force)"
    )


def test_the_context_url_of_the_manifest_resolves_to_the_published_context(site: Path) -> None:
    from convention_validator.standard import Standard

    standard = Standard()
    target = resolve_w3id(standard.context_url.removeprefix(namespace()), "application/json", site_url())
    assert target is not None
    assert site_file(site, target).read_bytes() == standard.path("context").read_bytes()


# --- term IRIs and w3id.org rules -------------------------------------------------------------


def site_url() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    return str(config["site_url"]).rstrip("/") + "/"


def htaccess_rules() -> list[tuple[list[str], str, str]]:
    """(Accept conditions, pattern, substitution) of each RewriteRule of the published .htaccess."""
    from docs_publication import htaccess

    rules, conditions = [], []
    for line in htaccess(site_url()).splitlines():
        words = line.split()
        if words[:2] == ["RewriteCond", "%{HTTP_ACCEPT}"]:
            conditions.append(words[2])
        elif words[:1] == ["RewriteRule"]:
            assert "L" in words[3], line
            rules.append((conditions, words[1], words[2]))
            conditions = []
    return rules


def resolve_w3id(path: str, accept: str, base: str) -> str | None:
    """Where w3id.org sends a request for https://w3id.org/clauses-data/<path> (Apache semantics)."""
    for conditions, pattern, substitution in htaccess_rules():
        match = re.match(pattern, path)
        if match and all(re.search(c, accept) for c in conditions):
            return match.expand(re.sub(r"\$(\d)", r"\\\1", substitution))
    return None


def site_file(site: Path, url: str) -> Path:
    relative = url.removeprefix(site_url())
    assert relative != url, f"{url} is not on the site"
    target = site / relative
    return target / "index.html" if relative == "" or relative.endswith("/") or target.is_dir() else target


def test_every_minted_term_resolves_to_its_reference_page(site: Path) -> None:
    from docs_reference import minted_terms

    terms = minted_terms(namespace())
    assert {"CityContract", "party-type/COMMUNE", "spatialGranularity"} <= set(terms)
    for local in terms:
        target = resolve_w3id(local, "text/html,application/xhtml+xml", site_url())
        assert target == f"{site_url()}terms/{local}/"
        stub = site_file(site, target)
        href = re.search(r'url=([^"]+)"', stub.read_text(encoding="utf-8"))
        assert href, f"terms/{local}/ does not redirect"
        link, _, anchor = href.group(1).partition("#")
        landing = (stub.parent / link).resolve()
        assert landing.is_file(), f"{local} -> {link}"
        if anchor:
            assert f'id="{anchor}"' in landing.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "accept", "expected"),
    [
        ("0.1.0/shapes.ttl", "*/*", "0.1.0/shapes.ttl"),
        ("latest/vocabulary.ttl", "text/turtle", "latest/vocabulary.ttl"),
        ("latest/", "text/html", "latest/"),
        ("0.1.0/clauses-data.schema.json", "application/json", "0.1.0/schema.json"),
        ("", "text/html", ""),
        ("", "text/turtle", "latest/vocabulary.ttl"),
        ("CityContract", "text/turtle;q=1.0", "latest/vocabulary.ttl"),
        ("CityContract", "application/ld+json", "latest/context.jsonld"),
    ],
)
def test_w3id_rules_send_requests_to_published_files(site: Path, path: str, accept: str, expected: str) -> None:
    target = resolve_w3id(path, accept, site_url())
    assert target == site_url() + expected
    assert site_file(site, target).is_file()


def test_the_help_link_of_every_rule_in_sarif_reaches_its_page(site: Path) -> None:
    from convention_validator.messages import catalogue
    from convention_validator.reporters.sarif import HELP

    for code in catalogue():
        link = HELP.format(code=code)
        target = resolve_w3id(link.removeprefix("https://w3id.org/clauses-data/"), "text/html", site_url())
        assert target == f"{site_url()}regles/{code}.html", link
        assert site_file(site, target).is_file(), link


def test_data_iris_of_qpv_and_organisations_leave_the_site() -> None:
    assert resolve_w3id("qpv/QN03201M", "text/turtle", site_url()) == "https://sig.ville.gouv.fr/territoire/QN03201M"
    organisation = resolve_w3id("organisation/213200132", "text/html", site_url())
    assert organisation == "https://annuaire-entreprises.data.gouv.fr/entreprise/213200132"


def test_htaccess_is_published_and_shown_in_the_versions_page(site: Path) -> None:
    published = (site / "w3id" / ".htaccess").read_text(encoding="utf-8")
    shown = re.sub(r"<[^>]+>", "", html.unescape(page(site, "versions")))
    for line in published.splitlines():
        if line.startswith("Rewrite"):
            assert line in shown


# --- command-line reference -------------------------------------------------------------------


def test_cli_reference_lists_every_command_and_option(site: Path) -> None:
    from convention_validator.cli import main

    text = html.unescape(re.sub(r"<[^>]+>", "", page(site, "reference/cli")))
    ctx = click.Context(main)
    assert main.list_commands(ctx)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        assert f"convention-validator {name}" in text
        for param in command.params:
            for opt in [*param.opts, *param.secondary_opts]:
                assert opt in text or isinstance(param, click.Argument), f"{name} {opt}"


# --- offline, and in a real browser -----------------------------------------------------------


def test_pages_load_nothing_from_the_internet(site: Path) -> None:
    external = re.compile(
        r'<(?:script|img|iframe)[^>]+src="https?://|<link(?![^>]*rel="canonical")[^>]+href="https?://'
    )
    for path in site.rglob("*.html"):
        assert not external.search(path.read_text(encoding="utf-8")), path


def test_home_page_renders_in_headless_chromium(site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [*chromium_command(tmp_path), "--dump-dom", (site / "index.html").as_uri()],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    dom = html.unescape(result.stdout)
    assert "<title>Clauses data des contrats de ville</title>" in dom
    for entry in ("Démarrer en dix minutes", "Le modèle expliqué", "Catalogue des constats", "Versions et artefacts"):
        assert entry in dom
    assert f"Version courante du standard : {current_version()}" in re.sub(r"<[^>]+>", "", dom)


# --- offline search, YAML tabs and the API page in Chromium (Playwright) -------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    with playwright_chromium() as chromium:
        yield chromium


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A desktop-sized page that records every request leaving the disk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page_ = context.new_page()
    page_.remote_requests = []
    page_.on(
        "request",
        lambda request: None if request.url.startswith("file:") else page_.remote_requests.append(request.url),
    )
    yield page_
    context.close()


def test_search_works_from_the_disk(site: Path, tab: Any) -> None:
    tab.goto((site / "index.html").as_uri())
    tab.click(".md-search__input")
    tab.locator(".md-search__input").press_sequentially("moissonnage", delay=20)
    tab.wait_for_selector(".md-search-result__item", timeout=20_000)
    assert re.search(r"\d+ documents? trouvés?", tab.locator(".md-search-result__meta").inner_text())
    first = tab.locator(".md-search-result__item a").first.get_attribute("href")
    assert first is not None and ".html" in first, first  # results open as files, not as folders
    assert tab.remote_requests == []


def test_a_model_page_shows_its_example_in_yaml_and_in_json_ld(site: Path, tab: Any) -> None:
    tab.goto((site / "modele" / "parties.html").as_uri())
    labels = tab.locator(".tabbed-labels label")
    assert labels.all_inner_texts()[:2] == ["YAML", "JSON-LD"]
    shown = tab.locator(".tabbed-block").first
    assert shown.is_visible()
    assert "party_type: SOCIAL_LANDLORD" in shown.inner_text()
    labels.nth(1).click()
    assert '"party_type": "SOCIAL_LANDLORD"' in tab.locator(".tabbed-block").nth(1).inner_text()
    assert not shown.is_visible()
    assert tab.remote_requests == []


def test_the_api_page_documents_the_public_api(site: Path, tab: Any) -> None:
    tab.goto((site / "api.html").as_uri())
    headings = tab.locator("h2.doc-heading").all_inner_texts()
    for name in ("validate", "validate_text", "Validator", "Report", "FileReport", "Finding", "Stage"):
        assert any(re.search(rf"\b{name}\b", heading) for heading in headings), (name, headings)
    text = tab.locator("article").inner_text()
    assert "Validate one document given as text" in text  # validate_text's docstring
    assert tab.get_by_role("link", name="API Python").count() >= 1  # in the navigation


# --- pages committed from generators ----------------------------------------------------------


def test_reference_pages_are_committed_and_up_to_date() -> None:
    from generate_docs_reference import differences, generated_pages

    pages = generated_pages()
    assert {"reference/index.md", "reference/cli.md", "reference/enums/PartyType.md"} <= set(pages)
    assert differences(pages) == [], "run `make generate` (scripts/generate_docs_reference.py)"


def relative_links(markdown: str) -> list[str]:
    text = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return [m for m in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:|#", m)]


PUBLISHED_AT_BUILD = re.compile(r"(\.\./)*(latest|[0-9]+\.[0-9]+\.[0-9]+|terms|w3id)/")


def test_links_between_pages_work_in_the_checkout() -> None:
    """Links resolve to files of docs/ without a build: generated pages are committed."""
    dead = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        for link in relative_links(source.read_text(encoding="utf-8")):
            target = link.split("#")[0]
            if target and not PUBLISHED_AT_BUILD.match(target) and not (source.parent / target).exists():
                dead.append(f"{source.relative_to(ROOT)} -> {link}")
    assert dead == []


# --- YAML next to JSON-LD in the model pages --------------------------------------------------


def test_every_json_ld_example_of_the_model_has_an_equal_yaml_tab() -> None:
    from generate_yaml_examples import PAGES, examples, parse_example

    count = 0
    for source in sorted(PAGES.glob("*.md")):
        for yaml_text, json_text in examples(source.read_text(encoding="utf-8")):
            assert yaml_text, f"{source.name}: a JSON-LD example without its YAML tab"
            assert yaml.safe_load(yaml_text) == parse_example(json_text), source.name
            count += 1
    assert count >= 9


def test_yaml_tabs_are_written_by_the_yaml_writer() -> None:
    from generate_yaml_examples import main

    assert main(["--check"]) == 0, "run `make generate` (scripts/generate_yaml_examples.py)"


# --- legal references -------------------------------------------------------------------------

OFFICIAL_HOSTS = {"www.legifrance.gouv.fr", "legifrance.gouv.fr", "eur-lex.europa.eu", "www.cnil.fr", "data.europa.eu"}
CODES = (
    r"code (?:civil|de commerce|de la santé publique|de la propriété intellectuelle|de la commande publique"
    r"|de justice administrative|des relations entre le public et l'administration"
    r"|général des collectivités territoriales)"
)
ARTICLE = r"\b(?:art\.|articles?)\s*"
LEGAL_MENTION = re.compile(
    "|".join(
        [
            ARTICLE + r"[LRD]\.?\s?\d+(?:-\d+)*",  # an article of a code: L312-1-2, D323-2-1, R312-11
            r"\b(?:loi|décret|ordonnance)\s+n°\s*\d[\d-]*",
            r"\b(?:règlement|directive)\s+\((?:UE|CE)\)\s*(?:n°\s*)?\d{2,4}/\d+|\bdirective\s+\d{4}/\d+/(?:CE|UE)\b",
            r"\b(?:RGPD|GDPR|CRPA|CGCT)\s*,\s*" + ARTICLE + r"\d",
            ARTICLE
            + r"\d+(?:\.\d+)*(?:\s+et\s+\d+(?:\.\d+)*)?\s+(?:du|de la)\s+(?:RGPD|CRPA|CGCT|code|loi|règlement)\b",
            CODES + r"\s*,\s*art\.",
            r"\bData (?:Governance )?Act\b",
        ]
    ),
    flags=re.IGNORECASE,
)
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<url>[^)\s]+)\)")


def legal_pages() -> list[Path]:
    """Hand-written pages: those generated from schema/ and the rule pages (equal to the catalogue, whose
    sources are links, see test_rule_page_matches_its_catalogue_entry) are excluded."""
    docs = ROOT / "docs"
    generated = {"reference", "regles"}
    return [
        p
        for p in sorted(docs.rglob("*.md"))
        if p.relative_to(docs).parts[0] not in generated or p == RULE_PAGES / "index.md"
    ]


def prose(markdown: str) -> str:
    """The text outside code: fenced blocks and inline code blanked (same length, offsets kept)."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    markdown = re.sub(r"^([ \t]*)(```|~~~).*?^\1\2", blank, markdown, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`\n]*`", blank, markdown)


def test_the_legal_mention_pattern_finds_what_it_should() -> None:
    found = [
        m.group(0)
        for m in LEGAL_MENTION.finditer(
            "l'article L341-1 du code ; (RGPD, art. 4.5) ; loi n° 51-711 ; règlement (UE) 2016/679 ; "
            "exceptions de l'article 9.2 du RGPD ; Code de justice administrative, art. R312-11 ; l'article 13 ;"
            " art. 9 de la convention"
        )
    ]
    assert found == [
        "article L341-1",
        "RGPD, art. 4",
        "loi n° 51-711",
        "règlement (UE) 2016/679",
        "article 9.2 du RGPD",
        "Code de justice administrative, art.",
    ]


def test_every_legal_reference_is_a_link_to_an_official_source() -> None:
    from urllib.parse import urlsplit

    unlinked, unofficial = [], []
    for source in legal_pages():
        markdown = source.read_text(encoding="utf-8")
        links = list(MARKDOWN_LINK.finditer(markdown))
        for mention in LEGAL_MENTION.finditer(prose(markdown)):
            where = f"{source.relative_to(ROOT)}:{markdown.count(chr(10), 0, mention.start()) + 1} {mention.group(0)!r}"
            link = next(
                (m for m in links if m.start("text") <= mention.start() and mention.end() <= m.end("text")), None
            )
            if link is None:
                unlinked.append(where)
            elif urlsplit(link.group("url")).hostname not in OFFICIAL_HOSTS:
                unofficial.append(f"{where} -> {link.group('url')}")
    assert unlinked == []
    assert unofficial == []
