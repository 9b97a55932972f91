"""The event filter from text: one parser for the command line, the API, the pages and exports.

Every surface takes the same filter (``--date-from 2024-01-01``, ``?country=Iraq,Syria``,
``bbox=38,29,49,38``) and reads it through these functions, so a value means the same thing
wherever it is typed and is refused for the same reason. Errors are ``ConfigError`` whose message
starts with the ``label`` the caller passes (the option or parameter as the user wrote it); the
command line turns them into exit code 2, the HTTP layer into a 422 with the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sitrep.errors import ConfigError
from sitrep.store.queries import EventFilter

__all__ = [
    "FILTER_OPTIONS",
    "filter_from_options",
    "parse_bbox",
    "parse_bool",
    "parse_date",
    "parse_list",
]

#: Option names accepted by :func:`filter_from_options` (dashes or underscores).
FILTER_OPTIONS: tuple[str, ...] = (
    "date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1",
    "bbox", "q", "background", "modality", "include_false_positives", "include_merged",
)  # fmt: skip

_LISTS = {"event_type", "sub_event_type", "country", "admin1", "modality"}
_BOOLS = {"background", "include_false_positives", "include_merged"}


def parse_date(label: str, text: str) -> date:
    """``YYYY-MM-DD``; ``label`` is what the user typed the value as (``--from``, ``date_from``)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(f"{label} {text!r} is not a date (YYYY-MM-DD)") from None


def parse_list(text: str | list[str]) -> list[str]:
    """Comma-separated values (repeated options are joined); blanks dropped."""
    items = text if isinstance(text, list) else [text]
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def parse_bool(label: str, text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{label}: expected true or false, got {text!r}")


def parse_bbox(label: str, text: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat``, checked for order and range."""
    parts = parse_list(text)
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        raise ConfigError(f"{label}: expected min_lon,min_lat,max_lon,max_lat, got {text!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ConfigError(f"{label}: {text!r} is not a box of longitudes and latitudes")
    return min_lon, min_lat, max_lon, max_lat


def filter_from_options(options: Mapping[str, str | list[str] | bool | None]) -> EventFilter:
    """An ``EventFilter`` from option texts; unknown options raise ``ConfigError``."""
    values: dict[str, object] = {}
    for raw_name, raw in options.items():
        name = raw_name.replace("-", "_")
        if name not in FILTER_OPTIONS:
            raise ConfigError(
                f"unknown filter option {raw_name!r}: choose from {', '.join(FILTER_OPTIONS)}"
            )
        if raw is None or raw == "" or raw == []:
            continue
        label = f"--{name.replace('_', '-')}"
        if name in ("date_from", "date_to"):
            values[name] = parse_date(label, str(raw))
        elif name in _LISTS:
            values[name] = parse_list(raw if isinstance(raw, list) else str(raw)) or None
        elif name in _BOOLS:
            values[name] = parse_bool(label, raw if isinstance(raw, bool) else str(raw))
        elif name == "bbox":
            values[name] = parse_bbox(label, str(raw))
        else:
            values[name] = str(raw).strip() or None
    flt = EventFilter(**values)  # type: ignore[arg-type]
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ConfigError(f"--date-to {flt.date_to} is before --date-from {flt.date_from}")
    return flt
