"""The vocabulary documents every term, aligns with PROV-O, schema.org and Web Annotation,
and its SHACL shapes reject graphs that break the model."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph.graph import vocabulary
from claimgraph.graph.model import Location
from claimgraph.graph.namespaces import CG, OA, PROV, SCHEMA
from claimgraph.graph.rdfbuild import BuiltGraph
from claimgraph.graph.shapes import check_shapes

ID = "https://w3id.org/claimgraph/id/"


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


def _claim_graph(*, with_claimant: bool, start: int, end: int) -> BuiltGraph:
    graph = Graph()
    claim, article = URIRef(ID + "claim/a/c1"), URIRef(ID + "article/a")
    span, text, position = (URIRef(f"{claim}/quote"), URIRef(f"{claim}/quote/text"),
                            URIRef(f"{claim}/quote/position"))
    outlet, source = URIRef(ID + "source/wire"), URIRef(ID + "source/org")
    graph.add((article, RDF.type, CG.Article))
    graph.add((article, SCHEMA.headline, Literal("T")))
    graph.add((article, SCHEMA.publisher, outlet))
    graph.add((article, SCHEMA.datePublished, Literal("2019-07-06", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))))
    graph.add((article, SCHEMA.text, Literal("Org said ten people died.")))
    graph.add((outlet, RDF.type, CG.Outlet))
    graph.add((outlet, RDFS.label, Literal("Wire")))
    graph.add((source, RDF.type, CG.Organisation))
    graph.add((source, RDFS.label, Literal("Org")))
    graph.add((claim, RDF.type, CG.Claim))
    graph.add((claim, RDFS.label, Literal("ten died")))
    graph.add((claim, SCHEMA.text, Literal("ten people died")))
    graph.add((claim, CG.appearsIn, article))
    graph.add((claim, CG.reportedBy, outlet))
    graph.add((claim, PROV.wasAttributedTo, source))
    if with_claimant:
        graph.add((claim, CG.claimant, source))
    graph.add((claim, CG.quote, span))
    graph.add((span, RDF.type, CG.TextSpan))
    graph.add((span, OA.hasSource, article))
    graph.add((span, OA.hasSelector, text))
    graph.add((span, OA.hasSelector, position))
    graph.add((text, RDF.type, OA.TextQuoteSelector))
    graph.add((text, OA.exact, Literal("ten people died")))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start)))
    graph.add((position, OA.end, Literal(end)))
    return BuiltGraph(graph, {claim: Location("a.claims.yaml", 7)})


def test_the_shapes_accept_a_well_formed_claim() -> None:
    assert check_shapes(_claim_graph(with_claimant=True, start=9, end=24)) == []


def test_the_shapes_reject_a_claim_without_claimant_and_a_quote_that_does_not_round_trip(
) -> None:
    problems = check_shapes(_claim_graph(with_claimant=False, start=8, end=23))
    messages = {(p.file, p.line, p.field): p.message for p in problems}
    assert ("a.claims.yaml", 7, "cg:claimant") in messages
    assert any("does not round-trip" in p.message for p in problems)
    assert all(p.file == "a.claims.yaml" and p.line == 7 for p in problems)
