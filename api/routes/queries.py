"""Canned queries over HTTP: the index at /queries, each query at /queries/NAME.

One data path, several renderers, as Datasette does: a request runs its canned query once into
a :class:`_Page`, and JSON, CSV or HTML renders that page. The page's rows are the engine's own
SPARQL JSON results, parsed (no term object per cell); the isolated store answers them on the
event loop, any other store in a worker thread. ``/queries/NAME.json``, ``.csv``
and ``.html`` pick the format; plain ``/queries/NAME`` follows the Accept header (JSON when
anything goes). Every answer names its other formats in ``Link: <...>; rel="alternate"``
headers, and the next page, when there is one, in ``rel="next"``. The JSON shape::

    {"query": NAME, "title": ..., "parameters": {NAME: value, ...}, "columns": [...],
     "rows": [{column: value, ...}, ...], "limit": 100, "offset": 0, "next": URL or null}

with numbers for numeric literals, true/false for booleans, null where a column is unbound,
and strings for everything else (IRIs included). CSV has a header row, then the rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

import mimeparse
from fastapi import APIRouter, HTTPException, Request, Response

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.api.settings import Settings
from claimgraph.errors import NotFound, ParameterError, ResultTooLarge
from claimgraph.graph.backends.store import Store
from claimgraph.graph.queries.canned import (
    DEFAULT_PAGE_SIZE,
    ID_KINDS,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    Bindings,
    CannedQuery,
    QueryJson,
    load_canned,
    parse_page,
    run_canned_async,
)
from claimgraph.graph.terms.identifiers import ID_JSON_SCHEMA

__all__ = ["FORMATS", "build_router"]

FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}
"""Suffix -> media type of every format a canned query answers in."""
TAG = "Canned queries"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{name}" for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOATS = {f"{_XSD}double", f"{_XSD}float", f"{_XSD}decimal"}
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'self'")
_STYLE = """body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;
padding:0 1rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td{white-space:pre-wrap}code,pre{background:#f3f3f3}
pre{padding:.5em;overflow:auto}label{margin-right:1em}dd{margin-bottom:1em}"""


# -- the one data path ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """One page of one canned query's answer, before any rendering."""

    query: CannedQuery
    arguments: dict[str, str]
    rows: Bindings
    limit: int
    offset: int
    more: bool
    root: str
    suffix: str | None
    """The format suffix of the URL asked for (None: negotiated); next pages keep it."""

    def url(self, fmt: str | None, offset: int | None = None) -> str:
        params = dict(self.arguments)
        if self.limit != DEFAULT_PAGE_SIZE:
            params["limit"] = str(self.limit)
        start = self.offset if offset is None else offset
        if start:
            params["offset"] = str(start)
        query = urlencode(params)
        return _query_path(self.root, self.query, fmt) + (f"?{query}" if query else "")

    @property
    def next(self) -> str | None:
        return self.url(self.suffix, self.offset + self.limit) if self.more else None


def _query_path(root: str, query: CannedQuery, fmt: str | None) -> str:
    return f"{root}/queries/{query.name}" + (f".{fmt}" if fmt else "")


async def _page(request: Request, query: CannedQuery, suffix: str | None, store: Store,
                settings: Settings) -> _Page:
    if len(request.url.query) > settings.max_request_bytes:
        raise HTTPException(413, "the query string is too long")
    params = request.query_params
    arguments: dict[str, str] = {}
    for parameter in query.parameters:
        values = params.getlist(parameter.name)
        if len(values) > 1:
            raise ParameterError(parameter.name, f"give one '{parameter.name}' parameter, "
                                                 f"not {len(values)}")
        if values:
            arguments[parameter.name] = values[0]
    limit, offset = parse_page(params.get("limit"), params.get("offset"))
    # One row more than the page shows whether there is a next page.
    found = await run_canned_async(_json_runner(store), query, arguments, limit=limit + 1,
                                   offset=offset)
    rows = Bindings(found.variables, found.rows[:limit])
    return _Page(query, arguments, rows, limit, offset, len(found.rows) > limit,
                 request.scope.get("root_path", ""), suffix)


def _json_runner(store: Store) -> QueryJson:
    """How ``store`` answers a query as SPARQL JSON to a coroutine."""
    return lambda sparql: store.query_serialized_async(sparql, "json")


# -- renderers -----------------------------------------------------------------------------


def _json_value(binding: dict[str, str] | None) -> object:
    """A SPARQL JSON binding as a JSON value: numbers and booleans for numeric and boolean
    literals, the lexical form or IRI for everything else, None when unbound."""
    if binding is None:
        return None
    value = binding["value"]
    datatype = binding.get("datatype")
    if datatype:
        try:
            if datatype in _INTEGERS:
                return int(value)
            if datatype in _FLOATS and math.isfinite(number := float(value)):
                return number
        except ValueError:
            return value
        if datatype == f"{_XSD}boolean":
            return value in ("true", "1")
    return value


def _text(binding: dict[str, str] | None) -> str:
    """A SPARQL JSON binding's lexical form or IRI; "" when unbound."""
    return "" if binding is None else binding["value"]


def _render_json(page: _Page) -> bytes:
    columns = list(page.rows.variables)
    document = {
        "query": page.query.name,
        "title": page.query.title,
        "parameters": page.arguments,
        "columns": columns,
        "rows": [{name: _json_value(row.get(name)) for name in columns}
                 for row in page.rows.rows],
        "limit": page.limit,
        "offset": page.offset,
        "next": page.next,
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _render_csv(page: _Page) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = page.rows.variables
    writer.writerow(columns)
    for row in page.rows.rows:
        writer.writerow([_text(row.get(name)) for name in columns])
    return out.getvalue().encode("utf-8")


def _document(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)} · claimgraph</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


def _render_html(page: _Page) -> bytes:
    query, rows = page.query, page.rows
    parts = [f'<p><a href="{escape(page.root)}/">claimgraph</a> &rsaquo; '
             f'<a href="{escape(page.root)}/queries">canned queries</a></p>',
             f"<h1>{escape(query.title)}</h1>", f"<p>{escape(query.description)}</p>"]
    if query.parameters:
        fields = "".join(
            f'<label>{escape(p.name)} <input name="{escape(p.name)}" required '
            f'value="{escape(page.arguments.get(p.name, ""))}" '
            f'placeholder="{escape(p.example or "")}" title="{escape(p.description)}">'
            f"</label>" for p in query.parameters)
        parts.append(f'<form method="get" action="{escape(_query_path(page.root, query, "html"))}">'
                     f"{fields}<button>Run</button></form>")
    first = page.offset + 1
    shown = f"Rows {first} to {page.offset + len(rows)}" if rows.rows else "No rows"
    links = ", ".join(f'<a href="{escape(page.url(fmt))}">{fmt.upper()}</a>'
                      for fmt in FORMATS if fmt != "html")
    parts.append(f"<p>{shown}. Also as {links}.</p>")
    if rows.rows:
        head = "".join(f"<th>{escape(name)}</th>" for name in rows.variables)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{escape(_text(row.get(name)))}</td>"
                             for name in rows.variables) + "</tr>"
            for row in rows.rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>")
    if page.next:
        parts.append(f'<p><a rel="next" href="{escape(page.next)}">Next page</a></p>')
    parts.append(f"<details><summary>SPARQL</summary><pre>{escape(query.sparql)}</pre>"
                 f"</details>")
    return _document(query.title, "\n".join(parts)).encode("utf-8")


_RENDERERS: dict[str, Callable[[_Page], bytes]] = {
    "json": _render_json, "csv": _render_csv, "html": _render_html}


# -- responses -----------------------------------------------------------------------------


def _negotiate(accept: str | None) -> str:
    """The format for an Accept header: JSON when the client takes anything."""
    if not accept or not accept.strip():
        return "json"
    offered = [FORMATS[name] for name in ("html", "csv", "json")]  # ties go to the last
    try:
        media = mimeparse.best_match(offered, accept)
    except (ValueError, IndexError):
        media = ""
    if not media:
        raise HTTPException(406, f"none of {', '.join(FORMATS.values())} is acceptable "
                                 f"(Accept: {accept})")
    return next(name for name, value in FORMATS.items() if value == media)


def _respond(body: bytes, fmt: str, links: list[str], negotiated: bool,
             settings: Settings) -> Response:
    if len(body) > settings.max_result_bytes:
        raise ResultTooLarge(f"the result is larger than the {settings.max_result_bytes:,}-"
                             "byte limit: ask for a smaller page with 'limit'")
    headers = {"Link": ", ".join(links)}
    if negotiated:
        headers["Vary"] = "Accept"
    if fmt == "html":
        headers["Content-Security-Policy"] = _CSP
    charset = "; charset=utf-8" if FORMATS[fmt].startswith("text/") else ""
    return Response(body, media_type=FORMATS[fmt] + charset, headers=headers)


def _alternates(url: Callable[[str], str], current: str | None) -> list[str]:
    return [f'<{url(fmt)}>; rel="alternate"; type="{media}"'
            for fmt, media in FORMATS.items() if fmt != current]


Endpoint = Callable[..., Coroutine[Any, Any, Response]]


def _query_endpoint(query: CannedQuery, suffix: str | None) -> Endpoint:
    async def answer(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
        fmt = suffix or _negotiate(request.headers.get("accept"))
        page = await _page(request, query, suffix, store, settings)
        links = _alternates(page.url, suffix)
        if page.next:
            links.append(f'<{page.next}>; rel="next"')
        return _respond(_RENDERERS[fmt](page), fmt, links, suffix is None, settings)

    answer.__name__ = f"query_{query.name.replace('-', '_')}" + (f"_{suffix}" if suffix else "")
    return answer


# -- the index -----------------------------------------------------------------------------


def _example_url(root: str, query: CannedQuery, fmt: str | None = None) -> str:
    arguments = urlencode(query.examples)
    return _query_path(root, query, fmt) + (f"?{arguments}" if arguments else "")


def _index_json(queries: Sequence[CannedQuery], root: str) -> bytes:
    entries = [{
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "url": _query_path(root, q, None),
        "example": _example_url(root, q),
        "parameters": [{"name": p.name, "kind": p.kind, "description": p.description,
                        "example": p.example, "required": True} for p in q.parameters],
    } for q in queries]
    return json.dumps({"queries": entries}, ensure_ascii=False).encode("utf-8")


def _index_html(queries: Sequence[CannedQuery], root: str) -> bytes:
    items = []
    for q in queries:
        params = "".join(f"<li><code>{escape(p.name)}</code> ({escape(p.kind)}"
                         f"{' id' if p.kind in ID_KINDS else ''}): {escape(p.description)}</li>"
                         for p in q.parameters)
        formats = ", ".join(f'<a href="{escape(_example_url(root, q, fmt))}">{fmt.upper()}</a>'
                            for fmt in FORMATS)
        items.append(
            f'<dt><a href="{escape(_example_url(root, q, "html"))}">{escape(q.title)}</a> '
            f"<code>/queries/{escape(q.name)}</code></dt>\n<dd>{escape(q.description)}"
            + (f"<ul>{params}</ul>" if params else "")
            + f"<p>Example as {formats}.</p></dd>")
    body = (f'<p><a href="{escape(root)}/">claimgraph</a></p><h1>Canned queries</h1>'
            "<p>Named questions over the claim graph, each with its parameters, answered as "
            "HTML, JSON and CSV. Every listing shows each claim's status.</p>\n<dl>\n"
            + "\n".join(items) + "\n</dl>")
    return _document("Canned queries", body).encode("utf-8")


def _index_endpoint(queries: Sequence[CannedQuery], suffix: str | None) -> Endpoint:
    async def index(request: Request, settings: SettingsDep) -> Response:
        fmt = suffix or _negotiate(request.headers.get("accept"))
        if fmt == "csv":
            raise HTTPException(406, "the index of canned queries is HTML or JSON")
        root = request.scope.get("root_path", "")
        body = (_index_html if fmt == "html" else _index_json)(queries, root)
        links = [f'<{root}/queries.{other}>; rel="alternate"; type="{FORMATS[other]}"'
                 for other in ("html", "json") if other != suffix]
        return _respond(body, fmt, links, suffix is None, settings)

    index.__name__ = f"queries_index_{suffix}" if suffix else "queries_index"
    return index


# -- the router ----------------------------------------------------------------------------


def _openapi_parameters(query: CannedQuery) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for p in query.parameters:
        if p.kind in ID_KINDS:
            schema = dict(ID_JSON_SCHEMA)
        else:
            schema = {"type": "string", "maxLength": MAX_TEXT_LENGTH}
        kind = f"{p.kind} id" if p.kind in ID_KINDS else p.kind
        spec: dict[str, Any] = {"name": p.name, "in": "query", "required": True,
                                "description": f"{p.description} ({kind})", "schema": schema}
        if p.example is not None:
            spec["example"] = p.example
        specs.append(spec)
    specs.append({"name": "limit", "in": "query", "required": False,
                  "description": "rows per page",
                  "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                             "default": DEFAULT_PAGE_SIZE}})
    specs.append({"name": "offset", "in": "query", "required": False,
                  "description": "rows to skip before the page",
                  "schema": {"type": "integer", "minimum": 0, "default": 0}})
    return specs


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "One page of rows; the Link header names the other formats and the "
                         "next page",
          "content": {"application/json": {"schema": {"type": "object"}},
                      "text/csv": {"schema": {"type": "string"}},
                      "text/html": {"schema": {"type": "string"}}}},
    400: {"description": "A parameter is missing or malformed; the message names it",
          "content": {"text/plain": {"schema": {"type": "string"}}}},
    404: {"description": "An id parameter names nothing in the graph",
          "content": {"text/plain": {"schema": {"type": "string"}}}},
    406: {"description": "The Accept header allows none of JSON, CSV and HTML"},
    413: {"description": "The query string is too long"},
    503: {"description": "The query ran past the time limit, or the store is unavailable"},
}


def build_router(queries: Sequence[CannedQuery] | None = None) -> APIRouter:
    """A router with the index and one route per canned query (the shipped ones by default),
    each documented in OpenAPI with its parameters."""
    queries = tuple(load_canned() if queries is None else queries)
    router = APIRouter(tags=[TAG])
    router.add_api_route("/queries", _index_endpoint(queries, None), methods=["GET"],
                         summary="The canned queries", response_class=Response,
                         responses={200: {"description": "The index",
                                          "content": {"text/html": {}, "application/json": {}}},
                                    406: {"description": "Neither HTML nor JSON is acceptable"}},
                         description="Every canned query with its parameters, as HTML or "
                                     "JSON (also at /queries.html and /queries.json).")
    for suffix in ("html", "json"):
        router.add_api_route(f"/queries.{suffix}", _index_endpoint(queries, suffix),
                             methods=["GET"], include_in_schema=False)
    for query in queries:
        router.add_api_route(
            f"/queries/{query.name}", _query_endpoint(query, None), methods=["GET"],
            summary=query.title, response_class=Response, responses=_RESPONSES,
            operation_id=f"query_{query.name.replace('-', '_')}",
            description=f"{query.description}\n\nAlso at `/queries/{query.name}.json`, "
                        "`.csv` and `.html`; here the Accept header picks the format (JSON "
                        "when anything goes).",
            openapi_extra={"parameters": _openapi_parameters(query)})
        for suffix in FORMATS:
            router.add_api_route(f"/queries/{query.name}.{suffix}",
                                 _query_endpoint(query, suffix), methods=["GET"],
                                 include_in_schema=False)

    names = ", ".join(q.name for q in queries)

    async def unknown(name: str) -> Response:
        raise NotFound(f"no canned query is called {name!r}; there are: {names} "
                       "(see /queries)")

    router.add_api_route("/queries/{name}", unknown, methods=["GET"], include_in_schema=False)
    return router
