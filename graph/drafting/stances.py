"""Which claims a drafted denial answers: those that name the same incident.

A denial that names no incident ("Russia denies targeting civilians") is a general one and
answers no claim in particular; one that names a place, a name, a number or a weapon the
story's other statements share only rarely answers the claims that name them too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from claimgraph.graph.sources.resolution import SourceResolver
from claimgraph.graph.text.quantities import measure_words

__all__ = ["INCIDENT_NOUNS", "STANCE_OVERLAP", "Drafted", "point_stances"]

STANCE_OVERLAP = 0.25
"""A denial targets a claim of another source when this share of the smaller claim's content
words (and at least two) are shared."""


class Drafted(Protocol):
    """What :func:`point_stances` reads and writes of a drafted claim."""

    @property
    def id(self) -> str: ...

    @property
    def fields(self) -> dict[str, Any]: ...


INCIDENT_NOUNS = frozenset({
    "market", "hospital", "clinic", "school", "bus", "camp", "mosque", "church", "bakery",
    "shelter", "convoy", "wedding", "funeral", "hypermarket", "station", "port", "airport",
    "bridge", "dam", "village", "town", "neighbourhood", "neighborhood", "building", "block",
    "prison", "ambulance", "truck", "queue", "strike", "raid", "shelling", "massacre",
    "bombing", "blast", "explosion", "ceremony", "gathering", "cluster", "munition",
    "incendiary", "barrel", "chemical", "missile", "drone", "rocket", "bomb", "mine",
    "landmine", "phosphorus", "levee",
})  # fmt: skip
"""Words that name one incident or the weapon of one: a denial that names none is a general
one."""


def _specific_words(quote: str) -> set[str]:
    """What names an incident in a statement: its proper names (after its first word), its
    numbers, and nouns of places and attacks ("market", "hospital", "convoy")."""
    words = re.findall(r"[\w'-]+", quote)
    proper = {w.lower().removesuffix("'s") for w in words[1:] if w[:1].isupper()
              and w.lower() not in ("the", "a", "an", "it", "its", "they", "he", "she")}
    numbers = {w.replace(",", "") for w in re.findall(r"\d[\d,]*", quote)}
    nouns = {w.lower().removesuffix("s") for w in words
             if w.lower() in INCIDENT_NOUNS or w.lower().removesuffix("s") in INCIDENT_NOUNS}
    return proper | numbers | nouns


def point_stances(claims: Sequence[Drafted], quotes: Mapping[str, str], answered: set[str],
                  resolver: SourceResolver) -> None:
    """Point each denial at the claims of other sources it answers: those that share at
    least two words naming the incident (a place, a name, a number: :func:`_specific_words`;
    not one most of the article's statements share) and enough content words besides. A
    denial that names no incident ("Russia denies targeting civilians") is a general one and
    answers no claim in particular."""
    words = {c.id: measure_words(quotes[c.id]) for c in claims}
    specific = {c.id: _specific_words(quotes[c.id]) for c in claims}
    # a word most statements share (the city of the whole story) names no one incident
    frequency: dict[str, int] = {}
    for found in specific.values():
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    common = max(2, len(claims) // 5)
    specific = {k: {w for w in v if frequency[w] <= common} for k, v in specific.items()}
    for claim in claims:
        kind = next((k for k in ("denies", "disputes") if k in claim.fields), None)
        if kind is None or claim.id in answered:
            continue
        own = set(claim.fields["claimants"])
        targets = []
        named = specific[claim.id] - {w.lower() for w in _names_of(resolver, own)}
        for other in claims:
            if other is claim or own & set(other.fields["claimants"]) or not named:
                continue
            shared = words[claim.id] & words[other.id]
            smaller = min(len(words[claim.id]), len(words[other.id])) or 1
            if len(shared) >= 2 and len(shared) / smaller >= STANCE_OVERLAP and \
                    len(named & specific[other.id]) >= 2:
                targets.append(other.id)
        if targets:
            claim.fields[kind] = targets
            claim.fields["note"] += f"; check what it {kind}"
        else:
            del claim.fields[kind]
            claim.fields["note"] += (f"; it {kind} a claim not found in this article" if named
                                     else f"; a general denial: it {kind} no claim in "
                                          "particular")


def _names_of(resolver: SourceResolver, sources: set[str]) -> set[str]:
    """The words of the names of ``sources``: a denial's own name names no incident."""
    found: set[str] = set()
    for identifier in sources:
        source = resolver.source(identifier)
        if source is not None:
            for name in (source.label, *source.aliases):
                found |= set(re.findall(r"[\w'-]+", name))
    return found
