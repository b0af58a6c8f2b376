"""Parse, anchor, validate and load authoring files into a store, all or nothing.

A load reads the registry and every claims file, checks each against the SHACL shapes, and
only when every file is clean writes them, each article into its own named graph, in one
transaction (a reload replaces an article's graph). Then statuses are derived again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph import vocabulary
from claimgraph.graph.authoring import check_cross_references, read_claims, read_registry
from claimgraph.graph.model import ArticleClaims, Registry
from claimgraph.graph.namespaces import REGISTRY_GRAPH, VOCABULARY_GRAPH, article_graph
from claimgraph.graph.rdfbuild import BuiltGraph, article_to_rdf, registry_to_rdf
from claimgraph.graph.shapes import check_shapes
from claimgraph.graph.status import StatusSummary, derive_statuses
from claimgraph.graph.store import Store

__all__ = [
    "CLAIMS_SUFFIX",
    "REGISTRY_NAME",
    "CheckedArticle",
    "CheckedFiles",
    "LoadReport",
    "check_files",
    "load_files",
    "shipped_data",
]

log = logging.getLogger("claimgraph.load")

CLAIMS_SUFFIX = ".claims.yaml"
REGISTRY_NAME = "registry.yaml"


@dataclass(frozen=True)
class CheckedArticle:
    """One claims file, read, anchored and validated, with its RDF."""

    claims: ArticleClaims
    built: BuiltGraph

    @property
    def graph_iri(self) -> str:
        return str(article_graph(self.claims.article.id))


@dataclass(frozen=True)
class CheckedFiles:
    """Everything a load would write, after every check passed."""

    registry: Registry
    registry_rdf: BuiltGraph
    articles: tuple[CheckedArticle, ...]


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


def shipped_data() -> Path:
    """The folder of articles and registry that ships with claimgraph."""
    return Path(str(resources.files("claimgraph.data")))


def _find_registry(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / REGISTRY_NAME
        if candidate.is_file():
            return candidate
    return shipped_data() / REGISTRY_NAME


def _discover(paths: Sequence[Path]) -> tuple[Path, list[Path], list[Problem]]:
    """The registry and the claims files named by ``paths`` (files or folders)."""
    registry: Path | None = None
    claims: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            if (path / REGISTRY_NAME).is_file():
                registry = path / REGISTRY_NAME
            claims.extend(sorted(path.rglob(f"*{CLAIMS_SUFFIX}")))
        elif path.name == REGISTRY_NAME:
            registry = path
        elif path.is_file() or path.name.endswith(CLAIMS_SUFFIX):
            claims.append(path)
        else:
            problems.append(Problem(str(path), None, "", "no such file or folder"))
    if registry is None:
        registry = _find_registry((claims[0] if claims else Path.cwd()).resolve().parent)
    if not claims and not problems:
        folders = ", ".join(str(p) for p in paths)
        log.info("no *%s files under %s", CLAIMS_SUFFIX, folders)
    return registry, list(dict.fromkeys(claims)), problems


Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, file)`` while files are checked."""


def check_files(paths: Sequence[Path], *, progress: Progress | None = None) -> CheckedFiles:
    """Read, anchor and validate everything under ``paths``; raise ValidationError listing
    every problem of every file."""
    registry_path, claims_paths, problems = _discover(paths)
    try:
        registry = read_registry(registry_path)
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    registry_rdf = registry_to_rdf(registry)
    problems += check_shapes(registry_rdf, file=registry.file or str(registry_path))
    articles: list[CheckedArticle] = []
    seen: dict[str, str] = {}
    for done, path in enumerate(claims_paths, start=1):
        if progress is not None:
            progress(done, len(claims_paths), str(path))
        try:
            claims = read_claims(path, registry)
        except ValidationError as error:
            problems += error.problems
            continue
        built = article_to_rdf(claims)
        problems += check_shapes(built, context=registry_rdf.graph, file=claims.file)
        article_id = claims.article.id
        if article_id in seen:
            problems.append(Problem(claims.file, None, "article.id", f"article id "
                                    f"{article_id!r} is also used by {seen[article_id]}"))
        seen[article_id] = claims.file
        articles.append(CheckedArticle(claims, built))
    problems += check_cross_references(a.claims for a in articles)
    if problems:
        raise ValidationError(problems)
    return CheckedFiles(registry, registry_rdf, tuple(articles))


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def load_files(store: Store, paths: Sequence[Path] | None = None, *,
               progress: Progress | None = None) -> LoadReport:
    """Check everything under ``paths`` (default: the shipped data) and load it in one
    transaction, then derive statuses. Nothing is written when any file has a problem."""
    paths = list(paths) if paths else [shipped_data()]
    checked = check_files(paths, progress=progress)
    writes = {
        str(VOCABULARY_GRAPH): _ntriples(vocabulary.vocabulary()),
        str(REGISTRY_GRAPH): _ntriples(checked.registry_rdf.graph),
    }
    for article in checked.articles:
        writes[article.graph_iri] = _ntriples(article.built.graph)
    store.replace_graphs(writes)
    for article in checked.articles:
        log.info("loaded %s: %d claims into <%s>", article.claims.file,
                 len(article.claims.claims), article.graph_iri)
    statuses = derive_statuses(store)
    log.info("statuses: %s", statuses)
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


def problems_of(paths: Iterable[Path]) -> list[Problem]:
    """Every problem under ``paths``; empty when all is well."""
    try:
        check_files(list(paths))
    except ValidationError as error:
        return error.problems
    return []
