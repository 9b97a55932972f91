"""The analyst's consistency checks on coded events (issue 14, item 3): no actor on both sides
unless ACLED codes intra-group violence, a denier is never the perpetrator, an event with no
actor and no place says so, and the bundled sample corpus shows none of these absurdities."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from sitrep.events.actors import (
    check_consistency,
    find_actors,
    role_of,
    same_side_allowed,
)
from sitrep.events.extract import extract
from sitrep.events.notes import merge_pair
from sitrep.models import Document, EventRecord, Source


def _record(**fields: object) -> EventRecord:
    base: dict[str, object] = {
        "event_id": "ev-1",
        "sub_event_type": "Air/drone strike",
        "event_type": "Explosions/Remote violence",
        "country": "Iraq",
        "location": "Jurf al-Sakhar",
        "sources": [
            Source(
                article_id="a",
                outlet=None,
                url=None,
                published=None,
                sentence="A drone struck a car.",
                start=0,
                end=21,
            ),
        ],
        "reasons": {},
    }
    base.update(fields)
    return EventRecord(**base)  # type: ignore[arg-type]


def test_intra_group_only_where_acled_codes_it() -> None:
    militia = _record(
        sub_event_type="Armed clash",
        event_type="Battles",
        actor1="Kuluna Communal Militia (Iraq)",
        inter1=4,
        actor2="Kuluna Communal Militia (Iraq)",
        inter2=4,
    )
    assert same_side_allowed(militia)
    check_consistency(militia)
    assert militia.actor2 == militia.actor1  # two factions of one militia clashing: kept
    state = _record(
        sub_event_type="Armed clash",
        event_type="Battles",
        actor1="Military Forces of Iraq (2022-)",
        inter1=1,
        actor2="Military Forces of Iraq (2022-)",
        inter2=1,
    )
    assert not same_side_allowed(state)
    check_consistency(state)
    assert state.actor2 is None
    assert "both sides" in state.reasons["consistency"]


def test_same_actor_keeps_the_side_a_stronger_cue_gave() -> None:
    record = _record(
        actor1="Military Forces of the United States (2017-2021)",
        inter1=8,
        actor2="Military Forces of the United States (2017-2021)",
        inter2=8,
        reasons={
            "actor1": "the article's other Air/drone strike is by Military Forces of ...",
            "actor2": "'US service members' suffered the attack (passive casualty verb)",
        },
    )
    check_consistency(record)
    assert record.actor1 == "Unidentified Armed Group (Iraq)"
    assert record.actor2 == "Military Forces of the United States (2017-2021)"
    assert record.interaction == 38


def test_denier_is_never_actor1() -> None:
    sentence = "US Central Command denied that it had carried out any strike in Iraq that day."
    record = _record(
        sub_event_type="Looting/property destruction",
        event_type="Strategic developments",
        actor1="Military Forces of the United States (2021-)",
        inter1=8,
        actor1_text="US Central Command",
        sources=[
            Source(
                article_id="a",
                outlet=None,
                url=None,
                published=None,
                sentence=sentence,
                start=0,
                end=len(sentence),
            )
        ],
    )
    check_consistency(record)
    assert record.actor1 != "Military Forces of the United States (2021-)"
    assert "denies" in record.reasons["consistency"]


def test_denier_and_officials_describing_are_not_sides() -> None:
    sentence = "US Central Command denied that it had carried out any strike in Iraq that day."
    mentions = find_actors(sentence, country="Iraq")
    assert mentions
    assert role_of(sentence, mentions[0])[0] == "speaker"
    sentence = "Some PMF officials described the explosion as an air strike."
    mention = next(m for m in find_actors(sentence, country="Iraq") if m.raw == "PMF")
    assert role_of(sentence, mention)[0] == "speaker"


def test_coordinated_subject_of_a_passive_is_hit() -> None:
    sentence = (
        "Four US service members and two members of the Iraqi security forces were wounded, "
        "officials said."
    )
    mentions = find_actors(sentence, country="Iraq")
    us = next(m for m in mentions if "US" in m.raw)
    assert role_of(sentence, us, event_type="Explosions/Remote violence")[0] == "target"
    sentence = "Rockets hit the base, which hosts Iraqi forces and American troops, on Friday."
    mentions = find_actors(sentence, country="Iraq")
    american = next(m for m in mentions if "American" in m.raw)
    assert role_of(sentence, american)[0] == "target"


def test_merging_a_retelling_never_puts_the_victim_on_the_attacking_side() -> None:
    first = _record(
        actor1="Unidentified Armed Group (Iraq)",
        inter1=3,
        actor2="Military Forces of the United States (2021-)",
        inter2=8,
    )
    second = _record(
        event_id="ev-2",
        actor1="Military Forces of the United States (2021-)",
        inter1=8,
        reasons={"actor1": "'US troops' is named: the first actor named acts"},
    )
    merged = merge_pair(first, second)
    assert merged.actor1 == "Unidentified Armed Group (Iraq)"


def test_article_with_a_denial_codes_no_attack_by_the_denier() -> None:
    text = (
        "An explosion tore through a weapons depot of the Popular Mobilisation Forces near "
        "Hilla on Friday night, killing two guards, the PMF said.\n\n"
        "The US military denied that it had carried out any strike in Iraq that day."
    )
    doc = Document(id="denial", text=text, published=datetime(2024, 4, 20, 9, 0))
    events = extract(doc).events
    assert events
    for event in events:
        assert event.actor1 != event.actor2 or event.actor1 is None
        assert not (event.actor1 or "").startswith("Military Forces of the United States")
    modalities = {e.modality for e in events}
    assert "contested" in modalities  # the denial is an account of the explosion


def test_detail_sentence_joins_the_event_before_it() -> None:
    text = (
        "Five soldiers and two contractors were injured on Monday in a rocket attack on "
        "Ain al-Asad air base in western Iraq, officials said.\n\n"
        "One of the injured was in serious condition and had been evacuated for treatment, "
        "an official said."
    )
    doc = Document(id="detail", text=text, published=datetime(2024, 8, 6, 7, 30))
    events = extract(doc).events
    assert len(events) == 1
    assert len(events[0].sources) == 2


def test_sample_corpus_has_no_absurd_event() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    try:
        import run  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - the eval folder ships with the repository
        pytest.skip("eval/run.py not available")
    same, bare = [], []
    for doc in run.sample_documents():
        for event in extract(doc).events:
            if event.actor1 and event.actor1 == event.actor2 and not same_side_allowed(event):
                same.append((doc.id, event.sources[0].sentence))
            if not event.actor1 and not event.location:
                bare.append((doc.id, event.sources[0].sentence))
                assert "no actor and no place" in event.reasons.get("consistency", "")
    assert same == []
    assert bare == []
