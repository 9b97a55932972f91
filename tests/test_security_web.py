"""Web security on the running app: uvicorn on 127.0.0.1 in a thread, real HTTP with httpx.

Every write operation the OpenAPI document lists refuses a missing or wrong token in the one
error shape and changes nothing; the HTML forms refuse a POST without the CSRF token; tokens never
reach a log line; every response carries the security headers; no request path, format name or
file name reaches a file outside where it belongs.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sitrep.errors import ExportError
from sitrep.export import safe_output_path
from sitrep.ingest.fetch import DEFAULT_MAX_BYTES
from sitrep.serve import create_app
from sitrep.serve.auth import CSRF_COOKIE, SESSION_COOKIE, create_token, revoke_token
from sitrep.serve.demo import fill_demo
from sitrep.serve.live import free_port
from sitrep.store import Article, Event, ReviewEdit, Store

EVENT = "ev-erbil-1"
ERROR_KEYS = {"status", "code", "message", "detail"}


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, logging through the standard logging
    module (``log_config=None``) so a test can read every line, access log included."""
    port = free_port()
    config = uvicorn.Config(
        create_app(store),
        host="127.0.0.1",
        port=port,
        log_config=None,
        log_level="debug",
        access_log=True,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, str, str]]:
    """A demo database served live: (store, base URL, a valid write token)."""
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    fill_demo(store)
    token = create_token(store, "reviewer")
    with serving(store) as base:
        yield store, base, token
    store.dispose()


def assert_error_shape(response: httpx.Response, statuses: set[int]) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["status"] == response.status_code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def write_operations(base: str) -> list[tuple[str, str]]:
    """(method, path) of every operation in the OpenAPI document that is not a GET."""
    doc = httpx.get(f"{base}/api/v1/openapi.json").json()
    ops = [
        (method.upper(), path.replace("{event_id}", EVENT))
        for path, methods in doc["paths"].items()
        for method in methods
        if method.lower() not in {"get", "head", "options"}
    ]
    assert {p for _, p in ops} >= {"/api/v1/articles", f"/api/v1/events/{EVENT}"}
    return ops


#: A body each write operation would accept, so the refusal is about the token alone.
BODIES: dict[str, dict[str, Any]] = {
    "/merge": {"event_ids": ["ev-erbil-2"]},
    "/split": {"mention_ids": [1]},
    "/articles": {"text": "Rockets hit the Green Zone in Baghdad on Monday.", "source": "t"},
}


def body_for(path: str) -> dict[str, Any] | None:
    for suffix, body in BODIES.items():
        if path.endswith(suffix):
            return body
    if path == f"/api/v1/events/{EVENT}":
        return {"fields": {"fatalities": 99}}
    return None


def state(store: Store) -> tuple[Any, ...]:
    """What a write would change: event values and statuses, edits, articles."""
    with store.session() as s:
        events = tuple(
            s.execute(
                select(Event.id, Event.fatalities, Event.review_status, Event.merged_into).order_by(
                    Event.id
                )
            ).all()
        )
        edits = s.scalar(select(func.count()).select_from(ReviewEdit))
        articles = s.scalar(select(func.count()).select_from(Article))
    return events, edits, articles


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer srp_wrong-token",
        "Bearer {token}x",
        "Basic {token}",
        "{token}",
        "Bearer {revoked}",
    ],
)
def test_security_every_write_needs_a_valid_token(
    demo: tuple[Store, str, str], authorization: str | None
) -> None:
    store, base, token = demo
    revoked = create_token(store, "gone")
    revoke_token(store, "gone")
    before = state(store)
    headers = {}
    if authorization is not None:
        headers["Authorization"] = authorization.format(token=token, revoked=revoked)
    with httpx.Client(base_url=base) as client:
        for method, path in write_operations(base):
            response = client.request(method, path, json=body_for(path), headers=headers)
            error = assert_error_shape(response, {401, 403})
            assert token not in response.text and revoked not in response.text
            assert error["code"] in {"unauthorized", "forbidden"}, (method, path)
    assert state(store) == before


def test_security_a_valid_token_is_accepted(demo: tuple[Store, str, str]) -> None:
    """The control for the test above: the same requests go through with the token."""
    store, base, token = demo
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers) as client:
        response = client.patch(f"/api/v1/events/{EVENT}", json=body_for(f"/api/v1/events/{EVENT}"))
        assert response.status_code == 200, response.text
        assert client.post(f"/api/v1/events/{EVENT}/confirm").status_code == 200
    with store.session() as s:
        event = s.get(Event, EVENT)
        assert event is not None and event.fatalities == 99 and event.review_status == "confirmed"


@contextmanager
def signed_in(base: str, token: str) -> Iterator[httpx.Client]:
    """A browser-like client that has loaded the login page and signed in."""
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        client.get("/login")
        csrf = client.cookies[CSRF_COOKIE]
        response = client.post("/login", data={"token": token, "csrf_token": csrf})
        assert response.status_code == 303, response.text
        assert client.cookies.get(SESSION_COOKIE)
        yield client


@pytest.mark.parametrize("csrf", [None, "", "forged-value", "{other}"])
@pytest.mark.parametrize(
    ("path", "form"),
    [
        (f"/events/{EVENT}/review", {"action": "confirm"}),
        (f"/events/{EVENT}/review", {"action": "edit", "f_fatalities": "7"}),
        (f"/events/{EVENT}/review", {"action": "merge", "other_ids": "ev-erbil-2"}),
        ("/logout", {}),
        ("/login", {"token": "{token}"}),
    ],
)
def test_security_forms_refuse_a_post_without_the_csrf_token(
    demo: tuple[Store, str, str], path: str, form: dict[str, str], csrf: str | None
) -> None:
    store, base, token = demo
    other = httpx.Client(base_url=base)  # another browser's CSRF value is no good either
    other.get("/login")
    other_csrf = other.cookies[CSRF_COOKIE]
    other.close()
    before = state(store)
    with signed_in(base, token) as client:
        data = {k: v.format(token=token) for k, v in form.items()}
        if csrf is not None:
            data["csrf_token"] = csrf.format(other=other_csrf)
        response = client.post(path, data=data, headers={"Accept": "application/json"})
        assert response.status_code == 403, response.text
        assert "csrf" in response.text.lower()
        # still signed in, nothing changed
        assert client.get(f"/events/{EVENT}").status_code == 200
    assert state(store) == before


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Collect(logging.Handler):
    """Every log record, formatted with its arguments and traceback."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def all_logs() -> Iterator[Collect]:
    handler = Collect()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def test_security_tokens_never_reach_the_logs(tmp_path: Path, all_logs: Collect) -> None:
    url = f"sqlite:///{tmp_path / 'logs.db'}"
    store = Store(url)
    fill_demo(store)
    created = run_cli("token", "create", "ci-bot", "--db", url)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert re.fullmatch(r"srp_[\w-]{30,}", token), "the token is printed once, alone"
    assert token not in created.stderr
    with serving(store) as base, httpx.Client(base_url=base) as client:
        auth = {"Authorization": f"Bearer {token}"}
        assert client.post(f"/api/v1/events/{EVENT}/confirm", headers=auth).status_code == 200
        assert client.get("/api/v1/events", headers=auth).status_code == 200
        wrong = client.post(
            f"/api/v1/events/{EVENT}/confirm", headers={"Authorization": f"Bearer {token}x"}
        )
        assert wrong.status_code == 401 and token not in wrong.text
        bad_body = client.patch(f"/api/v1/events/{EVENT}", headers=auth, json={"fields": 5})
        assert bad_body.status_code == 422 and token not in bad_body.text
        with signed_in(base, token) as browser:
            assert token not in str(browser.cookies.jar)
            assert browser.get("/").status_code == 200
        bad_login = client.post("/login", data={"token": token + "x", "csrf_token": "x"})
        assert bad_login.status_code == 403 and token not in bad_login.text
    revoked = run_cli("token", "revoke", token, "--db", url)
    assert revoked.returncode == 0 and token not in revoked.stdout + revoked.stderr
    listed = run_cli("token", "list", "--db", url)
    assert token not in listed.stdout + listed.stderr
    assert all_logs.lines, "the server logged nothing: the capture is not working"
    assert any("/api/v1/events" in line for line in all_logs.lines), "no access log captured"
    leaked = [line for line in all_logs.lines if token in line or token[4:20] in line]
    assert not leaked
    store.dispose()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/events/{EVENT}",
        "/login",
        "/api/v1/events",
        "/api/v1/openapi.json",
        "/api/v1/events/no-such-event",
        "/no/such/page",
        "/static/no-such-file.js",
    ],
)
def test_security_headers_on_every_response(demo: tuple[Store, str, str], path: str) -> None:
    _, base, _ = demo
    response = httpx.get(base + path)
    csp = response.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives.get("default-src") == ["'self'"], csp
    assert directives.get("script-src") == ["'self'"], "no inline or remote script"
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "*" not in csp
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("x-frame-options") == "DENY"


def test_security_session_cookies_are_httponly_and_strict(demo: tuple[Store, str, str]) -> None:
    _, base, token = demo
    client = httpx.Client(base_url=base)
    client.get("/login")
    csrf = client.cookies[CSRF_COOKIE]
    response = client.post("/login", data={"token": token, "csrf_token": csrf})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    client.close()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/export/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/export/%2e%2e%2f%2e%2e%2fsitrep.db",
        "/api/v1/export/..%5C..%5Cwin.ini",
        "/api/v1/export/csv%00.txt",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/%2e%2e/app.py",
        "/static/../app.py",
    ],
)
def test_security_paths_cannot_escape(demo: tuple[Store, str, str], path: str) -> None:
    _, base, _ = demo
    response = httpx.get(base + path)
    assert response.status_code in {400, 404, 422}, (path, response.status_code)
    assert "root:" not in response.text and "create_app" not in response.text


def test_security_export_download_name_is_fixed(demo: tuple[Store, str, str]) -> None:
    _, base, _ = demo
    response = httpx.get(f"{base}/api/v1/export/csv", params={"q": "../../etc/passwd"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert re.search(r'filename="?sitrep-events\.csv"?$', disposition), disposition


names = st.lists(
    st.sampled_from(["..", ".", "/", "\\", "a", "b.csv", "~", "\x00", "%2e", "C:", "//", " "]),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(name=st.one_of(names, st.text(max_size=20)))
def test_security_export_names_stay_in_their_folder(tmp_path_factory: Any, name: str) -> None:
    base = Path(tmp_path_factory.getbasetemp()) / "exports"
    base.mkdir(exist_ok=True)
    try:
        target = safe_output_path(base, name)
    except ExportError as exc:
        assert str(exc)
        return
    assert target.is_relative_to(base.resolve()) and target != base.resolve()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/events", "/api/v1/actors", "/api/v1/places", "/", "/api/v1/events/geo?limit=1&x="],
)
def test_security_huge_numbers_are_refused_not_crashed(
    demo: tuple[Store, str, str], path: str
) -> None:
    """Found by schemathesis: an offset of 2**65 must be a 422 (or an empty page), never a 500."""
    _, base, _ = demo
    sep = "&" if "?" in path else "?"
    response = httpx.get(f"{base}{path}{sep}offset={2**65}")
    assert response.status_code < 500, response.text
    if path.startswith("/api/v1/") and response.status_code >= 400:
        # the one error shape: 422, or 400 for a parameter the endpoint does not take ("x")
        assert response.json()["error"]["status"] in (400, 422)


def test_security_oversized_article_post_fails_cleanly(demo: tuple[Store, str, str]) -> None:
    """An article over the ingest size cap is refused with its reason, not a crash, and nothing
    is extracted from it."""
    store, base, token = demo
    huge = "Rockets hit the base. " * (DEFAULT_MAX_BYTES // 20)
    response = httpx.post(
        f"{base}/api/v1/articles",
        json={"text": huge, "source": "huge-post"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    assert response.status_code in {201, 413}, response.text[:300]
    if response.status_code == 201:
        body = response.json()
        assert body["status"] == "failed" and "too large" in body["error"], body
    else:
        assert_error_shape(response, {413})
    with store.session() as s:
        article = s.scalars(select(Article).where(Article.source == "huge-post")).one_or_none()
        assert article is None or (article.status == "failed" and not article.mentions)


def test_security_openapi_declares_the_bearer_scheme_on_writes(
    demo: tuple[Store, str, str],
) -> None:
    """Clients can tell from the OpenAPI document which operations need a token."""
    _, base, _ = demo
    doc = httpx.get(f"{base}/api/v1/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme", "").lower() == "bearer" for s in schemes.values())
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method in {"post", "put", "patch", "delete"} and path.startswith("/api/v1/"):
                assert op.get("security"), f"{method.upper()} {path} declares no security"


def test_security_request_bodies_over_the_limit_are_refused_unread(
    demo: tuple[Store, str, str],
) -> None:
    """A body over the server's limit gets 413 in the one error shape, before it is read."""
    _, base, token = demo
    too_big = b"x" * (12_000_000 + 1)
    response = httpx.post(
        f"{base}/api/v1/articles",
        content=too_big,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    assert response.json()["error"]["status"] == 413
