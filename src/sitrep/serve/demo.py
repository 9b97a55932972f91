"""Small, hand-written demo data: articles, events and mentions about attacks on US forces.

Used by the browser tests, the screenshot script and ``sitrep serve --demo``-style previews, so the
dashboard can be seen without running the pipeline. The helpers :func:`add_article` and
:func:`add_event` insert rows directly and are what the tests build their data with.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from sitrep.store.db import Store
from sitrep.store.schema import Actor, Article, Blob, Event, Mention


def add_article(
    session: Session,
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    cluster_id: str | None = None,
    story_id: str | None = None,
    canonical: bool = True,
) -> Article:
    """Insert an article (and the blob of its bytes) and return it."""
    raw = text.encode("utf-8")
    sha = hashlib.sha256(raw + article_id.encode()).hexdigest()
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, size=len(raw), data=raw))
        session.flush()
    article = Article(
        id=article_id,
        source=url or f"{article_id}.txt",
        url=url,
        content_hash=sha,
        title=title,
        outlet=outlet,
        published=published,
        published_text=published.isoformat() if published else None,
        text=text,
        cluster_id=cluster_id,
        story_id=story_id,
        canonical=canonical,
        status="ok",
    )
    session.add(article)
    session.flush()
    return article


def add_event(
    session: Session,
    event_id: str,
    *,
    sentences: list[tuple[Article, str]] = (),  # type: ignore[assignment]
    records: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Event:
    """Insert an event with one mention per (article, sentence); the sentence must be in the text.

    ``records``, when given, is each mention's own coding (what the pipeline stores on a mention:
    the event record one source gave), one per sentence.
    """
    if "event_date" in fields and fields["event_date"] and "year" not in fields:
        fields["year"] = int(fields["event_date"][:4])
    event = Event(id=event_id, **fields)
    session.add(event)
    for index, (article, sentence) in enumerate(sentences):
        start = (article.text or "").find(sentence)
        if start < 0:
            raise ValueError(f"sentence not in article {article.id!r}: {sentence!r}")
        event.mentions.append(
            Mention(
                article_id=article.id,
                sentence_index=index,
                start=start,
                end=start + len(sentence),
                sentence=sentence,
                record=dict(records[index]) if records else {},
            )
        )
    event.source_count = len({a.id for a, _ in sentences})
    session.flush()
    return event


# (id, date, type, sub type, actor1, actor2, place, admin1, country, lat, lon, fatalities, sentence)
_DEMO_EVENTS = [
    ("ev-erbil-1", "2024-01-02", "Explosions/Remote violence", "Air/drone strike",
     "Islamic Resistance in Iraq", "Military Forces of the United States (2021-)",
     "Erbil Air Base", "Erbil", "Iraq", 36.237, 43.963, 0,
     "A one-way attack drone struck near Erbil Air Base on Tuesday, the US military said."),
    ("ev-asad-1", "2024-01-09", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Islamic Resistance in Iraq", "Military Forces of the United States (2021-)",
     "Ain al-Asad Air Base", "Al Anbar", "Iraq", 33.800, 42.441, 0,
     "Several rockets hit Ain al-Asad air base in western Iraq on Tuesday evening."),
    ("ev-tanf-1", "2024-01-15", "Explosions/Remote violence", "Air/drone strike",
     "Islamic Resistance in Iraq", "Military Forces of the United States (2021-)",
     "Al Tanf", "Homs", "Syria", 33.497, 38.618, 0,
     "Two drones targeted the al-Tanf garrison in southern Syria, officials said."),
    ("ev-qaim-1", "2024-02-02", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of the United States (2021-)", "Kataib Hezbollah",
     "Al Qaim", "Al Anbar", "Iraq", 34.369, 41.094, 16,
     "US aircraft struck Kataib Hezbollah targets near al-Qaim on Friday, killing 16 people."),
    ("ev-baghdad-1", "2024-02-07", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of the United States (2021-)", "Kataib Hezbollah",
     "Baghdad", "Baghdad", "Iraq", 33.315, 44.366, 3,
     "A US drone strike hit a car in eastern Baghdad on Wednesday, killing a Kataib Hezbollah commander."),
    ("ev-shaddadi-1", "2024-01-22", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Islamic Resistance in Iraq", "Military Forces of the United States (2021-)",
     "Al Shaddadi", "Al Hasakah", "Syria", 36.055, 40.730, 0,
     "Rockets were fired at a US base near al-Shaddadi in northeastern Syria."),
    ("ev-basra-1", "2024-01-26", "Protests", "Peaceful protest",
     "Protesters (Iraq)", None, "Basra", "Basra", "Iraq", 30.508, 47.783, 0,
     "Hundreds protested in Basra on Friday against the US military presence."),
    ("ev-mayadin-1", "2024-02-03", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of the United States (2021-)", "Islamic Revolutionary Guard Corps",
     "Mayadin", "Deir ez-Zor", "Syria", 35.020, 40.452, 6,
     "US strikes hit weapons depots near Mayadin in eastern Syria, a monitor said."),
    ("ev-kirkuk-1", "2019-12-27", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Kataib Hezbollah", "Military Forces of the United States (2017-2021)",
     "K-1 Air Base", "Kirkuk", "Iraq", 35.502, 44.282, 1,
     "More than 30 rockets struck the K-1 base near Kirkuk, killing a US contractor."),
    ("ev-victory-1", "2024-01-30", "Strategic developments", "Other",
     "Kataib Hezbollah", None, "Baghdad", "Baghdad", "Iraq", 33.315, 44.366, 0,
     "Kataib Hezbollah announced it was suspending attacks on US forces."),
]  # fmt: skip


def fill_demo(store: Store) -> list[str]:
    """Fill an empty store with the demo articles and events; returns the event ids."""
    ids = []
    with store.transaction() as session:
        session.add(
            Actor(
                name="Islamic Resistance in Iraq",
                aliases=["IRI", "al-Muqawama al-Islamiya fi al-Iraq"],
                actor_type="militia",
                inter=3,
                country="Iraq",
                affiliations=["Kataib Hezbollah", "Harakat al-Nujaba"],
            )
        )
        session.add(
            Actor(
                name="Kataib Hezbollah",
                aliases=["KH", "Hezbollah Brigades"],
                actor_type="militia",
                inter=3,
                country="Iraq",
                affiliations=["Popular Mobilization Forces"],
            )
        )
        outlets = ["Reuters", "AP", "AFP", "Al-Monitor", "Rudaw"]
        for n, row in enumerate(_DEMO_EVENTS):
            (eid, day, etype, sub, a1, a2, place, admin1, country, lat, lon, dead, sentence) = row
            published = datetime.fromisoformat(day).replace(hour=18, tzinfo=UTC)
            text = (
                f"{place.upper()}, {country} —\n\n{sentence} "
                "No group immediately claimed responsibility.\n\n"
                "The attack is the latest in a series since October, analysts said."
            )
            first = add_article(
                session,
                f"art-{n}-a",
                text,
                title=f"{sub} reported near {place}",
                outlet=outlets[n % len(outlets)],
                url=f"https://news.example/{eid}",
                published=published,
                cluster_id=f"cl-{n}",
                story_id=f"st-{n // 3}",
            )
            sources = [(first, sentence)]
            if n % 2 == 0:
                second = add_article(
                    session,
                    f"art-{n}-b",
                    f"Officials confirmed the incident. {sentence} More details were awaited.",
                    title=f"Officials confirm incident at {place}",
                    outlet=outlets[(n + 2) % len(outlets)],
                    url=f"https://wire.example/{eid}",
                    published=published,
                    cluster_id=f"cl-{n}-b",
                    story_id=f"st-{n // 3}",
                )
                sources.append((second, sentence))
            add_event(
                session,
                eid,
                sentences=sources,
                event_date=day,
                time_precision=1,
                date_precision="day",
                disorder_type="Political violence" if etype != "Protests" else "Demonstrations",
                event_type=etype,
                sub_event_type=sub,
                actor1=a1,
                actor2=a2,
                country=country,
                admin1=admin1,
                location=place,
                latitude=lat,
                longitude=lon,
                geo_precision=1,
                fatalities=dead,
                notes=sentence,
                confidence=0.8,
                background=day < "2020-01-01",
            )
            ids.append(eid)
    return ids
