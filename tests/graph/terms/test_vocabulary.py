"""The vocabulary documents every term, aligns with PROV-O, schema.org and Web Annotation,
and its SHACL shapes reject graphs that break the model."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph.graph.authoring.shapes import check_shapes
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import CG, OA, PROV, SCHEMA

from ..one_claim import one_claim


def test_every_term_has_a_label_and_a_comment() -> None:
    graph = vocabulary.vocabulary()
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(CG))}
    assert len(terms) > 60
    missing = sorted(str(t) for t in terms
                     if graph.value(t, RDFS.label) is None or graph.value(t, RDFS.comment) is None)
    assert missing == []


def test_aligned_with_the_standard_vocabularies() -> None:
    graph = vocabulary.vocabulary()
    assert (CG.Claim, RDFS.subClassOf, SCHEMA.Claim) in graph
    assert (CG.Claim, RDFS.subClassOf, PROV.Entity) in graph
    assert (CG.claimant, RDFS.subPropertyOf, PROV.wasAttributedTo) in graph
    assert (CG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo) in graph
    assert (CG.TextSpan, RDFS.subClassOf, OA.SpecificResource) in graph
    assert (CG.Source, RDFS.subClassOf, PROV.Agent) in graph
    kinds = {CG.Organisation, CG.Person, CG.GovernmentOrArmy, CG.CollectiveSource, CG.Outlet}
    for kind in kinds:
        assert (kind, RDF.type, OWL.Class) in graph
    roles = {str(graph.value(r, RDFS.label)) for r in graph.subjects(RDF.type, CG.Role)}
    assert {"chairman", "spokesperson", "vice president"} <= roles
    precedence = vocabulary.status_precedence()
    assert precedence[str(CG.Contested)] < precedence[str(CG.Updated)] < precedence[
        str(CG.Corroborated)] < precedence[str(CG.SingleSource)]


def test_the_shapes_accept_a_well_formed_claim() -> None:
    assert check_shapes(one_claim(claimant=True, start=9, with_registry=True)) == []


def test_the_shapes_reject_a_claim_without_claimant_and_a_quote_that_does_not_round_trip(
) -> None:
    problems = check_shapes(one_claim(claimant=False, start=8, with_registry=True))
    messages = {(p.file, p.line, p.field): p.message for p in problems}
    assert ("a.claims.yaml", 7, "cg:claimant") in messages
    assert any("does not round-trip" in p.message for p in problems)
    assert all(p.file == "a.claims.yaml" and p.line == 7 for p in problems)
