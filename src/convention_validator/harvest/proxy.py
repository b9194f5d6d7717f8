"""Which proxy a fetch goes through: `--proxy`, else HTTP_PROXY / HTTPS_PROXY / ALL_PROXY, minus NO_PROXY.

The network guard still applies to the *target* (checked before every hop); the proxy itself
may well sit on a private address, as it does in administration networks.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

from convention_validator.harvest.urls import host_problem


def proxy_problem(proxy: str) -> bool:
    """True when `proxy` is not a usable http(s) proxy address."""
    try:
        parts = urlsplit(proxy)
        parts.port  # noqa: B018  # raises ValueError on a bad port
    except ValueError:
        return True
    if parts.scheme.lower() not in ("http", "https"):
        return True
    return host_problem(parts.hostname or "", "[" in parts.netloc) is not None


class ProxyChoice:
    """The proxy of each address, from an explicit proxy and (if `trust_env`) the environment."""

    def __init__(self, explicit: str | None = None, trust_env: bool = True) -> None:
        environment = urllib.request.getproxies_environment() if trust_env else {}
        self._no_proxy = {"no": environment["no"]} if "no" in environment else {}
        fallback = explicit or environment.get("all")
        self._proxies = {
            "http": explicit or environment.get("http") or fallback,
            "https": explicit or environment.get("https") or fallback,
        }

    def unusable(self) -> str | None:
        """The first configured proxy that is not an http(s) address, if any."""
        return next((proxy for proxy in self._proxies.values() if proxy and proxy_problem(proxy)), None)

    def for_url(self, url: str) -> str | None:
        """The proxy to reach `url` through, or None to connect directly."""
        parts = urlsplit(url)
        proxy = self._proxies.get(parts.scheme.lower())
        if not proxy:
            return None
        bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]  # public, not in typeshed
        if self._no_proxy and bypass(parts.netloc, self._no_proxy):
            return None
        return proxy
