"""The actor and place tables, filled from the events the pipeline writes.

Every actor named as actor1/actor2 gets a row in ``actors`` (with the knowledge base's aliases,
type and affiliations when it knows the name; ``provisional`` when it does not), and every
located event's place gets a row in ``places`` that the event points at (``place_id``). The API's
``/actors`` and ``/places`` and the actor pages read these tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.store.schema import Actor, Event, Place

#: Longest names the tables hold (their column sizes).
_MAX_NAME = 300


class ReferenceCache:
    """Actor names already written, so a long ingest asks the database once per name (a name
    lost with a rolled-back batch only leaves its actor row missing until the next backfill)."""

    def __init__(self) -> None:
        self.actors: set[str] = set()


def _insert_ignore(session: Session, table: Any, values: dict[str, Any]) -> None:
    """INSERT that does nothing when a unique key already holds the row (another writer)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).values(**values).on_conflict_do_nothing())


def _actor_values(name: str, event: Event, inter: int | None) -> dict[str, Any]:
    from sitrep.resolve.actors import ActorKB

    entry = ActorKB.default().get(name)
    if entry is None:
        return {"name": name, "aliases": [], "actor_type": None, "inter": inter,
                "country": event.country, "affiliations": [], "provisional": True}  # fmt: skip
    affiliations = sorted(
        {str(a.get("target")) for a in entry.get("affiliations", []) if a.get("target")}
    )
    aliases = [a for a in entry.get("aliases", []) if isinstance(a, str)]
    return {
        "name": name,
        "aliases": aliases,
        "actor_type": entry.get("type"),
        "inter": inter if inter is not None else entry.get("inter"),
        "country": event.country,
        "affiliations": affiliations,
        "provisional": False,
    }


def record_references(
    session: Session, events: Iterable[Event], cache: ReferenceCache | None = None
) -> None:
    """Add the events' actors and places to their tables (rows that exist are left alone) and
    point each located event at its place."""
    cache = cache or ReferenceCache()
    for event in events:
        for name, inter in ((event.actor1, event.inter1), (event.actor2, event.inter2)):
            if not name or len(name) > _MAX_NAME or name in cache.actors:
                continue
            known = session.execute(select(Actor.id).where(Actor.name == name)).first()
            if known is None:
                _insert_ignore(session, Actor.__table__, _actor_values(name, event, inter))
            cache.actors.add(name)
        if event.latitude is None or event.longitude is None or not event.location:
            continue
        name = event.location[:_MAX_NAME]
        key = (name, float(event.latitude), float(event.longitude))
        # place ids are looked up every time (one unique-index search): a cached id could name
        # a row of a transaction that was rolled back, and events point at places by key
        lookup = select(Place.id).where(
            Place.name == key[0], Place.latitude == key[1], Place.longitude == key[2]
        )
        place_id = session.execute(lookup).scalar()
        if place_id is None:
            _insert_ignore(
                session,
                Place.__table__,
                {
                    "name": key[0], "latitude": key[1], "longitude": key[2],
                    "country": event.country, "iso": _alpha2(event.country),
                    "iso_numeric": event.iso, "admin1": event.admin1,
                    "admin2": event.admin2, "admin3": event.admin3,
                    "feature": _feature(event.geo_precision), "source": "events",
                },
            )  # fmt: skip
            place_id = session.execute(lookup).scalar()
        if place_id is not None and event.place_id != place_id:
            event.place_id = place_id


def _alpha2(country: str | None) -> str | None:
    """ISO alpha-2 of a country name (None when unknown)."""
    if not country:
        return None
    from sitrep.resolve.actors import country_info

    return country_info(country)[0]


def _feature(geo_precision: int | None) -> str | None:
    """What the place is, as far as the event's geo precision says."""
    return {1: "place", 2: "near place", 3: "region"}.get(geo_precision or 0)


def backfill_references(session: Session, *, batch: int = 2000) -> int:
    """Fill the actor and place tables from every stored event (for stores written before the
    pipeline filled them); the number of events read."""
    cache = ReferenceCache()
    count = 0
    last = ""
    while True:
        rows = list(
            session.execute(
                select(Event).where(Event.id > last).order_by(Event.id).limit(batch)
            ).scalars()
        )
        if not rows:
            return count
        record_references(session, rows, cache)
        session.flush()
        count += len(rows)
        last = rows[-1].id
