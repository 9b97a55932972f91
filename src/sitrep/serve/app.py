"""The FastAPI application: JSON API, web pages, static assets and security headers."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep import __version__
from sitrep.serve.auth import FailureLimiter, SessionRegistry, SessionSigner
from sitrep.serve.errors import error_body, install_error_handlers
from sitrep.serve.headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS  # noqa: F401 - re-exported
from sitrep.store.db import Store

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
DIST = STATIC / "dist"


@dataclass
class ServeSettings:
    """How the server behaves; the defaults suit a laptop serving itself on 127.0.0.1.

    ``read_requires_token``: answer reads (API and pages) only to callers with a token or a logged
    in session; :func:`sitrep.serve.serve` turns it on when binding to a non-loopback address.
    ``secret``: signs session cookies; random per process unless given (sessions then end when the
    server restarts). ``secure_cookies``: mark cookies Secure (behind HTTPS).
    """

    read_requires_token: bool = False
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    secure_cookies: bool = False
    max_map_points: int = 20_000
    page_size: int = 50
    max_body_bytes: int = 12_000_000  # above the 10 MB ingest cap, so that cap's reason shows
    #: Failed logins / failed API tokens one client address may make per window before 429.
    failed_logins_limit: int = 10
    failed_tokens_limit: int = 100
    failure_window_seconds: float = 300.0


class BodyLimit:
    """Refuses request bodies over a size before reading them into memory (413, one error
    shape): by the declared Content-Length, and by counting when none is declared."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            error_body(413, "too_large", f"request body over {self.max_bytes} bytes", None)
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


#: A JSON ``\\uXXXX`` escape of a surrogate half (D800-DFFF): only then is a body parsed here.
_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(value: Any) -> bool:
    """Whether a decoded JSON value holds a surrogate half that is not part of a pair."""
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


class RefuseLoneSurrogates:
    """Refuses a JSON body holding a lone surrogate (``"\\ud800"``) with 422, before any route
    sees it: such a string is valid JSON but not Unicode, and failed deep inside (encoding for
    SQLite, the tokenizer) as a 500. A body without a surrogate escape is passed on unread."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # the client left: let the app see it
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if _SURROGATE_ESCAPE.search(body):
            try:
                bad = _lone_surrogate(json.loads(body))
            except (ValueError, RecursionError):
                bad = False  # not JSON: the route answers as it would
            if bad:
                await _send_error(
                    send,
                    422,
                    "validation_error",
                    "a string holds a lone surrogate (\\ud800-\\udfff not in a pair), "
                    "which is not valid Unicode",
                )
                return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(status, code, message, None)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {k.encode(): v.encode() for k, v in SECURITY_HEADERS.items()}
                headers.extend((k, v) for k, v in extra.items() if k not in names)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template: article text is untrusted input."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__
    env.globals["assets_built"] = (DIST / "dashboard.js").exists()
    return Jinja2Templates(env=env)


def create_app(store: Store, *, settings: ServeSettings | None = None) -> FastAPI:
    """The sitrep web application over ``store``."""
    from sitrep.serve import api, pages

    settings = settings or ServeSettings()
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="Conflict events extracted from news, with their sources. "
        "Reads are open on localhost; writes need 'Authorization: Bearer <token>'.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.signer = SessionSigner(settings.secret)
    app.state.sessions = SessionRegistry()
    app.state.login_failures = FailureLimiter(
        settings.failed_logins_limit, settings.failure_window_seconds
    )
    app.state.token_failures = FailureLimiter(
        settings.failed_tokens_limit, settings.failure_window_seconds
    )
    app.state.templates = make_templates()
    install_error_handlers(app)
    app.add_middleware(RefuseLoneSurrogates)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    # ETag/304 on the uncompressed body, then gzip outside it (the last added runs first)
    from starlette.middleware.gzip import GZipMiddleware

    from sitrep.serve.caching import ConditionalGet

    app.add_middleware(ConditionalGet)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC), check_dir=False), name="static")

    @app.get("/api/v1/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """Swagger UI from the bundled assets (no CDN, no inline script)."""
        if not (DIST / "swagger" / "swagger-ui-bundle.js").exists():
            return HTMLResponse(
                "<!doctype html><title>sitrep API</title><p>The API documentation viewer is "
                "not built (run <code>npm ci &amp;&amp; npm run build</code> in frontend/). "
                'The OpenAPI document is at <a href="/api/v1/openapi.json">'
                "/api/v1/openapi.json</a>.</p>"
            )
        return app.state.templates.TemplateResponse(request, "apidocs.html", {})

    return app
