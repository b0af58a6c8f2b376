"""The words everything else speaks: the ids people give things, the IRIs claimgraph mints from
them, the prefixes it shows, and the ontology's data files (vocabulary, shapes, rules,
queries) as the package ships them.

Owns: ``identifiers`` (the one id pattern), ``namespaces`` (IRIs, prefixes, the named graphs),
``vocabulary`` (reading ``claimgraph.ontology``). May import: nothing of claimgraph but
``claimgraph.errors``.
"""
