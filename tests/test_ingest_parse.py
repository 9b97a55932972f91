"""parse_item: decoding, bad input with clear reasons, HTML extraction and metadata."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from sitrep.errors import InputError, ParseError
from sitrep.ingest.decode import decode_bytes, repair_mojibake
from sitrep.ingest.parse import parse_item, sniff
from sitrep.models import RawItem

STORY = (
    "Several rockets struck Ain al-Asad air base in western Iraq on Saturday, Iraqi security "
    "officials said, adding that there were no casualties among the personnel stationed there."
)


def item(raw: bytes, media_type: str | None = None, **hints: object) -> RawItem:
    return RawItem(source="sample.bin", raw=raw, media_type=media_type, hints=dict(hints))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content (NUL bytes)"),
        (bytes(range(256)) * 4, "binary content (NUL bytes)"),
    ],
)
def test_parse_bad_bytes_give_a_clear_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(
        ParseError, match=r"^sample\.bin: " + reason.replace("(", r"\(").replace(")", r"\)")
    ):
        parse_item(item(raw, "text"))


def test_parse_too_large_names_size_and_limit() -> None:
    with pytest.raises(ParseError, match=r"too large \(2001 bytes > limit 2000\)"):
        parse_item(item(b"a" * 2001, "text"), max_bytes=2000)


def test_parse_item_with_error_raises_input_error() -> None:
    with pytest.raises(InputError, match="story.html: cannot read: Permission denied"):
        parse_item(RawItem(source="story.html", raw=b"", error="cannot read: Permission denied"))


def test_parse_truncated_utf8_keeps_the_text() -> None:
    raw = f"Rockets over Erbil\n\n{STORY} Café".encode()[:-1]
    article = parse_item(item(raw, "text"))
    assert article.text.endswith("Caf")


def test_parse_invalid_utf8_byte_in_utf8_text_is_replaced_not_fatal() -> None:
    raw = ("Ḥaydar al-ʿĀmirī and Muqtadā al-Ṣadr " * 10).encode() + b"\xff" + STORY.encode()
    text = decode_bytes(raw, "x")
    assert "\ufffd" in text and "Ḥaydar" in text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "أربيل - قُتل متعاقد مدني أجنبي وأصيب تسعة أشخاص آخرون، بينهم جندي أمريكي، مساء الاثنين جراء سقوط صواريخ على قاعدة للتحالف الدولي في مطار أربيل الدولي.",
            "cp1256",
        ),
        (
            "Biden’s first strike: “multiple facilities” were hit – a Pentagon official said; café talk in Washington turned to Iran’s “response”.",
            "cp1252",
        ),
    ],
)
def test_parse_legacy_encodings_decode_correctly(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x") == text


def test_parse_declared_charset_in_html_meta_is_used() -> None:
    html = f'<html><head><meta charset="windows-1256"><title>t</title></head><body><p>{"صواريخ على قاعدة " * 20}</p></body></html>'
    assert "صواريخ" in decode_bytes(html.encode("cp1256"), "x")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_parse_byte_order_marks(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + STORY.encode(codec), "x") == STORY


def test_parse_mojibake_is_repaired_and_accents_are_kept() -> None:
    assert (
        repair_mojibake("ERBIL â€” Rockets Â· Café in Zürich") == "ERBIL — Rockets · Café in Zürich"
    )


def test_parse_html_strips_scripts_iframes_and_handlers() -> None:
    html = f"""<html><head><title>Rockets hit base | Courier</title><style>p {{color: red}}</style>
    <script>var stolen = document.cookie;</script></head>
    <body><article><h1>Rockets hit base</h1><p onclick="evil()">{STORY}</p>
    <img src="x" onerror="alert(1)"><iframe src="https://evil.example/"></iframe>
    <p>The attack was claimed by a little-known group on Telegram, officials said on Sunday evening.</p>
    <script>alert('x')</script></article></body></html>"""
    article = parse_item(item(html.encode(), "html"))
    assert STORY in article.text
    for bad in ("<", "stolen", "alert", "onerror", "evil", "color: red"):
        assert bad not in article.text
    assert article.title == "Rockets hit base"


def test_parse_html_metadata_from_json_ld_meta_and_time() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Courier page"},
            {
                "@type": "NewsArticle",
                "headline": "Rockets hit Ain al-Asad air base",
                "datePublished": "2024-01-28T09:00:00+03:00",
                "dateModified": "2024-01-29T09:00:00+03:00",
                "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],
                "publisher": {"@type": "Organization", "name": "The Frontline Courier"},
            },
        ],
    }
    html = f"""<html lang="en"><head><title>Something else | Courier</title>
    <meta property="og:site_name" content="Courier Online"><meta property="article:published_time" content="2024-01-27T08:00:00Z">
    <script type="application/ld+json">{json.dumps(ld)}</script></head>
    <body><article><p>BAGHDAD (Reuters) — {STORY}</p><p>{STORY}</p></article></body></html>"""
    article = parse_item(
        item(html.encode(), "html", url="https://www.example-news.com/2024/01/26/rockets")
    )
    assert article.title == "Rockets hit Ain al-Asad air base"
    assert article.outlet == "The Frontline Courier"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published == datetime(2024, 1, 28, 9, 0, tzinfo=timezone(timedelta(hours=3)))
    assert article.published_from == "json-ld"
    assert article.original_outlet == "Reuters"
    assert article.language == "en"


def test_parse_html_meta_and_time_when_no_json_ld() -> None:
    html = f"""<html><head><meta property="og:site_name" content="Tigris Times"><meta property="og:title" content="US strike kills commander">
    </head><body><article><header><time datetime="2024-01-04T16:45:00+03:00">4 Jan</time></header><p>{STORY}</p><p>{STORY}</p></article></body></html>"""
    article = parse_item(item(html.encode(), "html"))
    assert (article.title, article.outlet, article.published_from) == (
        "US strike kills commander",
        "Tigris Times",
        "meta",
    )
    assert article.published == datetime(2024, 1, 4, 16, 45, tzinfo=timezone(timedelta(hours=3)))


def test_parse_html_outlet_from_url_host_as_last_resort() -> None:
    html = f"<html><body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>"
    assert (
        parse_item(item(html.encode(), "html", url="https://www.reuters.com/world/x")).outlet
        == "Reuters"
    )
    assert (
        parse_item(item(html.encode(), "html", url="https://news.example-news.co.uk/x")).outlet
        == "Example News"
    )


def test_parse_html_bengali_header_date_strip() -> None:
    html = f"""<html><body><div class="top">বুধবার, ৪ ফেব্রুয়ারি ২০২৬ | ২১ মাঘ ১৪৩২ বঙ্গাব্দ</div>
    <main><h1>Two years after Tower 22</h1><div class="content"><p>{STORY}</p><p>{STORY}</p></div></main></body></html>"""
    article = parse_item(item(html.encode(), "html"))
    assert (article.published, article.published_from) == (datetime(2026, 2, 4), "byline")


def test_parse_deeply_nested_html_does_not_crash() -> None:
    html = "<html><body>" + "<div>" * 50_000 + STORY + "</div>" * 50_000 + "</body></html>"
    article = parse_item(item(html.encode(), "html"))
    assert "Ain al-Asad" in article.text


def test_parse_malformed_html_is_recovered() -> None:
    html = f"<html><body><p>{STORY}<p><b>unclosed <i>tags <div></span></td> {STORY}</body>"
    assert "Ain al-Asad" in parse_item(item(html.encode(), "html")).text


def test_parse_five_megabyte_single_line_is_handled() -> None:
    raw = (STORY + " ") * (5_000_000 // (len(STORY) + 1))
    article = parse_item(item(raw.encode(), "text"))
    assert len(article.text) > 4_000_000
    assert "\n" not in article.text


def test_parse_html_without_text_says_so() -> None:
    with pytest.raises(ParseError, match="no article text found"):
        parse_item(item(b"<html><head><script>x()</script></head><body></body></html>", "html"))


def test_parse_json_record_fields_and_user_date() -> None:
    record = {
        "title": "Rockets hit base",
        "url": "https://tigristimes.iq/x",
        "published": "2024-02-03",
        "outlet": "Tigris Times",
        "author": "Omar Rashid",
        "text": STORY,
    }
    article = parse_item(
        RawItem(source="f.jsonl#1", raw=json.dumps(record).encode(), media_type="json")
    )
    assert (article.title, article.outlet, article.authors) == (
        "Rockets hit base",
        "Tigris Times",
        ["Omar Rashid"],
    )
    assert (article.published, article.published_from) == (datetime(2024, 2, 3), "user")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"title": "x", ', "malformed JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"title": "no text"}', "has no text field"),
    ],
)
def test_parse_bad_json_records(raw: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_item(RawItem(source="f.jsonl#3", raw=raw, media_type="json"))


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"WARC/1.0\r\n", "warc"),
        (b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b'{"text": "x"}', "json"),
        (b"# Heading\n\nText", "markdown"),
        (b"Plain words.", "text"),
    ],
)
def test_parse_sniff_media_types(raw: bytes, kind: str) -> None:
    assert sniff(raw) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (STORY, "en"),
        (
            "قُتل متعاقد مدني أجنبي وأصيب تسعة أشخاص آخرون، بينهم جندي أمريكي، مساء الاثنين جراء سقوط صواريخ.",
            "ar",
        ),
        (
            "پهپادهای آمریکایی چند مقر گروه‌های مسلح را در شرق سوریه هدف قرار دادند و چند نفر کشته شدند.",
            "fa",
        ),
        ("মঙ্গলবার রাতে ইরাকের একটি ঘাঁটিতে রকেট হামলায় দুজন নিহত হয়েছেন বলে কর্মকর্তারা জানিয়েছেন।", "bn"),
    ],
)
def test_parse_language(text: str, language: str) -> None:
    assert parse_item(item(text.encode(), "text")).language == language
