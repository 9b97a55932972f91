"""One error shape for every error the HTTP API returns.

Every failure, whether a missing event, a validation error, a missing token or a crash, answers
with the same JSON body, so clients need one code path::

    {"error": {"status": 404, "code": "not_found", "message": "event 'x' does not exist",
               "detail": null}}

Pages (anything outside ``/api/``) get the same information as an HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import ConfigError, ExportError, InputError, SitrepError
from sitrep.serve.review import ReviewError

log = logging.getLogger("sitrep.serve")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    501: "not_implemented",
}


class ApiError(Exception):
    """An error to answer with: HTTP status, a stable machine code, a message for people."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.detail = detail
        self.headers = headers


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The error document every API error uses."""
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "detail": jsonable_encoder(detail),
        }
    }


def _respond(
    request: Request,
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    headers = dict(headers) if headers is not None else None
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(
            error_body(status, code, message, detail), status_code=status, headers=headers
        )
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "code": code,
            "message": message,
            "principal": None,
            "csrf": "",
            "error": None,
        },
        status_code=status,
        headers=headers,
    )


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # the offending input is left out: it may be large or hold a secret a client mistyped
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception type the app can meet to the one error shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"no resource at {request.url.path}"
        elif status == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return _respond(request, status, _CODES.get(status, "error"), message, None, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = _validation_detail(exc)
        first = detail[0] if detail else {}
        where = ".".join(str(p) for p in first.get("loc", []))
        message = f"invalid request: {where}: {first.get('msg')}" if detail else "invalid request"
        return _respond(request, 422, "validation_error", message, detail)

    @app.exception_handler(ReviewError)
    async def review_error(request: Request, exc: ReviewError) -> Response:
        detail = {"fields": exc.fields} if exc.fields else None
        return _respond(request, exc.status, exc.code, str(exc), detail)

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> Response:
        status = 422 if isinstance(exc, (InputError, ConfigError, ExportError)) else 500
        return _respond(request, status, _CODES[status], str(exc))

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> Response:
        # e.g. a NUL character in a path parameter, which PostgreSQL text cannot hold
        return _respond(
            request, 422, "validation_error", "the database refused a value in this request"
        )

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError) -> Response:
        # a parameter without an upper bound reached the database: SQLite integers are 64-bit
        return _respond(request, 422, "validation_error", "a number in this request is too large")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        # Starlette sends this response from its outermost middleware, past the one that adds
        # the security headers, so they are set here.
        from sitrep.serve.headers import SECURITY_HEADERS

        return _respond(
            request,
            500,
            "internal_error",
            "internal server error; the server log has details",
            headers=SECURITY_HEADERS,
        )
