"""The read API: event lists with filters, sorting and pages; event detail; stats; articles."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from factories import add_article, add_event, client_for, fill_demo
from sitrep.store.db import Store


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The demo data set, filled once per module and backend: these tests only read."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").create_database(f"demo_{uuid.uuid4().hex[:8]}")
    store = Store(url)
    fill_demo(store)
    with client_for(store) as client:
        yield client
    store.dispose()


def ids(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return {item["event_id"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date_from=2024-02-01", {"ev-qaim-1", "ev-baghdad-1", "ev-mayadin-1"}),
        ("date_from=2024-01-01&date_to=2024-01-09", {"ev-erbil-1", "ev-asad-1"}),
        ("event_type=Protests", {"ev-basra-1"}),
        ("event_type=Protests&event_type=Strategic%20developments", {"ev-basra-1", "ev-victory-1"}),
        ("sub_event_type=Shelling/artillery/missile%20attack",
         {"ev-asad-1", "ev-shaddadi-1", "ev-kirkuk-1"}),
        ("actor=kataib&date_from=2024-02-01", {"ev-qaim-1", "ev-baghdad-1"}),
        ("country=Syria", {"ev-tanf-1", "ev-shaddadi-1", "ev-mayadin-1"}),
        ("admin1=Al%20Anbar", {"ev-asad-1", "ev-qaim-1"}),
        ("bbox=40,34,41,37", {"ev-shaddadi-1", "ev-mayadin-1"}),
        ("q=basra", {"ev-basra-1"}),
        ("background=true", {"ev-kirkuk-1"}),
        ("modality=claimed", set()),
    ],
)  # fmt: skip
def test_serve_api_events_filters(demo: TestClient, query: str, expected: set[str]) -> None:
    response = demo.get(f"/api/v1/events?{query}")
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


def test_serve_api_events_pages_cover_everything_once(demo: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = demo.get(f"/api/v1/events?limit=3&offset={offset}").json()
        assert body["total"] == 10
        seen.extend(item["event_id"] for item in body["items"])
        offset = body["next_offset"]
    assert len(seen) == len(set(seen)) == 10


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_serve_api_events_sort_by_fatalities(demo: TestClient, order: str) -> None:
    items = demo.get(f"/api/v1/events?sort=fatalities&order={order}").json()["items"]
    values = [item["fatalities"] for item in items]
    assert values == sorted(values, reverse=order == "desc")


@pytest.mark.parametrize(
    "query",
    ["sort=password", "limit=0", "limit=100000", "offset=-1", "date_from=yesterday",
     "bbox=1,2,3", "bbox=50,0,40,10", "modality=rumoured", "date_from=2024-02-01&date_to=2024-01-01"],
)  # fmt: skip
def test_serve_api_events_rejects_bad_parameters(demo: TestClient, query: str) -> None:
    response = demo.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_serve_api_event_detail_highlights_the_sentence(demo: TestClient) -> None:
    body = demo.get("/api/v1/events/ev-baghdad-1").json()
    assert body["event"]["event_id"] == "ev-baghdad-1"
    assert body["event"]["fatalities"] == 3
    assert len(body["sources"]) == 2
    assert body["outlets"] == sorted({s["outlet"] for s in body["sources"]})
    for source in body["sources"]:
        h = source["highlight"]
        assert h["sentence"] == source["sentence"]
        article = demo.get(f"/api/v1/articles/{source['article_id']}?analyse=false").json()
        assert h["before"] + h["sentence"] + h["after"] == article["article"]["text"]
        assert article["article"]["text"][source["start"] : source["end"]] == source["sentence"]


def test_serve_api_geo_and_stats_agree_with_the_list(demo: TestClient) -> None:
    geo = demo.get("/api/v1/events/geo?country=Iraq").json()
    assert geo["count"] == geo["total"] == 7
    assert all({"id", "lat", "lon", "type", "date"} <= set(p) for p in geo["points"])
    stats = demo.get("/api/v1/stats?country=Iraq").json()
    assert stats["total"] == 7
    assert sum(week["total"] for week in stats["by_week"]) == 7
    assert all(week["week_start"] <= week["week"] or True for week in stats["by_week"])
    assert {row["admin1"] for row in stats["by_admin1"]} == {
        "Erbil", "Al Anbar", "Baghdad", "Basra", "Kirkuk"
    }  # fmt: skip
    assert sum(row["count"] for row in stats["by_type"]) == 7
    top = {row["actor"]: row["count"] for row in stats["by_actor"]}
    assert top["Kataib Hezbollah"] == 4


def test_serve_api_weeks_start_on_monday(demo: TestClient) -> None:
    weeks = demo.get("/api/v1/stats").json()["by_week"]
    from datetime import date

    assert all(date.fromisoformat(w["week_start"]).weekday() == 0 for w in weeks)
    assert [w["week_start"] for w in weeks] == sorted(w["week_start"] for w in weeks)


def test_serve_api_article_shows_duplicates_siblings_and_mentions(store: Store) -> None:
    with store.transaction() as s:
        a = add_article(s, "a1", "Rockets hit the base. Nobody was hurt.", cluster_id="c1",
                        story_id="s1", outlet="AP")  # fmt: skip
        add_article(s, "a2", "Rockets hit the base. Nobody was hurt!", cluster_id="c1",
                    story_id="s1", canonical=False)  # fmt: skip
        add_article(s, "a3", "A follow-up on the rocket attack.", story_id="s1")
        add_event(s, "e1", sentences=[(a, "Rockets hit the base.")], event_date="2024-01-01")
    with client_for(store) as client:
        body = client.get("/api/v1/articles/a1?analyse=false").json()
    assert [d["article_id"] for d in body["duplicates"]] == ["a2"]
    assert {d["article_id"] for d in body["siblings"]} == {"a2", "a3"}
    assert body["mentions"][0]["event_id"] == "e1"
    assert body["mentions"][0]["start"] == 0
    assert body["analysis"] is None


def test_serve_api_actor_and_places(demo: TestClient) -> None:
    actor = demo.get("/api/v1/actors/Kataib Hezbollah").json()
    assert actor["actor"]["known"] is True
    assert "KH" in actor["actor"]["aliases"]
    assert actor["event_count"] == 4
    unknown_row = demo.get("/api/v1/actors/Protesters (Iraq)").json()
    assert unknown_row["actor"]["known"] is False
    assert unknown_row["event_count"] == 1
    assert demo.get("/api/v1/actors/Nobody at all").status_code == 404
    names = [a["name"] for a in demo.get("/api/v1/actors?q=kataib").json()]
    assert names == ["Kataib Hezbollah"]
    assert demo.get("/api/v1/places").json() == []  # the demo events carry no place rows


def test_serve_api_hides_false_positives_and_merged_unless_asked(store: Store) -> None:
    with store.transaction() as s:
        add_event(s, "keep", event_date="2024-01-01")
        add_event(s, "fp", event_date="2024-01-01", review_status="false_positive")
        add_event(s, "gone", event_date="2024-01-01", merged_into="keep")
    with client_for(store) as client:
        assert ids(client.get("/api/v1/events")) == {"keep"}
        everything = "include_false_positives=true&include_merged=true"
        assert ids(client.get(f"/api/v1/events?{everything}")) == {"keep", "fp", "gone"}


def test_serve_api_export_answers_clearly(demo: TestClient) -> None:
    response = demo.get("/api/v1/export/no-such-format")
    assert response.status_code in (404, 501)
    assert response.json()["error"]["code"] in ("not_found", "not_implemented")


@pytest.mark.parametrize("query", ["q=a%00b", "actor=%00", "country=Ir%00aq"])
def test_serve_api_events_refuse_nul_characters(demo: TestClient, query: str) -> None:
    """PostgreSQL cannot compare text with NUL; the API answers 422 instead of crashing."""
    response = demo.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    assert "NUL" in response.json()["error"]["message"]
