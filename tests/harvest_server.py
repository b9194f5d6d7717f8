"""A real HTTP server on 127.0.0.1 for harvest tests: a folder with ETag, Last-Modified and 304 answers,
plus switchable misbehaviours (errors, slowness, redirect loops, oversized bodies)."""

from __future__ import annotations

import email.utils
import hashlib
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH = ROOT / ".venv" / "bin" / "oxigraph"

MEDIA_TYPES = {
    ".jsonld": "application/ld+json; charset=utf-8",
    ".json": "application/json",
    ".yaml": "application/yaml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    # Without a charset, clients that follow HTTP's default for text/* (ISO-8859-1), udata's
    # harvester among them, garble every accent of a Turtle document.
    ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
}


class FolderServer(ThreadingHTTPServer):
    """Serves `root`; `behaviours` maps a path to 'status:500', 'slow:<seconds>', 'loop', 'redirect:<path>',
    'big' (endless body, no length) or 'big-announced' (huge Content-Length)."""

    daemon_threads = True
    request_queue_size = 128  # the default (5) drops connections under concurrent fetching

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.behaviours: dict[str, str] = {}
        self.requests: Counter[str] = Counter()
        self.full_answers: Counter[str] = Counter()  # 200 answers with a body
        self.big_bytes_sent = 0
        self.delay = 0.0  # seconds to wait before answering any file (to interrupt a run midway)
        self.connections = 0  # TCP connections accepted (a client that keeps them alive opens few)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        self.connections += 1  # called once per accepted connection, in the serving thread
        return True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up (size cap, timeout, killed harvester) are part of the tests

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def start(self) -> FolderServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FolderServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stalls)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests[path] += 1
        behaviour = self.server.behaviours.get(path, "")
        if path.startswith("/loop/"):
            behaviour = "loop"
        if behaviour.startswith("status:"):
            self._empty(int(behaviour.split(":", 1)[1]))
        elif behaviour.startswith("slow:"):
            time.sleep(float(behaviour.split(":", 1)[1]))
            self._file(path)
        elif behaviour == "loop":
            step = int(path.rsplit("/", 1)[1]) if path.startswith("/loop/") else 0
            self._empty(302, {"Location": f"/loop/{step + 1}"})
        elif behaviour.startswith("redirect:"):
            self._empty(301, {"Location": behaviour.split(":", 1)[1]})
        elif behaviour == "big":
            self._endless()
        elif behaviour == "big-announced":
            self._empty(200, {"Content-Length": str(10**12)}, close=True)
        else:
            self._file(path)

    def _file(self, path: str) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        target = (self.server.root / path.lstrip("/")).resolve()
        if not target.is_file() or self.server.root.resolve() not in target.parents:
            self._empty(404)
            return
        body = target.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self._empty(304, {"ETag": etag, "Last-Modified": modified})
            return
        self.server.full_answers[path] += 1
        self.send_response(200)
        self.send_header("Content-Type", MEDIA_TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def _empty(self, status: int, headers: dict[str, str] | None = None, close: bool = False) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", "0")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b" " * 65536
        try:
            for _ in range(16384):  # 1 GiB at most: a client without a size cap would be caught
                self.wfile.write(chunk)
                self.server.big_bytes_sent += len(chunk)
        except OSError:
            pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def run_oxigraph(location: Path) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port until the generator is closed; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start: {process.stderr.read() if process.stderr else b''!r}")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
