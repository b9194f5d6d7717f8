"""The explorer of the web workspace: its pages over real HTTP, then in Chromium (Playwright) with the map,
the way from a QPV to a convention, and an axe-core accessibility run (WCAG 2.1 A and AA)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from convention_validator.web.paging import Window
from support import playwright_chromium
from web_server import AXE, ROOT, LiveServer, axe_run, harvested_examples, serious_violations


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(store_path=harvested_examples(tmp_path_factory.mktemp("web-explorer") / "store")) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as http:
        yield http


def auch_id(client: httpx.Client) -> str:
    found: str = client.get("/api/conventions", params={"q": "CN03201M"}).json()["conventions"][0]["id"]
    return found


def test_home_lists_conventions_filters_and_downloads(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="fr">' in html and "Conventions de partage de données moissonnées" in html
    for name in ("region", "departement", "epci", "access_level", "category", "theme", "partner_type", "q"):
        assert f'<label for="{name}">' in html, name
    assert "Occitanie" in html and "Guyane" in html  # choices of the region filter
    assert html.count('href="/conventions/') == 3
    assert "/api/conventions?format=csv" in html
    assert "/static/vendor/leaflet/leaflet.js" in html and "https://" not in html.split("<main")[0]
    filtered = client.get("/", params={"region": "76"}).text
    assert filtered.count('href="/conventions/') == 1 and "/api/qpv.geojson?region=76" in filtered
    english = client.get("/", params={"lang": "en"}).text
    assert '<html lang="en">' in english and "Harvested data-sharing conventions" in english
    assert f'href="/conventions/{auch_id(client)}?lang=en"' in english


def test_qpv_and_convention_pages(client: httpx.Client) -> None:
    qpv = html.unescape(client.get("/qpv/QN03201M").text)
    assert "Grand Garros" in qpv and "Auch" in qpv and "Occitanie" in qpv
    assert f'href="/conventions/{auch_id(client)}"' in qpv
    assert "Allocataires de la CAF résidant au Grand Garros" in qpv and "Ouvert (open data)" in qpv
    page = html.unescape(client.get(f"/conventions/{auch_id(client)}").text)
    assert "Convention de partenariat de données du contrat de ville d'Auch 2024-2030" in page
    assert "Historique de moissonnage" in page and "grand-auch.jsonld" in page and "à jour" in page
    assert "Ville d'Auch" in page and "213200132" in page
    document = client.get(f"/conventions/{auch_id(client)}/document")
    assert document.status_code == 200 and "Grand Garros" in document.text
    missing = client.get("/conventions/nothing")
    assert missing.status_code == 404 and "Page introuvable" in missing.text
    assert client.get("/qpv/QX0000").status_code == 404


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_chromium() as launched:
        yield launched


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds on the page (WCAG 2.0 and 2.1, A and AA)."""
    return serious_violations(axe_run(page))


def test_click_a_qpv_on_the_map_then_reach_a_convention(server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url("/?region=76"))  # Occitanie: the map zooms on Auch's QPV
    page.wait_for_selector("#map[data-loaded]", timeout=60000)
    assert int(page.get_attribute("#map", "data-loaded")) == 1584
    page.locator("path.qpv-QN03201M").click()
    page.wait_for_url("**/qpv/QN03201M", timeout=30000)
    assert "Grand Garros" in page.locator("h1").inner_text()
    page.get_by_role("listitem").get_by_role("link", name="Convention de partenariat de données").first.click()
    page.wait_for_url("**/conventions/*", timeout=30000)
    assert "Auch" in page.locator("h1").inner_text()
    assert all(url.startswith(server.base) for url in requested)  # no tiles, no CDN: only the workspace
    page.close()


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/qpv/QN03201M", "CONVENTION"])
def test_no_serious_accessibility_violation(server: LiveServer, client: httpx.Client, browser: Any, path: str) -> None:
    page = browser.new_page()
    address = f"/conventions/{auch_id(client)}" if path == "CONVENTION" else path
    page.goto(server.url(address))
    if address.startswith("/?") or address == "/":
        page.wait_for_selector("#map[data-loaded]", timeout=60000)
    assert axe_violations(page) == []
    page.close()


def test_keyboard_reaches_the_filters_and_the_lists(server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server.url("/"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused
    page.fill("#q", "cayenne")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*q=cayenne*", timeout=30000)
    assert page.locator("a[href^='/conventions/']").count() == 1
    page.close()


def test_static_vendor_files_carry_their_licence(client: httpx.Client) -> None:
    licence = client.get("/static/vendor/leaflet/LICENSE")
    assert licence.status_code == 200 and "Redistribution and use in source and binary forms" in licence.text
    readme = (ROOT / "src/convention_validator/web/static/vendor/README.md").read_text(encoding="utf-8")
    assert "| leaflet | 1.9.4 |" in readme and "| axe-core | 4.14.1 |" in readme and "MPL-2.0" in readme
    assert "Mozilla Public License" in (AXE.parent / "LICENSE").read_text(encoding="utf-8")


def test_long_lists_are_paged() -> None:
    items = list(range(250))
    first, last, beyond = Window.of(items, ""), Window.of(items, "3"), Window.of(items, "9")
    assert (first.number, first.pages, first.first, first.last, list(first.items)[-1]) == (1, 3, 1, 100, 99)
    assert (last.number, last.first, last.last, len(last.items)) == (3, 201, 250, 50)
    assert beyond.number == 3 and Window.of(items, "x").number == 1
    assert Window.of([], "1").pages == 1 and Window.of([], "1").last == 0
