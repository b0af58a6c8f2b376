"""The files people write, and what they mean: the registry and claims YAML read with the line of
every key, the claim model as immutable values, the RDF built from it, and its check against the
SHACL shapes. Everything here works on files and graphs in memory; nothing touches a store.

Owns: ``yamlfile``, ``collecting`` (every problem of a file, with its line and field),
``registries`` (reading a registry, and a folder's over the shipped one), ``parsing`` (claims
files), ``model``, ``rdf``, ``shapes``, ``checking``.
May import: ``graph.text``, ``graph.terms``, ``claimgraph.errors``.
"""
