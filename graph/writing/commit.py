"""The one write path: a change written to the store, then the statuses derived again.

Every write claimgraph makes goes through :func:`commit`: ``claimgraph load`` and the loader
behind it (:func:`claimgraph.graph.writing.loading.load_checked`), ``PUT /articles/{id}``, the
Graph Store routes (:mod:`claimgraph.graph.writing.graph_store`) and SPARQL Update
(:func:`apply_update`). So what follows a write (derivation today; its scope, its atomicity
for readers and its audit record as they change) is decided in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from claimgraph.graph.backends.store import Store
from claimgraph.graph.derive.status import StatusSummary, derive_statuses

__all__ = ["Committed", "apply_update", "commit"]

log = logging.getLogger("claimgraph.write")

T = TypeVar("T")


@dataclass(frozen=True)
class Committed(Generic[T]):
    """What a write answered (``result``) and the statuses derived after it."""

    result: T
    statuses: StatusSummary


def commit(store: Store, write: Callable[[Store], T], *, what: str,
           time_limit: float | None = None) -> Committed[T]:
    """Run ``write`` on ``store`` (one atomic store call, or a few), then derive the statuses
    again; ``what`` says in the log what was written. A write that raises derives nothing.

    With ``time_limit``, the write runs on ``store.limited(time_limit)`` (the limit a public
    request has: a runaway update is stopped where the store can stop it); derivation always
    runs to the end, on ``store`` itself."""
    result = write(store if time_limit is None else store.limited(time_limit))
    statuses = derive_statuses(store)
    log.info("%s; statuses: %s", what, statuses)
    return Committed(result, statuses)


def apply_update(store: Store, update: str, *, base_iri: str | None = None,
                 time_limit: float | None = None) -> StatusSummary:
    """Run a SPARQL 1.1 Update request as one transaction (stopped after ``time_limit``
    seconds where the store can stop it), then derive the statuses."""
    return commit(store, lambda target: target.update(update, base_iri=base_iri),
                  what="SPARQL update applied", time_limit=time_limit).statuses
