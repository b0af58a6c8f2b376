"""The claim model as immutable values: what an authoring file says, after parsing and anchoring.

These are plain frozen dataclasses; RDF nodes stay inside :mod:`claimgraph.graph.authoring.rdf`.
Identifiers (``id``) are the short names curators write in YAML; IRIs are minted from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from claimgraph.graph.text.anchor import TextSpan
from claimgraph.graph.text.timeexpr import TimeInterval

__all__ = [
    "BOUND_KINDS",
    "EVENT_KINDS",
    "MEASURE_COUNTS",
    "SOURCE_KINDS",
    "STANCE_KINDS",
    "UNKNOWN",
    "Article",
    "ArticleClaims",
    "Basis",
    "Claim",
    "Location",
    "Quantity",
    "Registry",
    "RegistryEntry",
    "Source",
    "TimeReference",
]

SourceKind = Literal["organisation", "person", "government", "collective", "outlet"]
SOURCE_KINDS: tuple[str, ...] = ("organisation", "person", "government", "collective", "outlet")
StanceKind = Literal["denies", "disputes", "supports", "corroborates"]
STANCE_KINDS: tuple[str, ...] = ("denies", "disputes", "supports", "corroborates")
BoundKind = Literal[
    "exact", "at_least", "more_than", "at_most", "fewer_than", "approximately", "between"
]
EVENT_KINDS: tuple[str, ...] = ("campaign", "incident")
MEASURE_COUNTS: tuple[str, ...] = ("people", "things")
UNKNOWN = "unknown"
"""What a claims file writes for a part of a figure's question the text leaves open."""
BOUND_KINDS: tuple[str, ...] = (
    "exact", "at_least", "more_than", "at_most", "fewer_than", "approximately", "between"
)  # fmt: skip


@dataclass(frozen=True)
class Location:
    """Where a value was written: file and line, for error messages and SHACL reports."""

    file: str
    line: int | None
    field_lines: tuple[tuple[str, int], ...] = ()
    """The line of each field of the value, where known."""

    def line_of(self, field: str) -> int | None:
        return dict(self.field_lines).get(field, self.line)


@dataclass(frozen=True)
class TimeReference:
    """A time expression as written, the interval it resolves to, and the day if known."""

    interval: TimeInterval
    day: date | None

    @property
    def expression(self) -> str:
        return self.interval.expression


@dataclass(frozen=True)
class Source:
    """A party that makes claims or acts in them."""

    id: str
    kind: SourceKind
    label: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    affiliation: str | None = None
    role: str | None = None
    part_of: str | None = None
    may_include: tuple[str, ...] = ()
    allied_with: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    wikidata: str | None = None
    """The Wikidata item of the same party (``Q1065``), where one is known."""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RegistryEntry:
    """A place, event, measure or population: something claims refer to that is not a source."""

    id: str
    label: str
    description: str | None = None
    part_of: str | None = None
    start: date | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    """An event's kind: ``campaign`` (an offensive, a war, a flood season) or ``incident`` (one
    strike, one attack on one place); None when the registry does not say."""
    counts: str | None = None
    """What a measure counts: ``people`` (it needs a population: civilians, children...) or
    ``things`` (facilities, attacks, villages: no population)."""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Registry:
    """The shared registry: known sources, places, events, measures and populations."""

    sources: tuple[Source, ...] = ()
    places: tuple[RegistryEntry, ...] = ()
    events: tuple[RegistryEntry, ...] = ()
    measures: tuple[RegistryEntry, ...] = ()
    populations: tuple[RegistryEntry, ...] = ()
    file: str | None = None

    def source_ids(self) -> set[str]:
        return {source.id for source in self.sources}


@dataclass(frozen=True)
class Quantity:
    """A number a claim states, as the inclusive interval [minimum, maximum], and the question
    it answers: how many ``measure`` of ``population`` in ``scope`` (an event or a place)
    from ``period_start`` to ``period_end``. A part left None is unknown: the figure is then
    compared with no other (the rules say it is not comparable, and what it needs)."""

    measure: str
    bound: BoundKind
    stated: int
    minimum: int
    maximum: int | None
    words: str | None = None
    scope: str | None = None
    period_start: TimeReference | None = None
    period_end: TimeReference | None = None
    population: str | None = None
    scope_kind: Literal["event", "place"] = "event"
    """Whether ``scope`` names a registry event (a campaign or an incident) or a place."""


@dataclass(frozen=True)
class Basis:
    """What a claim rests on: a report by a source, or another claim."""

    label: str | None = None
    source: str | None = None
    claim: str | None = None


@dataclass(frozen=True)
class Claim:
    """One attributed statement of an article."""

    id: str
    label: str
    claimants: tuple[str, ...]
    quote: TextSpan
    verb: str | None = None
    speaker: str | None = None
    role: str | None = None
    stated: TimeReference | None = None
    refers_to: TimeReference | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    based_on: tuple[Basis, ...] = ()
    stances: tuple[tuple[StanceKind, str], ...] = ()
    note: str | None = None
    drafted: bool = False
    """Drafted by ``claimgraph draft`` and not yet reviewed by a person (``drafted: true``)."""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Article:
    """A published article and its original text, byte for byte."""

    id: str
    title: str
    outlet: str
    published: date
    text: str
    text_file: str
    language: str = "en"
    url: str | None = None
    furniture: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleClaims:
    """An article with its curated claims and any sources it introduces."""

    article: Article
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...] = ()
    file: str = ""
