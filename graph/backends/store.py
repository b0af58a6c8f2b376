"""The one seam to storage: a small store contract and the result types of its queries.

Everything in claimgraph (loading, status derivation, CLI, API, notebooks) talks to a
:class:`Store`. The embedded default is :class:`claimgraph.graph.backends.embedded.EmbeddedStore`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, cast, runtime_checkable

import anyio.to_thread

__all__ = [
    "SELECT_FORMATS",
    "TRIPLE_FORMATS",
    "BlockingStore",
    "Boolean",
    "Capabilities",
    "QueryResult",
    "Solutions",
    "Store",
    "Term",
    "Triples",
]

SELECT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
"""Serialisations of SELECT and ASK results: short name -> media type."""

TRIPLE_FORMATS: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
"""Serialisations of CONSTRUCT and DESCRIBE results: short name -> media type."""

DATASET_FORMATS: dict[str, str] = {
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
}
"""Serialisations of a whole store (export): short name -> media type."""


@dataclass(frozen=True)
class Term:
    """An RDF term in a query result, as plain values."""

    kind: Literal["iri", "literal", "bnode", "triple"]
    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Solutions:
    """The answer to a SELECT query: variable names and rows (None where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings, e.g. for ``pandas.DataFrame(result.records())``."""
        return [
            {name: (str(term) if term is not None else None)
             for name, term in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def column(self, name: str) -> list[str | None]:
        index = self.variables.index(name)
        return [str(row[index]) if row[index] is not None else None for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Boolean:
    """The answer to an ASK query."""

    value: bool

    def __bool__(self) -> bool:
        return self.value


@dataclass(frozen=True)
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE query."""

    triples: tuple[tuple[Term, Term, Term], ...]

    def __len__(self) -> int:
        return len(self.triples)


QueryResult = Solutions | Boolean | Triples


@dataclass(frozen=True)
class Capabilities:
    """What a store does beyond what every store promises. Callers read these; they never
    probe a store for methods."""

    stops_calls: bool
    """``limited(t)`` really stops a call after ``t`` seconds (a child process is stopped, a
    server is asked to give up); without it the time limit is not enforced."""
    answers_on_event_loop: bool
    """``query_serialized_async`` waits on the event loop (a pipe, a socket), not in a worker
    thread per call."""
    transactions: bool
    """Several graphs are replaced in one transaction; without, new graphs are staged and
    moved into place in one update."""
    bulk_load: bool
    """``replace_graph_from_file`` streams a large new graph through a bulk loader instead of
    holding the file in memory."""
    server_side_construct: bool
    """``replace_graph_by_queries`` is evaluated and written inside the store: no derived
    triple passes through Python."""


@runtime_checkable
class Store(Protocol):
    """What claimgraph needs from a store. Every write is atomic."""

    location: str
    """Where the store lives, for messages (a path, or a URL)."""

    capabilities: Capabilities
    """What this store does beyond the contract (see :class:`Capabilities`)."""

    def limited(self, timeout: float | None) -> Store:
        """The same store with every call stopped after ``timeout`` seconds (None: no limit),
        where ``capabilities.stops_calls``; otherwise the store itself."""
        ...

    def query(self, sparql: str, *, union_default_graph: bool = True,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run a SPARQL query and return its whole result.

        By default the query's default graph is the union of all graphs; ``default_graphs`` and
        ``named_graphs`` set the dataset explicitly. Raises QueryError for a bad query.
        """
        ...

    def query_serialized(self, sparql: str, result_format: str, *,
                         union_default_graph: bool = True,
                         default_graphs: Sequence[str] | None = None,
                         named_graphs: Sequence[str] | None = None,
                         max_bytes: int | None = None, base_iri: str | None = None) -> bytes:
        """Run a SPARQL query and serialise its result with the engine's own writer.

        ``result_format`` is a key of SELECT_FORMATS (SELECT/ASK) or TRIPLE_FORMATS
        (CONSTRUCT/DESCRIBE); QueryError if it does not fit the query form. A result longer
        than ``max_bytes`` raises ResultTooLarge, and evaluation stops there.
        """
        ...

    async def query_serialized_async(self, sparql: str, result_format: str, *,
                                     union_default_graph: bool = True,
                                     default_graphs: Sequence[str] | None = None,
                                     named_graphs: Sequence[str] | None = None,
                                     max_bytes: int | None = None,
                                     base_iri: str | None = None) -> bytes:
        """:meth:`query_serialized` for a coroutine (the web layer): on the event loop where
        ``capabilities.answers_on_event_loop``, else in a worker thread."""
        ...

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update request as one transaction; relative IRIs resolve
        against ``base_iri``."""
        ...

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace each named graph with the given N-Triples, all in one transaction."""
        ...

    def replace_graph_by_queries(self, graph: str, constructs: Sequence[str],
                                 ntriples: str = "") -> None:
        """Replace the named graph ``graph`` with the triples the CONSTRUCT queries
        ``constructs`` produce over the union of all graphs, and the N-Triples ``ntriples``.
        The triples are written inside the store: a server evaluates and inserts them itself.
        Readers see the old graph or the new one, never half; the queries do not see their
        own output."""
        ...

    def replace_graph_from_file(self, graph: str, path: str | os.PathLike[str]) -> None:
        """Replace the named graph ``graph`` with the N-Triples file at ``path`` (on this
        machine). The embedded store reads it without holding it all in memory; a remote
        store reads it whole and uploads it in slices. Readers see the old graph or the new
        one; a new graph may be seen while the embedded store writes it."""
        ...

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs that hold triples."""
        ...

    def count_triples(self, graph: str | None = None) -> int:
        """How many triples the store (or one named graph) holds."""
        ...

    def export(self, dataset_format: str) -> bytes:
        """The whole store in a key of DATASET_FORMATS; TriG, N-Quads and JSON-LD keep the
        named graphs, Turtle and N-Triples merge them."""
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...


class BlockingStore:
    """Base of the stores whose calls block this thread: their coroutine form runs each call
    in a worker thread (anyio's pool, the one Starlette's ``run_in_threadpool`` uses)."""

    async def query_serialized_async(self, sparql: str, result_format: str, *,
                                     union_default_graph: bool = True,
                                     default_graphs: Sequence[str] | None = None,
                                     named_graphs: Sequence[str] | None = None,
                                     max_bytes: int | None = None,
                                     base_iri: str | None = None) -> bytes:
        call = functools.partial(
            cast(Store, self).query_serialized, sparql, result_format,
            union_default_graph=union_default_graph, default_graphs=default_graphs,
            named_graphs=named_graphs, max_bytes=max_bytes, base_iri=base_iri)
        return await anyio.to_thread.run_sync(call)
