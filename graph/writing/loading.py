"""Load checked authoring files into a store: the vocabulary and each article's named graph,
replaced whole, and the registry grown entry by entry, in one write, then statuses derived
again (through :func:`claimgraph.graph.writing.commit.commit`, the one write path).

:func:`load_files` checks and loads in one call, as ``claimgraph load`` does;
:func:`load_checked` writes what :mod:`claimgraph.graph.authoring.checking` already checked
(the web API checks first, then loads). Nothing is written when any file has a problem.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from claimgraph.graph.authoring.checking import CheckedFiles, Progress, check_files, shipped_data
from claimgraph.graph.backends.store import Store
from claimgraph.graph.derive.status import StatusSummary
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import REGISTRY_GRAPH, VOCABULARY_GRAPH
from claimgraph.graph.writing.commit import commit

__all__ = ["LoadReport", "load_checked", "load_files"]

log = logging.getLogger("claimgraph.load")


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote."""

    store: str
    registry_file: str | None
    registry_triples: int
    articles: tuple[tuple[str, str, int, int], ...]
    """(article id, named graph, claims, triples) per article."""
    statuses: StatusSummary
    total_triples: int
    graphs: int


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def _grown_registry(store: Store, registry: Graph) -> Graph:
    """The stored registry with ``registry`` written over it, entry by entry: each source,
    place, event, measure and population it describes is described as it says, and every
    other stored entry stays, so that loading one folder of articles never drops the
    sources another folder's articles use."""
    stored = Graph().parse(data=store.query_serialized(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{REGISTRY_GRAPH}> {{ ?s ?p ?o }} }}",
        "ntriples"), format="nt")
    grown = Graph()
    described = set(registry.subjects())
    for triple in stored:
        if triple[0] not in described:
            grown.add(triple)
    kept = len(grown)
    for triple in registry:
        grown.add(triple)
    if kept:
        log.info("registry: %d stored triples of other entries kept", kept)
    return grown


def load_files(store: Store, paths: Sequence[Path] | None = None, *,
               progress: Progress | None = None) -> LoadReport:
    """Check everything under ``paths`` (default: the shipped data) and load it in one
    transaction, then derive statuses. Nothing is written when any file has a problem."""
    paths = list(paths) if paths else [shipped_data()]
    return load_checked(store, check_files(paths, progress=progress))


def load_checked(store: Store, checked: CheckedFiles) -> LoadReport:
    """Write what :func:`~claimgraph.graph.authoring.checking.check_files` or
    :func:`~claimgraph.graph.authoring.checking.check_document` checked, in one transaction
    (the vocabulary, the registry and each article's graph, replaced whole), then derive
    statuses."""
    writes = {
        str(VOCABULARY_GRAPH): _ntriples(vocabulary.vocabulary()),
        str(REGISTRY_GRAPH): _ntriples(_grown_registry(store, checked.registry_rdf.graph)),
    }
    for article in checked.articles:
        writes[article.graph_iri] = _ntriples(article.built.graph)
    for article in checked.articles:
        log.info("loading %s: %d claims into <%s>", article.claims.file,
                 len(article.claims.claims), article.graph_iri)
    statuses = commit(store, lambda target: target.replace_graphs(writes),
                      what=f"loaded {len(checked.articles)} article(s)").statuses
    return LoadReport(
        store=store.location,
        registry_file=checked.registry.file,
        registry_triples=len(checked.registry_rdf.graph),
        articles=tuple((a.claims.article.id, a.graph_iri, len(a.claims.claims),
                        len(a.built.graph)) for a in checked.articles),
        statuses=statuses,
        total_triples=store.count_triples(),
        graphs=len(store.named_graphs()),
    )


