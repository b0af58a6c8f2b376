"""POST /drafts: an article's text in, a claims file drafted from it out, for review.

The draft is YAML in the authoring format (data/README.md), resolved against the shipped
registry and compared with the store's claims (a statement already in the graph says so in
its note; a text already loaded says so at the top); submitting the reviewed claims is the
usual load path. Drafting needs the write
token, like every write: it is the first step of adding an article.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep, read_body, require_write_token
from claimgraph.graph.authoring.checking import shipped_data
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.backends.store import Store
from claimgraph.graph.drafting.draft import draft_article, registry_for
from claimgraph.graph.sources.resolution import slug
from claimgraph.graph.text.article_input import MAX_ARTICLE_BYTES, check_article
from claimgraph.graph.views.known_statements import read_known

__all__ = ["PATH", "router"]

PATH = "/drafts"
YAML = "application/yaml"
router = APIRouter(tags=["Drafting claims"])

_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"description": "The drafted claims file", "content": {YAML: {}}},
    400: {"description": "Not an article: empty, binary, not UTF-8, not English, or a bad "
                         "parameter; the message says which and what to do"},
    401: {"description": "No valid bearer token"},
    403: {"description": "Writes disabled (no token configured)"},
    413: {"description": "The text is larger than the size limit"},
    415: {"description": "The body is not text/plain"},
}


def _draft(body: bytes, published: date, outlet: str, article_id: str,
           title: str | None, store: Store) -> str:
    text = check_article(body, "request body")
    registry = read_layered_registry(registry_for(shipped_data()))
    draft = draft_article(text, published=published, outlet=outlet, registry=registry,
                          article_id=article_id, text_name=f"{article_id}.txt", title=title,
                          known=read_known(store))
    return draft.to_yaml()


@router.post(PATH, dependencies=[Depends(require_write_token)], responses=_RESPONSES,
             summary="Draft claims from an article's text",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/plain": {"schema": {"type": "string"}}}}})
async def create_draft(
    request: Request, settings: SettingsDep, store: StoreDep,
    published: Annotated[str, Query(description="The publication day, YYYY-MM-DD")],
    outlet: Annotated[str, Query(description="The outlet's name or id, e.g. Reuters")],
    article_id: Annotated[str | None, Query(alias="id", description="The article's id "
                                            "(default: from the outlet and day)")] = None,
    title: Annotated[str | None, Query(description="The article's title")] = None,
) -> Response:
    """Draft a claims file from the article's text (``text/plain``, UTF-8); the answer names
    the text ``ID.txt``: save the text under that name beside the claims file."""
    media = (request.headers.get("content-type") or "text/plain").split(";")[0].strip()
    if media != "text/plain":
        raise HTTPException(415, f"send the article as text/plain (UTF-8), not {media}")
    try:
        day = date.fromisoformat(published)
    except ValueError:
        raise HTTPException(400, f"published={published!r} is not a day: write "
                                 "YYYY-MM-DD") from None
    article_id = slug(article_id) if article_id else f"{slug(outlet)}-{day.isoformat()}"
    limit = min(settings.max_request_bytes, MAX_ARTICLE_BYTES)
    body = await read_body(request, dataclasses.replace(settings, max_request_bytes=limit))
    document = await run_in_threadpool(_draft, body, day, outlet, article_id, title, store)
    return Response(document, media_type=YAML,
                    headers={"Content-Disposition":
                             f'inline; filename="{article_id}.claims.yaml"'})
