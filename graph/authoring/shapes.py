"""Check built RDF against the SHACL shapes in ontology/shapes.ttl, reporting file and line.

Each document (an article's or the registry's graph) is validated with only the part of the
vocabulary and the context (the registry) that its own nodes reach by following triples
forwards. Every shape in shapes.ttl reads forwards from its focus node (property paths,
``sh:class`` through ``rdf:type``/``rdfs:subClassOf``, SPARQL constraints on ``$this``), and
only problems of the document's own nodes are reported, so the verdicts are those of
validating the document together with the whole vocabulary and context, at a cost that does
not grow with the registry. :class:`ShapeChecker` indexes the context once for many
documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from pyshacl_turbo import CompiledShapes, compile_shapes
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from claimgraph.errors import Problem
from claimgraph.graph.authoring.model import Location
from claimgraph.graph.authoring.rdf import BuiltGraph
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import PREFIXES

__all__ = ["Document", "ShapeChecker", "check_many", "check_shapes"]

Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class Document:
    """One authoring file's RDF and the file's name, for messages."""

    built: BuiltGraph
    file: str


def _short(node: object) -> str:
    text = str(node)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text


def _origin(node: URIRef, origins: dict[URIRef, Location], fallback: str) -> Location:
    """Where a node was written: itself, or the nearest node whose IRI it extends."""
    text = str(node)
    best: Location | None = None
    best_length = -1
    for origin, location in origins.items():
        key = str(origin)
        if (text == key or text.startswith(key + "/")) and len(key) > best_length:
            best, best_length = location, len(key)
    return best or Location(fallback, None)


@lru_cache(maxsize=1)
def _compiled() -> CompiledShapes:
    """ontology/shapes.ttl compiled once per process by the validator (pyshacl-turbo: pySHACL's
    API and verdicts, evaluated in Rust; several times faster than pySHACL here, see
    bench/RESULTS.md)."""
    shapes = compile_shapes(vocabulary.shapes())  # type: ignore[no-untyped-call]
    return cast(CompiledShapes, shapes)


def _index(graphs: Iterable[Graph]) -> dict[Any, list[Triple]]:
    """The triples of ``graphs`` by subject."""
    by_subject: dict[Any, list[Triple]] = {}
    for graph in graphs:
        for triple in graph:
            by_subject.setdefault(triple[0], []).append(triple)
    return by_subject


def _reached(own: Graph, context: dict[Any, list[Triple]]) -> Iterator[Triple]:
    """The context's triples about nodes that ``own``'s nodes reach, following triples."""
    queue = [n for triple in own for n in (triple[0], triple[2])
             if isinstance(n, URIRef | BNode)]
    seen = set(queue)
    while queue:
        for triple in context.get(queue.pop(), ()):
            yield triple
            target = triple[2]
            if isinstance(target, URIRef | BNode) and target not in seen:
                seen.add(target)
                queue.append(target)


def _problems(document: Document, context: dict[Any, list[Triple]]) -> list[Problem]:
    built = document.built
    data = Graph()
    data += built.graph
    data.addN((s, p, o, data) for s, p, o in _reached(built.graph, context))
    conforms, report, _ = _compiled().validate(  # type: ignore[no-untyped-call]
        data, inference="none", allow_infos=True, allow_warnings=True)
    if conforms:
        return []
    problems = []
    own_nodes = set(built.graph.subjects())
    for result in report.subjects(SH.focusNode, None):
        focus = report.value(result, SH.focusNode)
        if focus not in own_nodes:
            continue  # a problem of the context (registry), reported when that is checked
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        location = _origin(focus, built.origins, document.file)
        field = _short(path) if path is not None and not isinstance(path, Graph) else ""
        detail = f" (value: {_short(value)})" if value is not None else ""
        problems.append(Problem(location.file, location.line, field,
                                f"{_short(focus)}: {message}{detail}"))
    return sorted(problems, key=lambda p: (p.line or 0, p.field, p.message))


class ShapeChecker:
    """Checks documents one by one against the shapes, with the vocabulary and ``context``
    (the registry) indexed once for all of them."""

    def __init__(self, context: Graph | None = None) -> None:
        graphs = [vocabulary.vocabulary(), *([context] if context is not None else [])]
        self._index = _index(graphs)

    def check(self, document: Document) -> list[Problem]:
        """Every SHACL violation of the document's own nodes, naming its file and line."""
        return _problems(document, self._index)


def check_many(documents: Iterable[Document], *,
               context: Graph | None = None) -> list[Problem]:
    """Every SHACL violation in each document (read together with the vocabulary and
    ``context``), as problems naming the document's file and line, document by document."""
    checker = ShapeChecker(context)
    return [problem for document in documents for problem in checker.check(document)]


def check_shapes(built: BuiltGraph, *, context: Graph | None = None,
                 file: str = "") -> list[Problem]:
    """Every SHACL violation in ``built`` (read together with ``context``), as problems."""
    return check_many([Document(built, file)], context=context)
