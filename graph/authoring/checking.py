"""Parse, anchor and validate authoring files, all or nothing: what a load would write.

A check reads the registry and every claims file, anchors every quote, builds each article's
RDF and checks it against the SHACL shapes; it raises one ValidationError listing every problem
of every file. :func:`check_document` does the same for one claims file and its article text
given as strings (as the web API receives them): it writes the two side by side in a scratch
folder and checks them as ``claimgraph validate`` would. Nothing here touches a store:
:func:`claimgraph.graph.writing.loading.load_checked` writes what passed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph.authoring.model import ArticleClaims, Registry
from claimgraph.graph.authoring.parsing import check_cross_references, read_claims
from claimgraph.graph.authoring.rdf import BuiltGraph, article_to_rdf, registry_to_rdf
from claimgraph.graph.authoring.registries import (
    REGISTRY_NAME,
    read_layered_registry,
    shipped_data,
)
from claimgraph.graph.authoring.shapes import Document, ShapeChecker, check_shapes
from claimgraph.graph.authoring.yamlfile import LinedMap, read_yaml
from claimgraph.graph.terms.namespaces import article_graph

__all__ = [
    "CLAIMS_SUFFIX",
    "REGISTRY_NAME",
    "CheckedArticle",
    "CheckedFiles",
    "Progress",
    "check_document",
    "check_files",
    "problems_of",
    "shipped_data",
]

log = logging.getLogger("claimgraph.load")

CLAIMS_SUFFIX = ".claims.yaml"


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
        registry = read_layered_registry(registry_path)
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    registry_rdf = registry_to_rdf(registry)
    problems += check_shapes(registry_rdf, file=registry.file or str(registry_path))
    checker = ShapeChecker(registry_rdf.graph)
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
        problems += checker.check(Document(built, claims.file))
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


# ------------------------------------------------------------------ one document as strings

_DOCUMENT = "document" + CLAIMS_SUFFIX
"""The claims file's name in the scratch folder; problems name it as the caller's ``name``."""


def check_document(claims_yaml: str, text: str, *, name: str,
                   registry: Path | None = None) -> CheckedFiles:
    """Check one claims file and its article's text, given as strings, as ``claimgraph
    validate`` checks the two files side by side: the text is saved under the name the
    claims' ``article.text`` gives, which must stay beside the claims (no absolute path, no
    ``..``). The registry is the ``registry.yaml`` file ``registry`` (default: the shipped
    one), never one found in a folder. Raises ValidationError listing every problem, each
    in ``name`` (or the text's name) rather than a scratch path."""
    problems = [Problem(name, None, field, f"{what} is not valid Unicode: it holds a lone "
                                           "surrogate code point")
                for field, what, value in (("", "the claims", claims_yaml),
                                           ("article.text", "the article's text", text))
                if not _encodable(value)]
    if problems:
        raise ValidationError(problems)
    registry = registry or shipped_data() / REGISTRY_NAME
    with tempfile.TemporaryDirectory(prefix="claimgraph-document-") as scratch:
        folder = Path(scratch).resolve()
        claims_path = folder / _DOCUMENT
        claims_path.write_text(claims_yaml, encoding="utf-8", newline="")
        try:
            _save_text(folder, claims_path, text)
            checked = check_files([registry, claims_path])
        except ValidationError as error:
            raise ValidationError(_renamed(p, folder, name) for p in error.problems) from None
    return dataclasses.replace(checked, articles=tuple(
        dataclasses.replace(a, claims=dataclasses.replace(a.claims, file=name))
        for a in checked.articles))


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _save_text(folder: Path, claims_path: Path, text: str) -> None:
    """Save ``text`` where the claims' ``article.text`` looks for it; malformed claims are
    left for the full check to report, with every other problem."""
    try:
        node = read_yaml(claims_path)
    except ValidationError:
        return
    article = node.get("article")
    if not isinstance(article, LinedMap) or not isinstance(article.get("text"), str):
        return
    text_name: str = article["text"]
    parts = text_name.split("/")
    if ("\0" in text_name or text_name.startswith("/") or text_name == _DOCUMENT
            or any(part in ("", ".", "..") for part in parts)):
        raise ValidationError([Problem(str(claims_path), article.line_of("text"),
                                       "article.text", f"{text_name!r} cannot name the text: "
                                       "give a name beside the claims file, such as "
                                       "ARTICLE-ID.txt (no leading '/', no '.' or '..')")])
    target = folder.joinpath(*parts)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise ValidationError([Problem(str(claims_path), article.line_of("text"),
                                       "article.text", f"{text_name!r} cannot be used as a "
                                       f"file name ({error.strerror})")]) from None


def _renamed(problem: Problem, folder: Path, name: str) -> Problem:
    """``problem`` with the scratch folder's paths replaced by the names the caller knows."""
    prefixes = [str(folder)]
    try:
        relative = folder.relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    else:
        prefixes += [str(relative)] if relative.parts else []
    file, message = problem.file, problem.message
    for prefix in prefixes:
        document = os.path.join(prefix, _DOCUMENT)
        file = name if file == document else file.removeprefix(prefix + os.sep)
        message = message.replace(document, name).replace(prefix + os.sep, "")
    return dataclasses.replace(problem, file=file, message=message)


def problems_of(paths: Iterable[Path]) -> list[Problem]:
    """Every problem under ``paths``; empty when all is well."""
    try:
        check_files(list(paths))
    except ValidationError as error:
        return error.problems
    return []
