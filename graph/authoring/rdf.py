"""Turn the claim model into RDF: one graph for the registry, one graph per article.

Every node gets an IRI (no blank nodes), so that a claim, its quote span, its time references
and its quantities can be linked to, and an article's graph can be replaced as a whole.
``origins`` maps each minted IRI to where it was written, for error messages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from claimgraph.graph.authoring.model import (
    ArticleClaims,
    Claim,
    Location,
    Registry,
    Source,
    TimeReference,
)
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import (
    CG,
    DCTERMS,
    OA,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    article_iri,
    claim_iri,
    entity_iri,
)

__all__ = ["BuiltGraph", "article_to_rdf", "registry_to_rdf", "stance_target_iri",
           "statement_key"]

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
"""Wikidata's concept IRIs: a source's ``wikidata: Q1065`` is ``schema:sameAs`` this + id."""

SOURCE_CLASSES = {
    "organisation": CG.Organisation,
    "person": CG.Person,
    "government": CG.GovernmentOrArmy,
    "collective": CG.CollectiveSource,
    "outlet": CG.Outlet,
}
EVENT_CLASSES = {"campaign": CG.Campaign, "incident": CG.Incident}
PERIOD_TIMES = {"start": CG.periodStartTime, "end": CG.periodEndTime}
"""A figure's period start and end as written (a cg:TimeReference each, with the interval
the words allow); cg:periodStart and cg:periodEnd give the day where it is known."""
BOUND_CONCEPTS = {
    "exact": CG.Exact,
    "at_least": CG.AtLeast,
    "more_than": CG.MoreThan,
    "at_most": CG.AtMost,
    "fewer_than": CG.FewerThan,
    "approximately": CG.Approximately,
    "between": CG.Between,
}
STANCE_PROPERTIES = {
    "denies": CG.denies,
    "disputes": CG.disputes,
    "supports": CG.supports,
    "corroborates": CG.corroborates,
}


@dataclass
class BuiltGraph:
    """RDF built from one authoring file, and where each node came from."""

    graph: Graph
    origins: dict[URIRef, Location] = field(default_factory=dict)


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph


def _source_triples(graph: Graph, source: Source) -> None:
    node = entity_iri("source", source.id)
    graph.add((node, RDF.type, SOURCE_CLASSES[source.kind]))
    graph.add((node, RDFS.label, Literal(source.label)))
    graph.add((node, DCTERMS.identifier, Literal(source.id)))
    for alias in source.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    if source.description:
        graph.add((node, SCHEMA.description, Literal(source.description)))
    if source.affiliation:
        graph.add((node, CG.affiliation, entity_iri("source", source.affiliation)))
    if source.role:
        graph.add((node, CG.role, URIRef(vocabulary.role_iri(source.role))))
    if source.part_of:
        graph.add((node, CG.partOf, entity_iri("source", source.part_of)))
    for member in source.may_include:
        graph.add((node, CG.mayInclude, entity_iri("source", member)))
    for ally in source.allied_with:
        graph.add((node, CG.alliedWith, entity_iri("source", ally)))
        graph.add((entity_iri("source", ally), CG.alliedWith, node))
    for same in source.same_as:
        graph.add((node, SCHEMA.sameAs, URIRef(same)))
    if source.wikidata:
        graph.add((node, SCHEMA.sameAs, URIRef(WIKIDATA_ENTITY + source.wikidata)))


def _origins(values: Iterable[Source], kind: str) -> dict[URIRef, Location]:
    return {entity_iri(kind, v.id): v.location for v in values if v.location}


def registry_to_rdf(registry: Registry) -> BuiltGraph:
    """The registry's sources, places, events and measures as RDF."""
    graph = _new_graph()
    for source in registry.sources:
        _source_triples(graph, source)
    for place in registry.places:
        node = entity_iri("place", place.id)
        graph.add((node, RDF.type, CG.Place))
        graph.add((node, RDFS.label, Literal(place.label)))
        if place.part_of:
            graph.add((node, SCHEMA.containedInPlace, entity_iri("place", place.part_of)))
    for event in registry.events:
        node = entity_iri("event", event.id)
        graph.add((node, RDF.type, CG.Event))
        if event.kind:
            graph.add((node, RDF.type, EVENT_CLASSES[event.kind]))
        graph.add((node, RDFS.label, Literal(event.label)))
        if event.start:
            graph.add((node, SCHEMA.startDate, Literal(event.start)))
        if event.part_of:
            graph.add((node, SCHEMA.superEvent, entity_iri("event", event.part_of)))
    for measure in registry.measures:
        node = entity_iri("measure", measure.id)
        graph.add((node, RDF.type, CG.Measure))
        graph.add((node, RDFS.label, Literal(measure.label)))
        graph.add((node, CG.countsPeople, Literal((measure.counts or "people") == "people")))
        if measure.part_of:
            graph.add((node, SKOS.broader, entity_iri("measure", measure.part_of)))
    for population in registry.populations:
        node = entity_iri("population", population.id)
        graph.add((node, RDF.type, CG.Population))
        graph.add((node, RDFS.label, Literal(population.label)))
        if population.part_of:
            graph.add((node, SKOS.broader, entity_iri("population", population.part_of)))
    sections = (("place", registry.places), ("event", registry.events),
                ("measure", registry.measures), ("population", registry.populations))
    for kind, entries in sections:
        for entry in entries:
            if entry.description:
                graph.add((entity_iri(kind, entry.id), SCHEMA.description,
                           Literal(entry.description)))
            for alias in entry.aliases:
                graph.add((entity_iri(kind, entry.id), SKOS.altLabel, Literal(alias)))
            graph.add((entity_iri(kind, entry.id), DCTERMS.identifier, Literal(entry.id)))
    origins = _origins(registry.sources, "source")
    for kind, entries in sections:
        origins.update({entity_iri(kind, e.id): e.location for e in entries if e.location})
    return BuiltGraph(graph, origins)


def _time_triples(graph: Graph, node: URIRef, time: TimeReference) -> None:
    graph.add((node, RDF.type, CG.TimeReference))
    graph.add((node, CG.expression, Literal(time.expression)))
    graph.add((node, CG.earliest, Literal(time.interval.earliest)))
    graph.add((node, CG.latest, Literal(time.interval.latest)))
    if time.day:
        graph.add((node, CG.date, Literal(time.day)))
    label = time.expression if not time.day else f"{time.expression} ({time.day.isoformat()})"
    graph.add((node, RDFS.label, Literal(label)))


def _claim_triples(graph: Graph, article_id: str, outlet: URIRef, article: URIRef,
                   claim: Claim) -> None:
    node = claim_iri(article_id, claim.id)

    def source(identifier: str) -> URIRef:
        return entity_iri("source", identifier)

    graph.add((node, RDF.type, CG.Claim))
    if claim.drafted:
        graph.add((node, RDF.type, CG.UnreviewedClaim))
    graph.add((node, RDFS.label, Literal(claim.label)))
    graph.add((node, SCHEMA.text, Literal(claim.quote.text)))
    graph.add((node, DCTERMS.identifier, Literal(claim.id)))
    graph.add((node, CG.appearsIn, article))
    graph.add((node, CG.reportedBy, outlet))
    for claimant in claim.claimants:
        graph.add((node, CG.claimant, source(claimant)))
        graph.add((node, PROV.wasAttributedTo, source(claimant)))
    speaker = source(claim.speaker) if claim.speaker else None
    if speaker is None and claim.role:
        # "a military spokesman said": a person the article does not name, this claim's own
        speaker = URIRef(f"{node}/speaker")
        role_label = claim.role.replace("-", " ")
        graph.add((speaker, RDF.type, CG.Person))
        graph.add((speaker, RDFS.label, Literal(f"unnamed {role_label}")))
        for claimant in claim.claimants:
            graph.add((speaker, CG.affiliation, source(claimant)))
    if speaker is not None:
        graph.add((node, CG.speaker, speaker))
        graph.add((node, PROV.wasAttributedTo, speaker))
        attribution = URIRef(f"{node}/attribution")
        graph.add((node, PROV.qualifiedAttribution, attribution))
        graph.add((attribution, RDF.type, PROV.Attribution))
        graph.add((attribution, PROV.agent, speaker))
        if claim.role:
            graph.add((attribution, PROV.hadRole, URIRef(vocabulary.role_iri(claim.role))))
        for claimant in claim.claimants:
            graph.add((attribution, CG.onBehalfOf, source(claimant)))
    if claim.verb:
        graph.add((node, CG.reportingVerb, Literal(claim.verb)))
    if claim.note:
        graph.add((node, RDFS.comment, Literal(claim.note)))

    span = URIRef(f"{node}/quote")
    quote_selector = URIRef(f"{span}/text")
    position_selector = URIRef(f"{span}/position")
    graph.add((node, CG.quote, span))
    graph.add((span, RDF.type, CG.TextSpan))
    graph.add((span, OA.hasSource, article))
    graph.add((span, OA.hasSelector, quote_selector))
    graph.add((span, OA.hasSelector, position_selector))
    graph.add((quote_selector, RDF.type, OA.TextQuoteSelector))
    graph.add((quote_selector, OA.exact, Literal(claim.quote.exact)))
    graph.add((quote_selector, OA.prefix, Literal(claim.quote.prefix)))
    graph.add((quote_selector, OA.suffix, Literal(claim.quote.suffix)))
    graph.add((position_selector, RDF.type, OA.TextPositionSelector))
    graph.add((position_selector, OA.start, Literal(claim.quote.start)))
    graph.add((position_selector, OA.end, Literal(claim.quote.end)))

    if claim.stated:
        graph.add((node, CG.statedAt, URIRef(f"{node}/stated")))
        _time_triples(graph, URIRef(f"{node}/stated"), claim.stated)
    if claim.refers_to:
        graph.add((node, CG.refersToTime, URIRef(f"{node}/refers-to")))
        _time_triples(graph, URIRef(f"{node}/refers-to"), claim.refers_to)
    for place in claim.places:
        graph.add((node, CG.place, entity_iri("place", place)))
    for actor in claim.actors:
        graph.add((node, CG.actor, source(actor)))
    for index, quantity in enumerate(claim.quantities, start=1):
        q = URIRef(f"{node}/quantity/{index}")
        graph.add((node, CG.hasQuantity, q))
        graph.add((q, RDF.type, CG.Quantity))
        graph.add((q, CG.measures, entity_iri("measure", quantity.measure)))
        graph.add((q, CG.bound, BOUND_CONCEPTS[quantity.bound]))
        graph.add((q, CG.statedValue, Literal(quantity.stated)))
        graph.add((q, CG.minValue, Literal(quantity.minimum)))
        if quantity.maximum is not None:
            graph.add((q, CG.maxValue, Literal(quantity.maximum)))
        if quantity.words:
            graph.add((q, CG.words, Literal(quantity.words)))
        if quantity.scope:
            graph.add((q, CG.scope, entity_iri(quantity.scope_kind, quantity.scope)))
        if quantity.population:
            graph.add((q, CG.population, entity_iri("population", quantity.population)))
        for name, time, day_property in (("start", quantity.period_start, CG.periodStart),
                                         ("end", quantity.period_end, CG.periodEnd)):
            if time is None:
                continue
            reference = URIRef(f"{q}/period-{name}")
            graph.add((q, PERIOD_TIMES[name], reference))
            _time_triples(graph, reference, time)
            if time.day:
                graph.add((q, day_property, Literal(time.day, datatype=XSD.date)))
        graph.add((q, RDFS.label, Literal(quantity.words or str(quantity.stated))))
    for index, basis in enumerate(claim.based_on, start=1):
        if basis.claim:
            graph.add((node, PROV.wasDerivedFrom, claim_iri(article_id, basis.claim)))
            continue
        report = URIRef(f"{node}/basis/{index}")
        graph.add((node, PROV.wasDerivedFrom, report))
        graph.add((report, RDF.type, CG.Report))
        graph.add((report, RDFS.label, Literal(basis.label)))
        if basis.source:
            graph.add((report, PROV.wasAttributedTo, source(basis.source)))
    for kind, target in claim.stances:
        graph.add((node, STANCE_PROPERTIES[kind], stance_target_iri(article_id, target)))
    graph.add((node, CG.statementKey, Literal(statement_key(claim))))


def stance_target_iri(article_id: str, target: str) -> URIRef:
    """The claim a stance names: ``claim-id`` of this article or ``article-id/claim-id``."""
    other, _, claim_id = target.rpartition("/")
    return claim_iri(other or article_id, claim_id)


def statement_key(claim: Claim) -> str:
    """What makes two reports one statement: the quoted words, ignoring case, spacing,
    punctuation, quote marks and line breaks (hyphenated or not), and the claimant ids."""
    text = unicodedata.normalize("NFKC", claim.quote.exact).casefold()
    words = "".join(re.findall(r"\w+", text))
    key = words + "|" + " ".join(sorted(claim.claimants))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def article_to_rdf(article_claims: ArticleClaims) -> BuiltGraph:
    """An article, its text and metadata, its claims and the sources it introduces, as RDF."""
    graph = _new_graph()
    article = article_claims.article
    node = article_iri(article.id)
    outlet = entity_iri("source", article.outlet)
    graph.add((node, RDF.type, CG.Article))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    graph.add((node, RDFS.label, Literal(article.title)))
    graph.add((node, SCHEMA.headline, Literal(article.title)))
    graph.add((node, SCHEMA.publisher, outlet))
    graph.add((node, SCHEMA.datePublished, Literal(article.published)))
    graph.add((node, SCHEMA.inLanguage, Literal(article.language)))
    graph.add((node, SCHEMA.text, Literal(article.text)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    for line in article.furniture:
        graph.add((node, CG.furniture, Literal(line)))
    for source in article_claims.sources:
        _source_triples(graph, source)
    origins = _origins(article_claims.sources, "source")
    origins[node] = Location(article_claims.file, 1)
    for claim in article_claims.claims:
        _claim_triples(graph, article.id, outlet, node, claim)
        if claim.location:
            origins[claim_iri(article.id, claim.id)] = claim.location
    return BuiltGraph(graph, origins)
