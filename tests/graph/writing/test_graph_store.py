"""Graphs read and written whole (the Graph Store Protocol's logic, without HTTP)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

import claimgraph
from claimgraph import Solutions, Store, ValidationError
from claimgraph.graph.backends.sparql_text import ForbiddenOperation
from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS, GRAPH, STATUS_GRAPH
from claimgraph.graph.writing import graph_store
from claimgraph.graph.writing.graph_store import DEFAULT_GRAPH, GraphRef, UnsupportedFormat

from ...denial import DENIAL as DENIAL_TURTLE
from ...denial import KAFR_NABL

G = GraphRef.named("http://example.org/g")
TURTLE = b"""@prefix ex: <http://example.org/> .
ex:alice ex:knows [ ex:name "Bob" ] ; ex:age 42 ; ex:note "say \\"hi\\""@en ."""
DENIAL = DENIAL_TURTLE.encode()


@pytest.fixture
def store() -> Store:
    return claimgraph.open_store(":memory:")


def ntriples_set(text: str | bytes) -> set[str]:
    data = text.encode() if isinstance(text, str) else text
    return {str(t) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)
            if not any(isinstance(n, ox.BlankNode) for n in (t.subject, t.object))}


def parse(body: bytes, content_type: str, base_iri: str | None = None) -> str:
    return graph_store.parse_payload(body, content_type, base_iri=base_iri)


# -- graph names -----------------------------------------------------------------------------

@pytest.mark.parametrize("iri", [
    "relative/path", "", "http://example.org/a b", "http://example.org/> } ; DROP ALL ; #",
    "http://example.org/a>", "http://example.org/{x}", 'http://example.org/"',
])
def test_a_graph_name_must_be_an_absolute_iri(iri: str) -> None:
    with pytest.raises(ValidationError, match="not an absolute IRI"):
        GraphRef.named(iri)


def test_graph_names_and_derived_graphs() -> None:
    assert GraphRef.named("urn:x:1").iri == "urn:x:1"
    assert GraphRef.named("http://example.org/person/%31.ttl").iri.endswith("%31.ttl")
    assert DEFAULT_GRAPH.is_default and str(DEFAULT_GRAPH) == "the default graph"
    assert str(G) == "<http://example.org/g>"
    assert all(GraphRef.named(str(g)).is_derived for g in DERIVED_GRAPHS)
    assert not GraphRef.named(str(GRAPH["registry"])).is_derived
    first, second = graph_store.new_graph(), graph_store.new_graph()
    assert first != second and str(first.iri).startswith(str(GRAPH["upload/"]))


def test_updates_name_the_graph_once_and_carry_only_parsed_triples() -> None:
    triples = parse(b'<http://a> <http://b> "}} ; DROP ALL ; INSERT DATA {{" .', "text/turtle")
    update = graph_store.replace_update(G, triples)
    assert update.startswith("DROP SILENT GRAPH <http://example.org/g> ;\n"
                             "INSERT DATA { GRAPH <http://example.org/g> {")
    assert graph_store.replace_update(DEFAULT_GRAPH, "") == "DROP SILENT DEFAULT"
    assert graph_store.merge_update(DEFAULT_GRAPH, triples).startswith("INSERT DATA {\n<")
    assert graph_store.merge_update(G, " \n") is None


@pytest.mark.parametrize("write", ["replace", "merge", "delete"])
def test_derived_graphs_cannot_be_written(store: Store, write: str) -> None:
    status = GraphRef.named(str(STATUS_GRAPH))
    with pytest.raises(ForbiddenOperation, match="derived"):
        if write == "replace":
            graph_store.replace_graph(store, status, "")
        elif write == "merge":
            graph_store.merge_graph(store, status, "<http://a> <http://b> <http://c> .\n")
        else:
            graph_store.delete_graph(store, status)


# -- payloads --------------------------------------------------------------------------------

def test_every_payload_format_gives_the_same_triples() -> None:
    from_turtle = parse(TURTLE, "text/turtle; charset=utf-8")
    graph = ox.parse(TURTLE, ox.RdfFormat.TURTLE)
    triples = list(graph)
    for media, rdf_format in [("application/n-triples", ox.RdfFormat.N_TRIPLES),
                              ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                              ("application/ld+json", ox.RdfFormat.JSON_LD)]:
        body = ox.serialize(triples, format=rdf_format)
        assert isinstance(body, bytes)
        again = parse(body, media)
        assert ntriples_set(again) == ntriples_set(from_turtle), media
        assert again.count("_:") == from_turtle.count("_:") == 2
    assert len(ntriples_set(from_turtle)) == 2


def test_relative_iris_resolve_against_the_graph() -> None:
    assert parse(b"<#me> <p> <> .", "text/turtle", "http://example.org/doc") == (
        "<http://example.org/doc#me> <http://example.org/p> <http://example.org/doc> .\n")
    with pytest.raises(ValidationError, match="absolute IRI"):
        parse(b"<#me> <p> <> .", "text/turtle")


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b"<http://a> <http://b> .", "text/turtle", r"line 1 column \d+"),
    (b"<http://a> <http://b> <http://c>", "application/n-triples", "request body"),
    (b"<rdf:RDF", "application/rdf+xml", "request body"),
    (b"{not json", "application/ld+json", "request body"),
    (json.dumps({"@id": "http://g", "@graph": [{"@id": "http://s", "http://p": "o"}]}).encode(),
     "application/ld+json", "Named graphs are not allowed"),
    (b'{"@context": "https://schema.org/", "name": "x"}', "application/ld+json",
     "remote JSON-LD contexts are not fetched"),
])
def test_bad_payloads_are_refused_with_the_parsers_message(body: bytes, content_type: str,
                                                           message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse(body, content_type)


@pytest.mark.parametrize("content_type", [None, "", "text/html", "application/trig",
                                          "text/turtle; charset=latin-1"])
def test_unsupported_media_types(content_type: str | None) -> None:
    with pytest.raises(UnsupportedFormat):
        graph_store.parse_payload(b"<http://a> <http://b> <http://c> .", content_type,
                                  base_iri=None)


def multipart(*parts: tuple[str, bytes], boundary: str = "b0undary") -> tuple[bytes, str]:
    body = b"".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"f{n}\"\r\n"
                    f"Content-Type: {media}\r\n\r\n".encode() + data + b"\r\n"
                    for n, (media, data) in enumerate(parts))
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_multipart_parts_are_merged_with_their_blank_nodes_kept_apart() -> None:
    body, content_type = multipart(
        ("text/turtle; charset=utf-8", '_:x <http://p> "café" .'.encode()),
        ("application/n-triples", b'_:x <http://p> "two" .'))
    triples = list(ox.parse(parse(body, content_type).encode(), ox.RdfFormat.N_TRIPLES))
    assert sorted(t.object.value for t in triples) == ["café", "two"]
    assert triples[0].subject != triples[1].subject
    bad, content_type = multipart(("text/turtle", b"<http://a> <http://b> ."))
    with pytest.raises(ValidationError, match="part 1 of the request body"):
        parse(bad, content_type)
    html, content_type = multipart(("text/html", b"<p>"))
    with pytest.raises(UnsupportedFormat):
        parse(html, content_type)
    with pytest.raises(ValidationError, match="malformed multipart"):
        parse(b"no parts here", "multipart/form-data; boundary=zzz")
    inner, inner_type = multipart(("text/turtle", b"<http://a> <http://b> <http://c> ."),
                                  boundary="inner")
    nested, content_type = multipart((inner_type, inner))
    with pytest.raises(UnsupportedFormat, match="itself multipart"):
        parse(nested, content_type)


# -- reads and writes ------------------------------------------------------------------------

def read(store: Store, graph: GraphRef) -> set[str]:
    return ntriples_set(graph_store.read_graph(store, graph, "ntriples"))


def test_put_post_get_delete_on_a_named_graph(store: Store) -> None:
    one = "<http://a> <http://b> <http://c> .\n"
    two = "<http://a> <http://b> <http://d> .\n"
    assert not graph_store.graph_exists(store, G)
    assert graph_store.replace_graph(store, G, one) is True
    assert graph_store.replace_graph(store, G, two) is False
    assert read(store, G) == ntriples_set(two)
    assert graph_store.merge_graph(store, G, one) is False
    assert read(store, G) == ntriples_set(one + two)
    assert graph_store.delete_graph(store, G) is True
    assert not graph_store.graph_exists(store, G)
    assert graph_store.delete_graph(store, G) is False
    other = GraphRef.named("http://example.org/other")
    assert graph_store.merge_graph(store, other, one) is True
    assert graph_store.replace_graph(store, other, "") is False
    assert not graph_store.graph_exists(store, other)  # a graph exists while it has triples


def test_the_default_graph_is_the_real_one_not_the_union(store: Store) -> None:
    graph_store.replace_graph(store, G, "<http://a> <http://b> <http://named> .\n")
    assert graph_store.graph_exists(store, DEFAULT_GRAPH)
    assert graph_store.read_graph(store, DEFAULT_GRAPH, "turtle").strip() == b""
    own = "<http://a> <http://b> <http://default> .\n"
    assert graph_store.replace_graph(store, DEFAULT_GRAPH, own) is False
    assert read(store, DEFAULT_GRAPH) == ntriples_set(own)
    assert graph_store.delete_graph(store, DEFAULT_GRAPH) is True
    assert read(store, DEFAULT_GRAPH) == set()
    assert read(store, G) == ntriples_set("<http://a> <http://b> <http://named> .\n")


def test_a_literal_that_looks_like_sparql_is_stored_as_it_is(store: Store) -> None:
    text = '}} } ; DROP ALL ; INSERT DATA { <http://x> <http://y> "z" } #'
    body = ox.serialize([ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
                                   ox.Literal(text))], format=ox.RdfFormat.TURTLE)
    assert isinstance(body, bytes)
    graph_store.replace_graph(store, G, parse(body, "text/turtle"))
    result = store.query("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[str(G.iri)])
    assert isinstance(result, Solutions) and result.column("o") == [text]
    assert store.count_triples() == 1


def test_read_graph_in_every_triple_format(store: Store) -> None:
    graph_store.replace_graph(store, G, parse(TURTLE, "text/turtle"))
    for name, rdf_format in [("turtle", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD),
                             ("rdfxml", ox.RdfFormat.RDF_XML)]:
        body = graph_store.read_graph(store, G, name)
        assert len(list(ox.parse(body, rdf_format))) == 4, name
    with pytest.raises(ValueError, match="unknown graph format"):
        graph_store.read_graph(store, G, "trig")


def test_a_graph_that_denies_a_claim_makes_it_contested(store: Store) -> None:
    claimgraph.load_files(store)
    status = (claimgraph.sparql_prefixes()
              + f"SELECT ?s WHERE {{ <{KAFR_NABL}> cg:status ?s }}")

    def kafr_nabl_status() -> str | None:
        result = store.query(status)
        assert isinstance(result, Solutions)
        return result.column("s")[0]

    assert kafr_nabl_status() == "https://w3id.org/claimgraph/ns#NotComparable"
    denial = GraphRef.named("http://example.org/graph/turkey")
    graph_store.replace_graph(store, denial, parse(DENIAL, "text/turtle"))
    claimgraph.derive_statuses(store)
    assert kafr_nabl_status() == "https://w3id.org/claimgraph/ns#Contested"
    graph_store.delete_graph(store, denial)
    claimgraph.derive_statuses(store)
    assert kafr_nabl_status() == "https://w3id.org/claimgraph/ns#NotComparable"
