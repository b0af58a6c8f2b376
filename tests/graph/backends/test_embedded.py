"""The embedded store's own ways of writing large graphs: a changed graph written in several
transactions when the change is large, and the line comparison behind every replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import QueryError
from claimgraph.graph.backends import embedded
from claimgraph.graph.backends.embedded import EmbeddedStore

GRAPH = "https://w3id.org/claimgraph/graph/test-large"


def _lines(numbers: range) -> str:
    return "".join(f'<urn:example:s{n}> <urn:example:p> "{n}" .\n' for n in numbers)


def _values(store: EmbeddedStore) -> set[str]:
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return {str(value) for value in rows.column("o")}  # type: ignore[union-attr]


def test_a_large_change_is_written_in_chunks_and_ends_as_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path / "store")
    path = tmp_path / "graph.nt"
    path.write_text(_lines(range(0, 250)), encoding="utf-8")
    store.replace_graph_from_file(GRAPH, path)
    updates: list[str] = []
    monkeypatch.setattr(embedded, "CHANGE_CHUNK", 40)
    real_update = store._update
    monkeypatch.setattr(store, "_update", lambda text, base=None: (updates.append(text),
                                                                   real_update(text, base)))
    path.write_text(_lines(range(100, 350)), encoding="utf-8")
    store.replace_graph_from_file(GRAPH, path)
    assert _values(store) == {str(n) for n in range(100, 350)}
    assert len(updates) == 6  # 100 deleted and 100 inserted, 40 a transaction
    updates.clear()
    path.write_text(_lines(range(100, 349)), encoding="utf-8")  # small: one transaction
    store.replace_graph_from_file(GRAPH, path)
    assert len(updates) == 1 and _values(store) == {str(n) for n in range(100, 349)}


def test_line_changes_compare_lines_once_each_and_refuse_blank_nodes() -> None:
    held = [b'<urn:a> <urn:p> "1" .\n', b'<urn:a> <urn:p> "2" .\n']
    new = [b'<urn:a> <urn:p> "2" .\n', b'<urn:a> <urn:p> "3" .\n', b'<urn:a> <urn:p> "3" .\n',
           b"\n"]
    assert embedded._line_changes(lambda: iter(held), new) == (
        ['<urn:a> <urn:p> "1" .'], ['<urn:a> <urn:p> "3" .'])
    assert embedded._line_changes(lambda: iter(held), [b"_:b <urn:p> <urn:o> .\n"]) is None
    assert embedded._line_changes(lambda: iter([b"_:b <urn:p> <urn:o> .\n"]), new) is None


@pytest.mark.parametrize("bulk_bytes", [0, embedded.BULK_LOAD_BYTES],
                         ids=["bulk", "one-transaction"])
def test_a_new_graph_from_a_file_either_way_or_no_trace_of_a_bad_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_bytes: int) -> None:
    """A new graph is written by the bulk loader above BULK_LOAD_BYTES, in one transaction
    below: the same triples either way, and a bad line after thousands of good ones leaves
    nothing of the graph (the bulk loader's part-written graph is removed)."""
    monkeypatch.setattr(embedded, "BULK_LOAD_BYTES", bulk_bytes)
    store = EmbeddedStore(tmp_path / "store")
    path = tmp_path / "graph.nt"
    path.write_text(_lines(range(3000)), encoding="utf-8")
    store.replace_graph_from_file(GRAPH, path)
    assert _values(store) == {str(n) for n in range(3000)}
    other = GRAPH + "-bad"
    path.write_text(_lines(range(3000)) + "<urn:example:broken> <urn:example:p> .\n",
                    encoding="utf-8")
    with pytest.raises(QueryError, match=r"graph\.nt: not valid N-Triples"):
        store.replace_graph_from_file(other, path)
    assert other not in store.named_graphs()
    assert store.count_triples() == 3000


def test_a_graph_with_blank_nodes_is_replaced_whole_from_a_file(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    path = tmp_path / "graph.nt"
    path.write_text('_:b <urn:example:p> "one" .\n_:c <urn:example:p> "two" .\n',
                    encoding="utf-8")
    store.replace_graph_from_file(GRAPH, path)
    path.write_text('_:b <urn:example:p> "one" .\n_:d <urn:example:p> "three" .\n',
                    encoding="utf-8")
    store.replace_graph_from_file(GRAPH, path)
    assert _values(store) == {"one", "three"} and store.count_triples(GRAPH) == 2
