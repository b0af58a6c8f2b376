"""The embedded default store: Oxigraph (pyoxigraph), persistent on disk, no server to run.

Chosen by measurement over rdflib's in-memory engine (figures in bench/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypedDict, cast

import pyoxigraph as ox

from claimgraph.errors import QueryError, ResultTooLarge, StoreError
from claimgraph.graph.backends.store import (
    DATASET_FORMATS,
    SELECT_FORMATS,
    TRIPLE_FORMATS,
    BlockingStore,
    Boolean,
    Capabilities,
    QueryResult,
    Solutions,
    Term,
    Triples,
)
from claimgraph.graph.terms.namespaces import PREFIXES

__all__ = ["EmbeddedStore", "dump_dataset", "serialize_result", "term_of"]

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
BULK_LOAD_BYTES = 128 * 1024 * 1024
"""The largest N-Triples file a new graph is added from in one transaction; a larger one goes
through Oxigraph's bulk loader (about 800,000 triples: the derived graphs of 100,000 claims
are smaller, most of those of a million claims larger)."""
CHANGE_CHUNK = 100_000
"""The most triples a graph's replacement from a file writes in one transaction (Oxigraph
holds a transaction's writes in memory)."""
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_of(node: object) -> Term:
    """A pyoxigraph term as a plain :class:`Term` (xsd:string and language strings carry no
    datatype)."""
    if isinstance(node, ox.NamedNode):
        return Term("iri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        datatype = node.datatype.value
        plain = datatype in (f"{_XSD}string", _RDF_LANG_STRING)
        return Term("literal", node.value, datatype=None if plain else datatype,
                    language=node.language)
    return Term("triple", str(node))


def _syntax_message(message: str) -> str:
    """The parser's message, in plain words for its most common complaint."""
    if "Prefix not found" in message:
        where = message.split(":", 2)[:2] if message.startswith("error at ") else []
        position = f" {':'.join(where).removeprefix('error ')}" if where else ""
        return (f"SPARQL syntax error{position}: a prefix (such as cg:) is used but not "
                "declared: keep the PREFIX lines at the top of the query")
    return f"SPARQL syntax error: {message}"


class _QueryOptions(TypedDict, total=False):
    """The keyword arguments of :meth:`pyoxigraph.Store.query` that :meth:`EmbeddedStore._run`
    passes."""

    base_iri: str | None
    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    use_default_graph_as_union: bool
    named_graphs: list[ox.NamedNode | ox.BlankNode]


def _graph_name(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"not a valid graph IRI {iri!r}: {error}") from None


def dump_dataset(store: ox.Store, dataset_format: str) -> bytes:
    """A pyoxigraph store in a key of DATASET_FORMATS: TriG, N-Quads and JSON-LD keep the
    named graphs, Turtle and N-Triples merge them."""
    rdf_format = _RDF_FORMATS[dataset_format]
    if rdf_format.supports_datasets:
        return cast(bytes, store.dump(format=rdf_format, prefixes=PREFIXES))
    merged = cast(ox.QueryTriples, store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                               use_default_graph_as_union=True))
    return cast(bytes, ox.serialize(merged, format=rdf_format, prefixes=PREFIXES))


class _CappedBuffer(io.BytesIO):
    """A byte buffer that refuses to grow past ``limit``: serialising stops there, and so
    does the evaluation feeding it."""

    def __init__(self, limit: int | None) -> None:
        super().__init__()
        self.limit = limit
        self.overflowed = False

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.limit is not None and self.tell() + len(data) > self.limit:
            self.overflowed = True
            raise OSError("result size limit reached")
        return super().write(data)


def serialize_result(result: object, result_format: str, max_bytes: int | None) -> bytes:
    """A pyoxigraph query result (solutions, a boolean, or triples) in ``result_format``, a key
    of SELECT_FORMATS or TRIPLE_FORMATS; ResultTooLarge past ``max_bytes``."""
    output = _CappedBuffer(max_bytes)
    try:
        if not isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            if result_format not in TRIPLE_FORMATS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as "
                                 f"{result_format}; use one of {', '.join(TRIPLE_FORMATS)}")
            ox.serialize(result, output, format=_RDF_FORMATS[result_format],  # type: ignore[arg-type]
                         prefixes=PREFIXES)
        else:
            if result_format not in SELECT_FORMATS:
                raise QueryError(f"a SELECT or ASK result cannot be written as "
                                 f"{result_format}; use one of {', '.join(SELECT_FORMATS)}")
            result.serialize(output, format=_RESULT_FORMATS[result_format])
    except OSError as error:
        if output.overflowed:
            raise ResultTooLarge(
                f"the result is larger than the {max_bytes:,}-byte limit: "
                "add a LIMIT or narrow the query") from None
        raise QueryError(f"query failed: {error}") from None
    return output.getvalue()


def _data(verb: str, graph: str, ntriples: str) -> str:
    """``INSERT DATA`` or ``DELETE DATA`` (``verb``) of ``ntriples`` in the named graph."""
    return f"{verb} DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}"


def _quads(graphs: Mapping[str, str]) -> Iterator[ox.Quad]:
    """The N-Triples of each named graph, parsed by Oxigraph, as quads in that graph."""
    for graph, ntriples in graphs.items():
        name = _graph_name(graph)
        for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, name)


def _digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def _line_changes(held: Callable[[], Iterable[bytes]],
                  new: Iterable[bytes]) -> tuple[list[str], list[str]] | None:
    """The N-Triples lines to delete from a graph whose lines ``held()`` gives (read twice)
    and to insert into it, for it to hold the lines ``new``; None if either holds blank
    nodes, whose labels differ from one writing to the next (the graph is replaced whole).

    Lines are compared as written, by a 128-bit hash each: the graph's lines and the new
    ones are never all in memory. A triple written otherwise than Oxigraph writes it is
    deleted and inserted again (deletions run first), which leaves it there."""
    kept: set[bytes] = set()
    for line in filter(None, map(bytes.strip, held())):
        if b"_:" in line:  # cheap and safe: a literal may hold "_:" too
            return None
        kept.add(_digest(line))
    inserted: list[str] = []
    found: set[bytes] = set()
    for line in filter(None, map(bytes.strip, new)):
        if b"_:" in line:
            return None
        digest = _digest(line)
        if digest not in found:
            found.add(digest)
            if digest not in kept:
                inserted.append(line.decode("utf-8"))
    deleted = [line.decode("utf-8") for line in filter(None, map(bytes.strip, held()))
               if _digest(line) not in found]
    return deleted, inserted


def _not_ntriples(source: str, error: SyntaxError) -> QueryError:
    return QueryError(f"{source}: not valid N-Triples: {error}")


def _check_ntriples(path: str | os.PathLike[str]) -> None:
    """QueryError saying where the file at ``path`` stops being N-Triples, if it does."""
    try:
        for _ in ox.parse(path=os.fspath(path), format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as error:
        raise _not_ntriples(os.fspath(path), error) from None


class EmbeddedStore(BlockingStore):
    """A pyoxigraph store on disk (``path``) or in memory (``path=None``), in this process: a
    call cannot be stopped part-way (``claimgraph serve`` runs it in a child process,
    :class:`~claimgraph.graph.backends.isolated.IsolatedStore`, which can)."""

    capabilities = Capabilities(stops_calls=False, answers_on_event_loop=False,
                                transactions=True, bulk_load=True, server_side_construct=True)

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(path) if path is not None else ":memory:"
        self._write_lock = threading.Lock()
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as error:
            hint = ""
            if "lock" in str(error).lower():
                hint = " (another process, such as a running `claimgraph serve`, has it open)"
            raise StoreError(f"cannot open the store at {self.location}{hint}: {error}") from None

    def limited(self, timeout: float | None) -> EmbeddedStore:
        """This store: a call in this process cannot be stopped (``capabilities``)."""
        return self

    # -- queries ---------------------------------------------------------------------------

    def _run(self, sparql: str, union_default_graph: bool,
             default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None,
             base_iri: str | None = None) -> object:
        options: _QueryOptions = {"base_iri": base_iri}
        if default_graphs is not None:
            options["default_graph"] = [_graph_name(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = union_default_graph
        if named_graphs is not None:
            options["named_graphs"] = [_graph_name(g) for g in named_graphs]
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as error:
            raise QueryError(_syntax_message(str(error))) from None
        except (ValueError, OSError) as error:
            raise QueryError(f"query failed: {error}") from None

    def query(self, sparql: str, *, union_default_graph: bool = True,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        result = self._run(sparql, union_default_graph, default_graphs, named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return Boolean(bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(
                tuple(term_of(solution[name]) if solution[name] is not None else None
                      for name in variables)
                for solution in result
            )
            return Solutions(variables, rows)
        return Triples(tuple((term_of(t.subject), term_of(t.predicate), term_of(t.object))
                             for t in result))  # type: ignore[attr-defined]

    def query_serialized(self, sparql: str, result_format: str, *,
                         union_default_graph: bool = True,
                         default_graphs: Sequence[str] | None = None,
                         named_graphs: Sequence[str] | None = None,
                         max_bytes: int | None = None, base_iri: str | None = None) -> bytes:
        result = self._run(sparql, union_default_graph, default_graphs, named_graphs, base_iri)
        return serialize_result(result, result_format, max_bytes)

    # -- writes ----------------------------------------------------------------------------

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        with self._write_lock:
            self._update(sparql, base_iri)

    def _update(self, sparql: str, base_iri: str | None = None) -> None:
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise QueryError(f"SPARQL update syntax error: {error}") from None
        except OSError as error:
            raise StoreError(f"update failed on {self.location}: {error}") from None

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace each named graph whole, in one transaction.

        Oxigraph's transactions cost per quad written, so only what changes is written: a
        graph that exists already loses the triples it no longer has and gains the new ones
        (one DELETE DATA and one INSERT DATA); the statuses derived again after one more
        article differ in a few triples from the ones they replace. A graph holding blank
        nodes, whose labels differ from one parse to the next, is dropped and inserted whole.
        When none of the graphs holds triples yet (a first load), Oxigraph parses and adds
        them, several times faster and in less memory than through a SPARQL request."""
        with self._write_lock:
            if graphs and not any(self._store.contains_named_graph(_graph_name(g))
                                  for g in graphs):
                self._load_new(_quads(graphs), "the graphs to load")
                return
            operations = []
            for graph, ntriples in graphs.items():
                operations += self._replacing(graph, ntriples)
            if operations:
                self._update(" ;\n".join(operations))

    def _replacing(self, graph: str, ntriples: str) -> list[str]:
        """The update operations that turn graph ``graph`` into the N-Triples given."""
        name = _graph_name(graph)
        drop = f"DROP SILENT GRAPH <{graph}>"
        if not ntriples.strip():
            return [drop]  # DELETE DATA would leave its name listed
        if not self._store.contains_named_graph(name):
            return [_data("INSERT", graph, ntriples)]
        held = cast(bytes, self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name))
        changes = _line_changes(lambda: held.split(b"\n"), ntriples.encode("utf-8").split(b"\n"))
        if changes is None:
            return [drop, _data("INSERT", graph, ntriples)]
        return [_data(verb, graph, "\n".join(lines))
                for verb, lines in zip(("DELETE", "INSERT"), changes, strict=True) if lines]

    def replace_graph_by_queries(self, graph: str, constructs: Sequence[str],
                                 ntriples: str = "") -> None:
        """Every CONSTRUCT evaluated and its result streamed by Oxigraph to a temporary
        N-Triples file, then the graph replaced from that file (``replace_graph_from_file``):
        what the rules derive never passes through Python. (An Oxigraph update cannot read the
        union of all graphs, which the rules are written against, so INSERT ... WHERE is not
        used.)"""
        with tempfile.TemporaryDirectory(prefix="claimgraph-") as folder:
            path = Path(folder) / "derived.nt"
            with path.open("wb") as output:
                for text in constructs:
                    result = self._run(text, True, None, None)
                    if not isinstance(result, ox.QueryTriples):
                        raise QueryError("a derivation rule must be a CONSTRUCT query")
                    result.serialize(output, ox.RdfFormat.N_TRIPLES)
                output.write(ntriples.encode("utf-8"))
            self.replace_graph_from_file(graph, path)

    def replace_graph_from_file(self, graph: str, path: str | os.PathLike[str]) -> None:
        """Replace the named graph with the N-Triples file at ``path``.

        A graph that exists is changed in one transaction, writing only what changes (see
        ``replace_graphs``), found by comparing the file with the graph's triples line by
        line, by their hashes, so neither is held in memory; a change of more than
        CHANGE_CHUNK triples is written in several transactions.

        A new graph, such as each derived graph of a first derivation, is added in one
        transaction when the file is at most BULK_LOAD_BYTES. A larger one is written by
        Oxigraph's bulk loader, streamed from the file: a transaction would hold all of it in
        memory (millions of triples at a million claims) and write it several times slower.
        The bulk loader has no transaction: readers may see a new graph while it is being
        written, and a failure removes what it wrote. The store is compacted after it; even
        so, lookups in what the bulk loader wrote are slower (1.3-2x, measured on the
        canned questions), which is why smaller graphs are not bulk-loaded."""
        name = _graph_name(graph)
        with self._write_lock:
            if self._store.contains_named_graph(name):
                try:
                    self._change_from_file(graph, Path(path))
                except QueryError:
                    _check_ntriples(path)  # says where in the file, not in the update's text
                    raise
                return
            if Path(path).stat().st_size <= BULK_LOAD_BYTES:
                parsed = ox.parse(path=os.fspath(path), format=ox.RdfFormat.N_TRIPLES)
                self._load_new((ox.Quad(t.subject, t.predicate, t.object, name) for t in parsed),
                               os.fspath(path))
                return
            try:
                self._store.bulk_load(path=os.fspath(path), format=ox.RdfFormat.N_TRIPLES,
                                      to_graph=name)
                # The loader adds files whose keys overlap every other file's: until they are
                # compacted, each lookup searches each of them (at a million claims a rule
                # ran 10x slower). Compacting costs about a minute there.
                self._store.optimize()
            except (SyntaxError, ValueError, OSError) as error:
                with contextlib.suppress(OSError):
                    self._store.remove_graph(name)
                if isinstance(error, SyntaxError):
                    raise _not_ntriples(os.fspath(path), error) from None
                raise StoreError(f"writing graph <{graph}> on {self.location} failed: "
                                 f"{error}") from None

    def _change_from_file(self, graph: str, path: Path) -> None:
        """Turn the existing graph ``graph`` into the N-Triples file ``path`` by writing only
        the triples that differ (the caller holds the write lock)."""
        with tempfile.TemporaryDirectory(prefix="claimgraph-") as folder:
            held = Path(folder) / "held.nt"
            self._store.dump(os.fspath(held), ox.RdfFormat.N_TRIPLES,
                             from_graph=_graph_name(graph))

            def held_lines() -> Iterator[bytes]:
                with held.open("rb") as lines:
                    yield from lines

            with path.open("rb") as new_lines:
                changes = _line_changes(held_lines, new_lines)
        if changes is None:  # blank nodes: replaced whole
            self._update(f"DROP SILENT GRAPH <{graph}> ;\n"
                         + _data("INSERT", graph, path.read_text(encoding="utf-8")))
            return
        deleted, inserted = changes
        operations = [_data(verb, graph, "\n".join(lines[start:start + CHANGE_CHUNK]))
                      for verb, lines in (("DELETE", deleted), ("INSERT", inserted))
                      for start in range(0, len(lines), CHANGE_CHUNK)]
        if len(deleted) + len(inserted) <= CHANGE_CHUNK:
            operations = [" ;\n".join(operations)] if operations else []
        for operation in operations:
            self._update(operation)
        if not inserted and not self.count_triples(graph):
            self._update(f"DROP SILENT GRAPH <{graph}>")  # DELETE DATA leaves its name listed

    def _load_new(self, quads: Iterable[ox.Quad], source: str) -> None:
        """Add quads to graphs that hold nothing yet, parsed from ``source`` as they are
        added, in one transaction (a syntax error anywhere writes nothing)."""
        try:
            self._store.extend(quads)
        except SyntaxError as error:
            raise _not_ntriples(source, error) from None
        except (ValueError, OSError) as error:
            raise StoreError(f"load failed on {self.location}: {error}") from None

    # -- inspection ------------------------------------------------------------------------

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count_triples(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        pattern = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return sum(1 for _ in pattern)

    def export(self, dataset_format: str) -> bytes:
        if dataset_format not in DATASET_FORMATS:
            raise QueryError(f"unknown export format {dataset_format!r}; use one of "
                             f"{', '.join(DATASET_FORMATS)}")
        return dump_dataset(self._store, dataset_format)

    def close(self) -> None:
        # A read-only store has nothing to flush (pyoxigraph says so with a RuntimeError).
        with contextlib.suppress(OSError, RuntimeError):
            self._store.flush()
        del self._store
