"""The IRIs claimgraph mints and the prefixes it shows."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CG",
    "DCTERMS",
    "DERIVED_GRAPHS",
    "GRAPH",
    "ID",
    "LISTS_GRAPH",
    "OA",
    "OWL",
    "PREFIXES",
    "PROV",
    "QUESTIONS_GRAPH",
    "RDF",
    "RDFS",
    "REGISTRY_GRAPH",
    "RELATIONS_GRAPH",
    "RULES",
    "SCHEMA",
    "SKOS",
    "STATUS_GRAPH",
    "SUMMARY_GRAPH",
    "VERDICTS_GRAPH",
    "VOCABULARY_GRAPH",
    "XSD",
    "article_graph",
    "article_iri",
    "claim_iri",
    "entity_iri",
    "sparql_prefixes",
]

CG = Namespace("https://w3id.org/claimgraph/ns#")
ID = Namespace("https://w3id.org/claimgraph/id/")
GRAPH = Namespace("https://w3id.org/claimgraph/graph/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

REGISTRY_GRAPH = GRAPH["registry"]
"""Named graph of the shared registry: sources, places, events, measures."""
STATUS_GRAPH = GRAPH["status"]
"""Named graph of the findings about claims (a cg:StatusReason each); rebuilt after every
write."""
VERDICTS_GRAPH = GRAPH["verdicts"]
"""Named graph of each claim's status (cg:status), the verdict of highest precedence among
its findings; rebuilt after every write."""
QUESTIONS_GRAPH = GRAPH["questions"]
"""Named graph of the question each figure answers, and its running series and days, minted
once per figure so that the rules pairing figures join on one value."""
RELATIONS_GRAPH = GRAPH["relations"]
"""Named graph of derived relations the status rules use (independence, comparable numbers)."""
SUMMARY_GRAPH = GRAPH["summary"]
"""Named graph of figures counted when the data changes (on whose authority each claim is
made, claims per source and status), so that questions read them instead of counting."""
LISTS_GRAPH = GRAPH["lists"]
"""Named graph of the long lists the canned questions page through, numbered when the data
changes (a source's claims, the challenges to contested claims, sources by claims made)."""
DERIVED_GRAPHS = (STATUS_GRAPH, QUESTIONS_GRAPH, RELATIONS_GRAPH, VERDICTS_GRAPH, SUMMARY_GRAPH,
                  LISTS_GRAPH)
"""Graphs computed from the others; never written by hand."""
RULES = Namespace("https://w3id.org/claimgraph/rules#")
VOCABULARY_GRAPH = GRAPH["vocabulary"]
"""Named graph holding ontology/claimgraph.ttl, so labels of terms can be queried."""

PREFIXES: dict[str, str] = {
    "cg": str(CG),
    "source": str(ID["source/"]),
    "place": str(ID["place/"]),
    "event": str(ID["event/"]),
    "measure": str(ID["measure/"]),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
}


def sparql_prefixes() -> str:
    """PREFIX declarations for every prefix in PREFIXES, one per line."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def _slug(identifier: str) -> str:
    return quote(identifier, safe="-._~")


def entity_iri(kind: str, identifier: str) -> URIRef:
    """IRI of a registry entity: kind is source, place, event or measure."""
    return ID[f"{kind}/{_slug(identifier)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{_slug(article_id)}"]


def claim_iri(article_id: str, claim_id: str) -> URIRef:
    return ID[f"claim/{_slug(article_id)}/{_slug(claim_id)}"]


def article_graph(article_id: str) -> URIRef:
    """The named graph that holds one article and its claims."""
    return GRAPH[f"article/{_slug(article_id)}"]
