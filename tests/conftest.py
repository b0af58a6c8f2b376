"""Fixtures shared by the whole suite: the store backends (see tests/backends.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.graph.backends.remote import RemoteStore
from claimgraph.graph.backends.store import Store

from .backends import BACKENDS, Backend, VirtuosoState, remote_config_of
from .virtuoso import start_virtuoso, stop_virtuoso


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoState]:
    """A real Virtuoso on loopback for the whole session, in a temporary database."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    store = RemoteStore(remote_config_of(server))
    try:
        yield VirtuosoState(server, store)
    finally:
        store.close()
        stop_virtuoso(server)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Each backend in turn: every test that uses it runs on both."""
    state = request.getfixturevalue("virtuoso") if request.param == "virtuoso" else None
    chosen = Backend(request.param, state)
    yield chosen
    chosen.close()


@pytest.fixture
def any_store(backend: Backend) -> Iterator[Store]:
    """An empty store of each backend."""
    store = backend.fresh()
    yield store
    store.close()
