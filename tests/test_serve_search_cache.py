"""Text search over article text (SQLite FTS5, PostgreSQL tsvector), Arabic included; ETag,
304 and Cache-Control; gzip; compact map points with an honest count of what is not shown."""

from __future__ import annotations

from factories import add_article, add_event, client_for, fill_demo
from sitrep.serve import ServeSettings
from sitrep.store.db import Store

ARABIC = "قالت مصادر أمنية إن طائرة مسيرة استهدفت مطار أربيل الدولي مساء الثلاثاء."


def _with_arabic(store: Store) -> None:
    fill_demo(store)
    with store.transaction() as s:
        art = add_article(s, "ar1", f"أربيل — {ARABIC} ولم تعلن أي جهة مسؤوليتها.")
        add_event(s, "ev-ar", sentences=[(art, ARABIC)], event_date="2024-01-03",
                  event_type="Explosions/Remote violence", country="Iraq", notes=None)  # fmt: skip


def test_serve_search_finds_words_of_article_text_in_any_script(store: Store) -> None:
    _with_arabic(store)
    with client_for(store) as client:

        def found(q: str) -> set[str]:
            body = client.get("/api/v1/events", params={"q": q, "limit": 500}).json()
            return {row["event_id"] for row in body["items"]}

        assert found("أربيل") == {"ev-ar"}  # only in the Arabic article's text
        assert found("مطار أربيل") == {"ev-ar"}  # every word, in any order
        assert found("أربيل Basra") == set()
        # a phrase of an English article, absent from every event's own fields
        assert found("immediately claimed") >= {"ev-erbil-1", "ev-basra-1"}
        assert found("Basra") >= {"ev-basra-1"}  # the location still matches as before
        assert found('"; DROP TABLE articles; --') == set()  # operators are not taken from q
        page = client.get("/", params={"q": "أربيل"}).text
        assert 'data-event-id="ev-ar"' in page


def test_serve_answers_carry_etag_and_revalidate(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    with client_for(sqlite_store) as client:
        for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/events/geo", "/"):
            first = client.get(path)
            etag = first.headers["etag"]
            assert first.headers["cache-control"] == "no-cache"
            again = client.get(path, headers={"if-none-match": etag})
            assert again.status_code == 304 and again.content == b"", path
            assert again.headers["etag"] == etag
        before = client.get("/api/v1/events").headers["etag"]
        from sitrep.serve import review

        review.confirm_event(sqlite_store, "ev-erbil-1", user="ana")
        after = client.get("/api/v1/events", headers={"if-none-match": before})
        assert after.status_code == 200 and after.headers["etag"] != before


def test_serve_answers_are_gzipped(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    with client_for(sqlite_store) as client:
        response = client.get("/api/v1/events/geo", headers={"accept-encoding": "gzip"})
        page = client.get("/", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert page.headers["content-encoding"] == "gzip"
    assert response.json()["count"] == 10  # the client decodes it
    assert int(response.headers["content-length"]) < len(response.content)


def test_serve_map_points_as_columns_say_what_is_not_shown(sqlite_store: Store) -> None:
    fill_demo(sqlite_store)
    with sqlite_store.transaction() as s:
        art = add_article(s, "u1", "Somewhere, something happened.")
        add_event(s, "ev-nowhere", sentences=[(art, "Somewhere, something happened.")],
                  event_date="2024-01-05", country="Iraq")  # fmt: skip
    with client_for(sqlite_store, ServeSettings(max_map_points=4)) as client:
        body = client.get("/api/v1/events/geo?layout=columns").json()
        points = client.get("/api/v1/events/geo").json()
    assert (body["count"], body["total"], body["unlocated"], body["cap"]) == (4, 11, 1, 4)
    assert len(body["id"]) == len(body["lat"]) == len(body["type"]) == 4
    assert body["types"][body["type"][0]] == points["points"][0]["type"]
    assert body["id"] == [p["id"] for p in points["points"]]
