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


def _run(command: str) -> str:
    argv = shlex.split(command)
    assert argv[0] == "claimgraph", command
    env = {**os.environ, "CLAIMGRAPH_STORE": str(_STORE)}
    result = subprocess.run([sys.executable, "-m", "claimgraph.cli", *argv[1:]], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed: {result.stderr}")
    return result.stdout.replace(str(_STORE), DEFAULT_STORE)


def console(*commands: str) -> None:
    """A console block: each command after '$ ', then what it printed."""
    cog.outl("```console")
    for command in commands:
        cog.outl(f"$ {command}")
        cog.out(_run(command))
    cog.outl("```")


def sparql(path: str) -> None:
    """A sparql block with the text of a query file."""
    cog.outl("```sparql")
    cog.out((ROOT / path).read_text(encoding="utf-8"))
    cog.outl("```")
