"""claimgraph: a claim-attribution knowledge graph.

Who claimed what, on whose authority, when, where it is written, and who disputes it.
The same functions serve the command line, the web API and notebooks::

    import claimgraph
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)                 # the shipped articles
    result = store.query("SELECT ...")
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
from claimgraph.graph.loading import check_files, load_files, shipped_data
from claimgraph.graph.namespaces import PREFIXES, sparql_prefixes
from claimgraph.graph.status import derive_statuses
from claimgraph.graph.store import Boolean, Solutions, Store, Term, Triples

__all__ = [
    "PREFIXES",
    "Boolean",
    "ClaimgraphError",
    "NotFound",
    "Problem",
    "QueryError",
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
