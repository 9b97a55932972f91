"""Gazetteer: transliteration-tolerant lookup, supplement bases, context disambiguation,
Arabic script, geoparsing offsets and false-positive filters, GeoNames dump import.

Uses the installed index when it exists; otherwise builds a small one (cities15000 plus the
supplement) from PyPI-shipped data, so no shared data set is needed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.resolve.gazetteer import Gazetteer, haversine_km
from sitrep.resolve.gazetteer_build import build_index, default_index_path, load_geonames_dump


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    installed = default_index_path()
    if installed.exists():
        return installed
    return build_index(
        tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite", cities="cities15000"
    )


@pytest.fixture(scope="session")
def gaz(gazetteer_path: Path) -> Gazetteer:
    return Gazetteer(gazetteer_path)


@pytest.mark.parametrize(
    ("name", "expected", "admin1"),
    [
        ("Ain al-Asad", "Ain al-Asad Air Base", "Al Anbar"),
        ("Ayn al Assad", "Ain al-Asad Air Base", "Al Anbar"),
        ("al-Asad airbase", "Ain al-Asad Air Base", "Al Anbar"),
        ("Jurf al-Nasr", "Jurf al-Sakhar", "Babil"),
        ("Jurf al Sakhr", "Jurf al-Sakhar", "Babil"),
        ("Yousifiyah", "Yusufiyah", "Baghdad"),
        ("Albu Kamal", "Abu Kamal", "Deir ez Zor"),
        ("Al-Bukamal", "Abu Kamal", "Deir ez Zor"),
        ("Tower 22", "Tower 22", "Mafraq"),
        ("al-Tanf", "Al-Tanf garrison", "Homs"),
        ("Harir Air Base", "Harir Air Base", "Erbil"),
        ("K-1 Air Base", "K-1 Air Base", "Kirkuk"),
        ("Rmelan Landing Zone", "Rumeilan Landing Zone", "Hasaka"),
        ("Conoco gas field", "Conoco gas field", "Deir ez Zor"),
        ("Mission Support Site Euphrates", "Mission Support Site Euphrates", "Deir ez Zor"),
        ("Union III", "Union III", "Baghdad"),
        ("Camp Speicher", "Camp Speicher", "Salah al-Din"),
        ("Telafar", "Tal Afar", "Ninewa"),
        ("Shaddadi", "Shaddadi", "Hasaka"),
    ],
)
def test_supplement_places_survive_transliteration(
    gaz: Gazetteer, name: str, expected: str, admin1: str
) -> None:
    best = gaz.lookup(name)[0]
    assert best.name == expected
    assert best.admin1 == admin1
    assert best.iso_numeric in {368, 760, 400}


@pytest.mark.parametrize(
    ("name", "iso"), [("Mosul", "IQ"), ("Irbil", "IQ"), ("Falluja", "IQ"), ("Deir al-Zour", "SY")]
)
def test_geonames_cities_with_variant_spellings(gaz: Gazetteer, name: str, iso: str) -> None:
    assert gaz.lookup(name)[0].iso == iso


def test_arabic_script_name_resolves(gaz: Gazetteer) -> None:
    best = gaz.lookup("الرمادي")[0]
    assert best.iso == "IQ"
    assert haversine_km((best.lat, best.lon), (33.42, 43.31)) < 10


def test_country_hint_disambiguates(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris")[0].iso == "FR"
    assert gaz.lookup("Paris", country="US")[0].iso == "US"
    assert gaz.lookup("Paris", country="United States")[0].iso == "US"


def test_near_point_disambiguates(gaz: Gazetteer) -> None:
    texas = gaz.lookup("Paris", near=(33.0, -96.0))[0]
    assert texas.iso == "US" and haversine_km((texas.lat, texas.lon), (33.0, -96.0)) < 200


def test_feature_word_prefers_the_province(gaz: Gazetteer) -> None:
    assert gaz.lookup("Erbil province")[0].feature == "province"
    assert gaz.lookup("Erbil")[0].feature == "city"


def test_fuzzy_fallback_for_near_misses(gaz: Gazetteer) -> None:
    assert gaz.lookup("Fallujjahh")[0].iso == "IQ"


@pytest.mark.parametrize(
    ("query", "iso", "numeric"),
    [("Iraq", "IQ", 368), ("SY", "SY", 760), ("IRN", "IR", 364), ("368", "IQ", 368)],
)
def test_country_places_carry_numeric_iso(
    gaz: Gazetteer, query: str, iso: str, numeric: int
) -> None:
    place = gaz.country(query)
    assert (
        place is not None
        and place.iso == iso
        and place.iso_numeric == numeric
        and place.feature == "country"
    )


def test_unknown_country_is_none(gaz: Gazetteer) -> None:
    assert gaz.country("Atlantis") is None


@pytest.mark.parametrize(
    ("admin1", "country", "expected"),
    [
        ("Anbar", "Iraq", "Al Anbar"),
        ("Salahuddin", "IQ", "Salah al-Din"),
        ("Nineveh", "IQ", "Ninewa"),
        ("Deir ez-Zor", "SY", "Deir ez Zor"),
        ("Al-Hasakah", "Syria", "Hasaka"),
        ("Dhi Qar", "IQ", "Thi-Qar"),
    ],
)
def test_admin1_place_uses_acled_spelling(
    gaz: Gazetteer, admin1: str, country: str, expected: str
) -> None:
    place = gaz.admin1_place(admin1, country)
    assert place is not None and place.admin1 == expected and place.feature == "province"


def test_nearest_town(gaz: Gazetteer) -> None:
    town = gaz.nearest_town(33.35, 43.78)
    assert town is not None and town.iso == "IQ"
    assert haversine_km((town.lat, town.lon), (33.35, 43.78)) < 30


def test_geoparse_offsets_and_context(gaz: Gazetteer) -> None:
    text = (
        "Drones targeted US forces at Ain al-Asad air base in western Anbar province and near "
        "al-Tanf. President Bashar al-Assad met officials in Damascus. In Baghdad, strikes hit "
        "Jurf al-Sakhar."
    )
    mentions = gaz.geoparse(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    names = {m.place.name for m in mentions if m.place}
    assert {"Ain al-Asad Air Base", "Al-Tanf garrison", "Jurf al-Sakhar"} <= names
    assert "Al Anbar" in {m.place.admin1 for m in mentions if m.place}
    assert not any(m.text.endswith("Assad") for m in mentions)  # a person, not the base


@pytest.mark.parametrize(
    "text",
    [
        "Energy prices rose in March.",
        "The Pentagon said Mobile units were ready.",
        "Iran-backed groups claimed it.",
        "Thomas said the union would strike on Sunday.",
    ],
)
def test_geoparse_skips_common_words(gaz: Gazetteer, text: str) -> None:
    found = {m.text for m in gaz.geoparse(text)}
    assert not found & {"Energy", "March", "Mobile", "Iran", "Thomas", "Sunday"}


def test_geoparse_country_hint_moves_ambiguous_names(gaz: Gazetteer) -> None:
    mention = gaz.geoparse("Officials met in Paris on Monday.", country_hint="US")[0]
    assert mention.place is not None and mention.place.iso == "US"


def test_geoparse_finds_abbreviated_countries(gaz: Gazetteer) -> None:
    isos = {m.place.iso for m in gaz.geoparse("Cases in the U.S. and the UK rose.") if m.place}
    assert {"US", "GB"} <= isos


# --------------------------------------------------------------------------- GeoNames dumps

_DUMP = (
    "\n".join(
        "\t".join(row)
        for row in [
            [
                "9900001",
                "Qaryat al-Test",
                "Qaryat al-Test",
                "Test Village,Qaryat at Test",
                "34.1",
                "43.9",
                "P",
                "PPL",
                "IQ",
                "",
                "18",
                "",
                "",
                "",
                "1200",
                "",
                "100",
                "Asia/Baghdad",
                "2024-01-01",
            ],
            [
                "9900002",
                "Camp Hypothetical",
                "Camp Hypothetical",
                "",
                "33.9",
                "44.1",
                "S",
                "MILB",
                "IQ",
                "",
                "18",
                "",
                "",
                "",
                "0",
                "",
                "90",
                "Asia/Baghdad",
                "2024-01-01",
            ],
            [
                "9900003",
                "Some Road",
                "Some Road",
                "",
                "33.0",
                "44.0",
                "R",
                "RD",
                "IQ",
                "",
                "07",
                "",
                "",
                "",
                "0",
                "",
                "40",
                "Asia/Baghdad",
                "2024-01-01",
            ],
        ]
    )
    + "\n"
)
_ALTERNATES = (
    "1\t9900001\tar\tقرية الاختبار\t\t\t\t\t\t\n2\t9900001\tlink\thttps://example.org\t\t\t\t\t\t\n"
)


def test_load_geonames_dump(tmp_path: Path, gazetteer_path: Path) -> None:
    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, index)
    dump = tmp_path / "IQ.txt"
    dump.write_text(_DUMP, encoding="utf-8")
    alternates = tmp_path / "alternateNames.txt"
    alternates.write_text(_ALTERNATES, encoding="utf-8")
    assert (
        load_geonames_dump(dump, alternate_names=alternates, into=index) == 2
    )  # the road is skipped
    gaz = Gazetteer(index)
    village = gaz.lookup("Test Village")[0]
    assert (village.name, village.admin1, village.source, village.geonameid) == (
        "Qaryat al-Test",
        "Salah al-Din",
        "geonames-dump",
        9900001,
    )
    assert gaz.lookup("قرية الاختبار")[0].geonameid == 9900001
    assert gaz.lookup("Camp Hypothetical")[0].feature == "base"
    # Loading again replaces rather than duplicates.
    assert load_geonames_dump(dump, into=index) == 2
    assert len([p for p in gaz.lookup("Qaryat al-Test", limit=10) if p.geonameid == 9900001]) == 1


def test_load_geonames_zip(tmp_path: Path, gazetteer_path: Path) -> None:
    import zipfile

    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, index)
    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "GeoNames readme")
        handle.writestr("IQ.txt", _DUMP)
    assert load_geonames_dump(archive, into=index) == 2


def test_load_geonames_dump_rejects_bad_rows(tmp_path: Path, gazetteer_path: Path) -> None:
    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, index)
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt line 1"):
        load_geonames_dump(bad, into=index)
    with pytest.raises(InputError, match="does not exist"):
        load_geonames_dump(tmp_path / "missing.txt", into=index)


@pytest.mark.parametrize(
    ("iso", "region"),
    [
        ("IQ", "Middle East"),
        ("SY", "Middle East"),
        ("ug", "Eastern Africa"),
        ("US", "North America"),
        ("MX", "North America"),
        ("AF", "Caucasus and Central Asia"),
        (None, None),
        ("ZZ", None),
    ],
)
def test_acled_region_of_a_country(iso: str | None, region: str | None) -> None:
    from sitrep.resolve.regions import acled_region

    assert acled_region(iso) == region
