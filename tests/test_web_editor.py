"""The guided editor of the web workspace: its API over real HTTP, and a lawyer's session in Chromium.

The real app (`create_app`) runs under uvicorn on a loopback port; the browser is Debian's Chromium
driven by Playwright. A convention is drafted end to end through the form, a finding appears beside
its field and disappears when the value is fixed, the draft survives a reload, the saved file is
validated by the command line, and axe-core finds no serious accessibility violation.
"""

from __future__ import annotations

import copy
import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from convention_validator.validator import Validator
from support import EXAMPLES, playwright_chromium
from web_server import CLI, LiveServer, axe_run, serious_violations

AUCH = EXAMPLES / "valid" / "grand-auch.jsonld"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """The real workspace on a loopback port, and an HTTP client for it."""
    live = LiveServer().start()
    with httpx.Client(base_url=live.base, timeout=120) as http:
        yield http
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, client: httpx.Client) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, base_url=str(client.base_url).rstrip("/"))
    opened = context.new_page()
    opened.on("dialog", lambda dialog: dialog.accept())
    yield opened
    context.close()


def auch() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(AUCH.read_text(encoding="utf-8"))
    return data


def settle(page: Page) -> None:
    """Wait until the findings shown are those of the draft as it is now (no check pending)."""
    page.wait_for_function("document.body.dataset.pending === 'false'", timeout=30_000)


def field_findings(page: Page, field_id: str) -> list[str]:
    codes: list[str] = page.locator(f"#{field_id}-findings li").evaluate_all("items => items.map(i => i.dataset.code)")
    return codes


# -- API ------------------------------------------------------------------------------------------


def test_contract_search_ignores_accents_and_case(client: httpx.Client) -> None:
    found = client.get("/editor/api/contracts", params={"q": "nantes"}).json()
    assert found[0]["code"] == "CN04403I"
    assert client.get("/editor/api/contracts", params={"q": "NANTÉS"}).json()[0]["code"] == "CN04403I"
    assert client.get("/editor/api/contracts", params={"q": "244400404"}).json()[0]["code"] == "CN04403I"
    assert client.get("/editor/api/contracts", params={"q": "zzzz"}).json() == []


def test_parties_come_from_the_reference_data(client: httpx.Client) -> None:
    found = client.get("/editor/api/parties", params={"q": "grand auch"}).json()
    assert found[0]["siren"] == "200066926"
    assert found[0]["party_type"] == "EPCI"
    assert found[0]["id"] == "organisation:200066926"


def test_a_new_convention_is_the_scaffold_of_new(client: httpx.Client) -> None:
    data = client.get("/editor/api/new", params={"code": "CN03201M"}).json()
    assert data["city_contract"]["code"] == "CN03201M"
    assert data["covered_qpv"] == ["QN03201M"]
    unknown = client.get("/editor/api/new", params={"code": "CN99999Z"})
    assert unknown.status_code == 404
    assert "CN99999Z" in unknown.json()["detail"]


@pytest.mark.parametrize("name", ["structure-short-siren", "rules-personal-data-without-legal-basis"])
def test_check_gives_the_validator_findings(client: httpx.Client, name: str) -> None:
    path = EXAMPLES / "invalid" / f"{name}.jsonld"
    data = json.loads(path.read_text(encoding="utf-8"))
    answer = client.post("/editor/api/check", json=data).json()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    expected = Validator(lang="fr").validate_text(text, "convention.jsonld")
    assert [(f["code"], f["pointer"], f["message"]) for f in answer["findings"]] == [
        (f.code, f.pointer, f.message) for f in expected.findings
    ]
    assert answer["counts"]["error"] >= 1
    english = client.post("/editor/api/check", params={"lang": "en"}, json=data).json()
    assert english["findings"][0]["message"] != answer["findings"][0]["message"]


def test_a_missing_element_is_placed_on_its_own_field(client: httpx.Client) -> None:
    data = auch()
    del data["datasets"][0]["sharing"]["cost"]
    findings = client.post("/editor/api/check", json=data).json()["findings"]
    assert [(f["code"], f["pointer"], f["field"]) for f in findings] == [
        ("CV101", "/datasets/0/sharing", "/datasets/0/sharing/cost")
    ]


def test_bad_bodies_get_clear_4xx(client: httpx.Client) -> None:
    assert client.post("/editor/api/check", content=b"{not json").status_code == 400
    listed = client.post("/editor/api/check", json=[1, 2])
    assert listed.status_code == 422
    assert listed.json()["detail"] == "Le corps de la requête n'est pas un objet JSON."
    big = client.post("/editor/api/check", content=b" " * (5 * 1024 * 1024 + 1))
    assert big.status_code == 413
    assert big.json()["detail"] == "Le document dépasse la limite de 5242880 octets."
    deep = auch()
    nested: dict[str, Any] = {}
    deep["description"] = nested
    for _ in range(70):
        nested["x"] = nested = {}
    assert [f["code"] for f in client.post("/editor/api/check", json=deep).json()["findings"]] == ["CV007"]
    refused = client.post("/editor/api/preview", json=deep)
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("CV007 ")
    compared = client.post("/editor/api/compare", params={"lang": "en"}, json={"old": "x", "new": {}})
    assert compared.status_code == 422
    assert compared.json()["detail"] == "The convention must be a JSON object."


def test_yaml_is_written_by_the_yaml_writer_and_validates(client: httpx.Client, tmp_path: Path) -> None:
    answer = client.post("/editor/api/yaml", json=auch())
    assert answer.headers["content-type"].startswith("application/yaml")
    saved = tmp_path / "convention.yaml"
    saved.write_bytes(answer.content)
    run = subprocess.run([str(CLI), "validate", str(saved)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    reopened = client.post("/editor/api/open", params={"format": "yaml"}, content=answer.content).json()
    assert reopened["data"] == auch()


def test_an_unreadable_file_gives_the_read_findings(client: httpx.Client) -> None:
    answer = client.post("/editor/api/open", params={"format": "json", "name": "x.jsonld"}, content=b'{"a": ')
    assert answer.status_code == 422
    assert answer.json()["data"] is None
    assert answer.json()["errors"][0].startswith("CV0")


def test_preview_and_pdf_are_the_rendered_convention(client: httpx.Client) -> None:
    preview = client.post("/editor/api/preview", json=auch())
    assert preview.status_code == 200
    assert auch()["title"] in html.unescape(preview.text)
    pdf = client.post("/editor/api/pdf", json=auch())
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"


def test_compare_lists_the_changes_and_produces_the_avenant(client: httpx.Client) -> None:
    old = auch()
    new = copy.deepcopy(old)
    new["version"] = "1.1"
    new["datasets"][0]["update_frequency"] = "QUARTERLY"
    changes = client.post("/editor/api/compare", json={"old": old, "new": new}).json()["changes"]
    assert len(changes) == 2
    assert "trimestriel (QUARTERLY)" in changes[1]
    avenant = client.post("/editor/api/amendment", json={"old": old, "new": new, "old_name": "v1.jsonld"})
    assert avenant.status_code == 200
    assert "Avenant" in avenant.text


def test_policy_is_proposed_from_the_sharing_terms(client: httpx.Client) -> None:
    dataset = auch()["datasets"][0]
    policy = client.post("/editor/api/policy", json={"dataset": dataset, "end_date": "2030-12-31"}).json()
    assert [rule["action"] for rule in policy["permissions"]] == ["reproduce", "distribute", "derive"]


def test_page_is_french_first_with_english_on_request(client: httpx.Client) -> None:
    french = client.get("/editor").text
    assert '<html lang="fr">' in french
    assert "Éditeur de convention" in french
    english = client.get("/editor", params={"lang": "en"}).text
    assert '<html lang="en">' in english
    assert "Convention editor" in english
    texts = json.loads(english.split('id="editor-texts">', 1)[1].split("</script>", 1)[0])
    assert texts["valid"] == "The convention passes every check."
    model = json.loads(french.split('id="editor-model">', 1)[1].split("</script>", 1)[0])
    access = model["enums"]["AccessRight"]["options"]
    assert {"code": "PUBLIC", "label": "Ouvert (open data)"} in access
    title = next(f for f in model["classes"]["Dataset"]["fields"] if f["name"] == "title")
    assert title["required"] and title["label"] and title["help"]


# -- in the browser -------------------------------------------------------------------------------


def start_from_auch(page: Page) -> None:
    page.goto("/editor")
    settle(page)
    page.fill("#contract-query", "Auch")
    page.press("#contract-query", "Enter")
    page.get_by_role("button", name="Partir du contrat CN03201M — Auch").click()
    expect(page.locator("#f-city_contract-code")).to_have_value("CN03201M")
    settle(page)


def open_convention(page: Page, data: dict[str, Any], folder: Path, ready: str) -> None:
    """Open `data` as a file with « Ouvrir une convention »; it is in the form once `ready` (a selector) is."""
    path = folder / "opened.jsonld"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.goto("/editor")
    settle(page)
    page.set_input_files("#open-file", str(path))
    page.wait_for_selector(ready)
    settle(page)


def test_draft_a_convention_end_to_end(page: Page, tmp_path: Path) -> None:
    start_from_auch(page)

    # a party from the reference data
    page.fill("#party-query", "grand auch")
    page.press("#party-query", "Enter")
    page.get_by_role("button", name="Ajouter CA Grand Auch Coeur de Gascogne (SIREN 200066926)").click()
    page.wait_for_selector("#f-parties-2-name")
    assert page.input_value("#f-parties-2-name") == "CA Grand Auch Coeur de Gascogne"
    page.locator("#f-parties-2-representative [data-action=add-block]").click()
    page.fill("#f-parties-2-representative-function", "le président de la communauté d'agglomération")
    page.locator("#f-parties-2-representative-empowered_by [data-action=add-block]").click()
    page.fill("#f-parties-2-representative-empowered_by-title", "Délibération du conseil communautaire du 4 avril 2024")

    # a dataset through the generated form
    page.get_by_role("button", name="Ajouter : Jeu de données").click()
    page.fill("#f-datasets-1-title", "Demandeurs d'emploi au Grand Garros")
    page.fill("#f-datasets-1-description", "Demandeurs d'emploi inscrits, par catégorie, au 31 décembre.")
    page.select_option("#f-datasets-1-category", "PUBLIC_ADMINISTRATION_DATA")
    page.select_option("#f-datasets-1-producer", "organisation:200066926")
    page.select_option("#f-datasets-1-spatial_granularity", "QPV")
    page.select_option("#f-datasets-1-update_frequency", "ANNUAL")
    page.select_option("#f-datasets-1-sharing-access_level", "PUBLIC")
    page.select_option("#f-datasets-1-sharing-cost-cost_kind", "FREE")
    page.select_option("#f-datasets-1-sharing-licence", "etalab-2.0")
    page.select_option("#f-datasets-1-protection-personal_data", "AGGREGATED")
    page.fill("#f-datasets-1-protection-statistical_secrecy_threshold", "11")
    page.locator("#f-datasets-1 > [data-action=propose-policy]").click()
    expect(page.locator("#f-datasets-1-usage_policy-permissions-0-action")).to_have_value("reproduce")
    settle(page)
    assert page.locator("#findings-summary").get_attribute("data-errors") == "0"

    # a bad value: the finding appears beside the field, then goes when the value is fixed
    page.fill("#f-parties-2-siren", "20006692")
    settle(page)
    assert "CV105" in field_findings(page, "f-parties-2-siren")
    assert page.get_attribute("#f-parties-2-siren", "aria-invalid") == "true"
    assert "f-parties-2-siren-findings" in (page.get_attribute("#f-parties-2-siren", "aria-describedby") or "")
    assert page.locator("#findings-list li[data-code=CV105]").count() == 1
    page.fill("#f-parties-2-siren", "200066926")
    settle(page)
    assert field_findings(page, "f-parties-2-siren") == []
    assert page.get_attribute("#f-parties-2-siren", "aria-invalid") is None
    assert page.locator("#findings-summary").get_attribute("data-errors") == "0"

    # nothing is lost on a reload
    page.reload()
    settle(page)
    assert page.input_value("#f-datasets-1-title") == "Demandeurs d'emploi au Grand Garros"
    assert page.input_value("#f-parties-2-siren") == "200066926"
    assert "restauré" in page.inner_text("#editor-status")

    # saved as JSON-LD, validated by the command line
    with page.expect_download() as download:
        page.click("#save-jsonld")
    saved = tmp_path / "convention.jsonld"
    download.value.save_as(saved)
    run = subprocess.run(
        [str(CLI), "validate", "--format", "json", str(saved)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["summary"]["errors"] == 0
    codes = {f["code"] for file in report["files"] for f in file["findings"]}
    assert codes <= {"CV325", "CV407"}  # only the « À COMPLÉTER » markers left by `new`, as warnings
    saved_data = json.loads(saved.read_text(encoding="utf-8"))
    assert saved_data["datasets"][1]["producer"] == "organisation:200066926"

    # the preview is the rendered convention
    page.click("#show-preview")
    page.wait_for_function("document.getElementById('preview').srcdoc.length > 0")
    frame = page.frame_locator("#preview")
    assert "Demandeurs d'emploi au Grand Garros" in frame.locator("body").inner_text()


def test_a_bad_value_is_kept_and_flagged_then_survives_a_reload(page: Page) -> None:
    start_from_auch(page)
    threshold = "f-datasets-0-protection-statistical_secrecy_threshold"
    page.fill(f"#{threshold}", "onze")
    settle(page)
    assert field_findings(page, threshold) == ["CV102"]
    page.locator("#findings-list li[data-code=CV102] a").click()  # « Aller au champ »
    assert page.evaluate("document.activeElement.id") == threshold
    page.fill("#f-covered_qpv", "QN03201M\nQN0320")  # a malformed code in a list of texts
    settle(page)
    assert "CV105" in field_findings(page, "f-covered_qpv")
    page.reload()
    settle(page)
    assert page.input_value(f"#{threshold}") == "onze"
    assert page.input_value("#f-covered_qpv") == "QN03201M\nQN0320"
    assert field_findings(page, threshold) == ["CV102"]
    page.fill(f"#{threshold}", "11")
    settle(page)
    assert field_findings(page, threshold) == []
    draft = page.evaluate("JSON.parse(localStorage.getItem('convention-validator.editor.draft'))")
    assert draft["datasets"][0]["protection"]["statistical_secrecy_threshold"] == 11


def test_open_a_file_and_compare_versions(page: Page, tmp_path: Path) -> None:
    page.goto("/editor")
    settle(page)
    page.set_input_files("#open-file", str(EXAMPLES / "valid" / "grand-auch.yaml"))
    expect(page.locator("#f-title")).to_have_value(auch()["title"])
    settle(page)
    assert page.inner_text("#findings-summary") == "La convention passe toutes les vérifications."
    with page.expect_download() as yaml_download:
        page.click("#save-yaml")
    saved = tmp_path / yaml_download.value.suggested_filename
    yaml_download.value.save_as(saved)
    assert saved.name == "convention-CN03201M.yaml"
    run = subprocess.run([str(CLI), "validate", str(saved)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    with page.expect_download() as pdf_download:
        page.click("#download-pdf")
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    old = tmp_path / "ancienne.jsonld"
    former = auch()
    former["datasets"][0]["update_frequency"] = "QUARTERLY"
    old.write_text(json.dumps(former, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("#compare-file", str(old))
    page.wait_for_selector("#download-amendment")
    assert "1 changement" in page.inner_text("#compare-result")
    with page.expect_download() as download:
        page.click("#download-amendment")
    assert "Avenant" in Path(download.value.path()).read_text(encoding="utf-8")


def test_a_long_list_shows_its_items_closed_and_builds_them_when_opened(page: Page, tmp_path: Path) -> None:
    nantes = json.loads((EXAMPLES / "valid" / "nantes-metropole.jsonld").read_text(encoding="utf-8"))
    nantes["datasets"][10]["temporal_granularity"] = "1 an"
    open_convention(page, nantes, tmp_path, "#f-datasets-10 summary")
    assert page.locator("#f-datasets-10-title").count() == 0
    assert field_findings(page, "f-datasets-10") == ["CV105"]  # closed: the finding is on the item
    page.locator("#f-datasets-10 summary").click()
    expect(page.locator("#f-datasets-10-title")).to_have_value(nantes["datasets"][10]["title"])
    assert field_findings(page, "f-datasets-10-temporal_granularity") == ["CV105"]  # open: beside its field
    page.fill("#f-datasets-10-temporal_granularity", "P1Y")
    settle(page)
    assert page.locator("#findings-summary").get_attribute("data-errors") == "0"


def test_keyboard_adds_and_removes_an_item(page: Page) -> None:
    start_from_auch(page)
    add = page.get_by_role("button", name="Ajouter : Jeu de données")
    add.focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "f-datasets-1-id"
    page.get_by_role("button", name="Supprimer Jeu de données 2").focus()
    page.keyboard.press("Enter")
    assert page.locator("#f-datasets-1").count() == 0


@pytest.mark.parametrize("state", ["convention", "long list", "english"])
def test_no_serious_accessibility_violation(page: Page, state: str, tmp_path: Path) -> None:
    lang = "en" if state == "english" else "fr"
    if state == "convention":
        start_from_auch(page)  # the form filled with a convention: every kind of field is on the page
    elif state == "long list":
        six = auch()  # five datasets and a copy: the items are shown closed
        six["datasets"].append({**copy.deepcopy(six["datasets"][0]), "id": six["datasets"][0]["id"] + "-bis"})
        open_convention(page, six, tmp_path, "#f-datasets-5 summary")
        page.locator("#f-datasets-5 summary").click()
        settle(page)
    else:
        page.goto("/editor?lang=en")
        settle(page)
        summary = page.inner_text("#findings-summary")  # the empty draft: errors, counted in English
        assert re.fullmatch(r"\d+ errors, \d+ warnings?, \d+ infos?", summary), summary
    result = axe_run(page)
    assert serious_violations(result) == []
    assert len(result["passes"]) > 10  # axe did run its WCAG 2.1 A/AA rules
    assert page.get_attribute("html", "lang") == lang
