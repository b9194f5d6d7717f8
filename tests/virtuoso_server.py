"""A real Virtuoso 7.2 (Debian `virtuoso-opensource`, installed by `make system-deps`) on loopback for tests.

A fresh database in a temporary folder, a generated virtuoso.ini with free ports, the default
set-up: user `dba`, password `dba`, SPARQL update through `/sparql-auth` with HTTP Digest.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from harvest_server import free_port

USER, PASSWORD = "dba", "dba"  # the default administrator of a new Virtuoso database
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
DirsAllowed = ., {vad}
VADInstallDir = {vad}/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass
class Virtuoso:
    """One running server: its base URL and how to stop and restart it on the same database."""

    folder: Path
    url: str
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [virtuoso_binary(), "-f", "-c", str(self.folder / "virtuoso.ini")],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "virtuoso.log").read_text(errors="replace")[-2000:]
                self.stop()
                raise RuntimeError(f"virtuoso did not start:\n{log}")
            time.sleep(0.1)

    def kill(self) -> None:
        """Stop at once (SIGKILL), as a crash would: nothing is flushed."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def virtuoso_binary() -> str:
    found = shutil.which("virtuoso-t")
    if found is None:
        pytest.fail("virtuoso-t is not installed: run `make system-deps` (Debian package virtuoso-opensource)")
    return found


@contextmanager
def running_virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """A new database in `folder`, served on free loopback ports until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = INI.format(folder=folder, sql_port=sql_port, http_port=http_port, vad=VAD_DIR)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    server = Virtuoso(folder, f"http://127.0.0.1:{http_port}")
    server.start()
    try:
        yield server
    finally:
        server.stop()
