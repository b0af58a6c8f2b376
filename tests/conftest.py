"""Fixtures shared by the whole suite: the store backends (see tests/backends.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.graph.backends.store import Store

from .backends import BACKENDS, Backend, VirtuosoState, running_virtuoso


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoState]:
    """A real Virtuoso on loopback for the whole session, in a temporary database."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as (server, store):
        yield VirtuosoState(server, store)


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
