"""The learned role model (issue 14, item 2): shipped weights load, give a distribution over
actor1/actor2/other, and read clear active and passive sentences the way ACLED codes them."""

from __future__ import annotations

import json

from sitrep.events.actors import find_actors, role_of
from sitrep.events.roles_model import LABELS, MODEL_PATH, RoleModel, features


def _probabilities(sentence: str, raw: str, event_type: str) -> dict[str, float]:
    model = RoleModel.default()
    assert model is not None
    mentions = find_actors(sentence, country="Nigeria")
    index = next(i for i, m in enumerate(mentions) if raw in m.raw)
    mention = mentions[index]
    role, why = role_of(sentence, mention, event_type=event_type)
    feats = features(
        sentence, mention.start or 0, mention.end or 0, index=index, count=len(mentions),
        inter=mention.inter, rule_role=role, rule_reason=why, event_type=event_type,
    )  # fmt: skip
    return model.probabilities(feats)


def test_shipped_model_has_a_card_and_no_held_out_training() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["labels"] == list(LABELS)
    assert "not HELD_OUT_COUNTRIES" in data["meta"]["trained_on"]
    assert "Nigeria" not in data["meta"]["per_country"]  # a held-out (dev) country
    assert "Pakistan" not in data["meta"]["per_country"]  # a sealed country
    assert (MODEL_PATH.parent / "MODEL_CARD.md").exists()


def test_probabilities_form_a_distribution() -> None:
    p = _probabilities(
        "Police forces arrested five protesters in Lagos.", "Police", "Strategic developments"
    )
    assert set(p) == set(LABELS)
    assert abs(sum(p.values()) - 1.0) < 1e-9


def test_attacker_and_victim() -> None:
    sentence = "Gunmen attacked a patrol of the Nigerian army near Maiduguri."
    attacker = _probabilities(sentence, "Gunmen", "Battles")
    assert attacker["actor1"] > attacker["actor2"]  # unnamed attackers lean "other" (card)
    victim = _probabilities(sentence, "Nigerian army", "Battles")
    assert victim["actor2"] > victim["actor1"]
