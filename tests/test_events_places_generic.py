"""A generic province name ("Eastern", "Capital") alone does not pick a country: it needs
another name of the note in that country, else the note's admin units stand in for nothing."""

from __future__ import annotations

import pytest

from sitrep.events.places import resolve_qualified


def _coded(text: str) -> list[tuple[str, str | None]]:
    return [(q.place.name, q.place.iso) for q in resolve_qualified(text)]


@pytest.mark.parametrize(
    "text",
    [
        "On 25 April 2022, people staged a protest in Kantale (Kantale, Eastern).",
        "Residents protested in Zzyxville (Zzyxville, Capital) over prices.",
        "Farmers marched in Qwertown (Qwertown, Northern) on Monday.",
    ],
)
def test_a_generic_province_alone_codes_no_arbitrary_country(text: str) -> None:
    assert _coded(text) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # another unit of the note is in the country: the generic name is that country's
        ("Protesters gathered in Kantale (Trincomalee, Eastern).", "LK"),
        ("Gunmen attacked Tamale (Tamale, Northern).", "GH"),
    ],
)
def test_a_generic_province_follows_the_notes_country(text: str, iso: str) -> None:
    coded = _coded(text)
    assert coded and coded[0][1] == iso


def test_a_specific_province_alone_still_stands_in() -> None:
    coded = _coded("Fighting was reported in Zzyxville (Zzyxville, Ituri).")
    assert coded and coded[0] == ("Ituri", "CD")
