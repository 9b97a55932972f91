"""Build sitrep's Middle East gazetteer pack from the shared gazetteer extracts (build time only).

    .venv/bin/python tools/build_gazetteer_pack.py [SHARED_GAZETTEER_DIR [OUT]]

Reads ``wof_places_middle_east.csv.gz`` (Who's On First / GeoNames localities of Syria, Iraq,
Yemen, Lebanon, Jordan, Iran and Turkey), ``ucdp_ged_syria_2016_2019_locations.csv`` (UCDP GED
conflict locations in Syria) and ``opensyria_admin/`` (Syria's governorates, districts and
subdistricts with OCHA P-codes) and writes ``src/sitrep/data/gazetteer/pack/middle_east.tsv.gz``:
one row per place, only the columns the index needs, names folded to ASCII where Latin,
alternate names cut to the useful ones:

* Latin-script and Arabic-script names only (other scripts' transliterations only add false
  matches), no codes ("OSKL", "KAC"), nothing with digits;
* no alias whose folded key is shorter than 4 letters, and no alias that is a common English
  word (``geowords.COMMON_WORDS`` and the geoparser's stop words), since such aliases match
  ordinary text ("Ali", "Bar", "Station");
* at most 24 aliases a place (the place's English and Arabic names first).

UCDP rows of Deir ez-Zor governorate are the sealed test split (eval/SEALED.md) and are left
out. UCDP rows coded to a district or governorate (where_prec 3+) are left out too: their names
are admin units the other sources hold.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from anyascii import anyascii  # noqa: E402

from sitrep.resolve.geowords import COMMON_WORDS  # noqa: E402
from sitrep.resolve.names import has_arabic, name_key  # noqa: E402

OUT = REPO / "src" / "sitrep" / "data" / "gazetteer" / "pack" / "middle_east.tsv.gz"
COLUMNS = (
    "name", "aliases", "lat", "lon", "feature", "iso", "admin1", "admin2", "population",
    "geonameid", "pcode", "source",
)  # fmt: skip
MAX_ALIASES = 24
SEALED_UCDP_ADM1 = "deir ez zor"
_PLACETYPES = {
    "locality": None,  # by population
    "neighbourhood": "village",
    "county": "district",
    "localadmin": "district",
    "campus": "airport",
}
_UCDP_KINDS = {"village": "village", "town": "town", "city": "city"}
#: Country boxes (lat min, lat max, lon min, lon max), a little wide: a record outside its
#: country's box is a source error (WOF files Cobh, Ireland, under Iran).
BOXES = {
    "SY": (32.1, 37.6, 35.4, 42.6), "IQ": (28.8, 37.6, 38.5, 48.9), "YE": (11.8, 19.2, 41.6, 54.8),
    "LB": (32.9, 34.9, 34.8, 36.9), "JO": (28.9, 33.6, 34.7, 39.6), "IR": (24.8, 40.0, 43.8, 63.6),
    "TR": (35.6, 42.4, 25.4, 45.1),
}  # fmt: skip


def in_box(iso: str, lat: float, lon: float) -> bool:
    box = BOXES.get(iso)
    return box is None or (box[0] <= lat <= box[1] and box[2] <= lon <= box[3])


def _latin(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 for c in letters)


def _fold(name: str) -> str:
    if has_arabic(name):
        return " ".join(name.split())
    return " ".join(anyascii(name.replace("`", "'")).split())


def useful_aliases(name: str, raw: list[str]) -> list[str]:
    """The aliases worth indexing for a place called ``name`` (see the module docstring)."""
    seen = {name_key(name)}
    out: list[str] = []
    for alias in raw:
        alias = alias.strip()
        if not alias or any(c.isdigit() for c in alias):
            continue
        if alias.isupper() and len(alias) <= 5:
            continue  # airport and admin codes
        if not (has_arabic(alias) or _latin(alias)):
            continue
        alias = _fold(alias)
        key = name_key(alias)
        if not key or key in seen:
            continue
        if not has_arabic(alias):
            letters = key.replace(" ", "")
            if len(letters) < 4 or alias.lower() in COMMON_WORDS:
                continue
        seen.add(key)
        out.append(alias)
        if len(out) >= MAX_ALIASES:
            break
    return out


def _feature(placetype: str, population: int) -> str:
    fixed = _PLACETYPES.get(placetype)
    if fixed:
        return fixed
    if population >= 100_000:
        return "city"
    if population >= 1_000:
        return "town"
    return "village"


def wof_rows(path: Path) -> list[dict[str, object]]:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["placetype"] not in _PLACETYPES:
                continue  # regions: the index has every province already
            if not in_box(row["country"], float(row["latitude"]), float(row["longitude"])):
                continue
            # an admin unit's population is no settlement's prominence: "Abu-Kamal" district
            # (265,142) must not outrank the town of Abu Kamal for the bare name
            population = int(float(row["population"] or 0)) if row["placetype"] == "locality" else 0
            name = _fold(row["name_eng"] or row["name"])
            raw = [row["name"], row["name_eng"], row["name_ara"], *row["alt_names"].split("|")]
            rows.append(
                {
                    "name": name,
                    "aliases": useful_aliases(name, raw),
                    "lat": round(float(row["latitude"]), 5),
                    "lon": round(float(row["longitude"]), 5),
                    "feature": _feature(row["placetype"], population),
                    "iso": row["country"],
                    "admin1": row["admin1"],
                    "admin2": row["admin2"],
                    "population": population or "",
                    "geonameid": row["geonames_id"],
                    "pcode": "",
                    "source": "wof",
                }
            )
    return rows


def ucdp_rows(path: Path) -> list[dict[str, object]]:
    seen: set[tuple[str, float, float]] = set()
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            adm1 = row["adm_1"].replace("Governorate", "").strip()
            if name_key(adm1) == name_key(SEALED_UCDP_ADM1) or not row["where_prec"]:
                continue  # sealed split (eval/SEALED.md), or an unreadable row
            if float(row["where_prec"]) > 2:
                continue
            lat, lon = round(float(row["latitude"]), 5), round(float(row["longitude"]), 5)
            name = _fold(row["name"])
            if (name_key(name), lat, lon) in seen or len(name_key(name)) < 3:
                continue
            seen.add((name_key(name), lat, lon))
            last = row["where_coordinates"].split()[-1].lower()
            rows.append(
                {
                    "name": name,
                    "aliases": useful_aliases(name, [row["where_coordinates"]]),
                    "lat": lat,
                    "lon": lon,
                    "feature": _UCDP_KINDS.get(last, "site"),
                    "iso": "SY",
                    "admin1": adm1,
                    "admin2": row["adm_2"].replace("district", "").strip(),
                    "population": "",
                    "geonameid": "",
                    "pcode": "",
                    "source": "ucdp",
                }
            )
    return rows


def opensyria_rows(folder: Path) -> list[dict[str, object]]:
    governorates = {g["id"]: g for g in json.loads((folder / "governorates.json").read_text())}
    districts = {d["id"]: d for d in json.loads((folder / "districts.json").read_text())}
    rows = []
    for kind, feature in (("districts", "district"), ("subdistricts", "district")):
        for unit in json.loads((folder / f"{kind}.json").read_text()):
            name = _fold(unit["name"]["en"])
            raw = [unit["name"]["en"], unit["name"].get("ar", "")]
            raw += [a["value"] for a in unit.get("aliases", [])]
            governorate = governorates[unit["governorateId"]]["name"]["en"]
            district = districts.get(unit.get("districtId", unit["id"]), {}).get("name", {})
            ids = unit.get("externalIds", {})
            rows.append(
                {
                    "name": name,
                    "aliases": useful_aliases(name, raw),
                    "lat": round(float(unit["centroid"]["latitude"]), 5),
                    "lon": round(float(unit["centroid"]["longitude"]), 5),
                    "feature": feature,
                    "iso": "SY",
                    "admin1": governorate,
                    "admin2": _fold(district.get("en", name)),
                    "population": "",
                    "geonameid": ids.get("geonames") or "",
                    "pcode": ids.get("ochaPcode") or ids.get("ocha") or "",
                    "source": "opensyria",
                }
            )
    return rows


def build(shared: Path, out: Path = OUT) -> int:
    """Write the pack from the extracts in ``shared``; returns the number of places."""
    rows = opensyria_rows(shared / "opensyria_admin")
    rows += ucdp_rows(shared / "ucdp_ged_syria_2016_2019_locations.csv")
    rows += wof_rows(shared / "wof_places_middle_east.csv.gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same input gives the same bytes
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as packed,
    ):
        lines = ["\t".join(COLUMNS)]
        for row in rows:
            values = [
                "|".join(row["aliases"]) if c == "aliases" else str(row[c])  # type: ignore[arg-type]
                for c in COLUMNS
            ]
            lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values))
        packed.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(rows)


def main(argv: list[str]) -> int:
    shared = Path(argv[0]) if argv else REPO.parent / "shared" / "data" / "gazetteer"
    out = Path(argv[1]) if len(argv) > 1 else OUT
    count = build(shared, out)
    print(f"{count} places -> {out} ({out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
