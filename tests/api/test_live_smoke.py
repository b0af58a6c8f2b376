"""The server starts on a free port, loads the shipped article, and answers a query."""

from __future__ import annotations

import httpx

from .conftest import LiveServer


def test_home_page_and_ask(live_server: LiveServer) -> None:
    home = httpx.get(live_server.url + "/")
    assert home.status_code == 200
    assert "<strong>20</strong> claims" in home.text
    answer = httpx.get(live_server.sparql, params={"query": "ASK { ?s ?p ?o }"},
                       headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/sparql-results+json"
    assert answer.json() == {"head": {}, "boolean": True}
    assert any("was empty: loaded 20 claims" in line for line in live_server.output)
