"""Which ACLED rows train a model and which measure it: one place for every trainer and gate.

The sub-event classifier's trainer (``tools/train_sub_event_model.py``), the event classifier's
(``tools/train_event_classifier.py``), the actor seed table (``tools/seed_actors.py``) and
``make eval`` (``eval/run.py``) must agree on the countries held out of training, or a score
would be measured on rows a model was built from. They all read them here. Nothing in this
module loads a model: the runtime never needs it, and the tools need nothing else from sitrep
to split the data.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sitrep.config import settings
from sitrep.errors import ConfigError

__all__ = [
    "DEV_PART",
    "DEV_PARTS",
    "HELD_OUT_COUNTRIES",
    "SEALED_COUNTRIES",
    "acled_csv_path",
    "dev_split",
    "load_acled",
    "shared_data_dir",
    "split_by_country",
]

#: Countries kept out of training; the evaluation runs on them only. Chosen to mix conflict
#: (Yemen, Somalia, Sudan, Nigeria), protest-heavy (Germany, Chile, Kenya) and mixed countries.
HELD_OUT_COUNTRIES: tuple[str, ...] = (
    "Yemen", "Nigeria", "Colombia", "Germany", "Kenya", "Bangladesh", "Philippines", "Lebanon",
    "Somalia", "Chile", "Sudan",
)  # fmt: skip

#: eval/SEALED.md: whole countries set aside on 2026-12-06 as a test split nobody reads. No
#: trainer fits on them, no setting is chosen on them and no diagnostic prints them; only
#: ``eval/sealed.py`` scores them, in aggregate.
SEALED_COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Pakistan", "Mali", "Ethiopia", "Peru", "Sri Lanka", "Tunisia",
)  # fmt: skip


def shared_data_dir() -> Path:
    """Where the shared training/evaluation data lives (``SITREP_SHARED_DATA`` overrides)."""
    env = settings().shared_data
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def acled_csv_path() -> Path:
    """The ACLED development CSV, or a ConfigError naming where it was looked for."""
    path = shared_data_dir() / "acled" / "acled_2022h1_dev.csv"
    if not path.exists():
        raise ConfigError(f"ACLED data not found at {path}: set SITREP_SHARED_DATA")
    return path


def load_acled(path: Path | None = None) -> list[dict[str, str]]:
    """Rows of the ACLED CSV as dicts (every value a string, as in the file)."""
    with open(path or acled_csv_path(), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def split_by_country(
    rows: list[dict[str, str]], held_out: tuple[str, ...] = HELD_OUT_COUNTRIES
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(training rows, held-out rows) by country; the sealed countries are in neither."""
    held = set(held_out)
    sealed = set(SEALED_COUNTRIES)
    return (
        [r for r in rows if r["country"] not in held and r["country"] not in sealed],
        [r for r in rows if r["country"] in held],
    )


#: How many parts the training countries are dealt into for the development split, and the
#: part the coder is scored on by default (the model is fitted on the others).
DEV_PARTS = 3
DEV_PART = 0


def dev_split(
    rows: list[dict[str, str]], part: int = DEV_PART, parts: int = DEV_PARTS
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(fit rows, dev rows): the training countries dealt round-robin into ``parts`` by size.

    Countries are ranked by their number of notes (ties by name) and dealt like cards, so each
    part gets a mix of big and small countries and the split is the same on every machine and
    scikit-learn version. Part 0 holds Ukraine, the United States, France, Turkey, Palestine
    and Afghanistan (2,671 notes): shelling, air strikes and clashes as well as protests. The
    held-out countries must already be removed: this is for choosing settings, they are for
    measuring.
    """
    if not 0 <= part < parts:
        raise ConfigError(f"dev split: part {part} does not exist (parts 0..{parts - 1})")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["country"]] = counts.get(row["country"], 0) + 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    dev_countries = {k for i, k in enumerate(ranked) if i % parts == part}
    return (
        [r for r in rows if r["country"] not in dev_countries],
        [r for r in rows if r["country"] in dev_countries],
    )
