"""Real headless Chromium (Debian's, never a downloaded one) against a real `claimgraph serve`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from claimgraph.config import open_store
from claimgraph.graph.backends.store import Store

from ..api.conftest import LiveServer, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS_ENV = "CLAIMGRAPH_SCREENSHOTS"
"""Folder to keep screenshots in; a pytest temporary folder when unset."""
QUERY_TIMEOUT = "2"
"""Seconds the server lets a query run, so the time-out test is quick."""


@dataclass
class PageLog:
    """What a page did: every request it made, console errors and uncaught exceptions."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests that left ``origin`` (scheme://host:port)."""
        return [url for url in self.requests if _origin(url) != origin]


@dataclass
class QueryPage:
    """The query page open in a browser tab, with its server and its log."""

    page: Page
    server: LiveServer
    log: PageLog
    shots: Path

    @property
    def origin(self) -> str:
        return _origin(self.server.url)

    def type_query(self, text: str) -> None:
        """Replace the editor's text by typing, as a person would."""
        editor = self.page.get_by_label("SPARQL query")
        editor.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


STATE = "Object.values(window.claimgraphViews || {})[0]"


class Tab:
    """A browser tab that records what its pages do."""

    def __init__(self, page: Page, server: LiveServer) -> None:
        self.page, self.server, self.log = page, server, PageLog()
        page.on("request", lambda r: self.log.requests.append(r.url))
        page.on("console", lambda m: self.log.console_errors.append(m.text)
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.log.page_errors.append(str(e)))

    def open(self, path: str) -> None:
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_selector(".cg-view[data-drawn=true]")

    def drawn(self) -> tuple[int, int]:
        return tuple(self.page.evaluate(
            f"(() => {{ const v = {STATE}; return [v.network.body.nodeIndices.length, "
            "v.network.body.edgeIndices.length]; })()"))  # type: ignore[return-value]

    def point(self, node: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        spot = self.page.evaluate(
            f"(id) => {{ const v = {STATE}; const p = v.network.getPositions([id])[id]; "
            "const d = v.network.canvasToDOM(p); "
            "const r = v.network.body.container.getBoundingClientRect(); "
            "return [r.left + d.x, r.top + d.y]; }", node)
        return spot[0], spot[1]

    def assert_clean(self) -> None:
        assert self.log.foreign_requests(_origin(self.server.url)) == []
        assert self.log.page_errors == [] and self.log.console_errors == []


@contextmanager
def view_tab(browser: Browser, server: LiveServer) -> Iterator[Tab]:
    """A fresh tab (its own browser context) on ``server``, closed after."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield Tab(page, server)
    finally:
        context.close()


@contextmanager
def server_over(folder: Path, fill: Callable[[Store], object]) -> Iterator[LiveServer]:
    """A read-only ``claimgraph serve`` over a store in ``folder`` that ``fill`` wrote."""
    store = open_store(folder)
    try:
        fill(store)
    finally:
        store.close()
    server = start_server(folder, token=None)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A read-only server over the shipped article with a short query time limit."""
    server = start_server(tmp_path_factory.mktemp("browser") / "store",
                          "--timeout", QUERY_TIMEOUT, token=None)
    yield server
    stop_server(server)


@pytest.fixture
def query_page(browser: Browser, browser_server: LiveServer,
               screenshots: Path) -> Iterator[QueryPage]:
    """A fresh tab on /sparql that records every request and every console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log = PageLog()

    def on_request(request: Request) -> None:
        log.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    response = page.goto(browser_server.sparql)
    assert response is not None and response.status == 200
    page.wait_for_selector("#query")
    yield QueryPage(page, browser_server, log, screenshots)
    context.close()
