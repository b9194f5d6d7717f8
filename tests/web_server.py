"""The web workspace for tests: a store filled by `harvest` on the examples, and the real app served by uvicorn
on a free loopback port in a background thread (real HTTP)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from convention_validator.web.app import create_app
from convention_validator.web.listening import listening_socket

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"


def harvest_examples(store: Path, *folders: str) -> subprocess.CompletedProcess[str]:
    """Harvest example folders (file:// sources) into the embedded store `store` with the command."""
    sources = folders or ("examples/valid",)
    command = [str(CLI), "harvest", *sources, "--store", str(store), "--no-progress"]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, timeout=120)


def harvested_examples(store: Path) -> Path:
    """`store`, filled by harvesting examples/valid (exit 1: grand-auch.yaml repeats grand-auch.jsonld)."""
    done = harvest_examples(store)
    assert done.returncode in (0, 1), done.stderr
    return store


class LiveServer:
    """`create_app(**options)` served by uvicorn in a thread on 127.0.0.1 (port chosen by the system)."""

    def __init__(self, **options: Any) -> None:
        self.app = create_app(**options)
        self._socket = listening_socket("127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the workspace did not start")
            time.sleep(0.05)
        return self

    def url(self, path: str) -> str:
        return self.base + path

    def client(self) -> httpx.Client:
        """An HTTP client of this server (relative addresses)."""
        return httpx.Client(base_url=self.base, timeout=60)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()


AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_run(page: Any) -> dict[str, Any]:
    """axe-core's results on the page, for the WCAG 2.0 and 2.1 rules of levels A and AA (RGAA's base)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return results


def serious_violations(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The serious and critical violations of an axe run, with a few of the elements each."""
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
