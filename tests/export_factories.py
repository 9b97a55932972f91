"""Hand-built store rows for the export, report and comparison tests.

Rows are inserted directly (Blob, Article, Event, Mention) so these tests do not depend on the
pipeline's stages.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime
from typing import Any

from sitrep.store import Article, Blob, Event, Mention, Store

_ids = itertools.count(1)


def add_article(
    store: Store,
    *,
    outlet: str = "Reuters",
    url: str | None = None,
    published: datetime | None = None,
    text: str = "",
    **fields: Any,
) -> str:
    """Insert one article (and its blob); returns its id."""
    n = next(_ids)
    article_id = fields.pop("id", f"art{n:04d}")
    data = f"{article_id}:{text}".encode()
    sha = hashlib.sha256(data).hexdigest()
    published = published or datetime(2024, 1, 28, 9, 30, tzinfo=UTC)
    with store.transaction() as s:
        if s.get(Blob, sha) is None:
            s.add(Blob(sha256=sha, size=len(data), data=data))
            s.flush()
        s.add(
            Article(
                id=article_id,
                source=url or f"file{n}.html",
                url=url or f"https://news.example/{article_id}",
                content_hash=sha,
                outlet=outlet,
                published=published,
                published_text=published.isoformat(),
                published_precision="day",
                published_from="meta",
                text=text,
                status=fields.pop("status", "ok"),
                **fields,
            )
        )
    return article_id


def add_event(
    store: Store,
    *,
    sources: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> str:
    """Insert one event; ``sources`` is a list of (article id, sentence). Returns the event id."""
    n = next(_ids)
    values: dict[str, Any] = {
        "id": f"ev{n:05d}",
        "event_date": "2024-01-28",
        "year": 2024,
        "time_precision": 1,
        "date_precision": "day",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Islamic Resistance in Iraq",
        "inter1": 3,
        "actor2": "Military Forces of the United States (2021-)",
        "inter2": 8,
        "interaction": 38,
        "iso": 400,
        "region": "Middle East",
        "country": "Jordan",
        "admin1": "Mafraq",
        "location": "Tower 22",
        "latitude": 33.3225,
        "longitude": 38.7,
        "geo_precision": 1,
        "fatalities": 3,
        "injuries": 34,
        "notes": "A one-way attack drone struck Tower 22, killing three US soldiers.",
        "weapons": ["drone"],
        "confidence": 0.9,
    }
    values.update(fields)
    with store.transaction() as s:
        event = Event(**values)
        s.add(event)
        s.flush()
        for start, (article_id, sentence) in enumerate(sources or []):
            s.add(
                Mention(
                    event_id=event.id,
                    article_id=article_id,
                    start=start * 100,
                    end=start * 100 + len(sentence),
                    sentence=sentence,
                )
            )
        event.source_count = len(sources or [])
    return str(values["id"])


US = "Military Forces of the United States (2021-)"
IRI = "Islamic Resistance in Iraq"
KH = "Kataib Hezbollah"

#: (date, sub-event, actor1, inter1, actor2, inter2, country, admin1, location, lat, lon, killed,
#:  injured, outlets) for a small, plausible set of events in Iraq, Syria and Jordan.
DEMO_EVENTS = [
    ("2024-01-02", "Air/drone strike", IRI, 3, US, 8, "Syria", "Al Hasakeh", "Ash Shaddadi", 36.06, 40.73, 0, 0, ["Reuters"]),
    ("2024-01-04", "Air/drone strike", US, 8, "Harakat al-Nujaba", 3, "Iraq", "Baghdad", "Baghdad", 33.34, 44.40, 2, 0, ["Reuters", "AP", "Al Jazeera"]),
    ("2024-01-09", "Shelling/artillery/missile attack", IRI, 3, US, 8, "Syria", "Deir ez Zor", "Conoco gas field", 35.24, 40.42, 0, 0, ["Rudaw"]),
    ("2024-01-14", "Air/drone strike", IRI, 3, US, 8, "Iraq", "Erbil", "Harir", 36.55, 44.35, 0, 0, ["Kurdistan24"]),
    ("2024-01-20", "Shelling/artillery/missile attack", IRI, 3, US, 8, "Iraq", "Al Anbar", "Ain al-Asad", 33.80, 42.44, 0, 4, ["Reuters", "AP", "Shafaq News"]),
    ("2024-01-24", "Air/drone strike", US, 8, KH, 3, "Iraq", "Babil", "Jurf al-Sakhar", 32.87, 44.15, 2, 0, ["AP"]),
    ("2024-01-28", "Air/drone strike", IRI, 3, US, 8, "Jordan", "Mafraq", "Tower 22", 33.32, 38.70, 3, 34, ["Reuters", "AP", "BBC", "Al Jazeera", "CNN"]),
    ("2024-01-29", "Air/drone strike", IRI, 3, US, 8, "Syria", "Homs", "At Tanf", 33.49, 38.62, 0, 0, ["Al Mayadeen"]),
    ("2024-02-02", "Air/drone strike", US, 8, KH, 3, "Iraq", "Al Anbar", "Al Qaim", 34.37, 41.09, 16, 25, ["Reuters", "AP", "Iraqi News Agency"]),
    ("2024-02-02", "Air/drone strike", US, 8, "Military Forces of Iran (1989-) Quds Force", 8, "Syria", "Deir ez Zor", "Al Mayadin", 35.02, 40.45, 23, 0, ["SOHR", "Reuters"]),
    ("2024-02-02", "Air/drone strike", US, 8, KH, 3, "Iraq", "Al Anbar", "Akashat", 33.80, 40.61, 0, 0, ["AP"]),
    ("2024-02-04", "Air/drone strike", IRI, 3, "SDF: Syrian Democratic Forces", 2, "Syria", "Deir ez Zor", "Al Omar oil field", 35.09, 40.53, 6, 18, ["Rudaw", "North Press"]),
    ("2024-02-07", "Air/drone strike", US, 8, KH, 3, "Iraq", "Baghdad", "Mashtal", 33.32, 44.48, 3, 0, ["Reuters", "AP", "Al Jazeera", "BBC"]),
    ("2024-02-12", "Arrests", "Police Forces of Iraq (2022-)", 1, "Civilians (Iraq)", 7, "Iraq", "Basra", "Basra", 30.51, 47.78, 0, 0, ["Shafaq News"]),
    ("2024-02-18", "Peaceful protest", "Protesters (Iraq)", 6, None, 0, "Iraq", "Baghdad", "Baghdad", 33.31, 44.36, 0, 0, ["Shafaq News"]),
    ("2024-02-20", "Disrupted weapons use", US, 8, IRI, 3, "Syria", "Al Hasakeh", "Rumeilan", 36.65, 41.99, 0, 0, ["Kurdistan24"]),
    ("2024-02-25", "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", 3, "Military Forces of Iraq (2022-)", 1, "Iraq", "Salah al-Din", "Tuz Khurmatu", 34.88, 44.63, 2, 3, ["Rudaw"]),
]  # fmt: skip


def add_demo_events(store: Store) -> None:
    """Insert DEMO_EVENTS with one article per outlet and one mention per source."""
    from sitrep.events.taxonomy import SUB_EVENT_TYPES, disorder_type_of

    for (
        date_,
        sub,
        a1,
        i1,
        a2,
        i2,
        country,
        admin1,
        location,
        lat,
        lon,
        killed,
        injured,
        outlets,
    ) in DEMO_EVENTS:
        sources = []
        for outlet in outlets:
            article = add_article(
                store,
                outlet=outlet,
                published=datetime.fromisoformat(date_ + "T12:00:00+00:00"),
            )
            sources.append((article, f"{outlet}: {sub.lower()} reported at {location} ({admin1})."))
        add_event(
            store,
            event_date=date_,
            year=int(date_[:4]),
            sub_event_type=sub,
            event_type=SUB_EVENT_TYPES[sub],
            disorder_type=disorder_type_of(sub),
            actor1=a1,
            inter1=i1,
            actor2=a2,
            inter2=i2 or None,
            interaction=None,
            country=country,
            iso={"Iraq": 368, "Syria": 760, "Jordan": 400}[country],
            admin1=admin1,
            location=location,
            latitude=lat,
            longitude=lon,
            fatalities=killed,
            injuries=injured or None,
            notes=f"On {date_}, {a1} — {sub.lower()} at {location} ({admin1}).",
            sources=sources,
        )
