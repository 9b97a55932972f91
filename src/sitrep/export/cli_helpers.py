"""Building an ``EventFilter`` from command-line or query-string text, shared by the CLI and API.

Both surfaces take the same option names (``--date-from 2024-01-01``, ``?country=Iraq,Syria``),
so a filter means the same thing wherever it is typed. Errors are ``ConfigError`` naming the
option and the reason, which the CLI turns into exit code 2 and the API into a 400.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sitrep.errors import ConfigError
from sitrep.store.queries import EventFilter

#: Option names accepted by :func:`filter_from_options` (dashes or underscores).
FILTER_OPTIONS: tuple[str, ...] = (
    "date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1",
    "bbox", "q", "background", "modality", "include_false_positives", "include_merged",
)  # fmt: skip

_LISTS = {"event_type", "sub_event_type", "country", "admin1", "modality"}
_BOOLS = {"background", "include_false_positives", "include_merged"}


def parse_date(name: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            f"--{name.replace('_', '-')}: expected YYYY-MM-DD, got {text!r}"
        ) from None


def parse_list(text: str | list[str]) -> list[str]:
    """Comma-separated values (repeated options are joined); blanks dropped."""
    items = text if isinstance(text, list) else [text]
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def parse_bool(name: str, text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"--{name.replace('_', '-')}: expected true or false, got {text!r}")


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat``."""
    parts = parse_list(text)
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        raise ConfigError(f"--bbox: expected min_lon,min_lat,max_lon,max_lat, got {text!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ConfigError(f"--bbox: {text!r} is not a box of longitudes and latitudes")
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
        if name in ("date_from", "date_to"):
            values[name] = parse_date(name, str(raw))
        elif name in _LISTS:
            values[name] = parse_list(raw if isinstance(raw, list) else str(raw)) or None
        elif name in _BOOLS:
            values[name] = parse_bool(name, raw if isinstance(raw, bool) else str(raw))
        elif name == "bbox":
            values[name] = parse_bbox(str(raw))
        else:
            values[name] = str(raw).strip() or None
    flt = EventFilter(**values)  # type: ignore[arg-type]
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ConfigError(f"--date-to {flt.date_to} is before --date-from {flt.date_from}")
    return flt


#: Output formats by file suffix, per kind of output. A suffix outside the kind's table is
#: refused: ``report -o x.pdf`` must not write HTML into a file named .pdf.
OUTPUT_SUFFIXES: dict[str, dict[str, tuple[str, ...]]] = {
    "report": {".html": ("html",), ".htm": ("html",), ".md": ("markdown",),
               ".markdown": ("markdown",)},
    "comparison": {".html": ("html",), ".htm": ("html",), ".md": ("markdown",),
                   ".markdown": ("markdown",)},
    "events": {".csv": ("acled-csv", "csv"), ".jsonl": ("jsonl", "plover"),
               ".ndjson": ("jsonl", "plover"), ".json": ("geojson",),
               ".geojson": ("geojson",), ".parquet": ("parquet",)},
    "articles": {".csv": ("csv",), ".jsonl": ("jsonl",), ".ndjson": ("jsonl",)},
}  # fmt: skip


def output_format(kind: str, path: str | None, given: str | None, default: str) -> str:
    """The format to write ``path`` in: the one its suffix names, the given one if the suffix
    allows it, or ``default`` when there is no file or no suffix. ConfigError otherwise."""
    table = OUTPUT_SUFFIXES[kind]
    suffix = "" if path in (None, "-") else _suffix(str(path))
    if not suffix:
        return given or default
    allowed = table.get(suffix)
    if allowed is None:
        names = ", ".join(sorted(table))
        raise ConfigError(
            f"cannot write {path}: sitrep does not write {kind} as {suffix} files "
            f"(use one of {names})"
        )
    if given is None:
        return allowed[0]
    if given not in allowed:
        raise ConfigError(
            f"cannot write {path}: --format {given} does not go in a {suffix} file "
            f"({suffix} takes {' or '.join(allowed)})"
        )
    return given


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[1] if "." in base.strip(".") else ""
