"""Refresh the PNG screenshots in docs/screenshots/ from the demo data in a headless Chromium.

Run from the repository root after building the front-end:

    cd frontend && npm ci && npm run build && cd .. && .venv/bin/python frontend/screenshots.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitrep.serve import create_app
from sitrep.serve.app import DIST
from sitrep.serve.auth import create_token
from sitrep.serve.demo import fill_demo
from sitrep.serve.live import live_server
from sitrep.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

DESKTOP = {"width": 1360, "height": 900}
PHONE = {"width": 390, "height": 844}

#: (file name, path, element to wait for, whether to sign in first, viewport, whole page)
VIEWS = [
    ("dashboard.png", "/", "#map[data-basemap=detailed]", False, DESKTOP, False),
    ("dashboard-filtered.png", "/?country=Syria", "#map[data-state=ready]", False, DESKTOP, False),
    ("review-queue.png", "/?review_status=unreviewed&sort=needs_review", "#map[data-state=ready]",
     False, DESKTOP, False),
    ("map-provinces.png", "/?country=Iraq&admin1=Erbil", "#map[data-basemap=detailed]", False,
     DESKTOP, False),
    ("event.png", "/events/ev-baghdad-1", "mark.source-sentence", False, DESKTOP, True),
    ("event-review.png", "/events/ev-erbil-1#review", "#edit-form", True, DESKTOP, True),
    ("actor.png", "/actors/Kataib Hezbollah", "#actor-name", False, DESKTOP, True),
    ("article.png", "/articles/art-0-a", "#article-text", False, DESKTOP, True),
    ("phone-dashboard.png", "/", "#map[data-basemap=detailed]", False, PHONE, True),
    ("phone-event.png", "/events/ev-baghdad-1", "mark.source-sentence", False, PHONE, True),
    ("phone-review.png", "/events/ev-erbil-1#review", "#edit-form", True, PHONE, False),
]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not (DIST / "dashboard.js").exists():
        print("build the front-end first: cd frontend && npm ci && npm run build", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'demo.db'}")
        fill_demo(store)
        token = create_token(store, "reviewer")
        with live_server(create_app(store)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            login = browser.new_page(viewport=DESKTOP)
            login.goto(base + "/login")
            login.fill("#token", token)
            login.click("#login-submit")
            signed_in = login.context.cookies()
            login.context.close()
            for name, path, selector, sign_in, viewport, full in VIEWS:
                context = browser.new_context(viewport=viewport)
                if sign_in:
                    context.add_cookies(signed_in)
                page = context.new_page()
                page.goto(base + path)
                page.wait_for_selector(selector)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(600)  # let Leaflet finish its zoom animation
                page.screenshot(path=str(args.out / name), full_page=full)
                print(args.out / name)
                context.close()
            browser.close()
        store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
