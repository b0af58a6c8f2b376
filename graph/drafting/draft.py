"""Draft a claims file from an article's raw text, for a person to review.

:func:`draft_article` finds the attributed statements of the text (direct quotes and reported
speech, :mod:`~claimgraph.graph.drafting.cues`), resolves who made them
(:mod:`~claimgraph.graph.drafting.resolution`), the numbers they state
(:mod:`~claimgraph.graph.text.quantities`) and their times (:mod:`~claimgraph.graph.text.timeexpr`),
and writes them in the authoring format of the curated files (data/README.md). The draft
validates as written; every claim carries ``note: drafted, review: ...`` saying what to check,
and names that match no known source become new sources marked ``unresolved name, review``.

A sentence without a cue continues the statement before it in the same paragraph; one that
opens a paragraph is the outlet's own reporting. The headline is the article's title, not a
claim; a dateline is left out of every quote, and the outlet it names labels a new outlet;
notices that are not reporting ("Editor's note: ...") are listed as furniture.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph.authoring.checking import REGISTRY_NAME, shipped_data
from claimgraph.graph.authoring.model import UNKNOWN, Registry, Source
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.drafting.cues import TIME, Cue, find_cues, trim
from claimgraph.graph.drafting.resolution import Resolution, SourceResolver, name_key, slug
from claimgraph.graph.text.anchor import AnchorError, find_spans
from claimgraph.graph.text.article_input import read_article
from claimgraph.graph.text.periods import days_back, find_period
from claimgraph.graph.text.quantities import (
    FoundQuantity,
    find_quantities,
    match_measure,
    match_population,
    measure_words,
)
from claimgraph.graph.text.sentences import Sentence, dateline, segment
from claimgraph.graph.text.timeexpr import TimeExpressionError, TimeInterval, resolve

__all__ = ["Draft", "DraftClaim", "draft_article", "draft_file", "registry_for"]

log = logging.getLogger("claimgraph.draft")

REVIEW = "drafted, review"
UNRESOLVED = "unresolved name, review"
MAX_SENTENCE = 3000
"""Longer "sentences" are not drafted from: a real one has a few hundred characters."""
STANCE_OVERLAP = 0.25
"""A denial targets a claim of another source when this share of the smaller claim's content
words (and at least two) are shared."""


@dataclass(frozen=True)
class DraftClaim:
    """One drafted claim, as the authoring format writes it (``fields``), with what a
    reviewer must check (``review``) and numbers no known measure fits (``loose``)."""

    id: str
    fields: dict[str, Any]
    review: tuple[str, ...]
    loose: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A drafted claims file: article metadata, new sources and claims."""

    article: dict[str, Any]
    sources: tuple[Source, ...]
    claims: tuple[DraftClaim, ...]
    text_name: str

    def to_yaml(self) -> str:
        """The draft as a claims file (YAML with a review header)."""
        return _render(self)


@dataclass
class _Context:
    published: date
    resolver: SourceResolver
    registry: Registry
    text: str
    reading: str
    """Every sentence's reading text, one a line: where quotes are counted cheaply."""
    claims: list[DraftClaim] = field(default_factory=list)
    quotes: dict[str, str] = field(default_factory=dict)
    previous: tuple[str, ...] = ()
    """The claimants of the last attributed statement: whom "it", "they" and "the group"
    refer back to."""
    person: Resolution | None = None
    """The last person the text named as speaking, or as the subject of a sentence: whom
    "he" and "she" refer back to."""
    last_period: Any = None
    """The period of the last figure drafted: what "over the same period" means."""
    last_given: date | None = None
    """The day the last attributed statement was given."""
    last_dated: bool = False
    """Whether the text said when the last attributed statement was given."""
    answered: set[str] = field(default_factory=set)
    """Claims whose stance the text itself points ("..., a charge X denies")."""
    publisher: str = ""
    own_release: bool = False
    """Whether the publisher is an organisation publishing its own words (then "we" is it)."""


def _time(expression: str | None, published: date) -> str | None:
    """The expression when it resolves to days on or before publication, else None."""
    if not expression:
        return None
    expression = " ".join(expression.split())
    try:
        interval = resolve(expression, published)
    except TimeExpressionError:
        return None
    return expression if interval.earliest <= published else None


def _quote(ctx: _Context, sentence: Sentence, start: int, end: int) -> tuple[str, int | None]:
    """The quote as a reader writes it, and its occurrence when the text has it twice."""
    quote = sentence.text[start:end]
    if ctx.reading.count(quote) <= 1:
        return quote, None  # once in the text as read: no need to search the original
    original_start, _ = sentence.original_span(start, end)
    starts = [span[0] for span in find_spans(ctx.text, quote)]
    if original_start not in starts:
        raise AnchorError(f"the quote {quote!r} does not anchor where it was found")
    return quote, (starts.index(original_start) + 1 if len(starts) > 1 else None)


def _basis(ctx: _Context, words: str | None) -> list[dict[str, str]]:
    if not words:
        return []
    phrase = re.sub(r"^(?:(?:the\s+)?(?:reports|accounts|information|data|figures|testimony)\s+"
                    r"(?:by|from|of)\s+)", "", words.strip(), flags=re.IGNORECASE)
    kind = words[: len(words) - len(phrase)].split()[0].lower() if phrase != words else ""
    found = ctx.resolver.resolve(phrase)
    result = []
    for source_id in found.claimants:
        source = ctx.resolver.source(source_id)
        label = source.label if source else source_id
        result.append({"source": source_id, "label": f"{kind or 'information from'} "
                                                     f"{'by ' if kind else ''}{label}".strip()})
    return result


def _day_words(interval: TimeInterval, day: date) -> str | dict[str, Any]:
    """A period's start or end as a claims file writes it: the words when they name the day,
    else the words with the day, else the day."""
    if interval.day == day:
        return interval.expression
    if interval.earliest <= day <= interval.latest:
        return {"expression": interval.expression, "date": day}
    return day.isoformat()


def _campaign_start(ctx: _Context, words: str) -> date | None:
    """The start of the registry campaign "since the coup" or "since the war began" names:
    the one event of kind campaign with a start whose names share the words' noun."""
    nouns = set(re.findall(r"[a-z]+", words.lower())) - {"the", "a", "an", "its", "their",
                                                          "began", "started", "erupted",
                                                          "broke", "out", "struck", "hit",
                                                          "was", "launched"}
    found = [e for e in ctx.registry.events if e.kind == "campaign" and e.start and nouns & set(
        re.findall(r"[a-z]+", " ".join((e.label, *e.aliases, e.description or "")).lower()))]
    return found[0].start if len(found) == 1 else None


_CURRENT = re.compile(r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|since\s+)?(?:been\s+)?\w+|"
                      r"\b(?:are|is|remain|remains)\s+(?:still\s+)?\w+|\bstill\b", re.IGNORECASE)
"""A figure stated as it stands ("have been killed", "remain missing", "are still"): it runs
to the day it was given."""


_EVENT_STOP = frozenset(["the", "a", "an", "of", "in", "on", "and", "by", "for", "to", "at",
                         "its", "their", "city", "since", "that", "with", "from", "which",
                         "people", "civilians", "killed", "said", "says", "have", "has", "been",
                         "were", "was", "is", "are", "it", "they"])


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())
            if w not in _EVENT_STOP and not w.isdigit() and len(w) > 2}


def _scope(ctx: _Context, quote: str, start: int, end: int) -> str | None:
    """The registry event (a campaign or an incident) the figure's clause names: the one
    sharing most words with its label and names, two words at least, when one event alone
    does. An incident wins a tie with the campaign it is part of ("the strike on the
    market" in a story of the whole offensive)."""
    clause = quote[max(0, quote.rfind(". ", 0, start) + 1):end + 120]
    words = _stems(clause)
    scores: dict[str, int] = {}
    for event in ctx.registry.events:
        names = _stems(" ".join((event.label, *event.aliases)))
        shared = len(words & names)
        if shared >= 2:
            scores[event.id] = shared
    if not scores:
        return None
    best = max(scores.values())
    winners = [e for e in ctx.registry.events if scores.get(e.id) == best]
    if len(winners) > 1:
        incidents = [e for e in winners if e.kind == "incident"]
        winners = incidents if len(incidents) == 1 else winners
    return winners[0].id if len(winners) == 1 else None


def _period(ctx: _Context, quote: str, start: int, end: int, given: date,
            dated: bool) -> tuple[Any, list[str]]:
    """A figure's period from the words around it (``unknown`` where they say nothing), and
    what the reviewer should check. ``given`` is the day the figure was given (``dated``:
    the text says so): a running total, or a figure that stands, runs to that day; an
    incident's toll was given then only when the text says when it was given."""
    found = find_period(quote, start, end, ctx.published)
    if found is None:
        if _CURRENT.search(quote[max(0, start - 40):end + 60]):
            return {"start": UNKNOWN, "end": given.isoformat()}, []
        return UNKNOWN, []
    first: Any = UNKNOWN
    last: Any = given.isoformat()
    note = []
    if found.kind == "same":
        if ctx.last_period is None:
            return UNKNOWN, ["'the same period' as a figure not drafted: give its period"]
        return ctx.last_period, []
    if found.kind == "range" and found.start and found.end:
        first = _day_words(found.start, found.start.earliest)
        last = _day_words(found.end, min(found.end.latest, given))
    elif found.kind == "past" and found.days is not None:
        first = days_back(given, found.days).isoformat()
    elif found.kind in ("since", "day") and found.start:
        first = _day_words(found.start, found.start.earliest) if found.start.day else \
            found.start.expression
        if found.start.day is None:
            note.append(f"'{found.start.expression}' names no day: give the day if known")
        if found.kind == "since" and found.end is not None:
            last = _day_words(found.end, found.end.latest)
        if found.kind == "day" and not dated:
            last = UNKNOWN
    elif found.kind == "since-event" and found.event:
        began = _campaign_start(ctx, found.event)
        if began is None:
            return {"start": UNKNOWN, "end": last}, [f"'since {found.event}': give the day it "
                                                     "began"]
        first = {"expression": f"since {found.event}", "date": began}
        if found.end is not None:
            last = _day_words(found.end, found.end.latest)
    elif found.kind == "month" and found.start and found.end:
        first = _day_words(found.start, found.start.earliest)
        last = _day_words(found.end, min(found.end.latest, given))
    elif found.kind == "as-of" and found.end:
        last = _day_words(found.end, found.end.latest)
    return {"start": first, "end": last}, note


def replace_noun(found: FoundQuantity) -> FoundQuantity:
    """The figure with only its counted noun as its words: whether the noun is the measure
    ("690 injured": the noun names what is counted, not whom)."""
    return dataclasses.replace(found, context=found.noun, start=0, end=0)


def _quantities(ctx: _Context, quote: str, given: date,
                dated: bool) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The figures of a statement, the numbers no measure fits, and notes for the reviewer."""
    matched, loose, notes = [], [], []
    counts = {m.id: m.counts for m in ctx.registry.measures}
    before: tuple[FoundQuantity, dict[str, Any]] | None = None
    main: tuple[FoundQuantity, dict[str, Any]] | None = None
    for found in find_quantities(quote):
        value = list(found.value) if isinstance(found.value, tuple) else found.value
        measure = match_measure(found, ctx.registry.measures)
        between = quote[before[0].end:found.start] if before else ""
        part_of_last = before is not None and (re.fullmatch(
            r"[\w\s]{0,25}?,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|among\s+the\s+"
            r"(?:dead|victims|wounded|injured))\s+(?:at\s+least\s+|some\s+|about\s+)?",
            between, re.IGNORECASE) or re.match(r"\s+of\s+(?:them|whom)\b",
                                                 quote[found.end:]))
        if measure is None and before is not None and part_of_last:
            measure = before[1]["measure"]  # "17 killed, among them four children"
        if measure is None:
            what = f"{found.words} {found.noun}".strip() if found.noun not in found.words \
                else found.words
            loose.append(f"{what!r}: {found.bound} {value}")
            continue
        quantity: dict[str, Any] = {"measure": measure}
        if counts.get(measure) != "things":
            population = match_population(found, ctx.registry.populations)
            carried = main or before
            if population is None and carried is not None and \
                    carried[1].get("population", UNKNOWN) != UNKNOWN and not part_of_last and \
                    (found.noun in ("", "others", "more", "other") or
                     match_measure(replace_noun(found), ctx.registry.measures) == measure):
                population = carried[1]["population"]  # "killed 158 civilians and injured 590"
            quantity["population"] = population or UNKNOWN
        quantity[found.bound] = value
        quantity["words"] = found.words
        scope = _scope(ctx, quote, found.start, found.end)
        quantity["scope"] = scope or UNKNOWN
        period, note = _period(ctx, quote, found.start, found.end, given, dated)
        event = next((e for e in ctx.registry.events if e.id == scope), None)
        if event is not None and event.start and isinstance(period, dict) and \
                period.get("start") == UNKNOWN:
            period = {**period, "start": event.start}  # from the day the event began
            note.append(f"the period starts when {event.label} began: check")
        elif event is not None and event.start and period == UNKNOWN and \
                _CURRENT.search(quote[max(0, found.start - 40):found.end + 60]):
            period = {"start": event.start, "end": given.isoformat()}
        quantity["period"] = period
        if period != UNKNOWN:
            ctx.last_period = period
        notes += note
        matched.append(quantity)
        before = (found, quantity)
        if not part_of_last:
            main = (found, quantity)  # "11,126 killed, including 614 children, and 22,216 injured"
    return matched, loose, notes


def _label(ctx: _Context, claimants: tuple[str, ...], verb: str | None, quote: str) -> str:
    names = []
    for claimant in claimants:
        source = ctx.resolver.source(claimant)
        names.append(source.label if source else claimant)
    who = " and ".join(names)
    words = quote.replace('"', "").split()
    summary = " ".join(words[:12]) + ("..." if len(words) > 12 else "")
    return f"{who}: {summary}" if verb else f"{who} reports: {summary}"


def _claim_id(ctx: _Context, claimants: tuple[str, ...], quote: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", quote.lower()) if w not in
             {"the", "a", "an", "of", "and", "to", "in", "on", "have", "has", "been", "is",
              "are", "was", "were", "that", "which", "whom", "its", "their"}]
    base = f"{claimants[0] if claimants else 'claim'}-{'-'.join(words[:4])}".strip("-")
    identifier, number = base, 2
    while any(c.id == identifier for c in ctx.claims):
        identifier, number = f"{base}-{number}", number + 1
    return identifier


def _add(ctx: _Context, sentence: Sentence, cue: Cue | None, who: Resolution,
         review: list[str], *, verb: str | None, span: tuple[int, int]) -> None:
    try:
        quote, occurrence = _quote(ctx, sentence, *span)
    except AnchorError as error:
        log.warning("left out a statement whose quote does not anchor: %s", error)
        return
    fields: dict[str, Any] = {}
    identifier = _claim_id(ctx, who.claimants, quote)
    fields["id"] = identifier
    fields["label"] = _label(ctx, who.claimants, verb, quote)
    fields["claimants"] = list(who.claimants)
    if who.speaker:
        fields["speaker"] = who.speaker
    if who.role:
        fields["role"] = who.role
    if verb:
        fields["verb"] = verb
    fields["quote"] = quote
    if occurrence:
        fields["occurrence"] = occurrence
    stated = _time(cue.stated if cue else None, ctx.published)
    if stated:
        fields["stated"] = stated
    refers = _time(cue.refers_to if cue else None, ctx.published)
    if refers is None:
        lead = re.match(rf"(?P<time>{TIME})\b", quote, re.IGNORECASE)
        day = re.search(r"\bon\s+(?P<time>(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+\d{1,2})\b", quote)
        found = lead or day
        refers = _time(found["time"] if found else None, ctx.published)
    if refers:
        fields["refers_to"] = refers
    if cue and cue.stance == "accuses":
        accused = re.match(r"(.+?)\s+(?:of|for)\s+", quote)
        target = ctx.resolver.lookup(accused[1]) if accused else None
        if target:
            fields["actors"] = [target]
    given_day = ctx.published
    if stated:
        with contextlib.suppress(TimeExpressionError):
            given_day = resolve(stated, ctx.published).day or ctx.published
    elif cue is None and verb is not None and ctx.last_given is not None:
        given_day = ctx.last_given  # a statement continued: given when the first one was
    if cue is not None:
        ctx.last_given = given_day
    # the publisher's own words are given on the day it publishes them
    dated = bool(stated) or (cue is None and (verb is None or ctx.last_dated))
    if cue is not None:
        ctx.last_dated = bool(stated)
    quantities, loose, period_notes = _quantities(ctx, quote, given_day, dated)
    review.extend(period_notes)
    if quantities:
        fields["quantities"] = quantities
        review.append("give each figure's population, scope and period where the draft says "
                      "unknown")
    if loose:
        review.append("numbers without a known measure are listed below the claim")
    basis = _basis(ctx, cue.basis if cue else None)
    if basis:
        fields["based_on"] = basis
    if cue and cue.stance in ("denies", "disputes"):
        fields[cue.stance] = []  # filled in once every claim is known
    fields["note"] = "; ".join([REVIEW, *review])
    ctx.claims.append(DraftClaim(identifier, fields, tuple(review), tuple(loose)))
    ctx.quotes[identifier] = quote
    if cue is not None:
        ctx.resolver.mention(who.claimants)


def _resolve(ctx: _Context, cue: Cue, sentence: str) -> tuple[Resolution, list[str]]:
    review: list[str] = []
    key = name_key(cue.source)
    if key in {"he", "she"} and ctx.person is not None:
        who = ctx.person
    elif key.split()[:1] in (["we"], ["us"], ["our"]) and ctx.own_release:
        who = Resolution((ctx.publisher,))
    else:
        if cue.answers_within and ctx.claims:  # "..., a charge the group denies": a party
            ctx.resolver.mention(ctx.resolver.named_in(ctx.quotes[ctx.claims[-1].id]))
        who = ctx.resolver.resolve(cue.source, previous=ctx.previous)
    if key in {"it", "they", "he", "she", "we"} or key.endswith("statement"):
        review.append(f"'{cue.source}' taken to be {', '.join(who.claimants)}")
    review.extend(who.review)
    for name in who.unresolved:
        review.append(f"unresolved name {name!r}")
    return who, review


def _by_the_publisher(ctx: _Context, sentence: str) -> bool:
    """Whether the sentence is the publisher's own words by its subject: "Reuters could not
    independently verify the report", "MSF has worked in Sudan since 1979"."""
    source = ctx.resolver.source(ctx.publisher)
    if source is None:
        return False
    names = sorted((source.label, *source.aliases), key=len, reverse=True)
    return any(re.match(rf"(?:the\s+)?{re.escape(name)}(?:'s)?\s", sentence, re.IGNORECASE)
               for name in names)


def _remember(ctx: _Context, who: Resolution) -> None:
    """What later pronouns refer back to, once ``who`` has made a statement."""
    ctx.previous = who.claimants
    if who.speaker or who.role:
        ctx.person = who


_SUBJECT = re.compile(
    r"^(?P<subject>[A-Z][^,]{0,80}?(?:,\s+[^,]{2,60},)?)\s+(?:has|have|had|was|were|is|are|"
    r"gave|put|issued|released|published|recorded|documented|counted|estimated|described|"
    r"called|urged|appealed|condemned|blamed|offered|sent|declared|confirmed|did|does|"
    r"could|would|will|did)\b")
"""A sentence's subject, before its first verb: "The health minister in the same
administration, Othman Abduljaleel, gave a lower toll"."""


def _note_subject(ctx: _Context, sentence: str) -> None:
    """A sentence with no statement may still name who speaks next ("The health minister,
    Jane Roe, gave a lower toll. ..., she said"): remember a person or a known source it
    opens with, without proposing new sources for it."""
    found = _SUBJECT.match(sentence)
    if not found:
        return
    resolver = ctx.resolver
    before = dict(resolver.proposed)
    who = resolver.resolve(found["subject"], previous=ctx.previous)
    if who.speaker and who.speaker in resolver.proposed and who.speaker not in before:
        ctx.person = who  # a new person: proposed now, used when "she" speaks
        return
    resolver.proposed.clear()
    resolver.proposed.update(before)
    if who.unresolved:
        return
    if who.speaker or who.role:
        ctx.person = who
    ctx.previous = who.claimants
    resolver.mention(who.claimants)


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


def _stances(ctx: _Context) -> None:
    """Point each denial at the claims of other sources it answers: those that share at
    least two words naming the incident (a place, a name, a number: :func:`_specific_words`;
    not one most of the article's statements share) and enough content words besides. A
    denial that names no incident ("Russia denies targeting civilians") is a general one and
    answers no claim in particular."""
    words = {c.id: measure_words(ctx.quotes[c.id]) for c in ctx.claims}
    specific = {c.id: _specific_words(ctx.quotes[c.id]) for c in ctx.claims}
    # a word most statements share (the city of the whole story) names no one incident
    frequency: dict[str, int] = {}
    for found in specific.values():
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    common = max(2, len(ctx.claims) // 5)
    specific = {k: {w for w in v if frequency[w] <= common} for k, v in specific.items()}
    for claim in ctx.claims:
        kind = next((k for k in ("denies", "disputes") if k in claim.fields), None)
        if kind is None or claim.id in ctx.answered:
            continue
        own = set(claim.fields["claimants"])
        targets = []
        named = specific[claim.id] - {w.lower() for w in _names_of(ctx, own)}
        for other in ctx.claims:
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


def _names_of(ctx: _Context, sources: set[str]) -> set[str]:
    """The words of the names of ``sources``: a denial's own name names no incident."""
    found: set[str] = set()
    for identifier in sources:
        source = ctx.resolver.source(identifier)
        if source is not None:
            for name in (source.label, *source.aliases):
                found |= set(re.findall(r"[\w'-]+", name))
    return found


PUBLISHER_KINDS = ("outlet", "organisation", "government")
"""Who can publish an article: an outlet, or an organisation or government office publishing
its own release (a Human Rights Watch report, an OCHA update, a ministry statement)."""


def _outlet(resolver: SourceResolver, outlet: str) -> str:
    known = resolver.lookup(outlet) or (outlet if resolver.source(outlet) else None)
    if known:
        source = resolver.source(known)
        if source is not None and source.kind not in PUBLISHER_KINDS:
            raise ValidationError([Problem("outlet", None, "", f"{outlet!r} is the "
                                           f"{source.kind} {source.id!r}, who publishes no "
                                           "articles: give the outlet, or the organisation "
                                           "whose own release it is")])
        return known
    return _propose_outlet(resolver, outlet)


def _name_outlet(resolver: SourceResolver, outlet_id: str, named: str | None) -> None:
    """Label a new outlet as the dateline names it ("(Example Wire)" for ``example-wire``)."""
    source = resolver.proposed.get(outlet_id)
    if named and source is not None and slug(named) == slug(source.label):
        resolver.proposed[outlet_id] = dataclasses.replace(source, label=named)


def _propose_outlet(resolver: SourceResolver, outlet: str) -> str:
    identifier = base = slug(outlet)
    number = 2
    while resolver.source(identifier):
        identifier, number = f"{base}-{number}", number + 1
    resolver.proposed[identifier] = Source(id=identifier, kind="outlet", label=outlet.strip())
    return identifier


def draft_article(text: str, *, published: date, outlet: str, registry: Registry,
                  article_id: str, text_name: str, title: str | None = None) -> Draft:
    """Draft the claims of ``text`` (published by ``outlet`` on ``published``).

    ``text_name`` is the article's text file as the claims file will name it (relative to
    the claims file); ``registry`` holds the known sources and measures.
    """
    resolver = SourceResolver(registry.sources)
    outlet_id = _outlet(resolver, outlet)
    segmented = segment(text)
    _name_outlet(resolver, outlet_id, segmented.outlet)
    title = title or (segmented.headlines[0] if segmented.headlines else None)
    ctx = _Context(published, resolver, registry, text,
                   "\n".join(sentence.text for sentence in segmented.sentences))
    ctx.publisher = outlet_id
    publisher = resolver.source(outlet_id)
    ctx.own_release = publisher is not None and publisher.kind != "outlet"
    attributed_paragraph = -1
    last: tuple[Resolution, Cue | None, str | None] | None = None
    for sentence in segmented.sentences:
        if len(sentence.text.split()) < 4:
            continue
        if len(sentence.text) > MAX_SENTENCE:
            log.warning("left out a 'sentence' of %d characters (an unclosed quote?) at "
                        "offset %d", len(sentence.text), sentence.offsets[0])
            continue
        cues = find_cues(sentence.text)
        if not cues and sentence.paragraph == 0 and not sentence.text.endswith((".", '"')):
            title = title or sentence.text  # a headline: no full stop
            continue
        for index, cue in enumerate(cues):
            who, review = _resolve(ctx, cue, sentence.text)
            answered = ctx.claims[-1].id if cue.answers_within and index and ctx.claims else None
            _add(ctx, sentence, cue, who, review, verb=cue.verb, span=(cue.start, cue.end))
            if answered and cue.stance in ("denies", "disputes") and ctx.claims[-1].id != answered:
                ctx.claims[-1].fields[cue.stance] = [answered]  # the charge just before
                ctx.answered.add(ctx.claims[-1].id)
            if index == 0:  # a statement embedded in another ("..., which X say") is not
                _remember(ctx, who)  # whom the next sentence's "he" or "it" means
                last = (who, cue, cue.verb)
            attributed_paragraph = sentence.paragraph
        if cues:
            continue
        opening = dateline(sentence.text)
        span = trim(sentence.text, opening.end() if opening else 0, len(sentence.text))
        own = _by_the_publisher(ctx, sentence.text[span[0]:])
        if last is not None and attributed_paragraph == sentence.paragraph and not own:
            who, _, verb = last
            _add(ctx, sentence, None, who, ["continues the previous statement: check that it "
                                            "is still theirs"], verb=verb, span=span)
            continue
        _add(ctx, sentence, None, Resolution((outlet_id,)),
             ["the outlet's own reporting: no attribution found"], verb=None, span=span)
        _note_subject(ctx, sentence.text[span[0]:span[1]])
        last = None
    if not any(claim.fields.get("verb") for claim in ctx.claims):
        # no one is reported to have said anything: nothing to attribute, nothing to draft
        log.info("no attributed statement found: the draft has no claims")
        ctx.claims.clear()
        resolver.proposed = {k: v for k, v in resolver.proposed.items() if k == outlet_id}
    _stances(ctx)
    if title is None:
        first = segmented.sentences[0].text if segmented.sentences else article_id
        words = first.split()
        title = " ".join(words[:14]) + ("..." if len(words) > 14 else "")
    article = {"id": article_id, "text": text_name, "title": title, "outlet": outlet_id,
               "published": published, "language": "en"}
    if segmented.furniture:
        article["furniture"] = list(segmented.furniture)
    log.info("drafted %d claims, %d new sources", len(ctx.claims), len(resolver.proposed))
    return Draft(article, tuple(resolver.proposed.values()), tuple(ctx.claims), text_name)


def registry_for(folder: Path) -> Path:
    """The registry a claims file in ``folder`` is validated with: ``registry.yaml`` there or
    in a folder above, else the shipped one (as ``claimgraph validate`` finds it)."""
    for candidate in (folder, *folder.parents):
        if (candidate / REGISTRY_NAME).is_file():
            return candidate / REGISTRY_NAME
    return shipped_data() / REGISTRY_NAME


def draft_file(text_path: Path, *, published: date, outlet: str, output: Path | None = None,
               article_id: str | None = None, title: str | None = None) -> Draft:
    """Draft the article in ``text_path`` for a claims file at ``output`` (default: the
    working directory), naming the text relative to it and resolving with its registry."""
    text = read_article(text_path)
    folder = (output.parent if output else Path.cwd()).resolve()
    text_name = os.path.relpath(text_path.resolve(), folder).replace(os.sep, "/")
    registry = read_layered_registry(registry_for(folder))
    return draft_article(text, published=published, outlet=outlet, registry=registry,
                         article_id=article_id or slug(text_path.stem.split(".")[0]),
                         text_name=text_name, title=title)


# ------------------------------------------------------------------------------ rendering

HEADER = """\
# DRAFT claims of {text}, drafted from the text alone by `claimgraph draft`.
# Review every claim before loading it; each one's `note` starts "drafted, review" and says
# what to check. For each claim check:
#   - claimants, speaker and role: who made the claim, on whose authority;
#   - quote: the words that state the claim, no more (the loader anchors it in the text);
#   - quantities: the measure, and add the scope (event) and period they cover;
#   - stated / refers_to, and denies / disputes: the claims a denial answers.
# Names that matched no known source are new sources below, marked "{unresolved}":
# replace them with a known id, or keep them (shared ones belong in the registry).
# Delete a claim's note once it is reviewed. Format: data/README.md.
"""


class _Dumper(yaml.SafeDumper):
    """Lists of ids on one line (``[snhr, hrw]``), everything else in block style."""

    def represent_list(self, data: Any) -> yaml.SequenceNode:
        flow = all(isinstance(item, (str, int)) for item in data) and \
            sum(len(str(item)) for item in data) < 60
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                     default_flow_style=False)


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.rstrip("\n").splitlines()
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])]) + "\n"


def _source_fields(source: Source) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": source.id, "kind": source.kind, "label": source.label}
    if source.affiliation:
        fields["affiliation"] = source.affiliation
    if source.role:
        fields["role"] = source.role
    fields["description"] = UNRESOLVED
    return fields


def _render(draft: Draft) -> str:
    parts = [HEADER.format(text=Path(draft.text_name).name, unresolved=UNRESOLVED), "\n"]
    parts.append(_dump({"article": draft.article}))
    if draft.sources:
        parts.append("\nsources:\n")
        for source in draft.sources:
            parts.append(_indent(_dump(_source_fields(source)), "  - ", "    "))
    if not draft.claims:
        parts.append("\n# No attributed statement was found in the text: no one is reported to "
                     "have said,\n# claimed or denied anything. Add claims by hand if the text "
                     "has them (data/README.md).\n")
    parts.append("\nclaims:\n" if draft.claims else "\nclaims: []\n")
    for claim in draft.claims:
        parts.append(_indent(_dump(claim.fields), "  - ", "    "))
        for loose in claim.loose:
            parts.append(f"    # number without a known measure: {loose}; add the measure "
                         "to the registry, then a quantity here\n")
        parts.append("\n")
    return "".join(parts).rstrip("\n") + "\n"
