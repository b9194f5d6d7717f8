"""The DCAT-AP catalogue as data.gouv.fr imports it: udata's own DCAT harvest backend, over real HTTP.

udata (the software of data.gouv.fr, from PyPI) runs in this process on an in-memory MongoDB
(mongomock), with data.gouv.fr's list of licences (tests/data/udata/). Each catalogue is served on
127.0.0.1 by a plain HTTP server and harvested by `udata.harvest.actions.run`, the code a harvest
job of data.gouv.fr runs; every imported dataset is then compared, field by field, with the
convention it comes from.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from datetime import date
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import mongomock
import pytest
from udata import settings
from udata.app import create_app, standalone
from udata.core.dataset.models import Dataset, License
from udata.core.organization.models import Organization
from udata.harvest import actions
from udata.harvest.filters import normalize_tag
from udata.harvest.models import HarvestSource

from convention_validator.findings import FileReport
from convention_validator.publication.dcat_ap import producers
from convention_validator.publication.export import render_export
from convention_validator.validator import Validator
from support import VALID, load_document

ROOT = Path(__file__).resolve().parent.parent
LICENCES = ROOT / "tests" / "data" / "udata" / "licences-data-gouv-fr.json"
CONTOURS = ROOT / "src" / "convention_validator" / "reference" / "qpv-2024-contours.json.gz"
EXAMPLES = [p for p in VALID if p.suffix == ".jsonld"]
DATAGOUV_LICENCE = {"etalab-2.0": "lov2", "ODbL-1.0": "odc-odbl"}
ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
INSPIRE = "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess/INSPIRE_Directive_Article13_1"
# What the ground for not opening (or, failing it, the kind of data) becomes in udata.
LIMITATIONS = {"PRIVACY": "confidentiality_of_personal_data"}
FREQUENCIES = {
    "ANNUAL": "annual",
    "ANNUAL_2": "semiannual",
    "QUARTERLY": "quarterly",
    "MONTHLY": "monthly",
    "WEEKLY": "weekly",
}


class UdataSettings(settings.Testing):  # type: ignore[misc]
    """udata's own test settings, an in-memory database, the DCAT backend, targets on loopback allowed."""

    MONGODB_SETTINGS: ClassVar[dict[str, Any]] = {
        "host": "mongodb://localhost:27017/udata",
        "mongo_client_class": mongomock.MongoClient,
    }
    HARVESTER_BACKENDS: ClassVar[list[str]] = ["dcat"]
    URLS_ALLOW_LOCAL = True
    URLS_ALLOW_PRIVATE = True


class _Handler(SimpleHTTPRequestHandler):
    # .ttl declares UTF-8; .latin is the same Turtle as bare text/turtle (the case to avoid)
    extensions_map = {".ttl": "text/turtle; charset=utf-8", ".latin": "text/turtle"}  # noqa: RUF012

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1, and its base URL."""
    folder = tmp_path_factory.mktemp("catalogues")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def udata_app() -> Iterator[Any]:
    """A udata application on an in-memory database holding data.gouv.fr's licences."""
    app = standalone(create_app(settings.Defaults, override=UdataSettings))
    with app.app_context():
        for licence in json.loads(LICENCES.read_text(encoding="utf-8")):
            License(**licence).save()
        yield app


@pytest.fixture(autouse=True)
def empty_database(udata_app: Any) -> None:
    """Each test harvests into a database holding only the licences (the same datasets are harvested twice)."""
    from mongoengine.connection import get_db

    database = get_db()
    for name in database.list_collection_names():
        if name != License._get_collection_name():
            database.drop_collection(name)


@cache
def report(path: Path) -> FileReport:
    result = Validator().validate_file(path)
    assert result.worst is None or result.worst.rank < 2
    return result


def harvest(served: tuple[Path, str], name: str, data: bytes, organisation: str) -> list[Any]:
    """Serve `data` as `name`, harvest it with udata's DCAT backend for a new organisation, return its datasets."""
    folder, base = served
    (folder / name).write_bytes(data)
    organization = Organization.objects.create(name=organisation, description=f"Organisation {organisation}")
    source = HarvestSource.objects.create(
        name=f"{organisation} ({name})", url=f"{base}/{name}", backend="dcat", organization=organization
    )
    actions.run(source)
    source.reload()
    job = source.get_last_job()
    assert job.status == "done", [e.message for e in job.errors]
    assert [(i.status, [e.message for e in i.errors]) for i in job.items] == [("done", [])] * len(job.items)
    return [item.dataset for item in job.items]


@cache
def contours() -> dict[str, list[Any]]:
    with gzip.open(CONTOURS, "rt", encoding="utf-8") as handle:
        return {item["code"]: item["g"] for item in json.load(handle)["qpvs"]}


def frozen(polygon: list[list[list[float]]]) -> tuple[tuple[tuple[float, float], ...], ...]:
    return tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_udata_imports_every_dataset_field_by_field(udata_app: Any, served: tuple[Path, str], path: Path) -> None:
    document = load_document(path)
    catalogue = render_export(report(path), "turtle", "dcat-ap")
    imported = {d.harvest.remote_id: d for d in harvest(served, f"{path.stem}.ttl", catalogue, path.stem)}
    assert set(imported) == {item["id"] for item in document["datasets"]}
    for item in document["datasets"]:
        dataset = imported[item["id"]]
        sharing = item["sharing"]
        # Texts, accents included.
        assert dataset.title == item["title"]
        assert dataset.description == item["description"]
        # Licence: data.gouv.fr's own entry; udata drops any licence of a dataset whose access is not open.
        if sharing["access_level"] == "PUBLIC":
            assert dataset.license is not None and dataset.license.id == DATAGOUV_LICENCE[sharing["licence"]]
        else:
            assert "licence" not in sharing and dataset.license is None
        # Access: open, or restricted with the INSPIRE reason; the EU access right kept in the extras.
        assert dataset.extras["dcat"]["accessRights"] == [ACCESS_RIGHT + sharing["access_level"]]
        if sharing["access_level"] == "PUBLIC":
            assert dataset.access_type in (None, "open")
            assert dataset.access_type_reason_category is None
        else:
            assert dataset.access_type == "restricted", item["id"]
            ground = sharing.get("non_opening_ground")
            reason = dataset.access_type_reason_category
            assert reason is not None
            if ground in LIMITATIONS:
                assert reason == LIMITATIONS[ground]
            assert any(r.startswith(INSPIRE) for r in dataset.extras["dcat"]["rights"])
        assert dataset.private is False  # udata's DCAT backend never sets it (see docs/export.md)
        # Spatial coverage: each QPV's polygons once, no bounding box, nothing rejected.
        codes = item.get("covered_qpv", document["covered_qpv"])
        expected = {frozen(polygon) for code in codes for polygon in contours()[code]}
        geometry = dataset.spatial.geom
        assert geometry["type"] == "MultiPolygon"
        assert len(geometry["coordinates"]) == sum(len(contours()[code]) for code in codes)
        assert {frozen(polygon) for polygon in geometry["coordinates"]} == expected
        # Resources: the data itself when the convention gives its addresses, else the convention.
        urls = {resource.url for resource in dataset.resources}
        if item.get("distributions"):
            assert urls == {d["download_url"] for d in item["distributions"]}
            formats = {resource.format for resource in dataset.resources}
            assert formats == {d["format"].lower() for d in item["distributions"]}
            assert dataset.harvest.remote_url == item["landing_page"]
        else:
            # udata knows a resource by its URL: the formats agreed share one resource, the convention.
            assert urls == {document["id"]} and len(dataset.resources) == 1
        # Temporal coverage, frequency, keywords, issue date, producer as contact.
        period = item["production_period"]
        assert dataset.temporal_coverage.start == date.fromisoformat(period["start_date"])
        assert dataset.temporal_coverage.end == date.fromisoformat(period["end_date"])
        assert dataset.frequency == FREQUENCIES[item["update_frequency"]]
        assert {normalize_tag(k) for k in item["keywords"]} <= set(dataset.tags)
        if "first_available_on" in item:
            assert dataset.harvest.issued_at.date() == date.fromisoformat(item["first_available_on"])
        producer = next(p for p in document["parties"] if p["id"] == item["producer"])
        publishers = [c.name for c in dataset.contact_points if c.role == "publisher"]
        assert publishers == [producer["name"]]
        assert dataset.organization.name == path.stem  # the harvest source's organisation


def test_one_catalogue_per_producer_files_each_dataset_under_its_producer(
    udata_app: Any, served: tuple[Path, str]
) -> None:
    """udata gives every harvested dataset the source's organisation: one source per producer."""
    path = next(p for p in EXAMPLES if p.stem == "nantes-metropole")
    document = load_document(path)
    names = {p["id"]: p["name"] for p in document["parties"]}
    owners: dict[str, str] = {}
    for producer in producers(report(path).graph):
        siren = producer.rsplit("/", 1)[-1]
        catalogue = render_export(report(path), "turtle", "dcat-ap", producer=siren)
        for dataset in harvest(served, f"producteur-{siren}.ttl", catalogue, names[f"organisation:{siren}"]):
            owners[dataset.harvest.remote_id] = dataset.organization.name
    assert owners == {item["id"]: names[item["producer"]] for item in document["datasets"]}
    assert Dataset.objects.count() == len(document["datasets"])


def test_without_a_charset_udata_garbles_the_accents(udata_app: Any, served: tuple[Path, str]) -> None:
    """Why the catalogue must be served with `charset=utf-8`: the same bytes as bare text/turtle."""
    path = next(p for p in EXAMPLES if p.stem == "grand-auch")
    document = load_document(path)
    catalogue = render_export(report(path), "turtle", "dcat-ap")
    titles = {d.title for d in harvest(served, "sans-charset.latin", catalogue, "sans-charset")}
    originals = {item["title"] for item in document["datasets"]}
    accented = {t for t in originals if any(ord(c) > 127 for c in t)}
    assert accented and not accented & titles
    assert {t.encode("utf-8").decode("latin-1") for t in accented} <= titles
