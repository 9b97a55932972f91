"""Checks on the event filter's query parameters, shared by the JSON API and the HTML pages.

Both :mod:`sitrep.serve.api` and :mod:`sitrep.serve.pages` read the same parameters (``bbox``,
free text, repeated lists); the checks live here so that neither imports the other.
"""

from __future__ import annotations

from sitrep.serve.errors import ApiError

__all__ = ["parse_bbox", "reject_nul"]


def reject_nul(name: str, value: str | None) -> None:
    """NUL characters cannot be stored or compared in PostgreSQL text; refuse them up front."""
    if value is not None and "\x00" in value:
        raise ApiError(422, f"parameter {name!r} contains a NUL character")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four floats, checked for order and range."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4:
        raise ApiError(
            422, f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {value!r}"
        )
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiError(422, f"bbox {value!r} is not a valid lon/lat box (min before max)")
    return numbers  # type: ignore[return-value]
