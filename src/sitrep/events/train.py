"""Moved: the trainer is ``tools/train_sub_event_model.py``, the data split :mod:`sitrep.splits`.

Only the split helpers remain importable from here, for scripts written against the old module
(``tools/train_event_classifier.py``); import them from :mod:`sitrep.splits` instead.
"""

from __future__ import annotations

from sitrep.splits import (
    DEV_PART,
    DEV_PARTS,
    HELD_OUT_COUNTRIES,
    acled_csv_path,
    dev_split,
    load_acled,
    shared_data_dir,
    split_by_country,
)

__all__ = [
    "DEV_PART",
    "DEV_PARTS",
    "HELD_OUT_COUNTRIES",
    "acled_csv_path",
    "dev_split",
    "load_acled",
    "shared_data_dir",
    "split_by_country",
]
