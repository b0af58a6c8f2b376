"""Self-description: a SPARQL 1.1 Service Description of the endpoint and a VoID description
of the dataset (how many triples, claims, sources, articles; which named graphs)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.terms.namespaces import CG, OA, PREFIXES, PROV, SCHEMA, sparql_prefixes

__all__ = [
    "DatasetCounts",
    "Description",
    "count_dataset",
    "serialized",
    "service_description",
    "void_description",
]

Description = Graph
"""A self-description: a small RDF graph, written out by :func:`serialized`."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")

_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}

_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")

_COUNTS = """
SELECT
  (SUM(?isClaim) AS ?claims) (SUM(?isSource) AS ?sources) (SUM(?isArticle) AS ?articles)
WHERE {
  { SELECT DISTINCT ?thing ?isClaim ?isSource ?isArticle WHERE {
      { ?thing a cg:Claim . BIND (1 AS ?isClaim) BIND (0 AS ?isSource) BIND (0 AS ?isArticle) }
      UNION
      { ?thing a/rdfs:subClassOf* cg:Source .
        BIND (0 AS ?isClaim) BIND (1 AS ?isSource) BIND (0 AS ?isArticle) }
      UNION
      { ?thing a cg:Article . BIND (0 AS ?isClaim) BIND (0 AS ?isSource) BIND (1 AS ?isArticle) }
  } }
}"""


@dataclass(frozen=True)
class DatasetCounts:
    """Sizes of the dataset, for VoID and the home page."""

    triples: int
    claims: int
    sources: int
    articles: int
    graphs: dict[str, int]


def _integer(result: Solutions, name: str) -> int:
    value = result.column(name)[0]
    return int(value) if value is not None else 0


def count_dataset(store: Store) -> DatasetCounts:
    """Count triples, claims, sources (of every kind), articles and each named graph's size."""
    result = store.query(sparql_prefixes() + _COUNTS)
    assert isinstance(result, Solutions)
    graphs = {graph: store.count_triples(graph) for graph in store.named_graphs()}
    return DatasetCounts(triples=store.count_triples(), claims=_integer(result, "claims"),
                         sources=_integer(result, "sources"),
                         articles=_integer(result, "articles"), graphs=graphs)


def _bind(graph: Graph) -> Graph:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("formats", FORMATS)
    return graph


def void_description(counts: DatasetCounts, *, dataset: str, endpoint: str) -> Graph:
    """A VoID description of the dataset behind ``endpoint``; ``dataset`` is its IRI."""
    graph = _bind(Graph())
    node = URIRef(dataset)
    graph.add((node, RDF.type, VOID.Dataset))
    graph.add((node, DCTERMS.title, Literal("claimgraph: who claimed what, and who disputes it")))
    graph.add((node, DCTERMS.description, Literal(
        "Attributed claims from news articles, their sources, quote spans, quantities, stances "
        "and derived statuses (contested, corroborated, single source).")))
    graph.add((node, VOID.sparqlEndpoint, URIRef(endpoint)))
    graph.add((node, VOID.uriSpace, Literal("https://w3id.org/claimgraph/id/")))
    graph.add((node, VOID.triples, Literal(counts.triples)))
    for vocabulary in (CG, PROV, SCHEMA, OA):
        graph.add((node, VOID.vocabulary, URIRef(str(vocabulary))))
    for cls, count in ((CG.Claim, counts.claims), (CG.Source, counts.sources),
                       (CG.Article, counts.articles)):
        partition = BNode()
        graph.add((node, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(count)))
    for name, triples in sorted(counts.graphs.items()):
        subset = BNode()
        graph.add((node, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, SD.name, URIRef(name)))
        graph.add((subset, VOID.triples, Literal(triples)))
    return graph


def service_description(counts: DatasetCounts, *, endpoint: str, dataset: str,
                        allow_service: bool = False, writable: bool = False) -> Graph:
    """A SPARQL 1.1 Service Description of ``endpoint``."""
    graph = _bind(Graph())
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if allow_service:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, RDFS.comment, Literal(
        "Queries are public. Updates need 'Authorization: Bearer <token>'"
        + (" and are enabled." if writable else "; no token is configured, so they are "
           "refused.") + " SERVICE and LOAD are " + ("allowed." if allow_service else
                                                     "refused.")
        + " The default graph of a query is the union of all named graphs.")))
    default_dataset = BNode()
    graph.add((service, SD.defaultDataset, default_dataset))
    graph.add((default_dataset, RDF.type, SD.Dataset))
    graph.add((default_dataset, RDFS.seeAlso, URIRef(dataset)))
    default_graph = BNode()
    graph.add((default_dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, VOID.triples, Literal(counts.triples, datatype=XSD.integer)))
    for name, triples in sorted(counts.graphs.items()):
        named = BNode()
        described = BNode()
        graph.add((default_dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(triples)))
    return graph


def serialized(description: Description, result_format: str) -> bytes:
    """``description`` in ``result_format``, a key of TRIPLE_FORMATS, as UTF-8."""
    return description.serialize(format=_RDFLIB_FORMATS[result_format], encoding="utf-8")
