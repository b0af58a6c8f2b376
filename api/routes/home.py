"""The home page: what a person can do here, with links."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from claimgraph.api.deps import StoreDep
from claimgraph.api.routes.views import home_links
from claimgraph.graph.backends.store import Solutions
from claimgraph.graph.terms.namespaces import sparql_prefixes
from claimgraph.graph.views.index import view_index

__all__ = ["router"]

router = APIRouter(tags=["Pages"])

EXAMPLE = """SELECT ?claim ?status ?quote WHERE {
  ?c dcterms:identifier ?claim ; cg:status/rdfs:label ?status ; schema:text ?quote .
} ORDER BY ?status ?claim"""

_COUNTS = """SELECT (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?source) AS ?sources)
       (COUNT(DISTINCT ?article) AS ?articles)
WHERE { ?claim a cg:Claim ; cg:appearsIn ?article ; prov:wasAttributedTo ?source }"""


@router.get("/", response_class=HTMLResponse, summary="Home page")
async def home(store: StoreDep) -> HTMLResponse:
    counts = await run_in_threadpool(store.query, sparql_prefixes() + _COUNTS)
    assert isinstance(counts, Solutions)
    claims, sources, articles = (str(t) if t else "0" for t in counts.rows[0])
    example = quote(sparql_prefixes() + EXAMPLE)
    views = home_links((await run_in_threadpool(view_index, store)).examples())
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>claimgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}}
code{{background:#f3f3f3;padding:0 .2em}}</style></head>
<body>
<h1>claimgraph</h1>
<p>Who claimed what, on whose authority, when, where it is written, and who disputes it.</p>
<p>This graph holds <strong>{escape(claims)}</strong> claims by
<strong>{escape(sources)}</strong> sources (the parties that made them) in
<strong>{escape(articles)}</strong> article(s).</p>
<ul>
<li><a href="/sparql">Ask a question in SPARQL</a>: the query page, with example questions;
    a CONSTRUCT result can be drawn as a graph</li>
<li><a href="/queries">Canned queries</a>: who claimed what, the contested claims,
    one claim's attribution chain (HTML, JSON, CSV)</li>
<li>Graph views (interactive; each embeddable, as SVG and PNG too):
    <ul>{views}<li><a href="/views">Every view</a>: each article, source and claim</li></ul></li>
<li><a href="/sparql?query={example}">Every claim with its status and quote</a>
    (SPARQL JSON, as a script gets it)</li>
<li>For SPARQL clients: the endpoint <code>/sparql</code> (SPARQL 1.1 Protocol, read-only
    without the operator's token), its <a href="/sparql/description">service
    description</a>, the dataset's <a href="/void">VoID description</a>, and the Graph Store
    Protocol at <code>/rdf-graph-store</code></li>
<li><a href="/docs">API documentation (OpenAPI)</a></li>
</ul>
</body></html>"""
    return HTMLResponse(page)
