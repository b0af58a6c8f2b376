"""How well drafting reads real reporting: a corpus of texts with hand-made gold files, each
text drafted as a user would draft it, scored against its gold file, and the drafts loaded
into a store of their own to count the contests the gold files do not have.

Owns: ``score`` (one draft against a curated file: statements, claimants, figures) and
``corpus`` (the manifests, the drafting and scoring of a corpus, its report).
May import: every room below it (``graph.writing``, ``graph.derive``, ``graph.drafting``,
``graph.backends``, ``graph.authoring``, ``graph.text``, ``graph.terms``) and
``claimgraph.errors``. Only the command line and the tests call it.
"""
