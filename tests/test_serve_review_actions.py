"""Review actions: every change is audited, locks its fields and survives in the database."""

from __future__ import annotations

import pytest

from factories import add_article, add_event, client_for
from sitrep.serve import review
from sitrep.serve.auth import create_token, revoke_token
from sitrep.store.db import Store
from sitrep.store.schema import Event, Mention, ReviewEdit


def _two_events(store: Store) -> None:
    with store.transaction() as s:
        a = add_article(s, "a1", "Rockets hit Erbil. A drone hit Tanf. Nobody was hurt.")
        b = add_article(s, "b1", "Two rockets hit Erbil on Monday.")
        add_event(s, "e1", event_date="2024-01-01", event_type="Battles", fatalities=1,
                  sentences=[(a, "Rockets hit Erbil."), (a, "A drone hit Tanf."),
                             (b, "Two rockets hit Erbil on Monday.")])  # fmt: skip
        add_event(
            s, "e2", event_date="2024-01-01", sentences=[(b, "Two rockets hit Erbil on Monday.")]
        )


def test_serve_review_edit_audits_and_locks(store: Store) -> None:
    _two_events(store)
    changed = review.edit_event(
        store, "e1", {"fatalities": "3", "event_type": "Battles", "notes": "checked"}, user="ana"
    )
    assert changed == ["fatalities", "notes"]  # event_type did not change
    with store.session() as s:
        event = s.get(Event, "e1")
        assert event is not None
        assert event.fatalities == 3
        assert event.review_status == "edited"
        assert set(event.locked_fields) == {"fatalities", "notes"}
        edits = review.audit_log(s, "e1")
    assert [(e.user, e.action, e.field, e.old_value, e.new_value) for e in edits] == [
        ("ana", "edit", "fatalities", 1, 3),
        ("ana", "edit", "notes", None, "checked"),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fatalities": "many"}, "needs a int"),
        ({"fatalities": -1}, "cannot be negative"),
        ({"event_date": "28/01/2024"}, "YYYY-MM-DD"),
        ({"latitude": 123}, "-90..90"),
        ({"modality": "rumoured"}, "must be one of"),
        ({"id": "x"}, "cannot be edited"),
        ({"source_count": 9}, "cannot be edited"),
        ({}, "no fields"),
    ],
)
def test_serve_review_edit_rejects_bad_values(
    sqlite_store: Store, changes: dict, message: str
) -> None:
    _two_events(sqlite_store)
    with pytest.raises(review.ReviewError, match=message):
        review.edit_event(sqlite_store, "e1", changes, user="ana")
    with sqlite_store.session() as s:
        assert s.query(ReviewEdit).count() == 0


def test_serve_review_merge_moves_mentions_and_marks_the_other(store: Store) -> None:
    _two_events(store)
    moved = review.merge_events(store, "e1", ["e2"], user="ana")
    assert moved == 0  # e2's only sentence already supports e1
    with store.session() as s:
        e1, e2 = s.get(Event, "e1"), s.get(Event, "e2")
        assert e2 is not None and e1 is not None
        assert e2.merged_into == "e1" and e2.review_status == "merged"
        assert "mentions" in e1.locked_fields
        actions = {(x.event_id, x.field) for x in s.query(ReviewEdit)}
    assert ("e2", "merged_into") in actions and ("e1", "merged_from") in actions
    with pytest.raises(review.ReviewError, match="already merged"):
        review.merge_events(store, "e1", ["e2"], user="ana")


def test_serve_review_split_makes_a_new_event(store: Store) -> None:
    _two_events(store)
    with store.session() as s:
        mention_ids = review.mention_ids(s, "e1")
    result = review.split_event(store, "e1", [mention_ids[1]], user="ana")
    with store.session() as s:
        new = s.get(Event, result.new_event_id)
        old = s.get(Event, "e1")
        assert new is not None and old is not None
        assert [m.sentence for m in new.mentions] == ["A drone hit Tanf."]
        assert len(old.mentions) == 2 and old.source_count == 2 and new.source_count == 1
        assert new.event_type == old.event_type
        assert s.query(Mention).count() == 4
    with pytest.raises(review.ReviewError, match="at least one mention behind"):
        review.split_event(store, "e1", mention_ids[:1] + mention_ids[2:], user="ana")
    with pytest.raises(review.ReviewError, match="do not belong"):
        review.split_event(store, "e1", [999999], user="ana")


@pytest.mark.parametrize(
    ("action", "status"),
    [(review.confirm_event, "confirmed"), (review.mark_false_positive, "false_positive")],
)
def test_serve_review_status_actions(sqlite_store: Store, action, status: str) -> None:  # type: ignore[no-untyped-def]
    _two_events(sqlite_store)
    action(sqlite_store, "e1", user="bo")
    with sqlite_store.session() as s:
        event = s.get(Event, "e1")
        assert event is not None and event.review_status == status
        assert "review_status" in event.locked_fields
    with pytest.raises(review.NotFoundError):
        action(sqlite_store, "missing", user="bo")


def test_serve_review_api_needs_a_valid_token(sqlite_store: Store) -> None:
    _two_events(sqlite_store)
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store) as client:
        body = {"fields": {"fatalities": 2}}
        missing = client.patch("/api/v1/events/e1", json=body)
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        wrong = client.patch(
            "/api/v1/events/e1", json=body, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        ok = client.patch("/api/v1/events/e1", json=body, headers=auth)
        assert ok.status_code == 200, ok.text
        assert ok.json()["changed"] == ["fatalities"]
        assert ok.json()["edits"][0]["user"] == "ana"
        assert client.get("/api/v1/events/e1/edits").json()[0]["new"] == 2
        split = client.post("/api/v1/events/e1/split", json={"mention_ids": [1]}, headers=auth)
        assert split.status_code == 200, split.text
        merged = client.post("/api/v1/events/e1/merge", json={"event_ids": ["e2"]}, headers=auth)
        assert merged.status_code == 200, merged.text
        assert merged.json()["merged_from"] == ["e2"]
        assert client.post("/api/v1/events/e1/confirm", headers=auth).status_code == 200
        fp = client.post("/api/v1/events/nope/false-positive", headers=auth)
        assert fp.status_code == 404
        revoke_token(sqlite_store, "ana")
        assert client.post("/api/v1/events/e1/confirm", headers=auth).status_code == 401


def test_serve_review_page_offers_and_merges_duplicates(sqlite_store: Store) -> None:
    from sitrep.serve.auth import CSRF_COOKIE
    from sitrep.serve.data import merge_candidates

    with sqlite_store.transaction() as s:
        add_event(s, "a", event_date="2024-01-10", country="Iraq", admin1="Erbil")
        add_event(s, "b", event_date="2024-01-11", country="Iraq", admin1="Erbil")
        add_event(s, "c", event_date="2024-01-11", country="Iraq", admin1="Basra")
        add_event(s, "far", event_date="2024-01-20", country="Iraq", admin1="Erbil")
        add_event(s, "elsewhere", event_date="2024-01-10", country="Syria")
    with sqlite_store.session() as s:
        assert [c["event_id"] for c in merge_candidates(s, "a")] == ["b", "c"]
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store) as client:
        client.get("/login")
        csrf = client.cookies[CSRF_COOKIE]
        client.post("/login", data={"token": token, "csrf_token": csrf})
        page = client.get("/events/a").text
        assert 'name="merge_id" value="b"' in page
        form = {"action": "merge", "csrf_token": csrf, "merge_id": ["b", "c"]}
        after = client.post("/events/a/review", data=form)
    assert after.status_code == 200
    with sqlite_store.session() as s:
        assert {e.id for e in s.query(Event).filter(Event.merged_into == "a")} == {"b", "c"}


def test_serve_review_date_edit_carries_the_year(sqlite_store: Store) -> None:
    _two_events(sqlite_store)
    changed = review.edit_event(sqlite_store, "e1", {"event_date": "2023-12-31"}, user="ana")
    assert changed == ["event_date", "year"]
    with sqlite_store.session() as s:
        event = s.get(Event, "e1")
        assert event is not None and event.year == 2023
        assert {"event_date", "year"} <= set(event.locked_fields)
