"""Opening a store: URL resolution, engine set-up (SQLite WAL), migrations on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.config import defaults, settings
from sitrep.errors import ConfigError, StoreError

DEFAULT_URL = "sqlite:///sitrep.db"
MIGRATIONS = Path(__file__).parent / "migrations"

_migrate_lock = threading.Lock()


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the argument, else ``SITREP_DB``, else ``sqlite:///sitrep.db``.

    A bare file path is accepted as a SQLite database; ``postgresql://`` is mapped to the psycopg 3
    driver that sitrep installs.
    """
    url = url or settings().db or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"bad database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"bad database URL {url!r}: sitrep supports sqlite:/// and postgresql+psycopg:// URLs"
        )
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the dashboard read while ingest writes; busy_timeout waits instead of failing with
    # "database is locked" when two writers meet.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    # SQLite's default page cache is 2 MB; the writer's lookups (duplicate keys, events by
    # date) touch far more than that once the file holds tens of thousands of articles.
    # Negative cache_size is in KiB; the cache grows only as pages are read.
    cursor.execute(f"PRAGMA cache_size=-{_sqlite_cache_mb() * 1024}")
    cursor.close()


#: Page cache per SQLite connection, MB (``[store] sqlite_cache_mb``, ``SITREP_SQLITE_CACHE_MB``).
SQLITE_CACHE_MB = defaults().sqlite_cache_mb


def _sqlite_cache_mb() -> int:
    return max(1, int(settings().sqlite_cache_mb))


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise ConfigError(f"bad database URL {url!r}: folder {parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; never drops a database made by an older version."""
    with _migrate_lock:
        try:
            if current_revision(engine) == head_revision():
                return
            with engine.begin() as conn:
                cfg = alembic_config(engine)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open database {engine.url!r}: {exc.orig}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate database {engine.url!r}: {exc}") from None


class Store:
    """A sitrep database: engine, sessions, and the migrations applied on first use.

    >>> store = Store("sqlite:///:memory:")  # doctest: +SKIP
    >>> with store.session() as s: ...        # doctest: +SKIP
    """

    def __init__(self, url: str | None = None, *, migrate_now: bool = True) -> None:
        self.url = resolve_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate_now:
            migrate(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together or not at all."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def tables(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    def dispose(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"
