"""Clean plain-text and Markdown articles: keep the story, capture the metadata, drop the rest.

Articles saved as text or Markdown (copied from a browser, exported by a reader app, produced by
an HTML-to-Markdown converter) carry the page around the story: menus, share buttons, donation
appeals, cookie notices, photo credits, "Related" lists, comment sections, copyright footers and
link debris. Every one of those lines would otherwise reach the event extractor, where a headline
in a "Related" list becomes a false event. The cleaner works line by line with named rules, so
each dropped line can be traced (``CleanResult.removed`` lists (rule, line)).

Lines that carry metadata are not simply dropped: the byline gives the authors, date lines near
the top give publication-date candidates, repost credits give the original outlet, the first
heading gives the title and a dateline ("BAGHDAD (Reuters) —") gives the dateline place.

Dates in the body are never taken: only labelled dates ("Published: ...") anywhere and bare date
lines in the header region above the first prose paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.ingest.clean.reposts import credit_line, credit_prefix, dateline_credit
from sitrep.ingest.dates import find_date, normalise

#: Lines shorter than this may be boilerplate; longer lines are prose and rules leave them alone.
SHORT = 200
#: The header region (title, byline, date lines) ends at the first prose line or after this many.
HEADER_LINES = 20

_IMAGE_MD = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,1000}\)(?:\{[^}\n]{0,200}\})?")
_IMAGE_HTML = re.compile(r"<img\b[^>\n]{0,2000}>", re.I)
_LINK_MD = re.compile(r"\[([^\]\n]{0,500})\]\(([^)\n]{0,1000})\)")
_LINK_REF = re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,50}\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]{1,100}\]:\s*\S+")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]{1,1000}>")
_BARE_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,500}>")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_BULLET = re.compile(r"^\s{0,6}(?:[-*+•]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]{1,300}?)(?<!\s)\*(?![\w*])")
_SEPARATORS = re.compile(r"[\s|•·»›>/,\-–—]*")
_NON_PROSE_LINK = re.compile(
    r"^(?:read (?:more|the full story|full article|also)|click here|continue reading|more|here|"
    r"share|tweet|email|print|subscribe|sign up|donate|comments?|see more|view (?:all|more)|"
    r"listen|watch(?: video)?|advertisement|back to top|skip to (?:main )?content)\W*$",
    re.I,
)

_NAV_WORDS = {
    "home", "news", "world", "politics", "business", "sport", "sports", "opinion", "opinions",
    "culture", "video", "videos", "podcasts", "podcast", "live", "menu", "search", "sign in",
    "log in", "login", "register", "subscribe", "newsletters", "newsletter", "middle east",
    "africa", "asia", "europe", "americas", "us", "uk", "tech", "technology", "science",
    "health", "climate", "features", "analysis", "investigations", "editorial", "more",
    "skip to content", "skip to main content", "toggle navigation", "back to top", "advertisement",
    "sponsored", "latest", "trending", "weather", "markets", "economy", "lifestyle", "travel",
    "entertainment", "contact", "contact us", "about", "about us", "archive", "rss", "español",
    "العربية", "english", "français", "photos", "gallery", "explore", "close", "open menu",
    "share", "print", "email", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin",
    "reddit", "copy link", "listen", "save", "follow",
}  # fmt: skip
_SHARE = re.compile(
    r"^(?:share(?: this| on| article| story|$)|follow us|follow @|like us on|subscribe\b|"
    r"sign up (?:for|to)|get (?:the|our) (?:latest|daily|free)|join (?:our|us on)|download (?:our|the) app|"
    r"support (?:independent|our|quality|free|fearless) (?:journalism|reporting|media|press)|"
    r"(?:please )?(?:donate|make a donation)|become a (?:member|subscriber|patron)|"
    r"click (?:here )?to (?:share|subscribe|donate|print|email)|send us (?:a tip|your)|"
    r"(?:facebook|twitter|whatsapp|telegram|linkedin|email)(?:\s*[|,/•·]?\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|reddit|print))+$|"
    r"if you (?:value|appreciate|like) (?:our|this) (?:journalism|reporting|work)|"
    r"we (?:rely|depend) on (?:readers|your support)|your support (?:helps|keeps|makes))",
    re.I,
)
_DONATION_ANYWHERE = re.compile(
    r"\b(?:donate (?:now|today)|support independent journalism|become a (?:patron|member|subscriber)|subscribe (?:now|today)|"
    r"relies on (?:readers|donations|your support)|support our work|reader-supported|free to read|"
    r"consider a (?:small )?(?:monthly )?donation|in your inbox|"
    r"subscribe to our (?:newsletter|channel)|sign up for our newsletter|"
    r"(?:receive|get) our (?:daily |weekly |free )?newsletter|(?:daily|weekly) newsletter|"
    r"enter your e-?mail(?: address)?|mak(?:e|ing) a (?:small )?donation|"
    r"support (?:our|this) independent (?:media|site|journalism|reporting))\b",
    re.I,
)
_COOKIE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:use|accept|consent|policy|settings|preferences|browsing|experience)\b|"
    r"\b(?:accept|reject|manage) (?:all )?cookies\b",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|all rights reserved|^disclaimer\b|^the views expressed\b|"
    r"views expressed (?:in this|here) are|this material may not be (?:published|reproduced)|"
    r"^(?:terms (?:of|and) (?:use|service|conditions)|privacy policy)\b|"
    r"may not be (?:reproduced|republished|redistributed)|^reprints? (?:and|&) permissions",
    re.I,
)
_PHOTO_LINE = re.compile(
    r"^[(\[]?(?:photo|photos|photograph|image|picture|pic|credit|photo credit|image credit|"
    r"file photo|caption)s?\s*(?:credit)?\s*[:/-]\s*.{0,150}$|"
    r"^[(\[]?(?:afp|ap|reuters|epa|getty(?: images)?|anadolu(?: agency)?|ap photo)"
    r"(?:\s*(?:/|via|photo)\s*[\w .]{0,40})?[)\]]?$",
    re.I,
)
_PHOTO_INLINE = re.compile(
    r"\s*[(\[](?:image|photo|picture)s?\s*(?:credit)?\s*:\s*[^)\]\n]{1,120}[)\]]|"
    r"\s+(?:photo|image|picture)s?(?:\s*credit)?\s*:\s*[\w .,'/&-]{1,80}$",
    re.I,
)
_TAGS_LINE = re.compile(
    r"^(?:tags|topics|filed under|categories|keywords|regions?|themes?|in-depth reports?|"
    r"sections?|countries)\s*:\s*.{1,200}$",
    re.I,
)
#: A reposter's translation widget, a news site's desk credit, a lone "File Photo".
_WIDGET = re.compile(
    r"^(?:translate this (?:website|page|site|article)|select language|"
    r"powered by google translate|google translate)\b.{0,60}$",
    re.I,
)
_DESK_LINE = re.compile(
    r"^(?:(?P<name>[\w.'&]+(?:[ -][\w.'&]+){0,5})\s+)?(?:news ?desk|desk(?: report)?)$", re.I
)
_FILE_PHOTO = re.compile(
    r"^[(\[]?(?:file|archive|representational|stock) (?:photo|picture|image|pic)s?[)\]]?\.?$", re.I
)
#: Fair-use and reposting disclaimers (whole paragraphs, up to a few hundred characters).
_FAIR_USE = re.compile(
    r"\bfair use\b|copyrighted material (?:the use of which|that) has not|"
    r"(?:contents|views|opinions) (?:of|in|expressed in) this article are (?:of )?(?:the )?sole "
    r"responsibility|will not be responsible for any inaccurate",
    re.I,
)
_PHOTO_TRAILING = re.compile(
    r"\s(?:photo|image|picture)s?(?:\s*credit)?\s*:\s*[\w .,'/&-]{1,80}$", re.I
)
_PRESSREADER = re.compile(r"^(?:newspapers (?:in|from) [\w ]{2,40}|.*\bpressreader\b.*)$", re.I)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?\s*:?$|^(?:leave|post|add|write) (?:a|your) (?:comment|reply)\b|"
    r"^join the (?:conversation|discussion)\b|^(?:show|view|load) (?:all )?comments\b|"
    r"^comments are (?:closed|moderated)\b|^you must be logged in to (?:post|comment)|"
    r"^comments? here\s*:?",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related(?: articles?| stories| news| coverage| content| posts| topics?| reading)?|"
    r"read (?:more|also|next)|also read|see also|more (?:from|on|about|in) [\w' ]{1,40}|"
    r"more on this(?: story| topic)?|you (?:may|might) also (?:like|be interested in)|"
    r"recommended(?: for you| stories| reading)?|most (?:read|popular|viewed)|trending(?: now)?|"
    r"more stories|other stories|latest (?:news|stories)|further reading|what to read next|"
    r"editor'?s picks|top stories)\s*:?$",
    re.I,
)
_READ_MORE_LINE = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related|watch|listen|more)\s*[:|»>-]\s*.{1,200}$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|story by|report by|authors?\s*:|reporters?\s*:|بقلم|লেখক\s*:)\s*"
    r"(?P<names>.{2,160})$",
    re.I,
)
_REPORTING_BY = re.compile(r"^\(?(?:reporting|writing|additional reporting) by\b.{0,300}$", re.I)
_DATE_LABEL = re.compile(
    r"^(?:(?P<updated>(?:last )?updated|modified|last modified|আপডেট|হালনাগাদ|آخر تحديث|تم التحديث|به[‌ ]?روز ?رسانی)"
    r"|(?P<published>published|posted|first published|date|dated|publication date|released|"
    r"প্রকাশ|প্রকাশিত|প্রকাশের সময়|نشر(?: في)?|تاريخ النشر|منتشر شده|تاریخ انتشار))"
    r"\s*(?:on|at)?\s*[:：\-–—|]?\s*(?P<rest>.{4,120})$",
    re.I,
)
_FRONT_KEYS = {
    "title",
    "date",
    "published",
    "author",
    "authors",
    "source",
    "outlet",
    "url",
    "site",
    "updated",
}
_ROLE_WORDS = re.compile(
    r"\b(?:staff writer|staff reporter|correspondent|reporter|editor|contributor|special to|"
    r"in [A-Z][a-z]+|for [A-Z][\w ]+|news desk|desk|bureau|agencies|wire services?)\b.*$",
    re.I,
)
_AGENCIES = {
    "reuters",
    "ap",
    "afp",
    "associated press",
    "agencies",
    "staff",
    "xinhua",
    "anadolu",
    "dpa",
    "efe",
}


@dataclass
class CleanResult:
    """The cleaned text and what the cleaner learned on the way."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, is "updated")
    dateline: str | None = None  # the dateline place ("BAGHDAD")
    dateline_date: str | None = None
    original_outlet: str | None = None
    outlet: str | None = (
        None  # a masthead above the title ("THE FRONTIER BRIEFING", "[Outlet](#) | ...")
    )
    fields: dict[str, str] = field(default_factory=dict)  # front matter / "Key: value" header
    #: Outlet names the page gives in its furniture: ("desk", "Dhaka Monitor") from "Dhaka
    #: Monitor Desk", ("copyright", "Global Research") from "Copyright © X, Global Research".
    site_names: list[tuple[str, str]] = field(default_factory=list)
    #: Whether the title was a Markdown heading (a plain first line may be a section name).
    title_is_heading: bool = False
    #: How many of ``date_lines`` (the first ones) were read above the title: a printed "today"
    #: strip or masthead date, less trusted than a date under the headline.
    dates_above_title: int = 0
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule, line)


def strip_markup(line: str) -> str:
    """A Markdown/HTML line as plain prose: images gone, links reduced to their text."""
    if "<" in line:
        line = _IMAGE_HTML.sub("", line)
        line = _AUTOLINK.sub("", line)
        line = _TAG.sub("", line)
    if "!" in line and "](" in line:
        line = _IMAGE_MD.sub("", line)
    if "[" in line:
        line = _LINK_MD.sub(
            lambda m: "" if _NON_PROSE_LINK.match(m.group(1).strip()) else m.group(1), line
        )
        line = _LINK_REF.sub(r"\1", line)
    if "*" in line or "__" in line:
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    line = line.replace("&nbsp;", " ").replace("&amp;", "&")
    return re.sub(r"[ \t]{2,}", " ", line).strip()


def is_link_line(line: str) -> bool:
    """True for a line made only of links (menus, "Read more" buttons, tag lists)."""
    if "](" not in line and not _AUTOLINK.search(line):
        return bool(_BARE_URL_LINE.match(line.strip()))
    rest = _LINK_MD.sub("", _IMAGE_MD.sub("", line))
    rest = _AUTOLINK.sub("", rest)
    return _SEPARATORS.fullmatch(rest) is not None


def is_navigation(line: str) -> bool:
    """True for menu and breadcrumb lines: short segments that are all navigation words."""
    if len(line) > 160:
        return False
    lowered = line.lower().strip(" :")
    if lowered in _NAV_WORDS:
        return True
    segments = [s.strip() for s in re.split(r"\s*[|•·»›/>]\s*|\s{2,}", lowered) if s.strip()]
    if len(segments) >= 3 and all(len(s.split()) <= 3 for s in segments):
        return True
    return len(segments) >= 2 and all(s in _NAV_WORDS for s in segments)


#: Words that make a byline part an outlet, not a person ("By Jane Doe, Kurdistan Wire").
_OUTLET_WORD = re.compile(
    r"\b(?:wire|news|times|post|agency|press|monitor|daily|weekly|herald|tribune|journal|"
    r"today|network|tv|radio|observer|review|digest|gazette|mail|telegraph|chronicle|"
    r"insider|media|online|channel|broadcasting|al[- ]\w+|\d{2})\b",
    re.I,
)


def byline_outlet(names: str) -> str | None:
    """The outlet a byline names after its people ("Karwan Ahmed, Kurdistan Wire")."""
    names = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+(?=\w)", names)[0]
    parts = [p.strip(" .:*_") for p in re.split(r"\s*[,;]\s*|\s+for\s+", names)]
    for part in reversed(parts[1:]):
        if part and part[:1].isupper() and len(part.split()) <= 5 and _OUTLET_WORD.search(part):
            return part
    return None


def _split_names(names: str) -> list[str]:
    """Authors from a byline's name part ("Jane Doe and John Roe, Reuters | 28 Jan 2024")."""
    names = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+(?=\w)", names)[0]
    found = find_date(names)
    if found:
        names = names.replace(found[2], "")
    names = _ROLE_WORDS.sub("", names)
    people = []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\bو\b|এবং|ও)\s*", names):
        part = part.strip(" .:*_")
        if not part or part.lower() in _AGENCIES or len(part) > 60:
            continue
        if (
            any(ch.isdigit() for ch in part)
            or len(part.split()) > 5
            or (part[0].isalpha() and part[0].islower())
        ):
            continue
        people.append(part)
    return people


def _front_matter(lines: list[str], result: CleanResult) -> list[str]:
    """Read YAML-style front matter or "Key: value" header lines; return the remaining lines."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() == "---":
        for end in range(start + 1, min(len(lines), start + 40)):
            if lines[end].strip() in {"---", "..."}:
                for entry in lines[start + 1 : end]:
                    key, sep, value = entry.partition(":")
                    if sep and key.strip().lower() in _FRONT_KEYS:
                        result.fields[key.strip().lower()] = value.strip().strip("\"'")
                return lines[end + 1 :]
    index = start
    while index < len(lines) and index < start + 8:
        key, sep, value = lines[index].partition(":")
        if (
            not sep
            or key.strip().lower() not in _FRONT_KEYS
            or not value.strip()
            or len(lines[index]) > 300
        ):
            break
        result.fields[key.strip().lower()] = value.strip().strip("\"'")
        index += 1
    return lines[index:] if index > start else lines


def clean_text(text: str, *, find_title: bool = True) -> CleanResult:
    """Clean a plain-text or Markdown article (also used on text extracted from HTML).

    ``find_title`` takes the first heading, or the first short line before the story, as the
    title and removes it from the text; pass False when the title is known from elsewhere (HTML
    metadata), in which case a first line equal to that title is still the caller's to drop.
    """
    result = CleanResult(text="")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200e\u200f\ufeff]", "", text)
    lines = _front_matter(text.split("\n"), result)
    has_blank_lines = any(not line.strip() for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    header = True  # still above the first prose line
    header_seen = 0
    in_related = False

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    total = len(lines)
    for number, raw_line in enumerate(lines):
        line = raw_line.rstrip()
        if not line.strip() or _RULE.match(line) or _LINK_DEF.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            # A Setext underline makes the previous line a heading.
            heading = current.pop()
            flush()
            if find_title and result.title is None and header:
                result.title = heading
            else:
                paragraphs.append(heading)
            continue
        heading_match = _HEADING.match(line)
        is_heading = heading_match is not None
        if heading_match:
            line = heading_match.group(2)
        line = _QUOTE.sub("", line)
        bullet = _BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        if "![" in line and len(_IMAGE_MD.sub("", line)) < 250:
            result.removed.append(("image-caption", line.strip()))
            continue
        if is_link_line(line):
            if header and result.outlet is None:
                result.outlet = _masthead_link(line)
            result.removed.append(("link-line", line.strip()))
            continue
        line = strip_markup(line)
        if not line:
            continue
        credit = credit_line(line) if len(line) < SHORT else None
        if credit:
            result.original_outlet = result.original_outlet or credit
            result.removed.append(("repost", line))
            continue
        rule = _line_rule(line, header=header, position=number / max(total, 1))
        if rule == "comments":
            result.removed.append((rule, line))
            result.removed.extend(
                ("comments", rest.strip()) for rest in lines[number + 1 :] if rest.strip()
            )
            break
        if rule == "related":
            result.removed.append((rule, line))
            if number / max(total, 1) > 0.6:
                result.removed.extend(
                    ("related", rest.strip()) for rest in lines[number + 1 :] if rest.strip()
                )
                break
            in_related = True
            flush()
            continue
        if in_related:
            if (
                len(line) < 150
                and not line.endswith((".", "?", "!", "\u061f", "।"))
                or is_link_line(raw_line)
            ):
                result.removed.append(("related", line))
                continue
            in_related = False
        if rule:
            if rule in ("desk", "copyright"):
                named = desk_outlet(line) if rule == "desk" else copyright_outlet(line)
                if named:
                    result.site_names.append((rule, named))
            result.removed.append((rule, line))
            continue
        if (
            header
            and header_seen == 0
            and result.outlet is None
            and result.title is None
            and not is_heading
        ):
            masthead = _masthead(line, _next_content_line(lines, number))
            if masthead:
                result.outlet = masthead
                result.removed.append(("masthead", line))
                continue
        if header:
            if _take_header_line(line, result, is_heading=is_heading, find_title=find_title):
                flush()
                continue
            header_seen += 1
        label = _DATE_LABEL.match(line) if len(line) < 140 else None
        if label and find_date(label.group("rest")):
            result.date_lines.append((label.group("rest"), bool(label.group("updated"))))
            result.removed.append(("date-line", line))
            continue
        if _REPORTING_BY.match(line):
            if not result.authors:
                match = re.search(r"(?:reporting|writing) by (.+?)(?:;|\.|$)", line, re.I)
                result.authors = _split_names(match.group(1)) if match else []
            result.removed.append(("reporting-by", line))
            continue
        cut = _PHOTO_INLINE.sub("", line) if len(line) < 1000 else line
        if cut != line and len(line) < 250 and _PHOTO_TRAILING.search(line):
            # "Smoke rises over the base. Photo: AFP/Getty" is a caption, not the story.
            result.removed.append(("photo-caption", line))
            continue
        if cut != line:
            result.removed.append(("photo-credit", line[len(cut) :].strip() or line))
            line = cut.strip()
            if not line:
                continue
        if is_heading or bullet or not has_blank_lines:
            flush()
            paragraphs.append(line)
        else:
            current.append(line.strip())
        if header and (len(line) >= 120 or header_seen > HEADER_LINES):
            header = False
    flush()
    paragraphs = _first_paragraph_credit(paragraphs, result)
    result.text = "\n\n".join(p for p in paragraphs if p.strip())
    if "title" in result.fields and result.title is None:
        result.title = result.fields["title"]
    return result


def date_line(line: str) -> tuple[str, bool] | None:
    """(date text, is "updated") when a header line is a date line, else None.

    A date line is labelled ("Published: ...", "Updated ...", "প্রকাশ: ...") or is a date with
    little else on it: a weekday, the outlet's name, a local-calendar date, "4 min read".
    """
    if len(line) > SHORT:
        return None
    label = _DATE_LABEL.match(line)
    if label and find_date(label.group("rest")):
        return label.group("rest"), bool(label.group("updated"))
    found = find_date(line)
    if not found or line.rstrip().endswith("."):
        return None
    leftover = normalise(line).replace(found[2], " ")
    letters = re.sub(r"[\W\d_]+", "", leftover)
    return (line, False) if len(letters) <= 35 else None


_GENERIC_DESKS = {"news", "web", "online", "city", "foreign", "metro", "sports", "business"}
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b")


def desk_outlet(line: str) -> str | None:
    """The outlet a desk credit names: "Dhaka Monitor Desk" -> "Dhaka Monitor"."""
    match = _DESK_LINE.match(line.strip())
    name = (match.group("name") or "").strip() if match else ""
    if not name or name.lower() in _GENERIC_DESKS or len(name.split()) > 5:
        return None
    return name


def copyright_outlet(line: str) -> str | None:
    """The outlet a copyright line names: "© 2026 The National. All rights reserved." ->
    "The National"; "Copyright © Staff Writer, Global Research, 2026" -> "Global Research"."""
    text = re.sub(r"(?i)^\s*(?:copyright|\(c\)|©)\s*(?:©|\(c\))?", "", line.strip())
    if text == line.strip():
        return None
    text = re.split(r"(?i)\.?\s*all rights reserved", text)[0]
    text = _YEARS.sub("", text)
    parts = [p.strip(" .,;:-–—|") for p in text.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    name = parts[-1]
    words = name.split()
    if not 1 <= len(words) <= 5 or not name[:1].isupper() or name.replace(" ", "").isdigit():
        return None
    return name


def _next_content_line(lines: list[str], number: int) -> str:
    """The next non-blank line after ``lines[number]`` (markup stripped), or ""."""
    for candidate in lines[number + 1 : number + 4]:
        if candidate.strip():
            return strip_markup(candidate)
    return ""


def _masthead_link(line: str) -> str | None:
    """The outlet a header navigation line starts with ("[Kurdistan Observer](#) · [Politics](#)")."""
    match = _LINK_MD.search(line)
    if not match:
        return None
    name = strip_markup(match.group(1)).strip()
    if (
        not name
        or name.lower() in _NAV_WORDS
        or len(name.split()) > 6
        or any(ch.isdigit() for ch in name)
    ):
        return None
    return name


def _masthead(line: str, next_line: str) -> str | None:
    """The outlet named by a masthead first line: all capitals, or followed by a menu line."""
    if len(line) > 80 or line.rstrip().endswith((".", "?", "!", ":")):
        return None
    parts = re.split(r"\s+[|–—•·-]\s+", line.strip(), maxsplit=1)
    name = parts[0].strip(" *_")
    if not name or len(name.split()) > 6 or find_date(line):
        return None
    letters = [ch for ch in name if ch.isalpha()]
    shouting = len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.lower() != ch.upper())
    if shouting and any(ch.lower() != ch.upper() for ch in letters):
        return _title_case(name)
    if next_line and is_navigation(next_line):
        return name
    if len(parts) == 2 and parts[1].strip(" *_").lower() in _NAV_WORDS:
        return name  # "The National - News": the outlet and its section
    return None


_SMALL_WORDS = {"of", "and", "the", "in", "for", "on", "at", "to", "a", "an"}


def _title_case(name: str) -> str:
    """ "THE FRONTIER BRIEFING" -> "The Frontier Briefing" (small words lower inside)."""
    words = name.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _line_rule(line: str, *, header: bool, position: float) -> str | None:
    """The name of the boilerplate rule a (markup-free) line matches, or None for content."""
    short = len(line) < SHORT
    if _COMMENTS.match(line):
        return "comments"
    if short and _RELATED.match(line):
        return "related"
    if short and _READ_MORE_LINE.match(line):
        return "read-more"
    if short and is_navigation(line) and not find_date(line):
        return "navigation"
    if short and (_SHARE.match(line) or _DONATION_ANYWHERE.search(line)):
        return "share-donate"
    if short and _COOKIE.search(line):
        return "cookie-notice"
    if len(line) < 400 and _COPYRIGHT.search(line):
        return "copyright"
    if short and _PRESSREADER.match(line):
        return "pressreader-footer"
    if short and _PHOTO_LINE.match(line):
        return "photo-credit"
    if short and _TAGS_LINE.match(line):
        return "tags"
    if short and _WIDGET.match(line):
        return "widget"
    if short and _FILE_PHOTO.match(line):
        return "photo-credit"
    if short and _DESK_LINE.match(line):
        return "desk"
    if len(line) < 1000 and _FAIR_USE.search(line):
        return "disclaimer"
    if short and re.match(r"^(?:map|graphic|video|chart|illustration)\s*:\s*", line, re.I):
        return "caption"
    return None


def _take_header_line(
    line: str, result: CleanResult, *, is_heading: bool, find_title: bool
) -> bool:
    """Consume a header-region line that is metadata (title, byline, date); True if consumed."""
    if len(line) > SHORT:
        return False
    byline = _BYLINE.match(line)
    if byline and not result.authors:
        authors = _split_names(byline.group("names"))
        if authors or len(line) < 60:
            outlet = byline_outlet(byline.group("names"))
            if outlet:
                result.site_names.append(("byline", outlet))
                authors = [a for a in authors if a != outlet]
            result.authors = authors
            found = find_date(byline.group("names"))
            if found:
                result.date_lines.append((found[2], False))
            return True
    dated = date_line(line)
    if dated:
        result.date_lines.append(dated)
        if find_title and result.title is None:
            result.dates_above_title += 1
        return True
    title_like = is_heading or (
        len(line) <= 160
        and not line.endswith((".", ":", "!", "?", "।", "؟"))
        and len(line.split()) >= 3
    )
    if find_title and title_like and not credit_line(line):
        if result.title is None:
            result.title = line
            result.title_is_heading = is_heading
            return True
        if not result.title_is_heading and len(result.title.split()) <= 3:
            # a short line above the headline was a digest's or section's name ("Daily Press
            # Digest"): the headline is the title-like line nearest the story
            result.removed.append(("masthead", result.title))
            result.title = line
            result.title_is_heading = is_heading
            return True
    return False


def _first_paragraph_credit(paragraphs: list[str], result: CleanResult) -> list[str]:
    """Read a dateline and wire credit at the start of the story ("BAGHDAD (Reuters) — ...")."""
    for index, paragraph in enumerate(paragraphs[:3]):
        prefix = credit_prefix(paragraph)
        if prefix:
            result.original_outlet = result.original_outlet or prefix[0]
            paragraphs[index] = prefix[1]
            return paragraphs
        dateline = dateline_credit(paragraph)
        if dateline:
            result.dateline, credit, result.dateline_date = dateline
            result.original_outlet = result.original_outlet or credit
            return paragraphs
        plain = re.match(
            r"^([A-Z][A-Z .'\-]{2,30}(?:,\s*[A-Z][A-Za-z .'\-]{2,30})?)\s*[—–-]{1,2}\s+\S",
            paragraph,
        )
        if plain:
            result.dateline = plain.group(1).strip()
            return paragraphs
        if len(paragraph) >= 120:
            return paragraphs
    return paragraphs
