"""The FastAPI application: JSON API, web pages, static assets and security headers."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep import __version__
from sitrep.serve.auth import SessionSigner
from sitrep.serve.errors import error_body, install_error_handlers
from sitrep.store.db import Store

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
DIST = STATIC / "dist"

#: Only same-origin scripts, styles and images (plus data: images for Leaflet's icons); no inline
#: script, no plugins, no framing. The map basemap is bundled, so nothing external is needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


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
                extra = {
                    b"content-security-policy": CONTENT_SECURITY_POLICY.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",
                    b"x-frame-options": b"DENY",
                }
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
    app.state.templates = make_templates()
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
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
