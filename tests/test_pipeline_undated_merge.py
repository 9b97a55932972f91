"""Across articles, an undated report joins a dated event only when its text ties them
(same place and actors, and a "this week"-type link); every source's date stays on record.
Real pipeline, real extractor, real stores (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

from sqlalchemy import select

from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.store import Event, Store

DATED = {
    "text": "BAGHDAD - Kataib Hezbollah fired rockets at Camp Taji on Sunday, killing two Iraqi "
    "soldiers, the Iraqi military said in a statement.",
    "title": "Rockets hit Camp Taji",
    "published": "2024-03-10",
}
# no publication date, no time expression: any attack on the base in any year
UNDATED = {
    "text": "A rocket attack by Kataib Hezbollah on Camp Taji killed two Iraqi soldiers, according "
    "to security sources. The group has attacked the base repeatedly.",
    "title": "Taji base attacked",
}
# no publication date either, but "on Sunday" ties it to the dated report's occasion
LINKED = {
    "text": "Kataib Hezbollah fighters struck Camp Taji with rockets on Sunday and killed two "
    "Iraqi soldiers. The group posted a video of the launch on its channels.",
    "title": "Group claims Taji",
}


def item(name: str, record: dict[str, str]) -> RawItem:
    return RawItem(source=name, raw=json.dumps(record).encode(), media_type="json")


def test_undated_report_is_not_absorbed_by_a_dated_event(store: Store) -> None:
    Pipeline(store, stories=False).ingest(
        [item("dated.json", DATED), item("undated.json", UNDATED), item("linked.json", LINKED)]
    )
    with store.session() as s:
        events = list(s.scalars(select(Event).where(Event.merged_into.is_(None))))
        by_source: dict[str, Event] = {}
        for event in events:
            for mention in event.mentions:
                by_source.setdefault(mention.article.source, event)
        assert {"dated.json", "undated.json", "linked.json"} <= set(by_source)
        dated, undated, linked = (
            by_source[n] for n in ("dated.json", "undated.json", "linked.json")
        )
        assert undated.id != dated.id
        assert undated.event_date is None  # it did not take another report's date
        assert linked.id == dated.id  # "on Sunday", same place and actors: one event
        assert str(dated.event_date)[:10] == "2024-03-10"
        # the linked report gave no date of its own: kept per source, not overwritten
        assert "undated" in (dated.reasons or {}).get("source_dates", "")
