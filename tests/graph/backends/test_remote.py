"""The remote store on a real Virtuoso: what the suite shared with the embedded store cannot
show (the server's own graphs, staging, credentials, limits, configuration)."""

from __future__ import annotations

import dataclasses
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import claimgraph
from claimgraph.cli import main
from claimgraph.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError
from claimgraph.graph.backends import remote as remote_module
from claimgraph.graph.backends.remote import STAGING, RemoteStore
from claimgraph.graph.backends.sparql_http import RemoteConfig, standard_json
from claimgraph.graph.backends.store import Solutions
from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS

from ...backends import VirtuosoState, remote_config_of
from ...virtuoso import Virtuoso, start_virtuoso, stop_virtuoso

GRAPH = "urn:example:remote"
OTHER = "urn:example:remote-other"
XML_LITERAL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"
REFUSED = f'<urn:example:a> <urn:example:b> "<a>"^^<{XML_LITERAL}> .\n'
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
        "FILTER (STRLEN(STR(?c)) + STRLEN(STR(?f)) > 1000000) }")


@pytest.fixture
def remote(virtuoso: VirtuosoState) -> Iterator[RemoteStore]:
    """The session's Virtuoso, emptied; emptied again after the test."""
    virtuoso.wipe()
    yield virtuoso.store
    virtuoso.wipe()


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A second Virtuoso with tight limits: 1-second queries, 100-row results."""
    server = start_virtuoso(tmp_path_factory.mktemp("strict"), query_seconds=1, max_rows=100)
    yield server
    stop_virtuoso(server)


def graphs_on_server(store: RemoteStore) -> set[str]:
    result = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, Solutions)
    return {str(g) for g in result.column("g")}


# -------------------------------------------------------------------------------- results

def test_virtuoso_json_is_read_as_standard_sparql_json() -> None:
    body = json.dumps({"head": {"link": [], "vars": ["n", "b"]}, "results": {
        "distinct": False, "ordered": True, "bindings": [
            {"n": {"type": "typed-literal", "value": "1",
                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
             "b": {"type": "bnode", "value": "nodeID://b10008"}}]}}).encode()
    [row] = ox.parse_query_results(standard_json(body), format=ox.QueryResultsFormat.JSON)
    assert row["n"] == ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))
    assert row["b"] == ox.BlankNode("b10008")
    with pytest.raises(QueryError, match="not SPARQL JSON"):
        standard_json(b"<html>an error page</html>")


def test_the_servers_own_graphs_are_left_out(remote: RemoteStore) -> None:
    assert "http://www.openlinksw.com/schemas/virtrdf#" in graphs_on_server(remote)
    assert (remote.named_graphs(), remote.count_triples(), remote.export("nquads")) == (
        [], 0, b"")
    remote.replace_graphs({GRAPH: "<urn:example:a> <urn:example:b> <urn:example:c> .\n"})
    assert (remote.named_graphs(), remote.count_triples()) == ([GRAPH], 1)


# ------------------------------------------------------------------------------- atomicity

def test_virtuoso_commits_the_start_of_a_failing_request(remote: RemoteStore) -> None:
    """Why replace_graphs stages: one request replacing a graph is not atomic on Virtuoso."""
    remote.replace_graphs({GRAPH: '<urn:example:old> <urn:example:b> "1" .\n'})
    with pytest.raises(StoreError, match="XM003"):
        remote.update(f"DROP SILENT GRAPH <{GRAPH}> ;\n"
                      f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:example:new> <urn:example:b> 2 "
                      "} } ;\n"
                      f"INSERT DATA {{ GRAPH <{OTHER}> {{ {REFUSED} }} }}")
    rows = remote.query(f"SELECT ?s WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, Solutions)
    assert rows.column("s") == ["urn:example:new"]  # the old graph is gone, half a request in


def test_a_refused_replacement_keeps_the_old_graphs_and_no_staging(remote: RemoteStore) -> None:
    remote.replace_graphs({GRAPH: '<urn:example:old> <urn:example:b> "1" .\n'})
    with pytest.raises(StoreError, match="upload"):
        remote.replace_graphs({GRAPH: '<urn:example:new> <urn:example:b> "2" .\n',
                               OTHER: REFUSED})
    rows = remote.query(f"SELECT ?s WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, Solutions)
    assert rows.column("s") == ["urn:example:old"]
    assert not [g for g in graphs_on_server(remote) if g.startswith(STAGING)]


def test_staged_graphs_are_checked_in_slices_virtuoso_accepts(remote: RemoteStore) -> None:
    """A load of 5,000 articles stages 5,000 graphs; one IN list of them all is refused by
    Virtuoso ("Too many arguments"), so the check that each staged graph holds triples goes
    in slices. Here every name is empty: the check must say so, not fail on its own query."""
    remote.replace_graphs({GRAPH: '<urn:example:old> <urn:example:b> "1" .\n'})
    names = [GRAPH] + [f"urn:example:staged-{i}" for i in range(5200)]
    with pytest.raises(StoreError, match="holds nothing in <urn:example:staged-0>"):
        remote._check_staged(names)


def test_a_write_of_more_graphs_than_one_request_swaps_is_swapped_in_slices(
        remote: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load of 5,000 articles swaps 5,000 graphs; Virtuoso refuses one request that moves
    them all ("Query too large"), so they are swapped SWAP_CHUNK at a time (here 3, so that
    7 graphs take three requests): every graph arrives whole, and no staging graph is left."""
    monkeypatch.setattr(remote_module, "SWAP_CHUNK", 3)
    requests: list[str] = []
    update = remote.update
    monkeypatch.setattr(remote, "update", lambda sparql, **kw: (requests.append(sparql),
                                                                 update(sparql, **kw))[1])
    graphs = {f"urn:example:many-{i}": f'<urn:example:s{i}> <urn:example:p> "{i}" .\n'
              for i in range(7)}
    remote.replace_graphs(graphs)
    assert [r.count("MOVE GRAPH") for r in requests] == [3, 3, 1]
    counts = remote.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                          'FILTER (STRSTARTS(STR(?g), "urn:example:many-")) } GROUP BY ?g')
    assert isinstance(counts, Solutions)
    assert {r["g"]: int(r["n"] or 0) for r in counts.records()} == dict.fromkeys(graphs, 1)
    assert not [g for g in graphs_on_server(remote) if g.startswith(STAGING)]


def test_a_graph_larger_than_one_request_virtuoso_takes_arrives_whole(
        remote: RemoteStore) -> None:
    """Virtuoso drops the connection on a Graph Store request of about a megabyte; a graph of
    1.5 MB goes up in several requests, PUT then POST, and arrives whole."""
    lines = [f'<urn:example:big/{i}> <urn:example:p> "{"x" * 100} {i}" .\n' for i in range(10_000)]
    ntriples = "".join(lines)
    assert len(ntriples.encode()) > 4 * remote_module.UPLOAD_BYTES
    remote.replace_graphs({GRAPH: ntriples})
    assert remote.count_triples(GRAPH) == 10_000
    assert not [g for g in graphs_on_server(remote) if g.startswith(STAGING)]


def test_slices_end_at_line_ends() -> None:
    text = b"".join(f"line {i}\n".encode() for i in range(100)) + b"x" * 50 + b"\nlast"
    pieces = list(remote_module._slices(text, 32))
    assert b"".join(pieces) == text
    assert all(p.endswith(b"\n") for p in pieces[:-1]) and pieces[-1] == b"last"
    assert max(len(p) for p in pieces if b"x" not in p) <= 32


def test_without_a_graph_store_url_graphs_are_inserted_in_chunks(
        virtuoso: VirtuosoState, remote: RemoteStore) -> None:
    store = RemoteStore(dataclasses.replace(remote.config, graph_store_url=None))
    try:
        lines = [f'<urn:example:s{i}> <urn:example:p> "caf\\u00e9 {i} \\"quoted\\""@en .'
                 for i in range(1234)]
        store.replace_graphs({GRAPH: "\n".join(lines)})
        assert store.count_triples(GRAPH) == 1234
        label = store.query("SELECT ?o WHERE { <urn:example:s7> ?p ?o }")
        assert isinstance(label, Solutions)
        [term] = label.rows[0]
        assert (term.value, term.language) == ('café 7 "quoted"', "en")
    finally:
        store.close()


# ------------------------------------------------------------------------ access and limits

def test_wrong_credentials_are_refused(virtuoso: VirtuosoState) -> None:
    config = dataclasses.replace(virtuoso.store.config, password="not-the-password")
    store = RemoteStore(config)
    try:
        with pytest.raises(StoreError, match=r"refused the update \(HTTP 401\)"):
            store.update(f"DROP SILENT GRAPH <{GRAPH}>")
    finally:
        store.close()


def test_the_public_endpoint_does_not_take_updates(virtuoso: VirtuosoState) -> None:
    store = RemoteStore(RemoteConfig(query_url=virtuoso.server.sparql))
    try:
        with pytest.raises(StoreError, match="No permission"):
            store.update(f"DROP SILENT GRAPH <{GRAPH}>")
    finally:
        store.close()


def test_an_unreachable_server() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = RemoteStore(RemoteConfig(query_url=f"http://127.0.0.1:{port}/sparql"))
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.named_graphs()
    store.close()


def test_the_servers_limits_and_the_http_timeout(strict: Virtuoso) -> None:
    store = RemoteStore(remote_config_of(strict))
    try:
        with pytest.raises(ResultTooLarge, match="cut the result at 100 rows"):
            store.query("SELECT ?s WHERE { ?s ?p ?o }")
        with pytest.raises(QueryTimeout, match="its own time limit"):
            store.query(SLOW)
        with pytest.raises(QueryTimeout, match=r"within the 0\.5-second time limit"):
            store.limited(0.5).query(SLOW)
    finally:
        store.close()


# --------------------------------------------------------------------------- configuration

def test_open_store_takes_a_url_and_the_rest_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_UPDATE_URL", "http://db.example:8890/sparql-auth")
    monkeypatch.setenv("CLAIMGRAPH_GRAPH_STORE_URL", "http://db.example:8890/crud")
    monkeypatch.setenv("CLAIMGRAPH_STORE_USER", "writer")
    monkeypatch.setenv("CLAIMGRAPH_STORE_PASSWORD", "secret")
    monkeypatch.setenv("CLAIMGRAPH_STORE", "http://db.example:8890/sparql")
    for store in (claimgraph.open_store("http://db.example:8890/sparql"),
                  claimgraph.open_store()):
        assert isinstance(store, RemoteStore)
        assert store.config == RemoteConfig(
            query_url="http://db.example:8890/sparql",
            update_url="http://db.example:8890/sparql-auth",
            graph_store_url="http://db.example:8890/crud", user="writer", password="secret")
        assert "secret" not in repr(store.config)
        store.close()
    with pytest.raises(StoreError, match="not both"):
        RemoteConfig(query_url="http://db.example/sparql", user="u", token="t")


def test_the_command_line_on_virtuoso(virtuoso: VirtuosoState, remote: RemoteStore,
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    server = virtuoso.server
    monkeypatch.setenv("CLAIMGRAPH_STORE", server.sparql)
    monkeypatch.setenv("CLAIMGRAPH_UPDATE_URL", server.update)
    monkeypatch.setenv("CLAIMGRAPH_GRAPH_STORE_URL", server.graph_store)
    monkeypatch.setenv("CLAIMGRAPH_STORE_USER", "dba")
    monkeypatch.setenv("CLAIMGRAPH_STORE_PASSWORD", "dba")
    assert main(["load"]) == 0
    out = capsys.readouterr().out
    assert f"store: {server.sparql}" in out
    assert ("statuses: 5 contested, 1 corroborated, 3 not comparable, 11 single source "
            "(14 findings)") in out
    total = re.search(r"total: (\d+) triples in (\d+) named graphs", out)
    assert total is not None, out
    assert int(total[2]) == 3 + len(DERIVED_GRAPHS)  # vocabulary, registry, article, derived
    assert main(["query", "--format", "csv",
                 "SELECT ?claim WHERE { ?claim cg:status cg:Corroborated }"]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("/uossm-war-crime")
    assert main(["export", "--format", "nquads", "-o", str(tmp_path / "all.nq")]) == 0
    quads = list(ox.parse(path=str(tmp_path / "all.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == int(total[1])
    assert main(["snippet", "--contested", "-o", str(tmp_path / "contested.svg")]) == 0
    assert "wrote" in capsys.readouterr().err
    assert "<svg" in (tmp_path / "contested.svg").read_text(encoding="utf-8")
