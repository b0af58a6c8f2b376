"""The embedded store run in a child process, so that a runaway query can really be stopped.

Oxigraph (like most SPARQL engines) cannot interrupt a query once it runs, and its Python
API has no time limit. So the server keeps the store in a child process that serves calls
on a local socket, each connection in its own thread (Oxigraph releases the GIL while it
evaluates, so queries run side by side). A call that overruns its time limit gets the child
killed: the work really stops, and a fresh child reopens the store. Writes are transactions,
so a write cut short is not applied at all. Calls that were running in the killed child
are retried once when they only read.

``IsolatedStore.open(path)`` starts the child and returns a view without limits (for
loading and status derivation); ``view.limited(seconds)`` shares the same child and stops
each call after ``seconds``. :meth:`IsolatedStore.query_serialized_async` is the same call
awaited on the event loop, with no worker thread in between: a request then costs two
wake-ups (the child's and the loop's) instead of four.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Client, Connection, Listener
from typing import Any, cast

from claimgraph import errors
from claimgraph.errors import ClaimgraphError, QueryTimeout, StoreError
from claimgraph.graph.backends.store import Capabilities, QueryResult

__all__ = ["IsolatedStore"]

log = logging.getLogger("claimgraph.store")

_READS = frozenset({"query", "query_serialized", "named_graphs", "count_triples", "export"})


def _serve_connection(store: Any, conn: Connection) -> None:
    while True:
        try:
            method, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        if method == "shutdown":
            store.close()
            conn.send(("ok", None))
            os._exit(0)
        try:
            result = getattr(store, method)(*args, **kwargs)
            reply: tuple[str, Any] = ("ok", result)
        except ClaimgraphError as error:
            reply = ("error", (type(error).__name__, str(error)))
        except Exception as error:
            reply = ("error", ("StoreError", f"{type(error).__name__}: {error}"))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent process is gone, so no orphan keeps the store locked."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _child_main(path: str, address: str) -> None:
    """The child process: open the store, then serve connections until killed.

    Started as ``python -m claimgraph.graph.backends.isolated PATH ADDRESS`` with the connection key
    on standard input; it answers ``ready`` or ``error <message>`` on standard output.
    """
    from claimgraph.graph.backends.embedded import EmbeddedStore

    authkey = bytes.fromhex(sys.stdin.readline().strip())
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:
        store = EmbeddedStore(path)
        listener = Listener(address, family="AF_UNIX", authkey=authkey)
    except Exception as error:
        print("error", " ".join(str(error).split()), flush=True)
        return
    print("ready", flush=True)
    while True:
        try:
            conn = listener.accept()
        except (OSError, EOFError):  # a client that failed the handshake
            continue
        threading.Thread(target=_serve_connection, args=(store, conn), daemon=True).start()


class _Child:
    """One child process holding the store, and a pool of idle connections to it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._folder = tempfile.mkdtemp(prefix="claimgraph-store-")
        self._generation = 0
        self._process: subprocess.Popen[str] | None = None
        self._idle: list[Connection] = []
        self._start()
        atexit.register(self.close)

    def _start(self) -> None:
        self._authkey = os.urandom(32)
        self._address = os.path.join(self._folder, f"store-{self._generation}.sock")
        process = subprocess.Popen(
            [sys.executable, "-m", "claimgraph.graph.backends.isolated", self.path, self._address],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(self._authkey.hex() + "\n")
        process.stdin.close()
        answer = process.stdout.readline().strip()  # the child answers or exits
        process.stdout.close()  # the child says nothing more
        if answer != "ready":
            process.wait(10)
            detail = answer.removeprefix("error ").strip() or f"exit code {process.returncode}"
            raise StoreError(f"cannot open the store at {self.path}: {detail}")
        self._process = process
        log.info("store process %s serves %s", process.pid, self.path)

    def checkout(self) -> tuple[int, Connection]:
        with self._lock:
            generation = self._generation
            if self._idle:
                return generation, self._idle.pop()
            address, authkey = self._address, self._authkey
        return generation, Client(address, family="AF_UNIX", authkey=authkey)

    def checkout_idle(self) -> tuple[int, Connection] | None:
        """An idle connection, or None when there is none (opening one takes a handshake)."""
        with self._lock:
            if self._idle:
                return self._generation, self._idle.pop()
        return None

    def checkin(self, generation: int, conn: Connection) -> None:
        with self._lock:
            if generation == self._generation:
                self._idle.append(conn)
                return
        conn.close()

    def restart(self, generation: int) -> None:
        """Kill the child (if it is still the one of ``generation``) and start a new one."""
        with self._lock:
            if generation != self._generation:
                return  # another caller restarted it already
            if self._process is not None:
                self._process.kill()
                self._process.wait(10)
            for conn in self._idle:
                conn.close()
            self._idle.clear()
            self._generation += 1
            self._start()

    def revive(self, generation: int) -> None:
        """Start a new child if the one of ``generation`` has died (crashed or was killed)."""
        with self._lock:
            process = self._process
            if process is None or generation != self._generation:
                return
        try:
            process.wait(2)  # a broken connection: give a dying child time to be reaped
        except subprocess.TimeoutExpired:
            return  # it is alive: the connection broke for another reason
        log.warning("store process exited (code %s); starting a new one", process.returncode)
        self.restart(generation)

    def close(self) -> None:
        """Ask the child to flush and exit; kill it if it does not."""
        with self._lock:
            process, self._process = self._process, None
            if process is not None and process.poll() is None:
                with contextlib.suppress(OSError, EOFError):
                    conn = Client(self._address, family="AF_UNIX", authkey=self._authkey)
                    conn.send(("shutdown", (), {}))
                    conn.poll(30)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            for conn in self._idle:
                conn.close()
            self._idle.clear()
        shutil.rmtree(self._folder, ignore_errors=True)


async def _readable(conn: Connection, timeout: float | None) -> bool:
    """Wait on the running event loop until ``conn`` has data (or is closed): True, or
    False after ``timeout`` seconds (None: no limit)."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    fd = conn.fileno()
    loop.add_reader(fd, wake)
    try:
        await asyncio.wait_for(ready, timeout)
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
    return True


def _unwrap(reply: tuple[str, Any]) -> Any:
    """A reply's result, or its error raised as the claimgraph error it names."""
    status, payload = reply
    if status == "ok":
        return payload
    name, message = payload
    error_type = getattr(errors, name, StoreError)
    raise error_type(message)


def _restarted_error() -> StoreError:
    return StoreError("the store process restarted while this call ran (another query "
                      "overran its time limit, or it stopped); a write is applied whole or "
                      "not at all: check before retrying")


class IsolatedStore:
    """A :class:`~claimgraph.graph.backends.store.Store` whose calls run in a child process."""

    capabilities = Capabilities(stops_calls=True, answers_on_event_loop=True,
                                transactions=True, bulk_load=True, server_side_construct=True)

    def __init__(self, child: _Child, timeout: float | None) -> None:
        self._child = child
        self.timeout = timeout
        self.location = child.path

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, timeout: float | None = None) -> IsolatedStore:
        """Start a child process holding the on-disk store at ``path``."""
        return cls(_Child(str(path)), timeout)

    def limited(self, timeout: float | None) -> IsolatedStore:
        """A view of the same store that stops every call after ``timeout`` seconds."""
        return IsolatedStore(self._child, timeout)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        for attempt in (1, 2):
            generation, conn = -1, None
            try:
                generation, conn = self._child.checkout()
                conn.send((method, args, kwargs))
                if not conn.poll(self.timeout):
                    conn.close()
                    self._child.restart(generation)
                    raise self._timeout_error()
                reply = conn.recv()
            except (EOFError, OSError):
                if conn is not None:
                    conn.close()
                self._child.revive(generation)
                if attempt == 1 and method in _READS:
                    log.info("store process restarted during %s; retrying once", method)
                    continue
                raise _restarted_error() from None
            self._child.checkin(generation, conn)
            return _unwrap(reply)
        raise AssertionError("unreachable")

    async def _call_async(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """:meth:`_call` awaited on the running event loop: the reply is awaited as the
        connection becoming readable, not in a worker thread (a thread only opens a new
        connection, whose handshake blocks, and restarts the child)."""
        for attempt in (1, 2):
            generation, conn = -1, None
            try:
                idle = self._child.checkout_idle()
                generation, conn = idle if idle else await asyncio.to_thread(self._child.checkout)
                conn.send((method, args, kwargs))
                if not await _readable(conn, self.timeout):
                    conn.close()
                    await asyncio.to_thread(self._child.restart, generation)
                    raise self._timeout_error()
                # The child sends a finished reply in one go: reading it takes copying time.
                reply = conn.recv()
            except (EOFError, OSError):
                if conn is not None:
                    conn.close()
                await asyncio.to_thread(self._child.revive, generation)
                if attempt == 1 and method in _READS:
                    log.info("store process restarted during %s; retrying once", method)
                    continue
                raise _restarted_error() from None
            except asyncio.CancelledError:  # the reply would be left unread on the connection
                if conn is not None:
                    conn.close()
                raise
            self._child.checkin(generation, conn)
            return _unwrap(reply)
        raise AssertionError("unreachable")

    def _timeout_error(self) -> QueryTimeout:
        return QueryTimeout(f"stopped after the {self.timeout:g}-second time limit: "
                            "narrow the query or add a LIMIT")

    # -- the Store protocol ----------------------------------------------------------------

    def query(self, sparql: str, *, union_default_graph: bool = True,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        return cast(QueryResult, self._call("query", sparql,
                                            union_default_graph=union_default_graph,
                                            default_graphs=default_graphs,
                                            named_graphs=named_graphs))

    def query_serialized(self, sparql: str, result_format: str, *,
                         union_default_graph: bool = True,
                         default_graphs: Sequence[str] | None = None,
                         named_graphs: Sequence[str] | None = None,
                         max_bytes: int | None = None, base_iri: str | None = None) -> bytes:
        return cast(bytes, self._call("query_serialized", sparql, result_format,
                                      union_default_graph=union_default_graph,
                                      default_graphs=default_graphs, named_graphs=named_graphs,
                                      max_bytes=max_bytes, base_iri=base_iri))

    async def query_serialized_async(self, sparql: str, result_format: str, *,
                                     union_default_graph: bool = True,
                                     default_graphs: Sequence[str] | None = None,
                                     named_graphs: Sequence[str] | None = None,
                                     max_bytes: int | None = None,
                                     base_iri: str | None = None) -> bytes:
        """:meth:`query_serialized` for a coroutine: no worker thread per call."""
        return cast(bytes, await self._call_async("query_serialized", sparql, result_format,
                                                  union_default_graph=union_default_graph,
                                                  default_graphs=default_graphs,
                                                  named_graphs=named_graphs,
                                                  max_bytes=max_bytes, base_iri=base_iri))

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        self._call("update", sparql, base_iri=base_iri)

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        self._call("replace_graphs", dict(graphs))

    def replace_graph_by_queries(self, graph: str, constructs: Sequence[str],
                                 ntriples: str = "") -> None:
        self._call("replace_graph_by_queries", graph, list(constructs), ntriples)

    def replace_graph_from_file(self, graph: str, path: str | os.PathLike[str]) -> None:
        self._call("replace_graph_from_file", graph, os.fspath(path))

    def named_graphs(self) -> list[str]:
        return cast(list[str], self._call("named_graphs"))

    def count_triples(self, graph: str | None = None) -> int:
        return cast(int, self._call("count_triples", graph))

    def export(self, dataset_format: str) -> bytes:
        return cast(bytes, self._call("export", dataset_format))

    def close(self) -> None:
        self._child.close()


if __name__ == "__main__":
    _child_main(sys.argv[1], sys.argv[2])
