"""/api/v1/stats is cached per filter, and the cache follows the data: edits show at once."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from sitrep.serve.app import create_app
from sitrep.serve.demo import fill_demo
from sitrep.serve.review import edit_event, mark_false_positive
from sitrep.store import Store


def stats(client: TestClient) -> tuple[int, Counter[str]]:
    body = client.get("/api/v1/stats").json()
    types: Counter[str] = Counter()
    for row in body["by_type"]:
        types[row["event_type"]] += row["count"]
    return body["total"], types


def test_serve_stats_follow_review_edits(store: Store) -> None:
    ids = fill_demo(store)
    client = TestClient(create_app(store))
    total, types = stats(client)
    assert stats(client) == (total, types)  # served again, from the cache, unchanged
    mark_false_positive(store, ids[0], user="analyst")
    assert stats(client)[0] == total - 1
    edit_event(store, ids[1], {"event_type": "Riots", "sub_event_type": "Mob violence"}, user="a")
    assert stats(client)[1]["Riots"] == types["Riots"] + 1
