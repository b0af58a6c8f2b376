"""News text as a reader sees it: sentences and paragraphs with their original offsets, quotes
anchored to their exact span, time expressions resolved against a publication date, the numbers
a statement gives with their bounds, and the checks a raw text passes before anything reads it.

Owns: ``anchor``, ``sentences``, ``timeexpr``, ``quantities``, ``article_input``.
May import: ``graph.terms`` and ``claimgraph.errors``; knows nothing of claims files or stores.
"""
