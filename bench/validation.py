"""How fast articles are checked before they are loaded: building each generated article's RDF,
then SHACL validation with the validator claimgraph ships (pyshacl-turbo, through
``ShapeChecker``, as ``claimgraph load`` does) and, side by side in the same process, with
pySHACL, the reference implementation, on the same graphs.

    .venv/bin/python bench/validation.py                  # 100 articles (2,000 claims)
    .venv/bin/python bench/validation.py --articles 500

Figures printed (not a pass/fail test): claims per second for each step, and the ratio.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate
from claimgraph.graph.authoring import shapes
from claimgraph.graph.authoring.rdf import article_to_rdf, registry_to_rdf
from claimgraph.graph.authoring.shapes import Document, ShapeChecker


class _PreparedQueries(Graph):
    """An rdflib graph that parses each SPARQL text once, as claimgraph gave pySHACL before:
    pySHACL sends the same constraint query for every focus node (13 claims/s without)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(sparql: str) -> Any:
    return prepareQuery(sparql)


class _ReferenceProgram:
    """pySHACL called the way ShapeChecker calls the compiled shapes."""

    @staticmethod
    def validate(data: Graph, **options: Any) -> Any:
        prepared = _PreparedQueries()
        prepared += data
        return pyshacl.validate(prepared, shacl_graph=shapes.vocabulary.shapes(), **options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()

    data = generate(args.articles * 20, args.seed)
    sample = [a.claims for a in itertools.islice(data.articles, args.articles)]
    claims = sum(len(c.claims) for c in sample)
    registry = registry_to_rdf(data.registry)
    t0 = time.perf_counter()
    built = [Document(article_to_rdf(c), c.file) for c in sample]
    build_s = time.perf_counter() - t0

    checker = ShapeChecker(registry.graph)
    checker.check(built[0])  # shapes compiled before timing
    timed: dict[str, float] = {}
    found: dict[str, int] = {}
    shipped = shapes._compiled
    for name, program in (("pyshacl-turbo (shipped)", shipped), ("pySHACL", _ReferenceProgram)):
        shapes._compiled = program  # type: ignore[assignment]
        t0 = time.perf_counter()
        found[name] = sum(len(checker.check(document)) for document in built)
        timed[name] = time.perf_counter() - t0
    shapes._compiled = shipped

    print(f"{len(sample)} articles, {claims:,} claims")
    print(f"{'build RDF (article_to_rdf)':<32}{build_s:8.2f} s {claims / build_s:10,.0f} claims/s")
    for name, seconds in timed.items():
        combined = claims / (build_s + seconds)
        print(f"{'validate, ' + name:<32}{seconds:8.2f} s {claims / seconds:10,.0f} claims/s"
              f"   build + validate {combined:8,.0f} claims/s   problems {found[name]}")
    names = list(timed)
    print(f"validation ratio {names[1]} / {names[0]}: {timed[names[1]] / timed[names[0]]:.1f}x")


if __name__ == "__main__":
    main()
