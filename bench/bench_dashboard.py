"""Dashboard responsiveness over a large store, measured in Chromium (a bench, not a test).

    .venv/bin/python bench/bench_dashboard.py [--events 50000] [--rounds 3] [--chromium PATH]

Fills a fresh SQLite store with synthetic events (bench_api.fill), serves it with uvicorn on
127.0.0.1 and loads the dashboard in headless Chromium, cold (new browser context, empty cache)
and warm (same context: ETag revalidation). For each load it reads the Performance API: first
contentful paint, the time until the map and the timeline say they are ready, every long task
(>50 ms main-thread task, PerformanceObserver 'longtask'), and the bytes of the map points and
stats answers. Prints JSON with the median of the rounds; docs/benchmarks.md has a run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import fill  # noqa: E402

from sitrep.serve import create_app  # noqa: E402
from sitrep.serve.live import live_server  # noqa: E402
from sitrep.store.db import Store  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

OBSERVE = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""

READ = """
() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const bytes = (part) => performance.getEntriesByType("resource")
    .filter((r) => r.name.includes(part))
    .reduce((n, r) => n + r.transferSize, 0);
  const tasks = window.__longtasks;
  return {
    fcp_ms: paint ? paint.startTime : null,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    map_ready_ms: Number(document.querySelector("#map").dataset.readyAt || 0),
    timeline_ready_ms: Number(document.querySelector("#timeline").dataset.readyAt || 0),
    longest_task_ms: tasks.length ? Math.max(...tasks.map((t) => t[1])) : 0,
    long_tasks: tasks.length,
    long_task_total_ms: tasks.reduce((n, t) => n + t[1], 0),
    points_bytes: bytes("/api/v1/events/geo"),
    stats_bytes: bytes("/api/v1/stats"),
    page_bytes: nav.transferSize,
    markers_in_dom: document.querySelectorAll(".leaflet-marker-icon").length,
    map_count: Number(document.querySelector("#map").dataset.count),
  };
}
"""

MARK_READY = """
() => new Promise((resolve) => {
  const done = () => ["map", "timeline"].every((id) => document.getElementById(id).dataset.state === "ready");
  const stamp = () => {
    for (const id of ["map", "timeline"]) {
      const el = document.getElementById(id);
      if (el.dataset.state === "ready" && !el.dataset.readyAt) el.dataset.readyAt = String(performance.now());
    }
  };
  const tick = () => { stamp(); if (done()) resolve(true); else requestAnimationFrame(tick); };
  tick();
})
"""


def load(page: Any, url: str) -> dict[str, Any]:
    page.goto(url, wait_until="commit")
    page.evaluate(MARK_READY)
    page.wait_for_timeout(1500)  # let late long tasks (cluster rendering, labels) be recorded
    return page.evaluate(READ)  # type: ignore[no-any-return]


def median_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        k: round(statistics.median(r[k] for r in rows), 1)
        for k in rows[0]
        if rows[0][k] is not None
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        began = time.perf_counter()
        fill(store, args.events)
        filled = time.perf_counter() - began
        results: dict[str, Any] = {"events": args.events, "fill_seconds": round(filled, 1)}
        with live_server(create_app(store)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            for label, viewport in (("desktop", {"width": 1360, "height": 900}),
                                    ("phone", {"width": 390, "height": 844})):  # fmt: skip
                cold, warm = [], []
                for _ in range(args.rounds):
                    context = browser.new_context(viewport=viewport)
                    context.add_init_script(OBSERVE)
                    page = context.new_page()
                    cold.append(load(page, base + "/"))
                    warm.append(load(page, base + "/"))
                    context.close()
                results[label] = {"cold": median_of(cold), "warm": median_of(warm)}
            browser.close()
        store.dispose()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
