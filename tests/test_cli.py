"""The command line, run as a user runs it: a subprocess with its own store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

ROOT = Path(__file__).resolve().parent.parent
CONTESTED = "SELECT ?claim WHERE { ?c cg:status cg:Contested ; dcterms:identifier ?claim } " \
            "ORDER BY ?claim"


def run(*args: str, store: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMGRAPH_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("load", "data/", store=path)
    assert result.returncode == 0, result.stderr
    return path


def test_load_prints_what_it_loaded(store: Path) -> None:
    result = run("load", store=store)  # no path: the shipped articles, replacing the graph
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"store: {store}"
    assert "article idlib-offensive-2019: 20 claims" in result.stdout
    assert "statuses: 5 contested, 1 corroborated, 14 single source" in result.stdout


def test_query_formats_for_scripts(store: Path) -> None:
    as_csv = run("query", "--format", "csv", CONTESTED, store=store)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    claims = [row["claim"] for row in rows]
    assert claims == ["hrw-cluster-munitions", "moscow-fending-off-terror",
                      "residents-weapons-paralyse-life", "russia-syria-deny",
                      "snhr-deliberate-targeting"]
    as_json = json.loads(run("query", "--format", "json", CONTESTED, store=store).stdout)
    assert [b["claim"]["value"] for b in as_json["results"]["bindings"]] == claims
    as_tsv = run("query", "--format", "tsv", CONTESTED, store=store).stdout.splitlines()
    assert as_tsv[0] == "?claim"
    assert as_tsv[1:] == [f'"{claim}"' for claim in claims]


def test_query_table_from_a_file_and_from_stdin(store: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "contested.rq"
    query_file.write_text(CONTESTED, encoding="utf-8")
    from_file = run("query", "--width", "80", str(query_file), store=store)
    assert from_file.returncode == 0
    assert "│ hrw-cluster-munitions" in from_file.stdout
    assert from_file.stdout.rstrip().endswith("5 rows")
    from_stdin = run("query", "--width", "80", "-", store=store, stdin=CONTESTED)
    assert from_stdin.stdout == from_file.stdout


def test_ask_and_construct(store: Path) -> None:
    ask = run("query", "ASK { source:snhr rdfs:label ?l }", store=store)
    assert ask.stdout.strip() == "yes"
    turtle = run("query", "--format", "turtle",
                 "CONSTRUCT { ?c cg:status ?s } WHERE { ?c cg:status ?s }", store=store)
    graph = rdflib.Graph().parse(data=turtle.stdout, format="turtle")
    assert len(graph) == 20


def test_bad_query_prints_the_parser_message_and_fails(store: Path) -> None:
    result = run("query", "SELECT ?x WHERE { ?x cg:status }", store=store)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "SPARQL syntax error" in result.stderr
    # The position points into the user's own text, not into the predeclared prefixes.
    assert "error at 1:" in result.stderr
    column = int(result.stderr.split("error at 1:")[1].split(":")[0])
    assert 25 <= column <= 33


def test_query_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    result = run("query", CONTESTED, store=tmp_path / "nothing-here")
    assert result.returncode == 1
    assert "run `claimgraph load` first" in result.stderr


STATUS = "https://w3id.org/claimgraph/ns#status"


@pytest.mark.parametrize(("fmt", "rdf_format"), [
    ("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS),
    ("jsonld", ox.RdfFormat.JSON_LD)])
def test_dataset_exports_keep_the_named_graphs(store: Path, tmp_path: Path, fmt: str,
                                               rdf_format: ox.RdfFormat) -> None:
    out = tmp_path / f"export.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out), store=store)
    assert result.returncode == 0, result.stderr
    quads = list(ox.parse(out.read_bytes(), format=rdf_format))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert "https://w3id.org/claimgraph/graph/article/idlib-offensive-2019" in graphs
    assert "https://w3id.org/claimgraph/graph/status" in graphs
    assert sum(1 for q in quads if q.predicate.value == STATUS) == 20


@pytest.mark.parametrize(("fmt", "parse_as"), [("turtle", "turtle"), ("ntriples", "nt")])
def test_graph_exports_merge_the_named_graphs(store: Path, tmp_path: Path, fmt: str,
                                              parse_as: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out), store=store)
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=out.read_text(encoding="utf-8"), format=parse_as)
    assert len(list(graph.triples((None, rdflib.URIRef(STATUS), None)))) == 20
