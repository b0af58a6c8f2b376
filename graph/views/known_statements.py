"""The stored claims' quotes, for drafting to compare a new text with
(:mod:`claimgraph.graph.drafting.known`): the one read of the store drafting needs, made by
the command line and the API, never by drafting itself."""

from __future__ import annotations

from typing import NamedTuple

from claimgraph.graph.backends.store import Store
from claimgraph.graph.terms.namespaces import sparql_prefixes
from claimgraph.graph.views.queries import select_rows, view_query

__all__ = ["StoredQuote", "read_known"]


class StoredQuote(NamedTuple):
    """A stored claim's quote, with the ids of its claim and of the article it appears in."""

    claim: str
    article: str
    quote: str


def read_known(store: Store) -> list[StoredQuote]:
    """Every stored claim's quote, with the ids of its claim and article."""
    return [StoredQuote(str(row["claim"]), str(row["article"]), str(row["quote"]))
            for row in select_rows(store, sparql_prefixes() + view_query("known-statements"))]
