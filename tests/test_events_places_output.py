"""`sitrep geoparse` and `sitrep extract` write each place's coordinates, country, admin1 and
offsets at the top level of the place record, and keep the nested ``place`` record."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.events.places import place_record
from sitrep.models import Place, PlaceMention

TOP = ("lat", "lon", "country", "admin1", "start", "end")


def test_place_record_flattens_and_keeps_the_nested_form() -> None:
    mention = PlaceMention(
        text="Mosul",
        start=10,
        end=15,
        place=Place(name="Mosul", lat=36.34, lon=43.13, country="Iraq", iso="IQ", admin1="Ninewa"),
        score=0.9,
    )
    record = place_record(mention)
    assert [record[k] for k in TOP] == [36.34, 43.13, "Iraq", "Ninewa", 10, 15]
    assert record["place"]["name"] == "Mosul" and record["text"] == "Mosul"
    unresolved = place_record(PlaceMention(text="X", start=0, end=1, place=None))
    assert unresolved["lat"] is None and unresolved["start"] == 0


def test_geoparse_command_writes_top_level_coordinates() -> None:
    result = CliRunner().invoke(app, ["geoparse", "Rockets hit Baghdad and Erbil on Monday."])
    assert result.exit_code == 0, result.output
    records = _json_objects(result.output)
    baghdad = next(r for r in records if r["text"] == "Baghdad")
    assert all(k in baghdad for k in TOP)
    assert baghdad["country"] == "Iraq" and abs(baghdad["lat"] - 33.3) < 0.5
    assert baghdad["place"]["iso"] == "IQ"


def test_extract_command_writes_top_level_coordinates() -> None:
    line = json.dumps({"id": "a1", "text": "On 3 March 2022, rockets hit Erbil, killing two."})
    result = CliRunner().invoke(app, ["extract"], input=line + "\n")
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.output.strip().splitlines()[-1])
    erbil = next(p for p in analysis["places"] if p["text"] == "Erbil")
    assert all(k in erbil for k in TOP)
    assert erbil["admin1"] == "Erbil" and erbil["place"]["name"] == "Erbil"


def _json_objects(text: str) -> list[dict[str, object]]:
    """The JSON objects of pretty-printed output, one after the other."""
    decoder = json.JSONDecoder()
    objects, index = [], 0
    text = text.strip()
    while index < len(text):
        obj, end = decoder.raw_decode(text, index)
        objects.append(obj)
        index = end
        while index < len(text) and text[index].isspace():
            index += 1
    return objects
