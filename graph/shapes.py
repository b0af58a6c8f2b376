"""Check built RDF against the SHACL shapes in ontology/shapes.ttl, reporting file and line."""

from __future__ import annotations

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from claimgraph.errors import Problem
from claimgraph.graph import vocabulary
from claimgraph.graph.model import Location
from claimgraph.graph.namespaces import PREFIXES
from claimgraph.graph.rdfbuild import BuiltGraph

__all__ = ["check_shapes"]


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


def check_shapes(built: BuiltGraph, *, context: Graph | None = None,
                 file: str = "") -> list[Problem]:
    """Every SHACL violation in ``built`` (read together with ``context``), as problems."""
    data = Graph()
    data += built.graph
    data += vocabulary.vocabulary()
    if context is not None:
        data += context
    conforms, report, _ = validate(
        data, shacl_graph=vocabulary.shapes(), inference="none",
        allow_infos=True, allow_warnings=True,
    )
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
        location = _origin(focus, built.origins, file)
        field = _short(path) if path is not None and not isinstance(path, Graph) else ""
        detail = f" (value: {_short(value)})" if value is not None else ""
        problems.append(Problem(location.file, location.line, field,
                                f"{_short(focus)}: {message}{detail}"))
    return problems
