"""The claimgraph vocabulary, SHACL shapes, status rules and canned queries, kept as data files.

- ``claimgraph.ttl``: classes and properties (PROV-O, schema.org and Web Annotation aligned)
- ``shapes.ttl``: SHACL shapes that define a valid graph
- ``rules/*.rq``: the readable rules that derive claim statuses, run in file-name order
"""
