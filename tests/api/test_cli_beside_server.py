"""While `claimgraph serve` holds the embedded store, the command line still reads it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, LiveServer


def run(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMGRAPH_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def test_query_export_and_snippet_work_while_the_server_runs(live_server: LiveServer,
                                                            tmp_path: Path) -> None:
    query = run("query", "--format", "csv",
                "SELECT ?claim WHERE { ?c cg:claimant source:hrw ; dcterms:identifier ?claim }",
                store=live_server.store)
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines() == ["claim", "hrw-cluster-munitions"]
    export = run("export", "--format", "nquads", "-o", str(tmp_path / "all.nq"),
                 store=live_server.store)
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "all.nq").stat().st_size > 100_000
    snippet = run("snippet", "--contested", "-o", str(tmp_path / "contested.svg"),
                  store=live_server.store)
    assert snippet.returncode == 0, snippet.stderr
    assert "Human Rights Watch" in (tmp_path / "contested.svg").read_text(encoding="utf-8")


def test_loading_while_the_server_runs_says_why_it_cannot(live_server: LiveServer) -> None:
    load = run("load", store=live_server.store)
    assert load.returncode == 1
    assert "another process" in load.stderr
    assert "Traceback" not in load.stderr
