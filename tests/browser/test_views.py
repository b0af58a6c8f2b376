"""Graph views in real headless Chromium against a real `claimgraph serve`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pypdf
import pytest
from playwright.sync_api import Browser

import claimgraph
from claimgraph.graph.views.snippet import Snippet

from ..api.conftest import LiveServer
from ..hostile import CLAIM, HOSTILE, LINE_SEPARATED, add_hostile_claim
from .conftest import STATE, Tab, _origin, server_over, view_tab

SOURCE = "https://w3id.org/claimgraph/id/source/"
HRW_QUOTE = "the Russian-Syrian joint military operation had used cluster munitions"
VIEWS = ["/views/graph", "/views/contested", "/views/article/idlib-offensive-2019",
         "/views/claim/idlib-offensive-2019/hrw-cluster-munitions", "/views/source/snhr",
         "/views/construct?query=" + quote(claimgraph.sparql_prefixes()
                                           + "CONSTRUCT { ?a cg:denies ?b } WHERE "
                                             "{ ?a cg:denies ?b }")]


@pytest.fixture
def tab(browser: Browser, browser_server: LiveServer) -> Iterator[Tab]:
    with view_tab(browser, browser_server) as opened:
        yield opened


def fetch_json(server: LiveServer, path: str) -> dict:  # type: ignore[type-arg]
    with urlopen(server.url + path) as response:
        return json.loads(response.read())


def test_every_view_draws_all_of_its_graph_offline(tab: Tab) -> None:
    for path in VIEWS:
        tab.open(path)
        base, _, query = path.partition("?")
        data = fetch_json(tab.server, f"{base}/json" + (f"?{query}" if query else ""))
        assert tab.drawn() == (len(data["nodes"]), len(data["edges"])), path
        count = tab.page.locator(".cg-count").inner_text()
        assert count == f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
    tab.assert_clean()


def test_contested_view_matches_the_store_and_reads_at_a_glance(tab: Tab,
                                                               screenshots: Path) -> None:
    tab.open("/views/contested")
    sparql = claimgraph.sparql_prefixes() + (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?stance ?b . VALUES ?stance { cg:denies "
        "cg:disputes } ?b cg:status cg:Contested }")
    with urlopen(tab.server.sparql + "?query=" + quote(sparql)) as response:
        stances = int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])
    edges = tab.page.evaluate(f"{STATE}.data.edges.filter(e => e.kind === 'denies' || "
                              "e.kind === 'disputes').length")
    assert edges == stances == 4
    tab.page.screenshot(path=screenshots / "view-contested.png")
    tab.assert_clean()


def test_hovering_a_claim_shows_its_quote_and_clicking_opens_its_view(tab: Tab) -> None:
    tab.open("/views/contested")
    x, y = tab.point(CLAIM + "hrw-cluster-munitions")
    tab.page.mouse.move(x, y)
    tip = tab.page.locator(".cg-tip.cg-shown")
    tip.wait_for()
    text = tip.inner_text()
    assert HRW_QUOTE in text and "CONTESTED" in text.upper()
    assert "Stated Last month (2019-06-03)" in text and "denied by an independent source" in text
    tab.page.mouse.click(x, y)
    tab.page.wait_for_url("**/views/claim/idlib-offensive-2019/hrw-cluster-munitions")
    tab.page.wait_for_selector(".cg-view[data-drawn=true]")
    x, y = tab.point(SOURCE + "hrw")
    tab.page.mouse.click(x, y)
    tab.page.wait_for_url("**/views/source/hrw")
    tab.assert_clean()


def test_search_and_filters_agree_with_the_server(tab: Tab) -> None:
    tab.open("/views/graph")
    tab.page.get_by_label("Search the graph").fill("cluster munitions")
    assert tab.page.locator(".cg-found").inner_text() == "3 matches"
    for status in ("single-source", "corroborated", "not-comparable"):
        tab.page.locator(f".cg-status-filter input[value={status}]").uncheck()
    tab.page.locator(".cg-source-filter").select_option("russia")
    expected = fetch_json(tab.server, "/views/graph/json?status=contested&source=russia")
    assert tab.drawn() == (len(expected["nodes"]), len(expected["edges"]))
    assert tab.page.url.endswith("/views/graph?status=contested&source=russia")
    svg = tab.page.locator("a", has_text="SVG").get_attribute("href")
    assert svg == "/views/graph/svg?status=contested&source=russia"
    tab.page.reload()
    tab.page.wait_for_selector(".cg-view[data-drawn=true]")
    assert tab.drawn() == (len(expected["nodes"]), len(expected["edges"]))
    tab.assert_clean()


def test_two_embeds_and_two_snippets_on_one_page_all_draw(tab: Tab, tmp_path: Path) -> None:
    url = tab.server.url
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)
    try:
        fragments = [Snippet.contested(store).to_html(),
                     Snippet.source(store, "snhr").to_html()]
    finally:
        store.close()
    host = tmp_path / "host.html"
    host.write_text(
        "<!doctype html><html><head><style>div { color: red } iframe { border: 0 }</style>"
        f'</head><body><iframe src="{url}/views/contested/embed" width="700" height="500">'
        f'</iframe><iframe src="{url}/views/source/snhr/embed" width="700" height="500">'
        f"</iframe>{''.join(fragments)}</body></html>", encoding="utf-8")
    tab.page.goto(host.as_uri())
    frames = [f for f in tab.page.frames if f != tab.page.main_frame]
    assert len(frames) == 4
    for frame in frames:
        frame.wait_for_selector(".cg-view[data-drawn=true]")
        drawn = frame.evaluate(f"(() => {{ const v = {STATE}; return "
                               "[v.network.body.nodeIndices.length, v.data.nodes.length]; })()")
        assert drawn[0] == drawn[1] > 3
    remote = [r for r in tab.log.requests if not r.startswith(("file:", url, "about:"))]
    assert remote == [] and tab.log.page_errors == []
    assert [r for r in tab.log.requests if r.startswith(url)] == [
        f"{url}/views/contested/embed", f"{url}/views/source/snhr/embed"]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over the shipped article plus a claim and a source with hostile texts."""
    def fill(store: claimgraph.Store) -> None:
        claimgraph.load_files(store)
        add_hostile_claim(store)

    with server_over(tmp_path_factory.mktemp("hostile") / "store", fill) as server:
        yield server


@pytest.mark.parametrize("suffix", ["", "/embed", "/svg"])
def test_hostile_labels_run_no_script_and_show_as_written(browser: Browser,
                                                          hostile_server: LiveServer,
                                                          suffix: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    tab = Tab(page, hostile_server)
    path = "/views/claim/idlib-offensive-2019/hrw-cluster-munitions" + suffix
    if suffix == "/svg":
        page.goto(hostile_server.url + path)
        titles = page.evaluate("Array.from(document.querySelectorAll('title'))"
                               ".map(t => t.textContent).join('\\n')")
        for text in HOSTILE:
            assert text in titles
    else:
        tab.open(path)
        x, y = tab.point(CLAIM + "evil")
        page.mouse.move(x, y)
        page.locator(".cg-tip.cg-shown").wait_for()
        assert page.locator(".cg-tip-name").inner_text().endswith(HOSTILE[0])
        assert f"“{HOSTILE[1]}”" in page.locator(".cg-tip .cg-quote").inner_text()
        page.get_by_label("Search the graph").fill("Smith &")
        assert page.locator(".cg-found").inner_text() == "1 match"
        assert page.locator(".cg-source-filter option", has_text="Jones").inner_text() == \
            HOSTILE[2]
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert tab.log.page_errors == []
    assert tab.log.foreign_requests(_origin(hostile_server.url)) == []
    context.close()


def test_a_label_with_line_separators_and_a_comment_opener_shows_as_written(
        browser: Browser, hostile_server: LiveServer) -> None:
    """A label holding U+2028, U+2029 and ``<!--<script>`` draws, shows as written in the
    tooltip and runs nothing. (That the page's data never holds them raw is asserted on the
    text itself, in tests/graph/views/test_views.py: Chromium parses the data block as JSON,
    which accepts raw line separators, so only older script parsers would trip on them.)"""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    tab = Tab(page, hostile_server)
    tab.open("/views/claim/idlib-offensive-2019/hrw-cluster-munitions")
    x, y = tab.point(CLAIM + "evil-lines")
    page.mouse.move(x, y)
    page.locator(".cg-tip.cg-shown").wait_for()
    shown = page.locator(".cg-tip-name").text_content() or ""
    assert shown.endswith(LINE_SEPARATED)
    assert page.evaluate("window.__pwned") is None
    assert tab.log.page_errors == []
    context.close()


def test_svg_opens_and_prints_to_pdf_with_its_text(tab: Tab, tmp_path: Path) -> None:
    response = tab.page.goto(tab.server.url + "/views/contested/svg")
    assert response is not None and response.headers["content-type"] == "image/svg+xml"
    assert tab.page.locator("text", has_text="Russian government").count() == 1
    pdf = tmp_path / "contested.pdf"
    tab.page.pdf(path=pdf)
    text = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    for words in ("Contested claims", "Russian government", "denies", "Human Rights Watch"):
        assert words in text
    tab.assert_clean()
