"""Pick a response format from the Accept header (content negotiation)."""

from __future__ import annotations

from functools import lru_cache

import mimeparse

from claimgraph.graph.backends.store import SELECT_FORMATS, TRIPLE_FORMATS

__all__ = ["NotAcceptable", "choose_format"]

# Media types we write for each result kind, the default first; aliases map to a format.
_SELECT = {**{media: name for name, media in SELECT_FORMATS.items()},
           "application/json": "json", "application/xml": "xml", "text/xml": "xml"}
_TRIPLES = {**{media: name for name, media in TRIPLE_FORMATS.items()},
            "text/plain": "ntriples", "application/json": "jsonld",
            "application/xml": "rdfxml", "text/xml": "rdfxml"}


class NotAcceptable(ValueError):
    """No format we can write is acceptable to the client."""


@lru_cache(maxsize=256)  # clients send the same few Accept headers over and over
def choose_format(accept: str | None, kind: str) -> tuple[str, str]:
    """(format name, media type) for a result ``kind`` ("select" or "triples")."""
    table = _SELECT if kind == "select" else _TRIPLES
    offered = list(table)
    if not accept or not accept.strip():
        media = offered[0]
        return table[media], media
    try:
        # mimeparse prefers later entries on ties: list the default last.
        media = mimeparse.best_match(list(reversed(offered)), accept)
    except (ValueError, IndexError):
        media = ""
    if not media:
        raise NotAcceptable(f"none of the result formats {', '.join(offered)} is acceptable "
                            f"(Accept: {accept})")
    name = table[media]
    canonical = (SELECT_FORMATS if kind == "select" else TRIPLE_FORMATS)[name]
    return name, canonical
