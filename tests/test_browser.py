"""The dashboard in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium) against
uvicorn serving a copy of the dev-article store on 127.0.0.1. Skipped when Chromium or Playwright
is missing (CI installs both). Screenshots go to artifacts/browser/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest
from test_api import KARABAKH, XSS_ARTICLE, XSS_IMG, XSS_SCRIPT, running, writable_copy

from detente.api import Settings, create_app

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = os.environ.get("DETENTE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
API_KEY = "browser-test-key"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = writable_copy(tmp_path_factory, "browser-store")
    app = create_app(Settings(db=str(db), allow_ingest=True, api_key=API_KEY))
    with running(app) as base:
        yield base


@pytest.fixture
def page(browser, server):
    """A fresh page; fails the test on any script error, and records every URL it requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.requested = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requested.append(r.url))
    yield pg
    context.close()
    assert pg.errors == []


def open_page(page, server, path):
    page.goto(server + path)
    page.wait_for_selector("body[data-state=ready], body[data-state=error]", timeout=30_000)
    assert page.evaluate("document.body.dataset.state") == "ready", page.locator("main").inner_text()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_article_highlights_actors_and_attributes_quotes(page, server):
    open_page(page, server, f"/documents/{KARABAKH}")
    text = page.locator("#article-text")
    assert text.inner_text().startswith("The escalation of the conflict in Nagorno-Karabakh")
    belarus = page.locator('#article-text .hl-actor[data-actor="BLR"]')
    assert "Minsk" in belarus.all_inner_texts()
    minsk = belarus.filter(has_text="Minsk").first
    assert "Belarus (BLR)" in minsk.get_attribute("title")
    # the side panel lists Ravkov's quote with its speaker; clicking it scrolls to the quote
    item = page.locator("#facts li.quote-fact", has_text="This will never happen")
    assert item.get_attribute("data-speaker") == "Andrei Ravkov"
    assert "Andrei Ravkov (Belarus (BLR))" in item.inner_text()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    item.locator("button.fact").click()
    quoted = page.locator("#article-text .hl-quote.focus")  # (its speaker and cue are focused too)
    assert "".join(quoted.all_inner_texts()) == "This will never happen"
    assert quoted.first.get_attribute("data-speaker") == "Andrei Ravkov"
    assert quoted.first.is_visible() and _in_viewport(page, quoted.first)
    # an actor's mention chip scrolls to that mention
    page.locator('#facts li[data-actor="BLR"] button.chip', has_text="Minsk").first.click()
    assert page.locator("#article-text .hl.focus").all_inner_texts() == ["Minsk"]
    shot(page, "article-karabakh")
    assert all(u.startswith(server) for u in page.requested), "the page loaded something from elsewhere"


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and 0 <= box["y"] <= height


def test_alignment_graph_holds_the_actors(page, server):
    open_page(page, server, "/alignment?conflict=Nagorno-Karabakh")
    page.wait_for_function("window.detente && window.detente.cy && window.detente.cy.nodes().length > 0")
    nodes = set(page.evaluate("window.detente.cy.nodes().map(n => n.id())"))
    assert {"BLR", "RUS", "KAZ", "CSTO", "ARM", "AZE"} <= nodes
    assert set(page.locator("#graph").get_attribute("data-nodes").split()) == nodes
    # the graph is drawn (a canvas) and interactive: tapping Belarus shows its evidence
    assert page.locator("#graph canvas").count() >= 1
    position = page.evaluate("(() => { const p = window.detente.cy.getElementById('BLR').renderedPosition();"
                             " return [p.x, p.y]; })()")
    page.locator("#graph").click(position={"x": position[0], "y": position[1]})
    info = page.locator("#node-info")
    info.locator("h3", has_text="Belarus").wait_for()
    assert "neutral" in info.inner_text() and "null" not in info.inner_text()
    shot(page, "alignment-karabakh")
    assert all(u.startswith(server) for u in page.requested)


def test_actor_page_charts_and_lists(page, server):
    open_page(page, server, "/actors/BLR")
    assert page.locator("h1").inner_text().startswith("Belarus")
    assert page.locator("svg.chart").count() >= 1
    assert page.locator("li.quote", has_text="This will never happen").count() >= 1
    assert "Nagorno-Karabakh conflict" in page.locator("section", has_text="Stances").first.inner_text()
    shot(page, "actor-blr")


def test_dyad_and_search(page, server):
    ev = httpx.get(server + "/api/events", params={"limit": 1}).json()["items"][0]
    open_page(page, server, f"/dyads?a={ev['source']}&b={ev['target']}")
    assert page.locator("svg.chart").count() == 2
    assert page.locator("table tbody tr").count() >= 1
    shot(page, "dyad")
    page.fill("header form.search input[name=q]", "Minsk")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_selector("body[data-state=ready]")
    assert page.url.endswith("/search?q=Minsk")
    assert page.locator(f'a[href="/documents/{KARABAKH}"]').count() >= 1
    shot(page, "search")


def test_stored_strings_are_shown_literally_and_never_run(page, server):
    r = httpx.post(server + "/api/documents", json=XSS_ARTICLE, headers={"Authorization": f"Bearer {API_KEY}"},
                   timeout=120)
    assert r.status_code in (200, 201), r.text
    doc_id = r.json()["id"]
    open_page(page, server, f"/documents/{doc_id}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("#article-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert XSS_IMG in page.locator("h1").inner_text()
    assert page.locator("#article-text script, #article-text img, main img, main script").count() == 0
    panel = page.locator("#facts").inner_text()
    assert XSS_SCRIPT in panel or not httpx.get(server + f"/api/documents/{doc_id}").json()["quotes"]
    shot(page, "xss-article")
    for path in ("/documents", "/search?q=pwned", "/quotes?speaker=Makei", "/"):
        open_page(page, server, path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("main img, main script").count() == 0, path
    open_page(page, server, "/search?q=pwned")
    assert XSS_IMG in page.locator("main").inner_text()


def test_unknown_pages_say_so(page, server):
    page.goto(server + "/documents/no-such-article")
    page.wait_for_selector("body[data-state=error]")
    assert "no document with id" in page.locator("main").inner_text()
