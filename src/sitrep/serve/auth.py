"""API tokens, signed session cookies and CSRF tokens.

Tokens are random strings shown once at creation; only their SHA-256 is stored, so a copy of the
database does not leak working credentials. The API takes a token in an ``Authorization: Bearer``
header. The web forms log in with the same token once and then carry a signed session cookie that
names the token row (not the token), checked against ``revoked`` on every request. Forms are
protected by a double-submit CSRF token: a random value in a cookie that must come back in the form;
the value is signed by the server and tied to the session it was logged in with, so a cookie a
client sets itself does not pass. Sessions are registered server-side (:class:`SessionRegistry`),
so logging out ends one for good. Failed logins and tokens are counted per client address
(:class:`FailureLimiter`). Secrets are never logged; error messages name the token by its name
only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
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
    """The reviewer logged in through the session cookie, if the cookie is valid and its
    session is still open on this server (not logged out, not expired)."""
    current = cookie_session(request)
    if current is None:
        return None
    return principal_by_id(request.app.state.store, current[1].token_id)


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

    def unsign_session(self, value: str | None) -> tuple[int, str] | None:
        """(token id, session id) inside a valid cookie value, else None."""
        token_id = self.unsign(value)
        if token_id is None or value is None:
            return None
        return token_id, value.split(".")[1]


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


# --------------------------------------------------------------------------- server-side sessions


@dataclass
class _Session:
    token_id: int
    csrf_nonce: str | None
    started: float
    seen: float


class SessionRegistry:
    """The sessions this server has opened, so a logout (or expiry) really ends one.

    A signed cookie alone stays valid until the secret changes: replayed after logout, it still
    worked. Each login now registers the cookie's random session id here with the CSRF value the
    browser held; a cookie whose id is not registered (logged out, expired, or from before a
    restart) names nobody. Kept in the server's memory: sessions end when it restarts, as they
    did with the default per-process secret.
    """

    def __init__(
        self, *, idle_seconds: float = 8 * 3600, max_seconds: float = 24 * 3600, limit: int = 10_000
    ) -> None:
        self.idle_seconds = idle_seconds
        self.max_seconds = max_seconds
        self.limit = limit
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()

    def open(self, session_id: str, token_id: int, csrf_nonce: str | None) -> None:
        now = time.monotonic()
        with self._lock:
            self._sessions[session_id] = _Session(token_id, csrf_nonce, now, now)
            while len(self._sessions) > self.limit:  # the oldest go first
                self._sessions.pop(next(iter(self._sessions)))

    def get(self, session_id: str, token_id: int) -> _Session | None:
        now = time.monotonic()
        with self._lock:
            found = self._sessions.get(session_id)
            if found is None or found.token_id != token_id:
                return None
            if now - found.seen > self.idle_seconds or now - found.started > self.max_seconds:
                del self._sessions[session_id]
                return None
            found.seen = now
            return found

    def close(self, session_id: str | None) -> bool:
        with self._lock:
            return self._sessions.pop(session_id or "", None) is not None


def cookie_session(request: Request) -> tuple[str, _Session] | None:
    """The registered session a request's session cookie names, if any."""
    parts = request.app.state.signer.unsign_session(request.cookies.get(SESSION_COOKIE))
    if parts is None:
        return None
    token_id, session_id = parts
    found = request.app.state.sessions.get(session_id, token_id)
    return (session_id, found) if found is not None else None


# --------------------------------------------------------------------------- CSRF bound to a session


def new_signed_csrf(secret: bytes) -> str:
    """A CSRF cookie value: a random nonce and the server's HMAC of it, so a value a client makes
    up (or plants) is refused."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_csrf_mac(secret, nonce)}"


def _csrf_mac(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, f"csrf|{nonce}".encode(), hashlib.sha256).hexdigest()[:32]


def csrf_nonce(secret: bytes, value: str | None) -> str | None:
    """The nonce of a CSRF value this server signed, else None."""
    if not value or value.count(".") != 1:
        return None
    nonce, mac = value.split(".")
    return nonce if hmac.compare_digest(mac, _csrf_mac(secret, nonce)) else None


def csrf_valid(request: Request, form_value: str | None) -> bool:
    """The form echoes the CSRF cookie, the cookie is one this server signed, and, when the
    request carries a session, it is the value that session was opened with (a value from
    another browser or one set by a third party does not pass)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if not csrf_matches(cookie, form_value):
        return False
    nonce = csrf_nonce(request.app.state.settings.secret, cookie)
    if nonce is None:
        return False
    if request.cookies.get(SESSION_COOKIE):
        current = cookie_session(request)
        if current is not None and current[1].csrf_nonce != nonce:
            return False
    return True


# --------------------------------------------------------------------------- guessing slowed


class FailureLimiter:
    """Counts failed logins and failed API tokens per client address; past ``limit`` failures
    within ``window`` seconds that address gets 429 until the window has passed, correct token
    or not. Tokens have 256 random bits, so this is against noise and log floods more than
    luck: it keeps a guesser to ``limit`` tries per window."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, who: str, now: float) -> list[float]:
        times = [t for t in self._failures.get(who, []) if now - t < self.window]
        if times:
            self._failures[who] = times
        else:
            self._failures.pop(who, None)
        return times

    def blocked_for(self, who: str) -> float:
        """Seconds until ``who`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(who, now)
            if len(times) < self.limit:
                return 0.0
            return max(0.0, self.window - (now - times[-self.limit]))

    def failed(self, who: str) -> None:
        now = time.monotonic()
        with self._lock:
            times = self._recent(who, now)
            times.append(now)
            self._failures[who] = times
            if len(self._failures) > 100_000:  # a flood of addresses: forget the oldest
                self._failures.pop(next(iter(self._failures)))


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
