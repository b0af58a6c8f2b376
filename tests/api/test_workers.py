"""`claimgraph serve --workers 2` over Virtuoso: a stateless API tier in front of one store.

A write made through one worker is seen by the very next read, whichever worker answers it:
every read below goes out on a new connection, so the kernel hands it to either worker, and
the X-Claimgraph-Worker header says which one did.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from claimgraph.api.worker_header import WORKER_HEADER
from claimgraph.cli import main

from ..backends import VirtuosoState
from .conftest import TOKEN, LiveServer, start_server, stop_server

NOTE = "<urn:example:note-{n}> <http://www.w3.org/2000/01/rdf-schema#label> \"note {n}\" .\n"
ATTEMPTS = 60
"""Reads per write at most, until one is answered by another worker than the writer's."""


@pytest.fixture(scope="module")
def workers(virtuoso: VirtuosoState) -> Iterator[LiveServer]:
    """Two workers over the session's Virtuoso, emptied first (so serve loads the seed)."""
    server = virtuoso.server
    virtuoso.wipe()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMGRAPH_UPDATE_URL", server.update)
        patch.setenv("CLAIMGRAPH_GRAPH_STORE_URL", server.graph_store)
        patch.setenv("CLAIMGRAPH_STORE_USER", "dba")
        patch.setenv("CLAIMGRAPH_STORE_PASSWORD", "dba")
        live = start_server(server.sparql, "--workers", "2")
    try:
        yield live
    finally:
        stop_server(live)
        virtuoso.wipe()


def worker(response: httpx.Response) -> int:
    return int(response.headers[WORKER_HEADER])


def read_elsewhere(url: str, writer: int, expected: str, **request: object) -> set[int]:
    """Read ``url`` on fresh connections until another worker than ``writer`` answers; every
    answer must hold ``expected``. The workers that answered."""
    seen: set[int] = set()
    for _ in range(ATTEMPTS):
        answer = httpx.get(url, timeout=30, **request)  # type: ignore[arg-type]
        assert answer.status_code == 200, answer.text
        assert expected in answer.text
        seen.add(worker(answer))
        if seen - {writer}:
            return seen
    raise AssertionError(f"no worker but {writer} answered {ATTEMPTS} reads")


def test_the_empty_store_was_loaded_once(workers: LiveServer) -> None:
    said = "".join(workers.output)
    assert said.count("was empty: loaded 20 claims") == 1
    assert "writes need the bearer token; 2 workers" in said


def test_a_graph_written_through_one_worker_is_read_through_the_other(
        workers: LiveServer) -> None:
    answered: set[int] = set()
    for n in range(3):
        graph = f"{workers.url}/rdf-graph-store?graph=urn:example:notes-{n}"
        put = httpx.put(graph, content=NOTE.format(n=n), timeout=60,
                        headers={**workers.auth(), "Content-Type": "application/n-triples"})
        assert put.status_code == 201, put.text
        answered |= {worker(put)} | read_elsewhere(
            graph, worker(put), f'"note {n}"', headers={"Accept": "application/n-triples"})
    assert len(answered) == 2


def test_an_update_through_one_worker_changes_what_the_other_derives(
        workers: LiveServer) -> None:
    """A SPARQL update adds a claim denying another: its status (contested, as a denial),
    derived by the writing worker, is what any worker answers next."""
    update = (
        "PREFIX cg: <https://w3id.org/claimgraph/ns#> "
        "PREFIX source: <https://w3id.org/claimgraph/id/source/> "
        "PREFIX claim: <https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/> "
        "INSERT DATA { GRAPH <urn:example:denial> { <urn:example:claim> a cg:Claim ; "
        "<http://www.w3.org/ns/prov#wasAttributedTo> source:turkey ; "
        "cg:denies claim:kafr-nabl-hospital } }")
    posted = httpx.post(workers.sparql, data={"update": update}, headers=workers.auth(),
                        timeout=60)
    assert posted.status_code == 200, posted.text
    assert "statuses: 6 contested" in posted.text
    status = "SELECT ?s WHERE { <urn:example:claim> <https://w3id.org/claimgraph/ns#status> ?s }"
    seen = read_elsewhere(workers.sparql, worker(posted), "#Contested",
                          params={"query": status}, headers={"Accept": "text/csv"})
    assert len(seen | {worker(posted)}) == 2


def test_writes_still_need_the_token(workers: LiveServer) -> None:
    refused = httpx.post(workers.sparql, data={"update": "CLEAR ALL"}, timeout=30)
    assert refused.status_code == 401
    assert TOKEN not in refused.text


def test_several_workers_need_a_remote_store(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--workers", "2", "--store", str(tmp_path / "store")]) == 1
    assert "--workers needs a remote store" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()
