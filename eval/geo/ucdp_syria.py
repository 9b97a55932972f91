"""Village coverage in Syria: UCDP GED's Syrian event locations, looked up by name.

The development part of ``gazetteer/ucdp_ged_syria_2016_2019_locations.csv`` (every row whose
``adm_1`` is not Deir ez-Zor governorate: that governorate is the sealed test split, see
eval/SEALED.md, and is skipped here without being read further than its ``adm_1``). Only rows
UCDP coded to the place itself or near it (``where_prec`` 1-2) count. Each name is looked up
with Syria as the country and the province's point as ``near`` (a report names the province
too); the pack's own UCDP layer is hidden, so this measures what Who's On First / GeoNames,
OpenSyria and the packaged cities know. Prints one JSON line with shares, never rows.

    .venv/bin/python eval/geo/ucdp_syria.py [PATH/TO/ucdp_ged_syria_2016_2019_locations.csv]
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from sitrep.resolve.gazetteer import Gazetteer, haversine_km
from sitrep.resolve.names import name_key

SEALED_ADM1 = name_key("Deir ez Zor")


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    return Path(os.environ.get("SITREP_SHARED_DATA", default))


def dev_rows(path: Path) -> list[dict[str, str]]:
    """The non-sealed rows coded at (or near) a named place."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            adm1 = row["adm_1"].replace("Governorate", "").strip()
            if name_key(adm1) == SEALED_ADM1:
                continue
            if row["where_prec"] and float(row["where_prec"]) <= 2:
                rows.append(row)
    return rows


def evaluate(path: Path) -> dict[str, object]:
    gazetteer = Gazetteer(Gazetteer.default().path, exclude_sources=("ucdp",))
    rows = dev_rows(path)
    within_25 = within_161 = resolved = 0
    for row in rows:
        province = gazetteer.admin1_place(row["adm_1"].replace("Governorate", "").strip(), "SY")
        near = (province.lat, province.lon) if province else None
        places = gazetteer.lookup(row["name"], country="SY", near=near, limit=1)
        if not places:
            continue
        resolved += 1
        error = haversine_km(
            (float(row["latitude"]), float(row["longitude"])), (places[0].lat, places[0].lon)
        )
        within_25 += error <= 25
        within_161 += error <= 161
    total = len(rows) or 1
    return {
        "dataset": "ucdp_syria_dev",
        "rows": len(rows),
        "resolved": round(resolved / total, 4),
        "within_25km": round(within_25 / total, 4),
        "within_161km": round(within_161 / total, 4),
    }


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else shared_data() / "gazetteer" / "ucdp_ged_syria_2016_2019_locations.csv"
    )
    if not target.exists():
        print(f"ucdp_syria: {target} not found (set SITREP_SHARED_DATA)", file=sys.stderr)
        raise SystemExit(2)
    print(json.dumps(evaluate(target)))
