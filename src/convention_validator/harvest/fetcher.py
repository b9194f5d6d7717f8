"""Fetching one document: HTTP(S) through the network guard, or a local file, with every limit applied.

Limits: one deadline per document (connection, headers, body, redirects and retries together), a
size cap enforced while the body streams in (announced size checked first), a maximum number of
redirects (followed by hand, so that the guard checks every hop), retries of 429 and 5xx answers
(Retry-After honoured within the deadline) and conditional requests (If-None-Match / If-Modified-Since).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from convention_validator.harvest.clients import Clients
from convention_validator.harvest.deadline import remaining, within
from convention_validator.harvest.guard import BlockedConnection, Refused, check_url
from convention_validator.harvest.messages import Reason
from convention_validator.harvest.proxy import ProxyChoice
from convention_validator.harvest.retry import RETRYABLE, backoff, retry_after
from convention_validator.harvest.urls import shown

REDIRECTS = (301, 302, 303, 307, 308)
GONE = (404, 410)

__all__ = ["FetchOptions", "Fetched", "Fetcher"]


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one harvest's fetches."""

    allow_private: bool = False
    timeout: float = 30.0
    max_size: int = 10 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 8
    retries: int = 2
    proxy: str | None = None
    trust_env: bool = True


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


@dataclass(frozen=True)
class _Again:
    """A 429 or 5xx answer: the status and the wait the server asked for (None if it did not)."""

    status: int
    after: float | None


class Fetcher:
    """Fetches documents; thread-safe (connection pools shared by the fetching threads)."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.proxies = ProxyChoice(options.proxy, options.trust_env)
        self._clients = Clients(options.allow_private, options.timeout, options.concurrency * 2, self.proxies)

    def close(self) -> None:
        self._clients.close()

    def fetch(self, url: str, etag: str = "", last_modified: str = "", local: bool = False) -> Fetched:
        """Fetch `url` (http or https; a file only when `local`, i.e. named by the operator's own listing).

        Conditional when a validator of the loaded version is given. Never raises: every failure is a reason.
        """
        started = time.time()
        if url.startswith("file:"):
            if local:
                return self._read_file(url)
            return Fetched.failure(url, started, Reason.of("scheme", scheme="file"))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with within(self.options.timeout):
                return self._follow(url, headers, started)
        except Exception as error:  # one odd source must never stop the harvest
            detail = shown(f"{type(error).__name__}: {error}")
            return Fetched.failure(url, started, Reason.of("unexpected", detail=detail))

    def _follow(self, url: str, headers: dict[str, str], started: float) -> Fetched:
        """Every hop of `url`, each one checked by the guard, all within the deadline."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            try:
                check_url(current, self.options.allow_private)
                outcome = self._attempts(current, headers, started)
            except Refused as refused:
                return Fetched.failure(url, started, refused.reason)
            except BlockedConnection as blocked:
                return Fetched.failure(url, started, blocked.refused.reason)
            except httpx.TimeoutException:
                return Fetched.failure(url, started, Reason.of("timeout", seconds=self.options.timeout))
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                detail = shown(str(error) or type(error).__name__)
                return Fetched.failure(url, started, Reason.of("connection", detail=detail))
            if isinstance(outcome, Fetched):
                return outcome
            current = urljoin(current, outcome)
        return Fetched.failure(url, started, Reason.of("redirects", limit=self.options.max_redirects))

    def _attempts(self, url: str, headers: dict[str, str], started: float) -> Fetched | str:
        """One hop, asked again after a 429 or 5xx answer while the deadline allows the wait."""
        attempt = 0
        while True:
            outcome = self._get(url, headers, started)
            if not isinstance(outcome, _Again):
                return outcome
            wait = outcome.after if outcome.after is not None else backoff(attempt)
            left = remaining() or 0.0
            if attempt >= self.options.retries or wait >= left:
                if outcome.after is not None and outcome.after >= left:
                    reason = Reason.of("retry_too_late", status=outcome.status, seconds=round(outcome.after))
                else:
                    reason = Reason.of("retried", status=outcome.status, attempts=attempt + 1)
                return Fetched.failure(url, started, reason, outcome.status)
            time.sleep(wait)
            attempt += 1

    def _get(self, url: str, headers: dict[str, str], started: float) -> Fetched | str | _Again:
        """One request: the outcome, the next address when redirected, or a request to ask again."""
        with self._clients.for_url(url).stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in RETRYABLE:
                return _Again(status, retry_after(response.headers.get("Retry-After", "")))
            if status in REDIRECTS:
                location = response.headers.get("Location", "")
                if not location:
                    return Fetched.failure(url, started, Reason.of("bad_redirect"), status)
                return str(location)
            if status == 304:
                # A 304 has no content (RFC 9110, 15.4.5): reading its end lets the connection be
                # reused; left unread, it is closed, and a re-harvest opened one per source.
                response.read()
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
