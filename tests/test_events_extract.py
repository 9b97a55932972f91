"""The rule coder on hand-written news: types, dates, places, actors, modality, provenance."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import ConfigError
from sitrep.events.extract import RuleExtractor, extract, get_extractor
from sitrep.models import Analysis, Document

PUBLISHED = datetime(2024, 1, 24)


def code(text: str, published: datetime | None = PUBLISHED, doc_id: str = "doc") -> Analysis:
    return extract(Document(id=doc_id, text=text, published=published))


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("US warplanes carried out airstrikes on Kataib Hezbollah positions in Jurf al-Sakhar "
         "on Sunday, killing 25 fighters.", "Air/drone strike"),
        ("Fifteen to 20 rockets struck Camp Taji north of Baghdad on Wednesday, killing two US "
         "service members.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded near a convoy carrying supplies in Diwaniyah on Monday.",
         "Remote explosive/landmine/IED"),
        ("Thousands of protesters demonstrated outside the US embassy in Baghdad on Friday "
         "against the strikes.", "Peaceful protest"),
        ("Iraqi security forces clashed with Islamic State militants in Kirkuk on Tuesday, "
         "killing three militants.", "Armed clash"),
        ("Iraqi police arrested a man suspected of launching rockets at Baghdad airport on "
         "Tuesday.", "Arrests"),
        ("Gunmen abducted two civilians in Basra on Saturday, police said.",
         "Abduction/forced disappearance"),
        ("All three drones were intercepted and shot down near Erbil airport on Thursday, the "
         "coalition said.", "Disrupted weapons use"),
    ],
)  # fmt: skip
def test_sub_event_type_families(sentence, sub_event_type):
    events = code(sentence).events
    assert [e.sub_event_type for e in events] == [sub_event_type]
    assert events[0].event_type and events[0].disorder_type


@pytest.mark.parametrize(
    "text",
    [
        "The US is expected to strike Iran-backed militias in Iraq in the coming days.",
        "Analysts say further American strikes could push Baghdad closer to Tehran.",
        "Iraq condemned the US strikes as a violation of its sovereignty on Tuesday.",
        "Iraq's foreign minister met the US ambassador in Baghdad on Tuesday.",
    ],
)
def test_forecast_opinion_and_diplomacy_give_no_event(text):
    assert code(text).events == []


def test_undated_article_keeps_relative_date_empty():
    (event,) = code(
        "Rockets struck Ain al-Asad air base on Monday, injuring two US service members.",
        published=None,
    ).events
    assert event.event_date is None
    assert event.date_precision is None
    assert "cannot be anchored" in event.reasons["event_date"]
    assert event.injuries == 2


def test_dated_article_anchors_weekday_on_publication():
    (event,) = code("Rockets struck Ain al-Asad air base on Monday.").events
    assert event.event_date == "2024-01-22"
    assert event.date_precision == "day"
    assert event.time_precision == 1


def test_old_strike_in_a_later_article_is_background_and_not_dated_at_publication():
    (event,) = code(
        "In January 2020, Iran fired ballistic missiles at Ain al-Asad air base."
    ).events
    assert event.background is True
    assert event.event_date == "2020-01-01"
    assert event.date_precision == "month"
    assert event.event_date != PUBLISHED.date().isoformat()
    assert event.notes and event.notes.startswith("In January 2020,")


def test_sentence_without_date_takes_the_previous_sentence_date():
    text = ("Rockets struck Ain al-Asad air base on Monday. "
            "The attack wounded two US service members, the Pentagon said.")  # fmt: skip
    (event,) = code(text).events
    assert event.event_date == "2024-01-22"
    assert len(event.sources) == 2
    assert event.injuries == 2


def test_claimed_attack_names_the_claimant_as_actor1():
    (event,) = code(
        "The Islamic Resistance in Iraq claimed responsibility for a drone attack on US forces at "
        "Al-Tanf garrison on Sunday."
    ).events
    assert event.modality == "claimed"
    assert event.actor1 == "Islamic Resistance in Iraq"
    assert event.claimed_by == "Islamic Resistance in Iraq"
    assert event.actor2 and event.actor2.startswith("Military Forces of the United States")
    assert event.interaction == 38
    assert event.location == "Al-Tanf garrison"


def test_conflicting_accounts_make_one_contested_event_citing_both_sentences():
    text = ("Militia officials said a US drone strike hit a PMF headquarters in Baghdad on "
            "Thursday. US Central Command denied that it had carried out any strike in Baghdad on "
            "Thursday.")  # fmt: skip
    (event,) = code(text, published=datetime(2024, 1, 5)).events
    assert event.modality == "contested"
    assert len(event.sources) == 2
    assert "conflicting accounts" in event.reasons["modality"]


def test_munitions_range_is_kept():
    (event,) = code("Fifteen to 20 rockets struck Camp Taji north of Baghdad on Wednesday.").events
    assert event.munitions is not None
    assert (event.munitions["min"], event.munitions["max"]) == (15, 20)
    assert event.munitions["kind"] == "rocket"
    assert "rocket" in " ".join(event.weapons)


def test_listed_places_are_disaggregated_into_one_event_each():
    events = code(
        "Roadside bombs struck convoys in Babil, Diwaniyah and Dhi Qar on Tuesday, Iraqi security "
        "sources said."
    ).events
    assert len(events) == 3
    assert len({e.location for e in events}) == 3
    assert all(e.event_date == "2024-01-23" for e in events)
    assert all("disaggregation" in e.reasons for e in events)


def test_provenance_offsets_are_exact():
    text = ("BAGHDAD — Officials gave no details.\n\nRockets struck Ain al-Asad air base on Monday, "
            "injuring two US service members. Iraq's government said it would investigate.")  # fmt: skip
    analysis = code(text)
    assert analysis.events
    for event in analysis.events:
        for source in event.sources:
            assert text[source.start : source.end] == source.sentence
            assert source.article_id == "doc"


def test_place_geo_precision_near_and_site():
    (at_base,) = code("Rockets struck Ain al-Asad air base on Monday.").events
    assert at_base.geo_precision == 1
    assert at_base.admin1
    (near,) = code("Three drones were shot down near Erbil on Thursday, the coalition said.").events
    assert near.geo_precision == 2


def test_notes_are_generated_from_the_fields():
    (event,) = code("Rockets struck Ain al-Asad air base on Monday, killing one contractor.").events
    assert event.notes is not None
    assert event.notes.startswith("On 22 January 2024, ")
    assert "Ain al-Asad" in event.notes
    assert event.notes.endswith(f"{event.fatalities} fatalities.")


def test_every_coded_field_has_a_reason_and_analysis_is_filled():
    analysis = code("The Islamic Resistance in Iraq claimed a drone attack on US forces at Al-Tanf "
                    "garrison on Sunday.")  # fmt: skip
    (event,) = analysis.events
    for name in ("event", "sub_event_type", "event_date", "location", "actor1", "fatalities"):
        assert event.reasons.get(name), name
    assert 0.0 < event.confidence <= 1.0
    assert analysis.timexes and analysis.places and analysis.entities
    assert analysis.published == "2024-01-24"


def test_registry():
    assert get_extractor("default").name == "default"
    assert isinstance(get_extractor(), RuleExtractor)
    with pytest.raises(ConfigError, match="unknown extractor"):
        get_extractor("nonsense")


def test_dateline_city_is_not_the_event_place():
    text = ("BEIRUT — Rockets struck Ain al-Asad air base in western Iraq on Monday, "
            "the Pentagon said.")  # fmt: skip
    (event,) = code(text).events
    assert event.location and "Asad" in event.location
    assert event.country == "Iraq"


def test_partial_interception_is_coded_as_the_attack():
    (event,) = code(
        "Most of the missiles were intercepted over Ain al-Asad air base on Saturday, but others "
        "struck the base."
    ).events
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_country_used_as_an_adjective_is_not_a_place():
    (event,) = code("Rockets killed a US civilian contractor at Camp Taji on Wednesday.").events
    assert event.country == "Iraq"


_PIECES = [
    "Rockets struck Ain al-Asad air base on Monday.",
    "The attack wounded two US service members, officials said.",
    "Iraq condemned the strikes on Tuesday.",
    "A US drone strike killed a commander in Baghdad on Thursday.",
    "Analysts say more attacks could follow.",
    "Gunmen abducted two civilians in Basra on Saturday.",
]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_every_source_cites_its_exact_sentence(pieces, breaks):
    text = ""
    for piece, new_paragraph in zip(pieces, breaks, strict=False):
        text += ("\n\n" if new_paragraph and text else " " if text else "") + piece
    for event in code(text).events:
        assert event.sources
        for source in event.sources:
            assert text[source.start : source.end] == source.sentence
