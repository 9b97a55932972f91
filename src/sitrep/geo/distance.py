"""Great-circle distance, the one function every stage uses to compare two points.

Place disambiguation, the gazetteer build, the event merge rule, the evaluation's place match and
the comparison with reference datasets all measure kilometres the same way, so a threshold such as
"within 25 km" means the same in each of them.
"""

from __future__ import annotations

import math

__all__ = ["EARTH_RADIUS_KM", "haversine_km"]

#: Mean Earth radius in kilometres (a sphere: the error against the ellipsoid is under 0.5 %).
EARTH_RADIUS_KM = 6371.0


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two ``(lat, lon)`` points in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(h)))
