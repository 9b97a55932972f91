"""Test data builders: rows inserted directly, no pipeline involved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from sitrep.serve import ServeSettings, create_app
from sitrep.serve.demo import add_article, add_event, fill_demo
from sitrep.store.db import Store

__all__ = ["add_article", "add_event", "client_for", "fill_demo"]


@contextmanager
def client_for(
    store: Store, settings: ServeSettings | None = None, *, raise_errors: bool = True
) -> Iterator[TestClient]:
    """A test client over a fresh app on ``store``."""
    with TestClient(
        create_app(store, settings=settings), raise_server_exceptions=raise_errors
    ) as c:
        yield c
