"""Geometry shared by every stage that measures places: one distance, one Earth radius."""

from __future__ import annotations

from sitrep.geo.distance import EARTH_RADIUS_KM, haversine_km

__all__ = ["EARTH_RADIUS_KM", "haversine_km"]
