"""The store backends the behavioural tests run on: the embedded default and a real Virtuoso.

A test asks for ``any_store`` (an empty store) or for ``backend`` and then
``backend.prepared(key, setup)``: a store holding what ``setup`` wrote, shared by every
test that asks for the same key, so such tests only read. The embedded backend gives each
key its own in-memory store. The Virtuoso backend has one server for the whole session, so
it holds one state at a time: it remembers which key it holds, loads again only when a test
asks for another one, and an empty store (``fresh``) drops every graph first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import claimgraph
from claimgraph.config import open_store
from claimgraph.graph.backends.remote import STAGING, RemoteStore
from claimgraph.graph.backends.sparql_http import RemoteConfig
from claimgraph.graph.backends.store import Solutions, Store

from .virtuoso import PASSWORD, USER, Virtuoso, start_virtuoso, stop_virtuoso

__all__ = ["BACKENDS", "Backend", "VirtuosoState", "remote_config_of", "running_virtuoso"]

BACKENDS = ("embedded", "virtuoso")


def remote_config_of(server: Virtuoso) -> RemoteConfig:
    """All three endpoints of the test server, with its administrator's credentials."""
    return RemoteConfig(query_url=server.sparql, update_url=server.update,
                        graph_store_url=server.graph_store, user=USER, password=PASSWORD)


@contextmanager
def running_virtuoso(folder: Path, *, discard: bool = False
                     ) -> Iterator[tuple[Virtuoso, RemoteStore]]:
    """A Virtuoso with its database in ``folder`` and a store on it, both closed at the end
    (``discard``: killed without a checkpoint, for data nobody keeps)."""
    server = start_virtuoso(folder)
    store = RemoteStore(remote_config_of(server))
    try:
        yield server, store
    finally:
        store.close()
        stop_virtuoso(server, discard=discard)


@dataclass
class VirtuosoState:
    """The session's Virtuoso, one connection pool to it, and what it holds now."""

    server: Virtuoso
    store: RemoteStore
    holding: str | None = None
    """The key of the prepared data it holds; None once a test may have changed it."""

    def wipe(self) -> None:
        """Drop every graph claimgraph wrote (staging graphs left by failures included)."""
        result = self.store.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER (STRSTARTS(STR(?g), "{STAGING}")) }}')
        assert isinstance(result, Solutions)
        graphs = set(self.store.named_graphs()) | {str(g) for g in result.column("g")}
        if graphs:
            self.store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs)))
        self.holding = None


@dataclass
class Backend:
    """One backend: empty stores, and prepared ones by key."""

    name: str
    virtuoso: VirtuosoState | None = None
    _prepared: dict[str, Store] = field(default_factory=dict)

    def fresh(self) -> Store:
        """An empty store (on Virtuoso: every graph dropped, the shared server's)."""
        if self.virtuoso is None:
            return open_store(":memory:")
        self.virtuoso.wipe()
        return self.virtuoso.store.limited(None)

    def prepared(self, key: str, setup: Callable[[Store], object]) -> Store:
        """A store holding what ``setup`` writes into an empty one; only read it."""
        if self.virtuoso is None:
            if key not in self._prepared:
                store = open_store(":memory:")
                setup(store)
                self._prepared[key] = store
            return self._prepared[key]
        if self.virtuoso.holding != key:
            setup(self.fresh())
            self.virtuoso.holding = key
        return self.virtuoso.store.limited(None)

    def seed(self) -> Store:
        """The shipped article, loaded."""
        return self.prepared("seed", claimgraph.load_files)

    def persistent(self, folder: Path) -> Store:
        """An empty store that outlives its process (embedded: on disk in ``folder``)."""
        if self.virtuoso is None:
            return open_store(folder / "store")
        return self.fresh()

    def reopen(self, store: Store) -> Store:
        """The same store opened again, as another process would."""
        if self.virtuoso is None:
            return open_store(store.location)
        return RemoteStore(self.virtuoso.store.config)

    def close(self) -> None:
        for store in self._prepared.values():
            store.close()
        self._prepared.clear()
