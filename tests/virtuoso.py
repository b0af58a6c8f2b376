"""A real Virtuoso (Debian's ``virtuoso-opensource``) on loopback, in a temporary database.

Debian's package starts no service; this copies its ``virtuoso.ini``, points the database at
a temporary folder, binds both ports to 127.0.0.1 on free ports, starts
``virtuoso-t +foreground`` and polls its HTTP port until it answers. Used by the backend
fixture in ``tests/conftest.py`` and the multi-worker API test; ``python tests/virtuoso.py``
starts one by hand and prints its endpoints.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ["INI", "VIRTUOSO", "Virtuoso", "start_virtuoso", "stop_virtuoso"]

VIRTUOSO = "/usr/bin/virtuoso-t"
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
READY_SECONDS = 60
USER, PASSWORD = "dba", "dba"  # a fresh database's administrator


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: where it answers and where its files are."""

    http: str
    """Base URL, e.g. http://127.0.0.1:PORT"""
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        """The public query endpoint (read-only)."""
        return f"{self.http}/sparql"

    @property
    def update(self) -> str:
        """The endpoint for updates: digest-authenticated as the administrator."""
        return f"{self.http}/sparql-auth"

    @property
    def graph_store(self) -> str:
        return f"{self.http}/sparql-graph-crud-auth"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def configure(template: str, settings: dict[tuple[str, str], str]) -> str:
    """``template`` with each (section, key) set to its value: replaced where the key is,
    added at the top of its section where it is not. Lines may carry ``;`` comments."""
    pending = dict(settings)
    lines: list[str] = []
    section = ""
    for line in template.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            section = header[1]
            lines.append(line)
            lines += [f"{key} = {value}" for (where, key), value in list(pending.items())
                      if where == section and not _has_key(template, section, key)]
            continue
        key = re.match(r"\s*([A-Za-z_0-9]+)\s*=", line)
        if key and (section, key[1]) in pending:
            lines.append(f"{key[1]} = {pending[(section, key[1])]}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _has_key(template: str, section: str, key: str) -> bool:
    match = re.search(rf"^\[{re.escape(section)}\]\n(.*?)(?=^\[|\Z)", template, re.M | re.S)
    return bool(match and re.search(rf"^\s*{re.escape(key)}\s*=", match[1], re.M))


def start_virtuoso(folder: Path, *, query_seconds: int = 60,
                   max_rows: int = 1_000_000) -> Virtuoso:
    """Start Virtuoso with its database in ``folder``; return once its HTTP port answers.

    ``query_seconds`` and ``max_rows`` are its MaxQueryExecutionTime and ResultSetMaxRows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    db = str(folder)
    settings = {
        ("Database", "DatabaseFile"): f"{db}/virtuoso.db",
        ("Database", "ErrorLogFile"): f"{db}/virtuoso.log",
        ("Database", "LockFile"): f"{db}/virtuoso.lck",
        ("Database", "TransactionFile"): f"{db}/virtuoso.trx",
        ("Database", "xa_persistent_file"): f"{db}/virtuoso.pxa",
        ("TempDatabase", "DatabaseFile"): f"{db}/virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): f"{db}/virtuoso-temp.trx",
        ("Parameters", "ServerPort"): f"127.0.0.1:{sql_port}",
        ("Parameters", "DirsAllowed"): f"., /usr/share/virtuoso-opensource-7/vad, {db}",
        ("Parameters", "NumberOfBuffers"): "20000",
        ("Parameters", "MaxDirtyBuffers"): "15000",
        ("HTTPServer", "ServerPort"): f"127.0.0.1:{http_port}",
        ("HTTPServer", "ServerRoot"): f"{db}/vsp",
        ("HTTPServer", "ServerThreads"): "20",
        ("HTTPServer", "MaxClientConnections"): "20",
        ("SPARQL", "ResultSetMaxRows"): str(max_rows),
        ("SPARQL", "MaxQueryExecutionTime"): str(query_seconds),
    }
    (folder / "vsp").mkdir(exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(configure(INI.read_text(), settings), encoding="utf-8")
    process = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"],
                               cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    server = Virtuoso(f"http://127.0.0.1:{http_port}", folder, process)
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{server.log()}")
        try:
            answer = httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=2)
            if answer.status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # bounded polling for readiness, not synchronisation
    stop_virtuoso(server)
    raise RuntimeError(f"Virtuoso did not answer within {READY_SECONDS} s:\n{server.log()}")


def stop_virtuoso(server: Virtuoso, *, remove: bool = True, discard: bool = False) -> None:
    """Stop the server (it checkpoints on SIGTERM) and remove its folder; ``discard``: a
    server whose data nobody keeps, killed without a checkpoint."""
    if discard:
        server.process.kill()
    else:
        server.process.terminate()
    try:
        server.process.wait(30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if remove:
        shutil.rmtree(server.folder, ignore_errors=True)


if __name__ == "__main__":
    import tempfile

    running = start_virtuoso(Path(tempfile.mkdtemp(prefix="virtuoso-")))
    print(f"query {running.sparql}\nupdate {running.update} (digest {USER}/{PASSWORD})\n"
          f"graph store {running.graph_store}\nfolder {running.folder}\npid {running.process.pid}",
          flush=True)
    try:
        running.process.wait()
    except KeyboardInterrupt:
        stop_virtuoso(running)
