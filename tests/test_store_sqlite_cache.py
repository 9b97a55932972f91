"""SQLite connections get a page cache sized for the writer's lookups, settable by env var."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sitrep.errors import ConfigError
from sitrep.store.db import SQLITE_CACHE_MB, Store


def _cache_kib(tmp_path: Path) -> int:
    store = Store(f"sqlite:///{tmp_path / 'cache.db'}")
    try:
        with store.engine.connect() as conn:
            return int(conn.execute(text("PRAGMA cache_size")).scalar_one())
    finally:
        store.dispose()


@pytest.mark.parametrize(("setting", "megabytes"), [(None, SQLITE_CACHE_MB), ("8", 8), ("1", 1)])
def test_sqlite_page_cache_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str | None, megabytes: int
) -> None:
    if setting is None:
        monkeypatch.delenv("SITREP_SQLITE_CACHE_MB", raising=False)
    else:
        monkeypatch.setenv("SITREP_SQLITE_CACHE_MB", setting)
    # negative cache_size is KiB
    assert _cache_kib(tmp_path) == -megabytes * 1024


def test_bad_cache_setting_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_SQLITE_CACHE_MB", "lots")
    with pytest.raises(ConfigError, match="SITREP_SQLITE_CACHE_MB"):
        _cache_kib(tmp_path)
