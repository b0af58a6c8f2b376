"""The README's commands print what the README says they print (docs that cannot drift)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEFAULT_STORE = "~/.local/share/claimgraph/store"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def _commands() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ claimgraph ...` line of the console blocks."""
    found = []
    for block in _blocks("console"):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            found.append((command, output))
    return found


def test_readme_starts_with_the_two_commands() -> None:
    first = _blocks("console")[0]
    assert first.splitlines()[0].startswith("make serve")
    assert first.splitlines()[1].startswith("make test")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]


def test_readme_queries_are_the_shipped_query_files() -> None:
    files = {p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "queries").glob("*.rq")}
    blocks = _blocks("sparql")
    assert len(blocks) == 3
    for block in blocks:
        assert block in files


def test_readme_commands_print_what_the_readme_shows(tmp_path: Path) -> None:
    commands = _commands()
    assert [c.split()[1] for c in (cmd for cmd, _ in commands)] == [
        "validate", "load", "query", "query", "query"]
    store = tmp_path / "store"
    env = {**os.environ, "CLAIMGRAPH_STORE": str(store), "COLUMNS": "200"}
    for command, expected in commands:
        argv = shlex.split(command)
        assert argv[0] == "claimgraph"
        result = subprocess.run([sys.executable, "-m", "claimgraph.cli", *argv[1:]], cwd=ROOT,
                                env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout.replace(str(store), DEFAULT_STORE) == expected, command
