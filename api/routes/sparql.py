"""The SPARQL 1.1 Protocol endpoint at /sparql: queries by GET and POST, updates by POST."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep, require_write_token
from claimgraph.api.negotiation import NotAcceptable, choose_format
from claimgraph.api.settings import Settings
from claimgraph.errors import QueryError
from claimgraph.graph.sparql_text import check_outbound, query_form
from claimgraph.graph.status import derive_statuses
from claimgraph.graph.store import Store

__all__ = ["router"]

router = APIRouter(tags=["SPARQL 1.1 Protocol"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(400, f"the {what} is not UTF-8: {error.reason} at byte "
                                 f"{error.start}") from None


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise HTTPException(400, f"give one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


async def _body(request: Request, settings: Settings) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_request_bytes:
        raise HTTPException(413, f"the request body is larger than the "
                                 f"{settings.max_request_bytes}-byte limit")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.max_request_bytes:
            raise HTTPException(413, f"the request body is larger than the "
                                     f"{settings.max_request_bytes}-byte limit")
    return body


async def _answer_query(query: str, *, default_graphs: list[str], named_graphs: list[str],
                        accept: str | None, store: Store, settings: Settings) -> Response:
    check_outbound(query, settings.outbound)
    # A text with no query form is left to the parser, whose message says what is wrong.
    kind = "triples" if query_form(query) in ("CONSTRUCT", "DESCRIBE") else "select"
    try:
        result_format, media_type = choose_format(accept, kind)
    except NotAcceptable as error:
        raise HTTPException(406, str(error)) from None
    dataset = default_graphs or named_graphs
    body = await run_in_threadpool(
        store.query_serialized, query, result_format,
        default_graphs=default_graphs if dataset else None,
        named_graphs=named_graphs if dataset else None,
        max_bytes=settings.max_result_bytes,
    )
    headers = {"Vary": "Accept"}
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return Response(body, media_type=media_type + charset, headers=headers)


async def _apply_update(update: str, request: Request, store: Store,
                        settings: Settings) -> Response:
    require_write_token(request)
    check_outbound(update, settings.outbound)
    if not update.strip():
        raise QueryError("the update is empty")
    await run_in_threadpool(store.update, update)
    summary = await run_in_threadpool(derive_statuses, request.app.state.store)
    return Response(f"update applied; statuses: {summary}\n", media_type="text/plain")


@router.get("/sparql", summary="Run a SPARQL query (GET)",
            responses={200: {"description": "Query results (SPARQL JSON/XML/CSV/TSV for "
                              "SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for "
                              "CONSTRUCT and DESCRIBE)"}})
async def sparql_get(request: Request, store: StoreDep,
                     settings: SettingsDep) -> Response:
    params = request.query_params
    if len(str(request.url.query)) > settings.max_request_bytes:
        raise HTTPException(413, "the query string is too long")
    if "update" in params:
        raise HTTPException(400, "updates must be sent by POST")
    query = _single(params.getlist("query"), "query")
    if query is None:
        raise HTTPException(400, "missing the 'query' parameter")
    return await _answer_query(
        query, default_graphs=params.getlist("default-graph-uri"),
        named_graphs=params.getlist("named-graph-uri"), accept=request.headers.get("accept"),
        store=store, settings=settings)


@router.post("/sparql", summary="Run a SPARQL query or update (POST)")
async def sparql_post(request: Request, store: StoreDep,
                      settings: SettingsDep) -> Response:
    media_type = _media_type(request)
    body = await _body(request, settings)
    url_params = request.query_params
    if media_type == FORM:
        form = parse_qs(_decode(body, "form body"), keep_blank_values=True)
        queries, updates = form.get("query", []), form.get("update", [])
        if queries and updates:
            raise HTTPException(400, "give either 'query' or 'update', not both")
        if updates:
            update = _single(updates, "update")
            assert update is not None
            return await _apply_update(update, request, store, settings)
        query = _single(queries, "query")
        if query is None:
            raise HTTPException(400, "missing the 'query' or 'update' parameter")
        default_graphs = form.get("default-graph-uri", []) + url_params.getlist(
            "default-graph-uri")
        named_graphs = form.get("named-graph-uri", []) + url_params.getlist("named-graph-uri")
    elif media_type == QUERY:
        query = _decode(body, "query")
        default_graphs = url_params.getlist("default-graph-uri")
        named_graphs = url_params.getlist("named-graph-uri")
    elif media_type == UPDATE:
        return await _apply_update(_decode(body, "update"), request, store, settings)
    elif not media_type:
        raise HTTPException(400, f"missing Content-Type: use {FORM}, {QUERY} or {UPDATE}")
    else:
        raise HTTPException(415, f"unsupported Content-Type {media_type}: use {FORM}, "
                                 f"{QUERY} or {UPDATE}")
    return await _answer_query(query, default_graphs=default_graphs,
                               named_graphs=named_graphs,
                               accept=request.headers.get("accept"), store=store,
                               settings=settings)
