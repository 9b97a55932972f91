"""Settings: packaged defaults, then the user's file, then ``SITREP_*`` variables, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import DEFAULTS_FILE, SETTINGS, defaults, settings, user_config_path
from sitrep.errors import ConfigError


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No SITREP_* variable set and no user file unless the test writes one."""
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    monkeypatch.delenv("SITREP_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path


def test_config_defaults_come_from_the_packaged_file(clean_env: Path) -> None:
    assert settings() == defaults()
    assert defaults().db == "sqlite:///sitrep.db"
    assert defaults().sqlite_cache_mb == 64
    assert defaults().story_encoder == "auto"
    assert defaults().llm_timeout == 120.0
    assert defaults().llm_url is None and defaults().event_model is None


def test_config_every_file_setting_is_in_the_defaults_file_with_its_variable() -> None:
    text = DEFAULTS_FILE.read_text(encoding="utf-8")
    for setting in SETTINGS:
        if setting.section:
            assert f"[{setting.section}]" in text
            assert f"# {setting.env}:" in text


def test_config_user_file_overrides_only_what_it_sets(clean_env: Path) -> None:
    path = user_config_path()
    assert path == clean_env / "xdg" / "sitrep" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[store]\nsqlite_cache_mb = 8\n[events]\nmerge = "resolve"\n')
    current = settings()
    assert (current.sqlite_cache_mb, current.merge) == (8, "resolve")
    assert current.db == defaults().db and current.story_encoder == "auto"


def test_config_variable_overrides_the_user_file(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = clean_env / "elsewhere.toml"
    named.write_text("[store]\nsqlite_cache_mb = 8\n")
    monkeypatch.setenv("SITREP_CONFIG", str(named))
    assert settings().sqlite_cache_mb == 8
    monkeypatch.setenv("SITREP_SQLITE_CACHE_MB", "16")
    assert settings().sqlite_cache_mb == 16
    monkeypatch.setenv("SITREP_SQLITE_CACHE_MB", "")  # empty: not set
    assert settings().sqlite_cache_mb == 8


@pytest.mark.parametrize(
    ("variable", "value", "attr", "expected"),
    [
        ("SITREP_CLASSIFIER_EMBEDDINGS", "1", "classifier_embeddings", True),
        ("SITREP_CLASSIFIER_EMBEDDINGS", "off", "classifier_embeddings", False),
        ("SITREP_STORY_ENCODER", " TORCH ", "story_encoder", "torch"),
        ("SITREP_LLM_TIMEOUT", "2.5", "llm_timeout", 2.5),
        ("SITREP_EVENT_MODEL", "/m/model.joblib", "event_model", Path("/m/model.joblib")),
        ("SITREP_PORT", "9000", "port", 9000),
    ],
)
def test_config_variables_are_converted(
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    attr: str,
    expected: object,
) -> None:
    monkeypatch.setenv(variable, value)
    assert getattr(settings(), attr) == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SITREP_SQLITE_CACHE_MB", "lots"),
        ("SITREP_STORY_ENCODER", "tensorflow"),
        ("SITREP_CLASSIFIER_EMBEDDINGS", "maybe"),
        ("SITREP_MERGE", "sometimes"),
        ("SITREP_LLM_TIMEOUT", "-1"),
    ],
)
def test_config_bad_variable_names_itself(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        settings()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[store]\nsqlite_cache_mb = "lots"\n', r"\[store\] sqlite_cache_mb in .*config.toml"),
        ("[store]\ncache = 1\n", r"unknown setting \[store\] cache"),
        ('[serve]\nhost = "0.0.0.0"\n', r"unknown setting \[serve\] host"),
        ("db = 1\n", "must be a \\[section\\]"),
        ("[store\n", "not valid TOML"),
    ],
)
def test_config_bad_user_file_names_the_file_and_key(
    clean_env: Path, content: str, message: str
) -> None:
    path = user_config_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        settings()


def test_config_named_file_must_exist(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_CONFIG", str(clean_env / "missing.toml"))
    with pytest.raises(ConfigError, match="SITREP_CONFIG"):
        settings()
