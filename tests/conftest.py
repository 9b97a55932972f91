"""Shared fixtures: a real SQLite file and a real PostgreSQL server for every store test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from pg import Cluster, find_bindir
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_build import build_index, default_index_path
from sitrep.store import Store

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# Property tests: `make test` runs a fixed, reproducible set of examples ("ci"), so CI never
# fails on a case no earlier run saw; `make fuzz` explores new random examples, many more of them.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_db_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster per test session, on a loopback port."""
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("SITREP_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL server binaries not found (make test installs them)")
        pytest.skip("PostgreSQL server binaries not found")
    cluster = Cluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sitrep.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"t{os.getpid()}_{next(_db_counter)}")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on SQLite and on PostgreSQL."""
    s = Store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'sitrep.db'}")
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The installed gazetteer index, or (without one) a small one built from cities15000."""
    installed = default_index_path()
    if installed.exists():
        return Gazetteer(installed)
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    return Gazetteer(build_index(path, cities="cities15000"))


#: Debian's Chromium, started the way every browser test starts it.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _browser_missing() -> str | None:
    from sitrep.serve.app import DIST

    if not CHROMIUM.exists():
        return "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    if not (DIST / "dashboard.js").exists():
        return "the front-end is not built (cd frontend && npm ci && npm run build)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium for one test module (skipped, or failed under
    SITREP_REQUIRE_BROWSER=1, when Chromium, Playwright or the built front-end is missing)."""
    reason = _browser_missing()
    if reason:
        if os.environ.get("SITREP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
