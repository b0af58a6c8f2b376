"""What has a view of its own: the entries of the ``/views`` index and the home page's links."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.terms.identifiers import is_id
from claimgraph.graph.terms.namespaces import sparql_prefixes
from claimgraph.graph.views.model import STATUS_STYLES, ViewSpec
from claimgraph.graph.views.nodes import view_path
from claimgraph.graph.views.queries import view_query

__all__ = ["ViewEntry", "ViewIndex", "view_index"]


@dataclass(frozen=True)
class ViewEntry:
    """One linkable view: its title, its path, and a short note (a status, a count)."""

    title: str
    path: str
    note: str = ""


@dataclass(frozen=True)
class ViewIndex:
    """Every view of the store, by kind."""

    overviews: tuple[ViewEntry, ...]
    articles: tuple[ViewEntry, ...]
    sources: tuple[ViewEntry, ...]
    claims: tuple[ViewEntry, ...]

    def examples(self) -> tuple[ViewEntry, ...]:
        """One view of each canned kind: the overviews, each article, a claim, a source."""
        claims = sorted(self.claims, key=lambda e: (e.note != "contested", e.title))
        sources = sorted(self.sources, key=lambda e: -int(e.note.split()[0] or 0))
        return (*self.overviews, *self.articles, *claims[:1], *sources[:1])


def view_index(store: Store) -> ViewIndex:
    """The views of every article, source and claim in ``store``."""
    result = store.query(sparql_prefixes() + view_query("index"))
    assert isinstance(result, Solutions)
    groups: dict[str, list[ViewEntry]] = {"article": [], "source": [], "claim": []}
    timelines = []
    for kind, node, label, status, population, whom, claims in result.rows:
        if kind is None or node is None or label is None:
            continue
        if kind.value == "measure":
            count = int(claims.value) if claims else 0
            measure = node.value.rsplit("/", 1)[-1]
            counted = population.value.rsplit("/", 1)[-1] if population else None
            if count > 1 and is_id(measure) and (counted is None or is_id(counted)):
                spec = ViewSpec("timeline", measure=measure, population=counted)
                title = f"{whom.value} {label.value}" if whom else label.value
                timelines.append(ViewEntry(f"Timeline: {title}", spec.permalink(),
                                           f"{count} figures over time"))
            continue
        href = view_path(node.value, kind.value)
        if href is None:
            continue
        if kind.value == "claim":
            note = STATUS_STYLES.get(status.value if status else "none",
                                     STATUS_STYLES["none"])["label"]
        elif kind.value == "source":
            count = int(claims.value) if claims else 0
            note = f"{count} claim{'s' if count != 1 else ''}"
        else:
            note = ""
        groups[kind.value].append(ViewEntry(label.value, href, note))
    overviews = (ViewEntry("Contested claims", ViewSpec("contested").path,
                           "who denies or disputes whom"),
                 ViewEntry("The whole graph", ViewSpec("graph").path, "every claim"),
                 *timelines)
    return ViewIndex(overviews, tuple(groups["article"]), tuple(groups["source"]),
                     tuple(groups["claim"]))
