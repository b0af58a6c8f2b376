"""What goes into the store, by one path: checked articles and whole graphs are written, then
the statuses are derived again (``commit``). The command line, the Graph Store and ``/articles``
routes, SPARQL Update and the notebooks all write through here.

Owns: ``commit`` (write, then derive), ``loading`` (checked files into a store),
``graph_store`` (graphs as whole documents, as the Graph Store Protocol sees them).
May import: the rooms below it (``graph.derive``, ``graph.backends``, ``graph.authoring``,
``graph.text``, ``graph.terms``) but ``graph.drafting``, and ``claimgraph.errors``.
"""
