"""One RawItem to one ParsedArticle: decode, extract, clean, and settle the metadata.

Every metadata field is settled by an explicit order of sources, most trusted first:

* title: the user's record, HTML metadata (JSON-LD headline, og:title, trafilatura, ``<title>``
  without the site suffix), the text's first heading or short first line;
* outlet: the user's record or feed, JSON-LD publisher, og:site_name, trafilatura's site name,
  front matter, the URL host as a readable name;
* authors: the user's record, JSON-LD, meta tags, trafilatura, the byline;
* publication date: see :mod:`sitrep.ingest.dates` (``TRUST``);
* original outlet: repost credit lines (see :mod:`sitrep.ingest.clean.reposts`).

A problem with the item raises ParseError / InputError naming the item and the reason; the
caller records it and goes on with the next item.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from typing import Any

from sitrep.errors import InputError, ParseError
from sitrep.ingest.clean.text import CleanResult, clean_text, date_line
from sitrep.ingest.dates import DateCandidate, candidate, choose_published, date_from_url, find_date
from sitrep.ingest.decode import decode_bytes
from sitrep.ingest.fetch import DEFAULT_MAX_BYTES, charset_of
from sitrep.ingest.html import extract_html, strip_site_suffix
from sitrep.ingest.language import detect_language
from sitrep.ingest.outlets import clean_outlet_name, looks_like_url, outlet_from_url
from sitrep.ingest.titles import choose_title
from sitrep.models import ParsedArticle, PublishedFrom, RawItem

NO_DATE_REASON = "no date in metadata, text or URL"

_TEXT_FIELDS = (
    "text",
    "content",
    "body",
    "article",
    "maintext",
    "article_text",
    "full_text",
    "description",
)
_HTML_FIELDS = ("html", "content_html", "raw_html", "body_html")
_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "published": (
        "published",
        "date",
        "published_at",
        "date_publish",
        "publication_date",
        "datePublished",
        "pubdate",
        "published_date",
    ),
    "outlet": (
        "outlet",
        "site",
        "site_name",
        "sitename",
        "publisher",
        "source_name",
        "source",
        "domain",
    ),
    "author": ("authors", "author", "byline"),
    "language": ("language", "lang"),
    "original_outlet": ("original_outlet",),
}


def sniff(raw: bytes) -> str:
    """Guess a media type from the first bytes: pdf, warc, feed, html, json, markdown or text."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc"
    if lowered.startswith(b"<?xml") and (
        b"<rss" in lowered or b"<feed" in lowered or b"<rdf:rdf" in lowered
    ):
        return "feed"
    if lowered.startswith(b"<rss") or lowered.startswith(b"<feed"):
        return "feed"
    if re.search(rb"<(?:!doctype html|html|head|body|article|div|p|meta|title)[\s>]", lowered):
        return "html"
    if head[:1] in {b"{", b"["}:
        return "json"
    if re.search(rb"^#{1,6} |\]\(https?://|^---\s*$", head, re.M):
        return "markdown"
    return "text"


def parse_item(item: RawItem, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedArticle:
    """Parse one RawItem into a clean, dated article; raises ParseError/InputError with a reason."""
    if item.error:
        raise InputError(f"{item.source}: {item.error}")
    if len(item.raw) > max_bytes:
        raise ParseError(f"{item.source}: too large ({len(item.raw)} bytes > limit {max_bytes})")
    hints: dict[str, Any] = dict(item.hints)
    kind = item.media_type or sniff(item.raw)
    content: str
    if kind == "json":
        record = _json_record(item)
        kind, content = _record_content(record, item.source)
        hints.update(_record_hints(record))
        hints.setdefault("published_from", "user")
    elif kind == "pdf":
        content, pdf_hints = _pdf_text(item)
        for key, value in pdf_hints.items():
            hints.setdefault(key, value)
    elif kind in {"warc", "feed"}:
        what = "a WARC archive" if kind == "warc" else "an RSS/Atom feed"
        raise ParseError(
            f"{item.source}: {what}, not an article (give it to iter_items / iter_feed)"
        )
    else:
        content = decode_bytes(
            item.raw, item.source, declared=charset_of(hints.get("content_type"))
        )
        if kind not in {"html", "text", "markdown"}:
            kind = sniff(content[:2048].encode("utf-8", "replace"))
    return _assemble(item.source, kind, content, hints)


def _assemble(source: str, kind: str, content: str, hints: dict[str, Any]) -> ParsedArticle:
    """Extract text and metadata from decoded content and settle each field."""
    url = _text(hints.get("url"))
    dates: list[DateCandidate] = []
    title = outlet = language = None
    authors: list[str] = []
    if kind == "html":
        page = extract_html(content, url=url)
        cleaned = clean_text(page.text, find_title=False)
        for line in page.header_lines:
            dated = date_line(line)
            if dated:
                cleaned.date_lines.insert(0, dated)
        url = url or page.url
        title, outlet, authors, language = page.title, page.outlet, page.authors, page.language
        dates.extend(page.dates)
    else:
        cleaned = clean_text(content, find_title=True)
    fields = cleaned.fields
    url = url or fields.get("url")
    outlet = (
        _text(hints.get("outlet"))
        or outlet
        or fields.get("outlet")
        or fields.get("site")
        or fields.get("source")
        or cleaned.outlet
    )
    outlet = clean_outlet_name(outlet) if outlet and len(outlet) > 60 else outlet
    if outlet and looks_like_url(outlet):  # trafilatura falls back to the host name
        outlet = outlet_from_url(outlet) or outlet
    # the page's furniture names its outlet: a byline's outlet, a desk credit, a copyright line
    outlet = outlet or next((name for _, name in cleaned.site_names), None)
    outlet = outlet or outlet_from_url(url)
    original = _text(hints.get("original_outlet")) or cleaned.original_outlet
    if outlet is None and original:
        # nothing names the site itself: the credited outlet ("Source: Dhaka Monitor",
        # "Article: The Arab Weekly") is the best name the page gives
        outlet, original = original, None
    given = _text(hints.get("title"))
    choice = choose_title(
        [
            ("given", given),
            ("meta", strip_site_suffix(title, outlet) if title else None),
            ("headline", cleaned.title),
        ],
        (outlet, original),
    )
    title = choice.title
    if (
        kind != "html"
        and cleaned.title
        and choice.kind != "headline"
        and _squash(cleaned.title) != _squash(title or "")
        and not date_line(cleaned.title)
    ):
        # the first line was read as a headline but another title won: it is the story's
        # first line (a PDF whose Info title is its producer's must not lose it)
        cleaned.text = f"{cleaned.title}\n\n{cleaned.text}" if cleaned.text else cleaned.title
    authors = (
        _names(hints.get("author"))
        or authors
        or cleaned.authors
        or _names(fields.get("author") or fields.get("authors"))
    )
    text = _drop_leading_title(cleaned.text, title)
    if not text.strip() and kind != "html" and cleaned.title:
        text = cleaned.title  # a one-line document: its only line is the story
    if not text.strip():
        raise ParseError(f"{source}: no article text found")
    dates.extend(_text_dates(cleaned, hints, fields, url))
    chosen = choose_published(dates)
    if original and outlet and _same_outlet(original, outlet):
        original = None
    language = _text(hints.get("language")) or detect_language(text) or language
    article = ParsedArticle(
        source=source,
        url=url,
        title=title,
        text=text,
        outlet=outlet,
        authors=authors,
        language=language,
        original_outlet=original,
    )
    if chosen is None:
        article.published_missing_reason = NO_DATE_REASON
    else:
        article.published = chosen.value
        article.published_precision = chosen.precision
        article.published_from = chosen.source
    return article


def _text_dates(
    cleaned: CleanResult, hints: dict[str, Any], fields: dict[str, str], url: str | None
) -> list[DateCandidate]:
    """Date candidates from hints, the text's header and dateline, front matter and the URL."""
    found: list[DateCandidate] = []
    hinted = hints.get("published")
    hinted_from: PublishedFrom = hints.get("published_from") or "user"
    if hinted:
        user = candidate(str(hinted), hinted_from)
        if user is None and hinted_from == "user":
            raise ParseError(f"cannot read the given publication date {hinted!r}")
        if user:
            found.append(user)
    for key, updated in (("published", False), ("date", False), ("updated", True)):
        value = candidate(fields.get(key), "meta", updated=updated)
        if value:
            found.append(value)
    # a date under the headline before one printed above it (a "today" strip, a masthead date):
    # among equally trusted candidates the first wins
    above = cleaned.dates_above_title
    for line, updated in cleaned.date_lines[above:] + cleaned.date_lines[:above]:
        value = candidate(line, "byline", updated=updated)
        if value:
            found.append(value)
    if cleaned.dateline_date and find_date(cleaned.dateline_date, allow_month=False):
        value = candidate(cleaned.dateline_date, "dateline")
        if value:
            found.append(value)
    from_url = date_from_url(url)
    if from_url:
        found.append(DateCandidate(from_url[0], from_url[1], "url", url or ""))
    for key, origin in (("warc_date", "warc"), ("http_last_modified", "http")):
        value = candidate(_text(hints.get(key)), origin)  # type: ignore[arg-type]
        if value:
            # when a page was captured or last changed says it was published on or before that
            # day, not on it: never a day-precise publication date
            if value.precision in ("day", "week"):
                value = dataclasses.replace(value, precision="month")
            found.append(value)
    return found


def _json_record(item: RawItem) -> dict[str, Any]:
    """The JSON object of a record item; ParseError when it is not one."""
    text = decode_bytes(item.raw, item.source)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"{item.source}: malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise ParseError(f"{item.source}: JSON nested too deeply") from exc
    if not isinstance(record, dict):
        raise ParseError(
            f"{item.source}: expected a JSON object (an article record), got {type(record).__name__}"
        )
    return record


def _record_content(record: dict[str, Any], source: str) -> tuple[str, str]:
    """(media type, content) of a JSON article record."""
    for key in _HTML_FIELDS:
        if isinstance(record.get(key), str) and record[key].strip():
            return "html", record[key]
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            looks_html = re.search(r"<(?:p|div|article|html|body|br)[\s>/]", value[:3000], re.I)
            return ("html" if looks_html else "markdown"), value
    raise ParseError(
        f"{source}: the JSON record has no text field (expected one of {', '.join(_TEXT_FIELDS[:4])} or html)"
    )


def _record_hints(record: dict[str, Any]) -> dict[str, Any]:
    """Metadata fields of a JSON record under RawItem hint names (the user's values win)."""
    hints: dict[str, Any] = {}
    for hint, names in _FIELD_NAMES.items():
        for name in names:
            value = record.get(name)
            if isinstance(value, dict):
                value = value.get("name")
            if value not in (None, "", []):
                hints[hint] = value
                break
    if "published" in hints:
        hints["published_from"] = "user"
    return hints


def _pdf_text(item: RawItem) -> tuple[str, dict[str, Any]]:
    """Text layer and document metadata of a PDF; ParseError when unreadable or image-only."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(item.raw))
        if reader.is_encrypted:
            raise ParseError(f"{item.source}: encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ParseError(f"{item.source}: not a readable PDF ({exc})") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ParseError(f"{item.source}: PDF has no text layer (a scanned image?)")
    hints: dict[str, Any] = {}
    if info is not None:
        if info.title and str(info.title).strip():
            hints["title"] = str(info.title).strip()
        if info.author and str(info.author).strip():
            hints["author"] = str(info.author).strip()
    return text, hints


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _names(value: Any) -> list[str]:
    """Author names from a hint: a list, or a string "A, B and C"."""
    if isinstance(value, list):
        return [str(v.get("name") if isinstance(v, dict) else v).strip() for v in value if v]
    if isinstance(value, str) and value.strip():
        value = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.I)
        return [
            part.strip() for part in re.split(r"\s*(?:,|;|&|\band\b)\s*", value) if part.strip()
        ]
    return []


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+|^the", "", name.lower())


def _same_outlet(first: str, second: str) -> bool:
    """True when two names denote one outlet ("GWS" and "Gulf Wire Service" included)."""
    a, b = _squash(first), _squash(second)
    if a == b or (len(a) > 3 and len(b) > 3 and (a in b or b in a)):
        return True
    return first.strip().upper() == _initials(second) or second.strip().upper() == _initials(first)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\W_]+", name) if w and w.lower() not in {"the", "of", "and"}]
    return "".join(w[0] for w in words).upper()


def _drop_leading_title(text: str, title: str | None) -> str:
    """Remove the title when the text repeats it as its first paragraph."""
    if not title:
        return text
    first, sep, rest = text.partition("\n\n")
    if re.sub(r"\s+", " ", first).strip().lower() == re.sub(r"\s+", " ", title).strip().lower():
        return rest if sep else text
    return text
