"""The timeline view in real headless Chromium against a real `claimgraph serve` holding the
shipped article and the two synthetic follow-up reports (tests/fixtures/idlib-followups/)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser

import claimgraph

from ..api.conftest import LiveServer
from .conftest import STATE, Tab, server_over, view_tab

FIXTURES = Path(__file__).parent.parent / "fixtures" / "idlib-followups"
CLAIM = "https://w3id.org/claimgraph/id/claim/"


@pytest.fixture(scope="module")
def followups_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A read-only server over the shipped article and both follow-up fixtures."""
    with server_over(tmp_path_factory.mktemp("timeline") / "store",
                     lambda store: claimgraph.load_files(
                         store, [claimgraph.shipped_data(), FIXTURES])) as server:
        yield server


@pytest.fixture
def tab(browser: Browser, followups_server: LiveServer) -> Iterator[Tab]:
    with view_tab(browser, followups_server) as opened:
        yield opened


def test_the_timeline_draws_each_figure_in_its_lane_by_date(tab: Tab, screenshots: Path) -> None:
    tab.open("/views/timeline/killed?population=civilians")
    with urlopen(tab.server.url + "/views/timeline/killed/json?population=civilians") as response:
        data = json.loads(response.read())
    claims = [n for n in data["nodes"] if n["kind"] == "claim"]
    assert len(claims) == 6
    assert tab.drawn() == (len(data["nodes"]), len(data["edges"]))
    drawn = tab.page.evaluate(f"Object.keys({STATE}.network.getPositions())")
    assert {n["id"] for n in claims} <= set(drawn)
    # days run left to right: the earlier SNHR count is left of the later one that updates it
    earlier = tab.point(CLAIM + "idlib-offensive-2019/snhr-civilians-killed")
    later = tab.point(CLAIM + "example-wire-idlib-2019-07-22/snhr-662-killed")
    assert earlier[0] < later[0] and abs(earlier[1] - later[1]) < 1
    kinds = {e["kind"] for e in data["edges"]}
    assert {"updated-by", "contradicts", "claimed"} <= kinds
    assert tab.page.locator("h1").inner_text() == "Timeline: civilians killed"
    tab.page.screenshot(path=screenshots / "view-timeline.png")
    tab.assert_clean()
