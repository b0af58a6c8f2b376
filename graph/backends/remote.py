"""A store on a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph server), over HTTP.

Queries go to the query URL, updates to the update URL, new graphs to the Graph Store URL
(see :class:`~claimgraph.graph.backends.sparql_http.RemoteConfig`). Answers are read as SPARQL JSON
or N-Triples and written out again by pyoxigraph's writers, so every result format reads
the same as from the embedded store. The query's default graph is the server's own default
graph: on Virtuoso the union of all its graphs (Fuseki and Oxigraph server need their
union-default-graph option); the server's built-in graphs are ignored by ``named_graphs``,
``count_triples`` and ``export``, and so by the status rules.

Atomicity of ``replace_graphs``. Virtuoso does not apply a multi-operation update request
atomically: operations run in order, the first failure stops the rest, and whatever ran
before it is committed (measured on 7.2.5: ``DROP; INSERT DATA; <failing op>`` leaves the
graph replaced or dropped). So each new graph goes first to a fresh *staging* graph
(``.../graph/staging/RUN/N``: by one Graph Store PUT, or by INSERT DATA in chunks, as
Virtuoso's SPARQL compiler gives up past a few thousand triples per request), each staging
graph is checked to hold triples, and then one update request of ``MOVE`` operations
(``DROP`` for a graph replaced by nothing) swaps them all in. A failure before the swap
leaves every graph as it was and the staging graphs are dropped. The swap request runs as
one transaction, so readers see all the old graphs or all the new ones; only a failure
inside the swap itself (the server killed, out of space) could leave some graphs swapped
and others not. While a load runs, its staging graphs are visible to queries over the
union of all graphs, never to ``named_graphs``. ``update`` sends its text as it is: on
Virtuoso, an update of several operations that fails part-way keeps what ran before.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError, QueryError, StoreError
from claimgraph.graph.backends.embedded import dump_dataset, serialize_result, term_of
from claimgraph.graph.backends.sparql_http import Answer, RemoteConfig, SparqlHttp, standard_json
from claimgraph.graph.backends.sparql_text import construct_as_insert, query_form
from claimgraph.graph.backends.store import (
    DATASET_FORMATS,
    BlockingStore,
    Boolean,
    Capabilities,
    QueryResult,
    Solutions,
    Triples,
)
from claimgraph.graph.terms.namespaces import GRAPH

__all__ = ["STAGING", "RemoteConfig", "RemoteStore"]

STAGING = str(GRAPH["staging/"])
"""Prefix of the graphs new content is written to before it is swapped in."""
EMPTY_GRAPH = str(GRAPH["none"])
"""A graph nothing is ever written to: the dataset of a query over no graph at all."""
INSERT_CHUNK = 500
"""Triples per INSERT DATA request when there is no Graph Store URL."""
UPLOAD_BYTES = 64 * 1024
"""Bytes of N-Triples per Graph Store request: the first PUT, the rest POST (merged in).
Virtuoso 7 resets the connection on larger requests (measured: one PUT of 6,000 triples,
1 MB, reset; 100,000 triples in slices of 256 KB reset part-way; 709,125 triples in slices
of 64 KB taken, at 20,000 triples/s)."""
CHECK_CHUNK = 200
"""Graphs per query when checking that staged graphs hold triples."""
SWAP_CHUNK = 200
"""Graphs per update request when staged graphs are swapped in: Virtuoso refuses one request
that moves thousands ("Query too large, variables in state over the limit")."""
RAW_FACTOR = 4
"""A server's answer may be this many times ``max_bytes`` before it is re-serialised."""

_RESULTS_JSON = "application/sparql-results+json"
_TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"


def _iri(value: str) -> str:
    """``value`` checked as an IRI, so that it cannot break out of ``<...>``."""
    try:
        return ox.NamedNode(value).value
    except ValueError as error:
        raise QueryError(f"not a valid graph IRI {value!r}: {error}") from None


def _parse_triples(answer: Answer) -> list[ox.Quad]:
    """The triples of a CONSTRUCT or DESCRIBE answer (as quads in the default graph)."""
    rdf_format = ox.RdfFormat.from_media_type(answer.media_type) or ox.RdfFormat.N_TRIPLES
    try:
        return list(ox.parse(answer.body, format=rdf_format))
    except (SyntaxError, ValueError) as error:
        raise QueryError(f"the SPARQL server's answer is not valid {rdf_format.name}: "
                         f"{error}") from None


def _slices(ntriples: bytes, size: int) -> Iterator[bytes]:
    """``ntriples`` (one triple a line) cut at line ends into slices of about ``size`` bytes
    (a longer line is a slice of its own)."""
    start = 0
    while start < len(ntriples):
        end = ntriples.rfind(b"\n", start, start + size) + 1
        if end <= start:  # no line end within size: to the end of this line
            end = ntriples.find(b"\n", start + size) + 1 or len(ntriples)
        yield ntriples[start:end]
        start = end


def _canonical(ntriples: str, graph: str) -> bytes:
    """``ntriples`` parsed and written again (one triple a line), or b"" when empty."""
    try:
        triples = list(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise QueryError(f"SPARQL update syntax error: not valid N-Triples for <{graph}>: "
                         f"{error}") from None
    return cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)) if triples else b""


class RemoteStore(BlockingStore):
    """A :class:`~claimgraph.graph.backends.store.Store` on a SPARQL 1.1 server."""

    capabilities = Capabilities(stops_calls=True, answers_on_event_loop=False,
                                transactions=False, bulk_load=False, server_side_construct=True)

    def __init__(self, config: RemoteConfig, *, _http: SparqlHttp | None = None) -> None:
        self.config = config
        self.location = config.query_url
        self.timeout = config.timeout
        self._owner = _http is None
        self._http = _http or SparqlHttp(config)

    def limited(self, timeout: float | None) -> RemoteStore:
        """The same store, sharing its connections, each request stopped after ``timeout``
        seconds (None: no limit). Closing it leaves the connections to this store."""
        view = RemoteStore(self.config, _http=self._http)
        view.timeout = timeout
        return view

    # -- queries ---------------------------------------------------------------------------

    def _ask_server(self, sparql: str, *, union_default_graph: bool = True,
                    default_graphs: Sequence[str] | None = None,
                    named_graphs: Sequence[str] | None = None, base_iri: str | None = None,
                    cap: int | None = None) -> object:
        """Run a query: pyoxigraph solutions or a boolean, or a list of quads (triples)."""
        data: dict[str, str | list[str]] = {}
        if base_iri is not None:
            sparql = f"BASE <{_iri(base_iri)}>\n{sparql}"
        data["query"] = sparql
        if default_graphs is not None or not union_default_graph:
            data["default-graph-uri"] = [_iri(g) for g in default_graphs or ()] or [EMPTY_GRAPH]
        if named_graphs is not None:
            data["named-graph-uri"] = [_iri(g) for g in named_graphs] or [EMPTY_GRAPH]
        triples = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        answer = self._http.send("POST", self.config.query_url, timeout=self.timeout,
                                 what="query", cap=cap, data=data,
                                 headers={"Accept": _TRIPLES if triples else _RESULTS_JSON})
        if triples:
            return _parse_triples(answer)
        try:
            return ox.parse_query_results(standard_json(answer.body),
                                          format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise QueryError(f"the SPARQL server's answer is not valid SPARQL JSON results: "
                             f"{error}") from None

    def query(self, sparql: str, *, union_default_graph: bool = True,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        result = self._ask_server(sparql, union_default_graph=union_default_graph,
                                  default_graphs=default_graphs, named_graphs=named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return Boolean(bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            return Solutions(variables, tuple(
                tuple(term_of(row[name]) if row[name] is not None else None
                      for name in variables)
                for row in result))
        assert isinstance(result, list)
        return Triples(tuple((term_of(t.subject), term_of(t.predicate), term_of(t.object))
                             for t in result))

    def query_serialized(self, sparql: str, result_format: str, *,
                         union_default_graph: bool = True,
                         default_graphs: Sequence[str] | None = None,
                         named_graphs: Sequence[str] | None = None,
                         max_bytes: int | None = None, base_iri: str | None = None) -> bytes:
        cap = max_bytes * RAW_FACTOR if max_bytes is not None else None
        result = self._ask_server(sparql, union_default_graph=union_default_graph,
                                  default_graphs=default_graphs, named_graphs=named_graphs,
                                  base_iri=base_iri, cap=cap)
        return serialize_result(result, result_format, max_bytes)

    def _select(self, sparql: str) -> list[tuple[str | None, ...]]:
        result = self.query(sparql)
        assert isinstance(result, Solutions)
        return [tuple(t.value if t is not None else None for t in row) for row in result.rows]

    # -- writes ----------------------------------------------------------------------------

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        if base_iri is not None:
            sparql = f"BASE <{_iri(base_iri)}>\n{sparql}"
        self._http.send("POST", self.config.updates, timeout=self.timeout, what="update",
                        data={"update": sparql})

    def _upload(self, graph: str, ntriples: bytes) -> None:
        """Put ``ntriples`` into the (fresh) graph ``graph``."""
        if self.config.graph_store_url:
            for number, chunk in enumerate(_slices(ntriples, UPLOAD_BYTES)):
                self._http.send("PUT" if number == 0 else "POST", self.config.graph_store_url,
                                timeout=self.timeout, what="upload", params={"graph": graph},
                                content=chunk, headers={"Content-Type": "application/n-triples"})
            return
        lines = ntriples.decode("utf-8").splitlines()
        for start in range(0, len(lines), INSERT_CHUNK):
            part = "\n".join(lines[start:start + INSERT_CHUNK])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{part}\n}} }}")

    def _check_staged(self, staged: Iterable[str]) -> None:
        """Every staging graph holds triples: a MOVE from an empty graph would empty its
        target, and a Graph Store URL that is not one may answer 200 and keep nothing."""
        wanted = list(staged)
        holding: set[str | None] = set()
        # In slices: Virtuoso refuses an IN list of thousands ("Too many arguments").
        for start in range(0, len(wanted), CHECK_CHUNK):
            listed = ", ".join(f"<{g}>" for g in wanted[start:start + CHECK_CHUNK])
            rows = self._select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                f"FILTER (?g IN ({listed})) }} GROUP BY ?g")
            holding |= {g for g, n in rows if n and int(n) > 0}
        for graph in wanted:
            if graph not in holding:
                raise StoreError(f"the SPARQL server accepted the new graph but holds nothing "
                                 f"in <{graph}>: check the Graph Store URL "
                                 f"({self.config.graph_store_url or 'none'})")

    def _drop_quietly(self, graphs: Iterable[str]) -> None:
        names = list(graphs)
        if names:
            # A staging graph left behind is ignored by named_graphs.
            with contextlib.suppress(ClaimgraphError):
                self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names))

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace each named graph: stage, check, then swap them in. Up to SWAP_CHUNK graphs
        are swapped in one request, so all at once; a larger write (a load of thousands of
        articles) is swapped in slices of that many, each graph still replaced whole, and
        what a failure leaves staged is dropped."""
        content = {_iri(g): _canonical(text, g) for g, text in graphs.items()}
        if not content:
            return
        run = f"{STAGING}{uuid.uuid4().hex}/"
        staging = {g: f"{run}{n}" for n, g in enumerate(content) if content[g]}
        try:
            for graph, stage in staging.items():
                self._upload(stage, content[graph])
            self._check_staged(staging.values())
            targets = list(content)
            for start in range(0, len(targets), SWAP_CHUNK):
                self.update(" ;\n".join(
                    f"MOVE GRAPH <{staging[g]}> TO GRAPH <{g}>" if g in staging
                    else f"DROP SILENT GRAPH <{g}>" for g in targets[start:start + SWAP_CHUNK]))
        except ClaimgraphError:
            self._drop_quietly(staging.values())
            raise

    def replace_graph_by_queries(self, graph: str, constructs: Sequence[str],
                                 ntriples: str = "") -> None:
        """The server inserts what each CONSTRUCT produces into a staging graph (``INSERT {
        GRAPH ... } WHERE``), after ``ntriples`` are uploaded there; then the staging graph is
        moved onto ``graph`` in one request. Nothing crosses the network but the queries."""
        target = _iri(graph)
        extra = _canonical(ntriples, graph)
        stage = f"{STAGING}{uuid.uuid4().hex}/0"
        try:
            if extra:
                self._upload(stage, extra)
                self._check_staged([stage])
            for text in constructs:
                self.update(construct_as_insert(text, stage))
            if extra or self.count_triples(stage):
                self.update(f"MOVE GRAPH <{stage}> TO GRAPH <{target}>")
            else:
                self.update(f"DROP SILENT GRAPH <{target}>")
        except ClaimgraphError:
            self._drop_quietly([stage])
            raise

    def replace_graph_from_file(self, graph: str, path: str | os.PathLike[str]) -> None:
        """The file read and replaced like ``replace_graphs`` (staged, checked, moved)."""
        self.replace_graphs({graph: Path(path).read_text(encoding="utf-8")})

    # -- inspection ------------------------------------------------------------------------

    def _is_ours(self, graph: str | None) -> bool:
        return graph is not None and not graph.startswith(STAGING) and not any(
            graph.startswith(prefix) for prefix in self.config.server_graphs)

    def named_graphs(self) -> list[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for (g,) in rows if g is not None and self._is_ours(g))

    def count_triples(self, graph: str | None = None) -> int:
        if graph is not None:
            [(count,)] = self._select(f"SELECT (COUNT(*) AS ?n) WHERE "
                                      f"{{ GRAPH <{_iri(graph)}> {{ ?s ?p ?o }} }}")
            return int(count or 0)
        rows = self._select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                            "GROUP BY ?g")
        return sum(int(n or 0) for g, n in rows if self._is_ours(g))

    def export(self, dataset_format: str) -> bytes:
        """Every graph of ``named_graphs``, read graph by graph, written by pyoxigraph."""
        if dataset_format not in DATASET_FORMATS:
            raise QueryError(f"unknown export format {dataset_format!r}; use one of "
                             f"{', '.join(DATASET_FORMATS)}")
        dataset = ox.Store()
        for graph in self.named_graphs():
            triples = self._ask_server(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> "
                                       "{ ?s ?p ?o } }")
            assert isinstance(triples, list)
            name = ox.NamedNode(graph)
            dataset.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        return dump_dataset(dataset, dataset_format)

    def close(self) -> None:
        if self._owner:
            self._http.close()
