"""Micro-benchmark of the linguistic layer: sentences per second through split + timex + numbers
+ weapons + modality on generated news text. Prints one JSON object.

    .venv/bin/python bench/bench_nlp.py [--sentences 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date

from sitrep.nlp import (
    find_casualties,
    find_munitions,
    find_timexes,
    find_weapons,
    is_hypothetical,
    is_negated,
    sentence_modality,
    split_sentences,
)

TEMPLATES = [
    "BAGHDAD (Reuters) - {n} rockets struck Ain al-Asad air base in western Iraq on {day}, "
    "U.S. officials said.",
    "The Islamic Resistance in Iraq said it targeted the base with {n} one-way attack drones.",
    "No casualties were reported, according to Lt. Col. J. Smith of the U.S. Army.",
    "U.S. F-15E jets struck {n} targets in eastern Syria {when}, killing at least {n} fighters.",
    "Three soldiers were killed and {n} wounded when a roadside bomb hit their convoy.",
    "Kataib Hezbollah denied any involvement in the attack on {date}.",
    "Officials warned that the militias could strike again in the coming days.",
    "The death toll rose to {n} on {date}, two days after the Katyusha rockets hit the camp.",
    "Attacks on U.S. forces have risen sharply since mid-October, the Pentagon said.",
]
DAYS = ["Monday", "Tuesday", "Saturday", "last Tuesday", "Sunday night"]
WHENS = ["overnight", "last week", "earlier this month", "in early 2024", "yesterday"]
DATES = ["9 January", "Jan. 9", "January 9, 2024", "2024-01-09", "the 9th of February"]
NUMBERS = ["three", "15 to 20", "dozens of", "two", "more than 40", "1,200", "a few"]


def generate(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs = []
    for i in range(0, count, 3):
        sentences = [
            rng.choice(TEMPLATES).format(
                n=rng.choice(NUMBERS),
                day=rng.choice(DAYS),
                when=rng.choice(WHENS),
                date=rng.choice(DATES),
            )
            for _ in range(min(3, count - i))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=20000)
    args = parser.parse_args()
    text = generate(args.sentences)
    base = date(2024, 1, 28)
    timings: dict[str, float] = {}

    started = time.perf_counter()
    spans = split_sentences(text)
    timings["split"] = time.perf_counter() - started
    sentences = [text[a:b] for a, b in spans]

    stages = {
        "timex": lambda s: find_timexes(s, base),
        "casualties": find_casualties,
        "munitions": find_munitions,
        "weapons": find_weapons,
        "modality": lambda s: (sentence_modality(s), is_hypothetical(s), is_negated(s)),
    }
    for name, stage in stages.items():
        started = time.perf_counter()
        for sentence in sentences:
            stage(sentence)
        timings[name] = time.perf_counter() - started

    total = sum(timings.values())
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "characters": len(text),
                "seconds": {k: round(v, 4) for k, v in timings.items()},
                "sentences_per_second": {
                    k: round(len(sentences) / v) if v else None for k, v in timings.items()
                },
                "all_stages_sentences_per_second": round(len(sentences) / total),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
