"""FastAPI dependencies: the running app's store and settings, and write authorisation."""

from __future__ import annotations

import hmac
from typing import Annotated, cast

from fastapi import Depends, HTTPException, Request

from claimgraph.api.settings import Settings
from claimgraph.graph.backends.store import Store

__all__ = [
    "SettingsDep",
    "StoreDep",
    "WriterDep",
    "get_settings",
    "get_store",
    "get_writer_store",
    "read_body",
    "require_write_token",
]


async def get_store(request: Request) -> Store:
    """The store as public requests see it: every call under the time limit.

    A coroutine, as is :func:`get_settings`: FastAPI runs a plain function dependency in a
    worker thread, two thread hops per request for a lookup."""
    return cast(Store, request.app.state.limited_store)


async def get_writer_store(request: Request) -> Store:
    """The store as authorised writes use it: the write itself gets the public time limit
    (:func:`claimgraph.graph.writing.commit.commit`), the derivation after it runs to the
    end (a derivation cut short would leave stale statuses)."""
    return cast(Store, request.app.state.store)


async def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


StoreDep = Annotated[Store, Depends(get_store)]
WriterDep = Annotated[Store, Depends(get_writer_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_write_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>`` matching the operator's token."""
    settings: Settings = request.app.state.settings
    if settings.token is None:
        raise HTTPException(403, "writes are disabled on this server: the operator has not "
                                 "configured a token (CLAIMGRAPH_TOKEN or --token-file)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "this write needs 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": 'Bearer realm="claimgraph"'})
    if not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise HTTPException(401, "the bearer token is not valid",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


async def read_body(request: Request, settings: Settings) -> bytes:
    """The request body, refused with 413 as soon as it passes the size limit."""
    limit = settings.max_request_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the request body is larger than the {limit}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the request body is larger than the {limit}-byte limit")
    return bytes(body)
