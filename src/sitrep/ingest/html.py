"""HTML pages: main text via trafilatura, metadata from meta tags, JSON-LD and ``<time>``.

The page is parsed once with lxml (recovering from broken markup; libxml2 caps nesting depth at
255, so pathological nesting cannot blow the stack). Metadata is read from that tree first, in
the order publishers fill it most reliably: JSON-LD ``NewsArticle`` (headline, datePublished,
author, publisher), then Open Graph / article meta tags, then ``<time datetime>``. trafilatura
then extracts the main text from the same tree and fills whatever metadata is still missing.
Its date is not used (its guesses reach into the body); only explicit metadata dates are.

Scripts, styles, iframes, forms and event-handler attributes never reach the text: trafilatura
drops them, and the fallback extractor removes them before reading text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from sitrep.ingest.dates import DateCandidate, candidate

_PARSER = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "liveblogposting",
    "report", "socialmediaposting", "webpage",
}  # fmt: skip
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published", "article_date_original", "original-publish-date",
    "cxenseparse:recs:publishtime", "citation_publication_date", "displaydate", "datecreated",
)  # fmt: skip
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "dc.creator",
    "sailthru.author",
    "byl",
)
_DROP_TAGS = (
    "script",
    "style",
    "iframe",
    "noscript",
    "object",
    "embed",
    "svg",
    "form",
    "template",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "textarea",
)
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "br",
    "div",
    "section",
    "article",
    "tr",
}


@dataclass
class HtmlExtract:
    """What one HTML page yields before text cleaning."""

    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    header_lines: list[str] = field(default_factory=list)  # visible lines above the story


def header_lines(page_text: str, story: str, limit: int = 40) -> list[str]:
    """Visible page lines above the first line of the extracted story (at most ``limit``)."""
    first = story.strip().split("\n", 1)[0][:60]
    lines: list[str] = []
    for line in page_text.split("\n"):
        if first and line.startswith(first) or len(lines) >= limit:
            break
        lines.append(line)
    return lines


def parse_tree(html: str) -> lxml.html.HtmlElement | None:
    """The lxml tree of a page (None when nothing parseable is there)."""
    # lxml refuses str input carrying an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html[:500]) + html[500:]
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def extract_html(html: str, *, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of one HTML page (text may be empty: the caller decides)."""
    tree = parse_tree(html)
    if tree is None:
        return HtmlExtract(text="")
    result = HtmlExtract(text="", url=url)
    meta = _meta_values(tree)
    _read_json_ld(tree, result)
    _read_meta(tree, meta, result)
    result.language = (
        tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or ""
    ).split("-")[0].split("_")[0].lower() or None
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is not None and not isinstance(document, dict):
        result.text = document.text or ""
        result.title = result.title or _clean_title(document.title)
        result.outlet = result.outlet or (document.sitename or None)
        if not result.authors and document.author:
            result.authors = [
                a.strip() for a in re.split(r";|\band\b", document.author) if a.strip()
            ]
    if not result.text.strip():
        result.text = fallback_text(tree) or strip_tags(html)
    elif not result.dates:
        # No date in metadata: read the page's visible header (date strips above the headline).
        result.header_lines = header_lines(fallback_text(tree), result.text)
    if result.title is None:
        title = tree.findtext(".//title")
        result.title = _clean_title(title)
    return result


def fallback_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text of a page, one block element per line, when trafilatura finds nothing."""
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        bad.drop_tree() if bad.getparent() is not None else None
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_INVISIBLE = re.compile(
    r"<(script|style|iframe|noscript|template|svg|object)\b.*?</\1\s*>", re.I | re.S
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")


def strip_tags(html: str) -> str:
    """Last-resort text of a page whose tree lost it (libxml2 drops text nested past depth 255)."""
    text = _ANY_TAG.sub("\n", _INVISIBLE.sub(" ", html))
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` values keyed by lower-case property / name / itemprop (first one wins)."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
        )
        content = element.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _read_meta(tree: lxml.html.HtmlElement, meta: dict[str, str], result: HtmlExtract) -> None:
    """Fill title, outlet, authors, URL and dates from meta tags and ``<time>``."""
    result.title = result.title or _clean_title(meta.get("og:title") or meta.get("twitter:title"))
    result.outlet = result.outlet or meta.get("og:site_name") or meta.get("application-name")
    if not result.authors:
        for key in _AUTHOR_META:
            value = meta.get(key)
            if value and not value.startswith("http"):
                result.authors = [a.strip() for a in re.split(r",|;|\band\b", value) if a.strip()]
                break
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    result.url = result.url or meta.get("og:url") or (str(canonical[0]) if canonical else None)
    for key in _PUBLISHED_META:
        found = candidate(meta.get(key), "meta")
        if found:
            result.dates.append(found)
            break
    for key in _UPDATED_META:
        found = candidate(meta.get(key), "meta", updated=True)
        if found:
            result.dates.append(found)
            break
    times = tree.xpath(
        "//time[@itemprop='datePublished'][@datetime] | //*[@itemprop='datePublished'][@content]"
    )
    if not times:
        times = tree.xpath("(//article//time[@datetime] | //header//time[@datetime])[1]")
    for element in times[:1]:
        found = candidate(element.get("datetime") or element.get("content"), "meta")
        if found:
            result.dates.append(found)


def _read_json_ld(tree: lxml.html.HtmlElement, result: HtmlExtract) -> None:
    """Fill metadata from the page's JSON-LD article object (the most specific one)."""
    best: dict[str, Any] | None = None
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        for obj in _walk_ld(data):
            kinds = obj.get("@type")
            kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
            kinds = [str(k).lower() for k in kinds]
            if not any(k in _ARTICLE_TYPES for k in kinds):
                continue
            if best is None or (
                "webpage" in [str(k).lower() for k in _types(best)] and "webpage" not in kinds
            ):
                best = obj
    if best is None:
        return
    headline = best.get("headline") or best.get("name")
    if isinstance(headline, str) and "webpage" not in [str(k).lower() for k in _types(best)]:
        result.title = _clean_title(headline)
    publisher = best.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        result.outlet = publisher["name"].strip() or None
    result.authors = _ld_names(best.get("author"))
    found = candidate(_as_text(best.get("datePublished")), "json-ld")
    if found:
        result.dates.append(found)
    updated = candidate(_as_text(best.get("dateModified")), "json-ld", updated=True)
    if updated:
        result.dates.append(updated)


def _types(obj: dict[str, Any]) -> list[Any]:
    kinds = obj.get("@type")
    return [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []


def _as_text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _walk_ld(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every JSON-LD object in a document, through ``@graph`` and lists (bounded depth)."""
    if depth > 6:
        return []
    found: list[dict[str, Any]] = []
    if isinstance(data, list):
        for entry in data:
            found.extend(_walk_ld(entry, depth + 1))
    elif isinstance(data, dict):
        found.append(data)
        if "@graph" in data:
            found.extend(_walk_ld(data["@graph"], depth + 1))
    return found


def _ld_names(value: Any) -> list[str]:
    """Author names from a JSON-LD author value (string, object or list of either)."""
    entries = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(name.strip())
    return names


def _clean_title(title: str | None) -> str | None:
    """A page title without surrounding whitespace (site suffixes are removed by the caller)."""
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    return title or None


def strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """Drop " | The National" style suffixes (and prefixes) naming the outlet from a title."""
    if not title:
        return title
    separators = list(re.finditer(r"\s+[|–—-]\s+|\s+::\s+", title))
    if not separators:
        return title
    key = _squash(outlet) if outlet else None
    last, first = separators[-1], separators[0]
    suffix, prefix = title[last.end() :], title[: first.start()]
    if key and _squash(suffix) in {key, key.removeprefix("the"), "the" + key}:
        return title[: last.start()].strip()
    if key and _squash(prefix) in {key, key.removeprefix("the")}:
        return title[first.end() :].strip()
    if "|" in last.group(0) and len(suffix.split()) <= 4:
        return title[: last.start()].strip()
    return title


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())
