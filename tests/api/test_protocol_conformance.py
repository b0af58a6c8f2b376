"""The W3C SPARQL 1.1 Protocol test manifest, run against a live `claimgraph serve`.

The manifest describes each test as data (requests with method, path, headers and body;
the expected status class, result format and ASK answer). This harness replaces the
manifest's ``/sparql/`` path prefix with our endpoint, preloads the listed graphs, sends the
requests with our write token and checks every response. All 34 tests run.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS

from .conftest import LiveServer, start_server, stop_server

MANIFEST = Path(__file__).resolve().parents[1] / "conformance" / "sparql11" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/rdf+xml": ox.RdfFormat.RDF_XML,
             "application/ld+json": ox.RdfFormat.JSON_LD}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    statuses: frozenset[str]
    result_format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    graph_data: tuple[tuple[Path, str], ...]
    requests: tuple[ProtocolRequest, ...]


def _requests(manifest: Graph, action: URIRef) -> Iterator[ProtocolRequest]:
    for request in Collection(manifest, manifest.value(action, HT.requests)):
        headers: dict[str, str] = {}
        header_list = manifest.value(request, HT.headers)
        if header_list is not None:
            for header in Collection(manifest, header_list):
                headers[str(manifest.value(header, HT.fieldName))] = str(
                    manifest.value(header, HT.fieldValue))
        body = manifest.value(request, HT.body)
        response = manifest.value(request, HT.resp)
        statuses = frozenset(str(s).rsplit("#", 1)[1]
                             for s in manifest.objects(response, MF.expectedStatus))
        expected_format = manifest.value(response, MF.expectedFormat)
        expected_boolean = manifest.value(response, MF.expectedBoolean)
        yield ProtocolRequest(
            method=str(manifest.value(request, HT.methodName)),
            path=str(manifest.value(request, HT.absolutePath)),
            headers=headers,
            body=str(manifest.value(body, CNT.chars)) if body is not None else None,
            statuses=statuses,
            result_format=str(expected_format) if expected_format is not None else None,
            boolean=expected_boolean.toPython() if expected_boolean is not None else None,
        )


def load_manifest() -> list[ProtocolTest]:
    manifest = Graph().parse(MANIFEST / "manifest.ttl", format="turtle",
                             publicID=(MANIFEST / "manifest.ttl").as_uri())
    entries = Collection(manifest, manifest.value(URIRef((MANIFEST / "manifest.ttl").as_uri()),
                                                  MF.entries))
    tests = []
    for entry in entries:
        graph_data = tuple(
            (Path(str(manifest.value(data, UT.graph)).removeprefix("file://")),
             str(manifest.value(data, RDFS.label)))
            for data in manifest.objects(entry, UT.graphData))
        tests.append(ProtocolTest(
            name=str(entry).rsplit("#", 1)[1], title=str(manifest.value(entry, MF.name)),
            graph_data=graph_data,
            requests=tuple(_requests(manifest, manifest.value(entry, MF.action)))))
    return tests


TESTS = load_manifest()


def test_the_whole_manifest_is_run() -> None:
    assert len(TESTS) == 34
    assert len({t.name for t in TESTS}) == 34


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of its own: the manifest's updates run CLEAR ALL."""
    live = start_server(tmp_path_factory.mktemp("protocol") / "store")
    yield live
    stop_server(live)


def _preload(server: LiveServer, test: ProtocolTest) -> None:
    parts = ["DROP ALL"]
    for path, graph in test.graph_data:
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{path.read_text()}\n}} }}")
    response = httpx.post(server.sparql, content=" ;\n".join(parts).encode(),
                          headers={"Content-Type": "application/sparql-update",
                                   **server.auth()}, timeout=30)
    assert response.status_code == 200, response.text


def _status_class(code: int) -> str:
    return f"StatusCode{code // 100}xx"


def _check_result(request: ProtocolRequest, response: httpx.Response) -> None:
    media_type = response.headers.get("content-type", "").split(";")[0]
    if request.result_format == "boolean":
        assert media_type in BOOLEAN_TYPES
        if media_type.endswith("json"):
            answer = response.json()["boolean"]
        else:
            node = ET.fromstring(response.content).find(
                "{http://www.w3.org/2005/sparql-results#}boolean")
            assert node is not None
            answer = node.text == "true"
        if request.boolean is not None:
            assert answer is request.boolean
    elif request.result_format == "tabular":
        assert media_type in TABULAR_TYPES
        if media_type.endswith("json"):
            assert "bindings" in json.loads(response.content)["results"]
    elif request.result_format == "RDF":
        assert media_type in RDF_TYPES
        list(ox.parse(response.content, format=RDF_TYPES[media_type]))


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(server: LiveServer, test: ProtocolTest) -> None:
    _preload(server, test)
    for request in test.requests:
        assert request.path.startswith("/sparql/")
        url = server.url + "/sparql" + request.path.removeprefix("/sparql/")
        response = httpx.request(
            request.method, url, headers={**request.headers, **server.auth()},
            content=request.body.encode("utf-8") if request.body is not None else None,
            timeout=30)
        assert _status_class(response.status_code) in request.statuses, (
            f"{test.title}: {request.method} {request.path} answered {response.status_code} "
            f"{response.text[:300]}")
        if response.is_success:
            _check_result(request, response)
