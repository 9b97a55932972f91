"""SubEventClassifier's two stages: TF-IDF always, the embedding stage only where it is unsure.

The models are trained here on hand-built sentences, and the encoder is a small hashing
bag-of-words (a real encoder, just not MiniLM), so the suite needs neither shared data nor torch.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from sitrep.errors import ConfigError
from sitrep.events.classify import SubEventClassifier, clean_text
from tools.train_sub_event_model import save

TRAIN = [
    ("Hundreds of students protested peacefully outside the ministry.", "Peaceful protest"),
    ("Workers marched and held a rally demanding higher wages.", "Peaceful protest"),
    ("Residents demonstrated against rising fuel prices.", "Peaceful protest"),
    ("A drone strike hit a militia convoy near the border.", "Air/drone strike"),
    ("Warplanes bombed positions of the group overnight.", "Air/drone strike"),
    ("An airstrike targeted a weapons depot.", "Air/drone strike"),
    ("Government forces clashed with rebels for hours.", "Armed clash"),
    ("Militants and soldiers exchanged fire at a checkpoint.", "Armed clash"),
    ("Fighting broke out between the army and the insurgents.", "Armed clash"),
]
_HASHER = HashingVectorizer(n_features=64, alternate_sign=False, norm="l2")


class CountingEncoder:
    """Hashing bag-of-words embeddings that remember which texts they were asked for."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.asarray(_HASHER.transform(texts).toarray(), dtype=np.float32)


def build(gate: float, weight: float = 0.4) -> tuple[SubEventClassifier, CountingEncoder]:
    texts = [clean_text(t) for t, _ in TRAIN]
    labels = [label for _, label in TRAIN]
    pipeline = Pipeline(
        [("features", TfidfVectorizer()), ("model", LogisticRegression(C=5, max_iter=500))]
    ).fit(texts, labels)
    encoder = CountingEncoder()
    second = LogisticRegression(C=5, max_iter=500).fit(encoder(texts), labels)
    encoder.seen.clear()
    meta = {"gate": gate, "embedding_weight": weight}
    return SubEventClassifier(pipeline, meta, second, encoder, embeddings=True), encoder


def test_confident_texts_never_reach_the_embedding_stage() -> None:
    classifier, encoder = build(gate=0.0)
    tfidf = classifier.pipeline.predict_proba([clean_text("Students protested peacefully.")])
    got = classifier.probabilities("Students protested peacefully.")
    assert encoder.seen == []
    assert got == pytest.approx(dict(zip(classifier.classes, tfidf[0], strict=True)))


def test_unsure_texts_mix_both_stages_by_the_weight() -> None:
    classifier, encoder = build(gate=1.01, weight=0.25)
    text = "A drone strike hit the convoy."
    cleaned = clean_text(text)
    first = classifier.pipeline.predict_proba([cleaned])[0]
    second = classifier.embedding_model.predict_proba(CountingEncoder()([cleaned]))[0]
    got = classifier.probabilities(text)
    assert encoder.seen == [cleaned]
    expected = 0.75 * first + 0.25 * second
    assert [got[c] for c in classifier.classes] == pytest.approx(list(expected))


def test_only_the_unsure_rows_are_encoded() -> None:
    classifier, encoder = build(gate=0.0)
    texts = ["Workers marched in a rally.", "qwerty zxcv"]
    tfidf = classifier.pipeline.predict_proba([clean_text(t) for t in texts]).max(axis=1)
    classifier.gate = float(tfidf.mean())  # between the two: one is sure, one is not
    classifier.probabilities_many(texts)
    assert encoder.seen == [clean_text(texts[int(tfidf.argmin())])]


@pytest.mark.parametrize(("value", "encoded"), [(None, False), ("0", False), ("1", True)])
def test_environment_switch_decides_when_the_classifier_does_not(
    monkeypatch: pytest.MonkeyPatch, value: str | None, encoded: bool
) -> None:
    classifier, encoder = build(gate=1.01)
    classifier.embeddings = None
    if value is None:
        monkeypatch.delenv("SITREP_CLASSIFIER_EMBEDDINGS", raising=False)
    else:
        monkeypatch.setenv("SITREP_CLASSIFIER_EMBEDDINGS", value)
    classifier.predict(["Soldiers clashed with rebels."])
    assert bool(encoder.seen) is encoded


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5))
def test_probabilities_are_a_distribution_for_any_text(texts: list[str]) -> None:
    classifier, _ = build(gate=0.7)
    for row in classifier.probabilities_many(texts):
        assert set(row) == set(classifier.classes)
        assert sum(row.values()) == pytest.approx(1.0)
        assert all(0.0 <= p <= 1.0 for p in row.values())


def test_predictions_rank_the_runner_up_below_the_winner() -> None:
    classifier, _ = build(gate=0.7)
    for prediction in classifier.predict(["Warplanes bombed the depot.", "Rebels clashed."]):
        assert prediction.runner_up not in (None, prediction.sub_event_type)
        assert prediction.probability >= prediction.runner_up_probability


def test_stages_with_different_classes_are_refused() -> None:
    classifier, encoder = build(gate=0.5)
    other = LogisticRegression().fit(encoder(["a b", "c d"]), ["Arrests", "Grenade"])
    with pytest.raises(ConfigError, match="classes differ"):
        SubEventClassifier(classifier.pipeline, {}, other)


def test_saved_bundle_loads_both_stages(tmp_path: Path) -> None:
    classifier, _ = build(gate=0.5)
    path = save(
        classifier.pipeline, {"gate": 0.5}, tmp_path / "m.joblib", classifier.embedding_model
    )
    loaded = SubEventClassifier.load(path)
    assert loaded.classes == classifier.classes
    assert loaded.gate == 0.5
    assert loaded.embedding_model is not None


def test_a_missing_model_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nothing.joblib"):
        SubEventClassifier.load(tmp_path / "nothing.joblib")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hundreds of teachers protested peacefully outside parliament demanding higher pay.",
         "Peaceful protest"),
        ("US warplanes carried out airstrikes on militia positions near the border.",
         "Air/drone strike"),
        ("Rebels shelled the town with artillery.", "Shelling/artillery/missile attack"),
        ("Gunmen attacked a village, killing five civilians.", "Attack"),
    ],
)  # fmt: skip
def test_shipped_model_codes_plain_sentences(sentence: str, expected: str) -> None:
    classifier = SubEventClassifier.load()
    classifier.embeddings = False  # the default; the MiniLM stage is opt-in
    assert classifier.predict_one(sentence).sub_event_type == expected
