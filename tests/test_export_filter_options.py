"""Filters from CLI/query-string text: the same option names and errors on both surfaces."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import ConfigError
from sitrep.filters import filter_from_options
from sitrep.store.queries import EventFilter


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, EventFilter()),
        ({"date-from": "2024-01-01", "date_to": "2024-01-31"},
         EventFilter(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31))),
        ({"country": "Iraq, Syria"}, EventFilter(country=["Iraq", "Syria"])),
        ({"country": ["Iraq", "Syria,Jordan"]}, EventFilter(country=["Iraq", "Syria", "Jordan"])),
        ({"bbox": "38,29,49,38"}, EventFilter(bbox=(38.0, 29.0, 49.0, 38.0))),
        ({"background": "false", "include-merged": True},
         EventFilter(background=False, include_merged=True)),
        ({"actor": " kataib ", "q": ""}, EventFilter(actor="kataib")),
    ],
)  # fmt: skip
def test_export_filter_from_options(options: dict[str, object], expected: EventFilter) -> None:
    assert filter_from_options(options) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"date_from": "28/01/2024"}, "--date-from '28/01/2024' is not a date"),
        ({"bbox": "1,2,3"}, "--bbox: expected"),
        ({"bbox": "10,2,3,4"}, "is not a box"),
        ({"background": "maybe"}, "--background: expected true or false"),
        ({"colour": "red"}, "unknown filter option 'colour'"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "is before"),
    ],
)
def test_export_filter_option_errors(options: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        filter_from_options(options)
