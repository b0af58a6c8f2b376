"""What a draft already finds in the graph: statements whose words a stored claim quotes.

Drafting reads no store (the import contracts keep it so): the command line and the API
read the stored claims' quotes
(:func:`claimgraph.graph.views.known_statements.read_known`) and pass them in (anything
with a claim, an article and a quote: :class:`KnownStatement`). :func:`match_known` then
says, per drafted claim, which stored claim quotes the same words, and for the whole text whether it
is already in the graph: a copy of an article loaded before (the same report republished,
or the same file drafted twice).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

__all__ = ["MIN_WORDS", "KnownMatch", "KnownStatement", "match_known", "words_of"]

MIN_WORDS = 6
"""A quote this short ("the toll rose") is too common to say it is the same statement."""


class KnownStatement(Protocol):
    """A stored claim's quote, with the ids of its claim and of the article it appears in
    (the store's reading gives :class:`claimgraph.graph.views.known_statements.StoredQuote`)."""

    @property
    def claim(self) -> str: ...

    @property
    def article(self) -> str: ...

    @property
    def quote(self) -> str: ...


@dataclass(frozen=True)
class KnownMatch:
    """What the draft shares with the graph."""

    claims: Mapping[str, KnownStatement]
    """Per drafted claim id, the stored claim quoting the same words."""
    article: str | None
    """The stored article most of the drafted statements come from, if more than half do."""
    shared: int
    """How many drafted statements that article holds."""


def words_of(quote: str) -> tuple[str, ...]:
    """A quote's words, lower case, without punctuation: what two copies of one statement
    share however they were typeset (curly quotes, hyphens, line breaks)."""
    return tuple(re.findall(r"[a-z0-9]+", quote.lower().replace("\u2019", "'")))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i:i + size] == shorter for i in range(len(longer) - size + 1))


def match_known(drafted: Mapping[str, str], known: Iterable[KnownStatement]) -> KnownMatch:
    """Match the drafted quotes (claim id to quote) with stored ones: the same words, or
    one quote's words inside the other's (a copy trimmed or extended by an editor), at least
    :data:`MIN_WORDS` words long."""
    by_word: dict[str, list[tuple[tuple[str, ...], KnownStatement]]] = {}
    by_start: dict[str, list[tuple[tuple[str, ...], KnownStatement]]] = {}
    for statement in known:
        words = words_of(statement.quote)
        if len(words) < MIN_WORDS:
            continue
        by_start.setdefault(words[0], []).append((words, statement))
        for word in set(words):
            by_word.setdefault(word, []).append((words, statement))
    found: dict[str, KnownStatement] = {}
    for claim, quote in drafted.items():
        words = words_of(quote)
        if len(words) < MIN_WORDS:
            continue
        rare = min(words, key=lambda w: len(by_word.get(w, ())))
        # a stored quote holding these words has their rarest word; one these words hold
        # starts with one of them
        around = by_word.get(rare, [])
        inside = [entry for word in set(words) for entry in by_start.get(word, ())]
        for other, statement in (*around, *inside):
            if _contains(other, words) or _contains(words, other):
                found[claim] = statement
                break
    counts = Counter(statement.article for statement in found.values())
    article, shared = counts.most_common(1)[0] if counts else (None, 0)
    more_than_half = shared * 2 > len(drafted)
    return KnownMatch(found, article if more_than_half else None, shared)
