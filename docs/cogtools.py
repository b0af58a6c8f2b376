"""Helpers for the cog blocks of README.md: run real commands, paste their real output.

Regenerate with ``make docs``; the test suite runs ``cog --check`` so the README cannot drift.
"""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cog  # provided by cogapp while it runs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = "~/.local/share/claimgraph/store"
_STORE = Path(tempfile.mkdtemp(prefix="claimgraph-readme-")) / "store"
atexit.register(shutil.rmtree, _STORE.parent, ignore_errors=True)


def _run(command: str, *, stderr: bool = False) -> str:
    argv = shlex.split(command)
    assert argv[0] == "claimgraph", command
    env = {**os.environ, "CLAIMGRAPH_STORE": str(_STORE)}
    with tempfile.TemporaryDirectory() as scratch:
        # Files a command writes land in a scratch folder; paths to docs/ still resolve.
        argv = [str(ROOT / a) if a.startswith("docs/") or a.startswith("data/") else a
                for a in argv]
        result = subprocess.run([sys.executable, "-m", "claimgraph.cli", *argv[1:]],
                                cwd=scratch, env=env, capture_output=True, text=True,
                                check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed: {result.stderr}")
    output = result.stdout + (result.stderr if stderr else "")
    return output.replace(str(_STORE), DEFAULT_STORE).replace(str(ROOT) + "/", "")


def console(*commands: str, stderr: bool = False) -> None:
    """A console block: each command after '$ ', then what it printed."""
    cog.outl("```console")
    for command in commands:
        cog.outl(f"$ {command}")
        cog.out(_run(command, stderr=stderr))
    cog.outl("```")


def sparql(path: str) -> None:
    """A sparql block with the text of a query file."""
    cog.outl("```sparql")
    cog.out((ROOT / path).read_text(encoding="utf-8"))
    cog.outl("```")


class _Server:
    """One `claimgraph serve` for the README's HTTP examples, shown as port 8000."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> str:
        if self.process is None:
            env = {**os.environ, "CLAIMGRAPH_TOKEN": "s3cret"}
            self.process = subprocess.Popen(
                [sys.executable, "-m", "claimgraph.cli", "serve", "--port", "0", "--store",
                 str(_STORE.parent / "served")], cwd=ROOT, env=env, text=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            assert self.process.stderr is not None
            for line in self.process.stderr:
                if " on http://" in line:
                    self.url = line.split(" on ")[1].split("/ ")[0]
                    break
            atexit.register(self.stop)
        return self.url

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)
            self.process = None


_SERVER = _Server()
SHOWN_URL = "http://127.0.0.1:8000"


def shell(*commands: str) -> None:
    """A console block of shell commands (curl...) run against a live server."""
    url = _SERVER.start()
    cog.outl("```console")
    for command in commands:
        cog.outl(f"$ {command}")
        result = subprocess.run(command.replace(SHOWN_URL, url), shell=True, cwd=ROOT,
                                capture_output=True, text=True, check=False)
        cog.out(result.stdout.replace(url, SHOWN_URL))
    cog.outl("```")


def python(code: str) -> None:
    """A python block, then what it printed when run against a live server."""
    url = _SERVER.start()
    result = subprocess.run([sys.executable, "-c", code.replace(SHOWN_URL, url)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    cog.outl("```python")
    cog.out(code)
    cog.outl("```")
    cog.outl("```text")
    cog.out(result.stdout.replace(url, SHOWN_URL))
    cog.outl("```")
