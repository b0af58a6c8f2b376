"""Run the API with uvicorn, announcing the address once the socket is open."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import uvicorn

from claimgraph.api.main import create_app
from claimgraph.api.settings import Settings
from claimgraph.graph.store import Store

__all__ = ["serve"]


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
