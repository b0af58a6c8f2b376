"""The W3C SPARQL 1.1 Graph Store Protocol tests, run against a live `claimgraph serve`.

The manifests in tests/conformance/sparql11/graph-store-protocol/ are data: manifest.ttl
includes the direct and indirect manifests; each test (an mf:GraphStoreProtocolTest) lists
the features it mf:requires and an ht:Connection whose ht:requests are sent in order: method,
ht:absolutePath (starting with /gsp), headers, body; each ht:resp gives the acceptable
mf:expectedStatus values (any of them), response headers, a body that must be isomorphic to
the graph returned, and mf:expectedLocation: a template variable ($LOCATION$) to replace, in
the later requests of the connection, by the Location header of this response.

The harness replaces /gsp by our endpoint and the graph IRIs under http://www.example/gsp/
(raw or percent-encoded) by IRIs under the live server's URL, one folder per test, so that
each test starts from graphs that do not exist. Every request carries the write token.

A test runs when it is listed in its manifest's mf:entries and needs only features we
support; every other test must be in NOT_RUN with the reason, and a test checks that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from claimgraph.api.routes.graph_store import PATH

from .conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "tests" / "conformance" / "sparql11" / "graph-store-protocol"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#"

SUPPORTED = frozenset({"IndirectGraphIdentification", "POSTGraphCreation"})
"""mf:requires features claimgraph implements."""

_DIRECT = ("needs mf:DirectGraphIdentification, which claimgraph does not support: its graphs "
           "are named by stable w3id.org IRIs, not by the server's URL (see the docstring of "
           "claimgraph.api.routes.graph_store)")
NOT_RUN: dict[str, str] = {
    "put_get_repeat_direct": _DIRECT,
    "put_delete_get_delete_direct": _DIRECT,
    "post_get_post_get_direct": _DIRECT,
    "head_existing_direct": _DIRECT,
    "head_non_existing_direct": _DIRECT + "; also, it is not listed in the mf:entries of "
                                          "manifest-direct.ttl",
}
"""Tests of the manifests that are not run, with the reason."""

_RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                   "application/ld+json": "json-ld", "application/rdf+xml": "xml"}


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: str | None
    statuses: tuple[tuple[int, int], ...]
    """Acceptable status codes, as inclusive ranges (a class such as 2xx is a range)."""
    location_variable: str | None
    response_headers: tuple[tuple[str, str], ...]
    response_body: str | None


@dataclass(frozen=True)
class GspTest:
    name: str
    manifest: str
    listed: bool
    requires: frozenset[str]
    authority: str
    exchanges: tuple[Exchange, ...]


def _local(node: rdflib.term.Node) -> str:
    return re.split(r"[#/]", str(node))[-1]


def _statuses(node: rdflib.term.Node) -> tuple[int, int]:
    name = str(node).removeprefix(HTS)
    if match := re.fullmatch(r"StatusCode(\d)xx", name):
        return int(match[1]) * 100, int(match[1]) * 100 + 99
    code = HTTPStatus[re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()].value
    return code, code


def _headers(graph: rdflib.Graph, node: rdflib.term.Node | None) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    return tuple((str(graph.value(h, HT.fieldName)).lower(), str(graph.value(h, HT.fieldValue)))
                 for h in Collection(graph, node))


def _body(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    assert str(graph.value(node, CNT.characterEncoding) or "UTF-8").upper() == "UTF-8"
    return str(graph.value(node, CNT.chars))


def _exchange(graph: rdflib.Graph, request: rdflib.term.Node) -> Exchange:
    response = graph.value(request, HT.resp)
    location = graph.value(response, MF.expectedLocation)
    return Exchange(
        method=str(graph.value(request, HT.methodName)),
        path=str(graph.value(request, HT.absolutePath)),
        headers=_headers(graph, graph.value(request, HT.headers)),
        body=_body(graph, graph.value(request, HT.body)),
        statuses=tuple(sorted(_statuses(s) for s in graph.objects(response,
                                                                     MF.expectedStatus))),
        location_variable=str(location) if location is not None else None,
        response_headers=_headers(graph, graph.value(response, HT.headers)),
        response_body=_body(graph, graph.value(response, HT.body)),
    )


def load_tests() -> list[GspTest]:
    """Every mf:GraphStoreProtocolTest of the manifests manifest.ttl includes."""
    top = rdflib.Graph().parse(MANIFESTS / "manifest.ttl", format="turtle")
    tests = []
    for manifest_node in top.objects(predicate=MF.include):
        for included in Collection(top, manifest_node):
            path = MANIFESTS / Path(str(included)).name
            graph = rdflib.Graph().parse(path, format="turtle")
            manifest = graph.value(predicate=RDF.type, object=MF.Manifest)
            entries = set(Collection(graph, graph.value(manifest, MF.entries)))
            for test in graph.subjects(RDF.type, MF.GraphStoreProtocolTest):
                connection = graph.value(test, MF.action)
                requests = Collection(graph, graph.value(connection, HT.requests))
                tests.append(GspTest(
                    name=_local(test), manifest=path.name, listed=test in entries,
                    requires=frozenset(_local(r) for r in graph.objects(test, MF.requires)),
                    authority=str(graph.value(connection, HT.connectionAuthority)),
                    exchanges=tuple(_exchange(graph, r) for r in requests)))
    return sorted(tests, key=lambda t: (t.manifest, t.name))


TESTS = load_tests()
RUN = [t for t in TESTS if t.name not in NOT_RUN]


def test_every_manifest_test_is_run_or_listed_with_a_reason() -> None:
    assert len(TESTS) == 14
    runnable = {t.name for t in TESTS if t.listed and t.requires <= SUPPORTED}
    assert set(NOT_RUN) == {t.name for t in TESTS} - runnable
    assert all(reason.strip() for reason in NOT_RUN.values())


def _rewrite(text: str, test: GspTest, server: LiveServer) -> str:
    """Put the test's graph IRIs under the live server, in raw and percent-encoded form."""
    old = f"http://{test.authority}/gsp/"
    new = f"{server.url}/gsp-conformance/{test.name}/"
    return text.replace(old, new).replace(quote(old, safe=""), quote(new, safe=""))


def _normalised(value: str) -> str:
    return ";".join(part.strip() for part in value.lower().split(";"))


def _graph(text: str | bytes, content_type: str) -> rdflib.Graph:
    media = content_type.split(";")[0].strip().lower()
    return rdflib.Graph().parse(data=text, format=_RDFLIB_FORMATS[media])


def _check(response: httpx.Response, expected: Exchange, where: str) -> None:
    what = f"{where}: {response.status_code} {response.text[:500]}"
    assert any(low <= response.status_code <= high for low, high in expected.statuses), what
    for name, value in expected.response_headers:
        assert name in response.headers, f"{where}: no {name} header"
        assert _normalised(response.headers[name]) == _normalised(value), what
    if expected.response_body is not None:
        content_type = dict(expected.response_headers).get("content-type", "text/turtle")
        wanted = _graph(expected.response_body, content_type)
        got = _graph(response.content, response.headers["content-type"])
        assert isomorphic(got, wanted), (f"{where}: the graph differs:\n"
                                         f"{response.text}\nexpected:\n{expected.response_body}")
    if expected.method == "HEAD":
        assert response.content == b"", f"{where}: HEAD answered with a body"


@pytest.mark.parametrize("test", RUN, ids=[t.name for t in RUN])
def test_w3c_graph_store_protocol(test: GspTest, live_server: LiveServer) -> None:
    variables: dict[str, str] = {}

    def fill(text: str) -> str:
        for variable, value in variables.items():
            text = text.replace(variable, value)
        return text

    with httpx.Client(timeout=30) as client:
        for number, exchange in enumerate(test.exchanges, start=1):
            assert exchange.path.startswith("/gsp")
            path = fill(_rewrite(PATH + exchange.path.removeprefix("/gsp"), test, live_server))
            body = fill(exchange.body).encode("utf-8") if exchange.body is not None else None
            headers = {**dict(exchange.headers), **live_server.auth()}
            response = client.request(exchange.method, live_server.url + path,
                                      headers=headers, content=body)
            _check(response, exchange, f"{test.name}, request {number} ({exchange.method} "
                                       f"{path})")
            if exchange.location_variable is not None:
                assert "location" in response.headers, f"{test.name}: no Location header"
                variables[exchange.location_variable] = response.headers["location"]
