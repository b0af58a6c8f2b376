"""The embedded store and Virtuoso derive the same relations, findings and statuses on
generated data: thousands of figures, denials and supports, not only the curated cases."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.config import open_store
from claimgraph.graph.backends.remote import RemoteStore
from claimgraph.graph.backends.store import Store, Triples
from claimgraph.graph.derive.status import derive_statuses
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS, REGISTRY_GRAPH, VOCABULARY_GRAPH

from ...backends import running_virtuoso

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from generate import generate  # bench/ is a folder of scripts, not a package

CLAIMS = 1500
"""Enough for the shapes that once split the engines: at 1,500 generated claims Virtuoso
called 15 pairs of figures compatible that do not overlap ("more than 1,228" and "1,228")."""


@pytest.fixture(scope="module")
def writes() -> dict[str, str]:
    data = generate(CLAIMS)
    graphs = {str(VOCABULARY_GRAPH): data.vocabulary_ntriples,
              str(REGISTRY_GRAPH): data.registry_ntriples}
    graphs.update((article.graph, article.ntriples) for article in data.articles)
    return graphs


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """A Virtuoso of this test's own: emptying the session's shared one after this much data
    took most of its time limit (dropping is slower than throwing the database away)."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso-agree"), discard=True) as (_, store):
        yield store.limited(None)


def _construct(store: Store, text: str) -> set[tuple[str, str, str]]:
    result = store.query(text)
    assert isinstance(result, Triples)
    return {(str(s), str(p), str(o)) for s, p, o in result.triples}


def test_every_rule_and_status_agrees_on_generated_data(
        writes: dict[str, str], remote: RemoteStore) -> None:
    embedded = open_store(":memory:")
    try:
        summaries = []
        for store in (embedded, remote):
            store.replace_graphs(writes)
            summaries.append(derive_statuses(store))
        assert summaries[0] == summaries[1]
        assert summaries[0].counts["contested"] > 0 and summaries[0].counts["corroborated"] > 0
        for stage in ("relations", "status", "summary"):
            for rule in vocabulary.rule_files(stage):
                text = rule.read_text(encoding="utf-8")
                ours, theirs = _construct(embedded, text), _construct(remote, text)
                assert ours == theirs, (rule.name, sorted(ours ^ theirs)[:4])
        for graph in DERIVED_GRAPHS:
            assert embedded.count_triples(str(graph)) == remote.count_triples(str(graph))
    finally:
        embedded.close()
