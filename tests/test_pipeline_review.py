"""Review edits survive re-runs of the pipeline: locked fields, false positives, audit log."""

from __future__ import annotations

import json

from sqlalchemy import select

from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.serve.review import audit_log, edit_event, mark_false_positive
from sitrep.store import Event, Store

FIRST = (
    "Rockets struck Camp Taji north of Baghdad on Wednesday, killing two American soldiers "
    "and a British soldier, the US-led coalition said."
)
SECOND = (
    "Two US troops and one British service member were killed when about 18 rockets hit "
    "Camp Taji, north of Baghdad, on Wednesday, officials said."
)


def item(name: str, text: str) -> RawItem:
    record = {"text": text, "title": name, "published": "2020-03-11", "outlet": name}
    return RawItem(source=f"{name}.json", raw=json.dumps(record).encode(), media_type="json")


def live_events(store: Store) -> list[Event]:
    with store.session() as s:
        return list(s.scalars(select(Event).where(Event.merged_into.is_(None))))


def test_pipeline_keeps_a_reviewed_field_when_new_reports_arrive(store: Store) -> None:
    Pipeline(store, stories=False).ingest([item("Outlet A", FIRST)])
    events = live_events(store)
    assert events
    target = events[0]
    edit_event(store, target.id, {"location": "Camp Taji (reviewed)"}, user="analyst")
    Pipeline(store, stories=False).ingest([item("Outlet B", SECOND)])
    with store.session() as s:
        event = s.get(Event, target.id)
        assert event is not None
        assert event.location == "Camp Taji (reviewed)"
        assert "location" in event.locked_fields
        log = audit_log(s, target.id)
        assert [(e.user, e.field, e.new_value) for e in log if e.field == "location"] == [
            ("analyst", "location", "Camp Taji (reviewed)")
        ]


def test_pipeline_does_not_resurrect_a_false_positive(store: Store) -> None:
    Pipeline(store, stories=False).ingest([item("Outlet A", FIRST)])
    before = {e.id for e in live_events(store)}
    for event_id in before:
        mark_false_positive(store, event_id, user="analyst")
    Pipeline(store, stories=False).ingest([item("Outlet B", SECOND)])
    with store.session() as s:
        statuses = {e.id: e.review_status for e in s.scalars(select(Event))}
    for event_id in before:
        assert statuses[event_id] == "false_positive"
    resurrected = [i for i, st in statuses.items() if i not in before and st != "false_positive"]
    taji_like = [
        e
        for e in live_events(store)
        if e.id in resurrected and (e.location or "").find("Taji") >= 0
    ]
    assert taji_like == []
