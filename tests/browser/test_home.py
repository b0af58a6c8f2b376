"""The home page in real Chromium: it links to everything a person can do, and every link works."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.api.conftest import LiveServer


def test_every_link_on_the_home_page_works(browser: Browser, browser_server: LiveServer) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(browser_server.url + "/")
    assert response is not None and response.status == 200
    assert "20</strong> claims" in page.content()
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    for wanted in ("/sparql", "/queries", "/views/contested", "/views", "/void",
                   "/sparql/description", "/docs"):
        assert browser_server.url + wanted in links, wanted
    for link in links:
        answer = context.request.get(link, headers={"Accept": "text/html,*/*;q=0.8"})
        assert answer.status == 200, link
    assert errors == []
    context.close()
