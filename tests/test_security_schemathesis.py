"""schemathesis against the API's own OpenAPI document, over real HTTP on a small demo database.

Every operation, reads and writes (with a valid token), is fed generated requests; the server
must never answer 5xx, and whatever status it documents must come with a body matching the
documented schema. Bounded: a few examples per operation, no deadline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from sitrep.serve import create_app
from sitrep.serve.auth import create_token
from sitrep.serve.demo import fill_demo
from sitrep.serve.live import live_server
from sitrep.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, write token) of the demo database served by uvicorn on 127.0.0.1."""
    path: Path = tmp_path_factory.mktemp("schemathesis") / "demo.db"
    store = Store(f"sqlite:///{path}")
    fill_demo(store)
    token = create_token(store, "schemathesis")
    with live_server(create_app(store)) as base:
        yield base, token
    store.dispose()


def operation_labels() -> list[str]:
    """ "METHOD /path" of every operation, from the app's OpenAPI document (no server needed)."""
    store = Store("sqlite://")
    try:
        doc = create_app(store).openapi()
    finally:
        store.dispose()
    return [
        f"{method.upper()} {path}" for path, methods in doc["paths"].items() for method in methods
    ]


@pytest.fixture(scope="module")
def api_schema(served_demo: tuple[str, str]) -> schemathesis.BaseSchema:
    """The OpenAPI document as the running server publishes it."""
    base, _ = served_demo
    return schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")


def hits_known_bug(case: schemathesis.Case) -> bool:
    """An offset beyond 64 bits: a known 500 on SQLite, pinned by strict xfail in
    test_security_web.py::test_security_huge_numbers_are_refused_not_crashed (reported)."""
    offset = (case.query or {}).get("offset")
    try:
        return int(str(offset)) >= 2**63
    except ValueError:
        return False


@pytest.mark.parametrize("label", operation_labels())
def test_security_schemathesis_api(
    label: str, api_schema: schemathesis.BaseSchema, served_demo: tuple[str, str]
) -> None:
    """Valid and invalid requests: no 5xx, documented statuses match their schemas."""
    _, token = served_demo
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        assume(not hits_known_bug(case))
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
            timeout=60,
        )

    check()
