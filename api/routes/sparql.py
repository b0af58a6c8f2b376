"""The SPARQL 1.1 Protocol endpoint at /sparql: queries by GET and POST, updates by POST."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep, read_body, require_write_token
from claimgraph.api.negotiation import NotAcceptable, choose_format
from claimgraph.api.routes.description import service_description_response
from claimgraph.api.routes.query_page import query_page, wants_query_page
from claimgraph.api.settings import Settings
from claimgraph.errors import QueryError
from claimgraph.graph.backends.sparql_text import check_outbound, query_form, with_update_dataset
from claimgraph.graph.backends.store import Store
from claimgraph.graph.writing.commit import apply_update

__all__ = ["router"]

router = APIRouter(tags=["SPARQL 1.1 Protocol"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def _media_type(request: Request) -> str:
    """The request's media type; a charset other than UTF-8 is refused (SPARQL is UTF-8)."""
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
                "utf-8", "utf8"):
            raise HTTPException(415, f"unsupported charset {value.strip()}: SPARQL requests "
                                     "must be UTF-8")
    return media_type.strip().lower()


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


async def _answer_query(query: str, *, default_graphs: list[str], named_graphs: list[str],
                        request: Request, store: Store, settings: Settings) -> Response:
    check_outbound(query, settings.outbound)
    # A text with no query form is left to the parser, whose message says what is wrong.
    kind = "triples" if query_form(query) in ("CONSTRUCT", "DESCRIBE") else "select"
    try:
        result_format, media_type = choose_format(request.headers.get("accept"), kind)
    except NotAcceptable as error:
        raise HTTPException(406, str(error)) from None
    dataset = default_graphs or named_graphs
    body = await store.query_serialized_async(
        query, result_format, default_graphs=default_graphs if dataset else None,
        named_graphs=named_graphs if dataset else None, max_bytes=settings.max_result_bytes,
        base_iri=_endpoint_iri(request))
    headers = {"Vary": "Accept"}
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return Response(body, media_type=media_type + charset, headers=headers)


def _endpoint_iri(request: Request) -> str:
    """The base IRI for relative IRIs in a request: the endpoint's own address."""
    return str(request.url.replace(query="", fragment=""))


async def _apply_update(update: str, request: Request, settings: Settings, *,
                        using: list[str], using_named: list[str]) -> Response:
    require_write_token(request)
    check_outbound(update, settings.outbound)
    if not update.strip():
        raise QueryError("the update is empty")
    update = with_update_dataset(update, using, using_named)
    # The update has the public time limit; the derivation after it runs to the end.
    summary = await run_in_threadpool(partial(apply_update, request.app.state.store, update,
                                              base_iri=_endpoint_iri(request),
                                              time_limit=settings.query_timeout))
    return Response(f"update applied; statuses: {summary}\n", media_type="text/plain")


_DATASET_PARAMETERS = [
    {"name": "default-graph-uri", "in": "query", "required": False,
     "description": "A graph of the query's default graph (repeatable). Without it (and "
                    "without named-graph-uri) the default graph is the union of all graphs.",
     "schema": {"type": "array", "items": {"type": "string"}}, "explode": True},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "description": "A named graph the query may use with GRAPH (repeatable).",
     "schema": {"type": "array", "items": {"type": "string"}}, "explode": True},
]
_RESULTS = {
    "description": "Results: SPARQL JSON, XML, CSV or TSV for SELECT and ASK; Turtle, "
                   "N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE (by Accept). "
                   "Without a query: the SPARQL Service Description, or the query page for "
                   "a browser.",
    "content": {media: {} for media in (
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
        "text/tab-separated-values", "text/turtle", "application/n-triples",
        "application/ld+json", "application/rdf+xml", "text/html")},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed query or update (the parser's message), or a result "
                         "larger than the size limit"},
    401: {"description": "A write without a valid bearer token"},
    403: {"description": "Writes disabled (no token configured), or SERVICE/LOAD refused"},
    406: {"description": "No acceptable result format"},
    413: {"description": "Request larger than the size limit"},
    415: {"description": "Unsupported Content-Type or charset"},
    503: {"description": "The query ran past the time limit and was stopped"},
}
_FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "A SPARQL 1.1 query"},
        "update": {"type": "string", "description": "A SPARQL 1.1 update (needs the token)"},
        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-named-graph-uri": {"type": "array", "items": {"type": "string"}},
    },
}


@router.get(
    "/sparql", summary="Run a SPARQL query (GET)", responses={200: _RESULTS, **_ERRORS},
    openapi_extra={"parameters": [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "A SPARQL 1.1 query. Without it: the Service Description (or the "
                        "query page for a browser)."},
        *_DATASET_PARAMETERS,
    ]},
)
async def sparql_get(request: Request, store: StoreDep,
                     settings: SettingsDep) -> Response:
    params = request.query_params
    if len(str(request.url.query)) > settings.max_request_bytes:
        raise HTTPException(413, "the query string is too long")
    if "update" in params:
        raise HTTPException(400, "updates must be sent by POST")
    query = _single(params.getlist("query"), "query")
    if query is None and wants_query_page(request.headers.get("accept")):
        return query_page(request)  # a browser: the query page (api/routes/query_page.py)
    if query is None:  # SPARQL 1.1 Service Description section 2: describe the service
        return await service_description_response(request, store, settings)
    return await _answer_query(
        query, default_graphs=params.getlist("default-graph-uri"),
        named_graphs=params.getlist("named-graph-uri"), request=request, store=store,
        settings=settings)


@router.post(
    "/sparql", summary="Run a SPARQL query or update (POST)",
    responses={200: _RESULTS, **_ERRORS},
    openapi_extra={
        "parameters": [*_DATASET_PARAMETERS,
                       {"name": "using-graph-uri", "in": "query", "required": False,
                        "schema": {"type": "array", "items": {"type": "string"}}},
                       {"name": "using-named-graph-uri", "in": "query", "required": False,
                        "schema": {"type": "array", "items": {"type": "string"}}}],
        "requestBody": {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA},
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        }},
    },
)
async def sparql_post(request: Request, store: StoreDep,
                      settings: SettingsDep) -> Response:
    media_type = _media_type(request)
    body = await read_body(request, settings)
    url_params = request.query_params
    if media_type == FORM:
        form = parse_qs(_decode(body, "form body"), keep_blank_values=True)
        queries, updates = form.get("query", []), form.get("update", [])
        if queries and updates:
            raise HTTPException(400, "give either 'query' or 'update', not both")
        if updates:
            update = _single(updates, "update")
            assert update is not None
            return await _apply_update(
                update, request, settings,
                using=form.get("using-graph-uri", []) + url_params.getlist("using-graph-uri"),
                using_named=form.get("using-named-graph-uri", [])
                + url_params.getlist("using-named-graph-uri"))
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
        return await _apply_update(_decode(body, "update"), request, settings,
                                   using=url_params.getlist("using-graph-uri"),
                                   using_named=url_params.getlist("using-named-graph-uri"))
    elif not media_type:
        raise HTTPException(400, f"missing Content-Type: use {FORM}, {QUERY} or {UPDATE}")
    else:
        raise HTTPException(415, f"unsupported Content-Type {media_type}: use {FORM}, "
                                 f"{QUERY} or {UPDATE}")
    return await _answer_query(query, default_graphs=default_graphs,
                               named_graphs=named_graphs, request=request, store=store,
                               settings=settings)
