"""The OpenAPI document matches the behaviour: a schemathesis run against a live server (with
the write token, so writes are exercised too) finds no server error and no undocumented
status code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from .conftest import LiveServer

SCHEMATHESIS = Path(sys.executable).parent / "st"


def test_schemathesis_finds_no_server_error(live_server: LiveServer, tmp_path: Path) -> None:
    # In a fresh folder: schemathesis keeps the examples of earlier runs in the working
    # directory and replays them, so a run in the checkout would not be this seed's alone.
    result = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{live_server.url}/openapi.json",
         "--checks", "not_a_server_error,status_code_conformance",
         "--max-examples", "30", "--seed", "20190706", "--no-color",
         "-H", f"Authorization: Bearer {live_server.token}"],
        capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "passed" in result.stdout


def test_the_documented_paths(live_server: LiveServer) -> None:
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    assert {"/sparql", "/void", "/sparql/description"} <= set(spec["paths"])
    post = spec["paths"]["/sparql"]["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded", "application/sparql-query",
        "application/sparql-update"}
    assert {"400", "401", "403", "406", "413", "415", "503"} <= set(post["responses"])
    parameters = {p["name"] for p in spec["paths"]["/sparql"]["get"]["parameters"]}
    assert parameters == {"query", "default-graph-uri", "named-graph-uri"}
