"""Harvester hardening, on real loopback servers: schemes, one deadline per document, odd addresses,
a full disk, proxies and retries."""

from __future__ import annotations

import email.utils
import http.client
import json
import resource
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from convention_validator.cli import main
from convention_validator.harvest import HarvestOptions, harvest
from convention_validator.harvest.urls import url_problem
from convention_validator.store import RECORDS_GRAPH, open_store
from test_harvest import ROOT, VALIDATOR, Site, by_source, canonical, convention, iri, run, server, site

__all__ = ["server", "site"]  # fixtures of test_harvest, used here

ODD_ADDRESSES = {
    "http://[fe80::1%25eth0]/c.jsonld": "identifiant de zone",
    "http://0177.0.0.1/c.jsonld": "forme ambiguë",
    "http://0x7f.1/c.jsonld": "forme ambiguë",
    "http://exemple.fr/une convention.jsonld": "espace",
    "http:///c.jsonld": "sans nom d'hôte",
    "http://exemple.fr/" + "a" * 3000: "trop longue",
    "https://www.ville-évry.fr/convention.jsonld": "www.xn--ville-vry-g4a.fr",
    "http://[::1/c.jsonld": "mal formée",
    "http://exemple.fr:99999/c.jsonld": "mal formée",
    "http://agent:secret@exemple.fr/c.jsonld": "mot de passe",
    "gopher://exemple.fr/c.jsonld": "schéma",
}


# -- odd addresses ---------------------------------------------------------------------------------


def test_every_odd_address_is_a_finding(site: Site, tmp_path: Path) -> None:
    good = site.put("c0.jsonld", convention(0))
    listing = tmp_path / "sources.txt"
    listing.write_text("".join(f"{url}\n" for url in ODD_ADDRESSES) + good + "\n", encoding="utf-8")
    report_path = tmp_path / "report.json"
    store = tmp_path / "store"
    arguments = ["harvest", "--store", str(store), "--allow-private", "--no-progress", "--report-json"]
    result = CliRunner().invoke(main, [*arguments, str(report_path), str(listing), "http://0177.0.0.1/direct"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    data = json.loads(report_path.read_text(encoding="utf-8"))
    rows = {row["source"]: row for row in data["sources"]}
    assert rows[good]["status"] == "current"  # the sources after the odd ones were harvested
    for line, (address, words) in enumerate(ODD_ADDRESSES.items(), start=1):
        row = next(row for source, row in rows.items() if address.startswith(source.rstrip("…")))
        assert row["status"] == "unreachable" and row["action"] == "not_loaded", row
        assert words in row["reason"], (address, row["reason"])
        assert row["line"] == line and row["listing"] == listing.resolve().as_uri()
        assert len(row["source"]) <= 120
    assert "forme ambiguë" in rows["http://0177.0.0.1/direct"]["reason"]
    assert sum(site.server.requests.values()) == 1  # only the good one was fetched


def test_odd_addresses_in_english() -> None:
    reason = url_problem("http://[fe80::1%25eth0]/")
    assert reason is not None and "zone identifier" in reason.text("en")
    assert all(url_problem(address) is not None for address in ODD_ADDRESSES)
    assert url_problem("https://www.nantes.fr/conventions/2024.jsonld?v=2#x") is None


# -- http(s) only, at every level ------------------------------------------------------------------


def test_remote_listings_never_name_local_files(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "locale.jsonld"
    secret.write_bytes(convention(7, title="Fichier local qui ne doit jamais être lu"))
    good = site.put("c0.jsonld", convention(0))
    catalogue = (
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
        f"<#d0> a dcat:Distribution ; dcat:downloadURL <{good}> .\n"
        f"<#d1> a dcat:Distribution ; dcat:downloadURL <{secret.as_uri()}> .\n"
        "<#d2> a dcat:Distribution ; dcat:downloadURL <ftp://exemple.fr/c.jsonld> .\n"
    )
    served_catalogue = site.put("catalogue.ttl", catalogue.encode())
    served_list = site.put("list.txt", f"{secret.as_uri()}\n{good}\n".encode())
    store = open_store(path=str(tmp_path / "store"))
    for listing in (served_catalogue, served_list):
        report = run([listing], store)
        results = {result.source: result for result in report.sources}
        assert results[good].status == "current"
        assert results[secret.as_uri()].status == "unreachable"
        assert "seules http et https" in results[secret.as_uri()].reason
        assert "Fichier local" not in json.dumps(report.to_dict(), ensure_ascii=False)
    assert iri(7) not in store.graphs()
    store.close()


# -- one deadline per document -------------------------------------------------------------------


class Trickler:
    """A loopback server that answers every request with `payload`, one byte every `pause` seconds."""

    def __init__(self, payload: bytes, pause: float = 0.05) -> None:
        self.payload, self.pause = payload, pause
        self.stopped = threading.Event()
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/c.jsonld"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # stopped
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            connection.recv(65536)
            try:
                for byte in self.payload:
                    if self.stopped.wait(self.pause):
                        return
                    connection.sendall(bytes([byte]))
            except OSError:
                return  # the client gave up: what the test expects

    def stop(self) -> None:
        self.stopped.set()
        self.socket.close()


@pytest.mark.parametrize(
    "payload",
    [
        b"HTTP/1.1 200 OK\r\nX-Lent: " + b"a" * 5000 + b"\r\n\r\n",  # headers, byte by byte
        b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b" " * 5000,  # body, byte by byte
    ],
    ids=["headers", "body"],
)
def test_a_trickling_server_cannot_hold_a_document_past_the_deadline(tmp_path: Path, payload: bytes) -> None:
    trickler = Trickler(payload)
    store = open_store(path=str(tmp_path / "store"))
    try:
        started = time.monotonic()
        report = run([trickler.url], store, timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        trickler.stop()
        store.close()
    assert by_source(report)[trickler.url] == ("unreachable", "not_loaded")
    assert "délai dépassé (1.0 s)" in report.sources[0].reason
    assert elapsed < 4.0  # the trickle alone would take 250 s; each byte arrives well within httpx's read timeout


# -- store failures ---------------------------------------------------------------------------------


def test_a_full_disk_stops_the_run_with_a_report_and_an_intact_store(site: Site, tmp_path: Path) -> None:
    names = [f"c{n}.jsonld" for n in range(12)]
    limit = 800_000  # bytes per file: writes beyond fail with EFBIG, like a full disk
    for n, name in enumerate(names):  # from the seventh on, a title bigger than any file may be
        site.put(name, convention(n, title="Convention " + "x" * 900_000 if n >= 6 else ""))
    listing = site.listing(names)
    reference = open_store(path=str(tmp_path / "reference"))
    run([listing], reference)
    expected = canonical(reference)
    reference.close()

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    store_path, report_path = tmp_path / "full", tmp_path / "report.json"
    command = [str(ROOT / ".venv" / "bin" / "convention-validator"), "harvest", "--store", str(store_path)]
    command += ["--allow-private", "--no-progress", "--concurrency", "1", "--report-json", str(report_path), listing]
    site.server.delay = 0.3  # one document at a time: each is written before the next arrives
    try:
        process = subprocess.run(command, capture_output=True, timeout=120, preexec_fn=small_files, check=False)
    finally:
        site.server.delay = 0.0
    err = process.stderr.decode()
    assert process.returncode == 2, err
    assert "écriture dans le magasin impossible" in err and "Traceback" not in err
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert data["store_error"] and data["failed"]
    saved = {row["convention"] for row in data["sources"] if row["action"] == "loaded"}
    assert any(row["action"] == "not_saved" for row in data["sources"])

    store = open_store(path=str(store_path))
    partial = canonical(store)
    store.close()
    graphs = partial.keys() - {RECORDS_GRAPH}
    assert 0 < len(graphs) < len(names) and graphs == saved
    assert all(partial[graph] == expected[graph] for graph in graphs)  # each graph whole, none partial
    assert process.stdout  # the summary was printed too


# -- proxies --------------------------------------------------------------------------------------


class ForwardingProxy(ThreadingHTTPServer):
    """A tiny HTTP forward proxy on loopback: forwards to 127.0.0.1, answers `virtual` addresses itself."""

    daemon_threads = True

    def __init__(self, virtual: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.virtual = virtual
        self.seen: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: ForwardingProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        target = urlsplit(self.path)
        if self.path in self.server.virtual:
            status, body, kind = 200, self.server.virtual[self.path], "application/ld+json"
        elif target.hostname == "127.0.0.1":
            upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            upstream.request("GET", target.path or "/")
            answer = upstream.getresponse()
            status, body, kind = answer.status, answer.read(), answer.getheader("Content-Type", "")
            upstream.close()
        else:
            status, body, kind = 502, b"", ""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def proxy() -> Iterator[ForwardingProxy]:
    running = ForwardingProxy({"http://1.2.3.4/c9.jsonld": convention(9)})
    yield running
    running.shutdown()
    running.server_close()


def test_the_guard_checks_the_target_not_the_proxy(site: Site, tmp_path: Path, proxy: ForwardingProxy) -> None:
    local = site.put("c0.jsonld", convention(0))
    store = open_store(path=str(tmp_path / "store"))
    public = "http://1.2.3.4/c9.jsonld"  # a public address, answered by the proxy (no traffic leaves loopback)
    report = harvest([public, local], store, HarvestOptions(proxy=proxy.url, timeout=5), validator=VALIDATOR)
    assert by_source(report)[public] == ("current", "loaded")  # the proxy is on loopback: allowed
    assert by_source(report)[local][0] == "unreachable" and "refusée" in report.sources[1].reason
    assert proxy.seen == [public]  # the loopback target was refused before any request
    report = harvest([local], store, HarvestOptions(proxy=proxy.url, allow_private=True), validator=VALIDATOR)
    assert by_source(report)[local] == ("current", "loaded") and proxy.seen[-1] == local
    store.close()


def test_proxy_variables_and_no_proxy(
    site: Site, tmp_path: Path, proxy: ForwardingProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.put("c0.jsonld", convention(0))
    store = open_store(path=str(tmp_path / "store"))
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    assert by_source(run([url], store))[url][0] == "current" and proxy.seen == [url]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    site.put("c0.jsonld", convention(0, title="Sans mandataire"))
    assert by_source(run([url], store))[url] == ("current", "loaded") and proxy.seen == [url]
    store.close()
    result = CliRunner().invoke(
        main, ["harvest", "--proxy", "socks5://127.0.0.1:1", "--store", str(tmp_path / "s"), url]
    )
    assert result.exit_code == 2 and "mandataire" in result.output


# -- retries --------------------------------------------------------------------------------------


class FlakyServer(ThreadingHTTPServer):
    """Answers `failures` times with `status` (and Retry-After `after`, if any), then a convention."""

    daemon_threads = True

    def __init__(self, status: int, failures: int, after: str = "") -> None:
        super().__init__(("127.0.0.1", 0), _FlakyHandler)
        self.status, self.failures, self.after = status, failures, after
        self.times: list[float] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/c.jsonld"


class _FlakyHandler(BaseHTTPRequestHandler):
    server: FlakyServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.times.append(time.monotonic())
        failing = len(self.server.times) <= self.server.failures
        body = b"" if failing else convention(0)
        self.send_response(self.server.status if failing else 200)
        if failing and self.server.after:
            self.send_header("Retry-After", self.server.after)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


@pytest.mark.parametrize(
    ("status", "failures", "after", "least_wait"),
    [(503, 1, "1", 1.0), (429, 1, "date:2", 0.9), (502, 2, "", 1.5)],
    ids=["retry-after-seconds", "retry-after-date", "backoff"],
)
def test_retries_honour_retry_after(tmp_path: Path, status: int, failures: int, after: str, least_wait: float) -> None:
    flaky = FlakyServer(status, failures, http_date(2) if after == "date:2" else after)
    store = open_store(path=str(tmp_path / "store"))
    report = run([flaky.url], store, timeout=10)
    store.close()
    flaky.shutdown()
    assert by_source(report)[flaky.url] == ("current", "loaded"), report.sources[0].reason
    assert len(flaky.times) == failures + 1
    assert flaky.times[-1] - flaky.times[0] >= least_wait


def test_retries_stop_at_the_deadline_and_the_limit(tmp_path: Path) -> None:
    store = open_store(path=str(tmp_path / "store"))
    later = FlakyServer(503, 10, "3600")
    started = time.monotonic()
    report = run([later.url], store, timeout=2)
    assert time.monotonic() - started < 1.5 and len(later.times) == 1  # no point waiting: beyond the deadline
    assert "au-delà du délai" in report.sources[0].reason
    always = FlakyServer(500, 10)
    report = run([always.url], store, retries=1, timeout=10)
    assert len(always.times) == 2 and "HTTP 500 après 2 tentatives" in report.sources[0].reason
    store.close()
    later.shutdown()
    always.shutdown()
