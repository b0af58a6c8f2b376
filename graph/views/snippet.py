"""Snippets: a view as something to put in a report, a web page or a notebook.

>>> import claimgraph
>>> from claimgraph.graph.views.snippet import Snippet
>>> store = claimgraph.open_store(":memory:"); claimgraph.load_files(store)  # doctest: +SKIP
>>> Snippet.contested(store)          # in Jupyter: drawn inline, isolated in an iframe
>>> Snippet.claim(store, "hrw-cluster-munitions").save("hrw.svg")

``to_html()`` is a self-contained fragment (a sandboxed ``<iframe srcdoc>`` in a uniquely
named ``<div>``: no outside requests, styles kept to itself, several on one page);
``to_document()`` the standalone page; ``to_svg()``/``to_png()`` the static pictures;
``save(path)`` picks by the file's suffix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import NotFound, QueryError
from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.terms.namespaces import sparql_prefixes
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.html import document_html, fragment_html
from claimgraph.graph.views.model import Filters, View, ViewSpec, check_id
from claimgraph.graph.views.svg import to_png, to_svg

__all__ = ["Snippet"]

SUFFIXES = (".html", ".htm", ".svg", ".png", ".json")


@dataclass(frozen=True)
class Snippet:
    """A built view with its renderings. ``base_url`` (a claimgraph server's address) makes
    titles and nodes link to their views there; without it nothing links out."""

    view: View
    base_url: str | None = None
    height: int = 600

    # -------------------------------------------------------------- building
    @classmethod
    def of(cls, store: Store, spec: ViewSpec, *, base_url: str | None = None) -> Snippet:
        return cls(build_view(store, spec), base_url.rstrip("/") if base_url else None)

    @classmethod
    def graph(cls, store: Store, *, filters: Filters | None = None,
              base_url: str | None = None) -> Snippet:
        """The whole graph."""
        return cls.of(store, ViewSpec("graph", filters=filters or Filters()), base_url=base_url)

    @classmethod
    def contested(cls, store: Store, *, filters: Filters | None = None,
                  base_url: str | None = None) -> Snippet:
        """The contested claims and the claims set against them."""
        return cls.of(store, ViewSpec("contested", filters=filters or Filters()),
                      base_url=base_url)

    @classmethod
    def claim(cls, store: Store, claim: str, *, article: str | None = None,
              base_url: str | None = None) -> Snippet:
        """One claim, by its id (``article/claim``, or just ``claim`` when only one article
        has a claim of that id)."""
        if "/" in claim and article is None:
            article, claim = claim.split("/", 1)
        check_id(claim, "claim")
        if article is None:
            result = store.query(sparql_prefixes() + "SELECT DISTINCT ?article WHERE { ?c a "
                                 "cg:Claim ; dcterms:identifier ?id ; cg:appearsIn/"
                                 "dcterms:identifier ?article . FILTER (?id = "
                                 f'"{claim}") }}')
            assert isinstance(result, Solutions)
            articles = sorted(str(a) for a in result.column("article") if a)
            if not articles:
                raise NotFound(f"no claim {claim!r} in the store")
            if len(articles) > 1:
                raise QueryError(f"claim {claim!r} is in several articles ("
                                 f"{', '.join(articles)}): write ARTICLE/{claim}")
            article = articles[0]
        return cls.of(store, ViewSpec("claim", article=article, claim=claim), base_url=base_url)

    @classmethod
    def source(cls, store: Store, source: str, *, base_url: str | None = None) -> Snippet:
        """Everything one source claimed, and who disputes it."""
        return cls.of(store, ViewSpec("source", source=source), base_url=base_url)

    @classmethod
    def article(cls, store: Store, article: str, *, base_url: str | None = None) -> Snippet:
        """Every claim of one article."""
        return cls.of(store, ViewSpec("article", article=article), base_url=base_url)

    @classmethod
    def construct(cls, store: Store, query: str, *, base_url: str | None = None) -> Snippet:
        """The triples of a CONSTRUCT (or DESCRIBE) query."""
        return cls.of(store, ViewSpec("construct", query=query), base_url=base_url)

    # ------------------------------------------------------------- rendering
    @property
    def permalink(self) -> str | None:
        """The view's address on ``base_url``, when there is one."""
        return self.base_url + self.view.spec.permalink() if self.base_url else None

    def to_html(self) -> str:
        """A self-contained HTML fragment: an isolated, sandboxed iframe with the view."""
        return fragment_html(self.view, base_url=self.base_url, height=self.height)

    def to_document(self) -> str:
        """A self-contained HTML page with the view (what ``save("x.html")`` writes)."""
        return document_html(self.view, base_url=self.base_url)

    def to_svg(self) -> str:
        return to_svg(self.view, base_url=self.base_url)

    def to_png(self) -> bytes:
        return to_png(self.view)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the snippet; the suffix picks the form: .html, .svg, .png or .json."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".html", ".htm"):
            target.write_text(self.to_document(), encoding="utf-8")
        elif suffix == ".svg":
            target.write_text(self.to_svg(), encoding="utf-8")
        elif suffix == ".png":
            target.write_bytes(self.to_png())
        elif suffix == ".json":
            import json

            target.write_text(json.dumps(self.view.to_json(), ensure_ascii=False, indent=1),
                              encoding="utf-8")
        else:
            raise QueryError(f"cannot tell the form from {target.name!r}: end the name with "
                             f"{', '.join(SUFFIXES)}")
        return target
