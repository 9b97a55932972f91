"""Actor knowledge base, ACLED naming conventions: state forces by any nationality and with
"the" where ACLED writes it, communal/ethnic/clan militias, vague actors named by a qualifier,
acronyms checked against the event's country, a seed table without held-out countries."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.resolve.actors import ActorKB, state_name
from tools.seed_actors import seed_rows

ON = date(2022, 3, 1)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.default()


def names(kb: ActorKB, text: str, country: str | None) -> list[tuple[str, str]]:
    return [(m.raw, m.canonical) for m in kb.find_mentions(text, country=country, on=ON)]


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("Philippines", "the Philippines"),
        ("United States", "the United States"),
        ("Democratic Republic of Congo", "the Democratic Republic of Congo"),
        ("Central African Republic", "the Central African Republic"),
        ("Netherlands", "the Netherlands"),
        ("Solomon Islands", "the Solomon Islands"),
        ("Iraq", "Iraq"),
        ("Honduras", "Honduras"),
        ("Comoros", "Comoros"),
    ],
)
def test_state_names_take_the_where_acled_does(country: str, expected: str) -> None:
    assert state_name(country) == expected


def test_forces_of_a_country_without_a_seed_name_read_the(kb: ActorKB) -> None:
    found = kb.state_forces("Philippines", on=ON)
    assert found is not None and found.canonical.startswith("Military Forces of the Philippines")


@pytest.mark.parametrize(
    ("text", "country", "prefix", "inter"),
    [
        ("Kenyan police officers arrested two men.", "Kenya", "Police Forces of Kenya", 1),
        ("Nigerian ground troops attacked the camp.", "Nigeria", "Military Forces of Nigeria", 1),
        # a state's forces abroad are external forces
        ("Nigerian troops crossed into the town.", "Niger", "Military Forces of Nigeria", 8),
        ("Chilean police dispersed the crowd.", "Chile", "Police Forces of Chile", 1),
    ],
)
def test_state_forces_by_any_nationality(
    kb: ActorKB, text: str, country: str, prefix: str, inter: int
) -> None:
    found = kb.find_mentions(text, country=country, on=ON)
    assert found and found[0].canonical.startswith(prefix)
    assert found[0].inter == inter


@pytest.mark.parametrize(
    ("text", "country", "raw", "canonical"),
    [
        # a province's name: a communal militia
        ("Kaduna militiamen attacked the village.", "Nigeria", "Kaduna militiamen",
         "Kaduna Communal Militia (Nigeria)"),
        # not a place: an ethnic militia
        ("Suspected Pokot militia attacked the ward.", "Kenya", "Pokot militia",
         "Pokot Ethnic Militia (Kenya)"),
        # the kind the text gives wins
        ("Suspected Meru ethnic militia shot a herder.", "Kenya", "Meru ethnic militia",
         "Meru Ethnic Militia (Kenya)"),
        ("Suspected Samburu pastoral militia attacked.", "Kenya", "Samburu pastoral militia",
         "Samburu Ethnic Militia (Kenya)"),
        ("Two Marehan clan militia members shot a driver.", "Somalia", "Marehan clan militia",
         "Marehan Clan Militia (Somalia)"),
        ("An Agoon sub-clan militia clashed with rivals.", "Somalia", "Agoon sub-clan militia",
         "Agoon Sub-Clan Militia (Somalia)"),
        ("Members of an unidentified cult militia shot a man.", "Nigeria",
         "unidentified cult militia", "Unidentified Cult Militia (Nigeria)"),
        # armed herders of a people are that people's militia
        ("Suspected armed Fulani pastoralists invaded the farms.", "Nigeria",
         "armed Fulani pastoralists", "Fulani Ethnic Militia (Nigeria)"),
    ],
)  # fmt: skip
def test_militias_named_as_acled_names_them(
    kb: ActorKB, text: str, country: str, raw: str, canonical: str
) -> None:
    assert (raw, canonical) in names(kb, text, country)


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi militias fired rockets.",  # a nationality: an unidentified armed group
        "Armed militiamen attacked the village.",  # a sentence-initial adjective
        "The militia raped her.",
        "Unidentified militia shot a police officer.",
    ],
)
def test_vague_militias_stay_unidentified(kb: ActorKB, text: str) -> None:
    canonicals = [c for _, c in names(kb, text, "Iraq")]
    assert canonicals and all(c == "Unidentified Armed Group (Iraq)" for c in canonicals)


def test_a_named_militia_after_an_actor_keeps_the_actor(kb: ActorKB) -> None:
    assert names(kb, "Kataib Hezbollah militia fired rockets.", "Iraq") == [
        ("Kataib Hezbollah", "Kataib Hezbollah")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Armed men (assumed Darfur communal militia) looted a vehicle.",
        "Gunmen, presumed to be members of a Darfur communal militia, looted a vehicle.",
    ],
)
def test_vague_words_take_the_name_their_qualifier_gives(kb: ActorKB, text: str) -> None:
    found = kb.find_mentions(text, country="Sudan", on=ON)
    assert found[0].canonical == "Darfur Communal Militia (Sudan)"
    assert found[0].raw in ("Armed men", "Gunmen")


@pytest.mark.parametrize(
    "text",
    [
        "On 9 March, unidentified armed individuals abducted three teenagers.",
        "Unknown persons shot a trader.",
        "Bandits attacked the village.",
    ],
)
def test_more_unidentified_wordings(kb: ActorKB, text: str) -> None:
    found = kb.find_mentions(text, country="Colombia", on=ON)
    assert [m.canonical for m in found] == ["Unidentified Armed Group (Colombia)"]


def test_acronyms_of_foreign_groups_need_the_event_country(kb: ActorKB) -> None:
    """ "NPA" in the Philippines is not France's New Anticapitalist Party."""
    text = "A firefight between the NPA and the military."
    in_france = [c for _, c in names(kb, text, "France")]
    in_philippines = [c for _, c in names(kb, text, "Philippines")]
    assert "NPA: New Anticapitalist Party" in in_france
    assert "NPA: New Anticapitalist Party" not in in_philippines


def test_seed_skips_held_out_countries(tmp_path: Path) -> None:
    acled = tmp_path / "acled.csv"
    fields = ["country", "actor1", "inter1", "actor2", "inter2", "assoc_actor_1", "assoc_actor_2"]
    rows = [
        {"country": "Yemen", "actor1": "Only In Yemen", "inter1": "3", "actor2": "Shared Group",
         "inter2": "2", "assoc_actor_1": "", "assoc_actor_2": ""},
        {"country": "Iraq", "actor1": "Shared Group", "inter1": "2", "actor2": "",
         "inter2": "0", "assoc_actor_1": "Tribe A; Tribe B", "assoc_actor_2": ""},
    ]  # fmt: skip
    with acled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    seeded = {r["name"]: r for r in seed_rows(acled, held_out=("Yemen",))}
    assert set(seeded) == {"Shared Group", "Tribe A", "Tribe B"}
    assert seeded["Shared Group"]["countries"] == "Iraq"
    assert seeded["Shared Group"]["inter"] == "2"
    everything = {r["name"] for r in seed_rows(acled, held_out=())}
    assert "Only In Yemen" in everything


def test_shipped_seed_has_no_held_out_only_names() -> None:
    from sitrep.splits import HELD_OUT_COUNTRIES
    from tools.seed_actors import SEED_PATH

    held = set(HELD_OUT_COUNTRIES)
    with SEED_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert not held & set(row["countries"].split("|")), row["name"]
