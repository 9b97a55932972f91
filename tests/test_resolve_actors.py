"""Actor knowledge base: aliases and transliterations, period names, units, vague actors,
mentions in text, provisional entries and the pure add/merge table operations."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import ConfigError
from sitrep.resolve.actors import ActorKB, add_provisional, merge


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.default()


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Kataib Hezbollah", "Kataib Hezbollah"),
        ("Kata'eb Hezbollah", "Kataib Hezbollah"),
        ("Kataeb Hizballah", "Kataib Hezbollah"),
        ("Hezbollah Brigades", "Kataib Hezbollah"),
        ("KH", "Kataib Hezbollah"),
        (
            "Popular Mobilisation Units",
            "Military Forces of Iraq (2022-) Popular Mobilization Forces",
        ),
        ("al-Hashd al-Shaabi", "Military Forces of Iraq (2022-) Popular Mobilization Forces"),
        ("PMU", "Military Forces of Iraq (2022-) Popular Mobilization Forces"),
        ("al-Nujaba Movement", "Harakat Hezbollah al-Nujaba"),
        ("Nujaba", "Harakat Hezbollah al-Nujaba"),
        ("Asa'ib Ahl al-Haq", "Asaib Ahl al-Haq"),
        ("Kataib Sayyid al-Shuhada", "Kataib Sayyid al-Shuhada"),
        ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq"),
        ("Ansar Allah", "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("Hamas", "Hamas Movement"),
        ("PKK", "PKK: Kurdistan Workers Party"),
        ("SDF", "SDF: Syrian Democratic Forces"),
        ("YPG", "YPG: People's Protection Units"),
    ],
)
def test_aliases_resolve_to_canonical_names(kb: ActorKB, raw: str, canonical: str) -> None:
    match = kb.resolve(raw, country="Iraq")
    assert match.canonical == canonical
    assert match.provisional is False


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 1, 3), "Military Forces of the United States (2017-2021)"),
        (date(2021, 1, 20), "Military Forces of the United States (2021-)"),
        (date(2024, 1, 28), "Military Forces of the United States (2021-)"),
        (date(2025, 3, 1), "Military Forces of the United States (2025-)"),
    ],
)
def test_state_forces_take_the_period_name_of_the_event_date(
    kb: ActorKB, on: date, expected: str
) -> None:
    assert kb.resolve("US forces", country="Iraq", on=on).canonical == expected


def test_islamic_state_is_named_after_the_event_country(kb: ActorKB) -> None:
    assert kb.resolve("ISIS", country="Iraq").canonical == "Islamic State (Iraq)"
    assert kb.resolve("Daesh", country="SY").canonical == "Islamic State (Syria)"


def test_units_append_to_the_parent_period_name(kb: ActorKB) -> None:
    cts = kb.resolve("Counter Terrorism Service", country="Iraq", on=date(2023, 3, 1))
    assert cts.canonical == "Military Forces of Iraq (2022-) Counter Terrorism Service"
    quds = kb.resolve("IRGC Quds Force", country="Iran")
    assert quds.canonical.startswith("Military Forces of Iran (1989-)") and quds.inter == 1


def test_state_forces_abroad_are_external(kb: ActorKB) -> None:
    assert kb.resolve("Turkish drones", country="Iraq").inter == 8
    assert kb.resolve("Turkish drones", country="Turkey").inter == 1
    assert kb.resolve("American drones", country="Syria").inter == 8


@pytest.mark.parametrize(
    ("raw", "country", "canonical", "inter"),
    [
        ("Iran-backed militias", "Iraq", "Unidentified Armed Group (Iraq)", 3),
        ("unidentified gunmen", "Syria", "Unidentified Armed Group (Syria)", 3),
        ("American drones", "Iraq", "Military Forces of the United States (2021-)", 8),
        ("the Pentagon", "Iraq", "Military Forces of the United States (2021-)", 8),
        ("a farmer", "Iraq", "Civilians (Iraq)", 7),
        ("civilians", "SY", "Civilians (Syria)", 7),
        ("protesters", "Iraq", "Protesters (Iraq)", 6),
        ("Iraqi troops", "Iraq", "Military Forces of Iraq (2022-)", 1),
        ("Iraqi police", "Iraq", "Police Forces of Iraq (2022-)", 1),
    ],
)
def test_vague_actors_map_to_generic_canonical_actors(
    kb: ActorKB, raw: str, country: str, canonical: str, inter: int
) -> None:
    match = kb.resolve(raw, country=country, on=date(2023, 6, 1))
    assert (match.canonical, match.inter) == (canonical, inter)
    assert match.raw == raw


def test_unknown_actor_is_provisional_not_dropped(kb: ActorKB) -> None:
    match = kb.resolve("the Ahrar al-Sharqiya brigade", country="Syria")
    assert match.provisional is True
    assert match.canonical == "Ahrar al-Sharqiya brigade"
    assert match.country == "Syria"


def test_find_mentions_spans(kb: ActorKB) -> None:
    text = (
        "Iran-backed militants fired rockets at US forces; Kataib Hezbollah militants denied it. "
        "U.S. Central Command said American drones struck a KH site, killing a shepherd."
    )
    mentions = kb.find_mentions(text, country="Iraq", on=date(2024, 2, 1))
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.raw
    names = [m.canonical for m in mentions]
    assert names == [
        "Unidentified Armed Group (Iraq)",
        "Military Forces of the United States (2021-)",
        "Kataib Hezbollah",
        "Military Forces of the United States (2021-)",
        "Military Forces of the United States (2021-)",
        "Kataib Hezbollah",
        "Civilians (Iraq)",
    ]


def test_acronyms_match_case_sensitively(kb: ActorKB) -> None:
    assert not [
        m
        for m in kb.find_mentions("He said it is over.", country="Iraq")
        if m.canonical.startswith("Islamic State")
    ]
    assert kb.find_mentions("IS claimed it.", country="Iraq")[0].canonical == "Islamic State (Iraq)"


def test_get_returns_affiliations_and_people(kb: ActorKB) -> None:
    entry = kb.get("Kataib Hezbollah")
    assert entry is not None and entry["inter"] == 3
    targets = {(a["relation"], a["target"]) for a in entry["affiliations"]}
    assert ("member_of", "Popular Mobilization Forces") in targets
    assert ("member_of", "Islamic Resistance in Iraq") in targets
    assert ("backed_by", "Military Forces of Iran") in targets
    assert any(p["name"] == "Abu Mahdi al-Muhandis" for p in entry["people"])
    quds = kb.get("Quds Force")
    assert quds is not None and any(
        p["name"] == "Qasem Soleimani" and p["role"] == "commander" for p in quds["people"]
    )
    assert (
        kb.get("Military Forces of the United States (2021-)")["canonical"]
        == "Military Forces of the United States"
    )  # type: ignore[index]
    assert kb.get("No Such Group") is None


def test_affiliations_by_date(kb: ActorKB) -> None:
    before = {a["target"] for a in kb.affiliations("Kataib Hezbollah", on=date(2022, 1, 1))}
    after = {a["target"] for a in kb.affiliations("Kataib Hezbollah", on=date(2024, 1, 1))}
    assert "Islamic Resistance in Iraq" not in before and "Islamic Resistance in Iraq" in after


def test_seeded_acled_names_are_known(kb: ActorKB) -> None:
    assert any(e.get("source") == "acled" for e in kb.all())
    assert (
        kb.resolve("AQAP", country="Yemen").canonical == "AQAP: Al Qaeda in the Arabian Peninsula"
    )


def test_add_provisional_is_pure_and_idempotent() -> None:
    table = [{"canonical": "Kataib Hezbollah", "aliases": ["KH"], "inter": 3}]
    new_table, entry = add_provisional(table, "the Ahrar al-Furat group", country="Syria", inter=2)
    assert len(table) == 1 and len(new_table) == 2
    assert entry == new_table[-1] and entry["provisional"] is True and entry["country"] == "SY"
    again, existing = add_provisional(new_table, "Ahrar al-Furat group")
    assert len(again) == 2 and existing["canonical"] == entry["canonical"]
    same, known = add_provisional(table, "KH")
    assert len(same) == 1 and known["canonical"] == "Kataib Hezbollah"


def test_merge_folds_aliases_and_rewrites_references() -> None:
    table = [
        {"canonical": "Kataib Hezbollah", "aliases": ["KH"], "affiliations": []},
        {
            "canonical": "Hezbollah Brigades group",
            "aliases": ["HB"],
            "provisional": True,
            "people": [{"name": "X", "role": "spokesman"}],
        },
        {
            "canonical": "Saraya Awliya al-Dam",
            "affiliations": [{"relation": "front_for", "target": "Hezbollah Brigades group"}],
        },
    ]
    merged = merge(table, "Hezbollah Brigades group", "Kataib Hezbollah")
    assert len(table) == 3 and len(merged) == 2
    kh = merged[0]
    assert set(kh["aliases"]) == {"KH", "Hezbollah Brigades group", "HB"}
    assert kh["people"] == [{"name": "X", "role": "spokesman"}] and kh["provisional"] is False
    assert merged[1]["affiliations"][0]["target"] == "Kataib Hezbollah"
    with pytest.raises(ConfigError, match="'Nobody' is not in the actor table"):
        merge(table, "Nobody", "Kataib Hezbollah")
