"""The fine-tuned MiniLM event classifier on ONNX Runtime (sitrep.events.neural)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

import numpy as np
import pytest

from sitrep.events import neural
from sitrep.events.taxonomy import SUB_EVENT_TYPES

pytestmark = pytest.mark.skipif(
    not neural.available(), reason="event classifier model files are not shipped in this tree"
)

NON_CONFLICT = [
    "The restaurant serves excellent pasta and the staff were friendly and quick.",
    "Shares of the company rose three percent after it reported higher quarterly profit.",
    "I am moving back to Calgary next month and need to find a new apartment.",
]
CLEAR = {
    "Hundreds of teachers marched peacefully through the capital on Monday demanding higher "
    "wages.": "Protests",
    "Government jets carried out an air strike on a market in the town, killing five "
    "people.": "Explosions/Remote violence",
    "Soldiers clashed with rebel fighters near the village, and several fighters were "
    "killed in the exchange of fire.": "Battles",
}


@pytest.fixture(scope="module")
def classifier() -> neural.NeuralEventClassifier:
    return neural.NeuralEventClassifier.default()


def test_loads_offline_with_the_taxonomy(classifier: neural.NeuralEventClassifier) -> None:
    assert classifier.classes == [*SUB_EVENT_TYPES, neural.NO_EVENT]
    assert len(classifier.classes) == 26
    assert classifier.probability_matrix([]).shape == (0, 26)


def test_non_conflict_text_is_no_event(classifier: neural.NeuralEventClassifier) -> None:
    for prediction in classifier.predict(NON_CONFLICT):
        assert prediction.sub_event_type is None
        assert prediction.event_type is None
        assert prediction.top[0][0] == neural.NO_EVENT
        assert prediction.no_event_probability == prediction.probability > 0.5


def test_clear_events_get_a_sensible_type(classifier: neural.NeuralEventClassifier) -> None:
    predictions = classifier.predict(list(CLEAR))
    for prediction, event_type in zip(predictions, CLEAR.values(), strict=True):
        assert prediction.sub_event_type is not None
        assert prediction.event_type == event_type == SUB_EVENT_TYPES[prediction.sub_event_type]
        assert len(prediction.top) == 3
        probabilities = [p for _, p in prediction.top]
        assert probabilities == sorted(probabilities, reverse=True)
    assert predictions[0].sub_event_type == "Peaceful protest"
    assert predictions[1].sub_event_type == "Air/drone strike"
    assert predictions[2].sub_event_type == "Armed clash"


def test_batch_equals_single(classifier: neural.NeuralEventClassifier) -> None:
    texts = NON_CONFLICT + list(CLEAR)
    batch = classifier.probability_matrix(texts)
    single = np.vstack([classifier.probability_matrix([t]) for t in texts])
    assert (batch.argmax(axis=1) == single.argmax(axis=1)).all()
    # int8 dynamic quantisation scales each batch's activations together: padding moves the
    # probabilities a little, never the answer
    assert np.abs(batch - single).max() < 0.05
    assert np.allclose(batch.sum(axis=1), 1.0, atol=1e-4)


def test_coder_interface(classifier: neural.NeuralEventClassifier) -> None:
    texts = list(CLEAR)
    rows = classifier.probabilities_many(texts)
    assert all(set(row) == set(SUB_EVENT_TYPES) for row in rows)
    assert all(abs(sum(row.values()) - 1.0) < 1e-6 for row in rows)
    assert classifier.is_no_event(NON_CONFLICT[1], " ".join(NON_CONFLICT[1:]))
    assert not classifier.is_no_event(texts[1], texts[1])
    no_event = classifier.no_event_probabilities([NON_CONFLICT[0], texts[0]])
    assert no_event[0] > 0.5 > no_event[1]


def test_default_classifier_is_the_neural_one() -> None:
    from sitrep.events.neural import default_classifier

    coder = default_classifier()
    assert isinstance(coder, neural.CoderClassifier)
    assert coder is default_classifier()  # one per process
    assert coder.neural is neural.NeuralEventClassifier.default()
    texts = list(CLEAR)
    mixed = coder.probabilities_many(texts)
    ours = coder.neural.probabilities_many(texts)
    theirs = coder.tfidf.probabilities_many(texts)
    w = neural.NEURAL_WEIGHT
    for m, a, b in zip(mixed, ours, theirs, strict=True):
        assert abs(sum(m.values()) - 1.0) < 1e-6
        assert all(abs(m[k] - (w * a[k] + (1 - w) * b.get(k, 0.0))) < 1e-9 for k in m)
    assert coder.is_no_event(NON_CONFLICT[1], NON_CONFLICT[1])


def test_extractor_types_an_air_strike_with_it() -> None:
    from sitrep.events.extract import RuleExtractor
    from sitrep.models import Document

    text = (
        "Government jets carried out an air strike on a market in Maarat al-Numan on 3 May "
        "2022, killing five civilians, residents said."
    )
    doc = Document(id="neural-1", text=text, title="Strike", published=datetime(2022, 5, 4))
    events = RuleExtractor(neural.NeuralEventClassifier.default()).extract(doc).events
    assert events
    assert events[0].sub_event_type == "Air/drone strike"


def test_runtime_never_imports_torch() -> None:
    code = (
        "import sys\n"
        "from sitrep.events import neural\n"
        "c = neural.NeuralEventClassifier.default()\n"
        "c.predict(['Police arrested two opposition activists in the capital.'])\n"
        "from sitrep.events.neural import default_classifier\n"
        "default_classifier().probabilities_many(['Rebels attacked an army post.'])\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "assert 'transformers' not in sys.modules, 'transformers was imported'\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def test_coder_gives_no_event_for_a_non_conflict_document() -> None:
    from sitrep.events.classify import SubEventClassifier
    from sitrep.events.extract import RuleExtractor
    from sitrep.events.neural import default_classifier
    from sitrep.models import Document

    text = (
        "Shares of the carmaker hit a record high on Tuesday after the company reported strong "
        "sales in Asia."
    )
    doc = Document(id="neural-2", text=text, published=datetime(2022, 5, 4))
    # the gate accepts "hit"; TF-IDF has no way to say no, the fine-tuned model does
    assert RuleExtractor(SubEventClassifier.default()).extract(doc).events
    assert RuleExtractor(default_classifier()).extract(doc).events == []
