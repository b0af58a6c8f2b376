"""Every code block of the docs is run or checked.

Blocks that cog writes (between ``]]] -->`` and ``<!-- [[[end]]] -->``) are checked by
``cog --check`` (test_pages.py, test_readme.py). Every other block is checked here by its
language: commands parse with claimgraph's own argparse parser (and name files that exist),
`make` targets exist, Python compiles and runs, SPARQL parses, YAML loads, paths in text
blocks exist. A block in a language with no check fails, so nothing slips through.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from claimgraph.cli import build_parser
from claimgraph.graph.terms.namespaces import sparql_prefixes

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "data" / "README.md",
                    *(ROOT / "docs").rglob("*.md")])


@dataclass(frozen=True)
class Block:
    document: Path
    line: int
    language: str
    text: str
    generated: bool

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(ROOT).as_posix()}:{self.line}:{self.language}"


def blocks(document: Path) -> list[Block]:
    """The fenced blocks of a Markdown document, each marked as written by cog or not."""
    found: list[Block] = []
    generated = False
    opened: tuple[int, str, list[str]] | None = None
    for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1):
        if opened is None and line.strip() == "]]] -->":
            generated = True
        elif opened is None and line.strip() == "<!-- [[[end]]] -->":
            generated = False
        elif line.startswith("```") and opened is None:
            opened = (number, line[3:].strip() or "text", [])
        elif line.startswith("```") and opened is not None:
            found.append(Block(document, opened[0], opened[1], "\n".join(opened[2]) + "\n",
                               generated))
            opened = None
        elif opened is not None:
            opened[2].append(line)
    return found


WRITTEN = [b for d in DOCUMENTS for b in blocks(d) if not b.generated]
GENERATED = [b for d in DOCUMENTS for b in blocks(d) if b.generated]


def test_every_block_is_generated_or_has_a_check() -> None:
    assert len(GENERATED) > 50
    unchecked = [b.name for b in WRITTEN if b.language not in CHECKS]
    assert unchecked == [], "write these blocks with cog, or add a check for their language"


def _commands(block: Block) -> list[str]:
    """The commands of a console block: lines after '$ ', or every line when none has one."""
    lines = block.text.splitlines()
    prompted = [line[2:] for line in lines if line.startswith("$ ")]
    return prompted if prompted else [line for line in lines if line.strip()]


def _check_claimgraph(argv: list[str]) -> None:
    try:
        build_parser().parse_args(argv)
    except SystemExit as error:
        raise AssertionError(f"`claimgraph {shlex.join(argv)}` does not parse") from error
    for argument in argv:
        if argument.startswith(("docs/", "data/")):
            assert (ROOT / argument).exists(), f"{argument} does not exist"


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))


def check_shell(block: Block, request: pytest.FixtureRequest) -> None:
    for command in _commands(block):
        words = shlex.split(command, comments=True)
        words = words[:words.index(">")] if ">" in words else words
        while words and re.match(r"^[A-Z_]+=", words[0]):
            words = words[1:]  # VAR=value before the command
        if words[0] == "claimgraph":
            _check_claimgraph(words[1:])
        elif words[0] == "make":
            assert set(words[1:]) <= _make_targets(), command
        else:
            raise AssertionError(f"no check for this command: {command}")


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("docs-blocks") / "store"
    env = {**os.environ, "CLAIMGRAPH_STORE": str(store)}
    subprocess.run([sys.executable, "-m", "claimgraph.cli", "load", "data/"], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    return store


def check_python(block: Block, request: pytest.FixtureRequest) -> None:
    """Each Python block runs in a scratch folder against a store with the seed loaded."""
    compile(block.text, block.name, "exec")
    store: Path = request.getfixturevalue("loaded_store")
    scratch: Path = request.getfixturevalue("tmp_path")
    env = {**os.environ, "CLAIMGRAPH_STORE": str(store)}
    result = subprocess.run([sys.executable, "-c", block.text], cwd=scratch, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def check_sparql(block: Block, request: pytest.FixtureRequest) -> None:
    ox.Store().query(sparql_prefixes() + block.text)


def check_yaml(block: Block, request: pytest.FixtureRequest) -> None:
    assert yaml.safe_load(block.text) is not None


def check_text(block: Block, request: pytest.FixtureRequest) -> None:
    """A text block (a folder tree) names files of the repository: they exist."""
    paths = re.findall(r"(?<![\w/.])((?:[\w-]+/)*[\w-]+(?:\.[a-z]+)+|(?:[\w-]+/)+)", block.text)
    assert paths
    missing = [p for p in paths
               if not (ROOT / p).exists() and not (block.document.parent / p).exists()]
    assert missing == []


CHECKS: dict[str, Callable[[Block, pytest.FixtureRequest], None]] = {
    "console": check_shell, "shell": check_shell, "bash": check_shell,
    "python": check_python, "sparql": check_sparql, "yaml": check_yaml, "text": check_text,
}


@pytest.mark.parametrize("block", [b for b in WRITTEN if b.language in CHECKS],
                         ids=lambda b: b.name)
def test_block(block: Block, request: pytest.FixtureRequest) -> None:
    CHECKS[block.language](block, request)
