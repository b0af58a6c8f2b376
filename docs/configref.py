"""The configuration reference of docs/configuration.md, generated from the code itself.

Options come from the argparse parser of ``claimgraph.cli``, environment variables from the
``*_ENV = "CLAIMGRAPH_..."`` constants of the sources, server settings from the fields of
``claimgraph.api.settings.Settings`` (with their attribute docstrings) and from how
``cmd_serve`` fills them. cog runs it (``make docs``); ``cog --check`` fails on drift, and
tests/docs/test_configuration.py checks that nothing is left out.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
import itertools
import re
from pathlib import Path

from claimgraph import cli
from claimgraph.api import settings as settings_module
from claimgraph.config import default_store_path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("claimgraph", "graph", "api")
SHOWN_STORE = "~/.local/share/claimgraph/store"
ENV_MEANING = {
    "CLAIMGRAPH_STORE": "the store, for every command that has `--store` (the option wins): a "
                        "folder (the embedded store) or a SPARQL server's query URL",
    "CLAIMGRAPH_UPDATE_URL": "remote store: the SPARQL Update endpoint (default: the query URL)",
    "CLAIMGRAPH_GRAPH_STORE_URL": "remote store: the Graph Store Protocol endpoint; with it, "
                                  "new graphs are uploaded whole",
    "CLAIMGRAPH_STORE_USER": "remote store: the user that may write (Digest or Basic "
                             "authentication)",
    "CLAIMGRAPH_STORE_PASSWORD": "remote store: that user's password",
    "CLAIMGRAPH_STORE_TOKEN": "remote store: a token sent as `Authorization: Bearer` instead "
                              "of a user",
    "CLAIMGRAPH_TOKEN": "the bearer token that writes to `claimgraph serve` need; wins over "
                        "the token file",
    "CLAIMGRAPH_TOKEN_FILE": "a file whose first line is that token (`--token-file` wins)",
    "CLAIMGRAPH_TIMEOUT": "a worker's `--timeout` (seconds); `serve --workers` sets it for them",
    "CLAIMGRAPH_MAX_RESULT_BYTES": "a worker's `--max-result-bytes`",
    "CLAIMGRAPH_CORS_ORIGINS": "a worker's `--cors-origin` values, separated by spaces",
    "CLAIMGRAPH_ALLOW_SERVICE": "a worker's `--allow-service`: `1` to allow",
    "CLAIMGRAPH_ALLOW_LOAD": "a worker's `--allow-load`: `1` to allow",
}
"""What each variable sets; a variable the sources gain later shows as "see the source"."""


def subcommands(parser: argparse.ArgumentParser | None = None
                ) -> dict[str, argparse.ArgumentParser]:
    """Every sub-command of ``claimgraph``, by name, in the order ``--help`` lists them."""
    parser = parser or cli.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _shown(text: str) -> str:
    return text.replace(str(default_store_path()), SHOWN_STORE).replace("|", "\\|")


def _value(action: argparse.Action) -> str:
    if action.nargs == 0 or not action.option_strings:
        return ""
    if action.choices:
        return " \\| ".join(f"`{c}`" for c in action.choices)
    return f"`{action.metavar or action.dest.upper()}`"


def _default(action: argparse.Action) -> str:
    if action.nargs == 0 or action.default in (None, [], argparse.SUPPRESS):
        return ""
    return f"`{action.default}`"


def options_table(parser: argparse.ArgumentParser) -> str:
    """One row per argument and option of ``parser`` (help left out)."""
    rows = ["| argument or option | value | default | what it does |", "|---|---|---|---|"]
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        name = ", ".join(f"`{o}`" for o in action.option_strings) or (
            f"`{action.metavar or action.dest}{' ...' if action.nargs in ('+', '*') else ''}`")
        what = _shown(action.help or "")
        if action.required and action.option_strings:
            what += " (required)"
        if not action.option_strings and action.nargs in ("*", "?"):
            what += " (optional)"
        rows.append(f"| {name} | {_value(action)} | {_default(action)} | {what} |")
    groups = [g for g in parser._mutually_exclusive_groups if g.required]
    for group in groups:
        names = ", ".join(f"`{a.option_strings[0]}`" for a in group._group_actions)
        rows.append(f"\nExactly one of {names} is required.")
    return "\n".join(rows) + "\n"


def commands() -> str:
    """A section per sub-command: what it does, its example, its options."""
    out = []
    for name, sub in subcommands().items():
        example = "\n".join(line.strip() for line in (sub.epilog or "").splitlines()[1:])
        out += [f"### claimgraph {name}", "", _shown(sub.description or ""), "", "```console",
                example, "```", "", options_table(sub)]
    return "\n".join(out)


def environment() -> dict[str, str]:
    """Every ``CLAIMGRAPH_*`` variable the sources read: name -> the file that defines it."""
    found: dict[str, str] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for match in re.finditer(r'^\w+_ENV\s*=\s*"(CLAIMGRAPH_\w+)"', text, re.MULTILINE):
                found.setdefault(match[1], path.relative_to(ROOT).as_posix())
    return found


def environment_table() -> str:
    rows = ["| variable | what it sets | defined in |", "|---|---|---|"]
    for name, where in environment().items():
        rows.append(f"| `{name}` | {ENV_MEANING.get(name, 'see the source')} | `{where}` |")
    return "\n".join(rows) + "\n"


def _attribute_docs(cls: type) -> dict[str, str]:
    """The docstring under each field of a dataclass, as its source writes it."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for field, after in itertools.pairwise(body):
        if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)):
            docs[field.target.id] = " ".join(str(after.value.value).split())
    return docs


def _set_by() -> dict[str, list[str]]:
    """Settings field -> the options (and variables) ``claimgraph serve`` fills it from."""
    tree = ast.parse(inspect.getsource(cli.cmd_serve))
    assigned = {node.targets[0].id: node.value for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    options = {a.dest: a.option_strings[0] for a in subcommands()["serve"]._actions
               if a.option_strings}
    found: dict[str, list[str]] = {}
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Settings"):
            continue
        for keyword in call.keywords:
            value = keyword.value
            if isinstance(value, ast.Name) and value.id in assigned:
                value = assigned[value.id]
            names = [f"`{options[n.attr]}`" for n in ast.walk(value)
                     if isinstance(n, ast.Attribute) and getattr(n.value, "id", "") == "args"]
            if any(getattr(n, "id", "") == "read_token" for n in ast.walk(value)):
                names += [f"`${settings_module.TOKEN_ENV}`", f"`${settings_module.TOKEN_FILE_ENV}`"]
            found[str(keyword.arg)] = names
    return found


def settings_table() -> str:
    """One row per field of ``Settings``: default, how to set it, what it does."""
    docs = _attribute_docs(settings_module.Settings)
    set_by = _set_by()
    rows = ["| field | default | set by | what it does |", "|---|---|---|---|"]
    for field in dataclasses.fields(settings_module.Settings):
        default = (field.default if field.default is not dataclasses.MISSING
                   else field.default_factory())  # type: ignore[misc]
        how = ", ".join(set_by.get(field.name, [])) or "only from Python"
        what = docs.get(field.name) or " ".join((type(default).__doc__ or "").split())
        rows.append(f"| `{field.name}` | `{default!r}` | {how} | {_shown(what)} |")
    return "\n".join(rows) + "\n"
