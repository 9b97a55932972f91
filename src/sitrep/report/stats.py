"""The numbers behind a security report: counts per week, province, type and actor, and changes.

Kept apart from the rendering so the HTML and Markdown reports show exactly the same figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.models import EventRecord

UNKNOWN = "(unknown)"


@dataclass
class Change:
    """A count in this period and the previous one."""

    name: str
    now: int
    before: int
    fatalities: int = 0

    @property
    def delta(self) -> int:
        return self.now - self.before


@dataclass
class ReportData:
    """Everything a report shows, computed once from the two periods' events."""

    date_from: date
    date_to: date
    previous_from: date
    previous_to: date
    country: str | None
    events: list[EventRecord]
    previous: list[EventRecord]
    weeks: list[date] = field(default_factory=list)  # Mondays
    weekly: dict[str, list[int]] = field(default_factory=dict)  # event_type -> count per week
    by_type: list[Change] = field(default_factory=list)
    by_province: list[Change] = field(default_factory=list)
    by_actor: list[tuple[str, int, int, int]] = field(default_factory=list)  # name, all, a1, a2
    new_actors: list[str] = field(default_factory=list)
    gone_actors: list[str] = field(default_factory=list)
    most_fatal: list[EventRecord] = field(default_factory=list)
    most_sourced: list[EventRecord] = field(default_factory=list)

    @property
    def fatalities(self) -> int:
        return sum(e.fatalities or 0 for e in self.events)

    @property
    def previous_fatalities(self) -> int:
        return sum(e.fatalities or 0 for e in self.previous)

    @property
    def injuries(self) -> int:
        return sum(e.injuries or 0 for e in self.events)


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """The period of equal length just before ``date_from``..``date_to`` (both inclusive)."""
    length = (date_to - date_from).days + 1
    return date_from - timedelta(days=length), date_from - timedelta(days=1)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _day(record: EventRecord) -> date | None:
    try:
        return date.fromisoformat(record.event_date) if record.event_date else None
    except ValueError:
        return None


def _changes(now: list[EventRecord], before: list[EventRecord], key: str) -> list[Change]:
    count_now = Counter(getattr(e, key) or UNKNOWN for e in now)
    count_before = Counter(getattr(e, key) or UNKNOWN for e in before)
    deaths: dict[str, int] = defaultdict(int)
    for e in now:
        deaths[getattr(e, key) or UNKNOWN] += e.fatalities or 0
    names = set(count_now) | set(count_before)
    rows = [Change(n, count_now[n], count_before[n], deaths[n]) for n in names]
    return sorted(rows, key=lambda c: (-c.now, -c.before, c.name))


def _actors(records: list[EventRecord]) -> tuple[Counter[str], Counter[str]]:
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for e in records:
        if e.actor1:
            first[e.actor1] += 1
        if e.actor2:
            second[e.actor2] += 1
    return first, second


def compute(
    events: list[EventRecord],
    previous: list[EventRecord],
    date_from: date,
    date_to: date,
    *,
    country: str | None = None,
    top: int = 5,
) -> ReportData:
    """The report's figures for ``events`` (this period) against ``previous`` (the one before)."""
    prev_from, prev_to = previous_period(date_from, date_to)
    data = ReportData(date_from, date_to, prev_from, prev_to, country, events, previous)
    week = monday(date_from)
    while week <= date_to:
        data.weeks.append(week)
        week += timedelta(days=7)
    index = {w: i for i, w in enumerate(data.weeks)}
    for e in events:
        day = _day(e)
        if day is None:
            continue
        series = data.weekly.setdefault(e.event_type or UNKNOWN, [0] * len(data.weeks))
        slot = index.get(monday(day))
        if slot is not None:
            series[slot] += 1
    data.weekly = dict(sorted(data.weekly.items(), key=lambda kv: -sum(kv[1])))
    data.by_type = _changes(events, previous, "event_type")
    data.by_province = _changes(events, previous, "admin1")
    first, second = _actors(events)
    everyone = first + second
    data.by_actor = sorted(
        ((name, n, first[name], second[name]) for name, n in everyone.items()),
        key=lambda row: (-row[1], row[0]),
    )
    before_first, before_second = _actors(previous)
    known_before = set(before_first) | set(before_second)
    data.new_actors = sorted(set(everyone) - known_before)
    data.gone_actors = sorted(known_before - set(everyone))
    data.most_fatal = sorted(
        (e for e in events if e.fatalities), key=lambda e: (-e.fatalities, e.event_date or "")
    )[:top]
    data.most_sourced = sorted(
        (e for e in events if e.sources), key=lambda e: (-len(e.sources), e.event_date or "")
    )[:top]
    return data
