"""Checking one address before anything is done with it: length, characters, scheme, host, port.

Every odd address becomes a `Reason` for its source instead of an exception somewhere deeper
(HTTP client, DNS, store): the harvest goes on with the next sources.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

from convention_validator.harvest.messages import Reason

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2048
SHOWN_LENGTH = 120
FORBIDDEN = '<>"{}|\\^`'
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def shown(text: str) -> str:
    """An address (or part of one) fit for a message: control characters escaped, long ones cut."""
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def url_problem(url: str) -> Reason | None:
    """Why `url` may not be fetched as written, or None for a plain http(s) address."""
    if len(url) > MAX_URL_LENGTH:
        return Reason.of("url_too_long", limit=MAX_URL_LENGTH)
    if not url.isascii():
        return Reason.of("url_not_ascii", suggestion=shown(_encoded(url)))
    if any(character <= " " or character == "\x7f" for character in url):
        return Reason.of("url_space")
    for character in FORBIDDEN:
        if character in url:
            return Reason.of("url_character", character=character)
    if _BAD_PERCENT.search(url):
        return Reason.of("url_percent")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return Reason.of("url_malformed", detail=str(error))
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return Reason.of("scheme", scheme=scheme or "-")
    if "@" in parts.netloc:
        return Reason.of("url_credentials")
    if port == 0:
        return Reason.of("url_malformed", detail="port 0")
    return host_problem(parts.hostname or "", "[" in parts.netloc)


def host_problem(host: str, bracketed: bool) -> Reason | None:
    """Why `host` is not a plain host name, dotted-decimal IPv4 or bracketed IPv6 address."""
    if not host:
        return Reason.of("no_host")
    if bracketed:
        if "%" in host:
            return Reason.of("zone_id", host=shown(host))
        try:
            ipaddress.IPv6Address(host)
        except ValueError as error:
            return Reason.of("url_malformed", detail=str(error))
        return None
    labels = host.rstrip(".").split(".")
    if all(_NUMERIC_LABEL.fullmatch(label) for label in labels):
        try:
            ipaddress.IPv4Address(host)  # dotted decimal only: 0177.0.0.1, 0x7f.1, 2130706433 are refused
        except ValueError:
            return Reason.of("ambiguous_ipv4", host=shown(host))
        return None
    if len(host) > 253 or not _HOST_NAME.fullmatch(host):
        return Reason.of("bad_host", host=shown(host))
    return None


def _encoded(url: str) -> str:
    """The ASCII form of an IRI: host in punycode, the rest percent-encoded (a suggestion only)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        safe = "/:@!$&'()*+,;=%?#"
        return urlunsplit(
            (parts.scheme, netloc, quote(parts.path, safe), quote(parts.query, safe), quote(parts.fragment, safe))
        )
    except (UnicodeError, ValueError):
        return quote(url, safe="/:@!$&'()*+,;=%?#")
