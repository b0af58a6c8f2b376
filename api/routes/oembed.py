"""oEmbed (https://oembed.com/): publishing tools embed a view by its URL.

``GET /oembed?url=<a view's permalink>&maxwidth=&maxheight=`` answers with a ``rich`` embed
whose HTML is the sandboxed iframe of the view's ``/embed`` document. Each view page carries
the discovery ``<link rel="alternate" type="application/json+oembed">``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from claimgraph import __version__
from claimgraph.api.deps import StoreDep
from claimgraph.api.routes.views import EMBED_HEIGHT, EMBED_WIDTH, base_url, embed_code
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.model import ViewSpec

__all__ = ["router"]

router = APIRouter(tags=["Graph views"])


@router.get("/oembed", summary="oEmbed: the embed code of a view, by its URL", responses={
    400: {"description": "A malformed id or filter in the URL, or an unknown format"},
    403: {"description": "The URL's query uses SERVICE, which is not allowed"},
    404: {"description": "The URL is not a view of this server, or names nothing"},
    501: {"description": "A format other than json (oEmbed's answer to it)"},
    503: {"description": "The view's query ran past the time limit"}})
async def oembed(request: Request, store: StoreDep,
                 url: str = Query(description="The permalink of a view on this server"),
                 maxwidth: int | None = Query(None, ge=1, description="Largest width, px"),
                 maxheight: int | None = Query(None, ge=1, description="Largest height, px"),
                 format: str = Query("json", json_schema_extra={"enum": ["json"]},
                                     description="json (xml gets 501, as oEmbed says)"),
                 ) -> dict[str, Any]:
    if format == "xml":  # oEmbed's other format: "not implemented", as the spec says
        raise HTTPException(501, "only format=json is offered")
    if format != "json":
        raise HTTPException(400, f"unknown format {format!r}: use json")
    own = base_url(request)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != urlsplit(own)._replace(path="").geturl():
        raise HTTPException(404, f"not a view of this server ({own}/views/...): {url}")
    root = urlsplit(own).path
    path = parts.path[len(root):] if root and parts.path.startswith(root) else parts.path
    spec = ViewSpec.from_path(path, parse_qsl(parts.query, keep_blank_values=True))
    if spec is None or (spec.kind == "construct" and not spec.query):
        raise HTTPException(404, f"not the address of a view: {url}")
    view = await run_in_threadpool(build_view, store, spec)
    width = min(EMBED_WIDTH, maxwidth or EMBED_WIDTH)
    height = min(EMBED_HEIGHT, maxheight or EMBED_HEIGHT)
    return {
        "version": "1.0",
        "type": "rich",
        "title": view.title,
        "provider_name": "claimgraph",
        "provider_url": own + "/",
        "cache_age": 3600,
        "width": width,
        "height": height,
        "html": embed_code(request, spec, view.title, width=width, height=height),
        "claimgraph_version": __version__,
    }
