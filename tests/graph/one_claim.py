"""A hand-built article graph with one claim, for tests of the shapes."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from claimgraph.graph.authoring.model import Location
from claimgraph.graph.authoring.rdf import BuiltGraph
from claimgraph.graph.terms.namespaces import CG, OA, PROV, SCHEMA

ID = "https://w3id.org/claimgraph/id/"
OUTLET, ORG = URIRef(ID + "source/wire"), URIRef(ID + "source/org")


def registry_triples(graph: Graph) -> Graph:
    """``graph`` with the outlet and the organisation the claim names."""
    graph.add((OUTLET, RDF.type, CG.Outlet))
    graph.add((OUTLET, RDFS.label, Literal("Wire")))
    graph.add((ORG, RDF.type, CG.Organisation))
    graph.add((ORG, RDFS.label, Literal("Org")))
    return graph


def one_claim(article_id: str = "a", *, claimant: bool, start: int, line: int = 7,
              with_registry: bool = False) -> BuiltGraph:
    """Article ``article_id`` ("Org said ten people died.") with claim c1 quoting "ten people
    died" at ``start`` (9 is right), written at ``line`` of ARTICLE_ID.claims.yaml; without a
    claimant when ``claimant`` is false; with the registry's triples when ``with_registry``."""
    graph = registry_triples(Graph()) if with_registry else Graph()
    article, claim = URIRef(f"{ID}article/{article_id}"), URIRef(f"{ID}claim/{article_id}/c1")
    span, text, position = (URIRef(f"{claim}/quote"), URIRef(f"{claim}/quote/text"),
                            URIRef(f"{claim}/quote/position"))
    graph.add((article, RDF.type, CG.Article))
    graph.add((article, SCHEMA.headline, Literal("T")))
    graph.add((article, SCHEMA.publisher, OUTLET))
    graph.add((article, SCHEMA.datePublished, Literal("2019-07-06", datatype=XSD.date)))
    graph.add((article, SCHEMA.text, Literal("Org said ten people died.")))
    graph.add((claim, RDF.type, CG.Claim))
    graph.add((claim, RDFS.label, Literal("ten died")))
    graph.add((claim, SCHEMA.text, Literal("ten people died")))
    graph.add((claim, CG.appearsIn, article))
    graph.add((claim, CG.reportedBy, OUTLET))
    graph.add((claim, PROV.wasAttributedTo, ORG))
    if claimant:
        graph.add((claim, CG.claimant, ORG))
    graph.add((claim, CG.quote, span))
    graph.add((span, RDF.type, CG.TextSpan))
    graph.add((span, OA.hasSource, article))
    graph.add((span, OA.hasSelector, text))
    graph.add((span, OA.hasSelector, position))
    graph.add((text, RDF.type, OA.TextQuoteSelector))
    graph.add((text, OA.exact, Literal("ten people died")))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start)))
    graph.add((position, OA.end, Literal(start + 15)))
    file = f"{article_id}.claims.yaml"
    return BuiltGraph(graph, {article: Location(file, 1), claim: Location(file, line)})
