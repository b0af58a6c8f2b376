"""Self-description: the SPARQL Service Description and the dataset's VoID description."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.api.negotiation import NotAcceptable, choose_format
from claimgraph.api.settings import Settings
from claimgraph.graph.backends.store import Store
from claimgraph.graph.queries.describe import (
    Description,
    count_dataset,
    serialized,
    service_description,
    void_description,
)

__all__ = ["router", "service_description_response"]

router = APIRouter(tags=["Self-description"])

def _render(description: Description, request: Request) -> Response:
    try:
        name, media_type = choose_format(request.headers.get("accept"), "triples")
    except NotAcceptable as error:
        raise HTTPException(406, str(error)) from None
    body = serialized(description, name)
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return Response(body, media_type=media_type + charset, headers={"Vary": "Accept"})


def _addresses(request: Request) -> tuple[str, str]:
    base = str(request.base_url).rstrip("/")
    return f"{base}/sparql", f"{base}/void#dataset"


async def service_description_response(request: Request, store: Store,
                                       settings: Settings) -> Response:
    """What GET /sparql answers a client that sends no query and does not ask for HTML."""
    counts = await run_in_threadpool(count_dataset, store)
    endpoint, dataset = _addresses(request)
    graph = service_description(counts, endpoint=endpoint, dataset=dataset,
                                allow_service=settings.outbound.allow_service,
                                writable=settings.token is not None)
    return _render(graph, request)


@router.get("/void", summary="VoID description of the dataset",
            responses={200: {"description": "VoID in Turtle (or N-Triples, JSON-LD, RDF/XML "
                              "by Accept): triples, claims, sources, articles, named graphs",
                             "content": {"text/turtle": {}}}})
async def void(request: Request, store: StoreDep) -> Response:
    counts = await run_in_threadpool(count_dataset, store)
    endpoint, dataset = _addresses(request)
    return _render(void_description(counts, dataset=dataset, endpoint=endpoint), request)


@router.get("/.well-known/void", include_in_schema=False)
async def well_known_void(request: Request, store: StoreDep) -> Response:
    return await void(request, store)


@router.get("/sparql/description", summary="SPARQL 1.1 Service Description",
            responses={200: {"content": {"text/turtle": {}}}})
async def description(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    return await service_description_response(request, store, settings)
