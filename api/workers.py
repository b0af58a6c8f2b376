"""Several API workers over one SPARQL server: the app factory each worker imports.

The API tier keeps no state of its own: every request reads and writes the store, and the
store is the server's. So any number of worker processes (``claimgraph serve --workers N``,
or any process manager running ``uvicorn --factory
claimgraph.api.workers:create_app_from_environment``) can answer behind one address, and a
write made through one is seen by the next request whichever worker answers it. Each worker
builds its app from the environment: the store from ``$CLAIMGRAPH_STORE`` (a remote store's
URL, with the variables of :func:`claimgraph.config.remote_config`), the settings from the
variables of :func:`claimgraph.api.settings.settings_from_environment`.
"""

from __future__ import annotations

from fastapi import FastAPI

from claimgraph.api.main import create_app
from claimgraph.api.settings import settings_from_environment
from claimgraph.config import open_store

__all__ = ["create_app_from_environment"]

def create_app_from_environment() -> FastAPI:
    """The app of one worker: its own connection to the store named by the environment."""
    return create_app(open_store(), settings_from_environment())
