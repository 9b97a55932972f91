"""How the coder turns classifier probabilities into a sub-event type (extract._sub_event).

Hand-built probability vectors, so each rule is pinned without depending on the trained model.
"""

from __future__ import annotations

import pytest

from sitrep.events.extract import FAMILY_CHECK_BELOW, PARAGRAPH_WEIGHT, _sub_event
from sitrep.events.taxonomy import SUB_EVENT_TYPES


def probs(**weights: float) -> dict[str, float]:
    """A probability vector over all sub-event types, given a few (underscored) names."""
    named = {k.replace("_", " "): v for k, v in weights.items()}
    rest = (1.0 - sum(named.values())) / (len(SUB_EVENT_TYPES) - len(named))
    return {sub: named.get(sub, rest) for sub in SUB_EVENT_TYPES}


def test_paragraph_weight_lets_a_later_sentence_decide_the_protest_type() -> None:
    sentence = "On 2 June 2022, committees staged a protest in the capital."
    paragraph = sentence + " Police intervened with tear gas and arrested five protesters."
    sub, _, _ = _sub_event(
        sentence,
        probs(Peaceful_protest=0.7, Protest_with_intervention=0.2),
        paragraph,
        probs(Peaceful_protest=0.3, Protest_with_intervention=0.6),
    )
    assert PARAGRAPH_WEIGHT > 0.5
    assert sub == "Protest with intervention"


def test_confident_classifier_is_not_overruled_by_family_words() -> None:
    text = "On 5 June 2022, partisans of a governor nominee fought each other over handouts."
    sub, _, reason = _sub_event(text, probs(Mob_violence=FAMILY_CHECK_BELOW + 0.1))
    assert sub == "Mob violence", reason


def test_unsure_classifier_still_needs_family_words() -> None:
    text = "Gunmen attacked an army checkpoint on the highway."
    sub, _, reason = _sub_event(text, probs(Peaceful_protest=0.4, Armed_clash=0.3))
    assert sub == "Armed clash"
    assert "needs its family's words" in reason


@pytest.mark.parametrize(
    ("text", "classifier_says", "expected"),
    [
        # "Shell" the company or town and tear gas shells are not shelling
        ("Fishers staged a protest against the licence granted to Shell.", "Peaceful protest",
         "Peaceful protest"),
        ("Police fired tear gas shells at the demonstrators who pelted stones.",
         "Violent demonstration", "Violent demonstration"),
        # an interception or defusal the classifier saw is not overruled by the weapon's name
        ("On Tuesday, US forces shot down two one-way attack drones heading toward the base.",
         "Disrupted weapons use", "Disrupted weapons use"),
        ("Defusal: soldiers discovered and defused two IEDs planted near the village.",
         "Disrupted weapons use", "Disrupted weapons use"),
        # the active voice is an interception too, whatever the classifier says
        ("On Tuesday, US forces shot down two one-way attack drones heading toward the base.",
         "Air/drone strike", "Disrupted weapons use"),
        ("Air defences intercepted three missiles over the city.",
         "Shelling/artillery/missile attack", "Disrupted weapons use"),
        # mines named as the means of attack are remote explosives, not a clash
        ("The local militia carried out a mine attack against a military convoy.",
         "Armed clash", "Remote explosive/landmine/IED"),
        ("Rebels attacked the troops with remote mines, killing two.", "Armed clash",
         "Remote explosive/landmine/IED"),
        # but not when some got through
        ("Two drones were shot down but a third struck the base.", "Disrupted weapons use",
         "Air/drone strike"),
        # in this theatre "US strikes" are air strikes
        ("US strikes on Friday night killed 16 people in al-Qaim.", "Attack", "Air/drone strike"),
        # the weapon the sentence names first decides
        ("Several rockets were fired at US forces on Monday, after a drone was seen overhead.",
         "Air/drone strike", "Shelling/artillery/missile attack"),
    ],
)  # fmt: skip
def test_weapon_words(text: str, classifier_says: str, expected: str) -> None:
    sub, _, reason = _sub_event(text, probs(**{classifier_says.replace(" ", "_"): 0.45}))
    assert sub == expected, reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 13 May 2022, cadres of two parties clashed at a polling station.", "Mob violence"),
        ("At least 10 people were injured in a clash between two groups of villagers.",
         "Mob violence"),
        ("Supporters of the party clashed with police outside the office.", "Armed clash"),
        # rioters are never an organised armed side, even against soldiers
        ("Palestinian rioters clashed with Israeli military forces during a raid.",
         "Mob violence"),
        ("Soldiers clashed with militants near the village.", "Armed clash"),
    ],
)  # fmt: skip
def test_armed_clash_needs_an_armed_side(text: str, expected: str) -> None:
    sub, _, reason = _sub_event(text, probs(Armed_clash=0.7))
    assert sub == expected, reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 27 May 2022, a mob assaulted and burned a man after he robbed a house.",
         "Mob violence"),
        ("Supporters of the candidate attacked a rival's family with sticks.", "Mob violence"),
        # an armed side named: the classifier's attack stands
        ("Gunmen attacked a crowd of worshippers leaving the mosque.", "Attack"),
        ("Unknown assailants shot dead two villagers on the road.", "Attack"),
    ],
)  # fmt: skip
def test_an_attack_by_a_crowd_is_mob_violence(text: str, expected: str) -> None:
    sub, _, reason = _sub_event(text, probs(Attack=0.7))
    assert sub == expected, reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police blocked the march as the protesters had no permit.", "Protest with intervention"),
        ("Officers dispersed the sit-in with tear gas.", "Protest with intervention"),
        ("Three protesters were arrested outside the ministry.", "Protest with intervention"),
        ("Teachers gathered outside parliament to demand higher pay.", "Peaceful protest"),
        # an arrest the protest is about is no intervention
        ("People protested to demand the release of an MP who was arrested last year.",
         "Peaceful protest"),
        ("Journalists protested against police operations that arrested 20 reporters.",
         "Peaceful protest"),
    ],
)  # fmt: skip
def test_a_protest_the_authorities_stopped_is_one_with_intervention(
    text: str, expected: str
) -> None:
    sub, _, reason = _sub_event(text, probs(Peaceful_protest=0.7))
    assert sub == expected, reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lawyers burned a truck and tyres during a demonstration on the highway.",
         "Violent demonstration"),
        ("Residents staged a demonstration and pelted stones at the demolition team.",
         "Violent demonstration"),
        ("Activists held a demonstration and stormed the provincial office.",
         "Violent demonstration"),
        # burning an effigy is a protest's symbol, not violence
        ("Students burned an effigy of the minister during the protest.", "Peaceful protest"),
        ("A man burned his passport at the protest in a show of defiance.", "Peaceful protest"),
        ("Demonstrators burned flags outside the embassy.", "Peaceful protest"),
    ],
)  # fmt: skip
def test_a_protest_with_the_protesters_own_violence_is_violent(text: str, expected: str) -> None:
    sub, _, reason = _sub_event(text, probs(Peaceful_protest=0.7))
    assert sub == expected, reason
