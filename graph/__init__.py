"""Building, storing, reasoning over and rendering the claim graph. No web code lives here.

The rooms, each importing only the rooms below it (checked by the import contracts in
pyproject.toml, drawn in docs/architecture.md)::

    views | queries     seeing and asking: view models, renderers, snippets; canned queries
    writing             the one write path: write articles or graphs, then derive statuses
    derive              the rules of ontology/rules/ run inside the store
    drafting | backends a draft from raw text (beside the store) | the Store protocol and stores
    authoring           registry and claims files, the claim model, its RDF and SHACL check
    text                sentences, quote anchors, time expressions, quantities
    terms               IRIs, prefixes and the ontology's data files

``graph`` never imports ``claimgraph.api`` or ``claimgraph.cli``.
"""
