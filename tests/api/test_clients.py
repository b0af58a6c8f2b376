"""The SPARQL clients our analysts use, pointed at a live server: SPARQLWrapper, rdflib's
SPARQLStore for reads and SPARQLUpdateStore (with the token) for writes."""

from __future__ import annotations

import warnings

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .conftest import LiveServer

CG = "https://w3id.org/claimgraph/ns#"
CONTESTED = f"""PREFIX cg: <{CG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?claim WHERE {{ ?c cg:status cg:Contested ; dcterms:identifier ?claim }} ORDER BY ?claim"""
EXPECTED = ["hrw-cluster-munitions", "moscow-fending-off-terror",
            "residents-weapons-paralyse-life", "russia-syria-deny", "snhr-deliberate-targeting"]


def test_sparqlwrapper_select_in_json_xml_csv_by_get_and_post(live_server: LiveServer) -> None:
    client = SPARQLWrapper(live_server.sparql)
    client.setQuery(CONTESTED)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [row["claim"]["value"] for row in rows] == EXPECTED
    client.setMethod(POST)
    client.setReturnFormat(XML)
    document = client.query().convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert values == EXPECTED
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines() == ["claim", *EXPECTED]


def test_sparqlwrapper_ask_construct_and_bad_query(live_server: LiveServer) -> None:
    client = SPARQLWrapper(live_server.sparql)
    client.setReturnFormat(JSON)
    client.setQuery(f"ASK {{ ?c <{CG}status> <{CG}Contested> }}")
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"CONSTRUCT {{ ?c <{CG}status> ?s }} WHERE {{ ?c <{CG}status> ?s }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 20
    client.setQuery("SELECT ?x WHERE { ?x }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error"):
        client.query()


def test_rdflib_sparqlstore_reads(live_server: LiveServer) -> None:
    graph = Graph(SPARQLStore(live_server.sparql))
    rows = list(graph.query(CONTESTED))
    assert [str(row[0]) for row in rows] == EXPECTED
    snhr = URIRef("https://w3id.org/claimgraph/id/source/snhr")
    labels = list(graph.objects(snhr, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert labels == [Literal("Syrian Network for Human Rights")]


def test_rdflib_sparqlupdatestore_writes_with_the_token(live_server: LiveServer) -> None:
    store = SPARQLUpdateStore(live_server.sparql, live_server.sparql,
                              headers={"Authorization": f"Bearer {live_server.token}"})
    graph = Graph(store, identifier=URIRef("urn:claimgraph:test:client-writes"))
    subject = URIRef("urn:claimgraph:test:note")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        graph.add((subject, URIRef("urn:claimgraph:test:says"), Literal("written by rdflib")))
        assert list(graph.objects(subject, None)) == [Literal("written by rdflib")]
        graph.remove((subject, None, None))
        assert list(graph.objects(subject, None)) == []
    unauthorised = SPARQLUpdateStore(live_server.sparql, live_server.sparql)
    with pytest.raises(Exception, match="401"):
        Graph(unauthorised, identifier=URIRef("urn:x")).add(
            (subject, URIRef("urn:p"), Literal("refused")))
