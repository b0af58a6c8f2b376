"""The query page a browser gets at ``GET /sparql`` with no query: an editor, examples, a table.

The page itself is small HTML built here; its script and style are static files served by us
(``api/static/``, mounted at ``/static``), so it makes no request to any other host. Results
are fetched from ``POST /sparql`` and drawn with DOM calls (``textContent``), never as HTML.
The example questions are the canned queries of ``ontology/queries/`` with their example
arguments bound, the same text ``/queries/NAME`` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape

import mimeparse
from fastapi import Request
from fastapi.responses import HTMLResponse

from claimgraph import __version__
from claimgraph.errors import ParameterError
from claimgraph.graph.backends.store import SELECT_FORMATS, TRIPLE_FORMATS
from claimgraph.graph.queries.canned import CannedQuery, load_canned
from claimgraph.graph.terms.namespaces import PREFIXES, sparql_prefixes
from claimgraph.graph.views.html import json_for_script

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "DRAW_TOOLTIP",
    "STATIC_PACKAGE",
    "Example",
    "example_queries",
    "page_html",
    "query_page",
    "wants_query_page",
]

STATIC_PACKAGE = ("claimgraph.api", "static")
"""Where the page's script and style live: (package, folder)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
"""The page may load and fetch only from this server; no inline script runs."""

DRAW_TOOLTIP = ("Draw the result of a CONSTRUCT query as an interactive graph "
                "(opens its view, with a permalink)")

# Media types a SPARQL client asks for; a browser asking for HTML more than these gets the page.
_NOT_HTML = (*SELECT_FORMATS.values(), *TRIPLE_FORMATS.values(), "application/json",
             "application/xml", "text/plain")


@dataclass(frozen=True)
class Example:
    """An example question: its canned query's name, title and description, and the SPARQL
    the editor gets (prefixes declared, example arguments bound)."""

    name: str
    title: str
    description: str
    text: str


def wants_query_page(accept: str | None) -> bool:
    """True when the Accept header prefers ``text/html`` to every result format we write."""
    if not accept:
        return False
    try:
        html: float = mimeparse.quality("text/html", accept)
        other: float = max(mimeparse.quality(media, accept) for media in _NOT_HTML)
    except (ValueError, IndexError):
        return False
    return html > 0 and html > other


def _example(query: CannedQuery) -> Example:
    try:
        text = query.bind(query.examples, limit=None)
    except ParameterError:  # no example value: each $parameter is a plain variable
        text = sparql_prefixes() + query.sparql
    return Example(query.name, query.title, query.description, text)


@cache
def example_queries() -> tuple[Example, ...]:
    """The canned queries (``ontology/queries/*.rq``) as examples, by name."""
    return tuple(_example(query) for query in load_canned())


@cache
def page_html(root: str = "") -> str:
    """The query page; ``root`` is the app's root path ("" unless behind a prefix)."""
    examples = example_queries()
    first = examples[0] if examples else Example(
        "", "", "", sparql_prefixes() + "\nSELECT * WHERE { ?s ?p ?o } LIMIT 10\n")
    options = "\n".join(f'<option value="{escape(e.name)}">{escape(e.title)}</option>'
                        for e in examples)
    data = json_for_script({"prefixes": PREFIXES, "examples": [
        {"name": e.name, "title": e.title, "description": e.description, "text": e.text}
        for e in examples]})
    static = f"{escape(root)}/static"
    version = escape(__version__)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>SPARQL query · claimgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="{static}/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{static}/query.css?v={version}">
<script src="{static}/query.js?v={version}" defer></script>
<script type="application/json" id="page-data">{data}</script>
</head>
<body>
<header><a href="{escape(root)}/">claimgraph</a></header>
<main>
<h1>Query the claim graph</h1>
<p>Ask the graph who claimed what, on whose authority, and who disputes it. Pick an example
question or write your own SPARQL; the editor starts with claimgraph's prefixes declared.
The examples, with their parameters as a form, are also at
<a href="{escape(root)}/queries">the canned queries</a>.</p>
<form id="query-form" method="post" action="{escape(root)}/sparql">
<div class="examples">
<label for="example">Example question</label>
<select id="example" aria-describedby="example-description">
{options}
</select>
<button type="button" id="load-example">Load example</button>
<p id="example-description">{escape(first.description)}</p>
</div>
<label for="query" class="editor-label">SPARQL query</label>
<textarea id="query" name="query" rows="22" spellcheck="false" autocapitalize="off"
 autocomplete="off" aria-describedby="keys">{escape(first.text)}</textarea>
<div class="actions">
<button type="submit" id="run">Run</button>
<span id="keys" class="hint">Ctrl+Enter in the editor runs the query.</span>
<button type="button" id="draw" title="{escape(DRAW_TOOLTIP)}"
 aria-describedby="draw-note">Draw</button>
<span id="draw-note" class="visually-hidden">{escape(DRAW_TOOLTIP)}</span>
</div>
</form>
<section id="results" aria-labelledby="results-heading">
<h2 id="results-heading">Results</h2>
<p id="status" role="status" aria-live="polite">Run a query to see its results here.</p>
<div id="error" role="alert"></div>
<div id="output"></div>
</section>
</main>
</body></html>
"""


def query_page(request: Request) -> HTMLResponse:
    """The query page as a response, for ``GET /sparql`` from a browser."""
    headers = {"Vary": "Accept", "Content-Security-Policy": CONTENT_SECURITY_POLICY,
               "X-Content-Type-Options": "nosniff"}
    return HTMLResponse(page_html(request.scope.get("root_path", "")), headers=headers)
