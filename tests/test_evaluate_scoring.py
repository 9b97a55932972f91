"""evaluate(): event matching rules and per-field scores on hand-made gold."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.evaluate import (
    acled_documents,
    acled_row,
    evaluate,
    haversine_km,
    load_gold,
    normalise_actor,
    normalise_admin,
    sentences_overlap,
)
from sitrep.models import EventRecord, Source


def event(article: str, sentence: str, **fields) -> EventRecord:
    published = fields.pop("published", "2024-01-24")
    return EventRecord(
        sources=[Source(article, None, None, published, sentence, 0, len(sentence))], **fields
    )


GOLD = [
    {"gold_event": "E1", "source": "a.txt", "sentence": "Rockets struck Ain al-Asad on Monday.",
     "event_date": "2024-01-22", "sub_event_type": "Shelling/artillery/missile attack",
     "event_type": "Explosions/Remote violence", "actor1": "Unidentified Armed Group (Iraq)",
     "actor2": "Military Forces of the United States (2021-)", "admin1": "Al Anbar",
     "latitude": 33.79, "longitude": 42.44, "fatalities": 0, "background": False},
    {"gold_event": "E1", "source": "b.txt", "sentence": "The base was hit by rockets on Monday.",
     "event_date": "2024-01-22", "sub_event_type": "Shelling/artillery/missile attack",
     "latitude": 33.79, "longitude": 42.44, "fatalities": 0},
    {"gold_event": "E2", "source": "a.txt", "sentence": "A US drone strike killed two in Baghdad.",
     "event_date": "2024-01-23", "sub_event_type": "Air/drone strike", "latitude": 33.34,
     "longitude": 44.40, "fatalities": 2, "background": False},
]  # fmt: skip


def test_sentence_rule_precision_recall_and_fields():
    pred = [
        event("a.txt", "Rockets struck Ain al-Asad on Monday.", event_date="2024-01-22",
              sub_event_type="Shelling/artillery/missile attack", event_type="Explosions/Remote violence",
              actor1="Unidentified Armed Group (Iraq)", actor2="Military Forces of the United States (2021-2025)",
              admin1="Al-Anbar", latitude=33.80, longitude=42.45, fatalities=0),
        event("a.txt", "Iraq's government condemned the attack.", sub_event_type="Attack"),
    ]  # fmt: skip
    result = evaluate(pred, GOLD, rule="sentence")
    assert result["precision"] == 0.5
    assert result["recall"] == 0.5  # E1 found, E2 missed
    assert result["missed"] == ["E2"]
    fields = result["fields"]
    assert fields["matched"] == 1
    assert fields["sub_event_type_accuracy"] == 1.0
    assert fields["date_exact"] == 1.0
    assert fields["place_within_25km"] == 1.0
    assert fields["admin1_match"] == 1.0
    assert fields["actor1_match"] == 1.0
    assert fields["actor2_match"] == 1.0  # term years are ignored
    assert fields["fatalities_exact"] == 1.0


def test_one_gold_event_told_in_two_articles_counts_once():
    pred = [
        event("a.txt", "Rockets struck Ain al-Asad on Monday.", sub_event_type="x"),
        event("b.txt", "The base was hit by rockets on Monday.", sub_event_type="x"),
    ]
    result = evaluate(pred, GOLD)
    assert result["precision"] == 1.0
    assert result["recall"] == 0.5
    assert result["gold_events"] == 2


def test_wrong_article_does_not_match():
    pred = [event("c.txt", "Rockets struck Ain al-Asad on Monday.", sub_event_type="x")]
    assert evaluate(pred, GOLD)["precision"] == 0.0


def test_background_events_dated_at_publication_are_counted():
    pred = [
        event("a.txt", "x", event_date="2024-01-24", background=True),
        event("a.txt", "y", event_date="2020-01-08", background=True),
        event("a.txt", "z", event_date="2024-01-24", background=False),
    ]
    assert evaluate(pred, GOLD)["background_at_publication"] == 1


def test_note_rule_scores_best_prediction_per_acled_row():
    rows = [
        acled_row({"event_id_cnty": "IRQ1", "event_date": "2022-02-23", "sub_event_type": "Armed clash",
                   "fatalities": "1.0", "latitude": "33.3", "longitude": "44.4", "admin1": "Baghdad",
                   "disorder_type": "Demostrations", "timestamp": "1646077433.0", "notes": "On 23 February 2022, ..."}),
        acled_row({"event_id_cnty": "IRQ2", "event_date": "2022-02-24", "sub_event_type": "Attack",
                   "fatalities": "0", "notes": "On 24 February 2022, ..."}),
    ]  # fmt: skip
    assert rows[0]["disorder_type"] == "Demonstrations"
    assert rows[0]["fatalities"] == 1
    pred = [
        event("IRQ1", "s", event_date="2022-02-23", sub_event_type="Armed clash", fatalities=1,
              latitude=33.31, longitude=44.41, admin1="Baghdad", confidence=0.9),
        event("IRQ1", "t", sub_event_type="Attack", confidence=0.2),
    ]  # fmt: skip
    result = evaluate(pred, rows, rule="note")
    assert result["recall"] == 0.5
    assert result["precision"] == 0.5  # the second prediction from the same note is extra
    assert result["fields"]["sub_event_type_accuracy"] == 1.0
    assert result["fields"]["fatalities_exact"] == 1.0
    docs = acled_documents(rows)
    assert docs[0].id == "IRQ1" and docs[0].published is not None
    assert docs[0].published.date().isoformat() == "2022-02-28"
    assert docs[1].published is None


def test_unknown_rule_is_an_input_error():
    with pytest.raises(InputError, match="unknown matching rule"):
        evaluate([], GOLD, rule="fuzzy")  # type: ignore[arg-type]


def test_load_gold_jsonl_reports_the_bad_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{not json\n")
    with pytest.raises(InputError, match="gold.jsonl:2"):
        load_gold(path)
    with pytest.raises(InputError, match="does not exist"):
        load_gold(tmp_path / "missing.jsonl")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Military Forces of the United States (2021-)", "military forces of the United States (2017-2021)", True),
        ("Kataib Hezbollah", "Kataib  Hezbollah", True),
        ("Kataib Hezbollah", "Harakat al-Nujaba", False),
    ],
)  # fmt: skip
def test_actor_normalisation(a, b, same):
    assert (normalise_actor(a) == normalise_actor(b)) is same


@pytest.mark.parametrize(
    ("a", "b"), [("Al Anbar", "Al-Anbar"), ("Dhi Qar", "Thi-Qar"), ("Ninewa", "Ninewa Governorate")]
)
def test_admin1_normalisation(a, b):
    assert normalise_admin(a) == normalise_admin(b)


def test_sentence_overlap():
    assert sentences_overlap("Rockets struck the base.", "BAGHDAD - Rockets struck the base.")
    assert not sentences_overlap("Rockets struck the base.", "Iraq condemned the strikes today.")


@given(st.floats(-80, 80), st.floats(-170, 170))
def test_haversine_zero_to_itself(lat, lon):
    assert haversine_km((lat, lon), (lat, lon)) == pytest.approx(0.0, abs=1e-6)


def test_evaluate_files_reads_event_jsonl_and_picks_the_rule(tmp_path):
    from sitrep.evaluate import evaluate_files
    from sitrep.models import to_dict

    pred = event("a.txt", "Rockets struck Ain al-Asad on Monday.", event_date="2024-01-22",
                 sub_event_type="Shelling/artillery/missile attack")  # fmt: skip
    pred_path = tmp_path / "events.jsonl"
    pred_path.write_text(json.dumps({**to_dict(pred), "extra": 1}) + "\n")
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n")
    result = evaluate_files(pred_path, gold_path)
    assert result["rule"] == "sentence"
    assert result["precision"] == 1.0
    assert result["fields"]["date_exact"] == 1.0


def test_evaluate_cli_codes_acled_notes_itself(tmp_path):
    from sitrep.evaluate import evaluate_cli

    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,sub_event_type,event_type,disorder_type,actor1,fatalities,"
        "latitude,longitude,admin1,country,timestamp,notes\n"
        "IRQ9,2022-03-01,Shelling/artillery/missile attack,Explosions/Remote violence,"
        "Political violence,Unidentified Armed Group (Iraq),0,33.79,42.44,Al Anbar,Iraq,"
        '1646300000,"On 1 March 2022, an unidentified armed group fired rockets at Ain al-Asad '
        'air base (Al Anbar). No casualties were reported. [size=no report]"\n'
    )
    report = evaluate_cli(path)
    assert report["rule"] == "note"
    assert report["recall"] == 1.0
    assert report["field.date_exact"] == 1.0
    assert report["field.sub_event_type_accuracy"] == 1.0
    assert report["missed"] == 0
