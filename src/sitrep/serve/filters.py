"""Checks on the event filter's query parameters, shared by the JSON API and the HTML pages.

Both :mod:`sitrep.serve.api` and :mod:`sitrep.serve.pages` read the same parameters (``bbox``,
dates, free text, repeated lists); the checks live here so that neither imports the other, and
the values are parsed by :mod:`sitrep.filters`, as on the command line.
"""

from __future__ import annotations

from datetime import date

from sitrep import filters
from sitrep.errors import ConfigError
from sitrep.serve.errors import ApiError

__all__ = ["parse_bbox", "parse_day", "reject_nul"]


def reject_nul(name: str, value: str | None) -> None:
    """NUL characters cannot be stored or compared in PostgreSQL text; refuse them up front."""
    if value is not None and "\x00" in value:
        raise ApiError(422, f"parameter {name!r} contains a NUL character")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` (:func:`sitrep.filters.parse_bbox`); a 422 if not."""
    if value is None or value == "":
        return None
    try:
        return filters.parse_bbox("bbox", value)
    except ConfigError as exc:
        raise ApiError(422, str(exc)) from None


def parse_day(name: str, value: str | None) -> date | None:
    """``YYYY-MM-DD`` (:func:`sitrep.filters.parse_date`); a 422 if not."""
    if value is None:
        return None
    try:
        return filters.parse_date(name, value)
    except ConfigError as exc:
        raise ApiError(422, str(exc)) from None
