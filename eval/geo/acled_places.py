"""Where the coder puts ACLED events, and why it misses.

Runs the default extractor on the held-out countries' ACLED notes (as ``make eval`` does) or,
with ``--split dev``, on a fixed sample of training-country notes (the development set),
keeps the scored prediction per note (the most confident one, as the ``note`` rule does) and
prints the place score, a breakdown of the misses by kind, and with ``-v N`` N misses: the
gold location/admin1/admin2/coordinates next to what was chosen, the distance, the chosen
place's reason, and the nearest gazetteer entry to the gold point (does the gazetteer know it
at all?). ``--json FILE`` writes every pair for further reading.

    .venv/bin/python eval/geo/acled_places.py [--split dev [--size 1200]] [-v 100]
        [--limit N] [--json FILE]

Read misses of the DEV split only. Place rules learn nothing from training notes, so the
training countries are a fair development set; the held-out notes were read while writing
the round-7 rules and their score no longer says whether a rule generalises. Score held-out
only to check, never print its misses to find rules, and never add names or coordinates from
any note to the gazetteer supplement.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
from collections import Counter
from typing import Any

from sitrep.evaluate import acled_documents, acled_row, haversine_km, normalise_admin
from sitrep.events.extract import get_extractor
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.splits import (
    HELD_OUT_COUNTRIES,
    SEALED_COUNTRIES,
    load_acled,
    split_by_country,
)

PLACE_KM = 25.0

#: Size of the development sample (training-country notes) unless ``--size`` says otherwise.
DEV_SIZE = 1200


def dev_rows(size: int = DEV_SIZE) -> list[dict[str, Any]]:
    """The fixed development sample: training-country ACLED rows, shuffled by seed 0, first N.

    The order is ``random.Random(0).shuffle`` of the rows outside the held-out countries, so
    the sample only changes if the ACLED file or the held-out country list does. The sealed
    countries (eval/SEALED.md, 93 of the first 1,200) are then dropped: the sample is the same
    rows as before they were sealed, less those.
    """
    held = set(HELD_OUT_COUNTRIES)
    rows = [r for r in load_acled() if r["country"] not in held]
    random.Random(0).shuffle(rows)
    sealed = set(SEALED_COUNTRIES)
    return [acled_row(r) for r in rows[:size] if r["country"] not in sealed]


def split_rows(split: str, size: int = DEV_SIZE) -> list[dict[str, Any]]:
    """Rows of ``split``: ``held-out`` (the held-out countries, in file order) or ``dev``."""
    if split == "dev":
        return dev_rows(size)
    if split == "held-out":
        _, held = split_by_country(load_acled())
        return [acled_row(r) for r in held]
    raise ValueError(f"acled_places: unknown split {split!r} (held-out or dev)")


def nearest_entry(gazetteer: Gazetteer, lat: float, lon: float) -> tuple[str, float] | None:
    """The gazetteer's nearest place to a point (name, km), by a 0.5-degree box search."""
    db: sqlite3.Connection = gazetteer._db  # noqa: SLF001 - a diagnostic may look inside
    rows = db.execute(
        "SELECT name, lat, lon FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        (lat - 0.5, lat + 0.5, lon - 0.6, lon + 0.6),
    ).fetchall()
    if not rows:
        return None
    name, plat, plon = min(rows, key=lambda r: haversine_km((lat, lon), (r[1], r[2])))
    return name, round(haversine_km((lat, lon), (plat, plon)), 1)


def pairs(
    limit: int | None = None, split: str = "held-out", size: int = DEV_SIZE
) -> list[dict[str, Any]]:
    """One dict per note of ``split``: gold place fields and the scored prediction's."""
    rows = split_rows(split, size)[:limit]
    extractor = get_extractor("default")
    gazetteer = Gazetteer.default()
    out = []
    for doc, row in zip(acled_documents(rows), rows, strict=True):
        events = extractor.extract(doc).events
        best = max(events, key=lambda e: e.confidence) if events else None
        glat, glon = float(row["latitude"]), float(row["longitude"])
        km = None
        if best is not None and best.latitude is not None and best.longitude is not None:
            km = round(haversine_km((glat, glon), (best.latitude, best.longitude)), 1)
        out.append(
            {
                "id": row["event_id_cnty"], "country": row["country"], "notes": row["notes"],
                "gold_location": row["location"], "gold_admin1": row["admin1"],
                "gold_admin2": row.get("admin2"), "gold_geo_precision": row.get("geo_precision"),
                "gold_lat": glat, "gold_lon": glon,
                "location": best.location if best else None,
                "admin1": best.admin1 if best else None,
                "country_pred": best.country if best else None,
                "geo_precision": best.geo_precision if best else None,
                "reason": best.reasons.get("location") if best else None,
                "km": km, "nearest": nearest_entry(gazetteer, glat, glon), "events": len(events),
            }
        )  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", type=int, default=0, help="print N misses")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--split", choices=("held-out", "dev"), default="held-out")
    parser.add_argument("--size", type=int, default=DEV_SIZE, help="dev sample size")
    parser.add_argument("--json")
    args = parser.parse_args()
    if args.split == "held-out" and args.v:
        parser.error("-v prints notes: read dev misses only (--split dev); held-out is for checks")
    found = pairs(args.limit, args.split, args.size)
    scored = [p for p in found if p["events"]]
    hits = [p for p in scored if p["km"] is not None and p["km"] <= PLACE_KM]
    admin = [p for p in scored if normalise_admin(p["admin1"]) == normalise_admin(p["gold_admin1"])]
    known = [p for p in scored if p["nearest"] and p["nearest"][1] <= PLACE_KM]
    kinds: Counter[str] = Counter()
    for p in found:
        if p in hits:
            continue
        if not p["events"]:
            kinds["no event (not scored)"] += 1
        elif p["km"] is None:
            kinds["no place"] += 1
        elif p["country_pred"] != p["country"]:
            kinds["wrong country"] += 1
        elif not (p["nearest"] and p["nearest"][1] <= PLACE_KM):
            kinds["no gazetteer entry within 25 km"] += 1
        else:
            kinds["gazetteer knows a place within 25 km"] += 1
    n = len(scored)
    print(
        json.dumps(
            {
                "split": args.split,
                "notes": n,
                "within_25km": round(len(hits) / n, 4),
                "admin1_match": round(len(admin) / n, 4),
                "gazetteer_within_25km": round(len(known) / n, 4),
                "misses": dict(kinds),
            }
        )  # fmt: skip
    )
    shown = 0
    for p in found:
        if shown >= args.v:
            break
        if p in hits or not p["events"]:
            continue
        shown += 1
        print(
            f"- {p['country']} gold {p['gold_location']!r} ({p['gold_admin2']}, {p['gold_admin1']})"
            f" gp{p['gold_geo_precision']} | ours {p['location']!r} ({p['admin1']}, "
            f"{p['country_pred']}) gp{p['geo_precision']} {p['km']} km | nearest {p['nearest']}"
            f"\n    why: {p['reason']}\n    note: {p['notes'][:300]}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(found, handle, indent=1)


if __name__ == "__main__":
    main()
