"""Place name -> coordinates on a UCDP GED sample.

For each event, the place name UCDP coded (``where_coordinates``, e.g. "Rami village",
"Idlib governorate") is looked up in the gazetteer with the event's country as hint and, when
the gazetteer knows UCDP's ``adm_1`` ("Idlib governorate"), that province's point as ``near``
(a reporter's text usually names the province too); the result is compared with UCDP's
coordinates. Prints one JSON line: share resolved, share within
25 km and 161 km (of all rows, and for precise rows with where_prec 1-2), mean error km.

    .venv/bin/python eval/geo/ucdp.py [PATH/TO/ucdpged_sample_1000.csv]
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path

from sitrep.resolve.gazetteer import Gazetteer, haversine_km

_FEATURE = re.compile(
    r"\s+(village|town|city|area|district|governorate|province|region|state|county|camp|municipality)$",
    re.I,
)


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    return Path(os.environ.get("SITREP_SHARED_DATA", default))


def evaluate(path: Path, verbose: bool = False) -> dict[str, object]:
    # the shipped pack holds UCDP's Syrian locations: scoring UCDP events against them would
    # measure a lookup of the answer, so that layer is hidden here
    gazetteer = Gazetteer(Gazetteer.default().path, exclude_sources=("ucdp",))
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    errors: list[float] = []
    precise_total = precise_25 = precise_161 = 0
    within_25 = within_161 = 0
    for row in rows:
        name = row["where_coordinates"].strip()
        country = re.sub(r"\s*\(.*\)", "", row["country"]).strip()
        iso = gazetteer.country(country)
        hint = iso.iso if iso else None
        near = None
        if row.get("adm_1"):
            province = gazetteer.admin1_place(_FEATURE.sub("", row["adm_1"].strip()), hint)
            near = (province.lat, province.lon) if province else None
        places = gazetteer.lookup(name, country=hint, near=near, limit=1)
        if not places and _FEATURE.search(name):
            places = gazetteer.lookup(_FEATURE.sub("", name), country=hint, near=near, limit=1)
        precise = float(row["where_prec"] or 9) <= 2
        precise_total += precise
        if not places:
            if verbose:
                print("MISS", name, country, file=sys.stderr)
            continue
        error = haversine_km(
            (float(row["latitude"]), float(row["longitude"])), (places[0].lat, places[0].lon)
        )
        errors.append(error)
        within_25 += error <= 25
        within_161 += error <= 161
        if precise:
            precise_25 += error <= 25
            precise_161 += error <= 161
        if verbose and error > 25:
            print(
                "FAR", name, country, places[0].name, places[0].iso, round(error), file=sys.stderr
            )
    total = len(rows)
    return {
        "dataset": "ucdp_ged_sample",
        "rows": total,
        "resolved": round(len(errors) / total, 4),
        "within_25km": round(within_25 / total, 4),
        "within_161km": round(within_161 / total, 4),
        "precise_rows": precise_total,
        "precise_within_25km": round(precise_25 / precise_total, 4) if precise_total else 0.0,
        "precise_within_161km": round(precise_161 / precise_total, 4) if precise_total else 0.0,
        "mean_error_km": round(sum(errors) / len(errors), 1) if errors else 0.0,
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    target = Path(args[0]) if args else shared_data() / "ucdp" / "ucdpged_sample_1000.csv"
    print(json.dumps(evaluate(target, verbose="-v" in sys.argv)))
