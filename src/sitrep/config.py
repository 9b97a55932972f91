"""sitrep's settings: packaged defaults, then a user file, then ``SITREP_*`` variables.

Three layers, each overriding only what it sets (as trafilatura's ``settings.cfg`` does):

1. ``data/defaults.toml`` in the package, the commented list of every setting and its default;
2. the user's file with the same layout: ``$SITREP_CONFIG``, else
   ``$XDG_CONFIG_HOME/sitrep/config.toml``, else ``~/.config/sitrep/config.toml`` (optional);
3. one environment variable per setting (:data:`SETTINGS` names it).

:func:`settings` returns them merged into one validated :class:`Settings`. It reads the
environment on every call (the files are cached until they change), so a variable set by a test
or a parent process takes effect at once, as the scattered ``os.environ`` reads it replaces did.
A value of the wrong type names where it came from in its :class:`~sitrep.errors.ConfigError`.
``--db`` falls back to ``SITREP_DB`` on the command line and to this module's ``db`` in the
library. ``SITREP_HOST`` and ``SITREP_PORT`` are read by ``sitrep serve`` alone (no file key);
they are listed here so that every setting is documented in one place.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings", "defaults", "settings", "user_config_path"]

#: The packaged defaults file: every setting, commented.
DEFAULTS_FILE = Path(__file__).resolve().parent / "data" / "defaults.toml"


@dataclass(frozen=True)
class Setting:
    """One setting: its attribute, its place in the TOML files, its variable, type and meaning."""

    attr: str
    section: str
    key: str
    env: str
    kind: str  # "str", "int", "float", "bool", "path" or "choice"
    doc: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    #: The default of a setting the files do not hold (``section`` empty: a variable only).
    default: Any = None

    @property
    def toml_key(self) -> str | None:
        return f"[{self.section}] {self.key}" if self.section else None


#: Every setting, in the order docs/cli.md lists them. ``doc`` is the sentence of that table.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db", "store", "db", "SITREP_DB", "str",
        "database URL for every command that takes `--db` (default `sqlite:///sitrep.db`)",
    ),
    # The command line reads these two itself (option fallbacks of `sitrep serve`).
    Setting(
        "host", "", "host", "SITREP_HOST", "str",
        "address `sitrep serve` listens on (default 127.0.0.1)", default="127.0.0.1",
    ),
    Setting(
        "port", "", "port", "SITREP_PORT", "int",
        "port `sitrep serve` listens on (default 8000)", minimum=0, default=8000,
    ),
    Setting(
        "shared_data", "data", "shared_data", "SITREP_SHARED_DATA", "path",
        "folder of the training/evaluation data sets (default `../shared/data`)",
    ),
    Setting(
        "gazetteer_index", "data", "gazetteer_index", "SITREP_GAZETTEER_INDEX", "path",
        "path of the compiled gazetteer index (default: the package's data "
        "folder when writable, else the user cache folder)",
    ),
    Setting(
        "sqlite_cache_mb", "store", "sqlite_cache_mb", "SITREP_SQLITE_CACHE_MB", "int",
        "SQLite page cache per connection in MB (default 64)",
    ),
    Setting(
        "story_encoder", "stories", "encoder", "SITREP_STORY_ENCODER", "choice",
        "story-vector backend: `auto` (default: ONNX Runtime, exported from "
        "the packaged MiniLM on first use; torch if that fails), `onnx` or `torch`",
        choices=("auto", "onnx", "torch"),
    ),
    Setting(
        "event_model", "events", "model", "SITREP_EVENT_MODEL", "path",
        "path of the sub-event classifier (default: the shipped model)",
    ),
    Setting(
        "classifier_embeddings", "events", "classifier_embeddings",
        "SITREP_CLASSIFIER_EMBEDDINGS", "bool",
        "`1` turns on the MiniLM second stage of the sub-event "
        "classifier (slower; see the model card)",
    ),
    Setting(
        "classifier", "events", "classifier", "SITREP_CLASSIFIER", "choice",
        "the event coder's sub-event type model: `mix` (the fine-tuned MiniLM with its "
        "NO-EVENT class, averaged with TF-IDF) or `tfidf` (TF-IDF alone: about twice as "
        "fast, no NO-EVENT class; see the model cards)",
        choices=("mix", "tfidf"),
    ),
    Setting(
        "merge", "events", "merge", "SITREP_MERGE", "choice",
        "`resolve` merges an article's retellings of one event with the "
        "cross-article clustering rule instead of the in-article greedy pass",
        choices=("greedy", "resolve"),
    ),
    Setting(
        "llm_url", "llm", "url", "SITREP_LLM_URL", "str",
        "OpenAI-compatible endpoint for `--extractor llm`",
    ),
    Setting("llm_model", "llm", "model", "SITREP_LLM_MODEL", "str", "model name sent to that endpoint"),
    Setting(
        "llm_api_key", "llm", "api_key", "SITREP_LLM_API_KEY", "str",
        "bearer token for that endpoint, if it needs one",
    ),
    Setting(
        "llm_timeout", "llm", "timeout", "SITREP_LLM_TIMEOUT", "float",
        "seconds to wait for one LLM answer (default 120)", minimum=0,
    ),
)  # fmt: skip

#: The variable naming the user's settings file.
CONFIG_ENV = "SITREP_CONFIG"


@dataclass(frozen=True)
class Settings:
    """Every setting, validated. Optional paths and strings are ``None`` when not set."""

    db: str
    host: str
    port: int
    shared_data: Path | None
    gazetteer_index: Path | None
    sqlite_cache_mb: int
    story_encoder: str
    event_model: Path | None
    classifier_embeddings: bool
    classifier: str
    merge: str
    llm_url: str | None
    llm_model: str
    llm_api_key: str | None
    llm_timeout: float


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_KINDS = {
    "str": "a string",
    "path": "a path",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
}


def user_config_path() -> Path:
    """The user's settings file (it need not exist)."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sitrep" / "config.toml"


def _convert(setting: Setting, value: Any, source: str) -> Any:
    """``value`` (from a TOML file, or a variable's text) as the setting's type."""
    kind = setting.kind
    text = value.strip() if isinstance(value, str) else value
    try:
        if kind in ("str", "path"):
            if not isinstance(text, str):
                raise ValueError
            if text == "":
                return None
            return Path(text).expanduser() if kind == "path" else text
        if kind == "choice":
            if not isinstance(text, str) or text.lower() not in setting.choices:
                raise ConfigError(
                    f"{source} must be {', '.join(setting.choices[:-1])} or "
                    f"{setting.choices[-1]}, got {value!r}"
                )
            return text.lower()
        if kind == "bool":
            if isinstance(text, bool):
                return text
            if isinstance(text, str) and text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise ValueError
        if isinstance(text, bool):
            raise ValueError
        number = int(text) if kind == "int" else float(text)
    except (TypeError, ValueError):
        raise ConfigError(f"{source} must be {_KINDS[kind]}, not {value!r}") from None
    if setting.minimum is not None and number < setting.minimum:
        raise ConfigError(f"{source} must be at least {setting.minimum:g}, not {value!r}")
    return number


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"settings file {path} cannot be read: {exc}") from None


def _layer(data: dict[str, Any], origin: str) -> dict[str, Any]:
    """A TOML file's values by attribute, checked against :data:`SETTINGS`."""
    by_place = {(s.section, s.key): s for s in SETTINGS if s.section}
    values: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: '{section}' must be a [section], not a value")
        for key, value in table.items():
            setting = by_place.get((section, key))
            if setting is None:
                known = ", ".join(s.toml_key for s in SETTINGS if s.toml_key)
                raise ConfigError(f"{origin}: unknown setting [{section}] {key} (known: {known})")
            source = f"{setting.toml_key} in {origin}"
            values[setting.attr] = _convert(setting, value, source)
    return values


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    values = {s.attr: s.default for s in SETTINGS if not s.section}
    values.update(_layer(_read_toml(DEFAULTS_FILE), str(DEFAULTS_FILE)))
    missing = {s.attr for s in SETTINGS} - set(values)
    if missing:  # the packaged file is the one list of defaults
        raise ConfigError(f"{DEFAULTS_FILE} lacks defaults for {sorted(missing)}")
    return values


@lru_cache(maxsize=4)
def _user_layer(path: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    return _layer(_read_toml(path), str(path))


def _user_values() -> dict[str, Any]:
    path = user_config_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        if os.environ.get(CONFIG_ENV):
            raise ConfigError(f"{CONFIG_ENV} names {path}, which does not exist") from None
        return {}
    except OSError as exc:
        raise ConfigError(f"settings file {path} cannot be read: {exc}") from None
    return _user_layer(path, (stat.st_mtime_ns, stat.st_size))


def defaults() -> Settings:
    """The packaged defaults alone (no user file, no environment)."""
    return Settings(**_defaults())


def settings() -> Settings:
    """Defaults, overridden by the user file, overridden by ``SITREP_*`` variables.

    An empty variable counts as not set.
    """
    values = {**_defaults(), **_user_values()}
    for setting in SETTINGS:
        raw = os.environ.get(setting.env)
        if raw is not None and raw.strip() != "":
            values[setting.attr] = _convert(setting, raw, setting.env)
    return Settings(**values)
