"""Read models for the API and the pages: events, sources, articles, actors, places, statistics.

Both the JSON API and the server-rendered pages call these functions, so a page shows exactly
what the API returns. Everything here reads; the writes live in :mod:`sitrep.serve.review`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from sitrep.models import Document, to_dict
from sitrep.serve.review import NotFoundError, audit_log
from sitrep.store.queries import (
    SORTABLE,
    EventFilter,
    apply_filter,
    count_events,
    event_to_record,
)
from sitrep.store.schema import Actor, Article, Event, Mention, Place

#: Columns of the compact event rows in lists and tables.
LIST_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
    "location", "latitude", "longitude", "fatalities", "modality", "background", "confidence",
    "source_count", "review_status", "notes",
)  # fmt: skip


#: The review queue's order: unreviewed first, then the least certain, the least supported
#: (fewest sources) and the deadliest, newest first within those.
NEEDS_REVIEW = "needs_review"


def needs_review_order() -> tuple[Any, ...]:
    from sqlalchemy import case

    return (
        case((Event.review_status == "unreviewed", 0), (Event.review_status == "edited", 1),
             else_=2),
        Event.confidence.asc(),
        Event.source_count.asc(),
        Event.fatalities.desc(),
        Event.event_date.desc().nulls_last(),
        Event.id.asc(),
    )  # fmt: skip


#: Sort columns with an ``(column, id)`` index (migration 0004).
_ORDERED_INDEXES = {"event_date", "fatalities"}
#: Above this many matches a page is found faster by walking the sort index.
_WALK_INDEX_ABOVE = 2000


def _where(stmt: Any, flt: EventFilter) -> Any:
    """``apply_filter`` for statements of any column list (typed loosely on purpose)."""
    return apply_filter(stmt, flt)


def _apply(session: Session, stmt: Any, flt: EventFilter) -> Any:
    """``apply_filter``, except that on SQLite the bounding box cannot use the lat/lon index.

    A map viewport usually holds a large share of the events; fetching them through the index
    costs several times a plain scan, and SQLite has no statistics to know that.
    """
    if flt.bbox is None or session.get_bind().dialect.name != "sqlite":
        return _where(stmt, flt)
    min_lon, min_lat, max_lon, max_lat = flt.bbox
    lon, lat = Event.longitude + 0.0, Event.latitude + 0.0
    return _where(stmt, replace(flt, bbox=None)).where(
        lon >= min_lon, lon <= max_lon, lat >= min_lat, lat <= max_lat
    )


def _visibility(flt: EventFilter) -> list[Any]:
    """The hidden-event conditions written so that no index is used for them."""
    conds = []
    wants = set(flt.review_status or ())
    if not flt.include_false_positives and "false_positive" not in wants:
        conds.append(func.coalesce(Event.review_status, "") != "false_positive")
    if not flt.include_merged and "merged" not in wants:
        conds.append(func.coalesce(Event.merged_into, "") == "")
    return conds


def count_matching(session: Session, flt: EventFilter) -> int:
    """How many events match ``flt`` (``count_events`` with the SQLite bbox plan of ``_apply``)."""
    if flt.bbox is None:
        return count_events(session, flt)
    stmt = _apply(session, select(func.count()).select_from(Event), flt)
    return int(session.execute(stmt).scalar_one())


def event_row(event: Event) -> dict[str, Any]:
    """A compact dict of an event for lists (no sources)."""
    row: dict[str, Any] = {"event_id": event.id}
    for name in LIST_COLUMNS:
        row[name] = getattr(event, name)
    row["outlet_count"] = len([o for o in (event.source or "").split(";") if o.strip()])
    return row


def list_events(
    session: Session,
    flt: EventFilter,
    *,
    sort: str = "event_date",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of compact rows) in a stable order.

    The page is found in two steps: first only the ids, ordered by the sort column and then the
    id in the same direction (so an index on ``(column, id)`` gives the order without sorting),
    then the full rows for those ids. Deep pages stay cheap because skipped rows are never loaded.
    """
    if sort not in SORTABLE and sort != NEEDS_REVIEW:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {sorted(SORTABLE)}")
    if sort == NEEDS_REVIEW:
        order = needs_review_order()
    else:
        column = getattr(Event, sort)
        if descending:
            order = (column.desc().nulls_last(), Event.id.desc())
        else:
            order = (column.asc().nulls_last(), Event.id.asc())
    total = count_matching(session, flt)
    # The visibility conditions are restated so SQLite cannot pick the merged_into index for
    # them (it is not selective: nearly every event is unmerged) and sort the whole table.
    visible = replace(flt, include_false_positives=True, include_merged=True)
    id_stmt = _apply(session, select(Event.id), visible)
    id_stmt = id_stmt.where(*_visibility(flt))
    if (
        session.get_bind().dialect.name == "sqlite"
        and sort in _ORDERED_INDEXES
        and total > _WALK_INDEX_ABOVE
        and id_stmt.whereclause is not None
    ):
        # Many matches: walking the (sort column, id) index and testing each row finds a page
        # after a few rows, while a filter index (bbox, type) would fetch and sort them all.
        # Wrapping the condition hides it from SQLite's planner (which has no statistics).
        # The date range stays visible: with the event_date sort it is a range on the same index.
        undated = replace(visible, date_from=None, date_to=None)
        hidden = _apply(session, select(Event.id), undated).where(*_visibility(flt))
        id_stmt = select(Event.id)
        if hidden.whereclause is not None:
            id_stmt = id_stmt.where(func.coalesce(hidden.whereclause, 0) != 0)
        if flt.date_from:
            id_stmt = id_stmt.where(Event.event_date >= flt.date_from.isoformat())
        if flt.date_to:
            id_stmt = id_stmt.where(Event.event_date <= flt.date_to.isoformat())
    id_stmt = id_stmt.order_by(*order).limit(limit).offset(offset)
    page_ids = list(session.execute(id_stmt).scalars())
    rows: dict[str, Event] = {}
    if page_ids:
        stmt = select(Event).where(Event.id.in_(page_ids))
        rows = {e.id: e for e in session.execute(stmt).scalars()}
    return total, [event_row(rows[i]) for i in page_ids if i in rows]


def event_points(session: Session, flt: EventFilter, *, limit: int) -> list[dict[str, Any]]:
    """Located events as small map points: id, lat, lon, type, date, location."""
    stmt = select(
        Event.id,
        Event.latitude,
        Event.longitude,
        Event.event_type,
        Event.event_date,
        Event.location,
    ).where(Event.latitude.is_not(None), Event.longitude.is_not(None))
    stmt = _where(stmt, flt).order_by(Event.event_date.desc().nulls_last(), Event.id)
    return [
        {"id": r[0], "lat": r[1], "lon": r[2], "type": r[3], "date": r[4], "location": r[5]}
        for r in session.execute(stmt.limit(limit))
    ]


def count_unlocated(session: Session, flt: EventFilter) -> int:
    """How many events matching ``flt`` have no coordinates (they cannot be on a map)."""
    if flt.bbox is not None:
        return 0  # a map area only holds located events
    stmt = _where(select(func.count()).select_from(Event), flt).where(
        or_(Event.latitude.is_(None), Event.longitude.is_(None))
    )
    return int(session.execute(stmt).scalar_one())


def points_as_columns(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Map points as one array per field: types as indexes into ``types``, coordinates to
    5 decimals (about a metre)."""
    types: dict[str | None, int] = {}
    for p in points:
        types.setdefault(p["type"], len(types))
    return {
        "types": list(types),
        "id": [p["id"] for p in points],
        "lat": [round(p["lat"], 5) for p in points],
        "lon": [round(p["lon"], 5) for p in points],
        "type": [types[p["type"]] for p in points],
        "date": [p["date"] for p in points],
        "location": [p["location"] for p in points],
    }


def highlight(text: str | None, start: int, end: int, sentence: str) -> dict[str, str] | None:
    """The article text cut around the source sentence: before, sentence, after.

    The stored offsets are trusted when they point at the sentence; otherwise the sentence is
    searched for (texts re-cleaned by a newer version can shift). None when it cannot be found.
    """
    if not text:
        return None
    if not (0 <= start < end <= len(text) and text[start:end] == sentence):
        found = text.find(sentence) if sentence else -1
        if found < 0:
            return None
        start, end = found, found + len(sentence)
    return {
        "before": _context_before(text, start),
        "sentence": text[start:end],
        "after": _context_after(text, end),
    }


#: How much article text a source shows around its sentence, in characters (a few lines).
CONTEXT_CHARS = 280


def _context_before(text: str, start: int) -> str:
    """Up to CONTEXT_CHARS before ``start``, from a sentence or word start, '…' when cut."""
    lo = max(0, start - CONTEXT_CHARS)
    if lo == 0:
        return text[:start]
    piece = text[lo:start]
    cut = max(piece.find(". ") + 2 if ". " in piece[: len(piece) // 2] else -1, piece.find(" "))
    return "… " + piece[max(cut, 0) :].lstrip()


def _context_after(text: str, end: int) -> str:
    """Up to CONTEXT_CHARS after ``end``, to a sentence or word end, '…' when cut."""
    hi = min(len(text), end + CONTEXT_CHARS)
    if hi == len(text):
        return text[end:]
    piece = text[end:hi]
    stop = piece.rfind(". ")
    if stop < len(piece) // 2:
        stop = piece.rfind(" ")
    else:
        stop += 1
    return piece[: max(stop, 0)].rstrip() + " …"


def _get_event(session: Session, event_id: str) -> Event:
    stmt = (
        select(Event)
        .where(Event.id == event_id)
        .options(selectinload(Event.mentions).selectinload(Mention.article))
    )
    event = session.execute(stmt).scalar_one_or_none()
    if event is None:
        raise NotFoundError(f"event {event_id!r} does not exist")
    return event


def event_detail(session: Session, event_id: str) -> dict[str, Any]:
    """Everything about one event: the record, its sources in context, outlets and the audit."""
    event = _get_event(session, event_id)
    record = to_dict(event_to_record(event))
    record.pop("sources", None)
    record.update(
        review_status=event.review_status,
        locked_fields=list(event.locked_fields or []),
        merged_into=event.merged_into,
        source_count=event.source_count,
        created_at=event.created_at.isoformat() if event.created_at else None,
        updated_at=event.updated_at.isoformat() if event.updated_at else None,
    )
    sources = []
    for mention in event.mentions:
        article = mention.article
        source = to_dict(event_to_record_source(mention))
        source.update(
            mention_id=mention.id,
            title=article.title if article else None,
            highlight=highlight(
                article.text if article else None, mention.start, mention.end, mention.sentence
            ),
        )
        sources.append(source)
    outlets = sorted({s["outlet"] for s in sources if s.get("outlet")})
    merged_from = list(
        session.execute(
            select(Event.id).where(Event.merged_into == event_id).order_by(Event.id)
        ).scalars()
    )
    return {
        "event": record,
        "sources": sources,
        "outlets": outlets,
        "merged_from": merged_from,
        "edits": [edit_dict(e) for e in audit_log(session, event_id)],
    }


#: Merge suggestions across a border: events this close count even in another country.
MERGE_NEAR_KM = 150.0


def merge_candidates(session: Session, event_id: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Visible events that may report the same thing, best match first.

    Dated a day apart or less, and in the same country or within MERGE_NEAR_KM (one attack
    reported at two border posts); ordered by the pipeline's own same-event score, then by
    distance. Offered on the event page next to the merge form; the reviewer decides.
    """
    from sitrep.geo.distance import haversine_km
    from sitrep.resolve.merge import same_event

    event = session.get(Event, event_id)
    if event is None or not event.event_date:
        return []
    try:
        day = date.fromisoformat(event.event_date)
    except ValueError:
        return []
    window = EventFilter(date_from=day - timedelta(days=1), date_to=day + timedelta(days=1))
    stmt = _where(select(Event), window).where(Event.id != event_id)
    stmt = stmt.order_by(Event.event_date, Event.id).limit(500)
    here = event_to_record(event, sources=False)
    scored = []
    for other in session.execute(stmt).scalars():
        distance = None
        if None not in (event.latitude, event.longitude, other.latitude, other.longitude):
            distance = haversine_km(
                (event.latitude, event.longitude), (other.latitude, other.longitude)
            )
        same_country = bool(event.country) and other.country == event.country
        if not (same_country or (distance is not None and distance <= MERGE_NEAR_KM)):
            continue
        score = same_event(here, event_to_record(other, sources=False))
        row = event_row(other)
        row["distance_km"] = None if distance is None else round(distance)
        row["score"] = round(score, 3)
        scored.append((-score, distance if distance is not None else 1e9, other.id, row))
    scored.sort(key=lambda item: item[:3])
    return [row for *_, row in scored[:limit]]


def event_to_record_source(mention: Mention) -> Any:
    from sitrep.store.queries import mention_source

    return mention_source(mention)


def edit_dict(edit: Any) -> dict[str, Any]:
    return {
        "id": edit.id,
        "event_id": edit.event_id,
        "user": edit.user,
        "at": edit.at.isoformat() if edit.at else None,
        "action": edit.action,
        "field": edit.field,
        "old": edit.old_value,
        "new": edit.new_value,
    }


def _article_brief(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url or article.source,
        "published": article.published.isoformat() if article.published else None,
        "canonical": article.canonical,
    }


def analyse_article(article: Article) -> dict[str, Any]:
    """Entities, places and dates found in an article, from the stateless extractor.

    The extractor (``sitrep.events.extract.extract``) is imported on first use: it loads the
    classifier, so a server that never analyses an article never pays for it.
    """
    if not article.text:
        return {"available": False, "reason": "the article has no text"}
    from sitrep.serve.analysis import analyse_document, analysis_view

    doc = Document(
        id=article.id,
        text=article.text,
        title=article.title,
        published=article.published,
        published_precision=article.published_precision,  # type: ignore[arg-type]
        url=article.url,
        outlet=article.outlet,
    )
    # computed once per article text, with the size cap and time budget (sitrep.serve.analysis)
    return analysis_view(analyse_document(doc))


def _language_note(language: str | None) -> str | None:
    from sitrep.ingest.language import language_note

    return language_note(language)


def article_detail(session: Session, article_id: str, *, analyse: bool = True) -> dict[str, Any]:
    """An article with its text, duplicates in its cluster, story siblings and mentions."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"article {article_id!r} does not exist")
    body = {
        "article_id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "authors": list(article.authors or []),
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision,
        "published_from": article.published_from,
        # why there is no publication date, and whether the language is coded (issue 17)
        "published_missing_reason": article.published_missing_reason,
        "language": article.language,
        "language_note": _language_note(article.language),
        "status": article.status,
        "error": article.error,
        "cluster_id": article.cluster_id,
        "canonical": article.canonical,
        "original_outlet": article.original_outlet,
        "story_id": article.story_id,
        "text": article.text,
    }
    duplicates: list[dict[str, Any]] = []
    if article.cluster_id:
        rows = session.execute(
            select(Article)
            .where(Article.cluster_id == article.cluster_id, Article.id != article.id)
            .order_by(Article.id)
        ).scalars()
        duplicates = [_article_brief(a) for a in rows]
    siblings: list[dict[str, Any]] = []
    if article.story_id:
        rows = session.execute(
            select(Article)
            .where(Article.story_id == article.story_id, Article.id != article.id)
            .order_by(Article.published.nulls_last(), Article.id)
        ).scalars()
        siblings = [_article_brief(a) for a in rows]
    mentions = session.execute(
        select(Mention, Event.event_type, Event.event_date)
        .join(Event, Event.id == Mention.event_id)
        .where(Mention.article_id == article.id)
        .order_by(Mention.start)
    ).all()
    return {
        "article": body,
        "duplicates": duplicates,
        "siblings": siblings,
        "mentions": [
            {
                "mention_id": m.id,
                "event_id": m.event_id,
                "event_type": etype,
                "event_date": edate,
                "sentence": m.sentence,
                "start": m.start,
                "end": m.end,
            }
            for m, etype, edate in mentions
        ],
        "analysis": analyse_article(article) if analyse else None,
    }


def list_actors(session: Session, q: str | None, *, limit: int, offset: int) -> list[dict]:
    """Known actors (the actors table), optionally matching ``q`` in the name."""
    stmt = select(Actor).order_by(Actor.name)
    if q:
        stmt = stmt.where(func.lower(Actor.name).like(f"%{q.lower()}%"))
    return [_actor_dict(a) for a in session.execute(stmt.limit(limit).offset(offset)).scalars()]


def _actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "aliases": list(actor.aliases or []),
        "actor_type": actor.actor_type,
        "inter": actor.inter,
        "country": actor.country,
        "affiliations": list(actor.affiliations or []),
        "provisional": actor.provisional,
        "merged_into": actor.merged_into,
    }


def actor_detail(
    session: Session, name: str, *, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """An actor's entry and the events naming it as actor1, actor2 or an associated actor.

    Actors seen only in events (no table row) are still shown, with ``known`` False.
    """
    actor = session.execute(select(Actor).where(Actor.name == name)).scalar_one_or_none()
    cond = or_(
        Event.actor1 == name,
        Event.actor2 == name,
        Event.assoc_actor_1.like(f"%{name}%"),
        Event.assoc_actor_2.like(f"%{name}%"),
    )
    base = _where(select(Event), EventFilter()).where(cond)
    total = int(session.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    if actor is None and total == 0:
        raise NotFoundError(f"actor {name!r} is neither in the actor table nor in any event")
    events = session.execute(
        base.order_by(Event.event_date.desc().nulls_last(), Event.id).limit(limit).offset(offset)
    ).scalars()
    info: dict[str, Any] = (
        _actor_dict(actor) if actor else {"name": name, "aliases": [], "affiliations": []}
    )
    info["known"] = actor is not None
    rows = [event_row(e) for e in events]
    nxt = offset + limit if offset + limit < total else None
    return {
        "actor": info,
        "event_count": total,
        "offset": offset,
        "limit": limit,
        "next_offset": nxt,
        "events": rows,
    }


def list_places(session: Session, q: str | None, *, limit: int, offset: int) -> list[dict]:
    """Gazetteer places used by events, with how many (visible) events sit at each."""
    counts = (
        _where(select(Event.place_id, func.count().label("n")), EventFilter())
        .where(Event.place_id.is_not(None))
        .group_by(Event.place_id)
        .subquery()
    )
    stmt = (
        select(Place, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.place_id == Place.id)
        .order_by(Place.name, Place.id)
    )
    if q:
        stmt = stmt.where(func.lower(Place.name).like(f"%{q.lower()}%"))
    out = []
    for place, n in session.execute(stmt.limit(limit).offset(offset)):
        out.append(
            {
                "place_id": place.id,
                "name": place.name,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "country": place.country,
                "iso": place.iso,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "feature": place.feature,
                "geonameid": place.geonameid,
                "event_count": int(n),
            }
        )
    return out


#: Above this many weeks the timeline counts by month, above this many months by year.
MAX_WEEKS = 40
MAX_MONTHS = 60


def timeline_bins(rows: list[tuple[date, str, int, int]], background_left_out: int) -> dict:
    """Events and fatalities per week, month or year (chosen by the span), every bin present.

    ``rows`` are (day, event type, events, fatalities). The unit keeps the bar count readable:
    weeks up to MAX_WEEKS, months up to MAX_MONTHS, else years.
    """
    if not rows:
        return {"unit": "week", "bins": [], "background_left_out": background_left_out}
    first = min(r[0] for r in rows)
    last = max(r[0] for r in rows)
    if (last - first).days // 7 + 1 <= MAX_WEEKS:
        unit = "week"
    elif (last.year - first.year) * 12 + last.month - first.month + 1 <= MAX_MONTHS:
        unit = "month"
    else:
        unit = "year"

    def start_of(day: date) -> date:
        if unit == "week":
            return week_start(day)
        if unit == "month":
            return day.replace(day=1)
        return date(day.year, 1, 1)

    def after(day: date) -> date:
        if unit == "week":
            return day + timedelta(days=7)
        if unit == "month":
            return date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return date(day.year + 1, 1, 1)

    counts: dict[date, Counter[str]] = defaultdict(Counter)
    dead: Counter[date] = Counter()
    for day, etype, n, fatalities in rows:
        counts[start_of(day)][etype] += n
        dead[start_of(day)] += fatalities
    bins = []
    cursor = start_of(first)
    while cursor <= last:
        end = after(cursor) - timedelta(days=1)
        bins.append(
            {
                "start": cursor.isoformat(),
                "end": end.isoformat(),
                "total": sum(counts[cursor].values()),
                "fatalities": dead[cursor],
                "counts": dict(sorted(counts[cursor].items())),
            }
        )
        cursor = after(cursor)
    return {"unit": unit, "bins": bins, "background_left_out": background_left_out}


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def data_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever an event is added, changed or removed, or a review is recorded."""
    from sitrep.store.schema import ReviewEdit

    count, latest = session.execute(select(func.count(), func.max(Event.updated_at))).one()
    edits = session.scalar(select(func.max(ReviewEdit.id)))
    return (count, str(latest), edits)


def statistics(session: Session, flt: EventFilter, *, top: int = 20) -> dict[str, Any]:
    """Counts by ISO week and type, by admin1, by type and by actor for the filtered events.

    Weeks are computed in Python from per-day counts so SQLite and PostgreSQL agree exactly.
    """
    per_day = session.execute(
        _where(
            select(
                Event.event_date,
                Event.event_type,
                Event.background,
                func.count(),
                func.coalesce(func.sum(Event.fatalities), 0),
            ),
            flt,
        ).group_by(Event.event_date, Event.event_type, Event.background)
    ).all()
    weeks: dict[date, Counter[str]] = defaultdict(Counter)
    undated = 0
    charted: list[tuple[date, str, int, int]] = []
    background_left_out = 0
    for day, etype, background, n, dead in per_day:
        try:
            when = date.fromisoformat(day) if day else None
        except ValueError:
            when = None
        if when is None:
            undated += n
            continue
        weeks[week_start(when)][etype or "unknown"] += n
        # background mentions of old events would stretch the axis back years: the timeline
        # leaves them out unless they are what was asked for
        if background and flt.background is not True:
            background_left_out += n
            continue
        charted.append((when, etype or "unknown", int(n), int(dead or 0)))
    by_week = [
        {
            "week": f"{start.isocalendar().year}-W{start.isocalendar().week:02d}",
            "week_start": start.isoformat(),
            "total": sum(counts.values()),
            "counts": dict(sorted(counts.items())),
        }
        for start, counts in sorted(weeks.items())
    ]
    by_admin1 = [
        {"country": c, "admin1": a, "count": n}
        for c, a, n in session.execute(
            _where(select(Event.country, Event.admin1, func.count()), flt)
            .group_by(Event.country, Event.admin1)
            .order_by(func.count().desc(), Event.country, Event.admin1)
            .limit(top * 5)
        )
    ]
    by_type = [
        {"event_type": t, "sub_event_type": s, "count": n}
        for t, s, n in session.execute(
            _where(select(Event.event_type, Event.sub_event_type, func.count()), flt)
            .group_by(Event.event_type, Event.sub_event_type)
            .order_by(Event.event_type, Event.sub_event_type)
        )
    ]
    actors: Counter[str] = Counter()
    for column in (Event.actor1, Event.actor2):
        for name, n in session.execute(
            _where(select(column, func.count()), flt).where(column.is_not(None)).group_by(column)
        ):
            actors[name] += n
    return {
        "total": count_matching(session, flt),
        "undated": undated,
        "timeline": timeline_bins(charted, background_left_out),
        "by_week": by_week,
        "by_admin1": by_admin1,
        "by_type": by_type,
        "by_actor": [{"actor": a, "count": n} for a, n in actors.most_common(top)],
    }


def filter_options(session: Session) -> dict[str, list[str]]:
    """Distinct values offered in the filter bar's pickers."""

    def distinct(column: Any) -> list[str]:
        stmt = select(column).where(column.is_not(None)).distinct().order_by(column).limit(500)
        return [v for v in session.execute(stmt).scalars() if v]

    return {
        "event_type": distinct(Event.event_type),
        "sub_event_type": distinct(Event.sub_event_type),
        "country": distinct(Event.country),
        "admin1": distinct(Event.admin1),
        "modality": ["reported", "claimed", "alleged", "denied", "contested"],
    }
