"""`claimgraph --help` lists every command; each command's help says what it does in one line
and shows examples that parse. A new command without them fails here."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _summaries() -> dict[str, str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


COMMANDS = sorted(_subcommands())


def _examples(sub: argparse.ArgumentParser) -> list[str]:
    lines = (sub.epilog or "").splitlines()
    assert lines and lines[0] in ("example:", "examples:"), "the epilog starts the examples"
    return [line.strip() for line in lines[1:] if line.strip()]


def test_there_are_commands() -> None:
    assert {"validate", "load", "query", "export", "snippet", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_says_what_it_does_in_one_line(name: str) -> None:
    summary = _summaries()[name]
    assert summary and "\n" not in summary
    assert len(f"    {name:<12} {summary}") <= 100, "keep `claimgraph --help` one line each"
    assert (_subcommands()[name].description or "").startswith(summary)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_shows_examples_that_parse(name: str) -> None:
    examples = _examples(_subcommands()[name])
    assert examples
    for example in examples:
        words = shlex.split(example)
        words = words[:words.index(">")] if ">" in words else words
        while "=" in words[0]:
            words = words[1:]  # an environment variable set for the command
        assert words[:2] == ["claimgraph", name], example
        try:
            build_parser().parse_args(words[1:])
        except SystemExit as error:
            raise AssertionError(f"example does not parse: {example}") from error


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_explained(name: str) -> None:
    unexplained = [a.dest for a in _subcommands()[name]._actions if not a.help]
    assert unexplained == []


def test_claimgraph_help_lists_every_command_with_examples() -> None:
    result = subprocess.run([sys.executable, "-m", "claimgraph.cli", "--help"], cwd=ROOT,
                            env={**os.environ, "COLUMNS": "100"}, capture_output=True,
                            text=True, check=True)
    for name, summary in _summaries().items():
        assert f"    {name}" in result.stdout
        assert " ".join(summary.split()[:4]) in " ".join(result.stdout.split())
    assert "examples:" in result.stdout
    examples = result.stdout.split("examples:", 1)[1]
    assert all(f"claimgraph {name}" in examples for name in
               ("validate", "load", "query", "snippet", "export", "serve"))


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_runs(name: str) -> None:
    help_text = _subcommands()[name].format_help()
    assert "example" in help_text and f"claimgraph {name}" in help_text
