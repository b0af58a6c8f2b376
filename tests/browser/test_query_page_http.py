"""Who gets the query page at GET /sparql, and what it is made of: no browser needed."""

from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from html import escape
from importlib import resources
from pathlib import Path

import httpx
import pytest

from claimgraph.api.routes import query_page
from claimgraph.api.routes.query_page import (
    CONTENT_SECURITY_POLICY,
    Example,
    example_queries,
    page_html,
    wants_query_page,
)
from claimgraph.graph.queries.canned import load_canned
from claimgraph.graph.terms.namespaces import sparql_prefixes

from ..api.conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                   "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")
FIREFOX_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(("accept", "page"), [
    (CHROMIUM_ACCEPT, True),
    (FIREFOX_ACCEPT, True),
    ("text/html", True),
    (None, False),
    ("", False),
    ("*/*", False),
    ("text/turtle", False),
    ("application/sparql-results+json", False),
    ("text/html;q=0.5, text/turtle", False),
    ("text/html, application/json", False),
    ("not a media type;;;", False),
])
def test_only_a_client_preferring_html_gets_the_page(accept: str | None, page: bool) -> None:
    assert wants_query_page(accept) is page


def test_a_browser_gets_the_page_and_clients_get_what_they_got(
        browser_server: LiveServer) -> None:
    page = httpx.get(browser_server.sparql, headers={"Accept": CHROMIUM_ACCEPT})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "Accept" in page.headers["vary"]
    assert '<label for="query"' in page.text and '<textarea id="query"' in page.text
    for accept in (None, "*/*", "text/turtle"):
        other = httpx.get(browser_server.sparql, headers={"Accept": accept} if accept else {})
        assert not other.headers["content-type"].startswith("text/html"), accept
        assert other.status_code != 200 or "Accept" in other.headers["vary"]
    # A query still answers a browser with results, not the page.
    answer = httpx.get(browser_server.sparql, params={"query": "ASK {}"},
                       headers={"Accept": CHROMIUM_ACCEPT})
    assert answer.status_code == 200
    assert not answer.headers["content-type"].startswith("text/html")


def test_page_loads_only_our_own_static_files(browser_server: LiveServer) -> None:
    html = httpx.get(browser_server.sparql, headers={"Accept": "text/html"}).text
    links = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert links, html
    for link in links:
        assert link.startswith("/"), f"{link} is not served by us"
        if link.startswith("/static/"):
            served = httpx.get(browser_server.url + link)
            assert served.status_code == 200, link
    assert "innerHTML" not in httpx.get(browser_server.url + "/static/query.js").text


def test_editor_starts_with_our_prefixes_and_an_example() -> None:
    html = page_html()
    editor = html.split('<textarea id="query"', 1)[1].split("</textarea>", 1)[0]
    first = example_queries()[0]
    assert "PREFIX cg: &lt;https://w3id.org/claimgraph/ns#&gt;" in editor
    assert editor.count("PREFIX ") == sparql_prefixes().count("PREFIX ")
    assert editor.endswith(escape(first.text))


def test_examples_are_the_canned_queries_with_their_example_arguments() -> None:
    canned = load_canned()
    examples = example_queries()
    assert [e.name for e in examples] == [q.name for q in canned]
    for example, query in zip(examples, canned, strict=True):
        assert (example.title, example.description) == (query.title, query.description)
        assert example.text.startswith(sparql_prefixes())
        assert example.text == query.bind(query.examples, limit=None)
    who = next(e for e in examples if e.name == "who-claimed-what")
    assert "<https://w3id.org/claimgraph/id/source/snhr>" in who.text


def test_static_files_ship_with_the_package() -> None:
    static = resources.files("claimgraph.api").joinpath("static")
    for name in ("query.js", "query.css", "favicon.svg"):
        assert static.joinpath(name).is_file(), name
    # Every file under api/static/ is package data, so a wheel installs it too.
    with (ROOT / "pyproject.toml").open("rb") as file:
        setuptools = tomllib.load(file)["tool"]["setuptools"]
    for path in (ROOT / "api" / "static").rglob("*"):
        if path.is_file():
            package = ".".join(("claimgraph", *path.parent.relative_to(ROOT).parts))
            assert package in setuptools["packages"], package
            globs = setuptools["package-data"].get(package, [])
            assert any(fnmatch(path.name, glob) for glob in globs), f"{path} is not packaged"


def test_example_data_cannot_close_its_script_element() -> None:
    html = page_html()
    data = html.split('<script type="application/json" id="page-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and ">" not in data


def test_example_text_with_line_separators_cannot_break_the_page(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's data goes through the views' one escaping helper: U+2028 and U+2029 (line
    ends to older JavaScript parsers) and a closing script tag stay escaped."""
    hostile = Example("x", "x", "one\u2028two\u2029</script><script>alert(1)</script>", "ASK {}")
    monkeypatch.setattr(query_page, "example_queries", lambda: (hostile,))
    page_html.cache_clear()
    try:
        html = page_html()
    finally:
        page_html.cache_clear()
    data = html.split('<script type="application/json" id="page-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "\u2028" not in data and "\u2029" not in data and "<" not in data
    assert json.loads(data)["examples"][0]["description"] == hostile.description
