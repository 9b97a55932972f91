"""Fetch one URL safely: public addresses only, bounded size, bounded redirects.

sitrep fetches URLs that users (and RSS feeds written by strangers) hand it, so every hop of a
redirect chain is checked before a connection is made: the scheme must be http or https and every
address the host resolves to must be a public one. Without this guard a feed entry pointing at
``http://169.254.169.254/`` or ``http://localhost:8080/admin`` would make sitrep read internal
services (server-side request forgery). ``allow_private=True`` lifts the address check, for tests
against a loopback server and for intranet deployments that want it.

Known limit: the host is resolved once for the check and again by the HTTP client, so a DNS server
that answers differently the second time (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep._version import __version__
from sitrep.errors import FetchError
from sitrep.models import RawItem

DEFAULT_MAX_BYTES = 10_000_000
_REDIRECT_CODES = {301, 302, 303, 307, 308}


@dataclass
class FetchOptions:
    """How far sitrep goes to fetch one URL.

    ``max_bytes`` also caps local files read by :func:`sitrep.ingest.sources.iter_items`, so one
    setting bounds the memory one item can take.
    """

    timeout: float = 20
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"sitrep/{__version__}"


def media_type_of(content_type: str | None) -> str | None:
    """Map an HTTP Content-Type to a RawItem media type (None: sniff the bytes)."""
    if not content_type:
        return None
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in {"text/html", "application/xhtml+xml"}:
        return "html"
    if kind == "application/pdf":
        return "pdf"
    if kind in {"text/markdown", "text/x-markdown"}:
        return "markdown"
    if kind == "text/plain":
        return "text"
    if kind in {"application/json", "application/ld+json"}:
        return "json"
    if kind in {"application/rss+xml", "application/atom+xml", "application/feed+json"}:
        return "feed"
    return None


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, lower-cased, if any."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse a URL sitrep must not fetch; raises FetchError naming the URL and the reason.

    Every address the host resolves to is checked, because a host with one public and one private
    address could be reached on either.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            f"{url}: refused: only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}"
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: refused: the URL has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: refused: bad port ({exc})") from exc
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        reason = _non_public_reason(address)
        if reason:
            raise FetchError(
                f"{url}: refused: {host} resolves to {reason} address {address} "
                "(set allow_private to fetch it)"
            )


def _non_public_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    checks = (
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("an unspecified", address.is_unspecified),
        ("a reserved", address.is_reserved),
        ("a private", address.is_private),
    )
    for name, flagged in checks:
        if flagged:
            return name
    if not address.is_global:
        return "a non-global"
    return None


def fetch(url: str, options: FetchOptions | None = None) -> RawItem:
    """Fetch ``url`` and return its body as a RawItem; raises FetchError with the reason.

    Redirects are followed by hand (at most ``max_redirects``) so that each hop passes
    :func:`check_url`. The body is streamed and the download stops as soon as it passes
    ``max_bytes``. ``hints`` carry the final URL, the Content-Type and the HTTP dates.
    """
    options = options or FetchOptions()
    headers = {"User-Agent": options.user_agent, "Accept": "*/*"}
    current = url
    try:
        with httpx.Client(
            timeout=options.timeout, follow_redirects=False, headers=headers
        ) as client:
            for _hop in range(options.max_redirects + 1):
                check_url(current, allow_private=options.allow_private)
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECT_CODES:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                f"{url}: redirect ({response.status_code}) without a Location header"
                            )
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                        )
                    body = _read_capped(response, url, options.max_bytes)
                    return RawItem(
                        source=url,
                        raw=body,
                        media_type=media_type_of(response.headers.get("content-type")),
                        hints=_hints_from_headers(current, response.headers),
                    )
            raise FetchError(f"{url}: too many redirects (more than {options.max_redirects})")
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out after {options.timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """Read a streamed body, refusing it as soon as it is known to exceed ``max_bytes``."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: too large ({int(declared)} bytes > limit {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: too large (more than {max_bytes} bytes, the limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _hints_from_headers(final_url: str, headers: httpx.Headers) -> dict[str, Any]:
    """Metadata that came with the response rather than inside it."""
    hints: dict[str, Any] = {"url": final_url}
    content_type = headers.get("content-type")
    if content_type:
        hints["content_type"] = content_type
    last_modified = headers.get("last-modified")
    # A dynamic page stamps Last-Modified with the moment it was served: that is fetch time,
    # not publication time, so it is kept only when it clearly predates the response.
    if last_modified and predates(last_modified, headers.get("date")):
        hints["http_last_modified"] = last_modified
    return hints


def predates(last_modified: str, served: str | None) -> bool:
    """True when Last-Modified is more than an hour before the Date header (or there is none)."""
    try:
        modified = parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False
    if not served:
        return True
    try:
        date = parsedate_to_datetime(served)
    except (TypeError, ValueError):
        return True
    try:
        return (date - modified).total_seconds() > 3600
    except TypeError:  # one naive, one aware
        return False
