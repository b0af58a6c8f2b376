"""Asking: the canned questions kept as data in ``ontology/queries/``, with their parameters and
pages, and the endpoint's self-description (SPARQL Service Description, VoID).

Owns: ``canned``, ``describe``.
May import: ``graph.backends``, ``graph.terms``, ``claimgraph.errors``.
"""
