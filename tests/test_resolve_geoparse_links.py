"""Town names with lower-case links, German ("Landau in der Pfalz") or Spanish, Portuguese and
French ("San Jose del Cabo"), are one toponym, and only when the whole name is known."""

from __future__ import annotations

import pytest

from sitrep.resolve.gazetteer import Gazetteer


def _toponyms(text: str) -> list[str]:
    return [m.text for m in Gazetteer.default().geoparse(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("People demonstrated in Landau in der Pfalz against the measures.", "Landau in der Pfalz"),
        ("About 100 people walked in Plau am See to protest.", "Plau am See"),
        ("People took to the streets in Neustadt in Holstein on Monday.", "Neustadt in Holstein"),
        ("Some 100 people marched in Bad Neustadt an der Saale.", "Bad Neustadt an der Saale"),
        ("Women marched in San Cristobal de las Casas, Chiapas.", "San Cristobal de las Casas"),
        ("Police in San Jose del Cabo arrested two men.", "San Jose del Cabo"),
        ("Gunmen attacked a bar in Vila Nova de Gaia.", "Vila Nova de Gaia"),
        ("Flooding hit Saint-Louis du Sud in Haiti.", "Saint-Louis du Sud"),
    ],
)
def test_a_linked_town_name_is_one_toponym(text: str, name: str) -> None:
    assert name in _toponyms(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Protests were held in Baghdad in Iraq on Friday.", ["Baghdad", "Iraq"]),
        ("Troops moved from Mosul am Tigris sector.", ["Mosul"]),
        ("Aid reached Madrid de los Andes convoys.", ["Madrid"]),
        ("Gunmen shot at Caracas del Norte residents.", ["Caracas"]),
    ],
)
def test_places_linked_by_a_word_stay_apart_when_the_whole_is_unknown(
    text: str, names: list[str]
) -> None:
    found = _toponyms(text)
    for name in names:
        assert name in found


def test_a_town_spelt_as_written_beats_a_smaller_folded_homonym() -> None:
    # "Hassloch" (20,000) and "Hasloch" (1,400) share a folded key; the spelling decides.
    found = Gazetteer.default().geoparse("100 people took to the streets in Hassloch to protest.")
    assert found and found[0].place is not None
    assert found[0].place.name == "Hassloch"
