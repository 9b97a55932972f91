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
