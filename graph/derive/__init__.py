"""Reasoning: the rules in ``ontology/rules/`` run inside the store, stage by stage, into the
derived graphs (questions, relations, findings, verdicts, summaries, numbered lists).

Owns: ``status`` (the stages and their running), ``lists`` (numbering the long lists).
May import: ``graph.backends``, ``graph.terms``, ``claimgraph.errors``.
"""
