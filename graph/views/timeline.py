"""The timeline view: one quantity over time, one lane per source, days from left to right.

Every claim that gives a figure for one measure (of one population, when the view names
one: civilians killed, not everyone killed) is placed by the day its figure runs to (a
column per day, in date order, the day written above it) and by its first claimant (a lane
per source, the source drawn at the lane's start; figures of one source on one day stack in
its lane). The edges are who claimed each figure, which later count updates which, which
figures are incompatible, and the stances between the claims; a lane's source is linked to
its earliest figure only, since the lane shows whose figures the others are. Positions are
computed here, so the browser draws without physics, like every other view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from claimgraph.graph.backends.store import Store
from claimgraph.graph.views.model import SOURCE_KINDS, ViewEdge, ViewNode, node_size
from claimgraph.graph.views.queries import bound_query, select_rows

__all__ = ["DAY_PREFIX", "lane_edges", "place_on_timeline", "timeline_claims",
           "timeline_links"]

DAY_PREFIX = "day:"
"""Node ids of the day labels drawn above the columns: ``day:2019-07-22``."""
COLUMN_GAP = 90.0
ROW_GAP = 24.0
LANE_GAP = 36.0


def timeline_claims(store: Store, measure: str, population: str | None = None
                    ) -> dict[str, str]:
    """Claim IRI -> the day (``YYYY-MM-DD``) its figure for ``measure`` (an IRI) runs to;
    of ``population`` (an IRI) only, when one is given."""
    rows = select_rows(store, bound_query("timeline", "measure", [measure]))
    days: dict[str, str] = {}
    for row in rows:
        claim, day, counted = row["claim"], row["date"], row["population"]
        if claim is None or day is None:
            continue
        if population is not None and (counted is None or counted.value != population):
            continue
        days[claim.value] = min(days.get(claim.value, day.value[:10]), day.value[:10])
    return days


def timeline_links(store: Store, claims: Sequence[str]) -> list[tuple[str, str, str]]:
    """(claim, other claim, ``updated-by`` or ``contradicts``) between ``claims``: an
    earlier count points to the later one that updates it, so time runs left to right."""
    chosen = set(claims)
    links = []
    for start in range(0, len(claims), 1000):
        sparql = bound_query("timeline-links", "claim", claims[start:start + 1000])
        for row in select_rows(store, sparql):
            one, other, link = row["claim"], row["other"], row["link"]
            if one is None or other is None or link is None or other.value not in chosen:
                continue
            if link.value == "updates":
                links.append((other.value, one.value, "updated-by"))
            else:
                links.append((one.value, other.value, link.value))
    return sorted(set(links))


def _lanes(nodes: Sequence[ViewNode], edges: Sequence[ViewEdge],
           days: dict[str, str]) -> dict[str, str]:
    """Claim -> the source whose lane it is drawn in: its first claimant by name."""
    sources = {n.id: n for n in nodes if n.kind in SOURCE_KINDS}
    claimants: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.kind == "claimed" and edge.source in sources and edge.target in days:
            claimants[edge.target].append(edge.source)
    return {claim: min(found, key=lambda s: (sources[s].name.casefold(), s))
            for claim, found in claimants.items()}


def lane_edges(nodes: Sequence[ViewNode], edges: Sequence[ViewEdge],
               days: dict[str, str]) -> list[ViewEdge]:
    """``edges`` without the "claimed" edges the lanes already show: a lane's source keeps
    an edge to its earliest figure only; other claimants keep theirs."""
    lane_of = _lanes(nodes, edges, days)
    first: dict[str, str] = {}
    for claim in sorted(lane_of, key=lambda c: (days[c], c)):
        first.setdefault(lane_of[claim], claim)
    return [e for e in edges if not (e.kind == "claimed" and lane_of.get(e.target) == e.source
                                     and first[e.source] != e.target)]


def place_on_timeline(nodes: Sequence[ViewNode], edges: Sequence[ViewEdge],
                      days: dict[str, str]) -> list[ViewNode]:
    """``nodes`` positioned in lanes and day columns, with a label node for each day."""
    claims = sorted((n for n in nodes if n.id in days), key=lambda n: (days[n.id], n.name))
    sources = {n.id: n for n in nodes if n.kind in SOURCE_KINDS}
    lane_of = _lanes(nodes, edges, days)
    order = list(dict.fromkeys([lane_of[c.id] for c in claims if c.id in lane_of]
                               + sorted(sources, key=lambda s: sources[s].name.casefold())))
    columns = sorted(set(days.values()))
    width = max((n.width for n in claims), default=120.0)
    height = max((n.height for n in claims), default=40.0)
    left = max((n.width for n in sources.values()), default=80.0) + COLUMN_GAP
    x_of = {day: left + index * (width + COLUMN_GAP) + width / 2
            for index, day in enumerate(columns)}
    stacks: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for claim in claims:
        stacks[(lane_of.get(claim.id), days[claim.id])].append(claim.id)
    placed: dict[str, tuple[float, float]] = {}
    top = 0.0
    for lane in [*order, None]:
        rows = max((len(ids) for (key, _), ids in stacks.items() if key == lane), default=1)
        if lane is not None:
            placed[lane] = (sources[lane].width / 2, top + height / 2)
        for (key, day), ids in stacks.items():
            if key == lane:
                for row, claim_id in enumerate(ids):
                    placed[claim_id] = (x_of[day], top + height / 2 + row * (height + ROW_GAP))
        top += rows * (height + ROW_GAP) + LANE_GAP
    laid = [replace(n, x=placed[n.id][0], y=placed[n.id][1]) for n in nodes if n.id in placed]
    for day in columns:
        w, h = node_size("day", day)
        laid.append(ViewNode(id=DAY_PREFIX + day, kind="day", label=day, name=day,
                             x=x_of[day], y=-(h / 2 + LANE_GAP), width=w, height=h,
                             date=day, day_from=day, day_to=day))
    return laid
