"""A second coding backend: a local LLM behind an OpenAI-compatible chat endpoint.

The model gets a codebook (ACLED's taxonomy and sitrep's rules, condensed) and the article, and
must answer with JSON matching :data:`EVENT_SCHEMA`. Each returned event must quote its sentence
verbatim; the backend locates the quote in ``doc.text`` to set exact source offsets and drops
events whose quote it cannot find (a model that paraphrases cannot be cited). Configure with
``SITREP_LLM_URL`` (base URL, e.g. ``http://127.0.0.1:8080/v1``), ``SITREP_LLM_MODEL`` and
optionally ``SITREP_LLM_API_KEY`` and ``SITREP_LLM_TIMEOUT`` (seconds).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sitrep.config import settings
from sitrep.errors import ConfigError, ExtractionError
from sitrep.events.notes import generate_notes
from sitrep.events.taxonomy import (
    SUB_EVENT_TYPES,
    disorder_type_of,
    event_type_of,
    interaction_code,
)
from sitrep.models import Analysis, Document, EventRecord, Source

EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sentence", "sub_event_type"],
                "properties": {
                    "sentence": {"type": "string", "description": "verbatim sentence of the article"},
                    "sub_event_type": {"type": "string", "enum": sorted(SUB_EVENT_TYPES)},
                    "event_date": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
                    "date_precision": {"type": ["string", "null"], "enum": ["day", "week", "month", "year", None]},
                    "background": {"type": "boolean"},
                    "actor1": {"type": ["string", "null"]},
                    "inter1": {"type": ["integer", "null"]},
                    "actor2": {"type": ["string", "null"]},
                    "inter2": {"type": ["integer", "null"]},
                    "country": {"type": ["string", "null"]},
                    "admin1": {"type": ["string", "null"]},
                    "location": {"type": ["string", "null"]},
                    "latitude": {"type": ["number", "null"]},
                    "longitude": {"type": ["number", "null"]},
                    "geo_precision": {"type": ["integer", "null"]},
                    "fatalities": {"type": "integer"},
                    "injuries": {"type": ["integer", "null"]},
                    "weapons": {"type": "array", "items": {"type": "string"}},
                    "modality": {"type": "string", "enum": ["reported", "claimed", "alleged", "denied", "contested"]},
                    "claimed_by": {"type": ["string", "null"]},
                },
            },
        }
    },
}  # fmt: skip

CODEBOOK = """You code news about armed conflict into ACLED events. Rules:
- One event per date, place, actor pair and sub_event_type; a sentence listing three places is
  three events. Skip forecasts, threats, opinion, diplomacy, condemnations, negated events.
- sub_event_type is one of ACLED's 25 (Air/drone strike for aircraft and armed drones,
  Shelling/artillery/missile attack for rockets, mortars and missiles, Remote explosive/landmine/IED
  for roadside bombs, Disrupted weapons use when everything was intercepted ...).
- event_date: YYYY-MM-DD resolved against the publication date; null if it cannot be anchored.
  Never use the publication date for an event that happened earlier. background=true for
  events well before publication (more than two weeks, earlier years, history paragraphs).
- actor1 acts (attacker, claimant), actor2 is acted upon, ACLED names:
  "Military Forces of the United States (2021-)", "Unidentified Armed Group (Iraq)",
  "Islamic Resistance in Iraq", "Kataib Hezbollah", "Civilians (Iraq)". inter codes: 1 state,
  2 rebels, 3 political militia, 4 identity militia, 5 rioters, 6 protesters, 7 civilians,
  8 external forces.
- geo_precision 1 named town/site, 2 near a town or part of a region, 3 only province/country.
- fatalities: most conservative figure, 0 if unknown. modality: reported, claimed (claimed_by
  names the claimant), alleged, denied or contested.
- "sentence" must be copied verbatim from the article.
Answer only with JSON matching this schema:
"""


@dataclass
class LLMSettings:
    """Where the endpoint is and how to call it."""

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 120.0


def _find_sentence(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, tolerating different whitespace; None if absent."""
    quote = quote.strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


class LLMExtractor:
    """Codes events by asking an OpenAI-compatible chat completion endpoint."""

    name = "llm"

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings

    @classmethod
    def from_env(cls) -> LLMExtractor:
        """Settings from SITREP_LLM_URL / SITREP_LLM_MODEL / SITREP_LLM_API_KEY / SITREP_LLM_TIMEOUT."""
        options = settings()
        url = options.llm_url
        if not url:
            raise ConfigError(
                "the llm extractor needs SITREP_LLM_URL (e.g. http://127.0.0.1:8080/v1)"
            )
        return cls(
            LLMSettings(
                url=url, model=options.llm_model, api_key=options.llm_api_key,
                timeout=options.llm_timeout,
            )
        )  # fmt: skip

    def _messages(self, doc: Document) -> list[dict[str, str]]:
        published = (
            doc.published.date().isoformat() if isinstance(doc.published, datetime) else None
        )
        return [
            {"role": "system", "content": CODEBOOK + json.dumps(EVENT_SCHEMA)},
            {"role": "user", "content": f"Publication date: {published or 'unknown'}\n"
                                        f"Title: {doc.title or ''}\n\n{doc.text}"},
        ]  # fmt: skip

    def _call(self, doc: Document) -> dict[str, Any]:
        import httpx

        headers = (
            {"Authorization": f"Bearer {self.settings.api_key}"} if self.settings.api_key else {}
        )
        body = {
            "model": self.settings.model,
            "messages": self._messages(doc),
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        endpoint = self.settings.url.rstrip("/") + "/chat/completions"
        try:
            response = httpx.post(
                endpoint, json=body, headers=headers, timeout=self.settings.timeout
            )
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise ExtractionError(
                f"document {doc.id}: LLM endpoint {endpoint} failed: {exc}"
            ) from exc
        try:
            parsed = json.loads(re.sub(r"^```(?:json)?|```$", "", content.strip()).strip())
        except json.JSONDecodeError as exc:
            raise ExtractionError(f"document {doc.id}: LLM answer is not JSON: {exc}") from exc
        if not isinstance(parsed, dict) or not isinstance(parsed.get("events"), list):
            raise ExtractionError(f"document {doc.id}: LLM answer has no 'events' list")
        return parsed

    def extract(self, doc: Document) -> Analysis:
        """Code ``doc`` with the LLM; events without a verbatim, locatable sentence are dropped."""
        published = doc.published.date() if isinstance(doc.published, datetime) else None
        analysis = Analysis(
            id=doc.id, published=published.isoformat() if published else None, language="en"
        )
        dropped: list[str] = []
        for item in self._call(doc)["events"]:
            record = self._record(doc, item, published)
            if record is None:
                dropped.append(str(item.get("sentence", ""))[:60])
                continue
            analysis.events.append(record)
        if dropped:
            analysis.error = f"{len(dropped)} LLM event(s) dropped: sentence not found or bad type"
        return analysis

    def _record(
        self, doc: Document, item: dict[str, Any], published: date | None
    ) -> EventRecord | None:
        sub = item.get("sub_event_type")
        span = _find_sentence(doc.text, str(item.get("sentence") or ""))
        if sub not in SUB_EVENT_TYPES or span is None:
            return None
        event_date = item.get("event_date") or None
        try:
            day = date.fromisoformat(event_date) if event_date else None
        except ValueError:
            day = None
        precision = item.get("date_precision") if day else None
        record = EventRecord(
            event_date=day.isoformat() if day else None, year=day.year if day else None,
            time_precision={"day": 1, "week": 2, "month": 3, "year": 3}.get(precision or ""),
            date_precision=precision, disorder_type=disorder_type_of(sub), event_type=event_type_of(sub),
            sub_event_type=sub, actor1=item.get("actor1"), inter1=item.get("inter1"),
            actor2=item.get("actor2"), inter2=item.get("inter2"),
            country=item.get("country"), admin1=item.get("admin1"), location=item.get("location"),
            latitude=item.get("latitude"), longitude=item.get("longitude"),
            geo_precision=item.get("geo_precision"), fatalities=int(item.get("fatalities") or 0),
            injuries=item.get("injuries"), weapons=list(item.get("weapons") or []),
            modality=item.get("modality") or "reported", claimed_by=item.get("claimed_by"),
            background=bool(item.get("background")), source=doc.outlet, confidence=0.5,
            sources=[Source(doc.id, doc.outlet, doc.url, published.isoformat() if published else None,
                            doc.text[span[0]:span[1]], span[0], span[1])],
            reasons={"event": f"LLM {self.settings.model}", "sub_event_type": f"LLM {self.settings.model}"},
        )  # fmt: skip
        if (
            record.background
            and record.event_date
            and published
            and record.event_date == published.isoformat()
        ):
            record.event_date = record.year = record.date_precision = record.time_precision = None
            record.reasons["event_date"] = "LLM dated a background event at publication: dropped"
        record.interaction = interaction_code(record.inter1, record.inter2)
        record.event_id = f"llm-{doc.id}-{span[0]}"
        record.notes = generate_notes(record)
        return record
