"""claimgraph: a claim-attribution knowledge graph.

Who claimed what, on whose authority, when, where it is written, and who disputes it.
The same functions serve the command line, the web API and notebooks::

    import claimgraph
    store = claimgraph.open_store(":memory:")   # or a folder, or "http://host/sparql"
    claimgraph.load_files(store)                 # the shipped articles
    result = store.query("SELECT ...")
    claimgraph.Snippet.contested(store)          # a graph view for a notebook or a report
"""

from claimgraph.config import open_store, store_path
from claimgraph.errors import (
    ClaimgraphError,
    NotFound,
    Problem,
    QueryError,
    StoreError,
    ValidationError,
)
from claimgraph.graph.authoring.checking import check_files, shipped_data
from claimgraph.graph.backends.sparql_http import RemoteConfig
from claimgraph.graph.backends.store import Boolean, Solutions, Store, Term, Triples
from claimgraph.graph.derive.status import derive_statuses
from claimgraph.graph.terms.namespaces import PREFIXES, sparql_prefixes
from claimgraph.graph.writing.loading import load_files

__all__ = [
    "PREFIXES",
    "Boolean",
    "ClaimgraphError",
    "NotFound",
    "Problem",
    "QueryError",
    "RemoteConfig",
    "Snippet",
    "Solutions",
    "Store",
    "StoreError",
    "Term",
    "Triples",
    "ValidationError",
    "check_files",
    "derive_statuses",
    "load_files",
    "open_store",
    "shipped_data",
    "sparql_prefixes",
    "store_path",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``claimgraph.Snippet`` is imported on first use: drawing needs networkx and numpy,
    which the command line's other work does not."""
    if name == "Snippet":
        from claimgraph.graph.views.snippet import Snippet

        return Snippet
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")
