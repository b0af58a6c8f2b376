"""The bare endpoint our endpoint is measured against: Starlette and pyoxigraph, nothing else.

``POST /sparql`` with a form field ``query`` runs it on the store, over the union of its
graphs, and answers with pyoxigraph's own SPARQL JSON serialisation. No auth, no limits, no
logging, no child process, no content negotiation: the floor that a SPARQL endpoint in
Python over the same engine can reach. Run: ``python bench/bare_endpoint.py STORE PORT``;
it prints ``listening on http://127.0.0.1:PORT/`` once it answers.
"""

from __future__ import annotations

import sys
from urllib.parse import parse_qs

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def bare_app(store: ox.Store) -> Starlette:
    async def sparql(request: Request) -> Response:
        query = parse_qs((await request.body()).decode("utf-8"))["query"][0]
        result = store.query(query, use_default_graph_as_union=True)
        body = result.serialize(format=ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
        return Response(body, media_type="application/sparql-results+json")

    return Starlette(routes=[Route("/sparql", sparql, methods=["POST"])])


def main() -> None:
    store = ox.Store.read_only(sys.argv[1])
    port = int(sys.argv[2])
    config = uvicorn.Config(bare_app(store), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    print(f"listening on http://127.0.0.1:{port}/", file=sys.stderr, flush=True)
    server.run()


if __name__ == "__main__":
    main()
