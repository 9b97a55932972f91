"""The user's gazetteer layers: GeoNames country dumps downloaded on demand, and the named
locations of an ACLED or UCDP export the analyst already has.

Both live in a folder next to the index (``gazetteer-user/`` beside ``gazetteer.sqlite``), are
added to the index at once, and are added again whenever the default index is rebuilt, so an
upgrade of sitrep does not lose them:

* ``geonames/CC.zip``: GeoNames dumps (``https://download.geonames.org/export/dump/CC.zip``),
  fetched with resumable HTTP Range requests; each finished file is checked (the size the
  server announced, every member's CRC, an optional expected SHA-256) and its SHA-256 is
  recorded in ``geonames/SHA256SUMS``.
* ``learned-NAME.tsv.gz``: the distinct (location, point, admin1, admin2, precision) rows of an
  export, in the pack format of :mod:`sitrep.resolve.gazetteer_build`, source ``user``. Such
  places count as curated in disambiguation (the reference dataset's spelling and point).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from sitrep.errors import InputError
from sitrep.resolve.gazetteer_build import user_dir  # noqa: F401 - its home; cli and tests import it here
from sitrep.resolve.names import name_key

GEONAMES_DUMPS = "https://download.geonames.org/export/dump/"
PACK_COLUMNS = (
    "name", "aliases", "lat", "lon", "feature", "iso", "admin1", "admin2", "population",
    "geonameid", "pcode", "source",
)  # fmt: skip
_CHUNK = 1 << 16

Progress = Callable[[int, int | None], None]


# --------------------------------------------------------------------------- download


@dataclass
class Download:
    """One fetched dump: where it lies, its SHA-256, whether it resumed a partial file."""

    country: str
    path: Path
    sha256: str
    size: int
    resumed: bool


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path.name} is not a zip file ({exc})") from exc
    if bad is not None:
        raise InputError(f"{path.name}: member {bad} fails its CRC check")


def download_dump(
    country: str,
    folder: Path,
    *,
    base_url: str = GEONAMES_DUMPS,
    expected_sha256: str | None = None,
    progress: Progress | None = None,
    client: httpx.Client | None = None,
) -> Download:
    """Fetch ``{base_url}{CC}.zip`` into ``folder``, resuming a ``.part`` file left by an
    interrupted run (HTTP Range), then check it (announced size, zip CRCs, ``expected_sha256``).

    ``progress(done, total)`` is called as bytes arrive. Raises :class:`InputError` for an
    unknown country code, an HTTP error or a file that fails a check (the bad file is removed,
    so a rerun starts afresh).
    """
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{code}.zip"
    part = folder / f"{code}.zip.part"
    url = f"{base_url.rstrip('/')}/{code}.zip"
    own = client is None
    http = client or httpx.Client(follow_redirects=True, timeout=60.0)
    try:
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        total: int | None
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and have:
                total = have  # the part file is already whole
                resumed = True
            elif response.status_code == 206 and have:
                total = _total_from_range(response.headers.get("content-range"), have, response)
                resumed = True
                _write_stream(response, part, "ab", have, total, progress)
            elif response.status_code == 200:
                length = response.headers.get("content-length")
                total = int(length) if length else None
                resumed = False
                _write_stream(response, part, "wb", 0, total, progress)
            else:
                raise InputError(f"GET {url}: HTTP {response.status_code}")
    except httpx.HTTPError as exc:
        raise InputError(f"GET {url} failed: {exc} (rerun to resume)") from exc
    finally:
        if own:
            http.close()
    size = part.stat().st_size
    if total is not None and size != total:
        raise InputError(f"{code}.zip: got {size} of {total} bytes (rerun to resume)")
    try:
        _check_zip(part)
        digest = _sha256(part)
        if expected_sha256 and digest != expected_sha256.lower():
            raise InputError(f"{code}.zip: SHA-256 {digest} is not the expected {expected_sha256}")
    except InputError:
        part.unlink(missing_ok=True)
        raise
    part.replace(final)
    _record_sum(folder, final.name, digest)
    return Download(code, final, digest, size, resumed)


def _total_from_range(header: str | None, have: int, response: httpx.Response) -> int | None:
    """The whole size from "bytes 100-199/200"; checks the server resumed where asked."""
    if not header or not header.startswith("bytes "):
        raise InputError(f"{response.url}: 206 without a Content-Range")
    span, _, total = header[6:].partition("/")
    start = int(span.split("-")[0])
    if start != have:
        raise InputError(f"{response.url}: asked to resume at byte {have}, got {start}")
    return int(total) if total.isdigit() else None


def _write_stream(
    response: httpx.Response,
    part: Path,
    mode: str,
    done: int,
    total: int | None,
    progress: Progress | None,
) -> None:
    with part.open(mode) as handle:
        if progress:
            progress(done, total)
        for block in response.iter_bytes():
            handle.write(block)
            done += len(block)
            if progress:
                progress(done, total)


def _record_sum(folder: Path, name: str, digest: str) -> None:
    sums = folder / "SHA256SUMS"
    lines = [
        line
        for line in (sums.read_text().splitlines() if sums.exists() else [])
        if not line.endswith(f"  {name}")
    ]
    sums.write_text("\n".join([*lines, f"{digest}  {name}"]) + "\n")


# --------------------------------------------------------------------------- learn


#: Column names of the two export formats: ACLED's and UCDP GED's.
_ACLED = {"name": "location", "admin1": "admin1", "admin2": "admin2", "precision": "geo_precision"}
_UCDP = {
    "name": "where_coordinates",
    "admin1": "adm_1",
    "admin2": "adm_2",
    "precision": "where_prec",
}
_UCDP_KIND = ("village", "town", "city", "area", "district", "governorate", "province", "region")


def read_export(path: Path) -> list[dict[str, Any]]:
    """The distinct named locations of an ACLED or UCDP export CSV, as pack rows.

    ACLED rows: every row's ``location`` is the town its point codes (geo_precision 2 and 3
    events are coded *to* a town or capital), so all precisions are kept. UCDP rows: only
    ``where_prec`` 1-2 (the place itself or near it); coarser rows name districts and
    provinces. Names keep the dataset's spelling; a trailing "village"/"town" is dropped.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    if {"location", "latitude", "longitude"} <= fields:
        columns, kind = _ACLED, "acled"
    elif {"where_coordinates", "latitude", "longitude"} <= fields:
        columns, kind = _UCDP, "ucdp"
    else:
        raise InputError(
            f"{path.name}: neither an ACLED export (location, latitude, longitude) "
            "nor a UCDP GED export (where_coordinates, latitude, longitude)"
        )
    seen: dict[tuple[str, float, float], dict[str, Any]] = {}
    for number, row in enumerate(reader, start=2):
        name = (row.get(columns["name"]) or "").strip()
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            precision = int(float(row.get(columns["precision"]) or 1))
        except ValueError as exc:
            raise InputError(f"{path.name} line {number}: bad number ({exc})") from exc
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        if kind == "ucdp":
            if precision > 2:
                continue
            words = name.split()
            if len(words) > 1 and words[-1].lower() in _UCDP_KIND:
                name = " ".join(words[:-1])
        key = (name_key(name), round(lat, 4), round(lon, 4))
        if not key[0] or key in seen:
            continue
        seen[key] = {
            "name": name,
            "aliases": [],
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "feature": "town",
            "iso": _iso_of(row, kind),
            "admin1": _strip_kind(row.get(columns["admin1"]) or ""),
            "admin2": _strip_kind(row.get(columns["admin2"]) or ""),
            "population": None,
            "geonameid": None,
            "pcode": "",
            "source": "user",
        }
    return list(seen.values())


def _strip_kind(value: str) -> str:
    words = value.strip().split()
    if len(words) > 1 and words[-1].lower() in _UCDP_KIND:
        words = words[:-1]
    return " ".join(words)


def _iso_of(row: dict[str, str], kind: str) -> str | None:
    """ISO alpha-2 of the row's country (ACLED's ``iso`` is numeric; UCDP gives a name)."""
    import pycountry

    if kind == "acled" and (row.get("iso") or "").strip().isdigit():
        found = pycountry.countries.get(numeric=f"{int(row['iso']):03d}")
        if found is not None:
            return str(found.alpha_2)
    name = (row.get("country") or "").split("(")[0].strip()
    if not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)
        except LookupError:
            return None


def write_pack(rows: Iterable[dict[str, Any]], path: Path) -> None:
    """Rows in the pack format (gzipped TSV, header line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(PACK_COLUMNS)]
    for row in rows:
        values = [
            "|".join(row["aliases"]) if c == "aliases" else ("" if row[c] is None else str(row[c]))
            for c in PACK_COLUMNS
        ]
        lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values))
    with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as z:
        z.write(("\n".join(lines) + "\n").encode("utf-8"))
