"""Storage: the one seam (the ``Store`` protocol and the result types of its queries), the
embedded Oxigraph store (in this process or in a child process that a time limit can stop), and
a store on any SPARQL 1.1 server; with them, what a SPARQL text says before it is run.

Owns: ``store``, ``embedded``, ``isolated``, ``remote``, ``sparql_http``, ``sparql_text``.
May import: ``graph.terms`` and ``claimgraph.errors``; knows nothing of claims files, drafting,
rules or views.
"""
