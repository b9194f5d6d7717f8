"""Network guard: only plain http(s) addresses, and never loopback, private, link-local or reserved addresses.

A harvester inside an administration network must not become a way into that network (SSRF).
Every address a host name resolves to is checked before any connection, on every redirect hop
(`check_url`), and again at connection time by `GuardedBackend`, which connects to the very
address it checked (no second DNS answer can slip in between).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

from convention_validator.harvest.deadline import DeadlineBackend, remaining
from convention_validator.harvest.messages import Reason
from convention_validator.harvest.urls import shown, url_problem

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The address may not be fetched; `reason` says why."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.key)
        self.reason = reason


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_forbidden(address: IPAddress, allow_private: bool = False) -> bool:
    """True for addresses the harvester must not reach."""
    if address.is_unspecified or address.is_multicast:
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_forbidden(address.ipv4_mapped, allow_private)  # ::ffff:a.b.c.d is a.b.c.d
    inner = _embedded_ipv4(address)
    if inner is not None and is_forbidden(inner, allow_private):
        return True
    if allow_private:
        return False
    return not address.is_global or address.is_reserved or address.is_loopback or address.is_link_local


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of `host`, all checked; raises Refused if any is forbidden or none exists."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    addresses = [str(literal)] if literal is not None else _lookup(host, port)
    for text in addresses:
        if is_forbidden(ipaddress.ip_address(text.split("%", 1)[0]), allow_private):
            raise Refused(Reason.of("private", address=text))
    if not addresses:
        raise Refused(Reason.of("dns", host=shown(host)))
    return addresses


def _lookup(host: str, port: int) -> list[str]:
    """The addresses of a host name, looked up within this thread's deadline (getaddrinfo has none)."""
    found: list[str] = []
    failed: list[BaseException] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except (OSError, UnicodeError) as error:
            failed.append(error)
        finally:
            done.set()

    left = remaining()
    if left is None:
        lookup()
    else:
        threading.Thread(target=lookup, name="dns", daemon=True).start()  # abandoned if it hangs
        if not done.wait(max(left, 0.0)):
            raise Refused(Reason.of("dns_timeout", host=shown(host)))
    if failed:
        raise Refused(Reason.of("dns", host=shown(host))) from failed[0]
    return found


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a URL that is odd (see `url_problem`), not http(s), or whose host has a forbidden address."""
    problem = url_problem(url)
    if problem is not None:
        raise Refused(problem)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    resolve(parts.hostname or "", port, allow_private)


class BlockedConnection(httpcore.ConnectError):
    """Raised at connection time for a forbidden address (seen by httpx as a connection error)."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason.key)
        self.refused = refused


class GuardedBackend(DeadlineBackend):
    """The deadline backend, connecting only to addresses it has just checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port, self.allow_private)
        except Refused as refused:
            raise BlockedConnection(refused) from None
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as failure:
                error = failure
        assert error is not None
        raise error
