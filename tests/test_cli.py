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
    assert ("statuses: 5 contested, 1 corroborated, 3 not comparable, 11 single source"
            in result.stdout)


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


# -- claimgraph draft ----------------------------------------------------------------------

SEED_TEXT = ROOT / "data" / "articles" / "idlib-offensive-2019.txt"
SEED_CLAIMS = ROOT / "data" / "articles" / "idlib-offensive-2019.claims.yaml"


def test_draft_validate_load(tmp_path: Path) -> None:
    """The path a user takes: draft, (review), validate, load."""
    text = tmp_path / "idlib.txt"
    text.write_bytes(SEED_TEXT.read_bytes())
    claims = tmp_path / "idlib.claims.yaml"
    store = tmp_path / "store"
    drafted = run("draft", str(text), "--published", "2019-07-06", "--outlet", "Reuters",
                  "-o", str(claims), store=store)
    assert drafted.returncode == 0, drafted.stderr
    assert drafted.stdout == ""
    assert f"drafted 20 claims from {text} to {claims}" in drafted.stderr
    assert claims.read_text(encoding="utf-8").startswith("# DRAFT claims of idlib.txt")
    validated = run("validate", str(claims), store=store)
    assert validated.returncode == 0, validated.stderr
    assert "1 article(s), 20 claims" in validated.stdout
    loaded = run("load", str(claims), store=store)
    assert loaded.returncode == 0, loaded.stderr
    assert "article idlib: 20 claims" in loaded.stdout


def test_draft_to_standard_output_and_compare(tmp_path: Path) -> None:
    result = run("draft", str(SEED_TEXT), "--published", "2019-07-06", "--outlet", "reuters",
                 "--compare", str(SEED_CLAIMS), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# DRAFT claims of idlib-offensive-2019.txt")
    assert "text: data/articles/idlib-offensive-2019.txt" in result.stdout
    assert "precision 1.00, recall 1.00" in result.stderr


def test_a_draft_of_a_text_already_loaded_says_so(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_TEXT.read_bytes())
    result = run("draft", str(copy), "--published", "2019-07-07", "--outlet", "Example Daily",
                 "--store", str(store), store=tmp_path / "elsewhere")
    assert result.returncode == 0, result.stderr
    assert "note: this text is already in the graph as article idlib-offensive-2019" in \
        result.stderr
    assert "# NOTE: this text is already in the graph" in result.stdout
    without = run("draft", str(copy), "--published", "2019-07-07", "--outlet", "Reuters",
                  store=tmp_path / "no-store-here")  # no default store: nothing to compare
    assert without.returncode == 0, without.stderr
    assert "already in the graph" not in without.stdout + without.stderr


def test_draft_with_an_unknown_outlet(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The regional governor said on Monday that 30 people were evacuated "
                       "from the valley after the storm.\n", encoding="utf-8")
    result = run("draft", str(article), "--published", "2019-07-22", "--outlet", "RFE/RL",
                 store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert "  - id: rfe-rl\n    kind: outlet\n    label: RFE/RL\n" in result.stdout
    assert "2 unresolved name(s) as new sources" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the article is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image, not text"),
    ("Die Rebellen sagten am Freitag, dass zwölf Menschen in der Stadt getötet worden seien "
     "und die Armee die Stadt umstellt habe.".encode(), "the text does not look like English"),
])
def test_draft_bad_input(tmp_path: Path, content: bytes, message: str) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    output = tmp_path / "article.claims.yaml"
    result = run("draft", str(article), "--published", "2019-07-22", "--outlet", "Reuters",
                 "-o", str(output), store=tmp_path / "store")
    assert result.returncode == 1
    assert result.stderr.startswith(f"1 problem found:\n  {article}: {message}")
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_draft_refuses_a_50_mb_file(tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    with article.open("wb") as handle:
        handle.write(b"The minister said the border was open.\n" * (50_000_000 // 39 + 1))
    result = run("draft", str(article), "--published", "2019-07-22", "--outlet", "Reuters",
                 store=tmp_path / "store")
    assert result.returncode == 1
    assert f"{article}: {article.stat().st_size:,} bytes is more than the 1,000,000-byte " \
           "limit for one article" in result.stderr


def test_draft_bad_day(tmp_path: Path) -> None:
    result = run("draft", str(SEED_TEXT), "--published", "6 July 2019", "--outlet", "Reuters",
                 store=tmp_path / "store")
    assert result.returncode == 2
    assert "'6 July 2019' is not a day: write YYYY-MM-DD" in result.stderr
