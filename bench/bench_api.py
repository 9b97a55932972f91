"""Latency of the event list endpoint over 100,000 synthetic events (SQLite, uvicorn, httpx).

    .venv/bin/python bench/bench_api.py [--events 100000] [--rounds 20] [--db PATH]

Fills a fresh SQLite database with synthetic events by bulk insert, serves it with uvicorn on
127.0.0.1 and times typical list requests (filters, sorts, deep pages) with httpx, one request at
a time. Prints JSON: p50/p95 per query and over all requests, in milliseconds. Target: p95 < 200.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from sitrep.serve import create_app
from sitrep.serve.live import live_server
from sitrep.store.db import Store
from sitrep.store.schema import Event

TYPES = {
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED"],
    "Battles": ["Armed clash"],
    "Violence against civilians": ["Attack"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Other", "Looting/property destruction"],
}  # fmt: skip
PLACES = [
    ("Iraq", "Baghdad", 33.31, 44.37), ("Iraq", "Al Anbar", 33.80, 42.44),
    ("Iraq", "Erbil", 36.24, 43.96), ("Iraq", "Kirkuk", 35.50, 44.28),
    ("Iraq", "Basra", 30.51, 47.78), ("Syria", "Deir ez-Zor", 35.02, 40.45),
    ("Syria", "Al Hasakah", 36.06, 40.73), ("Syria", "Homs", 33.50, 38.62),
    ("Jordan", "Irbid", 32.55, 35.85), ("Yemen", "Al Hudaydah", 14.80, 42.95),
]  # fmt: skip
ACTORS = [
    "Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba",
    "Military Forces of the United States (2021-)", "Islamic Revolutionary Guard Corps",
    "Protesters (Iraq)", "Civilians (Syria)", "Ansar Allah",
]  # fmt: skip

QUERIES = {
    "default": "",
    "date_range": "date_from=2024-01-01&date_to=2024-03-31",
    "event_type": "event_type=Battles",
    "actor": "actor=nujaba",
    "country_admin1": "country=Syria&admin1=Deir%20ez-Zor",
    "bbox": "bbox=40,34,45,37",
    "text": "q=drone",
    "sort_fatalities": "sort=fatalities&order=desc",
    "deep_page": "offset=5000",
    "combined": "date_from=2023-01-01&event_type=Explosions/Remote%20violence&country=Iraq"
    "&sort=fatalities",
}


def fill(store: Store, n: int, seed: int = 7) -> None:
    """Insert ``n`` synthetic events in batches (Core executemany, no ORM objects)."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    table = Event.__table__
    batch: list[dict] = []
    with store.engine.begin() as conn:
        for i in range(n):
            etype = rng.choice(list(TYPES))
            country, admin1, lat, lon = rng.choice(PLACES)
            day = start + timedelta(days=rng.randrange(6 * 365))
            a1, a2 = rng.sample(ACTORS, 2)
            batch.append(
                {
                    "id": f"bench{i:07d}", "event_date": day.isoformat(), "year": day.year,
                    "time_precision": 1, "event_type": etype,
                    "sub_event_type": rng.choice(TYPES[etype]), "actor1": a1, "actor2": a2,
                    "country": country, "admin1": admin1, "location": admin1,
                    "latitude": lat + rng.uniform(-0.5, 0.5),
                    "longitude": lon + rng.uniform(-0.5, 0.5),
                    "fatalities": rng.choice([0, 0, 0, 1, 2, 5]),
                    "notes": f"{a1} {rng.choice(['drone', 'rocket', 'clash', 'protest'])} "
                    f"near {admin1}",
                    "weapons": [], "modality": "reported", "background": rng.random() < 0.1,
                    "confidence": 0.5, "reasons": {}, "source_count": 1,
                    "review_status": "unreviewed", "locked_fields": [],
                }
            )  # fmt: skip
            if len(batch) == 5000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(q * (len(ordered) - 1))), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="requests per query")
    parser.add_argument("--db", type=Path, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        store = Store(f"sqlite:///{path}")
        t0 = time.perf_counter()
        fill(store, args.events)
        fill_s = time.perf_counter() - t0
        results: dict[str, dict[str, float]] = {}
        every: list[float] = []
        with live_server(create_app(store)) as base, httpx.Client(base_url=base, timeout=30) as c:
            for name, query in QUERIES.items():
                c.get(f"/api/v1/events?{query}").raise_for_status()  # warm-up
                times = []
                for _ in range(args.rounds):
                    t = time.perf_counter()
                    response = c.get(f"/api/v1/events?{query}")
                    times.append((time.perf_counter() - t) * 1000)
                    response.raise_for_status()
                every.extend(times)
                results[name] = {
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(percentile(times, 0.95), 1),
                    "total": response.json()["total"],
                }
        store.dispose()
    print(
        json.dumps(
            {
                "events": args.events,
                "fill_s": round(fill_s, 1),
                "requests": len(every),
                "p50_ms": round(statistics.median(every), 1),
                "p95_ms": round(percentile(every, 0.95), 1),
                "target_p95_ms": 200,
                "queries": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
