"""What a graph view is, independent of how it is drawn: its spec, nodes, edges and styles.

A :class:`ViewSpec` names a view (and is its permalink);
:func:`claimgraph.graph.views.build.build_view` turns it into a :class:`View` of laid-out
:class:`ViewNode` and :class:`ViewEdge` values, which the HTML, SVG and JSON renderers draw.
The styles here are shared by every renderer, so the interactive view, the SVG and the PNG
look alike.
"""

from __future__ import annotations

import textwrap
from collections import deque
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal
from urllib.parse import quote, unquote, urlencode

from claimgraph.errors import QueryError
from claimgraph.graph.terms.identifiers import is_id

__all__ = [
    "EDGE_STYLES",
    "KIND_STYLES",
    "STATUS_STYLES",
    "VIEW_KINDS",
    "Filters",
    "View",
    "ViewEdge",
    "ViewKind",
    "ViewNode",
    "ViewSpec",
    "apply_filters",
    "check_id",
    "node_size",
    "wrap_label",
]

ViewKind = Literal["graph", "claim", "source", "contested", "article", "construct", "timeline"]
VIEW_KINDS: tuple[ViewKind, ...] = ("graph", "claim", "source", "contested", "article",
                                    "construct", "timeline")

# Claim fill and border by status (skos:notation); sources are all one colour, told apart by
# shape, so that colour means one thing only: the claim's status.
STATUS_STYLES: dict[str, dict[str, str]] = {
    "contested": {"label": "contested", "fill": "#fde2e1", "border": "#c62828"},
    "updated": {"label": "updated", "fill": "#e3ecfb", "border": "#1d4ed8"},
    "corroborated": {"label": "corroborated", "fill": "#e2f3e3", "border": "#2e7d32"},
    "not-comparable": {"label": "not comparable", "fill": "#efe7f7", "border": "#6b3fa0"},
    "single-source": {"label": "single source", "fill": "#fff3d6", "border": "#a86b00"},
    "none": {"label": "no status", "fill": "#f1f1f1", "border": "#777777"},
}
SOURCE_COLOUR = "#2f4b7c"
KIND_STYLES: dict[str, dict[str, Any]] = {
    "claim": {"label": "claim", "shape": "box"},
    "organisation": {"label": "organisation", "shape": "square"},
    "person": {"label": "person", "shape": "dot"},
    "government": {"label": "government or army", "shape": "diamond"},
    "collective": {"label": "collective or anonymous source", "shape": "triangle",
                   "dashes": True},
    "outlet": {"label": "news outlet", "shape": "hexagon"},
    "source": {"label": "source", "shape": "dot"},
    "report": {"label": "what a claim is based on", "shape": "box", "fill": "#eef1f5",
               "border": "#6b7280"},
    "article": {"label": "article", "shape": "box", "fill": "#ffffff", "border": "#2f4b7c"},
    "span": {"label": "quoted span of the article", "shape": "box", "fill": "#ffffff",
             "border": "#9ca3af", "dashes": True},
    "day": {"label": "day a figure runs to", "shape": "box", "fill": "#f8fafc",
            "border": "#cbd5e1"},
    "other": {"label": "other resource", "shape": "ellipse", "fill": "#f5f5f5",
              "border": "#9ca3af"},
}
SOURCE_KINDS = frozenset({"organisation", "person", "government", "collective", "outlet",
                          "source"})
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "claimed": {"label": "claimed", "colour": "#4b5563", "width": 1.5},
    "said": {"label": "said", "colour": "#4b5563", "width": 1.5},
    "spoke-for": {"label": "said as … of", "colour": "#4b5563", "width": 1.5, "dashes": True},
    "denies": {"label": "denies", "colour": "#c62828", "width": 3.5},
    "disputes": {"label": "disputes", "colour": "#c62828", "width": 2.5, "dashes": True},
    "supports": {"label": "supports", "colour": "#2e7d32", "width": 2.5},
    "corroborates": {"label": "corroborates", "colour": "#2e7d32", "width": 3.5},
    "updated-by": {"label": "updated by", "colour": "#1d4ed8", "width": 2.5},
    "contradicts": {"label": "incompatible figure", "colour": "#c62828", "width": 2.5,
                    "dashes": True},
    "based-on": {"label": "based on", "colour": "#6b7280", "width": 1.5, "dashes": True},
    "from": {"label": "from", "colour": "#6b7280", "width": 1, "dashes": True},
    "reported-by": {"label": "reported by", "colour": "#9ca3af", "width": 1},
    "appears-in": {"label": "appears in", "colour": "#9ca3af", "width": 1},
    "quote": {"label": "quote", "colour": "#9ca3af", "width": 1},
    "in": {"label": "in", "colour": "#9ca3af", "width": 1},
    "published-by": {"label": "published by", "colour": "#9ca3af", "width": 1},
    "other": {"label": "", "colour": "#9ca3af", "width": 1},
}


def check_id(value: str, what: str) -> str:
    """``value`` if it is a well-formed claimgraph id, else QueryError."""
    if not is_id(value):
        raise QueryError(f"not a valid {what} id: {value!r} (lower-case letters, digits, "
                         "'.', '_' and '-')")
    return value


@dataclass(frozen=True)
class Filters:
    """Which claims a view keeps: by status, by source, by the days they were stated."""

    statuses: tuple[str, ...] = ()
    """Status notations to keep (``contested``, ``single-source``...); empty keeps all."""
    source: str | None = None
    """A source id: keep only claims attributed to it."""
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.statuses or self.source or self.since or self.until)

    def params(self) -> list[tuple[str, str]]:
        pairs = [("status", status) for status in self.statuses]
        if self.source:
            pairs.append(("source", self.source))
        if self.since:
            pairs.append(("from", self.since.isoformat()))
        if self.until:
            pairs.append(("to", self.until.isoformat()))
        return pairs

    @classmethod
    def parse(cls, *, statuses: list[str] | tuple[str, ...] = (), source: str | None = None,
              since: str | None = None, until: str | None = None) -> Filters:
        """Filters from request or command-line text; QueryError when a value is malformed."""
        for status in statuses:
            if status not in STATUS_STYLES:
                raise QueryError(f"unknown status {status!r}: use one of "
                                 f"{', '.join(STATUS_STYLES)}")
        return cls(tuple(dict.fromkeys(statuses)), check_id(source, "source") if source else None,
                   _day(since, "from"), _day(until, "to"))


def _last(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name)
    return found[-1] if found else None


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"'{name}' must be a day written YYYY-MM-DD, not {text!r}") from None


@dataclass(frozen=True)
class ViewSpec:
    """Which view: a kind and its ids (or a CONSTRUCT query), plus filters. Its permalink
    path is :attr:`path`; :meth:`permalink` adds the filters."""

    kind: ViewKind
    article: str | None = None
    claim: str | None = None
    source: str | None = None
    query: str | None = None
    filters: Filters = field(default_factory=Filters)
    measure: str | None = None
    """For a timeline: the measure's id (``killed``)."""
    population: str | None = None
    """For a timeline: the population's id (``civilians``), or None for every population."""

    @property
    def path(self) -> str:
        """The view's path under the server root, e.g. ``/views/source/snhr``."""
        if self.kind == "claim":
            return f"/views/claim/{quote(self.article or '')}/{quote(self.claim or '')}"
        if self.kind == "source":
            return f"/views/source/{quote(self.source or '')}"
        if self.kind == "article":
            return f"/views/article/{quote(self.article or '')}"
        if self.kind == "timeline":
            return f"/views/timeline/{quote(self.measure or '')}"
        return f"/views/{self.kind}"

    def params(self) -> list[tuple[str, str]]:
        query = [("query", self.query)] if self.kind == "construct" and self.query else []
        if self.kind == "timeline" and self.population:
            query.append(("population", self.population))
        return query + self.filters.params()

    def permalink(self, suffix: str = "") -> str:
        """Path (plus ``/suffix``) and query string that reproduce this view."""
        params = urlencode(self.params())
        return self.path + (f"/{suffix}" if suffix else "") + (f"?{params}" if params else "")

    @classmethod
    def from_path(cls, path: str, params: list[tuple[str, str]]) -> ViewSpec | None:
        """The spec a view path (and its query parameters) names, or None if it names none.

        The inverse of :meth:`permalink`; QueryError for malformed ids or filters.
        """
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if len(parts) < 2 or parts[0] != "views":
            return None
        values: dict[str, list[str]] = {}
        for name, value in params:
            values.setdefault(name, []).append(value)
        filters = Filters.parse(statuses=values.get("status", []),
                                source=_last(values, "source"), since=_last(values, "from"),
                                until=_last(values, "to"))
        kind, ids = parts[1], parts[2:]
        if kind in ("graph", "contested") and not ids:
            return cls(kind, filters=filters)  # type: ignore[arg-type]
        if kind == "construct" and not ids:
            return cls("construct", query=_last(values, "query") or "", filters=filters)
        if kind == "claim" and len(ids) == 2:
            return cls("claim", article=check_id(ids[0], "article"),
                       claim=check_id(ids[1], "claim"), filters=filters)
        if kind == "timeline" and len(ids) == 1:
            population = _last(values, "population")
            return cls("timeline", measure=check_id(ids[0], "measure"), filters=filters,
                       population=check_id(population, "population") if population else None)
        if kind in ("source", "article") and len(ids) == 1:
            identifier = check_id(ids[0], kind)
            if kind == "source":
                return cls("source", source=identifier, filters=filters)
            return cls("article", article=identifier, filters=filters)
        return None

    @property
    def slug(self) -> str:
        """A short name for files: ``contested``, ``claim-hrw-cluster-munitions``..."""
        timeline = "-".join(p for p in (self.population, self.measure) if p)
        name = {"claim": self.claim, "source": self.source, "article": self.article,
                "timeline": timeline}.get(self.kind)
        return f"{self.kind}-{name}" if name else self.kind


@dataclass(frozen=True)
class ViewNode:
    """One drawn node, with everything its label and tooltip show."""

    id: str
    kind: str
    label: str
    """The text drawn on the node (already wrapped)."""
    name: str
    """The full name or summary, for the tooltip and search."""
    x: float = 0.0
    y: float = 0.0
    width: float = 120.0
    height: float = 40.0
    href: str | None = None
    status: str | None = None
    quote: str | None = None
    date: str | None = None
    day_from: str | None = None
    day_to: str | None = None
    reasons: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """For a claim: the ids of the sources it is attributed to (for the source filter)."""


@dataclass(frozen=True)
class ViewEdge:
    source: str
    target: str
    kind: str
    label: str


@dataclass(frozen=True)
class View:
    """A laid-out view, ready for any renderer."""

    spec: ViewSpec
    title: str
    description: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain data for the browser and for ``.json``: nodes, edges, spec, styles."""
        return {
            "title": self.title,
            "description": self.description,
            "permalink": self.spec.permalink(),
            "filters": {"status": list(self.spec.filters.statuses),
                        "source": self.spec.filters.source,
                        "from": _iso(self.spec.filters.since),
                        "to": _iso(self.spec.filters.until)},
            "nodes": [{k: v for k, v in asdict(n).items() if v not in (None, (), "")}
                      for n in self.nodes],
            "edges": [asdict(e) for e in self.edges],
            "styles": {"statuses": STATUS_STYLES, "kinds": KIND_STYLES, "edges": EDGE_STYLES,
                       "sourceColour": SOURCE_COLOUR},
        }

    def filtered(self, filters: Filters) -> View:
        keep = apply_filters(self.nodes, self.edges, filters)
        return replace(self, nodes=tuple(n for n in self.nodes if n.id in keep),
                       edges=tuple(e for e in self.edges if e.source in keep
                                   and e.target in keep),
                       spec=replace(self.spec, filters=filters))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def apply_filters(nodes: tuple[ViewNode, ...] | list[ViewNode],
                  edges: tuple[ViewEdge, ...] | list[ViewEdge], filters: Filters) -> set[str]:
    """The ids of the nodes a filter keeps (``view.js`` implements the same rule).

    A claim is kept when its status, sources and days pass. Any other node is kept when a
    path that does not cross a dropped claim leads to a kept claim; in a view without
    claims every node is kept.
    """
    claims = [n for n in nodes if n.kind == "claim"]
    if not filters or not claims:
        return {n.id for n in nodes}
    source_iri = f"https://w3id.org/claimgraph/id/source/{filters.source}"

    def passes(node: ViewNode) -> bool:
        if filters.statuses and (node.status or "none") not in filters.statuses:
            return False
        if filters.source and source_iri not in node.sources:
            return False
        if filters.since and (node.day_to or "9999") < filters.since.isoformat():
            return False
        return not (filters.until and (node.day_from or "0000") > filters.until.isoformat())

    kept = {n.id for n in claims if passes(n)}
    dropped = {n.id for n in claims} - kept
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for edge in edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    seen = set(kept)
    queue = deque(kept)
    while queue:
        for other in neighbours[queue.popleft()]:
            if other not in seen and other not in dropped:
                seen.add(other)
                queue.append(other)
    return seen


# ---------------------------------------------------------------------- labels and sizes

CHAR_WIDTH = 7.4
"""Average width of a character of the 14 px sans-serif label font, in pixels."""
LINE_HEIGHT = 18.0


def wrap_label(text: str, width: int, lines: int) -> str:
    """``text`` wrapped at ``width`` characters, at most ``lines`` lines (then an ellipsis)."""
    wrapped = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def node_size(kind: str, label: str) -> tuple[float, float]:
    """The box a node's shape and label take, in pixels (for layout and SVG)."""
    lines = label.split("\n")
    text_width = max(len(line) for line in lines) * CHAR_WIDTH
    text_height = len(lines) * LINE_HEIGHT
    if KIND_STYLES.get(kind, {}).get("shape") in ("box", "ellipse"):
        return text_width + 24, text_height + 20
    return max(text_width, 36.0) + 8, 36 + text_height + 6
