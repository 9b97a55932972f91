"""Sessions, CSRF and guessing on a live server (uvicorn on 127.0.0.1 in a thread, httpx):

* a session cookie replayed after logout names nobody (sessions are registered server-side);
* the CSRF value must be one the server signed and the one the session was opened with: a
  client that sets its own cookie and echoes it is refused, and so is another browser's pair;
* failed logins and failed API tokens are limited per address (429 with Retry-After, even for
  the right token while blocked);
* CORS is closed: no Access-Control-Allow-Origin for any origin, preflights refused;
* a request body over the limit is 413 before it is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sitrep.serve import create_app
from sitrep.serve.app import ServeSettings
from sitrep.serve.auth import CSRF_COOKIE, SESSION_COOKIE, create_token
from sitrep.serve.demo import fill_demo
from sitrep.serve.live import live_server
from sitrep.store import Store

EVENT = "ev-erbil-1"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str, Store]]:
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    fill_demo(store)
    token = create_token(store, "reviewer")
    settings = ServeSettings(failed_logins_limit=5, failed_tokens_limit=8, max_body_bytes=50_000)
    with live_server(create_app(store, settings=settings)) as base:
        yield base, token, store
    store.dispose()


def form_csrf(client: httpx.Client, path: str = "/login") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def log_in(client: httpx.Client, token: str) -> None:
    response = client.post("/login", data={"token": token, "csrf_token": form_csrf(client)})
    assert response.status_code == 303, response.text
    assert client.cookies.get(SESSION_COOKIE)


def signed_in_page(client: httpx.Client) -> bool:
    return "Signed in as reviewer" in client.get(f"/events/{EVENT}").text


def test_security_session_cookie_replayed_after_logout_is_dead(
    site: tuple[str, str, Store],
) -> None:
    base, token, _ = site
    with httpx.Client(base_url=base) as client:
        log_in(client, token)
        assert signed_in_page(client)
        stolen = {
            SESSION_COOKIE: client.cookies[SESSION_COOKIE],
            CSRF_COOKIE: client.cookies[CSRF_COOKIE],
        }
        csrf = form_csrf(client, f"/events/{EVENT}")
        out = client.post("/logout", data={"csrf_token": csrf})
        assert out.status_code == 303
    with httpx.Client(base_url=base, cookies=stolen) as replay:
        assert not signed_in_page(replay)
        edit = replay.post(
            f"/events/{EVENT}/review",
            data={"action": "confirm", "csrf_token": stolen[CSRF_COOKIE]},
            headers={"Accept": "application/json"},
        )
        assert edit.status_code in {401, 403}, edit.text
    # a second login still works, and its session is a new one
    with httpx.Client(base_url=base) as again:
        log_in(again, token)
        assert signed_in_page(again)
        assert again.cookies[SESSION_COOKIE] != stolen[SESSION_COOKIE]


def test_security_csrf_value_made_up_by_the_client_is_refused(
    site: tuple[str, str, Store],
) -> None:
    base, token, _ = site
    # a client that sets its own cookie and echoes it (the old double-submit let it in)
    with httpx.Client(base_url=base, cookies={CSRF_COOKIE: "attacker-chosen"}) as client:
        response = client.post(
            "/login",
            data={"token": token, "csrf_token": "attacker-chosen"},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 403, response.text
        assert not client.cookies.get(SESSION_COOKIE)


def test_security_csrf_value_is_bound_to_the_session(site: tuple[str, str, Store]) -> None:
    """Another browser's signed CSRF pair, planted in a signed-in browser, does not pass."""
    base, token, _ = site
    with httpx.Client(base_url=base) as other:
        other_csrf = form_csrf(other)
        other_cookie = other.cookies[CSRF_COOKIE]
    with httpx.Client(base_url=base) as victim:
        log_in(victim, token)
        victim.cookies.set(CSRF_COOKIE, other_cookie, domain="127.0.0.1")
        response = victim.post(
            f"/events/{EVENT}/review",
            data={"action": "confirm", "csrf_token": other_csrf},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 403, response.text
        assert "csrf" in response.text.lower()


def test_security_failed_logins_are_limited(site: tuple[str, str, Store]) -> None:
    base, token, _ = site
    with httpx.Client(base_url=base) as client:
        csrf = form_csrf(client)
        statuses = [
            client.post("/login", data={"token": f"srp_guess{i}", "csrf_token": csrf}).status_code
            for i in range(7)
        ]
        assert statuses[:5] == [401] * 5
        assert statuses[5:] == [429, 429]
        blocked = client.post(
            "/login",
            data={"token": token, "csrf_token": csrf},
            headers={"Accept": "application/json"},
        )
        assert blocked.status_code == 429  # even the right token, while blocked
        assert int(blocked.headers["retry-after"]) > 0
        assert blocked.json()["error"]["code"] == "too_many_requests"


def test_security_failed_api_tokens_are_limited(site: tuple[str, str, Store]) -> None:
    base, token, _ = site
    url = f"{base}/api/v1/events/{EVENT}/confirm"
    statuses = [
        httpx.post(url, headers={"Authorization": f"Bearer srp_guess{i}"}).status_code
        for i in range(10)
    ]
    assert statuses[:8] == [401] * 8 and statuses[8:] == [429, 429]
    assert httpx.post(url, headers={"Authorization": f"Bearer {token}"}).status_code == 429


def test_security_cors_is_closed(site: tuple[str, str, Store]) -> None:
    base, _, _ = site
    origin = {"Origin": "https://evil.example"}
    for path in ("/api/v1/events", f"/api/v1/events/{EVENT}", "/"):
        response = httpx.get(base + path, headers=origin)
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-credentials" not in response.headers
    preflight = httpx.options(
        f"{base}/api/v1/events/{EVENT}/confirm",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code >= 400
    assert "access-control-allow-origin" not in preflight.headers


def test_security_request_body_over_the_limit_is_413(site: tuple[str, str, Store]) -> None:
    base, token, _ = site
    response = httpx.post(
        f"{base}/api/v1/articles",
        json={"text": "A" * 60_000, "source": "big"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert "content-security-policy" in response.headers
