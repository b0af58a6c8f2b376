"""A first draft of a claims file from an article's raw text, for a person to review: attribution
cues in each sentence, the names of sources resolved against the registry, and what of it the
graph already holds.

Owns: ``cues``, ``figures`` (measures, populations, scopes and periods of
drafted figures), ``stances`` (what a drafted denial answers), ``known`` (statements already
stored), ``draft``.
May import: ``graph.sources`` (whom names name), ``graph.authoring``, ``graph.text``,
``graph.terms``, ``claimgraph.errors``. It sits beside the store: nothing here reads or writes
one, and only the command line and the web layer call it.
"""
