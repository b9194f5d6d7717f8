"""Fetching one document: HTTP(S) through the network guard, or a local file, with every limit applied.

Limits: a per-operation and a total time limit, a size cap enforced while the body streams in
(announced size checked first), a maximum number of redirects (followed by hand, so that the
guard checks every hop) and conditional requests (If-None-Match / If-Modified-Since).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

import httpcore
import httpx

from convention_validator.harvest.guard import BlockedConnection, GuardedBackend, Refused, check_url
from convention_validator.harvest.messages import Reason

REDIRECTS = (301, 302, 303, 307, 308)
GONE = (404, 410)
USER_AGENT = "convention-validator-harvester"


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one harvest's fetches."""

    allow_private: bool = False
    timeout: float = 30.0
    max_size: int = 10 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 8


@dataclass(frozen=True)
class Fetched:
    """The outcome of fetching one document."""

    kind: Literal["ok", "not_modified", "gone", "failed"]
    url: str
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    media_type: str = ""
    http_status: int | None = None
    reason: Reason | None = None
    fetched_at: float = 0.0

    @classmethod
    def failure(cls, url: str, started: float, reason: Reason, status: int | None = None) -> Fetched:
        return cls("failed", url, http_status=status, reason=reason, fetched_at=started)

    @property
    def content_hash(self) -> str:
        return "sha256:" + hashlib.sha256(self.body).hexdigest()


class Fetcher:
    """Fetches documents; thread-safe (one connection pool shared by the fetching threads)."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        transport = httpx.HTTPTransport(trust_env=False)
        # Same pool as httpx builds, with the guarded network backend (httpx has no public switch for it).
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max(options.concurrency, 1) * 2,
            max_keepalive_connections=max(options.concurrency, 1) * 2,
            network_backend=GuardedBackend(options.allow_private),
        )
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/ld+json, application/json, text/turtle, */*",
                "Accept-Encoding": "gzip, deflate",  # decoded here, under the size cap
            },
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, etag: str = "", last_modified: str = "") -> Fetched:
        """Fetch `url` (http, https or file); conditional when a validator of the loaded version is given."""
        if url.startswith("file:"):
            return self._read_file(url)
        started = time.time()
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.options.max_redirects + 1):
            try:
                check_url(current, self.options.allow_private)
                outcome = self._get(current, headers, started)
            except Refused as refused:
                return Fetched.failure(url, started, refused.reason)
            except BlockedConnection as blocked:
                return Fetched.failure(url, started, blocked.refused.reason)
            except httpx.TimeoutException:
                return Fetched.failure(url, started, Reason.of("timeout", seconds=self.options.timeout))
            except httpx.HTTPError as error:
                detail = str(error) or type(error).__name__
                return Fetched.failure(url, started, Reason.of("connection", detail=detail))
            if isinstance(outcome, Fetched):
                return outcome
            current = urljoin(current, outcome)
        return Fetched.failure(url, started, Reason.of("redirects", limit=self.options.max_redirects))

    def _get(self, url: str, headers: dict[str, str], started: float) -> Fetched | str:
        """One hop: the outcome, or the next address when redirected."""
        with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECTS:
                location = response.headers.get("Location", "")
                if not location:
                    return Fetched.failure(url, started, Reason.of("bad_redirect"), status)
                return str(location)
            if status == 304:
                return Fetched("not_modified", url, http_status=status, fetched_at=started)
            if status in GONE:
                gone = Reason.of("gone", status=status)
                return Fetched("gone", url, http_status=status, reason=gone, fetched_at=started)
            if status >= 300:
                return Fetched.failure(url, started, Reason.of("http", status=status), status)
            too_big = Fetched.failure(url, started, Reason.of("too_big", limit=self.options.max_size), status)
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > self.options.max_size:
                return too_big
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > self.options.max_size:
                    return too_big
                if time.time() - started > self.options.timeout:
                    raise httpx.ReadTimeout("total time limit")
                chunks.append(chunk)
            body = _decoded(b"".join(chunks), response.headers.get("Content-Encoding", ""), self.options.max_size)
            if body is None:
                return too_big
            return Fetched(
                "ok",
                url,
                body=body,
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
                media_type=response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower(),
                http_status=status,
                fetched_at=started,
            )

    def _read_file(self, url: str) -> Fetched:
        started = time.time()
        path = Path(unquote(urlsplit(url).path))
        try:
            if not path.is_file():
                raise FileNotFoundError(str(path))
            if path.stat().st_size > self.options.max_size:
                return Fetched.failure(url, started, Reason.of("too_big", limit=self.options.max_size))
            body = path.read_bytes()
        except FileNotFoundError:
            return Fetched("gone", url, reason=Reason.of("file_missing", detail=str(path)), fetched_at=started)
        except OSError as error:
            detail = f"{path}: {error.strerror or error}"
            return Fetched.failure(url, started, Reason.of("file_missing", detail=detail))
        return Fetched("ok", url, body=body, fetched_at=started)


def _decoded(raw: bytes, encoding: str, limit: int) -> bytes | None:
    """The body without its content encoding (gzip, deflate), None when it inflates beyond `limit`."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    import zlib

    if encoding not in ("gzip", "x-gzip", "deflate"):
        return raw
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        body = decompressor.decompress(raw, limit + 1)
    except zlib.error:
        return raw
    return None if len(body) > limit else body
