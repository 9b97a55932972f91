"""Stages declare what they need and add; the chain is checked before a run; backends plug in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.events.extract import RuleExtractor, get_extractor
from sitrep.pipeline import Pipeline
from sitrep.stages import (
    BACKENDS,
    STAGE_VERSIONS,
    STAGES,
    backend_factory,
    backend_names,
    check_chain,
)
from sitrep.store import Store


def test_stages_versions_come_from_the_declarations() -> None:
    assert list(STAGE_VERSIONS) == ["read", "parse", "dedup", "story", "extract", "resolve"]
    assert {s.name: s.version for s in STAGES} == STAGE_VERSIONS


@pytest.mark.parametrize(
    "names",
    [
        None,
        ["read", "parse", "dedup"],
        ["read", "parse", "dedup", "story"],
        ["read", "parse", "dedup", "extract", "resolve"],
    ],
)
def test_stages_chains_the_pipeline_runs_are_complete(names: list[str] | None) -> None:
    chain = check_chain(names)
    assert [s.name for s in chain] == [s.name for s in STAGES if names is None or s.name in names]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["read", "parse", "resolve"], "'resolve' needs events"),
        (["parse", "dedup"], "'parse' needs raw"),
        (["read", "parse", "extract"], "'extract' needs effective_metadata"),
        (["read", "translate"], "unknown pipeline stage"),
    ],
)
def test_stages_broken_chain_is_refused_with_what_is_missing(
    names: list[str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        check_chain(names)


def test_stages_pipeline_checks_its_chain(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        Pipeline(store, extract=False, stories=False)
        Pipeline(store)
    finally:
        store.dispose()


def test_stages_builtin_backends() -> None:
    assert backend_names()[:2] == ["default", "llm"]
    assert backend_factory("default") is RuleExtractor
    assert set(BACKENDS) == {"default", "llm"}
    assert isinstance(get_extractor("default"), RuleExtractor)


def test_stages_unknown_backend_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="unknown extractor 'nope': choose one of default, llm"):
        backend_factory("nope")


def test_stages_backend_from_an_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package that declares a ``sitrep.backends`` entry point is found by name."""
    (tmp_path / "sitrep_echo_backend.py").write_text(
        "from sitrep.models import Analysis\n"
        "class Echo:\n"
        "    name = 'echo'\n"
        "    def extract(self, doc):\n"
        "        return Analysis(id=doc.id, published=None, language=None)\n"
    )
    info = tmp_path / "sitrep_echo_backend-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: sitrep-echo-backend\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text("[sitrep.backends]\necho = sitrep_echo_backend:Echo\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert "echo" in backend_names()
        extractor = get_extractor("echo")
        assert extractor.name == "echo"
    finally:
        from sitrep.events import extract

        extract._REGISTRY.pop("echo", None)
        sys.modules.pop("sitrep_echo_backend", None)
