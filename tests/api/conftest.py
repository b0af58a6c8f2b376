"""A real `claimgraph serve` process on a free loopback port, for protocol and client tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import claimgraph
from claimgraph import Store
from claimgraph.graph.backends.isolated import IsolatedStore

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-5c1e"
STARTUP_SECONDS = 60


@dataclass
class LiveServer:
    """A running server: its base URL, store folder, token and output so far."""

    url: str
    store: Path | str
    token: str | None
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def start_server(store: Path | str, *args: str, token: str | None = TOKEN) -> LiveServer:
    """Start `claimgraph serve --port 0` and wait for the line that says where it listens.

    ``store`` is the embedded store's folder or a SPARQL server's query URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_TOKEN",
                                                             "CLAIMGRAPH_TOKEN_FILE")}
    if token:
        env["CLAIMGRAPH_TOKEN"] = token
    process = subprocess.Popen(
        [sys.executable, "-m", "claimgraph.cli", "serve", "--port", "0", "--store", str(store),
         *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True)
    output: list[str] = []
    announced = threading.Event()
    address: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            output.append(line)
            match = re.search(r"on (http://[\d.]+:\d+)/", line)
            if match and not address:
                address.append(match[1])
                announced.set()
        announced.set()  # the process ended: stop waiting

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not announced.wait(STARTUP_SECONDS) or not address:
        process.kill()
        raise RuntimeError("claimgraph serve did not start:\n" + "".join(output))
    return LiveServer(address[0], store, token, process, output, reader)


def stop_server(server: LiveServer) -> None:
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.reader is not None:
        server.reader.join(10)
    if server.process.stderr is not None:
        server.process.stderr.close()


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """The shipped data in a store of the module's own (tests may write to it)."""
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def isolated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IsolatedStore]:
    """The shipped article in an embedded store run in a child process (what serve uses)."""
    store = IsolatedStore.open(tmp_path_factory.mktemp("isolated") / "store")
    claimgraph.load_files(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with the shipped article, a write token, and a 3-second query limit."""
    server = start_server(tmp_path_factory.mktemp("live") / "store", "--timeout", "3")
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def read_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server started with no token: every write must be refused."""
    server = start_server(tmp_path_factory.mktemp("readonly") / "store", token=None)
    yield server
    stop_server(server)
