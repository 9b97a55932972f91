"""ACLED's actor conventions in the event record: roles by event type, the other side by event
type, state forces named for the record's country, generic names with the record's country."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.events.actors import Roles, assign_roles, find_actors, role_of, set_actors
from sitrep.models import ActorMatch, EventRecord

ON = date(2024, 1, 24)
US = "Military Forces of the United States (2021-)"
KH = "Kataib Hezbollah"
IRAQ_ARMY = "Military Forces of Iraq (2022-)"


def roles(sentence: str, event_type: str | None, country: str = "Iraq") -> tuple[str | None, ...]:
    found = assign_roles(
        sentence, find_actors(sentence, country=country, on=ON), country=country,
        event_type=event_type,
    )  # fmt: skip
    return (
        found.actor1.canonical if found.actor1 else None,
        found.actor2.canonical if found.actor2 else None,
    )


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor1", "actor2"),
    [
        # in a battle both sides take losses: the first side named stays actor1
        ("Five Kataib Hezbollah fighters were killed during a firefight with Iraqi troops.",
         "Battles", KH, IRAQ_ARMY),
        # "X clashed with Y"
        ("Iraqi troops clashed with Kataib Hezbollah near Jurf al-Sakhar.", "Battles", IRAQ_ARMY,
         KH),
        # "fighting between X and Y"
        ("Fighting broke out between Kataib Hezbollah and Iraqi troops in Baghdad.", "Battles",
         KH, IRAQ_ARMY),
        # outside battles the passive casualty verb still marks the side acted upon
        ("Five US soldiers were wounded when Kataib Hezbollah fired rockets.",
         "Explosions/Remote violence", KH, US),
        # "injuries to X": X suffered the attack
        ("Two drones struck the garrison, causing minor injuries to US troops.",
         "Explosions/Remote violence", "Unidentified Armed Group (Iraq)", US),
        # "where X are based": the site of X was attacked
        ("A missile hit near the airport, where US troops are based.",
         "Explosions/Remote violence", "Unidentified Armed Group (Iraq)", US),
        # an attack on armed and civilian targets: the armed side is actor2
        ("The rockets killed a civilian contractor and wounded US troops at the base.",
         "Explosions/Remote violence", "Unidentified Armed Group (Iraq)", US),
    ],
)  # fmt: skip
def test_roles_by_event_type(
    sentence: str, event_type: str, actor1: str | None, actor2: str | None
) -> None:
    assert roles(sentence, event_type) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "raw", "role"),
    [
        ("Police repelled an attack on the station.", "Police", "target"),
        ("Gunmen clashed with Iraqi troops.", "Iraqi troops", "target"),
        ("The strike caused casualties among US forces.", "US forces", "target"),
        ("Kataib Hezbollah fighters were killed in the fighting.", "Kataib Hezbollah", "target"),
    ],
)
def test_role_cues(text: str, raw: str, role: str) -> None:
    mention = next(m for m in find_actors(text, country="Iraq", on=ON) if raw in m.raw)
    assert role_of(text, mention)[0] == role


def test_battle_losses_do_not_make_a_target() -> None:
    text = "Kataib Hezbollah fighters were killed in the fighting."
    mention = next(m for m in find_actors(text, country="Iraq", on=ON) if "Kataib" in m.raw)
    assert role_of(text, mention, event_type="Battles")[0] == "neutral"


def _actor(canonical: str, inter: int, raw: str = "", actor_type: str | None = None) -> ActorMatch:
    return ActorMatch(raw=raw, canonical=canonical, inter=inter, actor_type=actor_type)


def _record(event_type: str, sub: str, country: str = "Kenya") -> EventRecord:
    return EventRecord(
        event_type=event_type, sub_event_type=sub, country=country, event_date="2022-03-01"
    )


def _set(record: EventRecord, actor1: ActorMatch | None, actor2: ActorMatch | None) -> EventRecord:
    set_actors(record, Roles(actor1, actor2, [], [], "test", "test"))
    return record


@pytest.mark.parametrize(
    ("event_type", "sub", "actor1", "actor2", "want1", "want2"),
    [
        # violence against civilians: the victims are civilians, whoever they were
        ("Violence against civilians", "Attack", _actor("Unidentified Armed Group (Kenya)", 3),
         _actor("Police Forces of Kenya", 1), "Unidentified Armed Group (Kenya)",
         "Civilians (Kenya)"),
        ("Violence against civilians", "Attack", _actor("Unidentified Armed Group (Kenya)", 3),
         None, "Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
        # ... and the attacker is never the civilians
        ("Violence against civilians", "Attack", _actor("Civilians (Kenya)", 7), None,
         "Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
        # protests: the protesters act; a peaceful protest has no other side
        ("Protests", "Peaceful protest", None, _actor("Police Forces of Kenya", 1),
         "Protesters (Kenya)", None),
        # the police that intervened are the other side of a protest with intervention
        ("Protests", "Protest with intervention", None, _actor("Police Forces of Kenya", 1),
         "Protesters (Kenya)", "Police Forces of Kenya"),
        # ... but never a crowd of civilians
        ("Protests", "Protest with intervention", None, _actor("Civilians (Kenya)", 7),
         "Protesters (Kenya)", None),
        # mob violence with no victim named: civilians
        ("Riots", "Mob violence", None, None, "Rioters (Kenya)", "Civilians (Kenya)"),
        # generic names take the record's country, not the sentence's first toponym
        ("Riots", "Violent demonstration", _actor("Rioters (Uganda)", 5),
         _actor("Police Forces of Kenya", 1), "Rioters (Kenya)", "Police Forces of Kenya"),
        ("Battles", "Armed clash", _actor("Pokot Ethnic Militia (Uganda)", 4),
         _actor("Police Forces of Kenya", 1), "Pokot Ethnic Militia (Kenya)",
         "Police Forces of Kenya"),
    ],
)  # fmt: skip
def test_event_type_defaults(
    event_type: str,
    sub: str,
    actor1: ActorMatch | None,
    actor2: ActorMatch | None,
    want1: str | None,
    want2: str | None,
) -> None:
    record = _set(_record(event_type, sub), actor1, actor2)
    assert (record.actor1, record.actor2) == (want1, want2)
    assert record.reasons.get("actor1") and (want2 is None or record.reasons.get("actor2"))


def test_interaction_follows_the_defaults() -> None:
    record = _set(_record("Violence against civilians", "Attack"), None, None)
    assert (record.inter1, record.inter2, record.interaction) == (3, 7, 37)
    assert record.civilian_targeting == "Civilian targeting"


def test_generic_state_forces_take_the_record_country() -> None:
    """A sentence read before its country is known names "Unidentified Military Forces";
    the record names them for its own country and the event date."""
    sentence = "Military forces clashed with gunmen near the river."
    mentions = find_actors(sentence, country=None, on=date(2022, 3, 1))
    forces = next(m for m in mentions if m.raw.lower().startswith("military"))
    assert forces.canonical == "Unidentified Military Forces"
    record = _record("Battles", "Armed clash", country="Nigeria")
    set_actors(record, assign_roles(sentence, mentions, event_type="Battles"))
    assert record.actor1 is not None and record.actor1.startswith("Military Forces of Nigeria")
    assert record.actor2 == "Unidentified Armed Group (Nigeria)"
    assert record.actor1_text == "Military forces"


def test_police_without_nationality_are_the_record_country_police() -> None:
    sentence = "On 14 March, police forces raped three girls in the town."
    record = _record("Violence against civilians", "Sexual violence", country="Sudan")
    set_actors(record, assign_roles(sentence, find_actors(sentence), event_type=record.event_type))
    assert record.actor1 is not None and record.actor1.startswith("Police Forces of Sudan")
    assert record.actor2 == "Civilians (Sudan)"


@pytest.mark.parametrize(
    "claim",
    [
        "The Islamic Resistance in Iraq, an umbrella of factions including Kataib Hezbollah and "
        "Harakat al-Nujaba, claimed attacks on three bases.",
        "The Islamic Resistance in Iraq said on Telegram that it had attacked the base.",
    ],
)
def test_the_claimant_is_the_subject_of_the_claim(claim: str) -> None:
    """A group listed inside the claimant's description does not make the claim ambiguous."""
    from datetime import UTC, datetime

    from sitrep.events.extract import extract
    from sitrep.models import Document

    text = (
        "A drone struck a base hosting US forces in Erbil on Sunday, wounding two soldiers. "
        + claim
    )
    doc = Document(id="claim", text=text, published=datetime(2024, 1, 29, tzinfo=UTC))
    attack = next(e for e in extract(doc).events if "Erbil" in e.sources[0].sentence)
    assert attack.actor1 == "Islamic Resistance in Iraq"
    assert "claimed" in attack.reasons["actor1"]
