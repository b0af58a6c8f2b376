"""The installed package: its name, its public API, and nothing generic at the top level."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import claimgraph

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_is_exactly_this() -> None:
    assert sorted(claimgraph.__all__) == sorted([
        "PREFIXES", "Boolean", "ClaimgraphError", "NotFound", "Problem", "QueryError",
        "RemoteConfig", "Snippet", "Solutions", "Store", "StoreError", "Term", "Triples",
        "ValidationError",
        "check_files", "derive_statuses", "load_files", "open_store", "shipped_data",
        "sparql_prefixes", "store_path",
    ])
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name), name


def test_card_folders_are_subpackages_not_top_level_names() -> None:
    for name in ("claimgraph.graph", "claimgraph.api", "claimgraph.ontology", "claimgraph.data"):
        assert importlib.util.find_spec(name) is not None, name
    # Run outside the checkout so the repository folders are not on sys.path.
    probe = "import importlib.util as u; print([n for n in ('graph', 'api', 'ontology', 'data') " \
            "if u.find_spec(n)])"
    result = subprocess.run([sys.executable, "-c", probe], cwd="/", capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"
    top_level = metadata.distribution("claimgraph").read_text("top_level.txt")
    assert top_level is None or top_level.split() == ["claimgraph"]


def test_typed_and_ships_its_data_files() -> None:
    assert resources.files("claimgraph").joinpath("py.typed").is_file()
    ontology = resources.files("claimgraph.ontology")
    assert ontology.joinpath("claimgraph.ttl").is_file()
    assert ontology.joinpath("shapes.ttl").is_file()
    rules = [f.name for f in ontology.joinpath("rules", "status").iterdir()]
    assert "contested-by-denial.rq" in rules
    shipped = claimgraph.shipped_data() / "articles" / "idlib-offensive-2019.txt"
    original = shipped.read_bytes()
    assert original == (ROOT / "data" / "articles" / "idlib-offensive-2019.txt").read_bytes()
    # The seed as extracted from the web page: kept byte for byte, wraps and all.
    assert original.startswith(b" At least 544 civilians have been killed and over 2,000 people")
    assert original.count(b"Related article:") == 2
    assert b"rebel-\nheld" in original


def test_every_rule_stage_is_packaged() -> None:
    """A wheel holds only the listed packages: every rule stage folder must be one of them."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    stages = sorted(f.name for f in (ROOT / "ontology" / "rules").iterdir() if f.is_dir()
                    and any(f.glob("*.rq")))
    assert "lists" in stages
    for stage in stages:
        assert f"claimgraph.ontology.rules.{stage}" in setuptools["packages"], stage
        assert setuptools["package-data"][f"claimgraph.ontology.rules.{stage}"] == ["*.rq"]


def test_console_script_is_installed() -> None:
    script = shutil.which("claimgraph", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    for command in ("validate", "load", "query", "export", "serve"):
        assert command in result.stdout
    assert "examples:" in result.stdout
