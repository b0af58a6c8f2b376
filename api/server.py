"""Run the API with uvicorn, announcing the address once the socket is open (or, with several
workers, once the first of them answers)."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Callable

import httpx
import uvicorn
from uvicorn.supervisors import Multiprocess

from claimgraph.api.main import create_app
from claimgraph.api.settings import TOKEN_FILE_ENV, Settings, settings_environment
from claimgraph.config import STORE_ENV
from claimgraph.graph.backends.store import Store

__all__ = ["serve", "serve_workers"]

FACTORY = "claimgraph.api.workers:create_app_from_environment"
READY_SECONDS = 60


class _AnnouncingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, announce: Callable[[str, int], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            self._announce(host, port)


def serve(store: Store, settings: Settings, *, host: str, port: int, log_level: str,
          announce: Callable[[str, int], None]) -> None:
    """Serve until interrupted. ``port`` 0 picks a free port; ``announce`` gets the real one."""
    config = uvicorn.Config(create_app(store, settings), host=host, port=port,
                            log_level=log_level)
    asyncio.run(_AnnouncingServer(config, announce).serve())


def _announce_when_answering(host: str, port: int, announce: Callable[[str, int], None]) -> None:
    """Poll the shared socket until a worker answers (bounded), then announce."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://{host}:{port}/", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        announce(host, port)
        return


def serve_workers(location: str, settings: Settings, *, workers: int, token_file: str | None,
                  host: str, port: int, log_level: str,
                  announce: Callable[[str, int], None]) -> None:
    """Serve with ``workers`` processes, each building its own app over the remote store at
    ``location`` (see claimgraph.api.workers), until interrupted."""
    os.environ[STORE_ENV] = location
    os.environ.update(settings_environment(settings))
    if token_file:
        os.environ[TOKEN_FILE_ENV] = token_file
    config = uvicorn.Config(FACTORY, factory=True, host=host, port=port, workers=workers,
                            log_level=log_level)
    sock = config.bind_socket()
    bound_host, bound_port = sock.getsockname()[:2]
    threading.Thread(target=_announce_when_answering, args=(bound_host, bound_port, announce),
                     daemon=True).start()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
