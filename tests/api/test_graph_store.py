"""The Graph Store Protocol at /rdf-graph-store on a live server, by raw HTTP."""

from __future__ import annotations

import json

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic

from claimgraph.graph.authoring.checking import check_files, shipped_data

from ..denial import DENIAL, KAFR_NABL
from .conftest import LiveServer

ARTICLE = "https://w3id.org/claimgraph/graph/article/idlib-offensive-2019"
STATUS = "https://w3id.org/claimgraph/graph/status"
TURTLE = {"Content-Type": "text/turtle"}


def seed_article_graph() -> rdflib.Graph:
    """The seed article's graph as the loader builds it."""
    (article,) = check_files([shipped_data()]).articles
    return article.built.graph


def gsp(server: LiveServer) -> str:
    return f"{server.url}/rdf-graph-store"


def write(server: LiveServer, method: str, graph: str | None, body: str | bytes = b"",
          headers: dict[str, str] | None = None, token: bool = True) -> httpx.Response:
    params = {"graph": graph} if graph is not None else {}
    return httpx.request(method, gsp(server), params=params, content=body,
                         headers={**TURTLE, **(headers or {}),
                                  **(server.auth() if token else {})}, timeout=30)


def get(server: LiveServer, graph: str | None, accept: str | None = None) -> httpx.Response:
    params = {"graph": graph} if graph is not None else {"default": ""}
    return httpx.get(gsp(server), params=params,
                     headers={"Accept": accept} if accept else {}, timeout=30)


def status_of(server: LiveServer, claim: str) -> str:
    query = f"SELECT ?s WHERE {{ <{claim}> <https://w3id.org/claimgraph/ns#status> ?s }}"
    response = httpx.get(server.sparql, params={"query": query},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"][0]["s"]["value"]


# -- reads -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "media", "rdflib_format"), [
    (None, "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_get_a_graph_in_each_format(live_server: LiveServer, accept: str | None, media: str,
                                    rdflib_format: str) -> None:
    response = get(live_server, ARTICLE, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert "accept" in response.headers["vary"].lower()
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == len(seed_article_graph())


def test_head_and_missing_graphs(live_server: LiveServer) -> None:
    head = httpx.head(gsp(live_server), params={"graph": ARTICLE})
    assert head.status_code == 200
    assert head.headers["content-type"] == "text/turtle; charset=utf-8"
    assert head.content == b""
    for method in ("GET", "HEAD"):
        missing = httpx.request(method, gsp(live_server),
                                params={"graph": "http://example.org/none"})
        assert missing.status_code == 404
    assert "no graph <http://example.org/none>" in get(live_server, "http://example.org/none").text


def test_how_graphs_are_named(live_server: LiveServer) -> None:
    assert httpx.get(gsp(live_server)).status_code == 400
    both = httpx.get(gsp(live_server) + "?default&graph=" + ARTICLE)
    assert both.status_code == 400 and "not both" in both.text
    two = httpx.get(gsp(live_server), params=[("graph", ARTICLE), ("graph", STATUS)])
    assert two.status_code == 400
    relative = httpx.get(gsp(live_server), params={"graph": "article/idlib"})
    assert relative.status_code == 400 and "absolute IRI" in relative.text
    direct = httpx.get(gsp(live_server) + "/article/idlib-offensive-2019")
    assert direct.status_code == 404 and "direct graph identification" in direct.text
    assert get(live_server, ARTICLE, "text/html").status_code == 406


def test_the_default_graph_is_the_stores_own_not_the_union(live_server: LiveServer) -> None:
    empty = get(live_server, None)
    assert empty.status_code == 200 and empty.content.strip() == b""
    assert write(live_server, "PUT", None).status_code == 400  # PUT needs a graph
    default = gsp(live_server) + "?default"
    headers = {**TURTLE, **live_server.auth()}
    for method, triple in [("PUT", b"<http://a> <http://b> 1 ."),
                           ("POST", b"<http://a> <http://b> 2 .")]:
        response = httpx.request(method, default, content=triple, headers=headers)
        assert response.status_code == 204, response.text
    graph = rdflib.Graph().parse(data=get(live_server, None).text, format="turtle")
    assert len(graph) == 2
    # /sparql's default graph is the union: the article's claims and these two triples
    ask = "ASK { <http://a> <http://b> 2 . ?c a <https://w3id.org/claimgraph/ns#Claim> }"
    union = httpx.get(live_server.sparql, params={"query": ask},
                      headers={"Accept": "application/sparql-results+json"})
    assert union.json()["boolean"] is True
    assert httpx.delete(gsp(live_server) + "?default",
                        headers=live_server.auth()).status_code == 204
    assert get(live_server, None).content.strip() == b""


# -- writes ----------------------------------------------------------------------------------

def test_an_unauthenticated_put_is_refused_and_changes_nothing(live_server: LiveServer) -> None:
    before = get(live_server, ARTICLE, "application/n-triples").text
    for headers in ({}, {"Authorization": "Bearer wrong-token"}):
        response = httpx.put(gsp(live_server), params={"graph": ARTICLE}, content=b"",
                             headers={**TURTLE, **headers})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert get(live_server, ARTICLE, "application/n-triples").text == before
    for method in ("POST", "DELETE"):
        assert write(live_server, method, ARTICLE, token=False).status_code == 401
    assert get(live_server, ARTICLE, "application/n-triples").text == before


def test_a_read_only_server_refuses_every_write(read_only_server: LiveServer) -> None:
    for method in ("PUT", "POST", "DELETE"):
        response = write(read_only_server, method, "http://example.org/g",
                         "<http://a> <http://b> <http://c> .")
        assert response.status_code == 403
        assert "writes are disabled" in response.text
    refused = write(read_only_server, "POST", None, "<http://a> <http://b> <http://c> .")
    assert refused.status_code == 403
    assert get(read_only_server, "http://example.org/g").status_code == 404
    assert get(read_only_server, ARTICLE).status_code == 200


def test_derived_graphs_cannot_be_written(live_server: LiveServer) -> None:
    before = get(live_server, STATUS, "application/n-triples")
    assert before.status_code == 200
    for method in ("PUT", "POST", "DELETE"):
        response = write(live_server, method, STATUS, "<http://a> <http://b> <http://c> .")
        assert response.status_code == 403
        assert "is derived" in response.text
    after = get(live_server, STATUS, "application/n-triples")
    assert isomorphic(rdflib.Graph().parse(data=before.text, format="nt"),
                      rdflib.Graph().parse(data=after.text, format="nt"))


def test_a_put_that_adds_a_denial_makes_a_claim_contested(live_server: LiveServer) -> None:
    single, contested = ("https://w3id.org/claimgraph/ns#NotComparable",
                         "https://w3id.org/claimgraph/ns#Contested")
    graph = "http://example.org/graph/turkey-denial"
    assert status_of(live_server, KAFR_NABL) == single
    created = write(live_server, "PUT", graph, DENIAL)
    assert created.status_code == 201, created.text
    assert "7 contested" in created.text  # 5 before, the hospital claim and the denial itself
    assert status_of(live_server, KAFR_NABL) == contested
    assert write(live_server, "PUT", graph, DENIAL).status_code == 204
    assert write(live_server, "DELETE", graph).status_code == 204
    assert status_of(live_server, KAFR_NABL) == single
    assert write(live_server, "DELETE", graph).status_code == 404


def test_post_merges_and_creates(live_server: LiveServer) -> None:
    graph = "http://example.org/graph/merge?x=1&y=a+b#frag"  # encoded once, decoded once
    assert write(live_server, "POST", graph, "<http://a> <http://b> 1 .").status_code == 201
    assert write(live_server, "POST", graph, "<http://a> <http://b> 2 .").status_code == 204
    merged = rdflib.Graph().parse(data=get(live_server, graph).text, format="turtle")
    assert len(merged) == 2
    created = write(live_server, "POST", None, "<#it> <http://b> 3 .")
    assert created.status_code == 201, created.text
    location = created.headers["location"]
    assert location.startswith("https://w3id.org/claimgraph/graph/upload/")
    fresh = rdflib.Graph().parse(data=get(live_server, location).text, format="turtle")
    assert {str(s) for s in fresh.subjects()} == {location + "#it"}
    nothing = write(live_server, "POST", None, "")
    assert nothing.status_code == 400 and "nothing to create" in nothing.text


def test_payload_formats(live_server: LiveServer) -> None:
    graph = "http://example.org/graph/formats"
    jsonld = json.dumps({"@id": "http://example.org/s", "http://example.org/p": "o"})
    rdfxml = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              '<rdf:Description rdf:about="http://example.org/s">'
              '<rdf:value>o</rdf:value></rdf:Description></rdf:RDF>')
    for media, body in [("application/ld+json", jsonld), ("application/rdf+xml", rdfxml),
                        ("application/n-triples", '<http://a> <http://b> "o" .\n')]:
        response = write(live_server, "PUT", graph, body, {"Content-Type": media})
        assert response.status_code in (201, 204), (media, response.text)
        stored = rdflib.Graph().parse(data=get(live_server, graph).text, format="turtle")
        assert len(stored) == 1, media
    assert write(live_server, "DELETE", graph).status_code == 204


def test_bad_payloads(live_server: LiveServer) -> None:
    graph = "http://example.org/graph/bad"
    malformed = write(live_server, "PUT", graph, "<http://a> <http://b> .")
    assert malformed.status_code == 400
    assert "line 1 column" in malformed.text
    unsupported = write(live_server, "PUT", graph, "<p>hi</p>", {"Content-Type": "text/html"})
    assert unsupported.status_code == 415 and "text/turtle" in unsupported.text
    untyped = httpx.put(gsp(live_server), params={"graph": graph}, content=b"x",
                        headers=live_server.auth())
    assert untyped.status_code == 415
    too_big = write(live_server, "PUT", graph, b"#" * 1_000_001)
    assert too_big.status_code == 413
    assert get(live_server, graph).status_code == 404
