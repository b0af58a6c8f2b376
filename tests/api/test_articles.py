"""PUT /articles/{id} and POST /articles/{id}/check: a reviewed claims file and its text in,
loaded all or nothing; problems come back as JSON with line and field, and nothing is
written unless everything validates. Both need the write token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

import claimgraph
from claimgraph.api.main import create_app
from claimgraph.api.settings import Settings
from claimgraph.graph.backends.store import Store

from .conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
TEXT = (ARTICLES / "idlib-offensive-2019.txt").read_text(encoding="utf-8")
CLAIMS = (ARTICLES / "idlib-offensive-2019.claims.yaml").read_text(encoding="utf-8")
TOKEN = "articles-token-7d2b"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STATUSES = {"contested", "corroborated", "not comparable", "single source"}
BAD_QUOTE = "quote: Another 3,117 people have been injured."


def renamed(article_id: str, claims: str = CLAIMS) -> str:
    """The curated claims, as the claims of an article with another id."""
    assert "\n  id: idlib-offensive-2019\n" in claims
    return claims.replace("\n  id: idlib-offensive-2019\n", f"\n  id: {article_id}\n", 1)


def snapshot(store: Store) -> list[str]:
    return sorted(store.export("nquads").decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings(token=TOKEN))) as client:
        yield client


def test_the_seed_as_a_new_article(client: TestClient) -> None:
    body = {"claims": renamed("idlib-copy"), "text": TEXT}
    response = client.put("/articles/idlib-copy", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["article"] == "idlib-copy"
    assert answer["graph"] == "https://w3id.org/claimgraph/graph/article/idlib-copy"
    assert (answer["claims"], answer["created"]) == (20, True)
    assert set(answer["statuses"]) <= STATUSES and sum(answer["statuses"].values()) == 40
    rows = client.get("/queries/article-claims.json",
                      params={"article": "idlib-copy"}).json()["rows"]
    assert len(rows) == 20
    assert {row["status"] for row in rows} <= STATUSES
    targeting = next(r for r in rows if r["claim"] == "snhr-deliberate-targeting")
    assert (targeting["start"], targeting["end"]) == (849, 976)

    again = client.put("/articles/idlib-copy", json=body, headers=AUTH)
    assert again.status_code == 200, again.text
    assert again.json()["created"] is False


def test_a_draft_from_the_api_submitted_back(client: TestClient) -> None:
    drafted = client.post("/drafts", params={"published": "2019-07-06", "outlet": "Reuters",
                                             "id": "idlib-draft"}, content=TEXT.encode(),
                          headers={**AUTH, "Content-Type": "text/plain"})
    assert drafted.status_code == 200, drafted.text
    assert yaml.safe_load(drafted.text)["article"]["text"] == "idlib-draft.txt"
    checked = client.post("/articles/idlib-draft/check",
                          json={"claims": drafted.text, "text": TEXT}, headers=AUTH)
    assert checked.status_code == 200, checked.text
    assert checked.json()["problems"] == []
    response = client.put("/articles/idlib-draft", json={"claims": drafted.text, "text": TEXT},
                          headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["claims"] == 20


def test_a_quote_not_in_the_text_writes_nothing(client: TestClient, store: Store) -> None:
    claims = renamed("idlib-bad").replace("quote: Another 2,117 people have been injured.",
                                          BAD_QUOTE)
    line = claims.splitlines().index(f"    {BAD_QUOTE}") + 1
    before = snapshot(store)
    for response in (client.put("/articles/idlib-bad", json={"claims": claims, "text": TEXT},
                                headers=AUTH),
                     client.post("/articles/idlib-bad/check",
                                 json={"claims": claims, "text": TEXT}, headers=AUTH)):
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/json"
        [problem] = response.json()["problems"]
        assert (problem["file"], problem["line"]) == ("claims", line)
        assert problem["field"].startswith("claims[") and problem["field"].endswith("].quote")
        assert problem["message"].startswith("quote not found in the article text: "
                                             "'Another 3,117")
    assert snapshot(store) == before


def test_every_problem_is_listed(client: TestClient, store: Store) -> None:
    claims = (renamed("idlib-worse").replace("quote: Another 2,117 people have been injured.",
                                             BAD_QUOTE)
              .replace("outlet: reuters", "outlet: reuterz"))
    before = snapshot(store)
    response = client.put("/articles/idlib-worse", json={"claims": claims, "text": TEXT},
                          headers=AUTH)
    assert response.status_code == 422
    fields = [p["field"] for p in response.json()["problems"]]
    assert "article.outlet" in fields and any(f.endswith(".quote") for f in fields)
    assert all(p["file"] == "claims" for p in response.json()["problems"])
    assert snapshot(store) == before


def test_check_writes_nothing(client: TestClient, store: Store) -> None:
    before = snapshot(store)
    response = client.post("/articles/idlib-checked/check",
                           json={"claims": renamed("idlib-checked"), "text": TEXT},
                           headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "article": "idlib-checked", "claims": 20, "triples": 873, "problems": [],
        "graph": "https://w3id.org/claimgraph/graph/article/idlib-checked"}
    assert snapshot(store) == before


def test_the_id_must_match(client: TestClient, store: Store) -> None:
    before = snapshot(store)
    for method, path in (("PUT", "/articles/another-id"),
                         ("POST", "/articles/another-id/check")):
        response = client.request(method, path, json={"claims": renamed("idlib-x"),
                                                      "text": TEXT}, headers=AUTH)
        assert response.status_code == 400
        assert response.json()["detail"] == (
            "the claims' article.id is 'idlib-x', not 'another-id': send them to their own "
            "URL, /articles/idlib-x")
    assert snapshot(store) == before


def test_without_the_token(client: TestClient, store: Store) -> None:
    body = {"claims": renamed("idlib-anon"), "text": TEXT}
    before = snapshot(store)
    for method, path in (("PUT", "/articles/idlib-anon"), ("POST", "/articles/idlib-anon/check")):
        missing = client.request(method, path, json=body)
        assert missing.status_code == 401
        assert "Authorization: Bearer" in missing.text
        wrong = client.request(method, path, json=body, headers={"Authorization": "Bearer no"})
        assert wrong.status_code == 401
    assert snapshot(store) == before


def test_read_only_server_refuses() -> None:
    store = claimgraph.open_store(":memory:")
    with TestClient(create_app(store)) as client:
        response = client.put("/articles/idlib-copy", json={"claims": renamed("idlib-copy"),
                                                           "text": TEXT}, headers=AUTH)
        check = client.post("/articles/idlib-copy/check",
                            json={"claims": renamed("idlib-copy"), "text": TEXT}, headers=AUTH)
    store.close()
    assert (response.status_code, check.status_code) == (403, 403)


@pytest.mark.parametrize(("body", "message"), [
    (b"claims: x", "the body is not valid JSON"),
    (b'{"claims": "x", "text": "\xff"}', "the body is not UTF-8"),
    (b"[1, 2]", "the body must be a JSON object"),
    (b'{"claims": "x"}', "the body needs 'text' as string(s)"),
    (b'{"claims": 3, "text": null}', "the body needs 'claims' and 'text' as string(s)"),
    (b"[" * 100_000, "the body is not valid JSON"),
])
def test_bad_bodies(client: TestClient, body: bytes, message: str) -> None:
    response = client.put("/articles/idlib-copy", content=body,
                          headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_only_json_and_only_so_much(client: TestClient) -> None:
    text = client.put("/articles/idlib-copy", content=CLAIMS.encode(),
                      headers={**AUTH, "Content-Type": "application/yaml"})
    assert text.status_code == 415
    assert "not application/yaml" in text.json()["detail"]
    huge = client.put("/articles/idlib-copy", json={"claims": CLAIMS, "text": TEXT * 300},
                      headers=AUTH)
    assert huge.status_code == 413


@pytest.mark.parametrize("name", ["../../../../etc/hostname", "/etc/hostname", "./x.txt",
                                  "a//b.txt", "nul\x00.txt", "document.claims.yaml"])
def test_the_text_stays_beside_the_claims(client: TestClient, name: str) -> None:
    claims = renamed("idlib-path").replace("text: idlib-offensive-2019.txt",
                                           f"text: {json.dumps(name)}")
    response = client.post("/articles/idlib-path/check", json={"claims": claims, "text": TEXT},
                           headers=AUTH)
    assert response.status_code == 422, response.text
    [problem] = response.json()["problems"]
    assert (problem["file"], problem["field"]) == ("claims", "article.text")
    assert "cannot name the text" in problem["message"]


def test_a_text_in_a_subfolder(client: TestClient) -> None:
    claims = renamed("idlib-sub").replace("text: idlib-offensive-2019.txt",
                                          "text: texts/idlib-sub.txt")
    response = client.post("/articles/idlib-sub/check", json={"claims": claims, "text": TEXT},
                           headers=AUTH)
    assert response.status_code == 200, response.text


def test_malformed_documents_are_problems_not_errors(client: TestClient) -> None:
    cases = {"article: [": "malformed YAML", "- a list": "", "a: " + "[" * 50_000:
             "nested too deeply", "article: \x99": "character U+0099 is not allowed"}
    for claims, message in cases.items():
        response = client.post("/articles/x/check", json={"claims": claims, "text": TEXT},
                               headers=AUTH)
        assert response.status_code == 422, response.text
        assert message in response.json()["problems"][0]["message"]
    surrogate = json.dumps({"claims": renamed("x"), "text": "\ud800" + TEXT}).encode()
    response = client.post("/articles/x/check", content=surrogate,
                           headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["problems"] == [{
        "file": "claims", "line": None, "field": "article.text",
        "message": "the article's text is not valid Unicode: it holds a lone surrogate "
                   "code point"}]


def test_markup_is_never_served_as_html(client: TestClient) -> None:
    script = "<img src=x onerror=alert(1)>"
    claims = renamed("idlib-markup").replace(
        "quote: Another 2,117 people have been injured.", f"quote: '{script}'")
    responses = [
        client.put("/articles/idlib-markup", json={"claims": claims, "text": TEXT},
                   headers=AUTH),
        client.put(f"/articles/{script}", json={"claims": renamed("idlib-markup"),
                                                "text": TEXT}, headers=AUTH),
    ]
    assert [r.status_code for r in responses] == [422, 400]
    for response in responses:
        assert response.headers["content-type"] == "application/json"
        assert script in json.dumps(response.json())


def test_through_a_live_server(live_server: LiveServer) -> None:
    url = f"{live_server.url}/articles/idlib-live"
    body = {"claims": renamed("idlib-live"), "text": TEXT}
    assert httpx.put(url, json=body, timeout=60).status_code == 401
    response = httpx.put(url, json=body, headers=live_server.auth(), timeout=60)
    assert response.status_code == 201, response.text
    rows = httpx.get(f"{live_server.url}/queries/article-claims.json",
                     params={"article": "idlib-live"}, timeout=60).json()["rows"]
    assert len(rows) == 20
    assert {row["status"] for row in rows} <= STATUSES
