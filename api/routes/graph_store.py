"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store: graphs read and written whole.

Graphs are identified **indirectly** only: ``/rdf-graph-store?graph=<absolute IRI>`` (the IRI
percent-encoded once, as any query parameter) or ``/rdf-graph-store?default``. Direct
identification (the request URL itself as the graph IRI) is not supported: claimgraph's
graphs are named by stable ``https://w3id.org/claimgraph/graph/...`` IRIs, and names minted
from the server's own URL would change with its host, port or proxy. Requests to paths below
/rdf-graph-store answer 404 and say so.

``?default`` is the store's real default graph, which the shipped data leaves empty and the
status rules do not read. The /sparql endpoint's default graph is different: the union of
all graphs, unless the request names a dataset.

Reads (GET, HEAD) are public. PUT (replace: 201 if created, else 204), POST (merge; 201 if
created, else 204; also ``multipart/form-data``) and DELETE (204, 404 if absent) need the
bearer token; POST to /rdf-graph-store with no graph parameter creates a graph with a fresh
IRI, given in the Location header (201). Each write is one transaction, after which the
derived statuses are recomputed; the derived graphs themselves cannot be written (403).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep, WriterDep, read_body, require_write_token
from claimgraph.api.negotiation import NotAcceptable, choose_format
from claimgraph.api.settings import Settings
from claimgraph.errors import NotFound, Problem, ValidationError
from claimgraph.graph.backends.store import TRIPLE_FORMATS, Store
from claimgraph.graph.derive.status import StatusSummary
from claimgraph.graph.writing import graph_store
from claimgraph.graph.writing.commit import Committed
from claimgraph.graph.writing.graph_store import GraphRef, GraphWrite, UnsupportedFormat

__all__ = ["PATH", "router"]

PATH = "/rdf-graph-store"
router = APIRouter(tags=["SPARQL 1.1 Graph Store HTTP Protocol"])

_WRITE = [Depends(require_write_token)]
_FORMATS = ", ".join(graph_store.PAYLOAD_FORMATS)


def _target(request: Request) -> GraphRef | None:
    """The graph the query string names, or None for the graph store itself."""
    params = request.query_params
    graphs = params.getlist("graph")
    if graphs and "default" in params:
        raise HTTPException(400, "give either '?graph=IRI' or '?default', not both")
    if len(graphs) > 1:
        raise HTTPException(400, f"give one 'graph' parameter, not {len(graphs)}")
    if "default" in params:
        return graph_store.DEFAULT_GRAPH
    return GraphRef.named(graphs[0]) if graphs else None


def _required(graph: GraphRef | None, method: str) -> GraphRef:
    if graph is None:
        raise HTTPException(400, f"{method} needs a graph: add '?graph=IRI' (percent-encoded) "
                                 "or '?default'")
    return graph


async def _payload(request: Request, settings: Settings, graph: GraphRef, *,
                   multipart: bool) -> str:
    """The request body, size-checked and parsed to N-Triples."""
    content_type = request.headers.get("content-type")
    media = graph_store.media_type_of(content_type)
    if media == graph_store.MULTIPART and not multipart:
        raise HTTPException(415, f"{graph_store.MULTIPART} is accepted by POST only; "
                                 f"use one of {_FORMATS}")
    if media != graph_store.MULTIPART and media not in graph_store.PAYLOAD_FORMATS:
        shown = media or "no Content-Type"
        raise HTTPException(415, f"unsupported payload ({shown}): use one of {_FORMATS}"
                                 + (f" or {graph_store.MULTIPART}" if multipart else ""))
    body = await read_body(request, settings)
    try:
        return await run_in_threadpool(graph_store.parse_payload, body, content_type,
                                       base_iri=graph.iri)
    except UnsupportedFormat as error:
        raise HTTPException(415, str(error)) from None


async def _write(store: Store, settings: Settings, method: GraphWrite, graph: GraphRef,
                 ntriples: str = "") -> Committed[bool]:
    """The write through graph's one write path, under the public time limit."""
    return await run_in_threadpool(partial(graph_store.write_graph, store, method, graph,
                                           ntriples, time_limit=settings.query_timeout))


def _written(created: bool, graph: GraphRef, summary: StatusSummary) -> Response:
    if not created:
        return Response(status_code=204)
    return Response(f"created {graph}; statuses: {summary}\n", status_code=201,
                    media_type="text/plain")


# -- the OpenAPI description ---------------------------------------------------------------

_GRAPH_PARAMETERS = [
    {"name": "graph", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "The absolute IRI of a named graph, percent-encoded once"},
    {"name": "default", "in": "query", "required": False, "allowEmptyValue": True,
     "schema": {"type": "string"},
     "description": "Present (no value needed): the store's real default graph, not the "
                    "union of all graphs that /sparql queries by default"},
]
_PAYLOADS = {media: {"schema": {"type": "string"}} for media in graph_store.PAYLOAD_FORMATS}
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"description": "No graph named (or two), a graph IRI that is not absolute, a "
                         "malformed payload (the parser's message), or a result larger than "
                         "the size limit"},
    503: {"description": "The store call ran past the time limit and was stopped"},
}
_WRITE_ERRORS: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    401: {"description": "No valid bearer token"},
    403: {"description": "Writes disabled (no token configured), or a derived graph"},
    413: {"description": "Payload larger than the size limit"},
    415: {"description": "Unsupported Content-Type or charset"},
}
_READ: dict[int | str, dict[str, object]] = {
    200: {"description": "The graph in Turtle (default), N-Triples, JSON-LD or RDF/XML, by "
                         "Accept",
          "content": {media: {} for media in TRIPLE_FORMATS.values()}},
    404: {"description": "No such graph"},
    406: {"description": "No acceptable format"},
    **_ERRORS,
}
_CREATED: dict[int | str, dict[str, Any]] = {201: {"description": "Created"},
                                              204: {"description": "Written"}}


@router.get(PATH, summary="Read a graph (GET)", responses=_READ,
            openapi_extra={"parameters": _GRAPH_PARAMETERS})
async def read(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """``?graph=IRI`` or ``?default`` (the store's real default graph, not the union)."""
    graph = _required(_target(request), request.method)
    try:
        result_format, media_type = choose_format(request.headers.get("accept"), "triples")
    except NotAcceptable as error:
        raise HTTPException(406, str(error)) from None
    if not await run_in_threadpool(graph_store.graph_exists, store, graph):
        raise NotFound(f"no graph {graph} in the store")
    body = await run_in_threadpool(graph_store.read_graph, store, graph, result_format,
                                   max_bytes=settings.max_result_bytes)
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return Response(body, media_type=media_type + charset, headers={"Vary": "Accept"})


@router.head(PATH, summary="Headers of a graph read (HEAD)", responses=_READ,
             openapi_extra={"parameters": _GRAPH_PARAMETERS})
async def head(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """What GET would answer, without the body."""
    return await read(request, store, settings)


@router.put(PATH, dependencies=_WRITE, summary="Replace a graph (PUT)", status_code=204,
            responses={**_CREATED, **_WRITE_ERRORS},
            openapi_extra={"parameters": _GRAPH_PARAMETERS,
                           "requestBody": {"required": True, "content": _PAYLOADS}})
async def replace(request: Request, store: WriterDep, settings: SettingsDep) -> Response:
    """Replace ``?graph=IRI`` or ``?default`` with the payload (bearer token needed)."""
    graph = _required(_target(request), "PUT")
    graph_store.check_writable(graph)  # before the body is read
    ntriples = await _payload(request, settings, graph, multipart=False)
    written = await _write(store, settings, "PUT", graph, ntriples)
    return _written(written.result, graph, written.statuses)


@router.post(PATH, dependencies=_WRITE, summary="Add to a graph, or create one (POST)",
             status_code=204,
             responses={**_CREATED, **_WRITE_ERRORS,
                        201: {"description": "Created; with no graph parameter, the "
                                             "Location header gives the new graph's IRI"}},
             openapi_extra={"parameters": _GRAPH_PARAMETERS, "requestBody": {
                 "required": True, "content": {**_PAYLOADS, graph_store.MULTIPART: {
                     "schema": {"type": "object"}}}}})
async def merge(request: Request, store: WriterDep, settings: SettingsDep) -> Response:
    """Merge the payload into ``?graph=IRI`` or ``?default``; with neither, create a graph."""
    graph = _target(request)
    if graph is None:
        graph = graph_store.new_graph()
        ntriples = await _payload(request, settings, graph, multipart=True)
        if not ntriples.strip():
            raise ValidationError([Problem("request body", None, "",
                                           "no triples: nothing to create")])
        written = await _write(store, settings, "POST", graph, ntriples)
        return Response(f"created {graph}; statuses: {written.statuses}\n", status_code=201,
                        media_type="text/plain", headers={"Location": str(graph.iri)})
    graph_store.check_writable(graph)  # before the body is read
    ntriples = await _payload(request, settings, graph, multipart=True)
    written = await _write(store, settings, "POST", graph, ntriples)
    return _written(written.result, graph, written.statuses)


@router.delete(PATH, dependencies=_WRITE, summary="Remove a graph (DELETE)", status_code=204,
               responses={404: {"description": "No such graph"}, **_WRITE_ERRORS},
               openapi_extra={"parameters": _GRAPH_PARAMETERS})
async def delete(request: Request, store: WriterDep, settings: SettingsDep) -> Response:
    """Remove ``?graph=IRI``, or empty ``?default`` (bearer token needed)."""
    graph = _required(_target(request), "DELETE")
    await _write(store, settings, "DELETE", graph)
    return Response(status_code=204)


@router.api_route(PATH + "/{path:path}", include_in_schema=False,
                  methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
async def direct(path: str) -> Response:
    """Direct graph identification is not supported: say how to name the graph instead."""
    raise HTTPException(404, f"direct graph identification is not supported: name the graph "
                             f"as {PATH}?graph=<percent-encoded absolute IRI> or "
                             f"{PATH}?default")
