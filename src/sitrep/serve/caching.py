"""Conditional GETs: an ETag on every API answer and page, ``304 Not Modified`` when the client
already has it, and a Cache-Control that makes browsers revalidate instead of refetching.

The ETag is a hash of the body, so it changes exactly when the answer does (after new events or
a review), whatever caused it. Bodies are buffered up to ``max_bytes``; larger or streamed
answers (exports) pass through untouched.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Cache-Control for API answers and pages: keep a copy, but ask (If-None-Match) before using it.
REVALIDATE = b"no-cache"


class ConditionalGet:
    """ETag and Cache-Control on GET/HEAD answers with JSON or HTML bodies; 304 on a match."""

    def __init__(self, app: ASGIApp, max_bytes: int = 16_000_000) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path.startswith("/static/"):  # StaticFiles answers conditional requests itself
            await self.app(scope, receive, send)
            return
        wanted = _header(scope, b"if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False

        async def buffered(message: Message) -> None:
            nonlocal start, size, passing
            if passing or message["type"] not in ("http.response.start", "http.response.body"):
                await send(message)  # e.g. the test client's http.response.debug
                return
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                kind = headers.get(b"content-type", b"")
                if message["status"] != 200 or not (
                    kind.startswith(b"application/json") or kind.startswith(b"text/html")
                ):
                    passing = True
                    await send(message)
                    return
                start = message
                return
            body = message.get("body", b"")
            chunks.append(body)
            size += len(body)
            if size > self.max_bytes:  # too big to hold: send what we have and stream on
                passing = True
                assert start is not None
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks),
                            "more_body": message.get("more_body", False)})  # fmt: skip
                return
            if message.get("more_body", False):
                return
            assert start is not None
            whole = b"".join(chunks)
            etag = b'W/"' + hashlib.sha256(whole).hexdigest()[:32].encode() + b'"'
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
            headers.append((b"etag", etag))
            if not any(k.lower() == b"cache-control" for k, _ in headers):
                headers.append((b"cache-control", REVALIDATE))
            if wanted is not None and etag in [t.strip() for t in wanted.split(b",")]:
                keep = {b"etag", b"cache-control", b"vary", b"content-security-policy"}
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(k, v) for k, v in headers if k.lower() in keep]})  # fmt: skip
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": whole})

        await self.app(scope, receive, buffered)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return bytes(value)
    return None
