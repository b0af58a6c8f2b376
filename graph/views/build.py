"""Graph views: a canned view or a CONSTRUCT query becomes a typed, laid-out :class:`View`.

The SPARQL lives in ``ontology/views/*.rq``. A canned view first selects its claims, then
fetches their neighbourhood (claimants, speaker and role, stances, what they are based on)
as a CONSTRUCT; a user's CONSTRUCT is taken as it is. Either way the triples become a
networkx graph with typed nodes and edges (:func:`interpret`), every node is described from
the store (labels, kinds, status, quote, date, status reasons), the filters apply, and the
layout is computed here, once, so browsers draw without physics.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import networkx as nx

from claimgraph.errors import NotFound, QueryError
from claimgraph.graph.backends.sparql_text import query_form
from claimgraph.graph.backends.store import Store, Term
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import (
    CG,
    OA,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    article_iri,
    claim_iri,
    entity_iri,
    sparql_prefixes,
)
from claimgraph.graph.views.layout import layout
from claimgraph.graph.views.model import (
    EDGE_STYLES,
    View,
    ViewEdge,
    ViewSpec,
    check_id,
)
from claimgraph.graph.views.nodes import compact_iri, describe, kind_of, view_nodes
from claimgraph.graph.views.queries import (
    bound_query,
    construct_triples,
    select_rows,
    view_query,
)
from claimgraph.graph.views.timeline import (
    lane_edges,
    place_on_timeline,
    timeline_claims,
    timeline_links,
)

__all__ = ["MAX_NODES", "build_view", "interpret"]

MAX_NODES = 20_000
"""The most nodes a view draws; larger results are refused with a QueryError."""
BATCH = 1000
"""IRIs per VALUES block when describing nodes."""

_EDGES = {  # predicate: (edge kind, drawn from object to subject)
    str(CG.claimant): ("claimed", True), str(CG.speaker): ("said", True),
    str(CG.reportedBy): ("reported-by", False), str(CG.appearsIn): ("appears-in", False),
    str(CG.quote): ("quote", False), str(OA.hasSource): ("in", False),
    str(SCHEMA.publisher): ("published-by", False), str(CG.denies): ("denies", False),
    str(CG.disputes): ("disputes", False), str(CG.supports): ("supports", False),
    str(CG.corroborates): ("corroborates", False), str(PROV.wasDerivedFrom): ("based-on", False),
}
_NOT_EDGES = {str(RDF.type), str(CG.status), str(CG.statusReason),
              str(PROV.qualifiedAttribution)}
_ATTRIBUTION = {str(PROV.agent), str(PROV.hadRole), str(CG.onBehalfOf)}
_TITLES = {
    "graph": ("The whole graph", "Every claim, who claimed it, the stances between claims "
              "and what they are based on."),
    "contested": ("Contested claims", "Each contested claim and the claims set against it: "
                  "who denies, disputes or contradicts whom."),
    "claim": ("Claim", "One claim: who claimed it, the chain down to the quoted words, the "
              "claims for and against it, and what it is based on."),
    "source": ("Source", "Everything this source claimed, and who disputes it."),
    "article": ("Article", "Every claim the article reports, who made it, and the stances "
                "between them."),
    "construct": ("CONSTRUCT query", "The triples of a SPARQL CONSTRUCT query, drawn."),
    "timeline": ("Timeline", "One quantity over time: each source's figures in its own lane, "
                 "by the day they run to, with the later counts that update them and the "
                 "figures they cannot be squared with."),
}


# ------------------------------------------------------------------------ the triples

def _triples_for(store: Store, spec: ViewSpec) -> tuple[list[tuple[Term, Term, Term]], str]:
    """The view's triples and the IRI of its subject (claim, source, article) if any."""
    if spec.kind == "construct":
        if not spec.query or query_form(spec.query) not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("draw needs a CONSTRUCT or DESCRIBE query")
        return construct_triples(store, spec.query), ""
    focus, variable = "", ""
    if spec.kind == "claim":
        focus = str(claim_iri(check_id(spec.article or "", "article"),
                              check_id(spec.claim or "", "claim")))
        variable = "focus"
    elif spec.kind == "source":
        focus, variable = str(entity_iri("source", check_id(spec.source or "", "source"))), \
            "source"
    elif spec.kind == "article":
        focus = str(article_iri(check_id(spec.article or "", "article")))
        variable = "article"
    if spec.kind == "timeline":
        focus = str(entity_iri("measure", check_id(spec.measure or "", "measure")))
        claims = sorted(timeline_claims(store, focus, _population(spec)))
    else:
        sparql = bound_query(spec.kind, variable, [focus]) if variable else \
            sparql_prefixes() + view_query(spec.kind)
        claims = sorted({str(row["claim"]) for row in select_rows(store, sparql)
                         if row["claim"]})
    if spec.kind == "claim" and not claims:
        raise NotFound(f"no claim {spec.claim!r} in article {spec.article!r}")
    if len(claims) > MAX_NODES:
        raise QueryError(f"the view has {len(claims)} claims; at most {MAX_NODES} nodes can "
                         "be drawn: narrow it with a filter or a CONSTRUCT query")
    triples: list[tuple[Term, Term, Term]] = []
    for start in range(0, len(claims), BATCH):
        triples += construct_triples(store, bound_query("neighbourhood", "claim",
                                            claims[start:start + BATCH]))
    stances = {str(CG.denies), str(CG.disputes), str(CG.supports), str(CG.corroborates)}
    chosen = set(claims)
    triples = [t for t in triples if t[1].value not in stances or t[2].value in chosen]
    if spec.kind == "claim":
        triples += construct_triples(store, bound_query("chain", "claim", [focus]))
    elif spec.kind == "article":
        triples += construct_triples(store, bound_query("article-frame", "article", [focus]))
    elif spec.kind == "source":
        triples.append((Term("iri", focus), Term("iri", str(RDF.type)),
                        Term("iri", str(CG.Source))))
    return triples, focus


# --------------------------------------------------------------------- interpretation

def _key(term: Term) -> str:
    return f"_:{term.value}" if term.kind == "bnode" else term.value


@dataclass
class _Parsed:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    attributions: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))


def _parse(triples: Sequence[tuple[Term, Term, Term]]) -> _Parsed:
    parsed = _Parsed()
    attribution_nodes = {_key(s) for s, p, _ in triples if p.value in _ATTRIBUTION}
    for subject, predicate, obj in triples:
        s, p = _key(subject), predicate.value
        if subject.kind == "triple" or obj.kind == "triple" or s in attribution_nodes:
            if s in attribution_nodes and obj.kind != "literal":
                parsed.attributions[s][p].append(_key(obj))
            continue
        node = parsed.nodes.setdefault(s, {"types": set()})
        if obj.kind == "literal":
            if p == str(RDFS.label):
                node.setdefault("label", obj.value)
            elif p == str(SCHEMA.text):
                node.setdefault("quote", obj.value)
            continue
        if p == str(RDF.type):
            node["types"].add(obj.value)
        elif p == str(PROV.qualifiedAttribution):
            node.setdefault("attributions", []).append(_key(obj))
        elif p not in _NOT_EDGES:
            parsed.nodes.setdefault(_key(obj), {"types": set()})
            parsed.links.append((s, p, _key(obj)))
    for key in attribution_nodes:
        parsed.nodes.pop(key, None)
    return parsed


def interpret(store: Store,
              triples: Sequence[tuple[Term, Term, Term]]) -> nx.MultiDiGraph[str]:
    """Triples as a graph of typed nodes (kind, name, quote, status...) and typed edges."""
    parsed = _parse(triples)
    if len(parsed.nodes) > MAX_NODES:
        raise QueryError(f"the view has {len(parsed.nodes)} nodes; at most {MAX_NODES} can be "
                         "drawn: narrow the query")
    describe(store, parsed.nodes)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for key, data in parsed.nodes.items():
        data["kind"] = kind_of(data["types"])
        graph.add_node(key, **data)
    roles = _role_labels()
    claimants_of: dict[str, set[str]] = defaultdict(set)
    for s, p, o in parsed.links:
        if p == str(CG.claimant):
            claimants_of[s].add(o)
    for key, data in parsed.nodes.items():
        claimants = claimants_of.get(key, set())
        for attribution in data.get("attributions", ()):
            facts = parsed.attributions.get(attribution, {})
            role = next((roles.get(r, "") for r in facts.get(str(PROV.hadRole), [])), "")
            for agent in facts.get(str(PROV.agent), []):
                for organisation in facts.get(str(CG.onBehalfOf), []):
                    if agent in graph and organisation in graph:
                        label = f"said as {role} of" if role else "spoke for"
                        graph.add_edge(agent, organisation, key="spoke-for", kind="spoke-for",
                                       label=label)
                        if organisation in claimants:  # the chain runs through the claimant
                            data.setdefault("voiced_by", set()).add(agent)
    labels = _predicate_labels()
    for s, p, o in parsed.links:
        kind, reverse = _EDGES.get(p, ("other", False))
        if p == str(PROV.wasAttributedTo):
            kind, reverse = ("from", False) if graph.nodes[s]["kind"] == "report" else \
                ("claimed", True) if graph.nodes[s]["kind"] == "claim" else ("other", False)
        if kind == "said" and o in parsed.nodes[s].get("voiced_by", ()):
            continue
        source, target = (o, s) if reverse else (s, o)
        if kind in ("claimed", "said") and graph.has_edge(source, target) and any(
                k in ("claimed", "said") for k in graph[source][target]):
            continue
        label = EDGE_STYLES[kind]["label"] if kind != "other" else labels.get(p, compact_iri(p))
        graph.add_edge(source, target, key=kind if kind != "other" else p, kind=kind,
                       label=label)
    return graph


@cache
def _role_labels() -> dict[str, str]:
    graph = vocabulary.vocabulary()
    return {str(role): str(graph.value(role, RDFS.label))
            for role in graph.subjects(RDF.type, CG.Role)}


@cache
def _predicate_labels() -> dict[str, str]:
    graph = vocabulary.vocabulary()
    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}



def build_view(store: Store, spec: ViewSpec) -> View:
    """The view ``spec`` names, over ``store``: typed, filtered and laid out.

    NotFound for a claim, source or article that does not exist; QueryError for a bad or
    too large CONSTRUCT query.
    """
    if spec.kind == "timeline":
        return _timeline(store, spec)
    triples, focus = _triples_for(store, spec)
    graph = interpret(store, triples)
    if spec.kind in ("source", "article") and (
            focus not in graph or not graph.nodes[focus]["types"] - {str(CG.Source)}):
        raise NotFound(f"no {spec.kind} {spec.source or spec.article!r} in the store")
    nodes = view_nodes(graph)
    edges = [ViewEdge(u, v, data["kind"], data["label"])
             for u, v, data in graph.edges(data=True)]
    title, description = _TITLES[spec.kind]
    if focus:
        title = f"{title}: {next(n.name for n in nodes if n.id == focus)}"
    view = View(replace(spec, filters=type(spec.filters)()), title, description, tuple(nodes),
                tuple(edges))
    if spec.filters:
        view = view.filtered(spec.filters)
    return _laid_out(view)


def _population(spec: ViewSpec) -> str | None:
    return str(entity_iri("population", spec.population)) if spec.population else None


def _timeline_title(store: Store, spec: ViewSpec, measure: str) -> str:
    """What the timeline counts: "civilians killed", or "killed, every population"."""
    found = select_rows(store, f"{sparql_prefixes()}SELECT ?label ?people WHERE {{ "
                               f"<{measure}> a cg:Measure ; rdfs:label ?label . "
                               f"OPTIONAL {{ <{measure}> cg:countsPeople ?people }} }}")
    if not found or found[0]["label"] is None:
        raise NotFound(f"no measure {spec.measure!r} in the store")
    label, people = found[0]["label"].value, found[0]["people"]
    population = _population(spec)
    if population is None:
        counts_things = people is not None and str(people).lower() == "false"
        return label if counts_things else f"{label}, every population"
    whom = select_rows(store, f"{sparql_prefixes()}SELECT ?label WHERE {{ <{population}> "
                              "a cg:Population ; rdfs:label ?label }")
    if not whom or whom[0]["label"] is None:
        raise NotFound(f"no population {spec.population!r} in the store")
    return f"{whom[0]['label'].value} {label}"


def _timeline(store: Store, spec: ViewSpec) -> View:
    """The timeline of one measure (of one population, if the spec names one): claims and
    their claimants, placed by day and source."""
    triples, measure = _triples_for(store, spec)
    counted = _timeline_title(store, spec, measure)
    days = timeline_claims(store, measure, _population(spec))
    graph = interpret(store, triples)
    claimants = {u for u, v, data in graph.edges(data=True)
                 if data.get("kind") == "claimed" and v in days}
    graph = nx.MultiDiGraph(graph.subgraph(set(days) | claimants))
    graph.remove_edges_from([(u, v, k) for u, v, k, data in graph.edges(keys=True, data=True)
                             if data.get("kind") in ("said", "spoke-for")])
    for one, other, link in timeline_links(store, sorted(days)):
        graph.add_edge(one, other, key=link, kind=link, label=EDGE_STYLES[link]["label"])
    nodes = view_nodes(graph)
    edges = [ViewEdge(u, v, data["kind"], data["label"]) for u, v, data in graph.edges(data=True)]
    title, description = _TITLES["timeline"]
    view = View(replace(spec, filters=type(spec.filters)()), f"{title}: {counted}",
                description, tuple(place_on_timeline(nodes, edges, days)),
                tuple(lane_edges(nodes, edges, days)))
    return view.filtered(spec.filters) if spec.filters else view


def _laid_out(view: View) -> View:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in view.nodes:
        graph.add_node(node.id, kind=node.kind, width=node.width, height=node.height,
                       label=node.name)
    for edge in view.edges:
        graph.add_edge(edge.source, edge.target, key=edge.kind)
    positions = layout(graph)
    nodes = tuple(replace(n, x=positions[n.id][0], y=positions[n.id][1]) for n in view.nodes)
    return replace(view, nodes=nodes)
