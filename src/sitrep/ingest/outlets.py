"""Outlet names: from a URL host as a last resort, and tidied when taken from text.

A readable outlet name matters twice: ACLED's ``source`` column lists outlets by name, and the
duplicate finder treats two copies from different outlets differently from a re-crawl of one.
The table below holds hosts that appear often in conflict reporting on Iraq and Syria; any other
host becomes its registered name in title case ("example-news.com" -> "Example News").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HOSTS: dict[str, str] = {
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "afp.com": "AFP",
    "aljazeera.com": "Al Jazeera", "aljazeera.net": "Al Jazeera", "alarabiya.net": "Al Arabiya",
    "thenationalnews.com": "The National", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "cnn.com": "CNN", "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "theguardian.com": "The Guardian",
    "defense.gov": "U.S. Department of Defense", "centcom.mil": "U.S. Central Command",
    "state.gov": "U.S. Department of State", "whitehouse.gov": "The White House",
    "rudaw.net": "Rudaw", "kurdistan24.net": "Kurdistan 24", "shafaq.com": "Shafaq News",
    "al-monitor.com": "Al-Monitor", "longwarjournal.org": "FDD's Long War Journal",
    "militarytimes.com": "Military Times", "stripes.com": "Stars and Stripes",
    "foxnews.com": "Fox News", "cbsnews.com": "CBS News", "nbcnews.com": "NBC News",
    "abcnews.go.com": "ABC News", "politico.com": "Politico", "thehill.com": "The Hill",
    "timesofisrael.com": "The Times of Israel", "jpost.com": "The Jerusalem Post",
    "haaretz.com": "Haaretz", "middleeasteye.net": "Middle East Eye", "presstv.ir": "Press TV",
    "tasnimnews.com": "Tasnim News Agency", "farsnews.ir": "Fars News Agency",
    "irna.ir": "IRNA", "almanar.com.lb": "Al-Manar", "sana.sy": "SANA",
    "syriahr.com": "Syrian Observatory for Human Rights", "ina.iq": "Iraqi News Agency",
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "aa.com.tr": "Anadolu Agency",
    "dailysabah.com": "Daily Sabah", "france24.com": "France 24", "dw.com": "Deutsche Welle",
    "thedailystar.net": "The Daily Star", "prothomalo.com": "Prothom Alo",
    "bdnews24.com": "bdnews24.com", "dhakatribune.com": "Dhaka Tribune",
    "globalresearch.ca": "Global Research", "antiwar.com": "Antiwar.com",
    "theintercept.com": "The Intercept", "axios.com": "Axios", "bloomberg.com": "Bloomberg",
    "ft.com": "Financial Times", "economist.com": "The Economist", "npr.org": "NPR",
    "voanews.com": "Voice of America", "rferl.org": "Radio Free Europe/Radio Liberty",
    "iranintl.com": "Iran International", "almayadeen.net": "Al Mayadeen",
    "arabnews.com": "Arab News", "understandingwar.org": "Institute for the Study of War",
}  # fmt: skip
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "mil"}


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name for a URL's host (table first, then the registered name)."""
    host = host_of(url)
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        known = _HOSTS.get(".".join(labels[start:]))
        if known:
            return known
    # The registered name: the label before the public suffix ("bbc" in news.bbc.co.uk).
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        name = labels[-3]
    else:
        name = labels[-2]
    return " ".join(part.capitalize() for part in re.split(r"[-_]", name) if part) or None


_URLISH = re.compile(
    r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z]{2,}[a-z0-9-]*)+(?:/\S*)?$", re.I
)


def looks_like_url(text: str) -> bool:
    """True for "reuters.com", "www.x.org/path" or a full URL (a host, not a name)."""
    return _URLISH.match(text.strip()) is not None


def clean_outlet_name(name: str | None) -> str | None:
    """Tidy an outlet name taken from text: no link markup, quotes, trailing dates or clauses."""
    if not name:
        return None
    name = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", name)  # markdown link -> its text
    name = re.sub(r"<[^>]+>", "", name).strip()
    name = re.split(
        r"\s+(?:on|under|with|and is|and was|at|in)\s+(?=[a-z0-9]|\d|[A-Z][a-z]+ \d)|\s*[,;(|]\s*|\s+[-–—]\s+",
        name,
        maxsplit=1,
    )[0]
    name = name.strip(" \t\"'“”‘’*_.:")
    if _URLISH.match(name):
        return outlet_from_url(name)
    if not name or len(name) > 80:
        return None
    return name
