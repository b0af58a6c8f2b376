"""Canned queries over HTTP: the index, JSON, CSV and HTML of one data path, negotiation,
Link headers, errors that name the parameter, hostile input, and a real server."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import claimgraph
from claimgraph import Solutions, Store
from claimgraph.api.errors import install_error_handlers
from claimgraph.api.main import create_app
from claimgraph.api.routes.queries import FORMATS, build_router
from claimgraph.api.settings import Settings
from claimgraph.graph.backends.isolated import IsolatedStore
from claimgraph.graph.queries.canned import CannedQuery, load_canned

from .conftest import LiveServer

ARTICLE = "idlib-offensive-2019"
SNHR_CLAIMS = {"snhr-civilians-killed": "single source",
               "snhr-deliberate-targeting": "contested", "snhr-injured": "single source"}
HOSTILE = '<script>alert("owned")</script> & "Fadel" <b>'


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as client:
        yield client


def links(response: httpx.Response) -> dict[tuple[str, str | None], str]:
    """(rel, type) -> URL of every entry of the Link header."""
    found = {}
    for match in re.finditer(r'<([^>]*)>; rel="([^"]+)"(?:; type="([^"]+)")?',
                             response.headers.get("link", "")):
        found[(match[2], match[3])] = match[1]
    return found


def claim_count(store: Store) -> int:
    result = store.query(claimgraph.sparql_prefixes()
                         + "SELECT (COUNT(?c) AS ?n) WHERE { ?c a cg:Claim }")
    assert isinstance(result, Solutions)
    return int(result.column("n")[0] or 0)


# -- the index and the home page -----------------------------------------------------------


def test_index_as_json_and_html(client: TestClient) -> None:
    index = client.get("/queries.json")
    assert index.status_code == 200
    entries = {q["name"]: q for q in index.json()["queries"]}
    assert {"who-claimed-what", "contested-claims", "article-claims", "attribution-chain",
            "claims-per-source", "claims-mentioning"} <= set(entries)
    who = entries["who-claimed-what"]
    assert who["example"] == "/queries/who-claimed-what?source=snhr"
    assert who["parameters"][0] | {"description": ""} == {
        "name": "source", "kind": "source", "example": "snhr", "required": True,
        "description": ""}
    page = client.get("/queries", headers={"Accept": "text/html"})
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["vary"] == "Accept"
    assert '<a href="/queries/who-claimed-what.html?source=snhr">Who claimed what</a>' in page.text
    assert links(page)[("alternate", "application/json")] == "/queries.json"
    assert client.get("/queries").json() == index.json()
    assert '<a href="/queries">' in client.get("/").text


# -- one data path, three renderers --------------------------------------------------------


def test_json_shape_and_content(client: TestClient) -> None:
    response = client.get("/queries/who-claimed-what.json", params={"source": "snhr"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert {k: data[k] for k in ("query", "parameters", "limit", "offset", "next")} == {
        "query": "who-claimed-what", "parameters": {"source": "snhr"},
        "limit": 100, "offset": 0, "next": None}
    assert data["columns"][:3] == ["claim", "article", "status"]
    assert {r["claim"]: r["status"] for r in data["rows"]} == SNHR_CLAIMS
    assert set(data["rows"][0]) == set(data["columns"])


def test_offsets_are_numbers_in_json(client: TestClient) -> None:
    data = client.get("/queries/article-claims.json", params={"article": ARTICLE}).json()
    assert len(data["rows"]) == 20
    targeting = next(r for r in data["rows"] if r["claim"] == "snhr-deliberate-targeting")
    assert (targeting["start"], targeting["end"], targeting["status"]) == (849, 976,
                                                                           "contested")


def test_csv(client: TestClient) -> None:
    response = client.get("/queries/contested-claims.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == 8
    denial = [r for r in table if r["claim"] == "hrw-cluster-munitions"]
    assert [(r["challenger"], r["status"], r["challengerStatus"], r["rule"]) for r in denial] == [
        ("russia-syria-deny", "contested", "contested", "contested-by-denial")]


def test_html_page(client: TestClient) -> None:
    response = client.get("/queries/attribution-chain.html",
                          params={"article": ARTICLE, "claim": "hrw-cluster-munitions"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "<h1>The attribution chain of one claim</h1>" in page
    assert "<tr><td>denied by</td><td>russia-syria-deny</td>" in page
    assert "<tr><td>quote start</td><td>1531</td>" in page
    assert 'value="hrw-cluster-munitions"' in page
    # Self-contained: nothing loaded from anywhere.
    assert not re.search(r"<script|<link|src=|https?://", page)


def test_link_headers_name_the_other_formats_and_the_next_page(client: TestClient) -> None:
    response = client.get("/queries/article-claims.csv", params={"article": ARTICLE, "limit": 5})
    found = links(response)
    query = f"article={ARTICLE}&limit=5"
    assert found[("alternate", "application/json")] == f"/queries/article-claims.json?{query}"
    assert found[("alternate", "text/html")] == f"/queries/article-claims.html?{query}"
    assert ("alternate", "text/csv") not in found
    assert found[("next", None)] == f"/queries/article-claims.csv?{query}&offset=5"
    seen: list[str] = []
    url: str | None = f"/queries/article-claims.json?{query}"
    while url:
        data = client.get(url).json()
        seen += [r["claim"] for r in data["rows"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == 20


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/json"), ("*/*", "application/json"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
     "text/html; charset=utf-8"),
    ("application/json;q=0.5, text/csv", "text/csv; charset=utf-8")])
def test_accept_negotiation(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/queries/who-claimed-what?source=snhr", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    assert response.headers["vary"] == "Accept"
    assert len(links(response)) == 3
    assert "snhr-deliberate-targeting" in response.text


def test_nothing_acceptable(client: TestClient) -> None:
    response = client.get("/queries/who-claimed-what?source=snhr",
                          headers={"Accept": "image/png"})
    assert response.status_code == 406


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/queries/who-claimed-what", 400, "missing the 'source' parameter"),
    ("/queries/who-claimed-what.html?source=", 400, "missing the 'source' parameter"),
    ("/queries/who-claimed-what?source=Not%20An%20Id", 400, "parameter 'source' must be an id"),
    ("/queries/who-claimed-what?source=snhr&source=hrw", 400, "give one 'source' parameter"),
    ("/queries/who-claimed-what?source=snhr&limit=0", 400, "parameter 'limit'"),
    ("/queries/who-claimed-what?source=snhr&offset=x", 400, "parameter 'offset'"),
    ("/queries/attribution-chain?claim=hrw-cluster-munitions", 400, "'article'"),
    ("/queries/who-claimed-what.csv?source=nobody", 404, "no source has the id 'nobody'"),
    (f"/queries/attribution-chain?article={ARTICLE}&claim=nope", 404, "parameter 'claim'"),
    ("/queries/no-such-query", 404, "no canned query is called 'no-such-query'"),
    ("/queries/no-such-query.json", 404, "no canned query"),
])
def test_errors_name_the_problem(client: TestClient, url: str, status: int,
                                 message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert message in response.text


def test_a_known_source_without_claims_is_an_empty_answer(client: TestClient) -> None:
    response = client.get("/queries/who-claimed-what.json?source=al-qaeda-militants")
    assert response.status_code == 200
    assert response.json()["rows"] == []
    assert "No rows" in client.get("/queries/who-claimed-what.html?source=al-qaeda-militants").text


# -- hostile input -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["snhr> } ; DROP ALL ; #", "snhr>} INSERT DATA {<a> <b> <c>}",
                                   "snhr%3E", "snhr\n}"])
def test_injection_in_an_id_is_refused(client: TestClient, store: Store, value: str) -> None:
    response = client.get("/queries/who-claimed-what", params={"source": value})
    assert response.status_code == 400
    assert "'source'" in response.text
    assert claim_count(store) == 20


@pytest.mark.parametrize("text", ['x" } ; DROP ALL ; #', '") || true || ("', "\\u0022 #"])
def test_injection_in_a_text_is_harmless(client: TestClient, store: Store, text: str) -> None:
    response = client.get("/queries/claims-mentioning.json", params={"text": text})
    assert response.status_code == 200
    assert response.json()["rows"] == []
    assert response.json()["parameters"] == {"text": text}
    assert claim_count(store) == 20


def test_a_quote_character_in_a_text(client: TestClient) -> None:
    data = client.get("/queries/claims-mentioning.json", params={"text": '"'}).json()
    assert [(r["claim"], r["status"]) for r in data["rows"]] == [
        ("humanitarian-wars-have-laws", "single source")]


def test_hostile_labels_are_escaped_in_html() -> None:
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)
    label = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    store.update(claimgraph.sparql_prefixes() + f"""
        DELETE {{ GRAPH ?g {{ source:fadel-abdul-ghany rdfs:label ?old }} }}
        INSERT {{ GRAPH ?g {{ source:fadel-abdul-ghany rdfs:label "{label}" }} }}
        WHERE {{ GRAPH ?g {{ source:fadel-abdul-ghany rdfs:label ?old }} }}""")
    with TestClient(create_app(store)) as client:
        page = client.get("/queries/who-claimed-what.html?source=snhr").text
        data = client.get("/queries/who-claimed-what.json?source=snhr").json()
        table = list(csv.DictReader(io.StringIO(
            client.get("/queries/who-claimed-what.csv?source=snhr").text)))
    store.close()
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &quot;Fadel&quot; " \
           "&lt;b&gt;" in page
    assert "<script" not in page and "<b>" not in page
    speakers = {r["speaker"] for r in data["rows"]}
    assert HOSTILE in speakers
    assert HOSTILE in {r["speaker"] for r in table}


# -- the isolated store: answered on the event loop --------------------------------------


@pytest.fixture(scope="module")
def isolated_client(isolated: IsolatedStore) -> Iterator[TestClient]:
    with TestClient(create_app(isolated)) as client:
        yield client


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_isolated_store_answers_as_the_in_process_one(
        client: TestClient, isolated_client: TestClient, fmt: str) -> None:
    for query in load_canned():
        for params in (query.examples, {**query.examples, "limit": "3", "offset": "2"}):
            url = f"/queries/{query.name}.{fmt}"
            expected, found = client.get(url, params=params), isolated_client.get(url,
                                                                                 params=params)
            assert found.status_code == expected.status_code == 200, (url, found.text)
            assert found.content == expected.content, url
            assert found.headers["link"] == expected.headers["link"]
            assert found.headers["content-type"] == expected.headers["content-type"]


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/queries/who-claimed-what.json?source=nobody", 404, "no source has the id 'nobody'"),
    (f"/queries/attribution-chain.html?article={ARTICLE}&claim=nope", 404, "parameter 'claim'"),
    ("/queries/who-claimed-what.csv?source=Not%20An%20Id", 400, "parameter 'source' must be"),
    ("/queries/who-claimed-what.json?source=snhr&limit=1001", 400, "parameter 'limit'"),
])
def test_the_isolated_store_keeps_the_errors(isolated_client: TestClient, url: str,
                                             status: int, message: str) -> None:
    response = isolated_client.get(url)
    assert response.status_code == status
    assert message in response.text


def test_a_canned_query_on_the_isolated_store_is_stopped_at_the_time_limit(
        isolated: IsolatedStore) -> None:
    runaway = CannedQuery("runaway", "Runaway", "Never ends in time", (),
                          "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    app = FastAPI()
    install_error_handlers(app)
    app.state.limited_store = isolated.limited(1.0)
    app.state.settings = Settings()
    app.include_router(build_router([runaway]))
    with TestClient(app) as client:
        response = client.get("/queries/runaway.json")
    assert response.status_code == 503
    assert "1-second time limit" in response.text


@pytest.mark.parametrize("which", ["in-process", "isolated"])
def test_a_page_larger_than_the_result_limit_is_refused(
        store: Store, isolated: IsolatedStore, which: str) -> None:
    app = create_app(store if which == "in-process" else isolated,
                     Settings(max_result_bytes=2000))
    with TestClient(app) as client:
        small = client.get("/queries/who-claimed-what.json", params={"source": "snhr"})
        large = client.get("/queries/article-claims.json", params={"article": ARTICLE})
    assert small.status_code == 200
    assert large.status_code == 400
    assert "larger than the 2,000-byte limit" in large.text


# -- OpenAPI -------------------------------------------------------------------------------


def test_each_canned_query_is_documented_with_its_parameters() -> None:
    app = FastAPI()
    app.include_router(build_router())
    spec = app.openapi()
    for query in load_canned():
        operation = spec["paths"][f"/queries/{query.name}"]["get"]
        assert operation["summary"] == query.title
        assert operation["description"].startswith(query.description)
        documented = {p["name"]: p for p in operation["parameters"]}
        assert set(documented) == {p.name for p in query.parameters} | {"limit", "offset"}
        for parameter in query.parameters:
            assert documented[parameter.name]["required"] is True
            assert documented[parameter.name]["example"] == parameter.example
        assert set(operation["responses"]["200"]["content"]) == {
            "application/json", "text/csv", "text/html"}
    assert "/queries" in spec["paths"]
    assert not any(path.endswith((".json", ".csv", ".html")) for path in spec["paths"])


# -- a real server -------------------------------------------------------------------------


def test_on_a_live_server(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.url}/queries/who-claimed-what.json",
                         params={"source": "snhr"})
    assert response.status_code == 200
    assert {r["claim"]: r["status"] for r in response.json()["rows"]} == SNHR_CLAIMS
    assert links(response)[("alternate", "text/csv")] == "/queries/who-claimed-what.csv?source=snhr"
    chain = httpx.get(f"{live_server.url}/queries/attribution-chain",
                      params={"article": ARTICLE, "claim": "snhr-deliberate-targeting"},
                      headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(chain.text)))
    offsets = {r["step"]: r["value"] for r in rows if r["step"].startswith("quote ")}
    assert offsets == {"quote start": "849", "quote end": "976"}
    refused = httpx.get(f"{live_server.url}/queries/who-claimed-what",
                        params={"source": "snhr> } ; DROP ALL ; #"})
    assert refused.status_code == 400 and "'source'" in refused.text
    index = httpx.get(f"{live_server.url}/queries", headers={"Accept": "text/html"})
    assert "Who claimed what" in index.text
