"""Fetching URLs safely: timeouts, a size cap, few redirects, no private targets.

A news pipeline fetches URLs it was handed by feeds and users; without these limits
one URL can hang a run, fill the memory, or reach services on the operator's own
network (SSRF). Every hop of a redirect chain is checked, not only the first URL.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__


class FetchError(Exception):
    """A URL could not be fetched; the message is one line naming the URL."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def _address_problem(address: str) -> str | None:
    """Why `address` may not be fetched by default, or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved",
                 "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    return None


class Fetcher:
    """GETs URLs within limits. One instance serves a whole run (connection reuse)."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0,
                 max_bytes: int = 10_000_000, max_redirects: int = 5,
                 user_agent: str = f"storylens/{__version__}"):
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.client = httpx.Client(timeout=timeout, follow_redirects=False,
                                   headers={"User-Agent": user_agent})

    def check(self, url: str) -> None:
        """Refuse non-http(s) URLs and, unless allowed, hosts with a private address.

        The name is resolved here and again by the connection, so a DNS answer that
        changes in between (rebinding) is not caught; operators exposing storylens
        to untrusted URLs should also firewall egress.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: only http and https URLs can be fetched")
        if self.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 0,
                                       proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(f"{url}: cannot resolve {parts.hostname} ({error})") from None
        for info in infos:
            problem = _address_problem(info[4][0])
            if problem:
                raise FetchError(f"{url}: refused: {problem} "
                                 "(pass --allow-private to allow)")

    def get(self, url: str) -> Fetched:
        for _ in range(self.max_redirects + 1):
            self.check(url)
            try:
                with self.client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {response.status_code} "
                                         f"{response.reason_phrase}")
                    body = self._read_capped(response, url)
                    return Fetched(str(response.url),
                                   response.headers.get("content-type", ""), body)
            except httpx.TimeoutException:
                raise FetchError(f"{url}: timed out") from None
            except httpx.HTTPError as error:
                raise FetchError(f"{url}: {type(error).__name__}: {error}") from None
        raise FetchError(f"{url}: more than {self.max_redirects} redirects")

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url}: larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()
