"""Who did what to whom: actor names in ACLED's style and actor1/actor2 roles from wording."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitrep.events.actors import article_actors, assign_roles, find_actors, role_of
from sitrep.events.extract import extract
from sitrep.models import Document, EventRecord

ON = date(2024, 1, 24)
US = "Military Forces of the United States (2021-)"


def roles(sentence: str, country: str = "Iraq") -> tuple[str | None, str | None]:
    found = assign_roles(sentence, find_actors(sentence, country=country, on=ON), country=country)
    return (
        found.actor1.canonical if found.actor1 else None,
        found.actor2.canonical if found.actor2 else None,
    )


@pytest.mark.parametrize(
    ("sentence", "actor1", "actor2"),
    [
        # passive voice: the attacker follows "by", the target is the subject
        ("US forces were attacked by Kataib Hezbollah near Erbil.", "Kataib Hezbollah", US),
        # "X struck Y"
        ("US warplanes struck Kataib Hezbollah positions in al-Qaim.", US, "Kataib Hezbollah"),
        # possessive means of attack: "a US drone strike" is the US's
        ("A US drone strike killed two Kataib Hezbollah commanders in Baghdad.", US,
         "Kataib Hezbollah"),
        # the site hit belongs to its users
        ("US aircraft struck buildings used by Kataib Hezbollah at the border.", US,
         "Kataib Hezbollah"),
        # a place-implied target with no attacker named
        ("Rockets struck a base hosting US forces in Erbil.", "Unidentified Armed Group (Iraq)",
         US),
        # a source of the report is not a side (the record later gets the unidentified group)
        ("Rockets hit Ain al-Asad air base, the Pentagon said.", None, None),
        # a clause boundary stops a target cue ("said on Saturday that US strikes ...")
        ("The government said on Saturday that US strikes killed 16 people in al-Qaim.", US,
         None),
        # the PMF is coded as part of Iraq's state forces
        ("The strikes targeted positions of the Popular Mobilisation Forces in al-Qaim.",
         "Unidentified Armed Group (Iraq)",
         "Military Forces of Iraq (2022-) Popular Mobilization Forces"),
    ],
)  # fmt: skip
def test_roles_follow_sentence_structure(sentence: str, actor1: str, actor2: str | None) -> None:
    assert roles(sentence) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "raw", "role"),
    [
        ("Kataib Hezbollah fired rockets at the base.", "Kataib Hezbollah", "agent"),
        ("Rockets were fired at US forces in Syria.", "US forces", "target"),
        ("US service members were wounded in the attack.", "US service members", "target"),
        ("Rockets landed near the US embassy in Baghdad.", "US embassy", "speaker"),
        ("The attack was claimed, according to the Pentagon.", "Pentagon", "speaker"),
    ],
)
def test_role_of_one_mention(text: str, raw: str, role: str) -> None:
    mention = next(m for m in find_actors(text, country="Iraq", on=ON) if raw in m.raw)
    assert role_of(text, mention)[0] == role


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 1, 3), "Military Forces of Iraq (2018-2020) Popular Mobilization Forces"),
        (date(2021, 6, 1), "Military Forces of Iraq (2020-2022) Popular Mobilization Forces"),
        (date(2024, 2, 2), "Military Forces of Iraq (2022-) Popular Mobilization Forces"),
    ],
)
def test_pmf_takes_the_iraqi_period_of_the_event_date(on: date, expected: str) -> None:
    (pmf,) = find_actors("the PMF said", country="Iraq", on=on)
    assert pmf.canonical == expected and pmf.inter == 1


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("military forces fired artillery at the village", "Myanmar",
         "Military Forces of Myanmar (2021-)"),
        ("police officers arrested three men", "Turkey", "Police Forces of Turkey"),
        ("gang members shot a bus driver", "Guatemala", "Unidentified Gang (Guatemala)"),
        ("a group of locals beat a thief", "India", "Civilians (India)"),
        ("Iranian missile strikes hit Erbil", "Iraq",
         "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"),
        ("Nujaba fighters", "Iraq", "Harakat Hezbollah al-Nujaba"),
    ],
)  # fmt: skip
def test_generic_phrases_map_to_acled_names(text: str, country: str, expected: str) -> None:
    names = [m.canonical for m in find_actors(text, country=country, on=date(2022, 3, 1))]
    assert any(name.startswith(expected) for name in names), names


def test_named_forces_are_not_the_states() -> None:
    names = [m.canonical for m in find_actors("TNLA troops entered the market", country="Myanmar")]
    assert not any(n.startswith("Military Forces of Myanmar") for n in names)


def test_generic_actor_takes_the_event_country() -> None:
    (event,) = extract(
        Document(
            id="d",
            text="Protesters gathered outside parliament in Baghdad on Monday.",
            published=datetime(2024, 1, 24),
        )
    ).events
    assert event.actor1 == f"Protesters ({event.country})"


def _event(**values: object) -> EventRecord:
    base: dict[str, object] = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "country": "Iraq", "reasons": {},
    }  # fmt: skip
    base.update(values)
    return EventRecord(**base)  # type: ignore[arg-type]


def test_article_claim_names_the_attacker_of_an_unattributed_attack() -> None:
    text = (
        "A drone struck Tower 22 on Sunday, killing three US soldiers. "
        "The Islamic Resistance in Iraq claimed the attack."
    )
    attack = _event(actor1="Unidentified Armed Group (Iraq)", inter1=3, actor2=US, inter2=8)
    (out,) = article_actors([attack], text, on=ON)
    assert out.actor1 == "Islamic Resistance in Iraq"
    assert "claimed" in out.reasons["actor1"]
    assert out.interaction == 38


def test_article_strikes_share_their_one_named_attacker() -> None:
    first = _event(actor1=US, inter1=8, actor2="Kataib Hezbollah", inter2=3,
                   reasons={"actor1": "'US warplanes' names the means of attack"})  # fmt: skip
    second = _event(actor1="Unidentified Armed Group (Iraq)", inter1=3,
                    actor2="Kataib Hezbollah", inter2=3)  # fmt: skip
    article_actors([first, second], "US warplanes struck. The strikes killed eight.", on=ON)
    assert second.actor1 == US


def test_unknown_attackers_stay_unidentified_without_a_claim() -> None:
    attack = _event(
        actor1="Unidentified Armed Group (Iraq)", inter1=3, actor1_text="Unknown gunmen",
        actor2=US, inter2=8, sub_event_type="Shelling/artillery/missile attack",
    )  # fmt: skip
    (out,) = article_actors([attack], "Unknown gunmen fired rockets at K-1.", on=ON)
    assert out.actor1 == "Unidentified Armed Group (Iraq)"


@pytest.mark.parametrize(
    ("sub_event_type", "event_type", "expected"),
    [
        # the drones' owner: the armed group the article names most
        ("Disrupted weapons use", "Strategic developments", "Kataib Hezbollah"),
        ("Air/drone strike", "Explosions/Remote violence", "Kataib Hezbollah"),
        # other types keep an unnamed other side empty
        ("Arrests", "Strategic developments", None),
        ("Armed clash", "Battles", None),
    ],
)
def test_unnamed_other_side_of_an_interception_is_the_lead_group(
    sub_event_type: str, event_type: str, expected: str | None
) -> None:
    named = _event(actor1="Kataib Hezbollah", inter1=3, actor2=US, inter2=8)
    stopped = _event(
        actor1=US, inter1=8, sub_event_type=sub_event_type, event_type=event_type,
        reasons={"actor1": "'US forces' is the subject"},
    )  # fmt: skip
    text = "Kataib Hezbollah attacked US forces. US forces shot down two drones on Tuesday."
    article_actors([named, stopped], text, on=ON)
    assert stopped.actor2 == expected
    if expected is not None:
        assert "names most" in stopped.reasons["actor2"]
