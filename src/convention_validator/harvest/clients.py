"""The HTTP clients of a harvest: direct (guarded backend) or through a proxy, all under the deadline."""

from __future__ import annotations

import threading

import httpcore
import httpx

from convention_validator.harvest.deadline import DeadlineBackend
from convention_validator.harvest.guard import GuardedBackend
from convention_validator.harvest.proxy import ProxyChoice

USER_AGENT = "convention-validator-harvester"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "application/ld+json, application/json, text/turtle, */*",
    "Accept-Encoding": "gzip, deflate",  # decoded by the fetcher, under the size cap
}


class Clients:
    """One client per route (direct, or each proxy), created on first use; thread-safe."""

    def __init__(self, allow_private: bool, timeout: float, connections: int, proxies: ProxyChoice) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.connections = max(connections, 1)
        self.proxies = proxies
        self._clients: dict[str | None, httpx.Client] = {}
        self._lock = threading.Lock()

    def for_url(self, url: str) -> httpx.Client:
        route = self.proxies.for_url(url)
        with self._lock:
            if route not in self._clients:
                self._clients[route] = self._client(route)
            return self._clients[route]

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()

    def _client(self, proxy: str | None) -> httpx.Client:
        transport = httpx.HTTPTransport(trust_env=False)
        size = self.connections
        ssl_context = httpx.create_ssl_context(trust_env=False)
        # Same pools as httpx builds, with our network backends (httpx has no public switch for them).
        if proxy is None:
            transport._pool = httpcore.ConnectionPool(
                ssl_context=ssl_context,
                max_connections=size,
                max_keepalive_connections=size,
                network_backend=GuardedBackend(self.allow_private),
            )
        else:
            # The proxy is the operator's choice: only the deadline applies to the connection to it;
            # the guard checks each target address before the request (fetcher).
            settings = httpx.Proxy(proxy)
            transport._pool = httpcore.HTTPProxy(
                proxy_url=httpcore.URL(
                    scheme=settings.url.raw_scheme,
                    host=settings.url.raw_host,
                    port=settings.url.port,
                    target=settings.url.raw_path,
                ),
                proxy_auth=settings.raw_auth,
                proxy_headers=settings.headers.raw,
                ssl_context=ssl_context,
                max_connections=size,
                max_keepalive_connections=size,
                network_backend=DeadlineBackend(),
            )
        return httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            trust_env=False,
            headers=HEADERS,
        )
