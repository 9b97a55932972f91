"""One event record in each output shape: ACLED's CSV row, the full record, PLOVER, GeoJSON, Parquet.

These functions are pure (record in, dict or table out) so the writers in ``sitrep.export.io`` can
stream them and the importers can be tested against them without a database.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pycountry

from sitrep.models import ACLED_COLUMNS, EVENT_FIELDS, EventRecord, Source, to_dict

#: Fields written by the full exports (CSV, JSON-lines) only when asked for (``trace=True``):
#: the raw text behind resolved values and the reason each field got its value.
TRACE_FIELDS: tuple[str, ...] = (
    "actor1_text", "actor2_text", "location_text", "date_text", "reasons",
)  # fmt: skip

#: Fields holding whole numbers (ACLED's data writes them as "2022.0"; sitrep writes "2022").
INT_FIELDS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
     "fatalities", "timestamp", "injuries"}
)  # fmt: skip
FLOAT_FIELDS = frozenset({"latitude", "longitude", "confidence"})
BOOL_FIELDS = frozenset({"background"})
#: Fields whose value is a JSON structure rather than a scalar.
JSON_FIELDS = frozenset({"munitions", "weapons", "sources", "reasons"})

#: ACLED's own (misspelt) disorder type, read on import and never written.
ACLED_DEMONSTRATIONS_TYPO = "Demostrations"

#: How sitrep's date precision maps onto ACLED's time_precision codes.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


# --------------------------------------------------------------------------- ACLED helpers


@lru_cache(maxsize=512)
def iso3_of(iso: int | None, country: str | None) -> str:
    """ISO 3166-1 alpha-3 code for an event (``XXX`` when the country is unknown).

    ACLED's event ids start with the country's alpha-3 code ("IRQ1234"); the numeric ``iso``
    column is tried first because country names vary ("Syria", "Syrian Arab Republic").
    """
    if iso:
        found = pycountry.countries.get(numeric=f"{int(iso):03d}")
        if found is not None:
            return str(found.alpha_3)
    if country:
        try:
            return str(pycountry.countries.lookup(country).alpha_3)
        except LookupError:
            pass
    return "XXX"


def stable_event_id_cnty(record: EventRecord) -> str:
    """ACLED-style ``event_id_cnty`` for a record that has none: alpha-3 code plus a number.

    The number is derived from the sitrep event id (or, without one, from the ACLED fields), so
    exporting the same event twice always gives the same id; ACLED's own numbers are sequential,
    which sitrep cannot reproduce without a central counter.
    """
    if record.event_id_cnty:
        return record.event_id_cnty
    key = record.event_id or json.dumps(
        [getattr(record, name) for name in ACLED_COLUMNS], default=str, sort_keys=True
    )
    number = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 10_000_000
    return f"{iso3_of(record.iso, record.country)}{number}"


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's ``interaction``: the two inter codes, smaller first; one actor alone gives code*10."""
    if not inter1 and not inter2:
        return None
    if not inter1 or not inter2:
        return int(inter1 or inter2 or 0) * 10
    low, high = sorted((int(inter1), int(inter2)))
    return low * 10 + high


def outlets_of(sources: Iterable[Source]) -> str | None:
    """The distinct outlets of an event's sources, in order, joined the way ACLED joins them."""
    seen: list[str] = []
    for source in sources:
        if source.outlet and source.outlet not in seen:
            seen.append(source.outlet)
    return "; ".join(seen) or None


#: The ACLED ``tags`` entry of an event whose date is unknown (its ``event_date`` is empty).
UNDATED_TAG = "event_date unknown"


def acled_values(record: EventRecord) -> dict[str, Any]:
    """ACLED's 31 columns of a record, with the derivable gaps filled in.

    Fills what ACLED always has and sitrep can work out: the event id, year, time precision,
    interaction code, the source outlets and notes (first reporting sentence). The spelling
    "Demostrations" is corrected.
    """
    values = {name: getattr(record, name) for name in ACLED_COLUMNS}
    values["event_id_cnty"] = stable_event_id_cnty(record)
    if values["year"] is None and record.event_date:
        values["year"] = int(record.event_date[:4])
    if values["time_precision"] is None and record.date_precision:
        values["time_precision"] = TIME_PRECISION[record.date_precision]
    if values["interaction"] is None:
        values["interaction"] = interaction_code(record.inter1, record.inter2)
    if values["disorder_type"] == ACLED_DEMONSTRATIONS_TYPO:
        values["disorder_type"] = "Demonstrations"
    if not values["source"]:
        values["source"] = outlets_of(record.sources)
    if not values["notes"] and record.sources:
        values["notes"] = record.sources[0].sentence
    if values["fatalities"] is None:
        values["fatalities"] = 0
    if not record.event_date:
        # the date is unknown: the cell stays empty (never a made-up day) and the tags say so,
        # so a reader of the CSV and `sitrep import` know the empty cell is not an error
        tags = [t.strip() for t in (values["tags"] or "").split(";") if t.strip()]
        if UNDATED_TAG not in tags:
            values["tags"] = "; ".join([*tags, UNDATED_TAG])
    return values


def acled_cell(value: Any) -> str:
    """One ACLED CSV cell: empty for missing, integers without ".0", floats in shortest form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value == 0:
        value = 0.0  # databases keep no sign on zero; "-0.0" would not read back the same
    return str(value)  # floats in their shortest exact form, so they read back unchanged


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_formula(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: text that starts like a formula (``=HYPERLINK(``,
    ``@SUM(``, ``+cmd|``, ``-2+3``, a leading tab or CR) gets a leading apostrophe, OWASP's
    advice; numbers such as ``-12.5`` stay as they are. A cell that already starts with
    apostrophes before such a character gets one more, so :func:`restore_formula` (what the
    import applies) gives back exactly the value exported."""
    if cell.lstrip("'")[:1] in FORMULA_START and cell[:1] and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore_formula(cell: str) -> str:
    """The value :func:`neutralise_formula` was given (it removes the one apostrophe added)."""
    if cell.startswith("'") and cell.lstrip("'")[:1] in FORMULA_START and cell.lstrip("'"):
        return cell[1:]
    return cell


def acled_row(record: EventRecord) -> dict[str, str]:
    """The record as one row of ACLED's CSV: exactly ACLED's 31 columns, as strings (text that
    a spreadsheet would run as a formula neutralised)."""
    return {
        name: neutralise_formula(acled_cell(value)) for name, value in acled_values(record).items()
    }


# --------------------------------------------------------------------------- full record


def full_record(record: EventRecord, *, trace: bool = False) -> dict[str, Any]:
    """The documented record as a JSON-ready dict: ``EVENT_FIELDS`` in order (plus trace fields)."""
    data = to_dict(record)
    if data["disorder_type"] == ACLED_DEMONSTRATIONS_TYPO:
        data["disorder_type"] = "Demonstrations"
    names = EVENT_FIELDS + TRACE_FIELDS if trace else EVENT_FIELDS
    return {name: data[name] for name in names}


def csv_cell(name: str, value: Any) -> str:
    """A cell of the full CSV export: JSON for structured fields, ACLED conventions otherwise."""
    if name in JSON_FIELDS:
        return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=False)
    if name in BOOL_FIELDS:
        return "true" if value else "false"
    return acled_cell(value)


def csv_row(record: EventRecord, *, trace: bool = False) -> dict[str, str]:
    """The full record as one CSV row (sources, munitions, weapons as JSON text)."""
    return {
        name: neutralise_formula(csv_cell(name, value))
        for name, value in full_record(record, trace=trace).items()
    }


# --------------------------------------------------------------------------- PLOVER

#: ACLED sub_event_type -> (PLOVER event category, PLOVER mode). Documented in docs/export.md.
PLOVER_EVENTS: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("ASSAULT", "firearms"),
    "Government regains territory": ("ASSAULT", "occupy"),
    "Non-state actor overtakes territory": ("ASSAULT", "occupy"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Shelling/artillery/missile attack": ("ASSAULT", "explosives"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Suicide bomb": ("ASSAULT", "suicide-bomb"),
    "Grenade": ("ASSAULT", "explosives"),
    "Chemical weapon": ("ASSAULT", "CBRN"),
    "Attack": ("ASSAULT", "beat"),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", "firearms"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("ASSAULT", "crowd"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("MOBILIZE", None),
    "Disrupted weapons use": ("COERCE", "seize"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("COERCE", "destroy"),
    "Non-violent transfer of territory": ("CONCEDE", "territory"),
    "Other": ("OTHER", None),
}

#: PLOVER ``context`` values implied by ACLED's event types.
PLOVER_CONTEXT: dict[str, str] = {
    "Battles": "military",
    "Explosions/Remote violence": "military",
    "Violence against civilians": "human_rights",
    "Protests": "political",
    "Riots": "political",
    "Strategic developments": "political",
}


def plover_record(record: EventRecord) -> dict[str, Any]:
    """The record in PLOVER's JSON shape (one line of a PLOVER JSON-lines file)."""
    category, mode = PLOVER_EVENTS.get(record.sub_event_type or "", ("OTHER", None))
    if record.sub_event_type == "Air/drone strike" and any(
        "drone" in w.lower() for w in record.weapons
    ):
        mode = "drone"
    context = PLOVER_CONTEXT.get(record.event_type or "")
    return {
        "id": record.event_id or stable_event_id_cnty(record),
        "date": record.event_date,
        "actor": record.actor1,
        "recipient": record.actor2,
        "event": category,
        "mode": mode,
        "context": [context] if context else [],
        "event_loc": {
            "name": record.location,
            "lat": record.latitude,
            "lon": record.longitude,
            "admin1": record.admin1,
            "country": record.country,
            "geonameid": (record.reasons or {}).get("geonameid"),
        },
        "size": {"dead": record.fatalities, "injured": record.injuries},
        "event_text": record.notes or (record.sources[0].sentence if record.sources else None),
        "cite_info": [
            {"url": s.url, "outlet": s.outlet, "published": s.published, "sentence": s.sentence}
            for s in record.sources
        ],
    }


# --------------------------------------------------------------------------- GeoJSON


def geojson_feature(record: EventRecord, *, trace: bool = False) -> dict[str, Any]:
    """A GeoJSON Feature: a Point at the event (null geometry when it has no coordinates)."""
    geometry: dict[str, Any] | None = None
    if record.latitude is not None and record.longitude is not None:
        geometry = {"type": "Point", "coordinates": [record.longitude, record.latitude]}
    return {
        "type": "Feature",
        "id": record.event_id,
        "geometry": geometry,
        "properties": full_record(record, trace=trace),
    }


# --------------------------------------------------------------------------- Parquet

_SOURCE_TYPE = pa.struct(
    [
        ("article_id", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("published", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]
)


def _arrow_type(name: str) -> pa.DataType:
    if name in INT_FIELDS:
        return pa.int64()
    if name in FLOAT_FIELDS:
        return pa.float64()
    if name in BOOL_FIELDS:
        return pa.bool_()
    if name == "weapons":
        return pa.list_(pa.string())
    if name == "sources":
        return pa.list_(_SOURCE_TYPE)
    return pa.string()  # munitions and reasons travel as JSON text: their keys vary


def parquet_schema(*, trace: bool = False) -> pa.Schema:
    """The typed Arrow schema of the Parquet export."""
    names = EVENT_FIELDS + TRACE_FIELDS if trace else EVENT_FIELDS
    return pa.schema([(name, _arrow_type(name)) for name in names])


def parquet_batch(records: list[EventRecord], *, trace: bool = False) -> pa.RecordBatch:
    """A batch of records as typed Arrow columns."""
    schema = parquet_schema(trace=trace)
    rows = [full_record(r, trace=trace) for r in records]
    columns = []
    for fld in schema:
        values = [row[fld.name] for row in rows]
        if fld.name in ("munitions", "reasons"):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        columns.append(pa.array(values, type=fld.type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)
