"""The JSON API under ``/api/v1``: events, articles, actors, places, statistics, exports, review.

Reads are open unless the settings require a token; every write needs an
``Authorization: Bearer <token>`` header (see :mod:`sitrep.serve.auth`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from sitrep import __version__
from sitrep.serve import data, review
from sitrep.serve.auth import (
    Principal,
    bearer_token,
    client_address,
    lookup_token,
    session_principal,
)
from sitrep.serve.errors import ApiError
from sitrep.serve.filters import parse_bbox, reject_nul
from sitrep.store.db import Store
from sitrep.store.queries import SORTABLE, EventFilter, count_events

Modality = Literal["reported", "claimed", "alleged", "denied", "contested"]
ReviewStatus = Literal["unreviewed", "edited", "confirmed", "false_positive", "merged"]
SORT_PATTERN = "^(" + "|".join(sorted(SORTABLE | {data.NEEDS_REVIEW})) + ")$"

_EXPORT_MEDIA = {
    "acled-csv": ("text/csv", "csv"),
    "csv": ("text/csv", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "plover": ("application/x-ndjson", "plover.jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_session(request: Request) -> Iterator[Session]:
    session = get_store(request).session()
    try:
        yield session
    finally:
        session.close()


def request_principal(request: Request) -> Principal | None:
    """The caller: from a Bearer token, else from the web session cookie."""
    store = get_store(request)
    token = bearer_token(request.headers.get("authorization"))
    if token is not None:
        return lookup_token(store, token)
    return session_principal(request)


def require_reader(request: Request) -> None:
    """Reads are open unless ``ServeSettings.read_requires_token`` is set."""
    if not request.app.state.settings.read_requires_token:
        return
    if request_principal(request) is None:
        raise ApiError(
            401,
            "reading needs a token on this server: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


#: Declares the bearer scheme in the OpenAPI document; checking stays in require_writer so that
#: failures keep the API's one error shape.
_bearer = HTTPBearer(auto_error=False, description="a token from `sitrep token create NAME`")

#: The largest page offset accepted: beyond any real table, and inside 64-bit integers.
MAX_OFFSET = 1_000_000_000

#: The largest count a filter accepts (fatalities, sources): any real figure, inside 64 bits.
MAX_COUNT = 1_000_000_000


def require_writer(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
) -> Principal:
    """Writes need a valid, unrevoked token in the Authorization header."""
    header = request.headers.get("authorization")
    token = bearer_token(header)
    if token is None:
        raise ApiError(
            401,
            "this action needs a token: send 'Authorization: Bearer <token>' "
            "(create one with 'sitrep token create NAME')",
            headers={"WWW-Authenticate": "Bearer"},
        )
    who = client_address(request)
    wait = request.app.state.token_failures.blocked_for(who)
    if wait > 0:  # too many wrong tokens from this address: guessing is slowed
        raise ApiError(
            429,
            f"too many failed tokens from this address; try again in {wait:.0f} s",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    principal = lookup_token(get_store(request), token)
    if principal is None:
        request.app.state.token_failures.failed(who)
        raise ApiError(
            401,
            "the token is unknown or revoked",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return principal


SessionDep = Annotated[Session, Depends(get_session)]
WriterDep = Annotated[Principal, Depends(require_writer)]


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


_allowed_params: dict[int, frozenset[str]] = {}


def refuse_unknown_params(request: Request) -> None:
    """A parameter the endpoint does not take is refused (400) rather than silently ignored:
    ``?from=2024-01-01`` would otherwise answer with every event."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _allowed_params.get(id(route))
    if allowed is None:
        allowed = _allowed_params[id(route)] = frozenset(_query_names(dependant))
    unknown = sorted({k for k in request.query_params if k not in allowed})
    if unknown:
        raise ApiError(
            400,
            f"unknown query parameter{'s' if len(unknown) > 1 else ''} "
            + ", ".join(repr(k) for k in unknown)
            + (f"; this endpoint takes {', '.join(sorted(allowed))}" if allowed else ""),
            code="unknown_parameter",
            detail={"unknown": unknown, "allowed": sorted(allowed)},
        )


router = APIRouter(
    prefix="/api/v1", dependencies=[Depends(require_reader), Depends(refuse_unknown_params)]
)


def event_filter(
    date_from: Annotated[date | None, Query(description="first event date (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="last event date, inclusive")] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type(s)")] = None,
    sub_event_type: Annotated[
        list[str] | None, Query(description="ACLED sub-event type(s)")
    ] = None,
    actor: Annotated[str | None, Query(description="substring of any actor column")] = None,
    country: Annotated[list[str] | None, Query()] = None,
    admin1: Annotated[list[str] | None, Query()] = None,
    bbox: Annotated[
        str | None, Query(description="min_lon,min_lat,max_lon,max_lat", examples=["38,29,49,38"])
    ] = None,
    q: Annotated[str | None, Query(description="free text over notes, location, actors")] = None,
    background: Annotated[bool | None, Query(description="only background (or only new)")] = None,
    modality: Annotated[list[Modality] | None, Query()] = None,
    include_false_positives: bool = False,
    include_merged: bool = False,
    review_status: Annotated[
        list[ReviewStatus] | None, Query(description="review status(es): the review queue")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    max_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
    max_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
    min_sources: Annotated[
        int | None, Query(ge=0, le=MAX_COUNT, description="at least this many articles")
    ] = None,
) -> EventFilter:
    """The shared event filter from query parameters (repeat a parameter for several values)."""
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, f"date_from {date_from} is after date_to {date_to}")
    for name, value in {"actor": actor, "q": q, "bbox": bbox}.items():
        reject_nul(name, value)
    for name, many in {
        "event_type": event_type, "sub_event_type": sub_event_type,
        "country": country, "admin1": admin1,
    }.items():  # fmt: skip
        for value in many or []:
            reject_nul(name, value)
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        country=country or None,
        admin1=admin1 or None,
        bbox=parse_bbox(bbox),
        q=q or None,
        background=background,
        modality=list(modality) if modality else None,
        include_false_positives=include_false_positives,
        include_merged=include_merged,
        review_status=list(review_status) if review_status else None,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        min_fatalities=min_fatalities,
        max_fatalities=max_fatalities,
        min_sources=min_sources,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]


# --------------------------------------------------------------------------- response models


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[dict[str, Any]]


class EditIn(BaseModel):
    fields: dict[str, Any] = Field(description="field name -> new value", min_length=1)


class MergeIn(BaseModel):
    event_ids: list[str] = Field(description="events to merge into this one", min_length=1)


class SplitIn(BaseModel):
    mention_ids: list[int] = Field(description="mentions that move to a new event", min_length=1)


class ArticleIn(BaseModel):
    """One article to ingest: give ``html`` or ``text`` (and optionally metadata)."""

    source: str | None = Field(None, description="a name for the item; defaults to url or 'api'")
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, description="publication date/time, ISO 8601")
    outlet: str | None = None


# --------------------------------------------------------------------------- reads


@router.get("/", summary="API index")
def index(session: SessionDep) -> dict[str, Any]:
    return {
        "name": "sitrep",
        "version": __version__,
        "events": count_events(session),
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }


@router.get("/events", response_model=EventPage, summary="List events")
def events(
    session: SessionDep,
    flt: FilterDep,
    sort: Annotated[
        str, Query(pattern=SORT_PATTERN, description="column to sort by")
    ] = "event_date",
    order: Literal["asc", "desc"] = "desc",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Events matching the filter, one page at a time, with the total count."""
    total, items = data.list_events(
        session, flt, sort=sort, descending=order == "desc", limit=limit, offset=offset
    )
    nxt = offset + limit if offset + limit < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}


@router.get("/events/geo", summary="Located events as map points")
def event_points(
    request: Request,
    session: SessionDep,
    flt: FilterDep,
    limit: Annotated[int | None, Query(ge=1)] = None,
    layout: Annotated[
        Literal["points", "columns"],
        Query(
            description="'columns': one array per field, types as indexes (about a third "
            "of the bytes at tens of thousands of points)"
        ),
    ] = "points",
) -> dict[str, Any]:
    """The newest located events matching the filter as small points (for the map), with how
    many match, how many of those have no coordinates and the cap on points."""
    cap = request.app.state.settings.max_map_points
    points = data.event_points(session, flt, limit=min(limit or cap, cap))
    total = data.count_matching(session, flt)
    counts = {
        "count": len(points),
        "total": total,
        "unlocated": data.count_unlocated(session, flt),
        "cap": cap,
    }
    if layout == "columns":
        return {**counts, **data.points_as_columns(points)}
    return {**counts, "points": points}


@router.get("/events/{event_id}", summary="One event with its sources")
def event(session: SessionDep, event_id: str) -> dict[str, Any]:
    """All fields, every source sentence inside its article text, outlets and review history."""
    return data.event_detail(session, event_id)


@router.get("/events/{event_id}/edits", summary="Review history of an event")
def event_edits(session: SessionDep, event_id: str) -> list[dict[str, Any]]:
    data.event_detail(session, event_id)  # 404 for unknown events
    return [data.edit_dict(e) for e in review.audit_log(session, event_id)]


@router.get("/articles/{article_id}", summary="One article")
def article(session: SessionDep, article_id: str, analyse: bool = True) -> dict[str, Any]:
    """The article, its duplicates, story siblings, mentions and the entities found in it."""
    return data.article_detail(session, article_id, analyse=analyse)


@router.get("/actors", summary="Known actors")
def actors(
    session: SessionDep,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    return data.list_actors(session, q, limit=limit, offset=offset)


@router.get("/actors/{name:path}", summary="One actor and its events")
def actor(
    session: SessionDep,
    name: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """The actor's entry and one page of its events, newest first (``next_offset`` pages on)."""
    return data.actor_detail(session, name, limit=limit, offset=offset)


@router.get("/places", summary="Places used by events")
def places(
    session: SessionDep,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    return data.list_places(session, q, limit=limit, offset=offset)


@router.get("/stats", summary="Counts by week, admin1, type and actor")
def stats(request: Request, session: SessionDep, flt: FilterDep) -> dict[str, Any]:
    # The four group-by scans cost seconds at 100,000 events under load; the answer only
    # changes when the events do, so it is kept per filter until the data version moves.
    cache: dict[tuple[Any, ...], dict[str, Any]] = request.app.state.__dict__.setdefault(
        "stats_cache", {}
    )
    key = (repr(flt), data.data_version(session))
    if key not in cache:
        if len(cache) >= 128:
            cache.clear()
        cache[key] = data.statistics(session, flt)
    return cache[key]


@router.get("/filters", summary="Values offered by the filter bar")
def filters(session: SessionDep) -> dict[str, list[str]]:
    return data.filter_options(session)


@router.get(
    "/export/{fmt}",
    summary="Download the filtered events in an export format",
    response_class=FileResponse,
)
def export(request: Request, fmt: str, flt: FilterDep) -> FileResponse:
    """Runs the exporter (``sitrep.export.export_events``) into a temporary file and sends it."""
    from sitrep.export import export_events

    formats = _export_formats()
    if fmt not in formats:
        raise ApiError(404, f"unknown export format {fmt!r}", detail={"formats": sorted(formats)})
    media, ext = _EXPORT_MEDIA.get(fmt, ("application/octet-stream", fmt))
    handle, path = tempfile.mkstemp(prefix="sitrep-export-", suffix="." + ext)
    os.close(handle)
    try:
        export_events(get_store(request), fmt, path, flt)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=media,
        filename=f"sitrep-events.{ext}",
        background=BackgroundTask(os.unlink, path),
    )


def _export_formats() -> set[str]:
    from sitrep.export import FORMATS

    return set(FORMATS)


# --------------------------------------------------------------------------- writes


@router.patch("/events/{event_id}", summary="Edit an event's fields")
def edit(
    request: Request, session: SessionDep, who: WriterDep, event_id: str, body: EditIn
) -> dict[str, Any]:
    """Sets the given fields, locks them against pipeline re-runs, writes the audit log."""
    changed = review.edit_event(get_store(request), event_id, body.fields, user=who.name)
    return {"changed": changed, **data.event_detail(session, event_id)}


@router.post("/events/{event_id}/merge", summary="Merge other events into this one")
def merge(
    request: Request, session: SessionDep, who: WriterDep, event_id: str, body: MergeIn
) -> dict[str, Any]:
    moved = review.merge_events(get_store(request), event_id, body.event_ids, user=who.name)
    return {"moved_mentions": moved, **data.event_detail(session, event_id)}


@router.post("/events/{event_id}/split", summary="Move mentions to a new event")
def split(
    request: Request, session: SessionDep, who: WriterDep, event_id: str, body: SplitIn
) -> dict[str, Any]:
    result = review.split_event(get_store(request), event_id, body.mention_ids, user=who.name)
    return {
        "event_id": result.event_id,
        "new_event_id": result.new_event_id,
        "moved_mentions": result.moved_mentions,
    }


@router.post("/events/{event_id}/false-positive", summary="Mark an event as a false positive")
def false_positive(
    request: Request, session: SessionDep, who: WriterDep, event_id: str
) -> dict[str, Any]:
    review.mark_false_positive(get_store(request), event_id, user=who.name)
    return data.event_detail(session, event_id)


@router.post("/events/{event_id}/confirm", summary="Confirm an event")
def confirm(request: Request, session: SessionDep, who: WriterDep, event_id: str) -> dict[str, Any]:
    review.confirm_event(get_store(request), event_id, user=who.name)
    return data.event_detail(session, event_id)


@router.post("/articles", status_code=201, summary="Ingest one article")
def add_article(request: Request, who: WriterDep, body: ArticleIn) -> dict[str, Any]:
    """Runs the ingest pipeline on one article; answers with its id and outcome."""
    from sitrep.models import RawItem
    from sitrep.pipeline import ingest_raw

    if not (body.html or body.text):
        raise ApiError(422, "an article needs 'html' or 'text'")
    hints = {
        k: v
        for k, v in {
            "title": body.title,
            "url": body.url,
            "published": body.published,
            "outlet": body.outlet,
        }.items()
        if v
    }
    item = RawItem(
        source=body.source or body.url or f"api:{who.name}",
        raw=(body.html or body.text or "").encode("utf-8"),
        media_type="html" if body.html else "text",
        hints=hints,
    )
    outcome = ingest_raw(get_store(request), item)
    return {
        "article_id": getattr(outcome, "article_id", None),
        "status": getattr(outcome, "status", None),
        "error": getattr(outcome, "error", None),
    }
