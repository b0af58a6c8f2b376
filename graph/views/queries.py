"""The SPARQL of the graph views, kept in ``ontology/views/*.rq``, and how it is run."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from claimgraph.errors import QueryError
from claimgraph.graph.backends.store import Solutions, Store, Term, Triples
from claimgraph.graph.terms.namespaces import sparql_prefixes

__all__ = ["BATCH", "bound_query", "construct_triples", "rows", "select_rows", "view_query"]

BATCH = 1000
"""IRIs per VALUES block."""


@cache
def view_query(name: str) -> str:
    """The text of ``ontology/views/NAME.rq``."""
    path = resources.files("claimgraph.ontology").joinpath("views", f"{name}.rq")
    return path.read_text(encoding="utf-8")


def bound_query(name: str, variable: str, iris: Iterable[str]) -> str:
    """The view query with its ``VALUES ?variable { }`` line filled with ``iris``."""
    values = " ".join(f"<{iri}>" for iri in iris)
    text = view_query(name)
    marker = f"VALUES ?{variable} {{ }}"
    assert marker in text, f"{name}.rq has no '{marker}' line"
    return sparql_prefixes() + text.replace(marker, f"VALUES ?{variable} {{ {values} }}", 1)


def select_rows(store: Store, sparql: str) -> list[dict[str, Term | None]]:
    result = store.query(sparql)
    assert isinstance(result, Solutions)
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def construct_triples(store: Store, sparql: str) -> list[tuple[Term, Term, Term]]:
    result = store.query(sparql)
    if not isinstance(result, Triples):
        raise QueryError("a view needs a CONSTRUCT or DESCRIBE query")
    return list(result.triples)


def rows(store: Store, name: str, keys: list[str]) -> Iterable[dict[str, Term | None]]:
    """The rows of view query ``name`` for ``keys``, in batches of :data:`BATCH`."""
    for start in range(0, len(keys), BATCH):
        yield from select_rows(store, bound_query(name, "node", keys[start:start + BATCH]))
