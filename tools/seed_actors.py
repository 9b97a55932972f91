"""Seed the actor table from the ACLED development file.

Reads ``acled/acled_2022h1_dev.csv`` under the shared data folder (``$SITREP_SHARED_DATA``,
default ``../shared/data`` next to the repository) and writes
``src/sitrep/data/actors/acled_seed.csv``: each actor name ACLED uses, its most common inter
code, the countries it appears in and how often. Rows of the countries the evaluation holds out
(``sitrep.splits.HELD_OUT_COUNTRIES``) are skipped: ``make eval`` scores actor names on
those countries, so an actor ACLED names only there must not be learnt from them (the table
would otherwise know "Operation Restoring Hope" from the very Yemen rows it is tested on). The
file is committed, so the runtime never needs the shared data; re-run this script when a newer
ACLED file arrives::

    .venv/bin/python tools/seed_actors.py

Build tooling, not part of the installed package.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.splits import HELD_OUT_COUNTRIES, shared_data_dir

SEED_PATH = (
    Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "actors" / "acled_seed.csv"
)


def seed_rows(acled_csv: Path, held_out: Iterable[str] | None = None) -> list[dict[str, str]]:
    """One row per actor name in an ACLED CSV: name, inter, countries, count (most used first).

    Rows whose country is in ``held_out`` (default: the evaluation's held-out countries) are
    skipped, so the evaluation measures the table on countries it was not built from.
    """
    if held_out is None:
        held_out = HELD_OUT_COUNTRIES
    skipped = set(held_out)
    if not acled_csv.exists():
        raise ConfigError(
            f"ACLED file {acled_csv} not found; set SITREP_SHARED_DATA to the shared data folder"
        )
    inters: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    with acled_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["country"] in skipped:
                continue
            for actor, inter in (
                (row["actor1"], row["inter1"]),
                (row["actor2"], row["inter2"]),
                (row["assoc_actor_1"], None),
                (row["assoc_actor_2"], None),
            ):
                for name in (actor or "").split(";"):
                    name = name.strip()
                    if not name:
                        continue
                    if inter:
                        inters[name][str(int(float(inter)))] += 1
                    countries[name][row["country"]] += 1
    rows = []
    for name, seen in countries.items():
        inter = inters[name].most_common(1)[0][0] if inters[name] else ""
        rows.append(
            {
                "name": name,
                "inter": inter,
                "countries": "|".join(c for c, _ in seen.most_common()),
                "count": str(sum(seen.values())),
            }
        )
    rows.sort(key=lambda r: (-int(r["count"]), r["name"]))
    return rows


def write_seed(acled_csv: Path | None = None, out: Path = SEED_PATH) -> int:
    """Write the seed table; returns the number of actor names written."""
    rows = seed_rows(acled_csv or shared_data_dir() / "acled" / "acled_2022h1_dev.csv")
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "inter", "countries", "count"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(
        f"{write_seed(Path(sys.argv[1]) if len(sys.argv) > 1 else None)} actor names written to {SEED_PATH}"
    )
