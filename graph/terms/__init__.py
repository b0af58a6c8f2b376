"""The words everything else speaks: the IRIs claimgraph mints, the prefixes it shows, and the
ontology's data files (vocabulary, shapes, rules, queries) as the package ships them.

Owns: ``namespaces`` (IRIs, prefixes, the named graphs), ``vocabulary`` (reading
``claimgraph.ontology``). May import: nothing of claimgraph but ``claimgraph.errors``.
"""
