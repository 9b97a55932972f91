"""Reading events back: one filter shared by the API, the exporters and the reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Select, String, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.functions import FunctionElement

from sitrep.models import EVENT_FIELDS, EventRecord, Source
from sitrep.store.schema import Article, Event, Mention

SORTABLE = {
    "event_date", "fatalities", "event_type", "sub_event_type", "country", "admin1", "actor1",
    "actor2", "confidence", "source_count", "created_at", "updated_at", "review_status",
}  # fmt: skip


class _lower(FunctionElement[str]):
    """``lower(column)`` for case-insensitive LIKE; plain ``column`` on SQLite.

    SQLite's LIKE already ignores ASCII case and its ``lower()`` only folds ASCII, so dropping the
    call there gives the same matches at about half the cost on large tables.
    """

    inherit_cache = True
    name = "lower"
    type = String()


@compiles(_lower)
def _lower_default(element: _lower, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(_lower, "sqlite")
def _lower_sqlite(element: _lower, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


class _article_text_match(FunctionElement[bool]):
    """Events with an article whose title or text holds every word of a query: SQLite's FTS5
    index or PostgreSQL's tsvector index (migration 0006)."""

    inherit_cache = True
    name = "article_text_match"
    type = Boolean()


_SELECT_MATCHING_EVENTS = (
    "events.id IN (SELECT mentions.event_id FROM mentions JOIN articles "
    "ON articles.id = mentions.article_id WHERE {where})"
)


@compiles(_article_text_match, "sqlite")
def _match_sqlite(element: _article_text_match, compiler: Any, **kw: Any) -> str:
    query = compiler.process(element.clauses, **kw)
    where = f"articles.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {query})"
    return _SELECT_MATCHING_EVENTS.format(where=where)


@compiles(_article_text_match, "postgresql")
def _match_postgresql(element: _article_text_match, compiler: Any, **kw: Any) -> str:
    query = compiler.process(element.clauses, **kw)
    document = (
        "to_tsvector('simple', coalesce(articles.title, '') || ' ' || coalesce(articles.text, ''))"
    )
    return _SELECT_MATCHING_EVENTS.format(where=f"{document} @@ plainto_tsquery('simple', {query})")


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """``text`` as an FTS5 query: each word quoted (no operators from user input), all required.
    None when it has no word."""
    words = _WORD.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) or None


@dataclass
class EventFilter:
    """What a user can ask for: the same keys in the API, the CLI exports and the reports."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: list[str] | None = None
    sub_event_type: list[str] | None = None
    actor: str | None = None  # matches actor1, actor2 and the associated actors
    country: list[str] | None = None
    admin1: list[str] | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    q: str | None = None  # free text over notes, location and actors
    background: bool | None = None
    modality: list[str] | None = None
    include_false_positives: bool = False
    include_merged: bool = False
    # the review queue: status, confidence, toll and support
    review_status: list[str] | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    min_fatalities: int | None = None
    max_fatalities: int | None = None
    min_sources: int | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, False) for f in fields(self))


def apply_filter(stmt: Select[Any], flt: EventFilter) -> Select[Any]:
    """Narrow a ``select(Event ...)`` statement by ``flt``."""
    conds: list[Any] = []
    if flt.date_from:
        conds.append(Event.event_date >= flt.date_from.isoformat())
    if flt.date_to:
        conds.append(Event.event_date <= flt.date_to.isoformat())
    if flt.event_type:
        conds.append(Event.event_type.in_(flt.event_type))
    if flt.sub_event_type:
        conds.append(Event.sub_event_type.in_(flt.sub_event_type))
    if flt.actor:
        like = f"%{flt.actor.lower()}%"
        conds.append(
            or_(
                _lower(Event.actor1).like(like),
                _lower(Event.actor2).like(like),
                _lower(Event.assoc_actor_1).like(like),
                _lower(Event.assoc_actor_2).like(like),
            )
        )
    # names are matched without regard to case ("iraq", "NINEVEH")
    if flt.country:
        conds.append(func.lower(Event.country).in_(sorted({c.lower() for c in flt.country})))
    if flt.admin1:
        conds.append(func.lower(Event.admin1).in_(sorted({a.lower() for a in flt.admin1})))
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        conds.append(
            and_(
                Event.longitude >= min_lon,
                Event.longitude <= max_lon,
                Event.latitude >= min_lat,
                Event.latitude <= max_lat,
            )
        )
    if flt.q:
        like = f"%{flt.q.lower()}%"
        matches: list[Any] = [
            _lower(Event.notes).like(like),
            _lower(Event.location).like(like),
            _lower(Event.actor1).like(like),
            _lower(Event.actor2).like(like),
        ]
        words = fts_query(flt.q)
        if words is not None:  # and the words of the events' articles (Arabic included)
            matches.append(_article_text_match(words))
        conds.append(or_(*matches))
    if flt.background is not None:
        conds.append(Event.background.is_(flt.background))
    if flt.modality:
        conds.append(Event.modality.in_(flt.modality))
    if flt.review_status:
        conds.append(Event.review_status.in_(flt.review_status))
    if flt.min_confidence is not None:
        conds.append(Event.confidence >= flt.min_confidence)
    if flt.max_confidence is not None:
        conds.append(Event.confidence <= flt.max_confidence)
    if flt.min_fatalities is not None:
        conds.append(Event.fatalities >= flt.min_fatalities)
    if flt.max_fatalities is not None:
        conds.append(Event.fatalities <= flt.max_fatalities)
    if flt.min_sources is not None:
        conds.append(Event.source_count >= flt.min_sources)
    wants = set(flt.review_status or ())
    if not flt.include_false_positives and "false_positive" not in wants:
        conds.append(Event.review_status != "false_positive")
    if not flt.include_merged and "merged" not in wants:
        conds.append(Event.merged_into.is_(None))
    return stmt.where(*conds) if conds else stmt


def select_events(
    flt: EventFilter | None = None,
    *,
    sort: str = "event_date",
    descending: bool = True,
    with_mentions: bool = True,
) -> Select[tuple[Event]]:
    """A statement listing events matching ``flt`` in a stable order."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {sorted(SORTABLE)}")
    stmt = apply_filter(select(Event), flt or EventFilter())
    column = getattr(Event, sort)
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    stmt = stmt.order_by(order, Event.id)
    if with_mentions:
        stmt = stmt.options(selectinload(Event.mentions).selectinload(Mention.article))
    return stmt


def count_events(session: Session, flt: EventFilter | None = None) -> int:
    stmt = apply_filter(select(func.count()).select_from(Event), flt or EventFilter())
    return int(session.execute(stmt).scalar_one())


def mention_source(mention: Mention) -> Source:
    article: Article | None = mention.article
    published = None
    if article is not None and article.published is not None:
        published = article.published_text or article.published.isoformat()
    return Source(
        article_id=mention.article_id,
        outlet=article.outlet if article else None,
        url=(article.url or article.source) if article else None,
        published=published,
        sentence=mention.sentence,
        start=mention.start,
        end=mention.end,
    )


def event_to_record(event: Event, *, sources: bool = True) -> EventRecord:
    """The stored event as the documented event record (with its sources unless told not to:
    comparing events needs none, and loading them costs a query per event)."""
    values: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        if name in ("event_id", "sources"):
            continue
        values[name] = getattr(event, name)
    record = EventRecord(**values)
    record.event_id = event.id
    record.weapons = list(event.weapons or [])
    record.sources = [mention_source(m) for m in event.mentions] if sources else []
    record.actor1_text = event.actor1_text
    record.actor2_text = event.actor2_text
    record.location_text = event.location_text
    record.date_text = event.date_text
    record.reasons = dict(event.reasons or {})
    return record
