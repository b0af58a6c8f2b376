"""Graph views at /views/...: pages, embeds, SVG, PNG and JSON of canned views and CONSTRUCTs.

Every view has a permalink: ``/views/graph``, ``/views/contested``,
``/views/claim/{article}/{claim}``, ``/views/source/{source}``, ``/views/article/{article}``,
``/views/timeline/{measure}`` and ``/views/construct?query=...``, each with
``?status=&source=&from=&to=`` filters. Add ``/embed`` (a self-contained document for an
iframe), ``/snippet`` (an HTML fragment), ``/svg``, ``/png`` or ``/json`` for the other
renderings. The work is in claimgraph.graph.
"""

from __future__ import annotations

import json
from dataclasses import replace
from html import escape
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.graph.backends.sparql_text import OutboundPolicy, check_outbound
from claimgraph.graph.backends.store import Store
from claimgraph.graph.terms.identifiers import ID_JSON_SCHEMA
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.html import asset_text, document_html, fragment_html, page_html
from claimgraph.graph.views.index import ViewEntry, view_index
from claimgraph.graph.views.model import STATUS_STYLES, Filters, View, ViewSpec
from claimgraph.graph.views.svg import to_png, to_svg

__all__ = ["PAGE_POLICY", "base_url", "embed_code", "router", "spec_for"]

router = APIRouter(tags=["Graph views"])

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors *")
"""View pages run only our own script files; nothing from the graph can become a script."""
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
ASSETS = {"vis-network.min.js": "text/javascript", "view.js": "text/javascript",
          "view.css": "text/css"}
EMBED_WIDTH, EMBED_HEIGHT = 800, 600


def base_url(request: Request) -> str:
    """The server's own address, with its root path: ``http://host:port``."""
    return str(request.base_url).rstrip("/")


def embed_code(request: Request, spec: ViewSpec, title: str, *, width: int = EMBED_WIDTH,
               height: int = EMBED_HEIGHT, template: bool = False) -> str:
    """The ``<iframe>`` that embeds a view; with ``template`` its filters are ``{query}``."""
    url = base_url(request) + spec.path + "/embed"
    url += "{query}" if template else spec.permalink("embed")[len(spec.path) + 6:]
    return (f'<iframe src="{escape(url)}" width="{width}" height="{height}" '
            f'title="{escape(title)}" style="border:1px solid #e5e7eb;border-radius:6px" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            'loading="lazy"></iframe>')


def spec_for(request: Request, path: str) -> ViewSpec:
    """The view a request names (404 if none); QueryError for a malformed id or filter."""
    spec = ViewSpec.from_path(path, list(request.query_params.multi_items()))
    if spec is None:
        raise HTTPException(404, f"no view at {path}")
    return spec


async def _build(store: Store, spec: ViewSpec) -> View:
    return await run_in_threadpool(build_view, store, spec)


async def _respond(request: Request, store: Store, spec: ViewSpec, output: str | None,
                   outbound: OutboundPolicy) -> Response:
    if spec.kind == "construct":
        if not spec.query:
            raise HTTPException(400, "give the CONSTRUCT query as ?query=")
        check_outbound(spec.query, outbound)
    filename = spec.slug
    if output is None:
        full = await _build(store, replace(spec, filters=Filters()))
        initial = full.filtered(spec.filters) if spec.filters else full
        oembed = (f"{request.scope.get('root_path', '')}/oembed?format=json&url="
                  + quote(base_url(request) + spec.permalink(), safe=""))
        page = page_html(full, root=request.scope.get("root_path", ""), oembed_url=oembed,
                         embed_code=embed_code(request, spec, full.title, template=True),
                         initial=initial)
        return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_POLICY})
    view = await _build(store, spec)
    if output == "embed":
        return HTMLResponse(document_html(view, base_url=base_url(request)))
    if output == "snippet":
        return HTMLResponse(fragment_html(view, base_url=base_url(request)))
    if output == "svg":
        svg = await run_in_threadpool(to_svg, view, base_url=base_url(request))
        return Response(svg, media_type="image/svg+xml", headers={
            "Content-Security-Policy": SVG_POLICY,
            "Content-Disposition": f'inline; filename="{filename}.svg"'})
    if output == "png":
        png = await run_in_threadpool(to_png, view)
        return Response(png, media_type="image/png", headers={
            "Content-Disposition": f'inline; filename="{filename}.png"'})
    return Response(_json(view), media_type="application/json")


def _json(view: View) -> str:
    return json.dumps(view.to_json(), ensure_ascii=False)


_ID = dict(ID_JSON_SCHEMA)
_FILTERS = [
    {"name": "status", "in": "query", "required": False, "explode": True,
     "description": "Keep only claims of these statuses (repeatable)",
     "schema": {"type": "array", "items": {"type": "string", "enum": list(STATUS_STYLES)}}},
    {"name": "source", "in": "query", "required": False, "schema": _ID,
     "description": "Keep only claims of this source (its id)"},
    {"name": "from", "in": "query", "required": False,
     "schema": {"type": "string", "format": "date"},
     "description": "Keep claims stated on or after this day"},
    {"name": "to", "in": "query", "required": False,
     "schema": {"type": "string", "format": "date"},
     "description": "Keep claims stated on or before this day"},
]
_QUERY = {"name": "query", "in": "query", "required": True, "schema": {"type": "string"},
          "description": "A SPARQL CONSTRUCT or DESCRIBE query (the cg:, prov:... prefixes "
                         "must be declared)"}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "A malformed id, filter or query"},
    403: {"description": "The query uses SERVICE, which the operator has not allowed"},
    404: {"description": "No such claim, source, article or rendering"},
    503: {"description": "The query ran past the time limit"},
}
Output = Literal["embed", "snippet", "svg", "png", "json"]


def _add(path: str, summary: str) -> None:
    names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
    parameters = [{"name": name, "in": "path", "required": True, "schema": _ID}
                  for name in names] + ([_QUERY] if path.endswith("construct") else []) \
        + _FILTERS

    async def view(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
        return await _respond(request, store, spec_for(request, request.url.path), None,
                              settings.outbound)

    async def rendered(request: Request, store: StoreDep, settings: SettingsDep,
                       output: Output) -> Response:
        spec = spec_for(request, request.url.path.rsplit("/", 1)[0])
        return await _respond(request, store, spec, output, settings.outbound)

    router.add_api_route(path, view, methods=["GET"], summary=summary,
                         response_class=HTMLResponse, responses=_RESPONSES,
                         openapi_extra={"parameters": parameters})
    router.add_api_route(path + "/{output}", rendered, methods=["GET"],
                         summary=f"{summary}: embed, snippet, svg, png or json",
                         responses=_RESPONSES, openapi_extra={"parameters": parameters})


_add("/views/graph", "The whole graph")
_add("/views/contested", "The contested claims and the claims set against them")
_add("/views/construct", "Draw a SPARQL CONSTRUCT query (?query=)")
_add("/views/claim/{article}/{claim}", "One claim, its chain, and the claims for and against")
_add("/views/source/{source}", "Everything a source claimed, and who disputes it")
_add("/views/article/{article}", "Every claim of one article")
_add("/views/timeline/{measure}", "One quantity over time: each source's figures by date")


@router.get("/views/assets/{name}", summary="Scripts and styles of the views",
            include_in_schema=False)
async def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, "no such asset")
    return Response(asset_text(name), media_type=ASSETS[name] + "; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600"})


def _list(entries: tuple[ViewEntry, ...], root: str) -> str:
    items = "".join(f'<li><a href="{escape(root + e.path)}">{escape(e.title)}</a>'
                    + (f" <small>({escape(e.note)})</small>" if e.note else "") + "</li>"
                    for e in entries)
    return f"<ul>{items}</ul>"


@router.get("/views", response_class=HTMLResponse, summary="Every graph view, linked")
async def index(request: Request, store: StoreDep) -> HTMLResponse:
    found = await run_in_threadpool(view_index, store)
    root = request.scope.get("root_path", "")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Graph views · claimgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{escape(root)}/views/assets/view.css"></head>
<body><div class="cg-view"><div class="cg-head"><a class="cg-home" href="{escape(root)}/">
claimgraph</a><h1>Graph views</h1>
<p>Every view is a permalink; add /embed, /svg, /png or /json for the other forms.</p></div>
<div class="cg-index"><h2>Overviews</h2>{_list(found.overviews, root)}
<h2>Articles</h2>{_list(found.articles, root)}
<h2>Sources</h2>{_list(found.sources, root)}
<h2>Claims</h2>{_list(found.claims, root)}</div></div></body></html>"""
    return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_POLICY})


def home_links(entries: tuple[ViewEntry, ...], root: str = "") -> str:
    """``<li>`` items linking the home page to each canned view."""
    return "".join(f'<li><a href="{escape(root + e.path)}">{escape(e.title)}</a>'
                   + (f" ({escape(e.note)})" if e.note else "") + "</li>" for e in entries)
