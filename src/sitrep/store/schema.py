"""SQLAlchemy models of sitrep's store.

The schema only changes through Alembic migrations in ``store/migrations/versions``; a test checks
that the migrations produce exactly these tables, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Blob(Base):
    """Raw bytes exactly as received, addressed by their SHA-256."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Article(Base):
    """One input item (a file, a record of a JSON-lines file, a WARC record, a fetched URL)."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, index=True)  # migration 0005
    content_hash: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    text_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    authors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    published_text: Mapped[str | None] = mapped_column(String(64))  # ISO form as found, with offset
    published_precision: Mapped[str | None] = mapped_column(String(8))
    published_from: Mapped[str | None] = mapped_column(String(16))
    published_missing_reason: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    cluster_id: Mapped[str | None] = mapped_column(String(32), index=True)
    canonical: Mapped[bool] = mapped_column(Boolean, default=True)
    original_outlet: Mapped[str | None] = mapped_column(String(300))
    inherited: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> article id
    story_id: Mapped[str | None] = mapped_column(String(32), index=True)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    stages: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    mentions: Mapped[list[Mention]] = relationship(back_populates="article")

    __table_args__ = (UniqueConstraint("source", "content_hash", name="uq_articles_source_hash"),)


class DedupKey(Base):
    """LSH band keys of an article's MinHash signature (near-duplicate candidates)."""

    __tablename__ = "dedup_keys"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    actor_type: Mapped[str | None] = mapped_column(String(64))
    inter: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(100))
    affiliations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Place(Base):
    """A gazetteer entry used by at least one event."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(100))
    iso: Mapped[str | None] = mapped_column(String(2))
    iso_numeric: Mapped[int | None] = mapped_column(Integer)
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin3: Mapped[str | None] = mapped_column(String(200))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    feature: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("name", "latitude", "longitude", name="uq_places_name_coords"),
    )


class Event(Base):
    """One event: ACLED's columns plus sitrep's own, merged from every mention."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id_cnty: Mapped[str | None] = mapped_column(String(32))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    disorder_type: Mapped[str | None] = mapped_column(String(64))
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    actor1: Mapped[str | None] = mapped_column(String(300), index=True)
    assoc_actor_1: Mapped[str | None] = mapped_column(String(600))
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(String(300), index=True)
    assoc_actor_2: Mapped[str | None] = mapped_column(String(600))
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[str | None] = mapped_column(String(32))
    iso: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin3: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    source_scale: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    tags: Mapped[str | None] = mapped_column(Text)
    timestamp: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    munitions: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    weapons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    modality: Mapped[str] = mapped_column(String(16), default="reported")
    claimed_by: Mapped[str | None] = mapped_column(String(300))
    background: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    actor1_text: Mapped[str | None] = mapped_column(Text)
    actor2_text: Mapped[str | None] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    # review state: fields a person edited are locked against re-runs of the pipeline
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed", index=True)
    locked_fields: Mapped[list[Any]] = mapped_column(JSON, default=list)
    merged_into: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    mentions: Mapped[list[Mention]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Mention.id"
    )

    __table_args__ = (
        Index("ix_events_lat_lon", "latitude", "longitude"),
        # migration 0004: sorted pages and visible-event counts without full-table work
        Index("ix_events_date_id", "event_date", "id"),
        Index("ix_events_fatalities_id", "fatalities", "id"),
        Index("ix_events_visible", "merged_into", "review_status"),
    )


class Mention(Base):
    """One sentence of one article reporting an event, with that source's own details."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # this source's own coding
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    event: Mapped[Event] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship(back_populates="mentions")

    __table_args__ = (
        UniqueConstraint("event_id", "article_id", "start", name="uq_mentions_event_article_start"),
    )


class ReviewEdit(Base):
    """The audit log: every change a person made to an event."""

    __tablename__ = "review_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(32), index=True)
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(32))  # edit, merge, split, false_positive, confirm
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JSON)
    new_value: Mapped[Any] = mapped_column(JSON)


class ApiToken(Base):
    """Write tokens for the HTTP API (only a hash of the token is kept)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ReferenceEvent(Base):
    """An event of a reference dataset (e.g. ACLED's own coding), kept apart from sitrep's events.

    ``sitrep import --as reference`` fills this table; ``sitrep compare`` reads it. Keeping the
    reference apart means it can never leak into exports, reports or the review queue.
    """

    __tablename__ = "reference_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(200), index=True)
    event_id_cnty: Mapped[str | None] = mapped_column(String(32), index=True)
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200))
    record: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the full event record
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
