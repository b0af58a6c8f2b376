"""The rules of the house (docs/architecture.md): rooms of a size a reader can take in, every
room in the layers contract, and import contracts that really fail on a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "graph"
ROOM_LINES = 2_000
MODULE_LINES = 600
SLACK = 1.1
"""The page says "about" 2,000 and 600 lines: a tenth over is the most that is let through."""


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _rooms() -> set[str]:
    return {p.parent.name for p in GRAPH.glob("*/__init__.py")}


def test_rooms_and_modules_stay_small() -> None:
    too_big = {f"graph/{room}/": total for room in _rooms()
               if (total := sum(_lines(p) for p in (GRAPH / room).glob("*.py")))
               > ROOM_LINES * SLACK}
    assert too_big == {}, "split the room by responsibility"
    modules = [*GRAPH.rglob("*.py"), *(ROOT / "api").rglob("*.py"),
               *(ROOT / "claimgraph").glob("*.py")]
    long = {p.relative_to(ROOT).as_posix(): n for p in modules
            if (n := _lines(p)) > MODULE_LINES * SLACK}
    assert long == {}, "split the module by responsibility"
    assert [p.name for p in GRAPH.glob("*.py")] == ["__init__.py"], "code lives in a room"


def test_every_room_is_layered_and_says_what_it_may_import() -> None:
    [layers] = [c for c in _contracts()
                if c["type"] == "layers" and c.get("containers") == ["claimgraph.graph"]]
    layered = {room.strip() for layer in layers["layers"]  # type: ignore[attr-defined]
               for room in layer.split("|")}
    assert layered == _rooms()
    for room in _rooms():
        docstring = (GRAPH / room / "__init__.py").read_text(encoding="utf-8")
        assert "Owns:" in docstring and "May import:" in docstring, room


LINT_IMPORTS = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]


def test_the_package_keeps_every_contract() -> None:
    result = subprocess.run(LINT_IMPORTS, cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in result.stdout


VIOLATIONS = [
    ("config.py", "import claimgraph.api.main", "The package in layers"),
    ("graph/text/anchor.py", "import claimgraph.graph.views.build",
     "graph's rooms import in one direction only"),
    ("graph/derive/status.py", "import claimgraph.graph.drafting.draft", "Drafting sits beside"),
    ("graph/backends/store.py", "import claimgraph.graph.authoring.model",
     "Stores know nothing of claims files"),
    ("graph/views/build.py", "import claimgraph.graph.writing.commit",
     "Seeing and asking only read"),
    ("graph/backends/store.py", "import claimgraph.api.main",
     "graph knows nothing of HTTP"),
    ("api/routes/home.py", "import rdflib", "The web layer only translates HTTP"),
    ("graph/views/model.py", "import claimgraph.graph.views.snippet", "No circles"),
]
"""(module, an import added to it, the contract it breaks): one for every contract."""


def test_every_contract_has_a_planted_violation() -> None:
    names = [str(contract["name"]) for contract in _contracts()]
    assert [n for n in names if not any(n.startswith(v[2]) for v in VIOLATIONS)] == []


@pytest.mark.parametrize(("module", "line", "broken"), VIOLATIONS)
def test_each_contract_fails_on_a_violation(tmp_path: Path, module: str, line: str,
                                           broken: str) -> None:
    """A copy of the package with one bad import added: lint-imports names the contract."""
    package = tmp_path / "claimgraph"
    shutil.copytree(ROOT / "claimgraph", package, symlinks=False,
                    ignore=shutil.ignore_patterns("ontology", "data", "__pycache__"))
    target = tmp_path / "claimgraph" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = subprocess.run(LINT_IMPORTS, cwd=tmp_path, capture_output=True, text=True,
                            check=False, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert result.returncode == 1, result.stdout + result.stderr
    verdicts = [line for line in result.stdout.splitlines() if line.startswith(broken)]
    assert verdicts and verdicts[0].endswith(" BROKEN"), result.stdout
