"""When two event mentions are the same event, and how to merge them. Pure functions.

ACLED's rule: one event is one date, one place, one actor pair and one type. Reports of the
same attack differ in precision (one article says "on Sunday at Tower 22", a later one recalls
"last month's drone attack in Jordan"), so :func:`same_event` compares *compatibility* rather
than equality: a date span that contains the other, a place within ~25 km or named alike, an
actor left vague on one side. :func:`merge_into` keeps the most precise value of each field and
records where sources disagree instead of overwriting. :func:`cluster_events` groups mentions
greedily, most precise first, and :func:`bcubed` / :func:`conll_f1` score a clustering against
hand-made gold clusters.
"""

from __future__ import annotations

import calendar
import copy
import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta

from sitrep.geo.distance import haversine_km
from sitrep.models import EventRecord, Source

__all__ = [
    "same_event",
    "undated_tie",
    "compatible_event_types",
    "merge_into",
    "cluster_events",
    "bcubed",
    "conll_f1",
    "muc",
    "ceaf_e",
]

PLACE_RADIUS_KM = 25.0
_GENERIC_ACTORS = ("Unidentified Armed Group", "Unidentified", "Civilians", "Protesters", "Rioters")
_PERIOD = re.compile(r"\s*\((?:\d{4}-?(?:\d{4})?|\d{4}-)\)")
_PRECISION_RANK = {"day": 1, "week": 2, "month": 3, "year": 4}
_MODALITY_RANK = {"reported": 0, "claimed": 1, "alleged": 2, "contested": 3, "denied": 4}
#: Event types that reports of one fight get from different extractions: a strike "on militia
#: positions" read as clashes, a rocket barrage whose sentence also announces a response read
#: as a strategic development. Records of two of these types may still be one event, but only
#: on the same day at the same place (see :func:`_retold_across_types`).
_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_STRATEGIC = "Strategic developments"


# --------------------------------------------------------------------------- helpers


def _precision(record: EventRecord) -> int:
    """1 day .. 4 year, from date_precision, else ACLED's time_precision (3 = month or vaguer)."""
    if record.date_precision:
        return _PRECISION_RANK[record.date_precision]
    return record.time_precision or 1


def _span(record: EventRecord) -> tuple[date, date] | None:
    """The days an event's date can stand for, given its precision."""
    if not record.event_date:
        return None
    try:
        day = date.fromisoformat(record.event_date[:10])
    except ValueError:
        return None
    precision = _precision(record)
    if precision == 1:
        return day, day
    if precision == 2:
        return day - timedelta(days=3), day + timedelta(days=3)
    if precision == 3:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _distance_km(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude))  # type: ignore[arg-type]


def normalise_actor(name: str | None) -> str | None:
    """ "Military Forces of the United States (2021-)" -> "military forces of the united states"."""
    if not name:
        return None
    return " ".join(_PERIOD.sub("", name).lower().split())


def _is_generic(name: str | None) -> bool:
    return bool(name) and name.startswith(_GENERIC_ACTORS)  # type: ignore[union-attr]


def _actor_score(a: str | None, b: str | None) -> float:
    """1 equal, 0.7 one side unknown, 0.6 vague vs named, 0.05 two different named actors."""
    left, right = normalise_actor(a), normalise_actor(b)
    if left is None or right is None:
        return 0.7
    if left == right:
        return 1.0
    if _is_generic(a) or _is_generic(b):
        return 0.6
    return 0.05


def _shared_weapons(a: EventRecord, b: EventRecord) -> bool:
    return bool(set(a.weapons) & set(b.weapons))


def compatible_event_types(event_type: str | None) -> tuple[str | None, ...]:
    """The event types a record of ``event_type`` may be merged with, itself first.

    The pipeline uses this to pick its merge candidates; :func:`same_event` then decides.
    Violent types and strategic developments may meet (an extraction error on one side is
    likelier than two different events on one day at one place); demonstrations only meet
    demonstrations, and so on.
    """
    if event_type in _VIOLENT_TYPES:
        return (event_type, *(t for t in _VIOLENT_TYPES if t != event_type), _STRATEGIC)
    if event_type == _STRATEGIC:
        return (_STRATEGIC, *_VIOLENT_TYPES)
    return (event_type,)


def _retold_across_types(a: EventRecord, b: EventRecord) -> bool:
    """Whether records of two different (compatible) event types tell one event.

    Both must be day-precise, a day apart at most, at the same place (checked by the caller). A
    strategic development must share a weapon with the violent record: a "change to group
    activity" that names the ballistic missiles fired at a base that day is the attack told
    badly, while a statement or a summons in the same city is not. Two violent types must not
    name two different attackers.
    """
    if _STRATEGIC in (a.event_type, b.event_type):
        return _shared_weapons(a, b)
    return _actor_score(a.actor1, b.actor1) >= 0.6


# --------------------------------------------------------------------------- same_event


def same_event(a: EventRecord, b: EventRecord) -> float:
    """How likely two event records describe the same real event, 0..1.

    Zero when they cannot be: different countries, incompatible event types, or dates whose
    spans do not overlap (a month-precision background mention overlaps every day of its month,
    so it can join the precise event it recalls). Otherwise a weighted mean of date, place,
    actor and sub-event agreement: places within ~25 km or with the same location name agree;
    an actor missing or vague on one side half-agrees; sub-event types may differ (Air/drone
    strike vs Shelling) unless both records name weapons and they disagree.

    Stricter where the evidence is thin: a record without a date only joins one at the same
    place; two event types (Battles vs Explosions, a strategic development vs an attack) only
    meet on the same day at the same place (:func:`_retold_across_types`).
    """
    if a.country and b.country and a.country != b.country:
        return 0.0
    cross_type = bool(a.event_type and b.event_type and a.event_type != b.event_type)
    if cross_type and b.event_type not in compatible_event_types(a.event_type):
        return 0.0
    span_a, span_b = _span(a), _span(b)
    if span_a and span_b:
        if span_a[1] < span_b[0] or span_b[1] < span_a[0]:
            # Two day-precise reports one day apart (time zones, "overnight") still may match.
            gap = min(abs((span_a[0] - span_b[1]).days), abs((span_b[0] - span_a[1]).days))
            if not (_precision(a) == 1 and _precision(b) == 1 and gap == 1):
                return 0.0
            date_score = 0.5
        elif _precision(a) == 1 and _precision(b) == 1:
            date_score = 1.0
        else:
            date_score = 0.75
    else:
        date_score = 0.6

    distance = _distance_km(a, b)
    same_name = bool(a.location and b.location and a.location.lower() == b.location.lower())
    if same_name or (distance is not None and distance <= 2.0):
        place_score = 1.0
    elif distance is not None and distance <= PLACE_RADIUS_KM:
        place_score = 1.0 - 0.4 * distance / PLACE_RADIUS_KM
    elif distance is not None:
        # A region-level mention (geo_precision 3) covers places in its admin1.
        vague = max(a.geo_precision or 1, b.geo_precision or 1) >= 3
        if vague and a.admin1 and a.admin1 == b.admin1:
            place_score = 0.6
        else:
            return 0.0
    else:
        place_score = 0.6
    # Both day-precise, on the same day or (time zones, "Friday night" reported on Saturday)
    # the next one: the occasion two differently coded records must share.
    day_precise = _precision(a) == 1 and _precision(b) == 1 and date_score >= 0.5
    if cross_type and not (day_precise and place_score == 1.0 and _retold_across_types(a, b)):
        return 0.0

    if a.sub_event_type is None or b.sub_event_type is None or a.sub_event_type == b.sub_event_type:
        sub_score = 1.0
    elif a.weapons and b.weapons and not _shared_weapons(a, b):
        sub_score = 0.2
    else:
        sub_score = 0.7
    if date_score == 0.6 and (
        place_score < 1.0 or sub_score < 1.0 or _actor_score(a.actor1, b.actor1) < 0.7
    ):
        # Undated ("on Monday" in an article without a date): nothing bounds it in time (a
        # city sees many rocket attacks), so place, kind of attack and attacker must agree.
        return 0.0
    if date_score == 0.6 and (span_a or span_b) and not undated_tie(a, b):
        # An undated mention joins a dated event (and shows its date) only when its text ties
        # it to that occasion: both actors named alike and a "this week"-type link.
        return 0.0

    attacker = _actor_score(a.actor1, b.actor1)
    actor_score = 0.7 * attacker + 0.3 * _actor_score(a.actor2, b.actor2)
    if attacker < 0.1:
        # Two different named attackers are different events, unless everything else is the
        # same (day, place, sub-type) and the roles are in doubt: one report's attacker is the
        # other's target (one outlet's "militants hit the base where US troops are" is another's
        # "US forces ..."), or neither names a target and both name the same weapon ("two
        # drones struck the garrison, injuring US troops" read with US forces as the attacker).
        swapped = (a.actor1 is not None and a.actor1 == b.actor2) or (
            b.actor1 is not None and b.actor1 == a.actor2
        )
        untargeted = a.actor2 is None and b.actor2 is None and _shared_weapons(a, b)
        # Across event types the sub-types differ by construction; weapons were checked.
        sub_agrees = sub_score == 1.0 or (cross_type and sub_score >= 0.7)
        same_occasion = date_score == 1.0 and place_score == 1.0 and sub_agrees
        if not ((swapped or untargeted) and same_occasion):
            return round(actor_score * 0.5, 4)
        actor_score = 0.5
    score = 0.3 * date_score + 0.3 * place_score + 0.25 * actor_score + 0.15 * sub_score
    return round(score, 4)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Words that tie an undated report to a recent occasion: "this week", "on Monday", "last
#: night", "yesterday"... (an undated "a strike on the base" may be any strike of any year).
_RECENT_LINK = re.compile(
    r"\b(?:this (?:week|morning|afternoon|evening|weekend)|last night|tonight|overnight|"
    r"yesterday|today|earlier today|on (?P<day>" + "|".join(_WEEKDAYS) + r"))\b",
    re.IGNORECASE,
)


def _link_of(record: EventRecord) -> tuple[bool, str | None]:
    """(whether the record's own sentences carry a recency link, the weekday it names)."""
    texts = [record.date_text or ""] + [s.sentence or "" for s in record.sources]
    for text in texts:
        found = _RECENT_LINK.search(text)
        if found:
            return True, (found.group("day") or "").lower() or None
    return False, None


def undated_tie(a: EventRecord, b: EventRecord) -> bool:
    """Whether the undated one of ``a`` and ``b`` is tied to the dated one by its text.

    Both actors must be named (not generic) and agree, and the undated mention's sentence must
    link it to a recent occasion ("this week", "yesterday", "on Monday"); a weekday must be the
    dated event's own weekday. Place and kind of attack are checked by :func:`same_event`.
    """
    undated, dated = (a, b) if _span(a) is None else (b, a)
    if _span(undated) is not None or _span(dated) is None:
        return True  # nothing undated here
    for side in ("actor1", "actor2"):
        mine, theirs = getattr(undated, side), getattr(dated, side)
        if side == "actor1" and (not mine or not theirs or _is_generic(mine)):
            return False
        if mine and theirs and _actor_score(mine, theirs) < 0.7:
            return False
    linked, weekday = _link_of(undated)
    if not linked:
        return False
    if weekday and _precision(dated) == 1 and dated.event_date:
        day = date.fromisoformat(dated.event_date[:10])
        return _WEEKDAYS[day.weekday()] == weekday
    return True


# --------------------------------------------------------------------------- merge_into


def _source_key(source: Source) -> tuple[object, ...]:
    return (source.article_id, source.url, source.start, source.end, source.sentence)


def _positive_range(values: Sequence[int | None]) -> tuple[int, int] | None:
    known = [v for v in values if v]
    return (min(known), max(known)) if known else None


def _dated_as(record: EventRecord) -> str:
    """A record's date as a source gives it: ``2024-01-28 (day)``, or ``undated``."""
    if not record.event_date:
        return "undated"
    return f"{record.event_date[:10]} ({record.date_precision or 'day'})"


def _note_dates(reasons: dict[str, str], merged: EventRecord, new: EventRecord) -> None:
    """Keep each source's date in ``reasons["source_dates"]`` when sources disagree.

    ``2024-01-28 (day) [article-a]; undated [article-b]``: the event shows one date, and the
    reader sees which source said what (every mention also keeps its own coding)."""
    mine, theirs = _dated_as(merged), _dated_as(new)
    if mine == theirs and "source_dates" not in reasons:
        return
    entries = [e for e in reasons.get("source_dates", "").split("; ") if e]
    if not entries:
        first = merged.sources[0].article_id if merged.sources else None
        entries.append(mine + (f" [{first}]" if first else ""))
    article = new.sources[0].article_id if new.sources else None
    entry = theirs + (f" [{article}]" if article else "")
    if entry not in entries:
        entries.append(entry)
    reasons["source_dates"] = "; ".join(entries)


def merge_into(target: EventRecord, new: EventRecord) -> EventRecord:
    """A new record holding ``target`` and ``new`` as one event (neither input is changed).

    Sources are united (their count is in ``reasons["source_count"]``); each field keeps the
    more precise value (date by time precision, place by geo precision, a named actor over a
    vague one); fatalities follow ACLED's most conservative credible figure (the smallest
    non-zero count) with the range kept in ``reasons``; conflicting sub-event types, actors
    and munitions are recorded in ``reasons`` rather than overwritten.
    """
    merged = copy.deepcopy(target)
    reasons = dict(merged.reasons)

    def note(key: str, text: str) -> None:
        reasons[key] = (
            f"{reasons[key]}; {text}" if key in reasons and text not in reasons[key] else text
        )

    seen = {_source_key(s) for s in merged.sources}
    for source in new.sources:
        if _source_key(source) not in seen:
            merged.sources.append(copy.deepcopy(source))
            seen.add(_source_key(source))
    outlets = [o.strip() for o in (merged.source or "").split(";") if o.strip()]
    for outlet in (new.source or "").split(";"):
        if outlet.strip() and outlet.strip() not in outlets:
            outlets.append(outlet.strip())
    merged.source = "; ".join(outlets) or None
    reasons["source_count"] = str(max(len(merged.sources), len(outlets), 1))

    # every source's own date stays on record (its mention keeps its own coding too)
    _note_dates(reasons, merged, new)
    if new.event_date and (not merged.event_date or _precision(new) < _precision(merged)):
        for name in ("event_date", "year", "time_precision", "date_precision", "date_text"):
            setattr(merged, name, getattr(new, name))
        note("event_date", "more precise date from a later source")
    if new.latitude is not None and (
        merged.latitude is None or (new.geo_precision or 3) < (merged.geo_precision or 3)
    ):
        for name in (
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "admin1",
            "admin2",
            "admin3",
            "location_text",
            "iso",
            "country",
            "region",
        ):
            value = getattr(new, name)
            if value is not None:
                setattr(merged, name, value)
        note("location", "more precise place from a later source")

    for side in ("1", "2"):
        mine, theirs = getattr(merged, f"actor{side}"), getattr(new, f"actor{side}")
        if theirs and theirs == getattr(merged, f"actor{'2' if side == '1' else '1'}"):
            note(f"actor{side}", f"another source names {theirs}, already the other side")
        elif theirs and (not mine or (_is_generic(mine) and not _is_generic(theirs))):
            setattr(merged, f"actor{side}", theirs)
            setattr(merged, f"inter{side}", getattr(new, f"inter{side}"))
            setattr(merged, f"actor{side}_text", getattr(new, f"actor{side}_text"))
            if mine:
                note(f"actor{side}", f"{mine} named as {theirs} by another source")
        elif (
            theirs and normalise_actor(theirs) != normalise_actor(mine) and not _is_generic(theirs)
        ):
            note(f"actor{side}", f"another source names {theirs}")
        assoc = f"assoc_actor_{side}"
        if getattr(new, assoc) and not getattr(merged, assoc):
            setattr(merged, assoc, getattr(new, assoc))
    if merged.inter1 is not None:
        codes = sorted(c for c in (merged.inter1, merged.inter2) if c is not None)
        merged.interaction = int(f"{codes[0]}{codes[1]}") if len(codes) == 2 else codes[0] * 10

    if not merged.event_type or (
        merged.event_type == _STRATEGIC and new.event_type in _VIOLENT_TYPES
    ):
        # A strategic development merged with an attack was the attack told badly.
        if merged.event_type:
            note("event_type", f"another source codes {merged.sub_event_type}")
        merged.event_type, merged.sub_event_type = new.event_type, new.sub_event_type
        merged.disorder_type = new.disorder_type or merged.disorder_type
    elif new.event_type and new.event_type != merged.event_type:
        note("event_type", f"another source codes {new.event_type}: {new.sub_event_type}")
    elif (
        new.sub_event_type and merged.sub_event_type and new.sub_event_type != merged.sub_event_type
    ):
        note("sub_event_type", f"another source suggests {new.sub_event_type}")
    elif not merged.sub_event_type:
        merged.sub_event_type = new.sub_event_type

    fatalities = _positive_range([merged.fatalities, new.fatalities])
    if fatalities:
        merged.fatalities = fatalities[0]
        if fatalities[0] != fatalities[1]:
            note("fatalities", f"sources report {fatalities[0]}-{fatalities[1]}; coded the lowest")
    injuries = _positive_range([merged.injuries, new.injuries])
    if injuries:
        merged.injuries = injuries[0]
        if injuries[0] != injuries[1]:
            note("injuries", f"sources report {injuries[0]}-{injuries[1]}")

    if new.munitions:
        if not merged.munitions:
            merged.munitions = copy.deepcopy(new.munitions)
        elif merged.munitions != new.munitions:
            note("munitions", f"another source: {new.munitions.get('text') or new.munitions}")
    merged.weapons = sorted(set(merged.weapons) | set(new.weapons))
    if merged.modality != new.modality:
        pair = {merged.modality, new.modality}
        merged.modality = (
            "contested"
            if "denied" in pair or "contested" in pair
            else min(pair, key=_MODALITY_RANK.__getitem__)
        )  # type: ignore[assignment]
    merged.claimed_by = merged.claimed_by or new.claimed_by
    merged.background = merged.background and new.background
    merged.confidence = max(merged.confidence, new.confidence)
    merged.notes = merged.notes or new.notes
    merged.source_scale = merged.source_scale or new.source_scale
    merged.tags = merged.tags or new.tags
    for key, value in new.reasons.items():
        if key not in reasons:
            reasons[key] = value
    merged.reasons = reasons
    return merged


# --------------------------------------------------------------------------- clustering


def cluster_events(records: list[EventRecord], threshold: float = 0.5) -> list[list[int]]:
    """Group records into events; returns lists of indexes into ``records``.

    Greedy and deterministic: records are taken most precise first (date, then place), and
    each joins the cluster whose merged record it matches best if that score reaches
    ``threshold``; otherwise it starts a new cluster. Vague background mentions therefore
    meet the precise events already formed instead of seeding clusters themselves.
    """
    order = sorted(
        range(len(records)),
        key=lambda i: (_precision(records[i]), records[i].geo_precision or 3, i),
    )
    clusters: list[list[int]] = []
    merged: list[EventRecord] = []
    for index in order:
        record = records[index]
        best, best_score = -1, threshold
        for position, representative in enumerate(merged):
            score = same_event(representative, record)
            if score >= best_score:
                best, best_score = position, score
        if best < 0:
            clusters.append([index])
            merged.append(record)
        else:
            clusters[best].append(index)
            merged[best] = merge_into(merged[best], record)
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


# --------------------------------------------------------------------------- scoring


def _membership(clusters: Iterable[Collection[str]]) -> dict[str, frozenset[str]]:
    return {item: frozenset(cluster) for cluster in clusters for item in cluster}


def _with_singletons(clusters: Iterable[Collection[str]], items: set[str]) -> list[frozenset[str]]:
    """The clusters plus a singleton for each item they do not mention."""
    out = [frozenset(c) for c in clusters if c]
    present = set().union(*out) if out else set()
    out.extend(frozenset([item]) for item in items - present)
    return out


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(pred: list[list[str]], gold: list[list[str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold clusters.

    Items present on one side only count as singletons on the other.
    """
    items = {i for c in pred for i in c} | {i for c in gold for i in c}
    if not items:
        return 1.0, 1.0, 1.0
    pred_of = _membership(_with_singletons(pred, items))
    gold_of = _membership(_with_singletons(gold, items))
    precision = sum(len(pred_of[i] & gold_of[i]) / len(pred_of[i]) for i in items) / len(items)
    recall = sum(len(pred_of[i] & gold_of[i]) / len(gold_of[i]) for i in items) / len(items)
    return precision, recall, _f1(precision, recall)


def muc(pred: list[list[str]], gold: list[list[str]]) -> tuple[float, float, float]:
    """MUC link-based precision, recall, F1. With no links on either side (all singletons)
    the score is 1.0 when the clusterings are equal, as no link was missed or invented."""
    items = {i for c in pred for i in c} | {i for c in gold for i in c}
    pred_sets, gold_sets = _with_singletons(pred, items), _with_singletons(gold, items)

    def link_recall(keys: list[frozenset[str]], response: list[frozenset[str]]) -> float | None:
        owner = _membership(response)
        numerator = sum(len(k) - len({owner[i] for i in k}) for k in keys)
        denominator = sum(len(k) - 1 for k in keys)
        return numerator / denominator if denominator else None

    recall = link_recall(gold_sets, pred_sets)
    precision = link_recall(pred_sets, gold_sets)
    if recall is None and precision is None:
        return 1.0, 1.0, 1.0
    recall = 0.0 if recall is None else recall
    precision = 0.0 if precision is None else precision
    return precision, recall, _f1(precision, recall)


def ceaf_e(pred: list[list[str]], gold: list[list[str]]) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4 similarity, optimal one-to-one cluster alignment)."""
    from scipy.optimize import linear_sum_assignment

    items = {i for c in pred for i in c} | {i for c in gold for i in c}
    pred_sets, gold_sets = _with_singletons(pred, items), _with_singletons(gold, items)
    if not pred_sets or not gold_sets:
        return (1.0, 1.0, 1.0) if not pred_sets and not gold_sets else (0.0, 0.0, 0.0)
    similarity = [[2 * len(g & p) / (len(g) + len(p)) for p in pred_sets] for g in gold_sets]
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = sum(similarity[r][c] for r, c in zip(rows, cols, strict=True))
    recall, precision = total / len(gold_sets), total / len(pred_sets)
    return precision, recall, _f1(precision, recall)


def conll_f1(pred: list[list[str]], gold: list[list[str]]) -> float:
    """The CoNLL-2012 score: the mean of MUC, B-cubed and CEAF-e F1."""
    return (muc(pred, gold)[2] + bcubed(pred, gold)[2] + ceaf_e(pred, gold)[2]) / 3
