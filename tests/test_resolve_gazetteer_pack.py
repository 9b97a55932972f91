"""The Middle East gazetteer pack: how it is cut from the open gazetteers, how it is indexed,
and that the shipped pack is there, credited and small. Fixture extracts in
tests/fixtures/gazetteer_pack stand in for ../shared/data/gazetteer."""

from __future__ import annotations

import gzip
import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_build import DATA_DIR, PACK_DIR, build_index, read_pack

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer_pack"
TOOL = Path(__file__).resolve().parent.parent / "tools" / "build_gazetteer_pack.py"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_gazetteer_pack", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer_pack"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fixture_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "test.tsv.gz"
    _tool().build(FIXTURES, out)
    return out


def test_pack_rows_and_alias_cut(fixture_pack: Path) -> None:
    rows = {row["name"]: row for row in read_pack(fixture_pack)}
    sfuhen = rows["Sfuhen Test"]
    assert sfuhen["iso"] == "SY" and sfuhen["source"] == "wof"
    assert "صفوهن" in sfuhen["aliases"]  # Arabic kept
    assert "Sfuhin Test" in sfuhen["aliases"]  # Latin transliteration kept
    # other scripts, codes, short aliases and common English words are not names to match
    for dropped in ("Сфухен", "KAC", "Bar", "Ali", "Station"):
        assert dropped not in sfuhen["aliases"]
    # a record outside its country's box is a source error (Cobh filed under Iran)
    assert "Queenstown" not in rows
    # regions are left to the index's own provinces; airports keep their kind, not their codes
    assert "Testa Region" not in rows
    assert rows["Testabad Airport"]["feature"] == "airport"
    assert "OITT" not in rows["Testabad Airport"]["aliases"]


def test_pack_ucdp_and_opensyria(fixture_pack: Path) -> None:
    rows = read_pack(fixture_pack)
    ucdp = [r for r in rows if r["source"] == "ucdp"]
    # one row per place (two precisions collapse), no governorate-level row, no sealed row
    assert [r["name"] for r in ucdp] == ["Kafr Testa"]
    assert ucdp[0]["feature"] == "village" and ucdp[0]["admin1"] == "Idlib"
    assert not any("Sealed" in r["name"] for r in rows)
    units = {r["name"]: r for r in rows if r["source"] == "opensyria"}
    assert set(units) == {"Testa District", "Testa Markaz"}
    assert units["Testa District"]["geonameid"] == 999
    with gzip.open(fixture_pack, "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        body = handle.read()
    assert "pcode" in header and "SY070100" in body  # P-codes travel with the units


def test_pack_is_deterministic(fixture_pack: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.tsv.gz"
    _tool().build(FIXTURES, again)
    assert again.read_bytes() == fixture_pack.read_bytes()


def test_pack_places_are_indexed(fixture_pack: Path, tmp_path: Path) -> None:
    index = build_index(tmp_path / "g.sqlite", cities="cities15000", packs=[fixture_pack])
    gaz = Gazetteer(index)
    [place] = gaz.lookup("Sfuhen Test", limit=1)
    assert (place.iso, place.source, place.feature) == ("SY", "wof", "village")
    assert place.admin1 == "Idleb"  # WOF's "Idlib" in ACLED's spelling
    assert gaz.lookup("صفوهن", limit=1)[0].name == "Sfuhen Test"
    [tal] = gaz.lookup("Tal Testiyeh", limit=1)
    assert tal.admin1 == "Ninewa"  # WOF's "Ninawa"
    assert gaz.lookup("Kafr Testa", country="SY", limit=1)[0].source == "ucdp"
    # an evaluation on UCDP locations can hide the pack's UCDP layer
    hidden = Gazetteer(index, exclude_sources=("ucdp",))
    assert all(p.source != "ucdp" for p in hidden.lookup("Kafr Testa", country="SY"))
    with sqlite3.connect(index) as db:
        sources = {r[0] for r in db.execute("SELECT DISTINCT source FROM places")}
    assert {"wof", "ucdp", "opensyria"} <= sources


def test_shipped_pack_is_small_and_credited() -> None:
    packs = sorted(PACK_DIR.glob("*.tsv.gz"))
    assert [p.name for p in packs] == ["middle_east.tsv.gz"]
    assert packs[0].stat().st_size < 8_000_000
    attribution = (DATA_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for credit in ("Who's On First", "GeoNames", "UCDP", "OpenSyria", "CC BY 4.0"):
        assert credit in attribution
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "ATTRIBUTION.md" in readme
    with gzip.open(packs[0], "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        isos = {line.split("\t")[5] for line in handle}
    assert header[:4] == ["name", "aliases", "lat", "lon"]
    assert {"SY", "IQ", "YE", "LB", "JO", "IR", "TR"} <= isos


def test_a_failed_build_leaves_no_partial_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tsv.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(ConfigError):
        build_index(tmp_path / "g.sqlite", cities="cities15000", packs=[broken])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.tsv.gz"]
