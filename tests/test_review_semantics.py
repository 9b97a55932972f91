"""Review a reviewer can trust: splits code the new event from its own sentences, every edit keeps
ACLED's hierarchy (derived fields recomputed), merges are followed by later reports, and the web
form shows refusals next to the fields."""

from __future__ import annotations

import re
from typing import Any

import pytest

from factories import add_article, add_event, client_for
from sitrep.models import EventRecord
from sitrep.pipeline import Pipeline
from sitrep.serve import review
from sitrep.serve.auth import create_token
from sitrep.store.db import Store
from sitrep.store.schema import Event, ReviewEdit

ATTACK = "Rockets hit Erbil air base on Monday, killing ten soldiers."
PROTEST = "Separately, hundreds protested in Basra on Monday."


def _record(**values: Any) -> dict[str, Any]:
    """A mention's own coding, as the pipeline stores it."""
    base = {
        "event_date": "2024-01-01", "year": 2024, "time_precision": 1, "date_precision": "day",
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Islamic Resistance in Iraq",
        "inter1": 3, "actor2": "Military Forces of Iraq (2022-)", "inter2": 1, "interaction": 13,
        "iso": 368, "region": "Middle East", "country": "Iraq", "admin1": "Erbil",
        "location": "Erbil", "latitude": 36.19, "longitude": 44.01, "geo_precision": 1,
        "fatalities": 10, "modality": "reported", "background": False, "confidence": 0.9,
        "weapons": ["rocket"], "reasons": {},
    }  # fmt: skip
    base.update(values)
    return base


PROTEST_RECORD = _record(
    disorder_type="Demonstrations", event_type="Protests", sub_event_type="Peaceful protest",
    actor1="Protesters (Iraq)", inter1=6, actor2=None, inter2=None, interaction=60,
    admin1="Basra", location="Basra", latitude=30.51, longitude=47.78, fatalities=0,
    weapons=[], confidence=0.7,
)  # fmt: skip


def _mixed_event(store: Store) -> list[int]:
    """One event wrongly holding an attack (two reports) and a protest; returns mention ids."""
    with store.transaction() as s:
        a = add_article(s, "a1", f"{ATTACK} {PROTEST}", outlet="Rudaw")
        b = add_article(s, "b1", f"Officials said: {ATTACK}", outlet="AFP")
        add_event(s, "ev1", sentences=[(a, ATTACK), (b, ATTACK), (a, PROTEST)],
                  records=[_record(), _record(), PROTEST_RECORD],
                  **{k: v for k, v in _record().items() if k not in ("reasons",)})  # fmt: skip
    return review.mention_ids(store.session(), "ev1")


def test_review_split_codes_the_new_event_from_the_moved_mentions_only(store: Store) -> None:
    ids = _mixed_event(store)
    review.edit_event(store, "ev1", {"fatalities": 9}, user="ana")  # the reviewer's figure
    result = review.split_event(store, "ev1", [ids[2]], user="ana")
    with store.session() as s:
        parent = s.get(Event, "ev1")
        new = s.get(Event, result.new_event_id)
        assert parent is not None and new is not None
        # the copy is the protest, not a second attack with the parent's locked 9 fatalities
        assert (new.event_type, new.sub_event_type) == ("Protests", "Peaceful protest")
        assert (new.location, new.admin1, new.fatalities) == ("Basra", "Basra", 0)
        assert new.actor1 == "Protesters (Iraq)" and new.interaction == 60
        assert "fatalities" not in new.locked_fields
        assert new.review_status == "edited" and new.source_count == 1
        # the parent keeps its locked value and its own coding
        assert parent.fatalities == 9 and "fatalities" in parent.locked_fields
        assert parent.event_type == "Explosions/Remote violence"
        assert parent.source_count == 2 and len(parent.mentions) == 2
        log = {(e.event_id, e.field, str(e.new_value)) for e in s.query(ReviewEdit)}
    assert ("ev1", "split_into", result.new_event_id) in log
    assert (result.new_event_id, "split_from", "ev1") in log


def test_review_split_later_report_of_the_original_joins_the_parent(store: Store) -> None:
    ids = _mixed_event(store)
    result = review.split_event(store, "ev1", [ids[2]], user="ana")
    retold = EventRecord(**{k: v for k, v in _record(confidence=0.8).items()})
    pipeline = Pipeline(store, stories=False, extract=False)
    with store.session() as s:
        found = pipeline._find_matching_event(s, retold)
        assert found is not None and found.id == "ev1"
        protest = EventRecord(**dict(PROTEST_RECORD))
        again = pipeline._find_matching_event(s, protest)
        assert again is not None and again.id == result.new_event_id


def test_review_merge_is_followed_by_later_reports(store: Store) -> None:
    """One attack told at two border posts: merged by a reviewer, a later retelling of the
    merged-away one joins the kept event instead of starting a new one."""
    with store.transaction() as s:
        a = add_article(s, "a1", ATTACK)
        b = add_article(s, "b1", f"Also: {ATTACK}")
        add_event(s, "keep", sentences=[(a, ATTACK)], records=[_record()],
                  **{k: v for k, v in _record().items() if k != "reasons"})  # fmt: skip
        other = _record(location="Rabia", admin1="Nineveh", latitude=36.8, longitude=42.1)
        add_event(s, "gone", sentences=[(b, ATTACK)], records=[other],
                  **{k: v for k, v in other.items() if k != "reasons"})  # fmt: skip
    review.merge_events(store, "keep", ["gone"], user="ana")
    retold = EventRecord(**_record(location="Rabia", admin1="Nineveh", latitude=36.8,
                                   longitude=42.1, confidence=0.5))  # fmt: skip
    pipeline = Pipeline(store, stories=False, extract=False)
    with store.session() as s:
        found = pipeline._find_matching_event(s, retold)
    assert found is not None and found.id == "keep"


def _plain_event(store: Store) -> None:
    with store.transaction() as s:
        a = add_article(s, "a1", ATTACK)
        add_event(s, "ev1", sentences=[(a, ATTACK)],
                  **{k: v for k, v in _record().items() if k != "reasons"})  # fmt: skip


def _api_edit(client: Any, token: str, fields: dict[str, Any]) -> Any:
    return client.patch(
        "/api/v1/events/ev1",
        json={"fields": fields},
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"event_type": "Foo bar"}, "event_type", "ACLED's event types"),
        ({"sub_event_type": "Foo"}, "sub_event_type", "sub-event types"),
        ({"event_type": "Battles", "sub_event_type": "Peaceful protest"}, "sub_event_type",
         "belongs to event type 'Protests'"),
        ({"event_type": "Battles"}, "event_type", "does not contain the sub-event type"),
        ({"country": "Narnia"}, "country", "unknown country"),
        ({"iso": 99999}, "iso", "numeric country code"),
        ({"country": "Syria", "iso": 4}, "iso", "is not the code of Syria"),
        ({"interaction": 17}, "interaction", "follows the inter codes"),
        ({"inter1": 12}, "inter1", "inter code"),
        ({"region": "Atlantis"}, "region", "ACLED's regions"),
    ],
)  # fmt: skip
def test_review_api_refuses_edits_outside_the_hierarchy(
    sqlite_store: Store, fields: dict[str, Any], field: str, reason: str
) -> None:
    _plain_event(sqlite_store)
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store) as client:
        response = _api_edit(client, token, fields)
        after = client.get("/api/v1/events/ev1").json()["event"]
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_review"
    assert reason in error["detail"]["fields"][field]
    assert after["event_type"] == "Explosions/Remote violence" and after["iso"] == 368
    assert after["review_status"] == "unreviewed"


def test_review_api_recomputes_derived_fields(store: Store) -> None:
    _plain_event(store)
    token = create_token(store, "ana")
    with client_for(store) as client:
        r1 = _api_edit(client, token, {"sub_event_type": "Armed clash"})
        r2 = _api_edit(client, token, {"country": "syria"})
        r3 = _api_edit(client, token, {"actor2": "Kataib Hezbollah"})
        r4 = _api_edit(client, token, {"actor1": "Protesters (Iraq)", "actor2": ""})
        event = client.get("/api/v1/events/ev1").json()["event"]
    assert [r.status_code for r in (r1, r2, r3, r4)] == [200] * 4
    assert set(r1.json()["changed"]) >= {"sub_event_type", "event_type"}
    assert set(r2.json()["changed"]) >= {"country", "iso"}
    assert r3.json()["changed"] == ["actor2", "inter2", "interaction"]
    assert event["event_type"] == "Battles" and event["disorder_type"] == "Political violence"
    assert (event["country"], event["iso"], event["region"]) == ("Syria", 760, "Middle East")
    assert (event["actor1"], event["inter1"], event["actor2"], event["inter2"]) == (
        "Protesters (Iraq)",
        6,
        None,
        None,
    )
    assert event["interaction"] == 60
    with store.session() as s:
        actions = {(e.field, e.action) for e in review.audit_log(s, "ev1")}
    assert ("event_type", "derive") in actions and ("sub_event_type", "edit") in actions
    assert ("interaction", "derive") in actions and ("iso", "derive") in actions


def _login(client: Any, token: str) -> str:
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"token": token, "csrf_token": csrf, "next": "/"})
    return csrf


def test_review_form_offers_every_editable_field_and_keeps_input_on_error(
    sqlite_store: Store,
) -> None:
    _plain_event(sqlite_store)
    token = create_token(sqlite_store, "ana")
    with client_for(sqlite_store) as client:
        csrf = _login(client, token)
        page = client.get("/events/ev1").text
        offered = set(re.findall(r'name="f_([a-z0-9_]+)"', page))
        assert offered == set(review.EDITABLE_FIELDS)
        form = {f"f_{name}": "" for name in offered}
        form.update(
            {"csrf_token": csrf, "action": "edit", "f_event_date": "2024-01-01",
             "f_fatalities": "7", "f_country": "Narnia", "f_modality": "reported",
             "f_background": "false", "f_notes": "my careful note", "f_weapons": "rocket",
             "f_event_type": "Explosions/Remote violence",
             "f_sub_event_type": "Shelling/artillery/missile attack"}
        )  # fmt: skip
        bad = client.post("/events/ev1/review", data=form, headers={"accept": "text/html"})
        assert bad.status_code == 422
        assert 'id="err-country"' in bad.text and "unknown country" in bad.text
        assert 'value="Narnia"' in bad.text and "my careful note" in bad.text
        assert 'value="7"' in bad.text  # the other input is kept too
        form["f_country"] = "Iraq"
        good = client.post("/events/ev1/review", data=form, follow_redirects=True)
        assert good.status_code == 200
        assert 'id="review-confirmation"' in good.text
        assert "Saved:" in good.text and "fatalities" in good.text
    with sqlite_store.session() as s:
        event = s.get(Event, "ev1")
        assert event is not None and event.fatalities == 7 and event.notes == "my careful note"
        assert event.iso == 368


def test_review_merge_suggestions_cross_a_border(sqlite_store: Store) -> None:
    with sqlite_store.transaction() as s:
        a = add_article(s, "a1", ATTACK)
        b = add_article(s, "b1", f"Also: {ATTACK}")
        add_event(s, "iq", sentences=[(a, ATTACK)], event_date="2024-01-01", country="Iraq",
                  event_type="Battles", latitude=34.37, longitude=41.09)  # fmt: skip
        add_event(s, "sy", sentences=[(b, ATTACK)], event_date="2024-01-02", country="Syria",
                  event_type="Battles", latitude=34.45, longitude=40.92)  # fmt: skip
    from sitrep.serve.data import merge_candidates

    with sqlite_store.session() as s:
        rows = merge_candidates(s, "iq")
    assert [r["event_id"] for r in rows] == ["sy"] and rows[0]["distance_km"] < 30
