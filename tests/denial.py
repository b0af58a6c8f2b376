"""A small Turtle graph that denies one of the seed's single-source claims, for write tests."""

from __future__ import annotations

KAFR_NABL = "https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/kafr-nabl-hospital"
DENIAL = f"""@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/claim/turkey-denies> a cg:Claim ;
    rdfs:label "Turkey denies that Kafr Nabl hospital was struck" ;
    prov:wasAttributedTo <https://w3id.org/claimgraph/id/source/turkey> ;
    cg:denies <{KAFR_NABL}> .
"""
"""Turkey (independent of the aid groups) denies the Kafr Nabl hospital claim."""
