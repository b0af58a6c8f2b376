"""Where things are: the store, from the command line, the environment or a default.

A store location is a folder (the embedded store) or the http(s) URL of a SPARQL server's
query endpoint (the remote store); the rest of a remote store's settings come from the
environment: see :func:`remote_config`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from claimgraph.graph.backends.embedded import EmbeddedStore
from claimgraph.graph.backends.remote import RemoteStore
from claimgraph.graph.backends.sparql_http import RemoteConfig
from claimgraph.graph.backends.store import Store

__all__ = [
    "GRAPH_STORE_URL_ENV",
    "STORE_ENV",
    "STORE_PASSWORD_ENV",
    "STORE_TOKEN_ENV",
    "STORE_USER_ENV",
    "UPDATE_URL_ENV",
    "default_store_path",
    "is_remote",
    "open_store",
    "remote_config",
    "store_location",
    "store_path",
]

STORE_ENV = "CLAIMGRAPH_STORE"
UPDATE_URL_ENV = "CLAIMGRAPH_UPDATE_URL"
GRAPH_STORE_URL_ENV = "CLAIMGRAPH_GRAPH_STORE_URL"
STORE_USER_ENV = "CLAIMGRAPH_STORE_USER"
STORE_PASSWORD_ENV = "CLAIMGRAPH_STORE_PASSWORD"
STORE_TOKEN_ENV = "CLAIMGRAPH_STORE_TOKEN"


def default_store_path() -> Path:
    """The per-user default: e.g. ~/.local/share/claimgraph/store on Linux."""
    return platformdirs.user_data_path("claimgraph") / "store"


def is_remote(location: str | os.PathLike[str] | None) -> bool:
    """Whether ``location`` is the URL of a SPARQL server rather than a folder."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def store_location(location: str | os.PathLike[str] | None = None) -> str | Path:
    """``location`` if given, else $CLAIMGRAPH_STORE, else the default folder: a URL stays a
    string, a folder becomes a Path."""
    chosen = location or os.environ.get(STORE_ENV) or default_store_path()
    return chosen if is_remote(chosen) else Path(chosen)  # type: ignore[return-value]


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The embedded store's folder: ``path`` if given, else $CLAIMGRAPH_STORE, else the
    default."""
    if path:
        return Path(path)
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    return default_store_path()


def remote_config(query_url: str, *, timeout: float | None = None) -> RemoteConfig:
    """A remote store's settings: the query URL, and from the environment the update URL
    ($CLAIMGRAPH_UPDATE_URL, default the query URL), the Graph Store URL
    ($CLAIMGRAPH_GRAPH_STORE_URL) and credentials ($CLAIMGRAPH_STORE_USER and
    $CLAIMGRAPH_STORE_PASSWORD, or $CLAIMGRAPH_STORE_TOKEN)."""
    return RemoteConfig(
        query_url=query_url,
        update_url=os.environ.get(UPDATE_URL_ENV) or None,
        graph_store_url=os.environ.get(GRAPH_STORE_URL_ENV) or None,
        user=os.environ.get(STORE_USER_ENV) or None,
        password=os.environ.get(STORE_PASSWORD_ENV) or None,
        token=os.environ.get(STORE_TOKEN_ENV) or None,
        timeout=timeout,
    )


def open_store(location: str | os.PathLike[str] | RemoteConfig | None = None, *,
               read_only: bool = False) -> Store:
    """Open the store at :func:`store_location`: the embedded store in a folder
    (``":memory:"`` for a throwaway one), or a SPARQL server given by its query URL or a
    :class:`RemoteConfig`. ``read_only`` applies to the embedded store."""
    if isinstance(location, RemoteConfig):
        return RemoteStore(location)
    if str(location) == ":memory:":
        return EmbeddedStore(None)
    where = store_location(location)
    if isinstance(where, str):
        return RemoteStore(remote_config(where))
    return EmbeddedStore(where, read_only=read_only)
