"""Safe by default, shown on a live server: read-only without a token, nothing outbound,
runaway queries stopped while other queries still answer, oversize requests refused."""

from __future__ import annotations

import os
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import TOKEN, LiveServer, start_server, stop_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def triple_count(server: LiveServer) -> int:
    response = httpx.get(server.sparql, params={"query": COUNT})
    assert response.status_code == 200
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.connections: list[bytes] = []
        listener = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                listener.connections.append(self.request.recv(4096))
                self.request.sendall(b"HTTP/1.1 500 Nope\r\nContent-Length: 0\r\n\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    recorder = Listener()
    yield recorder
    recorder.close()


# ------------------------------------------------------------------------------- writes

def test_writes_without_the_token_are_refused_and_change_nothing(live_server: LiveServer
                                                                 ) -> None:
    before = triple_count(live_server)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = httpx.post(live_server.sparql, data={"update": "CLEAR ALL"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
    direct = httpx.post(live_server.sparql, content=b"DROP ALL",
                        headers={"Content-Type": "application/sparql-update"})
    assert direct.status_code == 401
    assert triple_count(live_server) == before


def test_a_server_without_a_token_refuses_every_write(read_only_server: LiveServer) -> None:
    before = triple_count(read_only_server)
    response = httpx.post(read_only_server.sparql, data={"update": "CLEAR ALL"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "writes are disabled" in response.text
    assert triple_count(read_only_server) == before


# ----------------------------------------------------------------------------- outbound

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) # comment\n SERVICE ?e { ?s ?p ?o } }",
])
def test_service_is_refused_and_nothing_is_fetched(live_server: LiveServer, listener: Listener,
                                                   query: str) -> None:
    response = httpx.post(live_server.sparql, data={"query": query.replace(
        "{port}", str(listener.port))})
    assert response.status_code == 403
    assert "SERVICE is disabled" in response.text
    assert listener.connections == []


def test_service_inside_an_update_is_refused(live_server: LiveServer, listener: Listener) -> None:
    update = (f"INSERT {{ GRAPH <urn:x> {{ ?s ?p ?o }} }} WHERE {{ SERVICE "
              f"<http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
    response = httpx.post(live_server.sparql, data={"update": update}, headers=live_server.auth())
    assert response.status_code == 403
    assert listener.connections == []


def test_load_is_refused_for_urls_and_files(live_server: LiveServer, listener: Listener,
                                            tmp_path: Path) -> None:
    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:s> <urn:p> "file contents that must not be read" .\n')
    before = triple_count(live_server)
    for source in (f"http://127.0.0.1:{listener.port}/data.nt", secret.as_uri(),
                   "file:///etc/passwd"):
        response = httpx.post(live_server.sparql, data={"update": f"LOAD <{source}>"},
                              headers=live_server.auth())
        assert response.status_code == 403
        assert "LOAD is disabled" in response.text
    assert listener.connections == []
    assert triple_count(live_server) == before
    leaked = httpx.get(live_server.sparql, params={
        "query": 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "must not be read")) }'})
    assert leaked.json()["boolean"] is False


def test_the_words_inside_strings_and_iris_are_not_refused(live_server: LiveServer) -> None:
    query = 'SELECT ?x WHERE { BIND("LOAD and SERVICE" AS ?x) FILTER(?x != <urn:service>) }'
    response = httpx.post(live_server.sparql, data={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "LOAD and SERVICE"


def test_the_operator_can_allow_service(tmp_path: Path, listener: Listener) -> None:
    """The listener does see requests when SERVICE is allowed: the refusals above are real."""
    server = start_server(tmp_path / "store", "--allow-service")
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> " \
                "{ ?s ?p ?o } }"
        httpx.post(server.sparql, data={"query": query}, timeout=30)
        assert len(listener.connections) >= 1
        assert b"127.0.0.1" in listener.connections[0]
    finally:
        stop_server(server)


# ------------------------------------------------------------------------------- limits

def _store_children(pid: int) -> set[int]:
    children = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid and b"claimgraph.graph.backends.isolated" in cmdline:
                children.add(int(entry.name))
    return children


def test_runaway_query_is_stopped_while_other_queries_answer(live_server: LiveServer) -> None:
    before = _store_children(live_server.process.pid)
    assert len(before) == 1
    slow: dict[str, httpx.Response] = {}
    thread = threading.Thread(target=lambda: slow.setdefault("response", httpx.post(
        live_server.sparql, data={"query": RUNAWAY}, timeout=60)))
    thread.start()
    answered_meanwhile = 0
    while thread.is_alive():
        response = httpx.get(live_server.sparql, params={"query": "ASK { ?s ?p ?o }"},
                             timeout=60)
        assert response.status_code == 200
        assert response.json()["boolean"] is True
        if thread.is_alive():
            answered_meanwhile += 1
    thread.join()
    assert answered_meanwhile >= 3  # fast queries kept answering while the slow one ran
    assert slow["response"].status_code == 503
    assert "3-second time limit" in slow["response"].text
    # The work really stopped: the store process that ran it is gone, a new one serves.
    (old,) = before
    with pytest.raises(ProcessLookupError):
        os.kill(old, 0)
    after = _store_children(live_server.process.pid)
    assert len(after) == 1 and after != before
    assert triple_count(live_server) > 1000


def test_result_size_limit(tmp_path: Path) -> None:
    server = start_server(tmp_path / "store", "--max-result-bytes", "20000")
    try:
        big = httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert big.status_code == 400
        assert "larger than the 20,000-byte limit" in big.text
        small = httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
        assert small.status_code == 200
        assert len(small.json()["results"]["bindings"]) == 5
    finally:
        stop_server(server)


def test_a_large_result_comes_back_whole_under_the_default_limit(live_server: LiveServer
                                                                 ) -> None:
    total = triple_count(live_server)
    for accept, rows_of in (
            ("application/sparql-results+json",
             lambda r: len(r.json()["results"]["bindings"])),
            ("text/tab-separated-values", lambda r: len(r.text.splitlines()) - 1)):
        response = httpx.post(live_server.sparql, data={"query": "SELECT * WHERE { ?s ?p ?o }"},
                              headers={"Accept": accept}, timeout=60)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        assert int(response.headers["content-length"]) == len(response.content)
        assert rows_of(response) == total


def test_oversize_request_body_is_refused(live_server: LiveServer) -> None:
    body = b"ASK { } #" + b"x" * 1_100_000
    response = httpx.post(live_server.sparql, content=body,
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


# --------------------------------------------------------------------------------- CORS

def test_cors_is_off_by_default_and_configurable(live_server: LiveServer, tmp_path: Path) -> None:
    origin = {"Origin": "https://newsroom.example"}
    plain = httpx.get(live_server.sparql, params={"query": "ASK {}"}, headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    server = start_server(tmp_path / "store", "--cors-origin", "https://newsroom.example")
    try:
        preflight = httpx.options(server.sparql, headers={
            **origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://newsroom.example"
        answer = httpx.get(server.sparql, params={"query": "ASK {}"}, headers=origin)
        assert answer.headers["access-control-allow-origin"] == "https://newsroom.example"
    finally:
        stop_server(server)


def test_a_deployment_can_keep_the_token_in_a_file(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("from-a-file-7f3a\n", encoding="utf-8")
    server = start_server(tmp_path / "store", "--token-file", str(token_file), token=None)
    try:
        assert any("writes need the bearer token" in line for line in server.output)
        refused = httpx.post(server.sparql, data={"update": "CLEAR GRAPH <urn:x>"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 401
        accepted = httpx.post(server.sparql, data={
            "update": "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"},
            headers={"Authorization": "Bearer from-a-file-7f3a"})
        assert accepted.status_code == 200
        assert httpx.get(server.sparql, params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}
                         ).json()["boolean"] is True
    finally:
        stop_server(server)
