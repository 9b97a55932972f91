"""Approximate country outlines for the report map (longitude, latitude rings).

Hand-simplified from well-known border points (tripoints, border towns, coastline landmarks):
a few dozen vertices per country, good to a few kilometres along straight desert borders and to
tens of kilometres along rivers and mountains. They are for orientation on a printed map, never
for deciding which country a place is in (the gazetteer does that).
"""

from __future__ import annotations

Ring = list[tuple[float, float]]

IRAQ: Ring = [
    (42.36, 37.11), (42.78, 37.38), (43.48, 37.24), (44.23, 37.27), (44.79, 37.15),
    (45.00, 36.75), (45.43, 35.98), (46.15, 35.09), (45.65, 34.58), (45.42, 33.97),
    (46.11, 33.02), (47.33, 32.47), (47.85, 31.71), (47.68, 30.98), (48.03, 30.49),
    (48.55, 29.95), (47.97, 29.98), (47.30, 30.06), (46.55, 29.10), (44.72, 29.18),
    (42.08, 31.11), (40.41, 31.95), (39.20, 32.16), (38.79, 33.38), (40.99, 34.42),
    (41.22, 35.62), (41.38, 36.40), (42.10, 36.80),
]  # fmt: skip

SYRIA: Ring = [
    (42.36, 37.11), (41.21, 37.07), (40.07, 36.84), (39.52, 36.72), (38.70, 36.71),
    (38.17, 36.90), (37.07, 36.62), (36.69, 36.83), (36.66, 36.26), (36.39, 36.21),
    (36.15, 35.82), (35.92, 35.93), (35.78, 35.50), (35.91, 35.05), (35.97, 34.65),
    (36.45, 34.60), (36.61, 34.20), (36.07, 33.82), (35.82, 33.28), (35.63, 32.69),
    (36.83, 32.31), (38.79, 33.38), (40.99, 34.42), (41.22, 35.62), (41.38, 36.40),
    (42.10, 36.80),
]  # fmt: skip

JORDAN: Ring = [
    (35.63, 32.69), (36.83, 32.31), (38.79, 33.38), (39.20, 32.16), (37.00, 31.50),
    (38.00, 30.50), (37.50, 30.00), (36.75, 29.87), (36.07, 29.19), (34.96, 29.36),
    (35.20, 30.10), (35.45, 31.10), (35.55, 31.75), (35.57, 32.40),
]  # fmt: skip

#: Country name (as in the event records) -> outline ring.
OUTLINES: dict[str, Ring] = {"Iraq": IRAQ, "Syria": SYRIA, "Jordan": JORDAN}
