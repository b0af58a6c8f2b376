"""The store, on every backend (tests/backends.py): persistence, atomic reloads, exports,
serialised query results, errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
import yaml

import claimgraph
from claimgraph import QueryError, Solutions, Store, StoreError, ValidationError
from claimgraph.errors import QueryTimeout
from claimgraph.graph.backends.store import Capabilities

from ...backends import Backend
from ...coroutines import run_coroutine

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = claimgraph.shipped_data()
GRAPH = "https://w3id.org/claimgraph/graph/"
IDLIB = f"{GRAPH}article/idlib-offensive-2019"
COPY = f"{GRAPH}article/idlib-copy"
CLAIM = "https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/"
PREFIXES = claimgraph.sparql_prefixes()
LABELS = PREFIXES + ("SELECT ?claim ?label WHERE { ?claim a cg:Claim ; rdfs:label ?label } "
                     "ORDER BY ?claim ?label")
STATUSES = PREFIXES + "SELECT ?claim ?status WHERE { ?claim cg:status ?status } ORDER BY ?claim"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OLD_LABEL = "At least 544 civilians killed and over 2,000 injured since the offensive began"
NEW_LABEL = "Rights groups and rescuers count at least 544 civilians killed"


def select(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    result = store.query(sparql)
    assert isinstance(result, Solutions)
    return [tuple(record.values()) for record in result.records()]


def graph_rows(store: Store, graph: str) -> set[tuple[str | None, ...]]:
    return set(select(store, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))


def shipped_labels(article: str = "idlib-offensive-2019") -> dict[str, str]:
    """Claim IRI -> label, read straight from the shipped claims file."""
    document = yaml.safe_load((SHIPPED / "articles" / f"{article}.claims.yaml").read_text())
    return {f"{CLAIM}{claim['id']}": claim["label"] for claim in document["claims"]}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data with a second article: the first one under another id."""
    folder = tmp_path / "data"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(SHIPPED / "registry.yaml", folder / "registry.yaml")
    for name in ("idlib-offensive-2019.txt", "idlib-offensive-2019.claims.yaml"):
        shutil.copy(SHIPPED / "articles" / name, folder / "articles" / name)
    text = (folder / "articles" / "idlib-offensive-2019.claims.yaml").read_text()
    assert text.count("\n  id: idlib-offensive-2019\n") == 1
    copy = text.replace("\n  id: idlib-offensive-2019\n", "\n  id: idlib-copy\n")
    (folder / "articles" / "idlib-copy.claims.yaml").write_text(copy)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


@pytest.fixture
def loaded(backend: Backend) -> Store:
    """The shipped article, loaded once per backend: tests only read it."""
    return backend.seed()


def snapshot(store: Store) -> dict[str, tuple[set[tuple[str | None, ...]], int]]:
    """Every named graph's rows and triple count."""
    return {g: (graph_rows(store, g), store.count_triples(g)) for g in store.named_graphs()}


# ------------------------------------------------------------------------------ capabilities

SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
        "FILTER (STRLEN(STR(?c)) + STRLEN(STR(?f)) > 1000000) }")


def test_the_store_does_what_it_declares(loaded: Store) -> None:
    """``capabilities.stops_calls``: a limited view stops a long query, or the store says it
    cannot and ``limited`` is the store itself; every store answers a coroutine."""
    assert isinstance(loaded, Store) and isinstance(loaded.capabilities, Capabilities)
    limited = loaded.limited(0.5)
    if loaded.capabilities.stops_calls:
        with pytest.raises(QueryTimeout):
            limited.query(SLOW)
    else:
        assert limited is loaded
    body = run_coroutine(limited.query_serialized_async("ASK { ?s ?p ?o }", "json"))
    assert json.loads(body)["boolean"] is True


# ------------------------------------------------------------------------------ persistence

def test_store_survives_a_restart(backend: Backend, tmp_path: Path) -> None:
    store = backend.persistent(tmp_path)
    report = claimgraph.load_files(store)
    count, graphs = store.count_triples(), store.named_graphs()
    labels, statuses = select(store, LABELS), select(store, STATUSES)
    store.close()

    assert count == report.total_triples > 0
    assert len(graphs) == report.graphs
    assert dict(labels) == shipped_labels()
    assert len(statuses) == len(labels)

    reopened = backend.reopen(store)
    try:
        assert (reopened.count_triples(), reopened.named_graphs()) == (count, graphs)
        assert select(reopened, LABELS) == labels
        assert select(reopened, STATUSES) == statuses
    finally:
        reopened.close()


# ---------------------------------------------------------------------------------- reloads

def test_reload_replaces_only_the_article_graph(any_store: Store, backend: Backend,
                                               data: Path) -> None:
    store = any_store
    claimgraph.load_files(store, [data])
    untouched = {g: graph_rows(store, g) for g in (COPY, f"{GRAPH}registry", f"{GRAPH}vocabulary")}
    dropped = f"{CLAIM}snhr-injured"
    assert store.query(f"ASK {{ <{dropped}> ?p ?o }}")

    claims = data / "articles" / "idlib-offensive-2019.claims.yaml"
    text = claims.read_text()
    start = text.index("  - id: snhr-injured\n")
    claims.write_text(text[:start] + text[text.index("  - id: snhr-deliberate-targeting\n"):])
    edit(claims, f"label: {OLD_LABEL}\n", f"label: {NEW_LABEL}\n")
    report = claimgraph.load_files(store, [claims])

    assert not store.query(f"ASK {{ {{ <{dropped}> ?p ?o }} UNION {{ ?s ?p <{dropped}> }} }}")
    assert not store.query(f"ASK {{ ?s ?p <{dropped}/quote> }}")
    lead = f"<{CLAIM}lead-casualties>"
    assert select(store, f"SELECT ?g ?l WHERE {{ GRAPH ?g {{ {lead} "
                         f"<http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}") == [
        (IDLIB, NEW_LABEL)]
    [(article, graph, claim_count, triples)] = report.articles
    assert (article, graph, claim_count) == ("idlib-offensive-2019", IDLIB, 19)
    assert store.count_triples(IDLIB) == triples
    assert {g: graph_rows(store, g) for g in untouched} == untouched

    # Same store, graph by graph, as a fresh load of the edited files: no stale, no duplicate.
    reloaded, total = snapshot(store), store.count_triples()
    fresh = backend.fresh()
    claimgraph.load_files(fresh, [data])
    assert reloaded == snapshot(fresh)
    assert total == fresh.count_triples()


def test_failing_reload_keeps_the_old_graph(any_store: Store, data: Path) -> None:
    store = any_store
    claimgraph.load_files(store, [data])
    before = {g: graph_rows(store, g) for g in store.named_graphs()}
    count = store.count_triples()

    claims = data / "articles" / "idlib-offensive-2019.claims.yaml"
    edit(claims, f"label: {OLD_LABEL}\n", f"label: {NEW_LABEL}\n")
    edit(claims, "quote: Another 2,117 people have been injured.",
         "quote: Another 2,118 people have been injured.")
    with pytest.raises(ValidationError) as caught:
        claimgraph.load_files(store, [claims])
    [problem] = caught.value.problems
    assert (problem.field, Path(problem.file).name) == ("claims[3].quote", claims.name)
    assert "quote not found" in problem.message

    assert store.count_triples() == count
    assert {g: graph_rows(store, g) for g in store.named_graphs()} == before
    assert (f"{CLAIM}lead-casualties", OLD_LABEL) in select(store, LABELS)


REFUSED = {
    "malformed": "<urn:example:a> <urn:example:b> .\n",
    # Well-formed N-Triples that Virtuoso refuses once it is running the write.
    "ill-formed XML literal": '<urn:example:a> <urn:example:b> '
                              '"<a>"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral> .\n',
}


@pytest.mark.parametrize("refused", REFUSED)
def test_a_refused_write_changes_no_graph(backend: Backend, any_store: Store,
                                          refused: str) -> None:
    """replace_graphs is all or nothing, even when the store refuses the second graph after
    accepting the first (Virtuoso does not undo the start of a request that fails)."""
    store = any_store
    claimgraph.load_files(store)
    before, count = snapshot(store), store.count_triples()
    replacement = f"<{CLAIM}lead-casualties> <http://www.w3.org/2000/01/rdf-schema#label> " \
                  f'"{NEW_LABEL}" .\n'
    try:
        store.replace_graphs({IDLIB: replacement, f"{GRAPH}article/refused": REFUSED[refused]})
    except (QueryError, StoreError):
        assert (snapshot(store), store.count_triples()) == (before, count)
    else:  # the store took both graphs: then both are there, whole
        assert refused == "ill-formed XML literal" and backend.name == "embedded"
        assert graph_rows(store, IDLIB) == {(f"{CLAIM}lead-casualties", RDFS_LABEL, NEW_LABEL)}
        assert store.count_triples(f"{GRAPH}article/refused") == 1


@pytest.mark.parametrize("refused", REFUSED)
def test_a_refused_first_load_writes_nothing(backend: Backend, any_store: Store,
                                             refused: str) -> None:
    """Into graphs that hold nothing yet (the embedded store's fast path) the write is all
    or nothing too: a refused second graph leaves the first unwritten."""
    store = any_store
    first = f"{GRAPH}article/first-load"
    valid = "<urn:example:a> <urn:example:b> <urn:example:c> .\n"
    count = store.count_triples()
    try:
        store.replace_graphs({first: valid, f"{GRAPH}article/refused": REFUSED[refused]})
    except (QueryError, StoreError):
        assert store.count_triples() == count
        assert first not in store.named_graphs()
    else:
        assert refused == "ill-formed XML literal" and backend.name == "embedded"
        assert store.count_triples(first) == 1
    store.replace_graphs({first: valid, f"{GRAPH}article/second-load": valid})
    assert (store.count_triples(first), store.count_triples(f"{GRAPH}article/second-load")) \
        == (1, 1)
    store.replace_graphs({first: ""})
    assert first not in store.named_graphs()


def test_replacing_a_graph_with_nearly_the_same_triples_leaves_exactly_the_new_ones(
        any_store: Store) -> None:
    """A graph that exists is replaced by writing only what changed: what is left must be
    the new triples, however they are written."""
    store = any_store
    graph = f"{GRAPH}article/replaced"
    old = "".join(f'<urn:example:s{n}> <urn:example:p> "value {n}" .\n' for n in range(50))
    store.replace_graphs({graph: old})
    new = old.replace('"value 7"', '"value seven"')  # one triple changed
    new = new.replace('<urn:example:s3> <urn:example:p> "value 3" .',  # one written otherwise
                      '<urn:example:s3>   <urn:example:p>\t"value 3"^^'
                      '<http://www.w3.org/2001/XMLSchema#string> .')
    new += '<urn:example:s50> <urn:example:p> "a new one" .\n'
    store.replace_graphs({graph: new})
    rows = graph_rows(store, graph)
    assert len(rows) == 51
    assert ("urn:example:s7", "urn:example:p", "value seven") in rows
    assert ("urn:example:s7", "urn:example:p", "value 7") not in rows
    assert ("urn:example:s3", "urn:example:p", "value 3") in rows
    assert ("urn:example:s50", "urn:example:p", "a new one") in rows
    # blank nodes are not compared by label: the graph is replaced whole
    store.replace_graphs({graph: '_:b <urn:example:p> "one" .\n_:c <urn:example:p> "two" .\n'})
    store.replace_graphs({graph: '_:b <urn:example:p> "one" .\n_:d <urn:example:p> "three" .\n'})
    assert sorted(row[2] or "" for row in graph_rows(store, graph)) == ["one", "three"]


def test_a_graph_is_replaced_by_what_construct_queries_derive(any_store: Store) -> None:
    """replace_graph_by_queries: the store evaluates each CONSTRUCT over the union of all
    graphs and replaces the graph with their triples and the ones given; an empty result
    leaves no graph; a failing query leaves the old graph whole (and no staging graph)."""
    store = any_store
    source, derived = f"{GRAPH}article/facts", f"{GRAPH}test-derived"
    store.replace_graphs({source: "<urn:example:a> <urn:example:knows> <urn:example:b> .\n"
                                  "<urn:example:b> <urn:example:knows> <urn:example:c> .\n"})
    inverse = ("CONSTRUCT { ?o <urn:example:knownBy> ?s } "
               "WHERE { ?s <urn:example:knows> ?o }")
    # reads the graph it replaces: it must see the old triples, not its own
    again = ("CONSTRUCT { ?s <urn:example:seen> ?o } "
             "WHERE { GRAPH <" + derived + "> { ?s <urn:example:knownBy> ?o } }")
    note = '<urn:example:rule> <urn:example:says> "derived" .\n'
    store.replace_graph_by_queries(derived, [inverse, again], note)
    assert graph_rows(store, derived) == {
        ("urn:example:b", "urn:example:knownBy", "urn:example:a"),
        ("urn:example:c", "urn:example:knownBy", "urn:example:b"),
        ("urn:example:rule", "urn:example:says", "derived")}
    store.replace_graph_by_queries(derived, [inverse, again], note)
    assert len(graph_rows(store, derived)) == 5  # now the second rule saw the first result
    with pytest.raises(QueryError):
        store.replace_graph_by_queries(derived, [inverse, "CONSTRUCT { ?s ?p } WHERE {}"])
    assert len(graph_rows(store, derived)) == 5
    assert not [g for g in store.named_graphs() if "staging" in g]
    store.replace_graph_by_queries(derived, ["CONSTRUCT { ?s ?p ?o } WHERE { ?s "
                                             "<urn:example:nothing> ?o }"])
    assert derived not in store.named_graphs()


def test_a_graph_is_replaced_from_an_ntriples_file(any_store: Store, tmp_path: Path) -> None:
    """replace_graph_from_file: a new graph is written from the file, an existing one becomes
    what the file holds; a file that is not N-Triples leaves no trace of itself, in a new
    graph (which the embedded store writes in parts) or an old one; an empty file, no graph."""
    store = any_store
    graph = f"{GRAPH}test-file"
    lines = [f'<urn:example:s{n}> <urn:example:p> "{n}" .\n' for n in range(5000)]
    path = tmp_path / "graph.nt"
    path.write_text("".join(lines), encoding="utf-8")
    store.replace_graph_from_file(graph, path)
    assert store.count_triples(graph) == 5000
    path.write_text("".join(lines[10:]) + '<urn:example:new> <urn:example:p> "new" .\n',
                    encoding="utf-8")
    store.replace_graph_from_file(graph, path)
    rows = graph_rows(store, graph)
    assert len(rows) == 4991 and ("urn:example:new", "urn:example:p", "new") in rows
    assert ("urn:example:s0", "urn:example:p", "0") not in rows
    # a bad line after thousands of good ones
    path.write_text("".join(lines) + "<urn:example:broken> <urn:example:p> .\n",
                    encoding="utf-8")
    for target, left in ((graph, rows), (f"{GRAPH}test-file-new", set())):
        with pytest.raises(QueryError, match="N-Triples"):
            store.replace_graph_from_file(target, path)
        assert graph_rows(store, target) == left
    assert f"{GRAPH}test-file-new" not in store.named_graphs()
    path.write_text("", encoding="utf-8")
    store.replace_graph_from_file(graph, path)
    assert graph not in store.named_graphs()


# ----------------------------------------------------------------------------------- export

def parse(target: rdflib.Graph, data: bytes, fmt: str) -> None:
    """Parse ``data`` into ``target``, silencing only rdflib's warnings about its own internals
    (rdflib 7.6 calls its deprecated ConjunctiveGraph and default_context while parsing)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        target.parse(data=data, format=fmt)


def distinct_triples(store: Store) -> int:
    """Distinct triples in the store's named graphs (a server may have graphs of its own)."""
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE "
                         "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                         default_graphs=store.named_graphs())
    assert isinstance(result, Solutions)
    [count] = result.column("n")
    assert count is not None
    return int(count)


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_export_parses_back_with_every_quad(loaded: Store, fmt: str) -> None:
    dataset = rdflib.Dataset()
    parse(dataset, loaded.export(fmt), {"jsonld": "json-ld"}.get(fmt, fmt))
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == loaded.count_triples()
    assert {str(g) for *_, g in quads} == set(loaded.named_graphs())
    idlib = sum(1 for *_, g in quads if str(g) == IDLIB)
    assert idlib == loaded.count_triples(IDLIB)


@pytest.mark.parametrize(("fmt", "rdflib_format"),
                         [("turtle", "turtle"), ("ntriples", "nt")])
def test_graph_export_merges_the_named_graphs(loaded: Store, fmt: str, rdflib_format: str) -> None:
    graph = rdflib.Graph()
    parse(graph, loaded.export(fmt), rdflib_format)
    assert len(graph) == distinct_triples(loaded)
    lead = rdflib.URIRef(f"{CLAIM}lead-casualties")
    assert graph.value(lead, rdflib.RDFS.label) == rdflib.Literal(OLD_LABEL)


def test_export_rejects_an_unknown_format(loaded: Store) -> None:
    with pytest.raises(QueryError, match="unknown export format 'rdfxml'"):
        loaded.export("rdfxml")


# ------------------------------------------------------------------------ serialised results

def test_select_serialised_in_every_result_format(loaded: Store) -> None:
    expected = select(loaded, LABELS)
    assert len(expected) == len(shipped_labels())

    document = json.loads(loaded.query_serialized(LABELS, "json"))
    assert document["head"]["vars"] == ["claim", "label"]
    assert [(b["claim"]["value"], b["label"]["value"])
            for b in document["results"]["bindings"]] == expected
    assert {b["claim"]["type"] for b in document["results"]["bindings"]} == {"uri"}

    rows = list(csv.reader(io.StringIO(loaded.query_serialized(LABELS, "csv").decode())))
    assert rows[0] == ["claim", "label"]
    assert [tuple(row) for row in rows[1:]] == expected

    lines = loaded.query_serialized(LABELS, "tsv").decode().splitlines()
    assert lines[0] == "?claim\t?label"
    cells = [line.split("\t") for line in lines[1:]]
    assert all(iri.startswith("<") and iri.endswith(">") for iri, _ in cells)
    assert [(iri[1:-1], json.loads(label)) for iri, label in cells] == expected

    root = ET.fromstring(loaded.query_serialized(LABELS, "xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [v.get("name") for v in root.iter(f"{ns}variable")] == ["claim", "label"]
    assert [(r.findtext(f"{ns}binding[@name='claim']/{ns}uri"),
             r.findtext(f"{ns}binding[@name='label']/{ns}literal"))
            for r in root.iter(f"{ns}result")] == expected


def test_ask_serialised_as_json(loaded: Store) -> None:
    ask = f"ASK {{ <{CLAIM}lead-casualties> ?p ?o }}"
    assert json.loads(loaded.query_serialized(ask, "json"))["boolean"] is True


def test_construct_serialised_as_turtle(loaded: Store) -> None:
    construct = PREFIXES + ("CONSTRUCT { ?claim rdfs:label ?label } "
                            "WHERE { ?claim a cg:Claim ; rdfs:label ?label }")
    graph = rdflib.Graph()
    parse(graph, loaded.query_serialized(construct, "turtle"), "turtle")
    assert {(str(s), str(o)) for s, _, o in graph} == set(shipped_labels().items())
    assert set(graph.predicates()) == {rdflib.RDFS.label}


def test_result_format_must_fit_the_query_form(loaded: Store) -> None:
    with pytest.raises(QueryError, match="SELECT or ASK result cannot be written as turtle"):
        loaded.query_serialized(LABELS, "turtle")
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
    with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE result cannot be written as csv"):
        loaded.query_serialized(construct, "csv")


# ----------------------------------------------------------------------------------- errors

def test_syntax_error_names_the_parser_position(loaded: Store) -> None:
    with pytest.raises(QueryError) as caught:
        loaded.query("SELECT ?claim\nWHERE {\n  ?claim ?p\n}")
    message = str(caught.value)
    assert message.startswith("SPARQL syntax error: ")
    # Oxigraph: "error at 4:1: expected one of ..."; Virtuoso: "line 4: syntax error at ..."
    assert "error at 4:1: expected one of" in message or "line 4: syntax error" in message
    with pytest.raises(QueryError, match=r"^SPARQL syntax error: "):
        loaded.query_serialized("SELECT WHERE", "json")


LOCKED = """\
import sys
from claimgraph.config import open_store
from claimgraph.errors import StoreError
try:
    open_store(sys.argv[1])
except StoreError as error:
    print(error)
else:
    sys.exit("opened a store another process holds")
print(open_store(sys.argv[1], read_only=True).count_triples())
"""


def test_a_locked_store_is_refused_to_a_second_process(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = claimgraph.open_store(path)
    try:
        claimgraph.load_files(store)
        result = subprocess.run([sys.executable, "-c", LOCKED, str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        refusal, count = result.stdout.splitlines()
        assert refusal.startswith(f"cannot open the store at {path} (another process")
        assert "lock" in refusal.lower()
        assert int(count) == store.count_triples()  # a read-only open still works
        assert store.count_triples() == int(count)  # and the holder is unaffected
    finally:
        store.close()
