"""The server starts on a free port, loads the shipped article, and answers a query."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx

from claimgraph.graph.backends.embedded import EmbeddedStore

from .conftest import LiveServer, start_server, stop_server


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


def test_sigterm_stops_the_server_cleanly_and_frees_the_store(tmp_path: Path) -> None:
    """`docker stop` or systemd send SIGTERM: the server exits 0 after closing the store, so
    the next `claimgraph serve` (or any writer) can open it at once."""
    server = start_server(tmp_path / "store", token=None)
    assert httpx.get(server.url + "/").status_code == 200
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(30) == 0
    reopened = EmbeddedStore(tmp_path / "store")  # the store's lock is free
    try:
        assert reopened.count_triples() > 0
    finally:
        reopened.close()
    stop_server(server)
