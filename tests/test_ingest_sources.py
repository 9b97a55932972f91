"""iter_items over every local source kind: text, Markdown, HTML, JSON, JSON-lines, PDF, WARC."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest.fetch import FetchOptions
from sitrep.ingest.parse import parse_item
from sitrep.ingest.sources import iter_items

STORY = (
    "Several rockets struck Ain al-Asad air base in western Iraq on Saturday, Iraqi security "
    "officials said, adding that there were no casualties among the personnel stationed there."
)
PAGE = f"<html><head><title>Rockets hit base</title></head><body><article><h1>Rockets hit base</h1><p>{STORY}</p><p>{STORY}</p></article></body></html>"


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF whose text layer holds ``lines`` (Helvetica, one per line)."""
    text_ops = (
        "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    )
    stream = text_ops.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def write_warc(path: Path) -> None:
    """A WARC with an HTML response, a request, and an image response (only the first is an article)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Last-Modified", "Sat, 27 Jan 2024 10:00:00 GMT"),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            "https://www.example-news.com/iraq/rockets-hit-base",
            "response",
            payload=io.BytesIO(PAGE.encode()),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-01-28T09:00:00Z"},
        )
        writer.write_record(record)
        request = writer.create_warc_record(
            "https://www.example-news.com/iraq/rockets-hit-base",
            "request",
            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
        )
        writer.write_record(request)
        image = writer.create_warc_record(
            "https://www.example-news.com/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
            ),
        )
        writer.write_record(image)


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("story.txt", f"Rockets hit base\n\n{STORY}", "text"),
        ("story.md", f"# Rockets hit base\n\n{STORY}", "markdown"),
        ("story.html", PAGE, "html"),
        ("story.htm", PAGE, "html"),
        ("story.unknown", PAGE, "html"),
        ("README", f"Rockets hit base\n\n{STORY}", "text"),
    ],
)
def test_sources_text_markdown_html_and_sniffed_files(
    tmp_path: Path, name: str, content: str, media_type: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [item] = list(iter_items([str(path)]))
    assert (item.source, item.media_type, item.error) == (str(path), media_type, None)
    assert item.raw == content.encode()
    assert STORY in parse_item(item).text


def test_sources_json_record_and_array(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"title": "A", "text": STORY}), encoding="utf-8")
    many = tmp_path / "many.json"
    second = json.dumps({"title": "B", "text": STORY, "published": "2024-01-02"})
    many.write_text(f'[\n  {{"title": "A", "text": "{STORY}"}},\n  {second}\n]', encoding="utf-8")
    items = list(iter_items([str(single), str(many)]))
    assert [i.source for i in items] == [str(single), f"{many}#1", f"{many}#2"]
    assert items[2].raw == second.encode()
    article = parse_item(items[2])
    assert (article.title, article.published, article.published_from) == (
        "B",
        datetime(2024, 1, 2),
        "user",
    )


def test_sources_jsonl_malformed_line_is_an_error_item_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    good = json.dumps({"title": "A", "text": STORY})
    path.write_text(f'{good}\n{{"title": broken\n\n{good}\n[1, 2]\n', encoding="utf-8")
    items = list(iter_items([str(path)]))
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#4", f"{path}#5"]
    assert items[0].error is None and items[0].raw == good.encode()
    assert items[1].error is not None and items[1].error.startswith("malformed JSON line")
    assert items[2].error is None
    assert items[3].error == "expected a JSON object on this line"


def test_sources_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(
        tiny_pdf(
            [
                "Coalition statement on the Taji attack",
                "Eighteen rockets struck Camp Taji on Wednesday evening, the coalition said.",
            ]
        )
    )
    [item] = list(iter_items([str(path)]))
    assert item.media_type == "pdf"
    article = parse_item(item)
    assert "Eighteen rockets struck Camp Taji" in article.text


def test_sources_broken_pdf_gives_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")
    [item] = list(iter_items([str(path)]))
    with pytest.raises(Exception, match=r"broken\.pdf: (not a readable PDF|PDF has no text layer)"):
        parse_item(item)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_sources_warc_html_responses_with_hints(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path)
    items = list(iter_items([str(path)]))
    assert len(items) == 1
    [item] = items
    assert item.source.startswith(f"{path}#urn:uuid:")
    assert item.hints["url"] == "https://www.example-news.com/iraq/rockets-hit-base"
    assert item.hints["warc_date"] == "2024-01-28T09:00:00Z"
    article = parse_item(item)
    assert article.outlet == "Example News"
    # Last-Modified (the server's word) beats the crawl date.
    assert (article.published, article.published_from) == (
        datetime(2024, 1, 27, 10, 0, tzinfo=article.published.tzinfo),
        "http",
    )  # type: ignore[union-attr]


def test_sources_malformed_warc_record_is_an_error_item(tmp_path: Path) -> None:
    good = tmp_path / "good.warc"
    write_warc(good)
    bad = tmp_path / "bad.warc"
    bad.write_bytes(good.read_bytes() + b"this is not a WARC record\r\n\r\n<html>")
    items = list(iter_items([str(bad)]))
    assert items[0].error is None
    assert items[-1].error is not None and "malformed WARC record" in items[-1].error


def test_sources_folder_is_walked_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for path in (
        tmp_path / "b" / "2.txt",
        tmp_path / "b" / "1.txt",
        tmp_path / "a.txt",
        tmp_path / ".secret.txt",
        tmp_path / ".hidden" / "x.txt",
    ):
        path.write_text(STORY, encoding="utf-8")
    sources = [item.source for item in iter_items([str(tmp_path)])]
    assert sources == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_sources_unreadable_and_oversized_paths_are_error_items(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 500, encoding="utf-8")
    items = list(
        iter_items(
            [str(tmp_path / "missing.txt"), str(big)], fetch_options=FetchOptions(max_bytes=100)
        )
    )
    assert items[0].error is not None and items[0].error.startswith("cannot read")
    assert items[1].error == "too large (500 bytes > limit 100)"
