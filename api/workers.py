"""Several API workers over one SPARQL server: the app factory each worker imports, and the
response header that says which worker answered.

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

import os

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["WORKER_HEADER", "WorkerHeader", "create_app_from_environment"]

WORKER_HEADER = "X-Claimgraph-Worker"
"""Response header naming the process (its pid) that answered: tells workers apart."""


class WorkerHeader:
    """ASGI middleware adding ``X-Claimgraph-Worker: <pid>`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.value = str(os.getpid()).encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((WORKER_HEADER.lower().encode("ascii"), self.value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


def create_app_from_environment() -> FastAPI:
    """The app of one worker: its own connection to the store named by the environment."""
    # Imported here: claimgraph.api.main imports this module for the middleware.
    from claimgraph.api.main import create_app
    from claimgraph.api.settings import settings_from_environment
    from claimgraph.config import open_store

    return create_app(open_store(), settings_from_environment())
