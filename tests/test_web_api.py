"""The validation API and the store API of the web workspace, over real HTTP (uvicorn on loopback)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Literal, cast

import httpx
import pytest

from convention_validator.validator import Validator
from harvest_server import FolderServer, run_oxigraph
from support import EXAMPLES, INVALID
from web_server import CLI, ROOT, LiveServer, harvested_examples

VALIDATOR = Validator(lang="fr")
GRAND_AUCH = EXAMPLES / "valid" / "grand-auch.jsonld"
JSONLD = {"Content-Type": "application/ld+json"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return harvested_examples(tmp_path_factory.mktemp("web-api") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[LiveServer]:
    with LiveServer(store_path=store) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as http:
        yield http


def cli_codes(path: Path) -> list[str]:
    kind: Literal["json", "yaml"] = "yaml" if path.suffix == ".yaml" else "json"
    return [f.code for f in VALIDATOR.validate_text(path.read_bytes(), path.name, kind).findings]


def api_codes(answer: httpx.Response) -> list[str]:
    return [finding["code"] for finding in answer.json()["files"][0]["findings"]]


def test_a_valid_convention_has_no_finding(client: httpx.Client) -> None:
    answer = client.post("/api/validate", content=GRAND_AUCH.read_bytes(), headers=JSONLD)
    assert answer.status_code == 200
    report = answer.json()
    assert report["summary"]["errors"] == 0
    assert api_codes(answer) == cli_codes(GRAND_AUCH)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_examples_give_the_findings_of_the_cli(client: httpx.Client, path: Path) -> None:
    answer = client.post("/api/validate", content=path.read_bytes(), headers=JSONLD)
    assert answer.status_code == 200, answer.text
    expected = cli_codes(path)
    assert expected  # each invalid example has at least one finding
    assert api_codes(answer) == expected


def test_sarif_report(client: httpx.Client) -> None:
    path = INVALID[0]
    answer = client.post("/api/validate?format=sarif", content=path.read_bytes(), headers=JSONLD)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/sarif+json")
    sarif = answer.json()
    assert sarif["version"] == "2.1.0"
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == cli_codes(path)


def test_yaml_body_and_english_messages(client: httpx.Client) -> None:
    yaml_path = EXAMPLES / "valid" / "grand-auch.yaml"
    answer = client.post("/api/validate", content=yaml_path.read_bytes(), headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 200
    assert api_codes(answer) == cli_codes(yaml_path)
    path = INVALID[0]
    french = client.post("/api/validate", content=path.read_bytes(), headers=JSONLD).json()
    english = client.post("/api/validate?lang=en", content=path.read_bytes(), headers=JSONLD).json()
    assert english["language"] == "en" and french["language"] == "fr"
    assert [f["code"] for f in english["files"][0]["findings"]] == [f["code"] for f in french["files"][0]["findings"]]
    assert english["files"][0]["findings"][0]["message"] != french["files"][0]["findings"][0]["message"]


def test_too_large_body_is_refused_with_413(client: httpx.Client) -> None:
    body = b'{"title": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    answer = client.post("/api/validate", content=body, headers=JSONLD)
    assert answer.status_code == 413
    assert "5242880" in answer.json()["error"]["message"]


def test_other_content_types_are_refused_with_415(client: httpx.Client) -> None:
    answer = client.post("/api/validate?lang=en", content=b"hello", headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415
    message = answer.json()["error"]["message"]
    assert "text/plain" in message and "application/ld+json" in message and "Unsupported" in message


def test_unreadable_json_gives_400_with_the_reason(client: httpx.Client) -> None:
    answer = client.post("/api/validate", content=b'{"title": "Auch",', headers=JSONLD)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["message"] and error["code"].startswith("CV")
    assert error["line"] == 1
    assert "Traceback" not in answer.text
    empty = client.post("/api/validate", content=b"  ", headers=JSONLD)
    assert empty.status_code == 400 and "vide" in empty.json()["error"]["message"]
    wrong = client.post("/api/validate?format=xml", content=b"{}", headers=JSONLD)
    assert wrong.status_code == 422 and wrong.json()["error"]["parameters"][0]["parameter"].endswith("format")


def test_a_validation_over_the_time_limit_gives_503(store: Path) -> None:
    slow = LiveServer(store_path=store, timeout=0.001, warm_up=False).start()
    try:
        answer = httpx.post(slow.url("/api/validate"), content=GRAND_AUCH.read_bytes(), headers=JSONLD, timeout=60)
    finally:
        slow.stop()
    assert answer.status_code == 503
    assert "0.001" in answer.json()["error"]["message"]


def test_openapi_lists_the_paths(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/validate", "/api/conventions", "/api/conventions/{convention_id}", "/api/qpv/{code}"):
        assert path in spec["paths"], path
    assert "/api/qpv.geojson" in spec["paths"]
    validate = spec["paths"]["/api/validate"]["post"]
    assert "Valider" in validate["summary"] and "Validate" in validate["summary"]
    assert {"application/ld+json", "application/yaml"} <= set(validate["requestBody"]["content"])


def test_conventions_with_filters_and_csv(client: httpx.Client) -> None:
    everything = client.get("/api/conventions").json()
    titles = sorted(c["title"] for c in everything["conventions"])
    assert everything["count"] == 3 and any("Auch" in t for t in titles) and any("Cayenne" in t for t in titles)
    auch = client.get("/api/conventions", params={"q": "grand garros"}).json()
    assert [c["contract_code"] for c in auch["conventions"]] == ["CN03201M"]
    occitanie = client.get("/api/conventions", params={"region": "76"}).json()
    assert [c["contract_code"] for c in occitanie["conventions"]] == ["CN03201M"]
    guyane = client.get("/api/conventions", params={"departement": "973", "access_level": "PUBLIC"}).json()
    assert [c["contract_code"] for c in guyane["conventions"]] == ["CN97301I"]
    assert client.get("/api/conventions", params={"q": "nowhere-at-all"}).json()["count"] == 0
    answer = client.get("/api/conventions", params={"format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert sorted(row["title"] for row in rows) == titles


def test_one_convention_and_one_qpv(client: httpx.Client) -> None:
    summary = client.get("/api/conventions", params={"q": "CN03201M"}).json()["conventions"][0]
    detail = client.get(f"/api/conventions/{summary['id']}").json()
    assert len(detail["datasets"]) == summary["datasets"] == 5
    assert {p["siren"] for p in detail["parties"]} >= {"213200132", "200066926"}
    history = detail["harvest_history"]
    assert [h["status"] for h in history] == ["current"]
    assert history[0]["source"].endswith("grand-auch.jsonld")
    datasets_csv = client.get(f"/api/conventions/{summary['id']}", params={"format": "csv"}).text
    assert len(list(csv.DictReader(io.StringIO(datasets_csv)))) == 5
    qpv = client.get("/api/qpv/QN03201M").json()
    assert [c["id"] for c in qpv["conventions"]] == [summary["id"]]
    assert len(qpv["datasets"]) == 5 and qpv["regions"] == {"76": "Occitanie"}
    missing = client.get("/api/qpv/QX00000X")
    assert missing.status_code == 404 and "QX00000X" in missing.json()["error"]["message"]
    assert client.get("/api/conventions/unknown").status_code == 404


def test_geojson_has_every_qpv_with_counts(client: httpx.Client) -> None:
    layer = client.get("/api/qpv.geojson").json()
    features = {f["properties"]["code"]: f["properties"] for f in layer["features"]}
    assert len(features) == 1584
    assert features["QN03201M"]["conventions"] == 1 and features["QN03201M"]["datasets"] == 5
    filtered = client.get("/api/qpv.geojson", params={"region": "03"}).json()  # Guyane only
    counts = {f["properties"]["code"]: f["properties"]["conventions"] for f in filtered["features"]}
    assert counts["QN03201M"] == 0 and sum(counts.values()) > 0


def test_serve_command_prints_its_address(store_copy: Path) -> None:
    process = subprocess.Popen(
        [str(CLI), "serve", "--store", str(store_copy), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        address = first.split()[4]
        assert first.startswith("Espace de travail : http://127.0.0.1:")
        answer = httpx.get(address + "api/conventions", timeout=60)
        assert answer.status_code == 200 and answer.json()["count"] == 3
    finally:
        process.terminate()
        process.wait(timeout=30)
    refused = subprocess.run(
        [str(CLI), "serve", "--store", str(store_copy.parent / "none")], capture_output=True, text=True
    )
    assert refused.returncode == 2 and "harvest" in refused.stderr


@pytest.fixture(scope="module")
def store_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second store (the first is held open by the module's server)."""
    return harvested_examples(tmp_path_factory.mktemp("web-serve") / "store")


def test_report_json_is_the_cli_renderer(client: httpx.Client) -> None:
    answer = client.post("/api/validate?name=grand-auch", content=GRAND_AUCH.read_bytes(), headers=JSONLD)
    assert json.loads(answer.text)["files"][0]["file"] == "grand-auch.jsonld"


def test_an_endpoint_gives_the_same_answers_and_follows_new_harvests(tmp_path: Path, client: httpx.Client) -> None:
    published = tmp_path / "published"
    published.mkdir()
    for path in (EXAMPLES / "valid").glob("*.jsonld"):
        shutil.copy(path, published / path.name)
    oxigraph = cast(Generator[str, None, None], run_oxigraph(tmp_path / "oxigraph"))
    endpoint = next(oxigraph)
    harvest = [str(CLI), "harvest", str(published), "--endpoint", endpoint, "--no-progress"]
    try:
        done = subprocess.run(harvest, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        remote = LiveServer(endpoint=endpoint, warm_up=False, refresh_seconds=0).start()
        try:
            for address in ("/api/conventions", "/api/qpv/QN03201M"):
                assert httpx.get(remote.url(address), timeout=60).json() == client.get(address).json(), address
            (published / "cayenne.jsonld").unlink()  # withdrawn at the next harvest
            done = subprocess.run(harvest, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
            assert done.returncode == 0, done.stderr
            after = httpx.get(remote.url("/api/conventions"), timeout=60).json()
            assert after["count"] == 2 and all("Cayenne" not in c["title"] for c in after["conventions"])
        finally:
            remote.stop()
    finally:
        oxigraph.close()


def test_nothing_remote_is_fetched(client: httpx.Client, tmp_path: Path) -> None:
    (tmp_path / "context.jsonld").write_text('{"@context": {"title": "http://purl.org/dc/terms/title"}}')
    elsewhere = FolderServer(tmp_path).start()
    try:
        document = json.loads(GRAND_AUCH.read_text(encoding="utf-8"))
        document["@context"] = [elsewhere.url("context.jsonld")]
        answer = client.post("/api/validate", content=json.dumps(document), headers=JSONLD)
    finally:
        elsewhere.stop()
    assert answer.status_code == 200
    assert api_codes(answer) == ["CV201"]  # an unknown context is a finding, never a download
    assert not elsewhere.requests
