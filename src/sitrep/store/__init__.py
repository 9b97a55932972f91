"""sitrep's store: SQLAlchemy models, Alembic migrations, SQLite (WAL) and PostgreSQL."""

from sitrep.store.db import DEFAULT_URL, Store, migrate, resolve_url
from sitrep.store.schema import Actor as ActorRow
from sitrep.store.schema import (
    ApiToken,
    Article,
    Base,
    Blob,
    DedupKey,
    Event,
    Mention,
    Place,
    ReviewEdit,
)

__all__ = [
    "DEFAULT_URL",
    "ActorRow",
    "ApiToken",
    "Article",
    "Base",
    "Blob",
    "DedupKey",
    "Event",
    "Mention",
    "Place",
    "ReviewEdit",
    "Store",
    "migrate",
    "resolve_url",
]
