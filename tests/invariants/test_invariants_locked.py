"""A field a person edited is never changed by the pipeline: not by new reports of the same
incident merging in, not by a rerun of everything (real SQLite file, real extraction)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.serve.review import edit_event
from sitrep.store import Event, Store

FIRST = [
    (
        "first-{n}.txt",
        "Attack on {base}\n\nPublished: 2024-01-{day:02d}\n\nRockets struck {base} on Monday, the "
        "US-led coalition said, and {n} people were wounded. Kataib Hezbollah denied any role in "
        "the attack on the base in {province}.",
    )
]
LATER = (
    "Base attacked\n\nPublished: 2024-01-{day:02d}\n\nOn Monday rockets hit {base} in "
    "{province}, wounding {m} people, a coalition spokesman said. Kataib Hezbollah denied any "
    "role in the attack."
)
BASES = [("Ain al-Asad air base", "Anbar", 15), ("Camp Taji", "Baghdad", 16)]


def items(template: str, prefix: str, bump: int) -> list[RawItem]:
    return [
        RawItem(
            source=f"{prefix}-{i}.txt",
            raw=template.format(
                base=base, province=province, day=day, n=i + 2, m=i + 2 + bump
            ).encode(),
            media_type="text",
        )
        for i, (base, province, day) in enumerate(BASES)
    ]


@pytest.mark.slow
def test_invariant_pipeline_never_changes_a_locked_field(sqlite_store: Store) -> None:
    pipeline = Pipeline(sqlite_store, stories=False)
    first = items(FIRST[0][1], "first", 0)
    pipeline.ingest(first)
    with sqlite_store.session() as s:
        ids = list(s.scalars(select(Event.id).where(Event.merged_into.is_(None))))
    assert ids, "the reports gave no event"
    wanted = {}
    for n, event_id in enumerate(ids):
        changes = {"fatalities": 40 + n, "notes": f"Reviewed by the desk ({n})."}
        edit_event(sqlite_store, event_id, changes, user="desk")
        wanted[event_id] = changes
    later = items(LATER, "later", 5)
    pipeline.ingest(later)  # new reports of the same incidents, other figures
    Pipeline(sqlite_store, stories=False).ingest(first + later)  # and a rerun of everything
    with sqlite_store.session() as s:
        sources = [s.get(Event, e).source_count for e in wanted]  # type: ignore[union-attr]
        assert max(sources) > 1, "no later report joined a reviewed event: nothing was tested"
        for event_id, changes in wanted.items():
            event = s.get(Event, event_id)
            assert event is not None, f"reviewed event {event_id} disappeared"
            assert event.merged_into is None, f"reviewed event {event_id} was merged away"
            for field, value in changes.items():
                assert getattr(event, field) == value, (event_id, field, getattr(event, field))
            assert set(changes) <= set(event.locked_fields or [])
