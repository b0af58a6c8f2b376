"""Authorised writes keep the public time limit: a runaway update is stopped, and the derivation
after an ordinary write runs to the end (graph/writing/commit.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.api.main import create_app
from claimgraph.api.settings import Settings
from claimgraph.graph.backends.isolated import IsolatedStore

TOKEN = {"Authorization": "Bearer s3cret"}
RUNAWAY_UPDATE = """INSERT { GRAPH <http://example.org/runaway> { ?a <http://example.org/p> ?i } }
WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"""
"""Three graphs' triples crossed (an update reads the store's real default graph, which is
empty, unless it names the graphs)."""


@pytest.fixture(scope="module")
def client(isolated: IsolatedStore) -> Iterator[TestClient]:
    with TestClient(create_app(isolated, Settings(token="s3cret", query_timeout=1.0))) as c:
        yield c


def test_a_runaway_update_is_stopped_at_the_time_limit(client: TestClient,
                                                       isolated: IsolatedStore) -> None:
    before = isolated.count_triples()
    response = client.post("/sparql", data={"update": RUNAWAY_UPDATE}, headers=TOKEN)
    assert response.status_code == 503
    assert "1-second time limit" in response.text
    assert isolated.count_triples() == before
    assert "http://example.org/runaway" not in isolated.named_graphs()


def test_a_graph_store_write_derives_statuses_after_it(client: TestClient,
                                                       isolated: IsolatedStore,
                                                       tmp_path: Path) -> None:
    denial = ("<https://w3id.org/claimgraph/id/claim/x/denial> "
              "<https://w3id.org/claimgraph/ns#denies> "
              "<https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/snhr-toll> .\n")
    response = client.put("/rdf-graph-store", params={"graph": "http://example.org/notes"},
                          content=denial, headers={**TOKEN, "Content-Type":
                                                   "application/n-triples"})
    assert response.status_code == 201
    assert "statuses:" in response.text
    assert "http://example.org/notes" in isolated.named_graphs()
    response = client.delete("/rdf-graph-store", params={"graph": "http://example.org/notes"},
                             headers=TOKEN)
    assert response.status_code == 204
    assert "http://example.org/notes" not in isolated.named_graphs()
