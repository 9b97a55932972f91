"""Page metadata and boilerplate on a page set with gold values (issue 17, item 1).

``eval/pages/`` holds pages written for this evaluation in the layouts sitrep meets: a wire page
with a printed "today" strip above the article's own date, a monitor page headed by a Bengali
date line, a page headed by the outlet's masthead, an aggregator's feed item titled with the
aggregator's name, a reposter's page wrapped in its region/theme lines, translate widget,
newsletter and donation prompts, disclaimer and fair-use paragraphs, a news site with its desk
and comment furniture, a press digest crediting "Article: The Arab Weekly". Two more are built
here: a PDF whose document title is its producer's ("Enscript Output") and a WARC capture with
no date on the page. ``eval/pages/gold.jsonl`` gives each page's title, outlet, publication day,
original outlet, the precision the date may claim (``published_precision``), lines that must be
gone (``absent``) and story lines that must stay (``present``).

Metrics (``ingest.pages_*``): share of pages whose title / outlet / publication day (with an
allowed precision) / original outlet are right, and ``pages_boilerplate``: share of pages with
every ``absent`` line gone and every ``present`` line kept.

    .venv/bin/python eval/page_metadata.py [-v]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent / "pages"

PDF_LINES = (
    "Militia convoy ambushed on the Baghdad-Kirkuk road",
    "Gunmen ambushed a convoy of the Popular Mobilisation Forces on the Baghdad-Kirkuk road",
    "near Tuz Khurmatu on Monday, killing two fighters, a PMF spokesman said.",
)
WARC_HTML = (
    "<html><head><title>Mortar rounds hit Green Zone - Baghdad Today</title>"
    '<meta property="og:site_name" content="Baghdad Today"></head><body>'
    "<h1>Mortar rounds hit Green Zone</h1>"
    "<p>Two mortar rounds landed inside Baghdad's fortified Green Zone, causing no casualties, "
    "the Security Media Cell said in a statement.</p>"
    "<p>Sirens sounded near the US embassy compound after the impacts.</p></body></html>"
)


def pdf_bytes(lines: tuple[str, ...], title: str) -> bytes:
    """A one-page PDF with ``lines`` as its text layer and ``title`` as its document title."""
    stream = (
        "BT /F1 11 Tf 50 760 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) /Producer (GNU Enscript 1.6.6) /Creator (GNU Enscript 1.6.6) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def warc_bytes(html: str, url: str, captured: str) -> bytes:
    """An uncompressed WARC file with one response record of ``html`` captured at ``captured``."""
    body = html.encode("utf-8")
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
        f"WARC-Date: {captured}\r\nWARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def _built(folder: Path) -> list[Path]:
    pdf = folder / "enscript-report.pdf"
    pdf.write_bytes(pdf_bytes(PDF_LINES, "Enscript Output"))
    warc = folder / "capture.warc"
    warc.write_bytes(
        warc_bytes(
            WARC_HTML, "https://baghdadtoday.example/news/green-zone", "2026-02-10T08:15:00Z"
        )
    )
    return [pdf, warc]


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def _name(text: Any) -> str:
    return re.sub(r"[\W_]+", "", str(text or "").lower())


def run(verbose: bool = False) -> dict[str, float | None]:
    from sitrep.errors import SitrepError
    from sitrep.ingest.parse import parse_item
    from sitrep.ingest.sources import iter_items

    gold = [json.loads(line) for line in (PAGES / "gold.jsonl").read_text().splitlines() if line]
    scores = {"title": 0, "outlet": 0, "published": 0, "original_outlet": 0, "boilerplate": 0}
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(p) for p in sorted(PAGES.iterdir()) if p.name != "gold.jsonl"]
        files += [str(p) for p in _built(Path(tmp))]
        parsed: dict[str, Any] = {}
        for item in iter_items(files):
            name = Path(item.source.split("#", 1)[0]).name
            try:
                parsed[name] = parse_item(item)
            except SitrepError as exc:
                parsed[name] = exc
    for want in gold:
        got = parsed.get(want["source"])
        if got is None or isinstance(got, Exception):
            if verbose:
                print(f"{want['source']}: not parsed ({got})")
            continue
        checks = {
            "title": _norm(got.title) == _norm(want["title"]),
            "outlet": _name(got.outlet) == _name(want.get("outlet")),
            "original_outlet": _name(got.original_outlet) == _name(want.get("original_outlet")),
            "published": (
                (got.published.date().isoformat() if got.published else None)
                == want.get("published")
                and (got.published is None or got.published_precision in want["precisions"])
            ),
        }
        text = _norm(got.text)
        gone = [line for line in want.get("absent", []) if _norm(line) in text]
        lost = [line for line in want.get("present", []) if _norm(line) not in text]
        checks["boilerplate"] = not gone and not lost
        for key, ok in checks.items():
            scores[key] += int(ok)
            if verbose and not ok:
                detail = {
                    "title": got.title,
                    "outlet": got.outlet,
                    "original_outlet": got.original_outlet,
                    "published": (got.published, got.published_precision),
                    "boilerplate": {"left": gone, "lost": lost},
                }[key]
                print(f"{want['source']}: {key} wrong: {detail!r}")
    n = len(gold)
    return {f"ingest.pages_{key}": round(value / n, 4) for key, value in scores.items()}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for name, value in run(verbose="-v" in args).items():
        print(f"{name:40s} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
