"""What each node of a view shows: its kind, label, tooltip facts and the path of its view."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import networkx as nx

from claimgraph.graph.backends.store import Store, Term
from claimgraph.graph.terms.identifiers import is_id
from claimgraph.graph.terms.namespaces import CG, ID
from claimgraph.graph.views.model import (
    KIND_STYLES,
    ViewNode,
    ViewSpec,
    node_size,
    wrap_label,
)
from claimgraph.graph.views.queries import rows

__all__ = ["KIND_OF_CLASS", "compact_iri", "describe", "kind_of", "view_nodes", "view_path"]

KIND_OF_CLASS = [  # most specific first
    (CG.Claim, "claim"), (CG.Outlet, "outlet"), (CG.GovernmentOrArmy, "government"),
    (CG.CollectiveSource, "collective"), (CG.Person, "person"),
    (CG.Organisation, "organisation"), (CG.Source, "source"), (CG.Report, "report"),
    (CG.Article, "article"), (CG.TextSpan, "span"),
]
_LABEL_WIDTH = {"claim": (30, 4), "report": (24, 3), "article": (30, 3), "span": (32, 3),
                "other": (26, 2)}


def kind_of(types: set[str]) -> str:
    """The drawn kind of a node with these classes."""
    return next((kind for cls, kind in KIND_OF_CLASS if str(cls) in types), "other")


def compact_iri(iri: str) -> str:
    """``cg:denies`` for a full IRI in one of our prefixes; the IRI itself otherwise."""
    from claimgraph.graph.terms.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _text(term: Term | None) -> str | None:
    return term.value if term is not None else None


def describe(store: Store, nodes: dict[str, dict[str, Any]]) -> None:
    """Fill in, from the store, what each node's label and tooltip show."""
    iris = sorted(k for k in nodes if not k.startswith("_:"))
    for row in rows(store, "node-types", iris):
        node = nodes[str(row["node"])]
        if row["type"] is not None:
            node["types"].add(row["type"].value)
        if row["label"] is not None:
            node.setdefault("label", row["label"].value)
    claims = [k for k in iris if str(CG.Claim) in nodes[k]["types"]]
    for row in rows(store, "claim-facts", claims):
        node = nodes[str(row["node"])]
        for name in ("status", "quote", "verb", "stated", "refers", "published", "outlet",
                     "headline", "unreviewed"):
            if (term := row[name]) is not None:
                node.setdefault(name, term.value)
        for name in ("statedFrom", "statedTo", "refersFrom", "refersTo"):
            if (term := row[name]) is not None:
                node.setdefault(name, term.value[:10])
    for row in rows(store, "claim-reasons", claims):
        node = nodes[str(row["node"])]
        if row["reason"] is not None:
            node.setdefault("reasons", set()).add(row["reason"].value)
        if row["claimant"] is not None:
            node.setdefault("claimants", {})[row["claimant"].value] = \
                _text(row["claimantLabel"]) or row["claimant"].value
    spans = [k for k in iris if str(CG.TextSpan) in nodes[k]["types"]]
    for row in rows(store, "span-facts", spans):
        node = nodes[str(row["node"])]
        node.setdefault("exact", _text(row["exact"]))
        if row["start"] is not None and row["end"] is not None:
            node.setdefault("offsets", (row["start"].value, row["end"].value))
    sources = [k for k in iris if nodes[k]["types"] & {str(c) for c, kind in KIND_OF_CLASS
                                                        if kind in KIND_STYLES and kind not in
                                                        ("claim", "report", "article", "span")}]
    for row in rows(store, "source-facts", sources):
        node = nodes[str(row["node"])]
        for name in ("description", "alias", "role", "affiliation"):
            if (term := row[name]) is not None:
                node.setdefault(name + "s", []).append(term.value)


def view_path(iri: str, kind: str) -> str | None:
    """The path of the view of a claim, source or article IRI we minted; None otherwise."""
    if not iri.startswith(str(ID)):
        return None
    parts = [unquote(p) for p in iri[len(str(ID)):].split("/")]
    if not all(is_id(p) for p in parts[1:]):
        return None
    if kind == "claim" and len(parts) == 3 and parts[0] == "claim":
        return ViewSpec("claim", article=parts[1], claim=parts[2]).path
    if parts[0] == "source" and len(parts) == 2:
        return ViewSpec("source", source=parts[1]).path
    if kind == "article" and parts[0] == "article" and len(parts) == 2:
        return ViewSpec("article", article=parts[1]).path
    return None


def _claim_text(data: dict[str, Any]) -> dict[str, Any]:
    status = data.get("status")
    claimants = data.get("claimants", {})
    details = []
    if claimants:
        verb = f" ({data['verb']})" if data.get("verb") else ""
        details.append(f"Claimed by {', '.join(sorted(set(claimants.values())))}{verb}")
    if data.get("stated"):
        date_text, first, last = f"Stated {data['stated']}", data.get("statedFrom"), \
            data.get("statedTo")
    elif data.get("refers"):
        date_text, first, last = f"Refers to {data['refers']}", data.get("refersFrom"), \
            data.get("refersTo")
    elif data.get("published"):
        date_text = f"Reported {data['published'][:10]}"
        first = last = data["published"][:10]
    else:
        date_text, first, last = None, None, None
    if first and last and first != last and "(" not in (date_text or ""):
        date_text = f"{date_text} ({first} to {last})"
    if data.get("outlet"):
        headline = f": {data['headline']}" if data.get("headline") else ""
        details.append(f"Reported by {data['outlet']}{headline}")
    drafted = str(CG.UnreviewedClaim) in data.get("types", ())
    if drafted:
        details.append("Drafted, not reviewed by a person")
    elif data.get("unreviewed"):
        details.append(f"Its status rests on a drafted claim no person has reviewed "
                       f"({data['unreviewed']})")
    name = data.get("label") or data.get("quote") or "claim"
    shown = wrap_label(name, *_LABEL_WIDTH["claim"])
    status_name = (status or "no status").replace("-", " ").upper()
    if drafted or data.get("unreviewed"):
        status_name += " \u00b7 DRAFT"
    return {"label": f"{status_name}\n{shown}", "name": name, "status": status or "none",
            "quote": data.get("quote"), "date": date_text, "day_from": first, "day_to": last,
            "reasons": tuple(sorted(data.get("reasons", ()))), "details": tuple(details),
            "sources": tuple(sorted(claimants))}


def _other_text(key: str, data: dict[str, Any], kind: str) -> dict[str, Any]:
    name = data.get("label") or ""
    details: list[str] = []
    quote = None
    if kind == "span":
        quote = data.get("exact") or data.get("quote")
        name = f"“{' '.join((quote or '').split())}”"
        if data.get("offsets"):
            start, end = data["offsets"]
            details.append(f"Characters {start} to {end} of the article text")
    if kind in KIND_STYLES and kind not in ("claim", "report", "article", "span", "other"):
        details.append(KIND_STYLES[kind]["label"].capitalize())
        for role, affiliation in zip(data.get("roles", []), data.get("affiliations", []),
                                     strict=False):
            details.append(f"{role.capitalize()} of {affiliation}")
        if data.get("aliass"):
            details.append("Also called " + ", ".join(sorted(set(data["aliass"]))))
        details += sorted(set(data.get("descriptions", [])))
    name = name or compact_iri(key)
    width, lines = _LABEL_WIDTH.get(kind, (20, 3))
    return {"label": wrap_label(name, width, lines), "name": name, "quote": quote,
            "details": tuple(details)}


def view_nodes(graph: nx.MultiDiGraph[str]) -> list[ViewNode]:
    nodes = []
    for key, data in graph.nodes(data=True):
        kind = data["kind"]
        text = _claim_text(data) if kind == "claim" else _other_text(key, data, kind)
        width, height = node_size(kind, text["label"])
        nodes.append(ViewNode(id=key, kind=kind, width=round(width, 1),
                              height=round(height, 1), href=view_path(key, kind), **text))
    return nodes


