"""The embedded store in a child process: a runaway call is really stopped, a crashed child is
replaced, and the data survives both."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
from collections.abc import Awaitable, Iterator
from pathlib import Path

import pytest

import claimgraph
from claimgraph.errors import NotFound, QueryError, QueryTimeout, ResultTooLarge
from claimgraph.graph.backends.isolated import IsolatedStore
from claimgraph.graph.backends.store import Boolean, Solutions
from claimgraph.graph.queries.canned import CannedQuery, get_canned, run_canned, run_canned_async

from ...coroutines import run_coroutine

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IsolatedStore]:
    opened = IsolatedStore.open(tmp_path / "store")
    claimgraph.load_files(opened)
    yield opened
    opened.close()


def _child_pid(store: IsolatedStore) -> int:
    process = store._child._process
    assert process is not None
    return process.pid


def test_a_runaway_query_is_stopped_and_others_keep_answering(store: IsolatedStore) -> None:
    assert store.capabilities.stops_calls  # what this test shows
    limited = store.limited(1.5)
    total = store.count_triples()
    before = _child_pid(store)
    outcome: dict[str, BaseException] = {}

    def run_slow() -> None:
        try:
            limited.query(RUNAWAY)
        except QueryTimeout as error:
            outcome["error"] = error

    thread = threading.Thread(target=run_slow)
    thread.start()
    answered = 0
    while thread.is_alive():
        assert limited.query("ASK { ?s ?p ?o }") == Boolean(True)
        answered += 1
    thread.join()
    assert answered >= 3
    assert "1.5-second time limit" in str(outcome["error"])
    with pytest.raises(ProcessLookupError):
        os.kill(before, 0)  # the process that ran it is gone: the work really stopped
    assert _child_pid(store) != before
    assert store.count_triples() == total


def test_a_crashed_child_is_replaced_and_reads_are_retried(store: IsolatedStore) -> None:
    total = store.count_triples()
    before = _child_pid(store)
    os.kill(before, signal.SIGKILL)
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, Solutions)
    assert result.column("n") == [str(total)]
    assert _child_pid(store) != before


def test_errors_keep_their_type_across_the_process_boundary(store: IsolatedStore) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        store.query("SELECT ?x WHERE { ?x }")
    store.update("INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> <urn:c> } }")
    assert "urn:test" in store.named_graphs()


# -- the same calls awaited on an event loop (what /sparql uses) ------------------------------


def test_on_the_event_loop_a_runaway_query_is_stopped_and_others_keep_answering(
        store: IsolatedStore) -> None:
    assert store.capabilities.answers_on_event_loop  # what this test shows
    limited = store.limited(1.5)
    before = _child_pid(store)

    async def scenario() -> tuple[int, BaseException | None]:
        slow = asyncio.ensure_future(limited.query_serialized_async(RUNAWAY, "json"))
        answered = 0
        while not slow.done():
            body = await limited.query_serialized_async("ASK { ?s ?p ?o }", "json")
            assert json.loads(body)["boolean"] is True
            answered += 1
        return answered, slow.exception()

    answered, error = run_coroutine(scenario())
    assert answered >= 3
    assert isinstance(error, QueryTimeout)
    assert "1.5-second time limit" in str(error)
    with pytest.raises(ProcessLookupError):
        os.kill(before, 0)
    assert _child_pid(store) != before


def test_on_the_event_loop_a_crashed_child_is_replaced_and_reads_are_retried(
        store: IsolatedStore) -> None:
    total = store.count_triples()
    before = _child_pid(store)
    os.kill(before, signal.SIGKILL)
    body = run_coroutine(store.query_serialized_async(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json"))
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(total)
    assert _child_pid(store) != before


def test_on_the_event_loop_errors_and_limits_keep_their_type(store: IsolatedStore) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run_coroutine(store.query_serialized_async("SELECT ?x WHERE { ?x }", "json"))
    with pytest.raises(ResultTooLarge, match="larger than the 1,000-byte limit"):
        run_coroutine(store.query_serialized_async("SELECT * WHERE { ?s ?p ?o }", "json",
                                                 max_bytes=1000))


def test_on_the_event_loop_a_large_result_arrives_whole(store: IsolatedStore) -> None:
    counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(counted, Solutions)
    body = run_coroutine(store.query_serialized_async("SELECT * WHERE { ?s ?p ?o }", "json"))
    assert len(json.loads(body)["results"]["bindings"]) == int(counted.column("n")[0] or 0)
    # and the connection it came on is reused, in step, by the next call
    assert json.loads(run_coroutine(store.query_serialized_async("ASK {}", "json")))["boolean"]


def test_on_the_event_loop_a_canned_query_answers_as_run_canned_and_is_stopped_in_time(
        store: IsolatedStore) -> None:
    limited = store.limited(1.5)

    def run(sparql: str) -> Awaitable[bytes]:
        return limited.query_serialized_async(sparql, "json")

    chain = get_canned("attribution-chain")
    found = run_coroutine(run_canned_async(run, chain, chain.examples))
    expected = run_canned(store, chain, chain.examples)
    assert found.variables == expected.variables
    assert [[row[name]["value"] if name in row else None for name in found.variables]
            for row in found.rows] == [[str(t) if t is not None else None for t in row]
                                       for row in expected.rows]
    with pytest.raises(NotFound, match="parameter 'claim'"):
        run_coroutine(run_canned_async(run, chain, {"article": chain.examples["article"],
                                                  "claim": "no-such-claim"}))
    before = _child_pid(store)
    runaway = CannedQuery("runaway", "Runaway", "Never ends in time", (), RUNAWAY)
    with pytest.raises(QueryTimeout, match=r"1\.5-second time limit"):
        run_coroutine(run_canned_async(run, runaway, {}))
    assert _child_pid(store) != before
