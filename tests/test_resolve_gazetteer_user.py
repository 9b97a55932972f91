"""User gazetteer layers: GeoNames dumps downloaded from a real HTTP server on loopback
(resumed with Range requests, checked), and the named locations of ACLED/UCDP exports."""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import InputError
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.gazetteer_build import build_index, default_index_path, reload_learned
from sitrep.resolve.gazetteer_user import download_dump, read_export, user_dir, write_pack

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer_user"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("IQ.txt", (FIXTURES / "IQ.txt").read_text(encoding="utf-8"))
        archive.writestr("readme.txt", "GeoNames test dump\n")
    return buffer.getvalue()


class _Server:
    """A loopback HTTP server for /IQ.zip with Range support; ``cut`` makes the next full
    response stop half-way (a dropped connection)."""

    def __init__(self, body: bytes):
        self.body = body
        self.cut = False
        self.ranges: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if self.path != "/dump/IQ.zip":
                    self.send_error(404)
                    return
                asked = self.headers.get("Range")
                server.ranges.append(asked)
                body, start = server.body, 0
                if asked:
                    start = int(asked.removeprefix("bytes=").split("-")[0])
                    if start >= len(body):
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{len(body)}")
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                chunk = body[start:]
                if server.cut and not asked:
                    server.cut = False
                    self.wfile.write(chunk[: len(chunk) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(chunk)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/dump/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server(_zip_bytes())
    yield running
    running.close()


def test_download_checks_and_records_the_dump(server: _Server, tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    got = download_dump(
        "iq", tmp_path, base_url=server.url, progress=lambda d, t: seen.append((d, t))
    )
    assert got.path == tmp_path / "IQ.zip" and got.path.read_bytes() == server.body
    assert got.sha256 == hashlib.sha256(server.body).hexdigest() and not got.resumed
    assert seen[-1] == (len(server.body), len(server.body))
    assert f"{got.sha256}  IQ.zip" in (tmp_path / "SHA256SUMS").read_text()
    assert not (tmp_path / "IQ.zip.part").exists()


def test_an_interrupted_download_resumes_with_a_range_request(
    server: _Server, tmp_path: Path
) -> None:
    server.cut = True
    with pytest.raises(InputError, match="rerun to resume"):
        download_dump("IQ", tmp_path, base_url=server.url)
    part = tmp_path / "IQ.zip.part"
    assert 0 < part.stat().st_size < len(server.body)
    have = part.stat().st_size
    got = download_dump("IQ", tmp_path, base_url=server.url)
    assert got.resumed and server.ranges[-1] == f"bytes={have}-"
    assert got.path.read_bytes() == server.body


def test_a_wrong_checksum_or_a_broken_zip_is_refused(server: _Server, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="SHA-256"):
        download_dump("IQ", tmp_path, base_url=server.url, expected_sha256="0" * 64)
    assert not (tmp_path / "IQ.zip").exists() and not (tmp_path / "IQ.zip.part").exists()
    server.body = b"PK\x03\x04 not really a zip"
    with pytest.raises(InputError, match="not a zip"):
        download_dump("IQ", tmp_path, base_url=server.url)
    with pytest.raises(InputError, match="HTTP 404"):
        download_dump("SY", tmp_path, base_url=server.url)
    with pytest.raises(InputError, match="country code"):
        download_dump("Iraq", tmp_path, base_url=server.url)


def test_read_export_acled_and_ucdp() -> None:
    acled = read_export(FIXTURES / "acled_export.csv")
    # two events at one place are one place; ACLED's numeric iso gives the country
    assert [(r["name"], r["iso"], r["admin1"]) for r in acled] == [
        ("Kafr Zubdiyat", "SY", "Idleb"),
        ("Tal Waqfiyat Gharbi", "IQ", "Ninewa"),
    ]
    ucdp = read_export(FIXTURES / "ucdp_export.csv")
    # "village" dropped from the name; the governorate-level row is no place of its own
    assert [(r["name"], r["iso"], r["admin1"]) for r in ucdp] == [
        ("Zubdiyat Sharqi", "SY", "Idlib")
    ]
    with pytest.raises(InputError, match="neither an ACLED"):
        read_export(FIXTURES / "IQ.txt")


@pytest.fixture
def index(tmp_path: Path) -> Path:
    """A private copy of the installed index (or a small fresh one)."""
    target = tmp_path / "index" / "gazetteer.sqlite"
    target.parent.mkdir()
    installed = default_index_path()
    if installed.exists():
        shutil.copyfile(installed, target)
        return target
    return build_index(target, cities="cities15000")


def test_learned_places_are_found_and_curated(index: Path) -> None:
    rows = read_export(FIXTURES / "acled_export.csv")
    write_pack(rows, user_dir(index) / "learned-acled_export.tsv.gz")
    assert reload_learned(index) == 2
    assert reload_learned(index) == 2  # re-learning replaces, never duplicates
    gaz = Gazetteer(index)
    found = gaz.lookup("Kafr Zubdiyat", limit=3)
    assert [(p.name, p.source, p.admin1) for p in found] == [("Kafr Zubdiyat", "user", "Idleb")]
    mentions = gaz.geoparse("Regime forces shelled Kafr Zubdiyat in Idleb on Monday.")
    assert any(m.place is not None and m.place.source == "user" for m in mentions)


def test_cli_download_and_learn(
    server: _Server, index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER_INDEX", str(index))
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "download", "IQ", "--base-url", server.url])
    assert result.exit_code == 0, result.output
    assert "IQ:" in result.output and "2 places added" in result.output
    assert (user_dir(index) / "geonames" / "IQ.zip").exists()
    assert Gazetteer(index).lookup("Qaryat Zubdiya", country="IQ", limit=1)[0].geonameid == 9990001
    result = runner.invoke(app, ["gazetteer", "learn", str(FIXTURES / "ucdp_export.csv")])
    assert result.exit_code == 0, result.output
    assert "learned 1 places" in result.output
    [place] = Gazetteer(index).lookup("Zubdiyat Sharqi", limit=1)
    assert place.source == "user"
    # a rebuild of that index keeps both layers
    build_index(index, cities="cities15000", packs=[])
    rebuilt = Gazetteer(index)
    assert rebuilt.lookup("Zubdiyat Sharqi", limit=1)[0].source == "user"
    assert rebuilt.lookup("Qaryat Zubdiya", country="IQ", limit=1)[0].geonameid == 9990001
    bad = runner.invoke(
        app, ["gazetteer", "download", "IQ", "--base-url", server.url, "--sha256", "IQ=00"]
    )
    assert bad.exit_code == 1 and "SHA-256" in bad.output
