"""Where things are: the store location, from the command line, the environment or a default."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from claimgraph.graph.embedded import EmbeddedStore

__all__ = ["STORE_ENV", "default_store_path", "open_store", "store_path"]

STORE_ENV = "CLAIMGRAPH_STORE"


def default_store_path() -> Path:
    """The per-user default: e.g. ~/.local/share/claimgraph/store on Linux."""
    return platformdirs.user_data_path("claimgraph") / "store"


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store location: ``path`` if given, else $CLAIMGRAPH_STORE, else the default."""
    if path:
        return Path(path)
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    return default_store_path()


def open_store(path: str | os.PathLike[str] | None = None, *,
               read_only: bool = False) -> EmbeddedStore:
    """Open the embedded store at :func:`store_path` (``":memory:"`` for a throwaway one)."""
    if str(path) == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(store_path(path), read_only=read_only)
