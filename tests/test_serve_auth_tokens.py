"""Tokens: stored as hashes, verified, revoked; session login with CSRF; reads behind a token."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import client_for, fill_demo
from sitrep.errors import ConfigError
from sitrep.serve import ServeSettings, is_loopback
from sitrep.serve.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    SessionSigner,
    create_token,
    hash_token,
    list_tokens,
    revoke_token,
    verify_token,
)
from sitrep.store.db import Store
from sitrep.store.schema import ApiToken


def test_serve_auth_tokens_are_stored_as_hashes(store: Store) -> None:
    token = create_token(store, "ana")
    assert verify_token(store, token)
    assert not verify_token(store, token + "x")
    assert not verify_token(store, "")
    with store.session() as s:
        rows = s.query(ApiToken).all()
    assert [r.token_hash for r in rows] == [hash_token(token)]
    assert token not in repr([(r.name, r.token_hash) for r in rows])
    assert revoke_token(store, "ana") == 1
    assert not verify_token(store, token)
    assert list_tokens(store) == [("ana", True)]


def test_serve_auth_token_needs_a_name(sqlite_store: Store) -> None:
    with pytest.raises(ConfigError, match="name"):
        create_token(sqlite_store, "  ")


@given(token_id=st.integers(min_value=0, max_value=10**9), flip=st.integers(min_value=0))
def test_serve_auth_session_cookie_cannot_be_forged(token_id: int, flip: int) -> None:
    signer = SessionSigner(b"k" * 32)
    value = signer.sign(token_id)
    assert signer.unsign(value) == token_id
    position = flip % len(value)
    tampered = value[:position] + ("0" if value[position] != "0" else "1") + value[position + 1 :]
    assert signer.unsign(tampered) is None
    assert SessionSigner(b"other" * 8).unsign(value) is None


def _csrf(client) -> str:  # type: ignore[no-untyped-def]
    client.get("/login")
    return client.cookies[CSRF_COOKIE]


def test_serve_auth_login_sets_a_session_and_review_forms_need_csrf(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    token = create_token(sqlite_store, "reviewer")
    with client_for(sqlite_store) as client:
        csrf = _csrf(client)
        bad = client.post("/login", data={"token": "wrong", "csrf_token": csrf})
        assert bad.status_code == 401
        ok = client.post(
            "/login", data={"token": token, "csrf_token": csrf, "next": "/events/ev-erbil-1"},
            follow_redirects=False,
        )  # fmt: skip
        assert ok.status_code == 303 and ok.headers["location"] == "/events/ev-erbil-1"
        assert token not in ok.headers.get("set-cookie", "")
        assert client.cookies.get(SESSION_COOKIE)
        page = client.get("/events/ev-erbil-1")
        assert "Signed in as reviewer" in page.text
        form = {"action": "confirm", "csrf_token": "forged"}
        assert client.post("/events/ev-erbil-1/review", data=form).status_code == 403
        form["csrf_token"] = csrf
        done = client.post("/events/ev-erbil-1/review", data=form)
        assert done.status_code == 200 and "confirmed" in done.text
        edit = {"action": "edit", "csrf_token": csrf, "f_fatalities": "2", "f_notes": "seen"}
        page = client.post("/events/ev-erbil-1/review", data=edit)
        assert re.search(
            r"<td>reviewer</td><td>edit</td><td>fatalities</td><td>0</td><td>2</td>", page.text
        )
        revoke_token(sqlite_store, "reviewer")
        assert client.post("/events/ev-erbil-1/review", data=form).status_code == 401


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_serve_auth_login_never_redirects_off_site(sqlite_store: Store, target: str) -> None:
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store) as client:
        response = client.post(
            "/login", data={"token": token, "csrf_token": _csrf(client), "next": target},
            follow_redirects=False,
        )  # fmt: skip
    assert response.headers["location"] == "/"


def test_serve_auth_reads_can_require_a_token(sqlite_store: Store) -> None:
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store, ServeSettings(read_requires_token=True)) as client:
        assert client.get("/api/v1/events").status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/events", headers=auth).status_code == 200
        page = client.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False),
     ("192.168.1.4", False), ("example.org", False)],
)  # fmt: skip
def test_serve_auth_only_loopback_is_open_by_default(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
