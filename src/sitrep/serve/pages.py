"""Server-rendered pages: dashboard, event, actor and article pages, login and review forms.

Pages work without JavaScript (filters are a GET form, the table is paginated and sorted by the
server, review actions are POST forms); the bundled script adds the map and the timeline. Review
forms need a logged-in session (a token exchanged for a signed cookie) and a CSRF token that
matches the CSRF cookie.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sitrep.serve import data, review
from sitrep.serve.auth import (
    CSRF_COOKIE,
    CSRF_FIELD,
    SESSION_COOKIE,
    client_address,
    cookie_session,
    csrf_nonce,
    csrf_valid,
    lookup_token,
    new_signed_csrf,
    session_principal,
)
from sitrep.serve.errors import ApiError
from sitrep.serve.filters import parse_bbox, parse_day, reject_nul
from sitrep.store.queries import SORTABLE, EventFilter

router = APIRouter(include_in_schema=False)

#: Fields offered in the event page's edit form, in display order, grouped: every editable field.
FORM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("When", ("event_date", "date_precision", "time_precision")),
    ("What", ("sub_event_type", "event_type", "disorder_type", "fatalities", "injuries",
              "weapons", "civilian_targeting", "modality", "claimed_by", "background")),
    ("Who", ("actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2",
             "interaction")),
    ("Where", ("country", "iso", "region", "admin1", "admin2", "admin3", "location",
               "latitude", "longitude", "geo_precision")),
    ("Report", ("source_scale", "tags", "notes")),
)  # fmt: skip
FORM_FIELDS = tuple(name for _, names in FORM_GROUPS for name in names)

TABLE_COLUMNS = (
    ("event_date", "Date"), ("event_type", "Type"), ("sub_event_type", "Sub-event type"),
    ("actor1", "Actor 1"), ("actor2", "Actor 2"), ("country", "Country"), ("admin1", "Admin 1"),
    ("fatalities", "Fatalities"), ("source_count", "Sources"), ("outlet_count", "Outlets"),
    ("confidence", "Confidence"), ("review_status", "Review"),
)  # fmt: skip
#: Columns whose header sorts the table (the outlet count is computed, not stored).
SORTABLE_COLUMNS = frozenset(SORTABLE)

_FILTER_KEYS = (
    "date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1", "bbox",
    "q", "background", "modality", "review_status", "min_confidence", "max_confidence",
    "min_fatalities", "max_fatalities", "min_sources",
)  # fmt: skip


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s); article URLs are untrusted and could be ``javascript:``."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def filter_from_params(params: Mapping[str, Any]) -> EventFilter:
    """The shared filter from a page's query string; empty form fields mean "any"."""

    def many(key: str) -> list[str] | None:
        values = [v for v in params.getlist(key) if v] if hasattr(params, "getlist") else []
        return values or None

    def one(key: str) -> str | None:
        value = params.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def day(key: str) -> date | None:
        return parse_day(key, one(key))

    for key in _FILTER_KEYS:
        values = params.getlist(key) if hasattr(params, "getlist") else [params.get(key)]
        for value in values:
            reject_nul(key, value)

    def number(key: str, kind: type, low: float, high: float | None = None) -> Any:
        value = one(key)
        if value is None:
            return None
        try:
            number = kind(value)
        except ValueError:
            raise ApiError(422, f"{key} must be a number, got {value!r}") from None
        if number < low or (high is not None and number > high):
            raise ApiError(422, f"{key} must be within {low}..{high if high else ''}")
        return number

    statuses = many("review_status")
    unknown = [v for v in statuses or [] if v not in review.REVIEW_STATUSES]
    if unknown:
        raise ApiError(422, f"unknown review status {unknown[0]!r}")
    background = one("background")
    return EventFilter(
        review_status=statuses,
        min_confidence=number("min_confidence", float, 0, 1),
        max_confidence=number("max_confidence", float, 0, 1),
        min_fatalities=number("min_fatalities", int, 0),
        max_fatalities=number("max_fatalities", int, 0),
        min_sources=number("min_sources", int, 0),
        date_from=day("date_from"),
        date_to=day("date_to"),
        event_type=many("event_type"),
        sub_event_type=many("sub_event_type"),
        actor=one("actor"),
        country=many("country"),
        admin1=many("admin1"),
        bbox=parse_bbox(one("bbox")),
        q=one("q"),
        background=None if background is None else background.lower() in {"true", "1", "yes"},
        modality=many("modality"),
    )


def clean_query(params: Mapping[str, Any], **changes: Any) -> str:
    """The filter part of a query string without empty values, with ``changes`` applied."""
    pairs: list[tuple[str, str]] = []
    for key in (*_FILTER_KEYS, "sort", "order", "offset"):
        if key in changes:
            continue
        values = params.getlist(key) if hasattr(params, "getlist") else [params.get(key)]
        pairs.extend((key, v) for v in values if v)
    for key, value in changes.items():
        if value not in (None, ""):
            pairs.append((key, str(value)))
    return urlencode(pairs)


def render(
    request: Request, template: str, context: dict[str, Any], *, status: int = 200
) -> Response:
    """A page with the principal and a CSRF token in its context (and the CSRF cookie set)."""
    csrf = request.cookies.get(CSRF_COOKIE)
    secret = request.app.state.settings.secret
    fresh = csrf_nonce(secret, csrf) is None  # none yet, or not one this server signed
    if fresh:
        csrf = new_signed_csrf(secret)
    context = {"principal": session_principal(request), "csrf": csrf, "error": None, **context}
    response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )
    if fresh:
        response.set_cookie(
            CSRF_COOKIE,
            csrf,
            httponly=True,
            samesite="strict",
            secure=request.app.state.settings.secure_cookies,
        )
    return response


def _reader_or_login(request: Request) -> Response | None:
    if request.app.state.settings.read_requires_token and session_principal(request) is None:
        target = "/login?" + urlencode({"next": request.url.path})
        return RedirectResponse(target, status_code=303)
    return None


async def _checked_form(request: Request) -> Any:
    """The posted form, after the CSRF double-submit check."""
    form = await request.form()
    if not csrf_valid(request, form.get(CSRF_FIELD)):  # type: ignore[arg-type]
        raise ApiError(
            403,
            "the form's CSRF token does not match; reload the page and try again",
            code="csrf_failed",
        )
    return form


@router.get("/")
def dashboard(request: Request) -> Response:
    """Map, timeline, filter bar and the sortable, paginated event table."""
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    params = request.query_params
    flt = filter_from_params(params)
    sort = params.get("sort") or "event_date"
    if sort not in SORTABLE and sort != data.NEEDS_REVIEW:
        raise ApiError(422, f"cannot sort by {sort!r}; choose one of {sorted(SORTABLE)}")
    order = "asc" if params.get("order") == "asc" else "desc"
    try:
        offset = min(max(int(params.get("offset") or 0), 0), 1_000_000_000)
    except ValueError:
        offset = 0
    limit = request.app.state.settings.page_size
    with request.app.state.store.session() as session:
        total, rows = data.list_events(
            session, flt, sort=sort, descending=order == "desc", limit=limit, offset=offset
        )
        options = data.filter_options(session)
    api_query = clean_query(params, sort=None, order=None, offset=None)
    return render(
        request,
        "index.html",
        {
            "params": params,
            "flt": flt,
            "rows": rows,
            "total": total,
            "offset": offset,
            "limit": limit,
            "sort": sort,
            "order": order,
            "options": options,
            "columns": TABLE_COLUMNS,
            "sortable": SORTABLE_COLUMNS,
            "review_statuses": review.REVIEW_STATUSES,
            "api_query": api_query,
            "query": lambda **changes: clean_query(params, **changes),
        },
    )


def _form_value(value: Any) -> str:
    """A stored value as the edit form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _event_page(
    request: Request,
    event_id: str,
    *,
    submitted: Mapping[str, str] | None = None,
    field_errors: Mapping[str, str] | None = None,
    message: str | None = None,
    status: int = 200,
) -> Response:
    with request.app.state.store.session() as session:
        detail = data.event_detail(session, event_id)
        options = data.filter_options(session)
        candidates = data.merge_candidates(session, event_id)
    event = detail["event"]
    values = {name: _form_value(event.get(name)) for name in FORM_FIELDS}
    if submitted:
        values.update(submitted)
    saved = [f for f in (request.query_params.get("saved") or "").split(",") if f]
    return render(
        request,
        "event.html",
        {
            "d": detail,
            "candidates": candidates,
            "e": event,
            "form_groups": FORM_GROUPS,
            "form_values": values,
            "field_errors": dict(field_errors or {}),
            "form_message": message,
            "saved": saved,
            "saved_action": request.query_params.get("done"),
            "taxonomy": review.taxonomy_groups(),
            "disorder_types": sorted(review.DISORDER_TYPES),
            "derived": review.DERIVED_FIELDS,
            "options": options,
            "safe_url": safe_url,
        },
        status=status,
    )


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    """One event: fields, sources in context, outlets, review forms, audit log."""
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    return _event_page(request, event_id)


@router.post("/events/{event_id}/review")
async def review_action(request: Request, event_id: str) -> Response:
    """Apply one review form (edit, confirm, false_positive, merge, split) and go back."""
    principal = session_principal(request)
    if principal is None:
        raise ApiError(401, "sign in with a token to review events")
    form = await _checked_form(request)
    store = request.app.state.store
    action = form.get("action")
    target = event_id
    if action == "edit":
        changes = {name: form.get(f"f_{name}") for name in FORM_FIELDS if f"f_{name}" in form}
        try:
            changed = review.edit_event(store, event_id, changes, user=principal.name)
        except review.ReviewError as exc:
            if exc.status != 422:
                raise
            # the form comes back with the reviewer's input and the reason next to each field
            return _event_page(
                request,
                event_id,
                submitted={k: str(v or "") for k, v in changes.items()},
                field_errors=exc.fields,
                message=str(exc),
                status=422,
            )
        query = urlencode({"done": "edit", "saved": ",".join(changed)})
        return RedirectResponse(f"/events/{event_id}?{query}#review", status_code=303)
    try:
        if action == "confirm":
            review.confirm_event(store, event_id, user=principal.name)
        elif action == "false_positive":
            review.mark_false_positive(store, event_id, user=principal.name)
        elif action == "merge":
            others = str(form.get("other_ids") or "").replace(",", " ").split()
            others += [str(v) for v in form.getlist("merge_id")]
            review.merge_events(store, event_id, others, user=principal.name)
        elif action == "split":
            try:
                ids = [int(v) for v in form.getlist("mention_id")]
            except ValueError:
                raise review.ReviewError("mention ids must be numbers") from None
            target = review.split_event(store, event_id, ids, user=principal.name).new_event_id
        else:
            raise ApiError(422, f"unknown review action {action!r}")
    except review.NotFoundError:
        raise
    except review.ReviewError as exc:
        # back to the event page with the reason, not to a bare error page
        return _event_page(request, event_id, message=str(exc), status=exc.status)
    query = urlencode({"done": action})
    return RedirectResponse(f"/events/{target}?{query}#review", status_code=303)


@router.get("/actors/{name:path}")
def actor_page(request: Request, name: str) -> Response:
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    offset = _offset(request)
    limit = request.app.state.settings.page_size
    with request.app.state.store.session() as session:
        detail = data.actor_detail(session, name, limit=limit, offset=offset)
    return render(
        request,
        "actor.html",
        {"d": detail, "columns": TABLE_COLUMNS, "offset": offset, "limit": limit},
    )


def _offset(request: Request) -> int:
    try:
        return min(max(int(request.query_params.get("offset") or 0), 0), 1_000_000_000)
    except ValueError:
        return 0


def text_segments(text: str, mentions: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The article text cut into (piece, event_id or None) so mentions can be highlighted."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for m in sorted(mentions, key=lambda m: (m["start"], m["end"])):
        start, end = m["start"], m["end"]
        if start < cursor or end > len(text) or start >= end:
            continue  # overlapping or stale offsets: leave that mention unmarked
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], m["event_id"]))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    with request.app.state.store.session() as session:
        detail = data.article_detail(session, article_id)
    text = detail["article"]["text"] or ""
    return render(
        request,
        "article.html",
        {
            "d": detail,
            "a": detail["article"],
            "segments": text_segments(text, detail["mentions"]),
            "safe_url": safe_url,
        },
    )


def _safe_next(value: Any) -> str:
    value = str(value or "/")
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@router.get("/login")
def login_form(request: Request) -> Response:
    return render(request, "login.html", {"next": _safe_next(request.query_params.get("next"))})


@router.post("/login")
async def login(request: Request) -> Response:
    """Exchange a token for a signed session cookie (the token itself is not kept)."""
    form = await _checked_form(request)
    nxt = _safe_next(form.get("next"))
    who = client_address(request)
    wait = request.app.state.login_failures.blocked_for(who)
    if wait > 0:
        raise ApiError(
            429,
            f"too many failed logins from this address; try again in {wait:.0f} s",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    principal = lookup_token(request.app.state.store, str(form.get("token") or "").strip())
    if principal is None:
        request.app.state.login_failures.failed(who)
        return render(
            request,
            "login.html",
            {"next": nxt, "error": "That token is unknown or revoked."},
            status=401,
        )
    response = RedirectResponse(nxt, status_code=303)
    cookie = request.app.state.signer.sign(principal.token_id)
    # registered server-side, with the CSRF value this browser holds (sitrep.serve.auth)
    request.app.state.sessions.open(
        cookie.split(".")[1],
        principal.token_id,
        csrf_nonce(request.app.state.settings.secret, request.cookies.get(CSRF_COOKIE)),
    )
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.secure_cookies,
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _checked_form(request)
    current = cookie_session(request)
    if current is not None:
        request.app.state.sessions.close(current[0])  # a replayed cookie names nobody now
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
