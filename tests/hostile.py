"""Untrusted text for escaping tests: a claim and a source whose texts try to run script."""

from __future__ import annotations

import json

import claimgraph
from claimgraph.graph.backends.store import Store

CLAIM = "https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/"
HOSTILE = ["<img src=x onerror=window.__pwned=1>", "</script><script>window.__pwned=2</script>",
           "Smith & \"Jones\" 'quoted' <b>bold</b>"]
"""The hostile claim's label, its quote, and its source's name."""
LINE_SEPARATED = "before\u2028after\u2029<!--<script>window.__pwned=3</script>"
"""The label of a second hostile claim: JavaScript's line terminators and a comment opener."""


def add_hostile_claim(store: Store) -> None:
    """Add a claim (label, quote) and a source (name) with the HOSTILE texts, and a claim
    labelled LINE_SEPARATED; both deny HRW's, so they show in the contested view. Statuses are
    derived again."""
    label, quote, name = (json.dumps(text) for text in HOSTILE)
    store.update(claimgraph.sparql_prefixes() + f"""
        INSERT DATA {{ GRAPH <https://w3id.org/claimgraph/graph/hostile> {{
          <{CLAIM}evil> a cg:Claim ; rdfs:label {label} ; schema:text {quote} ;
              cg:claimant source:evil ; prov:wasAttributedTo source:evil ;
              cg:denies <{CLAIM}hrw-cluster-munitions> .
          <{CLAIM}evil-lines> a cg:Claim ; rdfs:label {json.dumps(LINE_SEPARATED)} ;
              cg:claimant source:evil ; prov:wasAttributedTo source:evil ;
              cg:denies <{CLAIM}hrw-cluster-munitions> .
          source:evil a cg:Organisation ; rdfs:label {name} .
        }} }}""")
    claimgraph.derive_statuses(store)
