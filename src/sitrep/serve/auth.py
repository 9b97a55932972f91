"""API tokens, signed session cookies and CSRF tokens.

Tokens are random strings shown once at creation; only their SHA-256 is stored, so a copy of the
database does not leak working credentials. The API takes a token in an ``Authorization: Bearer``
header. The web forms log in with the same token once and then carry a signed session cookie that
names the token row (not the token), checked against ``revoked`` on every request. Forms are
protected by a double-submit CSRF token: a random value in a cookie that must come back in the form.
Secrets are never logged; error messages name the token by its name only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from sitrep.errors import ConfigError
from sitrep.store.db import Store
from sitrep.store.schema import ApiToken

if TYPE_CHECKING:
    from starlette.requests import Request

TOKEN_PREFIX = "srp_"
SESSION_COOKIE = "sitrep_session"
CSRF_COOKIE = "sitrep_csrf"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Principal:
    """Who is making a request: the token's row id and the name given when it was created."""

    token_id: int
    name: str


def hash_token(token: str) -> str:
    """The SHA-256 hex digest stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """A new write token called ``name``; the returned secret is not stored and cannot be shown
    again."""
    name = name.strip()
    if not name:
        raise ConfigError("a token needs a name (who or what will use it)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.transaction() as session:
        session.add(ApiToken(name=name, token_hash=hash_token(token)))
    return token


def lookup_token(store: Store, token: str | None) -> Principal | None:
    """The principal for a token, or None when it is unknown or revoked."""
    if not token:
        return None
    with store.session() as session:
        row = session.execute(
            select(ApiToken).where(ApiToken.token_hash == hash_token(token))
        ).scalar_one_or_none()
        if row is None or row.revoked:
            return None
        return Principal(token_id=row.id, name=row.name)


def verify_token(store: Store, token: str) -> bool:
    """Whether ``token`` is a known, unrevoked token."""
    return lookup_token(store, token) is not None


def revoke_token(store: Store, name_or_token: str) -> int:
    """Revoke every token with this name, or the token itself; returns how many were revoked."""
    with store.transaction() as session:
        rows = list(
            session.execute(
                select(ApiToken).where(
                    (ApiToken.name == name_or_token)
                    | (ApiToken.token_hash == hash_token(name_or_token))
                )
            ).scalars()
        )
        count = 0
        for row in rows:
            if not row.revoked:
                row.revoked = True
                count += 1
    return count


def list_tokens(store: Store) -> list[tuple[str, bool]]:
    """(name, revoked) of every token, oldest first; the secrets are not known."""
    with store.session() as session:
        rows = session.execute(select(ApiToken).order_by(ApiToken.id)).scalars()
        return [(r.name, r.revoked) for r in rows]


def principal_by_id(store: Store, token_id: int) -> Principal | None:
    """The principal for a token row id, or None when it is missing or revoked."""
    with store.session() as session:
        row = session.get(ApiToken, token_id)
        if row is None or row.revoked:
            return None
        return Principal(token_id=row.id, name=row.name)


def session_principal(request: Request) -> Principal | None:
    """The reviewer logged in through the session cookie, if the cookie is valid."""
    token_id = request.app.state.signer.unsign(request.cookies.get(SESSION_COOKIE))
    if token_id is None:
        return None
    return principal_by_id(request.app.state.store, token_id)


class SessionSigner:
    """Signs session cookie values with an HMAC so a browser cannot forge another token's id."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, payload: str) -> str:
        return hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()

    def sign(self, token_id: int) -> str:
        payload = f"{token_id}.{secrets.token_hex(8)}"
        return f"{payload}.{self._mac(payload)}"

    def unsign(self, value: str | None) -> int | None:
        """The token id inside a valid cookie value, else None."""
        if not value or value.count(".") != 2:
            return None
        payload, mac = value.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None
        head = payload.split(".", 1)[0]
        return int(head) if head.isdigit() else None


def new_csrf_token() -> str:
    """A fresh random value for the double-submit CSRF cookie."""
    return secrets.token_urlsafe(24)


def csrf_matches(cookie_value: str | None, form_value: str | None) -> bool:
    """Whether the form echoed the cookie's CSRF value (constant-time comparison)."""
    if not cookie_value or not form_value:
        return False
    return hmac.compare_digest(cookie_value, form_value)


def bearer_token(header: str | None) -> str | None:
    """The token in an ``Authorization: Bearer <token>`` header."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
