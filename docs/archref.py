"""The generated parts of docs/architecture.md: the rooms of ``claimgraph.graph`` from their own
docstrings, the import contracts from pyproject.toml, and the stores' declared capabilities.

cog runs it (``make docs``); ``cog --check`` in the test suite fails when the code moves on and
the page does not.
"""

from __future__ import annotations

import ast
import dataclasses
import tomllib
from pathlib import Path

from claimgraph.graph.backends.embedded import EmbeddedStore
from claimgraph.graph.backends.isolated import IsolatedStore
from claimgraph.graph.backends.remote import RemoteStore
from claimgraph.graph.backends.store import Capabilities

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("terms", "text", "authoring", "drafting", "backends", "derive", "writing", "queries",
         "views")
"""Bottom to top, as the layers contract lists them."""


def _first_paragraph(path: Path) -> str:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(docstring.split("\n\n", 1)[0].split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rooms_table() -> str:
    """A row per room: its folder, what it owns (its docstring), its modules and lines."""
    rows = ["| room | what it is for | modules |", "|---|---|---|"]
    for room in reversed(ROOMS):
        folder = ROOT / "graph" / room
        modules = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
        rows.append(f"| [`graph/{room}/`](../graph/{room}/__init__.py) "
                    f"| {_cell(_first_paragraph(folder / '__init__.py'))} "
                    f"| {', '.join(f'`{m}`' for m in modules)} |")
    return "\n".join(rows) + "\n"


def contracts_list() -> str:
    """The import contracts, by name and kind, as ``lint-imports`` checks them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return "".join(f"{number}. **{contract['name']}** (`{contract['type']}`)\n"
                   for number, contract in enumerate(contracts, start=1))


def capabilities_table() -> str:
    """What each store declares in ``capabilities`` (graph/backends/store.py)."""
    stores = [("embedded, in this process", EmbeddedStore),
              ("embedded, in a child process (`claimgraph serve`)", IsolatedStore),
              ("a SPARQL 1.1 server", RemoteStore)]
    names = [field.name for field in dataclasses.fields(Capabilities)]
    rows = ["| store | " + " | ".join(f"`{name}`" for name in names) + " |",
            "|---|" + "---|" * len(names)]
    for label, store in stores:
        capabilities = store.capabilities
        rows.append(f"| {label} (`{store.__name__}`) | "
                    + " | ".join("yes" if getattr(capabilities, name) else "no"
                                 for name in names) + " |")
    return "\n".join(rows) + "\n"
