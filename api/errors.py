"""One place that maps claimgraph's errors to HTTP responses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

from claimgraph.errors import (
    ClaimgraphError,
    NotFound,
    QueryError,
    QueryTimeout,
    StoreError,
    ValidationError,
)
from claimgraph.graph.backends.sparql_text import ForbiddenOperation

__all__ = ["install_error_handlers", "status_for"]


def status_for(error: ClaimgraphError) -> int:
    if isinstance(error, ForbiddenOperation):
        return 403
    if isinstance(error, QueryTimeout):
        return 503
    if isinstance(error, (QueryError, ValidationError)):
        return 400
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, StoreError):
        return 503
    return 500


async def _handle(request: Request, error: Exception) -> PlainTextResponse:
    assert isinstance(error, ClaimgraphError)
    return PlainTextResponse(str(error) + "\n", status_code=status_for(error))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClaimgraphError, _handle)
