"""Every API error has the same shape: {"error": {"status", "code", "message", "detail"}}."""

from __future__ import annotations

import pytest

from factories import client_for
from sitrep.store.db import Store

ERROR_KEYS = {"status", "code", "message", "detail"}


def assert_error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", "/api/v1/events/nope", {}, 404, "not_found"),
        ("GET", "/api/v1/articles/nope", {}, 404, "not_found"),
        ("GET", "/api/v1/no/such/route", {}, 404, "not_found"),
        ("DELETE", "/api/v1/events", {}, 405, "method_not_allowed"),
        ("GET", "/api/v1/events?limit=zero", {}, 422, "validation_error"),
        ("PATCH", "/api/v1/events/x", {"json": {"fields": {}}}, 401, "unauthorized"),
        ("POST", "/api/v1/articles", {"json": {"text": "x"}}, 401, "unauthorized"),
    ],
)
def test_serve_error_shape_is_pinned(
    sqlite_store: Store, method: str, path: str, kwargs: dict, status: int, code: str
) -> None:
    with client_for(sqlite_store) as client:
        assert_error(client.request(method, path, **kwargs), status, code)


def test_serve_error_shape_validation_detail_lists_fields(sqlite_store: Store) -> None:
    with client_for(sqlite_store) as client:
        error = assert_error(
            client.get("/api/v1/events?limit=zero&offset=-2"), 422, "validation_error"
        )
    assert {tuple(d["loc"]) for d in error["detail"]} == {("query", "limit"), ("query", "offset")}


def test_serve_error_shape_for_crashes_hides_internals(sqlite_store: Store) -> None:
    with client_for(sqlite_store, raise_errors=False) as client:

        def boom() -> None:
            raise RuntimeError("secret internals")

        client.app.add_api_route("/api/v1/boom", boom)  # type: ignore[attr-defined]
        error = assert_error(client.get("/api/v1/boom"), 500, "internal_error")
    assert "secret" not in error["message"]


def test_serve_error_shape_for_forbidden_csrf(sqlite_store: Store) -> None:
    with client_for(sqlite_store) as client:
        response = client.post(
            "/login", data={"token": "x"}, headers={"accept": "application/json"}
        )
        assert_error(response, 403, "csrf_failed")


def test_serve_error_pages_are_html_for_browsers(sqlite_store: Store) -> None:
    with client_for(sqlite_store) as client:
        response = client.get("/events/<b>nope</b>", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "<b>nope</b>" not in response.text and "&lt;b&gt;nope&lt;/b&gt;" in response.text


def test_serve_error_shape_for_values_the_database_refuses(store: Store) -> None:
    """A NUL in a path is fine for SQLite but refused by PostgreSQL: 404 or 422, never 500."""
    with client_for(store, raise_errors=False) as client:
        response = client.get("/api/v1/events/a%00b")
    assert response.status_code in (404, 422)
    assert set(response.json()["error"]) == ERROR_KEYS
