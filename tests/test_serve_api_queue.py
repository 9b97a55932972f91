"""The review queue through the API and the dashboard: filters by review status, confidence,
toll and support, case-insensitive names, several values, "needs review" order, unknown
parameters refused, actor paging, and actor/place tables filled by a normal ingest."""

from __future__ import annotations

import json

import pytest

from factories import add_article, add_event, client_for, fill_demo
from sitrep.models import RawItem
from sitrep.pipeline import Pipeline
from sitrep.serve import ServeSettings, review
from sitrep.store.db import Store


@pytest.fixture
def demo(sqlite_store: Store) -> Store:
    fill_demo(sqlite_store)
    review.confirm_event(sqlite_store, "ev-erbil-1", user="ana")
    review.edit_event(sqlite_store, "ev-qaim-1", {"notes": "checked"}, user="ana")
    review.mark_false_positive(sqlite_store, "ev-victory-1", user="ana")
    with sqlite_store.transaction() as s:
        a = add_article(s, "low", "Gunmen attacked a checkpoint in Mosul.")
        add_event(s, "ev-low", sentences=[(a, "Gunmen attacked a checkpoint in Mosul.")],
                  event_date="2024-02-10", event_type="Battles", country="Iraq",
                  admin1="Nineveh", confidence=0.2, fatalities=4)  # fmt: skip
    return sqlite_store


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [row["event_id"] for row in response.json()["items"]]


def test_serve_api_refuses_unknown_parameters_naming_them(demo: Store) -> None:
    with client_for(demo) as client:
        for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/events/geo", "/api/v1/actors"):
            response = client.get(path, params={"from": "2024-01-01"})
            assert response.status_code == 400, path
            error = response.json()["error"]
            assert set(error) == {"status", "code", "message", "detail"}
            assert error["code"] == "unknown_parameter" and "'from'" in error["message"]
            assert error["detail"]["unknown"] == ["from"]
        assert client.get("/api/v1/events", params={"date_from": "2024-01-01"}).status_code == 200


def test_serve_api_review_queue_filters(demo: Store) -> None:
    with client_for(demo) as client:
        assert ids(client.get("/api/v1/events?review_status=confirmed")) == ["ev-erbil-1"]
        assert set(ids(client.get("/api/v1/events?review_status=confirmed&review_status=edited"))) == {
            "ev-erbil-1", "ev-qaim-1"}  # fmt: skip
        assert ids(client.get("/api/v1/events?review_status=false_positive")) == ["ev-victory-1"]
        assert "ev-victory-1" not in ids(client.get("/api/v1/events?limit=500"))
        assert ids(client.get("/api/v1/events?max_confidence=0.5")) == ["ev-low"]
        assert "ev-low" not in ids(client.get("/api/v1/events?min_confidence=0.5&limit=500"))
        dead = ids(client.get("/api/v1/events?min_fatalities=3&max_fatalities=6"))
        assert set(dead) == {"ev-baghdad-1", "ev-mayadin-1", "ev-low"}
        two = client.get("/api/v1/events?min_sources=2").json()["items"]
        assert two and all(row["source_count"] >= 2 for row in two)
        queue = ids(client.get("/api/v1/events?sort=needs_review&limit=500"))
        assert queue[0] == "ev-low"  # unreviewed and least certain first
        assert queue.index("ev-qaim-1") > queue.index("ev-baghdad-1")  # edited after unreviewed
        assert queue[-1] == "ev-erbil-1"  # confirmed last
        assert client.get("/api/v1/events?review_status=nope").status_code == 422
        assert client.get("/api/v1/events?min_confidence=2").status_code == 422


def test_serve_api_names_ignore_case_and_take_several_values(demo: Store) -> None:
    with client_for(demo) as client:
        syria = set(ids(client.get("/api/v1/events?country=SYRIA")))
        assert syria == {"ev-tanf-1", "ev-shaddadi-1", "ev-mayadin-1"}
        assert set(ids(client.get("/api/v1/events?admin1=al%20anbar"))) == {
            "ev-asad-1",
            "ev-qaim-1",
        }
        both = ids(client.get("/api/v1/events?country=syria&country=iraq&limit=500"))
        assert len(both) == 10  # every visible event (one is a false positive)
        geo = client.get("/api/v1/events/geo?country=syria").json()
        assert geo["count"] == 3
        page = client.get("/?country=syria&country=Iraq&review_status=unreviewed").text
        assert 'id="event-total">8<' in page  # 10 visible less 1 confirmed, 1 edited


def test_serve_dashboard_shows_review_columns_and_queue(demo: Store) -> None:
    with client_for(demo) as client:
        page = client.get("/?sort=needs_review&review_status=unreviewed").text
    for header in ("Sources", "Outlets", "Confidence", "Review"):
        assert f">{header}" in page
    first_row = page.index('data-event-id="ev-low"')
    assert first_row < page.index('data-event-id="ev-baghdad-1"')
    assert 'class="status status-unreviewed"' in page
    assert '<option value="needs_review" selected>' in page


def test_serve_actor_pages_page_through_events(sqlite_store: Store) -> None:
    with sqlite_store.transaction() as s:
        art = add_article(s, "a", "Kataib Hezbollah fired rockets.")
        for n in range(7):
            add_event(s, f"kh{n}", sentences=[(art, "Kataib Hezbollah fired rockets.")],
                      event_date=f"2024-01-0{n + 1}", actor1="Kataib Hezbollah")  # fmt: skip
    with client_for(sqlite_store, ServeSettings(page_size=3)) as client:
        first = client.get("/api/v1/actors/Kataib Hezbollah?limit=3").json()
        last = client.get("/api/v1/actors/Kataib Hezbollah?limit=3&offset=6").json()
        page = client.get("/actors/Kataib Hezbollah").text
        page3 = client.get("/actors/Kataib Hezbollah?offset=6").text
    assert first["event_count"] == 7 and len(first["events"]) == 3 and first["next_offset"] == 3
    assert [e["event_id"] for e in last["events"]] == ["kh0"] and last["next_offset"] is None
    assert page.count('class="event-link"') == 3 and 'id="next-page"' in page
    assert page3.count('class="event-link"') == 1 and 'id="next-page"' not in page3


TEXT = (
    "Rockets struck Camp Taji north of Baghdad on Wednesday, killing two American soldiers "
    "and a British soldier, the US-led coalition said."
)


def test_serve_actors_and_places_are_filled_by_ingest(store: Store) -> None:
    record = {"text": TEXT, "title": "Taji", "published": "2020-03-11", "outlet": "Wire"}
    item = RawItem(source="taji.json", raw=json.dumps(record).encode(), media_type="json")
    Pipeline(store, stories=False).ingest([item])
    with client_for(store) as client:
        events = client.get("/api/v1/events").json()["items"]
        actors = client.get("/api/v1/actors").json()
        places = client.get("/api/v1/places").json()
        assert events
        named = {e["actor1"] for e in events} | {e["actor2"] for e in events}
        assert named - {None} <= {a["name"] for a in actors}
        located = {e["location"] for e in events if e["latitude"] is not None}
        assert located and located <= {p["name"] for p in places}
        assert sum(p["event_count"] for p in places) >= len(located)
        actor = next(iter(named - {None}))
        assert client.get(f"/api/v1/actors/{actor}").json()["actor"]["known"] is True


def test_serve_backfill_fills_actors_and_places_of_older_stores(store: Store) -> None:
    """Stores written before the pipeline filled the tables get them from their events."""
    from sitrep.resolve.references import backfill_references

    fill_demo(store)  # rows written directly: two curated actors, no places
    with store.transaction() as s:
        assert backfill_references(s, batch=4) == 10
    with client_for(store) as client:
        actors = {a["name"]: a for a in client.get("/api/v1/actors?limit=500").json()}
        places = client.get("/api/v1/places?limit=500").json()
    assert "Military Forces of the United States (2021-)" in actors
    assert actors["Kataib Hezbollah"]["inter"] == 3  # the curated row is left as it was
    assert "Protesters (Iraq)" in actors
    assert {p["name"] for p in places} >= {"Erbil Air Base", "Al Tanf", "Basra"}
    baghdad = [p for p in places if p["name"] == "Baghdad"]
    assert len(baghdad) == 1 and baghdad[0]["event_count"] == 2


def test_serve_event_page_folds_sources_beyond_six(sqlite_store: Store) -> None:
    with sqlite_store.transaction() as s:
        sentences = []
        for n in range(9):
            art = add_article(s, f"w{n}", f"Intro. Rockets hit Erbil, wire {n} said. More text.")
            sentences.append((art, f"Rockets hit Erbil, wire {n} said."))
        add_event(s, "many", sentences=sentences, event_date="2024-01-01", admin1="Erbil")
    with client_for(sqlite_store) as client:
        page = client.get("/events/many").text
        options = client.get("/api/v1/filters").json()
    before, _, folded = page.partition('<details class="more-sources"')
    assert before.count('class="source"') == 6 and folded.count('class="source"') == 3
    assert "3 more sources" in folded
    assert options["admin1"] == ["Erbil"]
