"""The FastAPI application: composes the routers over one store and one set of settings."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from claimgraph import __version__
from claimgraph.api.errors import install_error_handlers
from claimgraph.api.routes import articles, description, drafts, home, queries, sparql
from claimgraph.api.routes import oembed as oembed_routes
from claimgraph.api.routes import views as view_routes
from claimgraph.api.routes.graph_store import router as graph_store_router
from claimgraph.api.routes.query_page import STATIC_PACKAGE
from claimgraph.api.settings import Settings
from claimgraph.api.worker_header import WorkerHeader
from claimgraph.graph.backends.store import Store

__all__ = ["create_app"]

log = logging.getLogger("claimgraph.api")


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The claimgraph web API over ``store``.

    Public requests go through ``store.limited(settings.query_timeout)``, which stops a call
    where the store can (``store.capabilities.stops_calls``); authorised writes and status
    derivation use ``store``.
    """
    settings = settings or Settings()
    app = FastAPI(title="claimgraph", version=__version__,
                  description="Who claimed what, on whose authority, when, where it is "
                              "written, and who disputes it: a SPARQL 1.1 endpoint and "
                              "views over a claim-attribution graph.")
    app.state.store = store
    app.state.limited_store = store.limited(settings.query_timeout)
    if not store.capabilities.stops_calls:
        log.info("%s cannot stop a query part-way: the %s s time limit is not enforced "
                 "(claimgraph serve runs the embedded store in a child process that can)",
                 store.location, settings.query_timeout)
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE"],
                           allow_headers=["*"], expose_headers=["Location"])
    app.add_middleware(WorkerHeader)  # X-Claimgraph-Worker: which worker process answered
    install_error_handlers(app)
    app.include_router(home.router)
    app.include_router(sparql.router)
    app.include_router(queries.build_router())
    app.include_router(graph_store_router)
    app.include_router(drafts.router)
    app.include_router(articles.router)
    app.mount("/static", StaticFiles(packages=[STATIC_PACKAGE]), name="static")
    app.include_router(description.router)
    app.include_router(view_routes.router)
    app.include_router(oembed_routes.router)
    return app
