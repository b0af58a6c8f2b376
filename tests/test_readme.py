"""The README's commands print what the README says they print (docs that cannot drift)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_readme_starts_with_the_two_commands() -> None:
    first = _blocks("console")[0]
    assert first.splitlines()[0].startswith("make serve")
    assert first.splitlines()[1].startswith("make test")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]


def test_readme_output_is_what_the_commands_print_now() -> None:
    """Every console and sparql block between cog markers is regenerated and compared."""
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "-I", "docs",
                             "README.md"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr + (
        "\nREADME.md is out of date: run `make docs`")


def test_readme_shows_the_three_questions() -> None:
    commands = [c for block in _blocks("console")
                for c in re.findall(r"^\$ (claimgraph .*)$", block, flags=re.MULTILINE)]
    assert commands == [
        "claimgraph validate data/",
        "claimgraph load data/",
        "claimgraph query --width 120 docs/queries/who-claimed-what.rq",
        "claimgraph query --width 120 docs/queries/contested.rq",
        "claimgraph query --width 120 docs/queries/collective-sources.rq",
        "claimgraph snippet --contested -o contested.svg",
        "claimgraph snippet --source hrw -o hrw.html",
        "claimgraph draft data/articles/idlib-offensive-2019.txt --published 2019-07-06 "
        "--outlet Reuters -o draft.claims.yaml "
        "--compare data/articles/idlib-offensive-2019.claims.yaml",
    ]
    assert len(_blocks("sparql")) == 3
