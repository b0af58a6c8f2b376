"""POST /drafts: an article's text in, a claims file drafted from it out; the write token
is needed, and bad input gets a 400 or 413 that says what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

import claimgraph
from claimgraph.api.main import create_app
from claimgraph.api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "data" / "articles" / "idlib-offensive-2019.txt").read_bytes()
TOKEN = "draft-token-3f9a"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}
PARAMS = {"published": "2019-07-06", "outlet": "Reuters"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store = claimgraph.open_store(":memory:")
    with TestClient(create_app(store, Settings(token=TOKEN))) as client:
        yield client
    store.close()


def test_a_draft_of_the_seed(client: TestClient) -> None:
    response = client.post("/drafts", params={**PARAMS, "id": "idlib-draft"}, content=SEED,
                           headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/yaml"
    assert 'filename="idlib-draft.claims.yaml"' in response.headers["content-disposition"]
    assert response.text.startswith("# DRAFT claims of idlib-draft.txt")
    document = yaml.safe_load(response.text)
    assert document["article"]["text"] == "idlib-draft.txt"
    assert document["article"]["outlet"] == "reuters"
    assert len(document["claims"]) == 20
    assert all(claim["note"].startswith("drafted, review") for claim in document["claims"])


def test_the_draft_validates_once_saved_beside_the_text(client: TestClient,
                                                        tmp_path: Path) -> None:
    response = client.post("/drafts", params=PARAMS, content=SEED, headers=AUTH)
    (tmp_path / "reuters-2019-07-06.txt").write_bytes(SEED)
    claims = tmp_path / "reuters-2019-07-06.claims.yaml"
    claims.write_text(response.text, encoding="utf-8")
    [article] = claimgraph.check_files([claims]).articles
    assert len(article.claims.claims) == 20


def test_a_draft_of_an_article_the_server_holds_says_so() -> None:
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)
    try:
        with TestClient(create_app(store, Settings(token=TOKEN))) as client:
            response = client.post("/drafts", params=PARAMS, content=SEED, headers=AUTH)
    finally:
        store.close()
    assert response.status_code == 200, response.text
    assert "# NOTE: this text is already in the graph as article idlib-offensive-2019" in \
        response.text
    notes = [claim["note"] for claim in yaml.safe_load(response.text)["claims"]]
    assert sum("already in the graph" in note for note in notes) >= 18


def test_without_the_token(client: TestClient) -> None:
    response = client.post("/drafts", params=PARAMS, content=SEED,
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.text
    wrong = client.post("/drafts", params=PARAMS, content=SEED,
                        headers={**AUTH, "Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_read_only_server_refuses() -> None:
    store = claimgraph.open_store(":memory:")
    with TestClient(create_app(store)) as client:
        response = client.post("/drafts", params=PARAMS, content=SEED, headers=AUTH)
    store.close()
    assert response.status_code == 403


@pytest.mark.parametrize(("body", "message"), [
    (b"", "request body: the article is empty"),
    (b"%PDF-1.7\n1 0 obj", "request body: this is a PDF document, not text"),
    (b"\x00\x01\x02" * 100, "request body: this is binary data, not text"),
    ("Les groupes de défense des droits de l'homme ont déclaré samedi que la ville était "
     "encerclée par les forces du régime.".encode(),
     "request body: the text does not look like English"),
])
def test_bad_input(client: TestClient, body: bytes, message: str) -> None:
    response = client.post("/drafts", params=PARAMS, content=body, headers=AUTH)
    assert response.status_code == 400
    assert message in response.text


def test_a_50_mb_body_is_refused(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The ministry said the road was closed.\n" * (50_000_000 // 39 + 1))
    response = client.post("/drafts", params=PARAMS, content=path.read_bytes(), headers=AUTH)
    assert response.status_code == 413
    assert "larger than the" in response.text


def test_bad_parameters(client: TestClient) -> None:
    response = client.post("/drafts", params={**PARAMS, "published": "6 July"}, content=SEED,
                           headers=AUTH)
    assert response.status_code == 400
    assert "published='6 July' is not a day: write YYYY-MM-DD" in response.text
    missing = client.post("/drafts", params={"published": "2019-07-06"}, content=SEED,
                          headers=AUTH)
    assert missing.status_code == 422
    json = client.post("/drafts", params=PARAMS, content=b"{}",
                       headers={**AUTH, "Content-Type": "application/json"})
    assert json.status_code == 415


def test_the_article_limit_holds_when_the_operator_allows_larger_requests() -> None:
    store = claimgraph.open_store(":memory:")
    settings = Settings(token=TOKEN, max_request_bytes=100_000_000)
    with TestClient(create_app(store, settings)) as client:
        response = client.post("/drafts", params=PARAMS, content=SEED * 300, headers=AUTH)
    store.close()
    assert len(SEED) * 300 > 1_000_000
    assert response.status_code == 413
    assert "larger than the 1000000-byte limit" in response.text
