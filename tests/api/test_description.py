"""Service Description at the endpoint and VoID for the dataset, parsed as RDF."""

from __future__ import annotations

import httpx
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import VOID

from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS

from .conftest import LiveServer

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
CG = Namespace("https://w3id.org/claimgraph/ns#")


def test_service_description_at_the_endpoint(live_server: LiveServer) -> None:
    response = httpx.get(live_server.sparql, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(live_server.sparql)
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph  # SERVICE is off
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert "https://w3id.org/claimgraph/graph/article/idlib-offensive-2019" in names
    assert "https://w3id.org/claimgraph/graph/status" in names


def test_void_counts_claims_sources_and_graphs(live_server: LiveServer) -> None:
    response = httpx.get(live_server.url + "/void", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/n-triples"
    graph = Graph().parse(data=response.text, format="nt")
    dataset = URIRef(live_server.url + "/void#dataset")
    assert (dataset, VOID.sparqlEndpoint, URIRef(live_server.sparql)) in graph
    entities = {str(graph.value(p, VOID["class"])): graph.value(p, VOID.entities).toPython()
                for p in graph.objects(dataset, VOID.classPartition)}
    assert entities[str(CG.Claim)] == 20
    assert entities[str(CG.Article)] == 1
    assert entities[str(CG.Source)] == 23  # every source in the registry, of every kind
    triples = graph.value(dataset, VOID.triples).toPython()
    subsets = [graph.value(s, VOID.triples).toPython() for s in graph.objects(dataset,
                                                                              VOID.subset)]
    # vocabulary, registry, the article, and the derived graphs
    assert len(subsets) == 3 + len(DERIVED_GRAPHS)
    assert sum(subsets) == triples
    answer = httpx.get(live_server.sparql, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == triples
