"""Seeing: a canned view or a CONSTRUCT query becomes a typed view model (nodes, edges, styles),
laid out once on the server, then drawn as an interactive page, a self-contained HTML document,
an SVG or PNG, JSON, or a snippet for a report or a notebook.

Owns: ``model``, ``queries``, ``nodes``, ``timeline``, ``layout``, ``build``, ``index``,
``html``, ``svg``, ``snippet`` and the page assets.
May import: ``graph.backends``, ``graph.terms``, ``claimgraph.errors``.
"""
