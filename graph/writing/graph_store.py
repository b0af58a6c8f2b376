"""Graphs as whole documents: what the SPARQL 1.1 Graph Store HTTP Protocol does, without HTTP.

A :class:`GraphRef` names one graph of the store: a named graph by its absolute IRI, or the
store's real default graph (not the union of all graphs that queries see by default). IRIs
are checked by Oxigraph's IRI parser before they are written into an update, so no IRI can
break out of its ``<...>``. Payloads (Turtle, N-Triples, RDF/XML, JSON-LD, or several of
them in one ``multipart/form-data`` body) are parsed by pyoxigraph and re-serialised as
N-Triples by its own writer, so the updates built here hold only terms a parser produced.

A graph *exists* while it holds triples; the default graph always exists. Each write is one
SPARQL update, hence one transaction. The derived graphs (statuses and relations) are
computed from the others and cannot be written.
"""

from __future__ import annotations

import email.policy
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesParser
from typing import Literal

import pyoxigraph as ox

from claimgraph.errors import ClaimgraphError, NotFound, Problem, ValidationError
from claimgraph.graph.backends.sparql_text import ForbiddenOperation
from claimgraph.graph.backends.store import TRIPLE_FORMATS, Boolean, Store
from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS, GRAPH
from claimgraph.graph.writing.commit import Committed, commit

__all__ = [
    "DEFAULT_GRAPH",
    "MULTIPART",
    "PAYLOAD_FORMATS",
    "GraphRef",
    "GraphWrite",
    "UnsupportedFormat",
    "check_writable",
    "delete_graph",
    "graph_exists",
    "media_type_of",
    "merge_graph",
    "merge_update",
    "new_graph",
    "parse_payload",
    "read_graph",
    "replace_graph",
    "replace_update",
    "write_graph",
]

PAYLOAD_FORMATS: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
"""Media types a graph can be written in -> format name (a key of TRIPLE_FORMATS)."""
MULTIPART = "multipart/form-data"
"""Several payloads in one body, each part with its own Content-Type; their triples are merged."""

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_CHARSETS = {"utf-8", "utf8", "us-ascii"}
_UPLOADS = "upload/"


class UnsupportedFormat(ClaimgraphError):
    """A payload in a media type claimgraph does not read (HTTP 415)."""


@dataclass(frozen=True)
class GraphRef:
    """One graph of the store: a named graph (``iri``) or the default graph (``iri`` None).

    Build named ones with :meth:`named`, which checks the IRI.
    """

    iri: str | None = None

    @classmethod
    def named(cls, iri: str) -> GraphRef:
        """The named graph ``iri``; ValidationError unless it is an absolute IRI."""
        try:
            node = ox.NamedNode(iri)
        except ValueError as error:
            raise ValidationError([Problem("graph IRI", None, "", f"{iri!r} is not an "
                                           f"absolute IRI: {error}")]) from None
        return cls(node.value)

    @property
    def is_default(self) -> bool:
        return self.iri is None

    @property
    def is_derived(self) -> bool:
        """Whether this is a graph the status rules compute (never written by hand)."""
        return self.iri is not None and self.iri in {str(g) for g in DERIVED_GRAPHS}

    def __str__(self) -> str:
        return "the default graph" if self.iri is None else f"<{self.iri}>"


DEFAULT_GRAPH = GraphRef()
"""The store's real default graph (empty in the shipped data)."""


def new_graph() -> GraphRef:
    """A fresh graph IRI for a graph created by POST to the graph store itself."""
    return GraphRef(str(GRAPH[f"{_UPLOADS}{uuid.uuid4()}"]))


# -- payloads --------------------------------------------------------------------------------

def media_type_of(content_type: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type header ("" when there is none)."""
    return (content_type or "").split(";")[0].strip().lower()


def _format_for(content_type: str | None) -> ox.RdfFormat:
    media = media_type_of(content_type)
    if not media:
        raise UnsupportedFormat(f"the payload has no Content-Type: use one of "
                                f"{', '.join(PAYLOAD_FORMATS)}")
    if media not in PAYLOAD_FORMATS:
        raise UnsupportedFormat(f"cannot read {media}: use one of {', '.join(PAYLOAD_FORMATS)}")
    charset = _charset(content_type)
    if charset is not None and charset not in _CHARSETS:
        raise UnsupportedFormat(f"cannot read charset={charset}: send UTF-8")
    return _OX_FORMATS[PAYLOAD_FORMATS[media]]


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _to_ntriples(body: bytes, rdf_format: ox.RdfFormat, base_iri: str | None,
                 where: str) -> str:
    try:
        triples = ox.parse(body, rdf_format, base_iri=base_iri, without_named_graphs=True,
                           rename_blank_nodes=True)
        ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError) as error:
        message = str(error)
        if "LoadDocumentCallback" in message:
            message = "remote JSON-LD contexts are not fetched: put the context inline"
        raise ValidationError([Problem(where, None, "", message)]) from None
    assert isinstance(ntriples, bytes)
    return ntriples.decode("utf-8")


def _parts(body: bytes, content_type: str) -> list[tuple[str | None, bytes]]:
    header = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
    if not message.is_multipart() or message.defects:
        problems = ", ".join(type(d).__name__ for d in message.defects) or "no parts"
        raise ValidationError([Problem("request body", None, "", f"malformed {MULTIPART} "
                                       f"body ({problems})")])
    parts = []
    for number, part in enumerate(message.iter_parts(), start=1):
        payload = part.get_payload(decode=True)
        if part.is_multipart() or not isinstance(payload, bytes):
            raise UnsupportedFormat(f"part {number} of the request body is itself multipart: "
                                    "send one RDF document per part")
        parts.append((part.get("content-type"), payload))
    return parts


def parse_payload(body: bytes, content_type: str | None, *, base_iri: str | None) -> str:
    """The triples of a payload as N-Triples.

    ``content_type`` is the whole header (a charset other than UTF-8 is refused); relative
    IRIs resolve against ``base_iri`` (an error when it is None). A ``multipart/form-data``
    body is read part by part, each by its own Content-Type. Raises UnsupportedFormat for a
    media type it does not read, ValidationError (with the parser's message) for bad
    content or a payload that holds named graphs.
    """
    if media_type_of(content_type) == MULTIPART:
        assert content_type is not None
        chunks = []
        for number, (part_type, payload) in enumerate(_parts(body, content_type), start=1):
            chunks.append(_to_ntriples(payload, _format_for(part_type), base_iri,
                                       f"part {number} of the request body"))
        return "".join(chunks)
    return _to_ntriples(body, _format_for(content_type), base_iri, "request body")


# -- reads -----------------------------------------------------------------------------------

def graph_exists(store: Store, graph: GraphRef) -> bool:
    """Whether ``graph`` holds triples (the default graph always exists)."""
    if graph.iri is None:
        return True
    answer = store.query("ASK { ?s ?p ?o }", default_graphs=[graph.iri])
    assert isinstance(answer, Boolean)
    return bool(answer)


def read_graph(store: Store, graph: GraphRef, result_format: str, *,
               max_bytes: int | None = None) -> bytes:
    """The triples of ``graph`` in ``result_format`` (a key of TRIPLE_FORMATS)."""
    if result_format not in TRIPLE_FORMATS:
        raise ValueError(f"unknown graph format {result_format!r}")
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    if graph.iri is None:
        return store.query_serialized(construct, result_format, union_default_graph=False,
                                      max_bytes=max_bytes)
    return store.query_serialized(construct, result_format, default_graphs=[graph.iri],
                                  max_bytes=max_bytes)


# -- writes ----------------------------------------------------------------------------------

def _clause(graph: GraphRef) -> str:
    """``DEFAULT`` or ``GRAPH <iri>``, the IRI checked again as it is written."""
    return "DEFAULT" if graph.iri is None else f"GRAPH {ox.NamedNode(graph.iri)}"


def check_writable(graph: GraphRef) -> None:
    """Raise ForbiddenOperation (HTTP 403) if ``graph`` is a derived graph."""
    if graph.is_derived:
        raise ForbiddenOperation(
            f"{graph} is derived: the status rules in ontology/rules/ compute it from the "
            "other graphs after every write, so it cannot be written by hand; write the "
            "claims it is derived from instead")


def _insert(graph: GraphRef, ntriples: str) -> str:
    if graph.iri is None:
        return f"INSERT DATA {{\n{ntriples}\n}}"
    return f"INSERT DATA {{ {_clause(graph)} {{\n{ntriples}\n}} }}"


def replace_update(graph: GraphRef, ntriples: str) -> str:
    """The SPARQL update that replaces ``graph`` with ``ntriples``."""
    check_writable(graph)
    operations = [f"DROP SILENT {_clause(graph)}"]
    if ntriples.strip():
        operations.append(_insert(graph, ntriples))
    return " ;\n".join(operations)


def merge_update(graph: GraphRef, ntriples: str) -> str | None:
    """The SPARQL update that adds ``ntriples`` to ``graph`` (None when there is nothing)."""
    check_writable(graph)
    return _insert(graph, ntriples) if ntriples.strip() else None


def replace_graph(store: Store, graph: GraphRef, ntriples: str) -> bool:
    """Replace ``graph`` with ``ntriples`` in one transaction; True if it did not exist."""
    check_writable(graph)
    existed = graph_exists(store, graph)
    if graph.iri is None:
        store.update(replace_update(graph, ntriples))
    else:  # the store's own atomic replacement (a remote store stages and swaps)
        store.replace_graphs({graph.iri: ntriples})
    return not existed and bool(ntriples.strip())


def merge_graph(store: Store, graph: GraphRef, ntriples: str) -> bool:
    """Add ``ntriples`` to ``graph`` in one transaction; True if it did not exist."""
    update = merge_update(graph, ntriples)
    existed = graph_exists(store, graph)
    if update is not None:
        store.update(update)
    return not existed and update is not None


def delete_graph(store: Store, graph: GraphRef) -> bool:
    """Remove ``graph`` (empty it, for the default graph); False if it did not exist."""
    check_writable(graph)
    if not graph_exists(store, graph):
        return False
    store.update(f"DROP SILENT {_clause(graph)}")
    return True


GraphWrite = Literal["PUT", "POST", "DELETE"]
_WRITES: dict[str, Callable[[Store, GraphRef, str], bool]] = {
    "PUT": replace_graph,
    "POST": merge_graph,
    "DELETE": lambda store, graph, _: delete_graph(store, graph),
}


def write_graph(store: Store, method: GraphWrite, graph: GraphRef, ntriples: str = "", *,
                time_limit: float | None = None) -> Committed[bool]:
    """A Graph Store write (PUT replaces, POST merges, DELETE removes) through the one write
    path: the write, stopped after ``time_limit`` seconds where the store can stop it, then
    the statuses derived again. The result is whether the graph was created (PUT, POST) or
    existed (DELETE); a DELETE of a graph that does not exist is NotFound, nothing written."""
    check_writable(graph)
    if method == "DELETE" and not graph_exists(store, graph):
        raise NotFound(f"no graph {graph} in the store")
    write = _WRITES[method]
    return commit(store, lambda target: write(target, graph, ntriples),
                  what=f"{method} {graph}", time_limit=time_limit)
