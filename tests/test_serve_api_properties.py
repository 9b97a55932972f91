"""Property: whatever query a client sends to the list endpoints, the answer is a page or a 422
in the one error shape, never a crash, and the page agrees with the total."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import client_for, fill_demo
from sitrep.store.db import Store

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
values = st.one_of(
    text,
    st.integers(-5, 600).map(str),
    st.dates().map(str),
    st.sampled_from(["Iraq", "Syria", "Battles", "true", "false", "claimed", "event_date", "asc"]),
    st.lists(st.floats(-200, 200, allow_nan=False), min_size=4, max_size=4).map(
        lambda xs: ",".join(f"{x:.2f}" for x in xs)
    ),
)
keys = st.sampled_from(
    ["date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1",
     "bbox", "q", "background", "modality", "sort", "order", "limit", "offset"]
)  # fmt: skip


#: Query keys of the strategy that an endpoint does not take (refused with 400).
NOT_TAKEN = {
    "/api/v1/events": set(),
    "/api/v1/stats": {"sort", "order", "limit", "offset"},
    "/api/v1/events/geo": {"sort", "order", "offset"},
}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(keys, values), max_size=5))
def test_serve_api_any_query_is_a_page_or_a_clean_422(
    sqlite_store: Store, params: list[tuple[str, str]]
) -> None:
    if not hasattr(sqlite_store, "_demo_filled"):
        fill_demo(sqlite_store)
        sqlite_store._demo_filled = True  # type: ignore[attr-defined]
    with client_for(sqlite_store) as client:
        for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/events/geo"):
            response = client.get(f"{path}?{urlencode(params)}")
            assert response.status_code in (200, 400, 422), response.text
            body = response.json()
            if response.status_code == 400:  # a parameter this endpoint does not take
                assert body["error"]["code"] == "unknown_parameter"
                assert set(body["error"]["detail"]["unknown"]) <= NOT_TAKEN[path]
                assert set(body["error"]["detail"]["unknown"]) & {k for k, _ in params}
            if response.status_code == 422:
                assert set(body["error"]) == {"status", "code", "message", "detail"}
            elif path == "/api/v1/events":
                assert len(body["items"]) <= body["limit"]
                assert body["total"] >= body["offset"] + len(body["items"]) or not body["items"]
