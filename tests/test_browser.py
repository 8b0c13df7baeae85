"""The dashboard in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium) against
uvicorn serving a copy of the dev-article store on 127.0.0.1. Skipped when Chromium or Playwright
is missing (CI installs both). Screenshots go to artifacts/browser/."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import httpx
import pytest
from test_api import KARABAKH, XSS_ARTICLE, XSS_IMG, XSS_SCRIPT, running, writable_copy

from detente.serve.settings import Settings
from detente.serve.app import create_app

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


# ------------------------------------------------------------------ issue 14: the dashboard

def test_events_link_to_their_evidence_in_the_document(page, server):
    open_page(page, server, "/events?limit=50")
    links = page.locator("table tbody tr a.evidence-link")
    assert links.count() == page.locator("table tbody tr").count() >= 1
    row = links.nth(links.count() // 2)
    href, fact = row.get_attribute("href"), row.get_attribute("data-fact")
    assert href.startswith("/documents/") and href.endswith("#fact=" + fact)
    evidence = row.get_attribute("title")
    row.click()
    page.wait_for_selector("body[data-state=ready]")
    assert page.url.endswith(href)
    # the event's passage is highlighted and scrolled to; its line in the side panel is marked
    focused = page.locator("#article-text .hl.focus")
    assert focused.count() >= 1 and "".join(focused.all_inner_texts()) in evidence
    assert _in_viewport(page, focused.first)
    active = page.locator(f'#facts .fact.active[data-fact="{fact}"]')
    assert active.count() == 1 and active.is_visible()
    shot(page, "event-evidence")


def _bar_geometry(page, chart):
    """(period start ms, period end ms, bar centre x) of each dated bar of the chart."""
    return chart.evaluate("""svg => Array.from(svg.querySelectorAll('rect.bar[data-start]')).map(r => [
        Date.parse(r.dataset.start), Date.parse(r.dataset.end), r.x.baseVal.value + r.width.baseVal.value / 2])""")


def _assert_time_axis(page, chart):
    bars = _bar_geometry(page, chart)
    assert len({b[0] for b in bars}) >= 3, "the test needs bars in three periods at least"
    # x is linear in time: the centre of each bar is where the middle of its period falls
    mids = sorted({((s + e) / 2, x) for s, e, x in bars})
    (t0, x0), (t1, x1) = mids[0], mids[-1]
    for t, x in mids:
        assert abs(x0 + (t - t0) / (t1 - t0) * (x1 - x0) - x) < 1.0, (t, x)
    # the axis' labels sit on their dates too
    ticks = chart.evaluate("svg => Array.from(svg.querySelectorAll('text.time-tick')).map(t => "
                           "[Date.parse(t.dataset.t), +t.getAttribute('x')])")
    assert len(ticks) >= 2
    for t, x in ticks:
        assert abs(x0 + (t - t0) / (t1 - t0) * (x1 - x0) - x) < 1.0, (t, x)


def test_charts_place_periods_on_a_time_axis(page, server):
    # a dyad with events in several months, some years apart
    rows = httpx.get(server + "/api/events", params={"limit": 500}).json()["items"]
    months: dict = {}
    for e in rows:
        if e["date"]:
            months.setdefault(tuple(sorted((e["source"], e["target"]))), set()).add(e["date"][:7])
    pair = max(months, key=lambda k: len(months[k]))
    open_page(page, server, f"/dyads?a={pair[0]}&b={pair[1]}")
    for i in range(2):
        _assert_time_axis(page, page.locator("svg.time-chart").nth(i))
    open_page(page, server, f"/dyads?a={pair[0]}&b={pair[1]}&by=week")
    _assert_time_axis(page, page.locator("svg.time-chart").first)
    # the actor page's charts too
    open_page(page, server, f"/actors/{pair[0]}")
    chart = page.locator("svg.time-chart").first
    if len({b[0] for b in _bar_geometry(page, chart)}) >= 3:
        _assert_time_axis(page, chart)
    shot(page, "actor-time-axis")


def test_alignment_without_a_conflict_lists_the_conflicts(page, server):
    open_page(page, server, "/alignment")
    expected = httpx.get(server + "/api/alignment").json()["conflicts"]
    links = page.locator("a.conflict-link")
    assert links.count() == len(expected) >= 1
    first = page.locator("table tbody tr").first
    assert first.locator("td").nth(1).inner_text() == str(expected[0]["actors"])
    open_page(page, server, "/alignment?conflict=")  # the form sent empty: the same list
    assert page.locator("a.conflict-link").count() == len(expected)
    page.locator("a.conflict-link").first.click()
    page.wait_for_selector("body[data-state=ready], body[data-state=error]")
    assert page.evaluate("document.body.dataset.state") == "ready"
    assert page.locator("h2", has_text="Alignment on the").count() == 1


def test_alignment_edges_are_visible_and_evidence_in_words(page, server):
    open_page(page, server, "/alignment?conflict=Nagorno-Karabakh")
    page.wait_for_function("window.detente && window.detente.cy && window.detente.cy.edges().length > 0")
    colours = httpx.get(server + "/api/alignment", params={"conflict": "Nagorno-Karabakh"}).json()["colours"]
    styles = page.evaluate("""(() => { const out = {};
        window.detente.cy.edges().forEach(e => { out[e.data('kind')] = {
          colour: e.style('line-color').replace(/ /g, ''), width: parseFloat(e.style('width')),
          line: e.style('line-style'),
          arrow: e.style('target-arrow-shape'), opacity: parseFloat(e.style('opacity')) }; });
        return out; })()""")
    neutral = styles["neutral"]
    assert neutral["width"] >= 3 and neutral["opacity"] == 1
    assert neutral["colour"] == _rgb(colours["edge_neutral"])
    assert neutral["colour"] not in (_rgb(colours["edge_side"]), _rgb(colours["edge_against"]))
    for kind, other in styles.items():
        if kind != "neutral":
            assert (other["colour"], other["line"], other["arrow"]) != (neutral["colour"], neutral["line"],
                                                                         neutral["arrow"])
    # the parties wear the shared side colours (the CLI's PNG reads the same file)
    party0 = page.evaluate("window.detente.cy.nodes('[cls = \"party0\"]').first().style('background-color')"
                           ".replace(/ /g, '')")
    assert party0 == _rgb(colours["side0"])
    assert page.locator(".legend .line.neutral").evaluate("el => getComputedStyle(el).borderTopColor"
                                                          ".replace(/ /g, '')") == \
        _rgb(colours["edge_neutral"])
    # the actors' evidence in words, never "side:AZE 1"
    table = page.locator("section", has_text="Actors").last.inner_text()
    assert "stance" in table and not re.search(r"\b(side|against):[A-Z]", table)
    shot(page, "alignment-edges")


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r},{g},{b})"


def _spans(page, selector):
    return page.evaluate("""sel => Array.from(document.querySelectorAll(sel)).map(li =>
        [li.dataset.document || '', +li.dataset.start, +li.dataset.end])""", selector)


def test_nested_quotations_are_shown_once(page, server):
    """A quotation inside another (by span, in the same document) is drawn under it, not again
    in the list: every quote once, and no top-level quote inside another top-level one."""
    listed = httpx.get(server + "/api/quotes", params={"limit": 500}).json()["items"]
    doc_id = _doc_with_nested_quotes(listed)
    in_doc = len(httpx.get(server + f"/api/documents/{doc_id}").json()["quotes"])
    for path, top, every, n in (("/quotes?limit=500", "ul.quotes > li.quote", "li.quote", len(listed)),
                                (f"/documents/{doc_id}", "#facts > ol > li.quote-fact", "#facts li.quote-fact",
                                 in_doc)):
        open_page(page, server, path)
        assert page.locator(every).count() == n, path
        assert page.locator(top).count() < n, path  # some are nested
        spans = _spans(page, top)
        for i, (doc, s, e) in enumerate(spans):
            for j, (other_doc, os_, oe) in enumerate(spans):
                if i != j and doc == other_doc:
                    assert not (os_ <= s and e <= oe), (path, (s, e), (os_, oe))
    shot(page, "nested-quotes")


def _doc_with_nested_quotes(items) -> str:
    for q in items:
        for o in items:
            if o is not q and o["document"] == q["document"] and o["start_char"] <= q["start_char"] \
                    and q["end_char"] <= o["end_char"]:
                return q["document"]
    pytest.skip("no nested quotations in the store")


@pytest.fixture
def narrow(browser, server):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()
    assert pg.errors == []


def test_no_page_is_wider_than_a_400_px_screen(narrow, server):
    ev = httpx.get(server + "/api/events", params={"limit": 1}).json()["items"][0]
    for path in ("/", "/documents", f"/documents/{KARABAKH}", "/actors", "/actors/BLR", "/events", "/dyads",
                 f"/dyads?a={ev['source']}&b={ev['target']}", "/alignment", "/alignment?conflict=Nagorno-Karabakh",
                 "/commitments", "/commitments?conflict=Nagorno-Karabakh&party=ARM", "/quotes",
                 "/search", "/search?q=Minsk", "/code", "/documents/no-such-article"):
        narrow.goto(server + path)
        narrow.wait_for_selector("body[data-state=ready], body[data-state=error]", timeout=30_000)
        width = narrow.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, (path, width)
    narrow.goto(server + "/docs")  # the API docs (Swagger UI)
    narrow.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 400
    narrow.goto(server + "/events")
    narrow.wait_for_selector("body[data-state=ready]")
    shot(narrow, "narrow-events")


def test_article_page_says_where_the_date_came_from(browser, tmp_path):
    """An article stored without a date is dated from its text, and its page says so; the API's
    document carries the same date_source."""
    import json

    from detente.corpus import ingest as corpus

    source = tmp_path / "undated.jsonl"
    source.write_text(json.dumps({"id": "undated-oslo", "text": (
        "On 12 March 2018 Norway's foreign minister Ine Eriksen said that Oslo would send observers "
        "to the talks in Geneva.")}) + "\n", encoding="utf-8")
    db = tmp_path / "undated.duckdb"
    assert corpus.ingest([str(source)], db=db, workers=1).stored == 1
    with running(create_app(Settings(db=str(db)))) as base:
        doc = httpx.get(base + "/api/documents/undated-oslo").json()
        assert (doc["date"], doc["date_source"]) == ("2018-03-12", "text")
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        pg = context.new_page()
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        open_page(pg, base, "/documents/undated-oslo")
        assert "Date 2018-03-12 (from the text)" in pg.locator("p.meta").inner_text()
        context.close()
        assert errors == []
