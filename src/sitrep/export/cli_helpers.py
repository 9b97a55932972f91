"""Command-line helpers for exports and reports: which format an output file's suffix allows.

The event filter itself is parsed by :mod:`sitrep.filters`, shared with the API and the pages.
"""

from __future__ import annotations

from sitrep.errors import ConfigError

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
