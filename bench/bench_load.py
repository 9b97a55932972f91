"""Load test: the API and dashboard over 100,000 events under concurrent requests (loopback only).

    .venv/bin/python bench/bench_load.py [--events 100000] [--requests 2000] [--concurrency 8]
                                         [--max-seconds 120] [--db PATH]

Fills a fresh SQLite file with synthetic events (``bench_api.fill``, Core bulk insert), one
article per two events and one mention per event, then starts ``sitrep serve`` on 127.0.0.1 as
its own process (as a user would run it) and sends a bounded number of requests with a fixed
concurrency over a mix of list, filter, detail, stats and page requests, stopping after
``--max-seconds`` whatever happens. Prints JSON: error rate, p50/p95/p99 latency in
milliseconds and requests per second, overall and per kind of request.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from bench_api import fill as fill_events
from bench_api import percentile

from sitrep.serve.live import free_port
from sitrep.store.db import Store
from sitrep.store.schema import Article, Blob, Event, Mention

SENTENCE = "Rockets struck a base near {place} on {day}, officials said, and {n} people were hurt."

#: (kind, weight, path template). {event}, {article} are filled with random existing ids.
MIX = [
    ("list", 20, "/api/v1/events"),
    ("list_sorted", 5, "/api/v1/events?sort=fatalities&order=desc"),
    ("list_deep_page", 5, "/api/v1/events?offset={offset}"),
    ("filter_type_country", 10, "/api/v1/events?event_type=Battles&country=Syria"),
    ("filter_dates", 10, "/api/v1/events?date_from=2022-01-01&date_to=2022-06-30"),
    ("filter_actor_text", 5, "/api/v1/events?actor=nujaba&q=drone"),
    ("filter_bbox", 5, "/api/v1/events?bbox=40,34,45,37"),
    ("detail_event", 15, "/api/v1/events/{event}"),
    ("detail_article", 5, "/api/v1/articles/{article}?analyse=false"),
    ("stats", 8, "/api/v1/stats"),
    ("stats_filtered", 4, "/api/v1/stats?country=Iraq&date_from=2023-01-01"),
    ("geo", 3, "/api/v1/events/geo?limit=2000"),
    ("filters", 2, "/api/v1/filters"),
    ("dashboard_page", 3, "/?country=Iraq"),
]


def fill(store: Store, events: int, seed: int = 7) -> dict[str, Any]:
    """Events (bench_api.fill), then articles and mentions for them, by Core bulk insert."""
    fill_events(store, events, seed=seed)
    rng = random.Random(seed)
    ids = [f"bench{i:07d}" for i in range(events)]
    raw = b"synthetic article bytes for the load benchmark"
    digest = hashlib.sha256(raw).hexdigest()
    start = datetime(2019, 1, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        conn.execute(Blob.__table__.insert(), [{"sha256": digest, "size": len(raw), "data": raw}])
        articles: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        for first in range(0, events, 2):
            article_id = f"art{first // 2:07d}"
            pair = ids[first : first + 2]
            sentences = [
                SENTENCE.format(place=f"place {(first + k) % 97}", day="Monday", n=(first + k) % 7)
                for k in range(len(pair))
            ]
            text = "\n\n".join(f"{s} A sentence of background follows it." for s in sentences)
            articles.append(
                {
                    "id": article_id, "source": f"bench/{article_id}.txt",
                    "url": f"https://news.example/{article_id}", "content_hash": digest,
                    "title": f"Report {first // 2}", "outlet": rng.choice(["AP", "AFP", "Reuters"]),
                    "authors": [], "published": start + timedelta(days=rng.randrange(2000)),
                    "published_precision": "day", "published_from": "meta", "language": "en",
                    "text": text, "cluster_id": article_id, "canonical": True, "inherited": {},
                    "story_id": article_id, "status": "ok", "stages": {},
                }
            )  # fmt: skip
            for event_id, sentence in zip(pair, sentences, strict=True):
                offset = text.index(sentence)
                mentions.append(
                    {
                        "event_id": event_id, "article_id": article_id, "start": offset,
                        "end": offset + len(sentence), "sentence": sentence, "record": {},
                    }
                )  # fmt: skip
            if len(mentions) >= 10_000:
                conn.execute(Article.__table__.insert(), articles)
                conn.execute(Mention.__table__.insert(), mentions)
                articles, mentions = [], []
        if articles:
            conn.execute(Article.__table__.insert(), articles)
        if mentions:
            conn.execute(Mention.__table__.insert(), mentions)
    return {"events": events, "articles": (events + 1) // 2, "mentions": events}


def request_plan(count: int, events: int, seed: int) -> list[tuple[str, str]]:
    """``count`` (kind, path) pairs drawn from MIX by weight, reproducibly."""
    rng = random.Random(seed)
    kinds = [m[0] for m in MIX]
    weights = [m[1] for m in MIX]
    paths = {m[0]: m[2] for m in MIX}
    plan = []
    for kind in rng.choices(kinds, weights=weights, k=count):
        i = rng.randrange(events)
        path = paths[kind].format(
            event=f"bench{i:07d}", article=f"art{i // 2:07d}", offset=rng.randrange(0, 20_000, 50)
        )
        plan.append((kind, path))
    return plan


async def run_load(
    base: str, plan: list[tuple[str, str]], concurrency: int, max_seconds: float
) -> dict[str, Any]:
    """Send the plan with ``concurrency`` requests in flight; stop at ``max_seconds``."""
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for entry in plan:
        queue.put_nowait(entry)
    results: list[tuple[str, float, int | None, str | None]] = []
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            try:
                kind, path = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t = time.perf_counter()
            try:
                response = await client.get(path)
                await response.aread()
                status: int | None = response.status_code
                error = None if status < 400 else f"HTTP {status}"
            except httpx.HTTPError as exc:
                status, error = None, type(exc).__name__
            results.append((kind, (time.perf_counter() - t) * 1000, status, error))

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return summarise(results, elapsed, len(plan))


def summarise(
    results: list[tuple[str, float, int | None, str | None]], elapsed: float, planned: int
) -> dict[str, Any]:
    def stats(rows: list[tuple[str, float, int | None, str | None]]) -> dict[str, Any]:
        times = [r[1] for r in rows]
        errors = [r for r in rows if r[3] is not None]
        return {
            "requests": len(rows),
            "errors": len(errors),
            "p50_ms": round(percentile(times, 0.50), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
            "p99_ms": round(percentile(times, 0.99), 1) if times else None,
        }

    overall = stats(results)
    errors: dict[str, int] = {}
    for row in results:
        if row[3] is not None:
            errors[f"{row[0]}: {row[3]}"] = errors.get(f"{row[0]}: {row[3]}", 0) + 1
    return {
        **overall,
        "planned": planned,
        "error_rate": round(overall["errors"] / max(len(results), 1), 4),
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(results) / elapsed, 1) if elapsed else None,
        "stopped_early": len(results) < planned,
        "error_kinds": errors,
        "by_kind": {kind: stats([r for r in results if r[0] == kind]) for kind, _, _ in MIX},
    }


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"sitrep serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("sitrep serve did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--db", type=Path, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "load.db"
        url = f"sqlite:///{path}"
        store = Store(url)
        t0 = time.perf_counter()
        with store.session() as s:
            empty = s.query(Event).count() == 0
        filled = fill(store, args.events) if empty else {"events": "existing database"}
        fill_s = time.perf_counter() - t0
        store.dispose()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        cmd = [sys.executable, "-m", "sitrep.cli", "serve", "--db", url, "--port", str(port)]
        server = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_until_up(base, server)
            plan = request_plan(args.requests, args.events, args.seed)
            report = asyncio.run(run_load(base, plan, args.concurrency, args.max_seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "database": filled,
                "fill_s": round(fill_s, 1),
                "concurrency": args.concurrency,
                "max_seconds": args.max_seconds,
                **report,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
