"""PUT /articles/{id}: a reviewed claims file and its article's text in, loaded all or nothing.

The last step of adding an article (docs/adding-an-article.md), as ``claimgraph validate`` and
``claimgraph load`` do it: the body is JSON, ``{"claims": "<the claims YAML>", "text": "<the
article's original text>"}``; the claims name the text by ``article.text``, and the two are
checked side by side against the shipped registry
(claimgraph.graph.authoring.checking.check_document).
On success the article's named graph is replaced, the vocabulary and registry graphs are
written again from what shipped, and statuses are derived again. On any problem nothing is
written and the answer is 422 with every problem as JSON (file, line, field, message; the
file is ``claims``, the body's field).

``POST /articles/{id}/check`` checks the same body and writes nothing. Both need the write
token: checking writes nothing, but anchoring and SHACL validation cost seconds of CPU per
request, which a public endpoint would hand to anyone (drafting needs the token too).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, read_body, require_write_token
from claimgraph.api.settings import Settings
from claimgraph.errors import ValidationError
from claimgraph.graph.authoring.checking import CheckedArticle, CheckedFiles, check_document
from claimgraph.graph.backends.store import Store
from claimgraph.graph.writing import graph_store
from claimgraph.graph.writing.graph_store import GraphRef
from claimgraph.graph.writing.loading import load_checked

__all__ = ["PATH", "router"]

PATH = "/articles/{id}"
JSON = "application/json"
NAME = "claims"
"""What problems name as their file: the body's ``claims`` field."""
router = APIRouter(tags=["Adding articles"])

ArticleId = Annotated[str, Path(alias="id", description="The article's id: the claims' "
                                                        "article.id")]

_BODY = {"required": True, "content": {JSON: {"schema": {
    "type": "object", "required": ["claims", "text"],
    "properties": {
        "claims": {"type": "string", "description": "The claims file (YAML, data/README.md); "
                                                    "its article.id must be the path's id"},
        "text": {"type": "string", "description": "The article's original text, saved under "
                                                  "the name the claims' article.text gives"}}}}}}
_PROBLEMS = {"type": "object", "required": ["problems"], "properties": {"problems": {
    "type": "array", "items": {"type": "object", "properties": {
        "file": {"type": "string"}, "line": {"type": ["integer", "null"]},
        "field": {"type": "string"}, "message": {"type": "string"}}}}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Not a JSON object with the strings 'claims' and 'text', or the "
                         "claims' article.id is not the path's id"},
    401: {"description": "No valid bearer token"},
    403: {"description": "Writes disabled (no token configured)"},
    413: {"description": "The body is larger than the size limit"},
    415: {"description": "The body is not application/json"},
    422: {"description": "The claims do not validate: every problem, with its line and field; "
                         "nothing was written", "content": {JSON: {"schema": _PROBLEMS}}},
    503: {"description": "The store could not be written"},
}


async def _document(request: Request, settings: Settings) -> tuple[str, str]:
    """The body's claims and text, or a 4xx saying what is wrong with the body."""
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media != JSON:
        raise HTTPException(415, f"send {JSON}: {{\"claims\": \"<the claims YAML>\", "
                                 f"\"text\": \"<the article's text>\"}}, not {media or 'no type'}")
    body = await read_body(request, settings)
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "not UTF-8" if isinstance(error, UnicodeDecodeError) else "not valid JSON"
        raise HTTPException(400, f"the body is {reason}: send a JSON object with the "
                                 "strings 'claims' and 'text'") from None
    if not isinstance(document, dict):
        raise HTTPException(400, "the body must be a JSON object with the strings 'claims' "
                                 "and 'text'")
    wrong = [key for key in ("claims", "text") if not isinstance(document.get(key), str)]
    if wrong:
        raise HTTPException(400, f"the body needs {' and '.join(map(repr, wrong))} as "
                                 "string(s): 'claims' the claims YAML, 'text' the article's text")
    return document["claims"], document["text"]


def _checked(claims: str, text: str, article_id: str) -> CheckedFiles:
    """The document checked, when its one article's id is ``article_id``."""
    checked = check_document(claims, text, name=NAME)
    [article] = checked.articles
    if article.claims.article.id != article_id:
        raise HTTPException(400, f"the claims' article.id is {article.claims.article.id!r}, "
                                 f"not {article_id!r}: send them to their own URL, "
                                 f"/articles/{article.claims.article.id}")
    return checked


def _summary(article: CheckedArticle) -> dict[str, Any]:
    return {"article": article.claims.article.id, "graph": article.graph_iri,
            "claims": len(article.claims.claims), "triples": len(article.built.graph)}


def _problems(error: ValidationError) -> JSONResponse:
    return JSONResponse({"problems": [{"file": p.file, "line": p.line, "field": p.field,
                                       "message": p.message} for p in error.problems]},
                        status_code=422)


def _load(store: Store, claims: str, text: str, article_id: str) -> tuple[dict[str, Any], bool]:
    """Check, then write: the answer's JSON and whether the article is new."""
    checked = _checked(claims, text, article_id)
    [article] = checked.articles
    created = not graph_store.graph_exists(store, GraphRef.named(article.graph_iri))
    statuses = load_checked(store, checked).statuses
    return {**_summary(article), "created": created,
            "statuses": dict(sorted(statuses.counts.items())),
            "findings": statuses.findings}, created


@router.put(PATH, dependencies=[Depends(require_write_token)],
            summary="Add or replace an article: its reviewed claims and its text",
            responses={200: {"description": "Replaced; the article, its graph, its claims "
                                            "and the store's status counts"},
                       201: {"description": "Added"}, **_ERRORS},
            openapi_extra={"requestBody": _BODY})
async def put_article(article_id: ArticleId, request: Request,
                      settings: SettingsDep) -> JSONResponse:
    """Check the claims and the text as ``claimgraph validate`` does and load them as
    ``claimgraph load`` does: the article's named graph is replaced whole and statuses are
    derived again. On any problem, 422 with every problem and nothing written."""
    claims, text = await _document(request, settings)
    try:
        answer, created = await run_in_threadpool(_load, request.app.state.store, claims,
                                                  text, article_id)
    except ValidationError as error:
        return _problems(error)
    return JSONResponse(answer, status_code=201 if created else 200)


@router.post(PATH + "/check", dependencies=[Depends(require_write_token)],
             summary="Check an article's claims and text without loading them",
             responses={200: {"description": "No problem: what a PUT would load"}, **_ERRORS},
             openapi_extra={"requestBody": _BODY})
async def check_article(article_id: ArticleId, request: Request,
                        settings: SettingsDep) -> JSONResponse:
    """What ``PUT /articles/{id}`` would answer, with nothing written: the article, its graph
    and its claims count, or 422 with every problem."""
    claims, text = await _document(request, settings)
    try:
        checked = await run_in_threadpool(_checked, claims, text, article_id)
    except ValidationError as error:
        return _problems(error)
    return JSONResponse({**_summary(checked.articles[0]), "problems": []})
