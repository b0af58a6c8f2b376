"""The figures of a drafted statement: each number's measure and population, the registry
event it is about, and the period it covers, from the words around it and the article.

:func:`read_figures` writes them as the claims file writes quantities, with ``unknown`` for a
part the text leaves open and a note for the reviewer where a part was inferred (a period
starting when the registry's event began) or needs a day.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimgraph.graph.authoring.model import UNKNOWN, Registry
from claimgraph.graph.text.periods import clause_span, days_back, find_period, incident_day
from claimgraph.graph.text.quantities import (
    FoundQuantity,
    find_quantities,
    match_measure,
    match_population,
    measure_words,
)
from claimgraph.graph.text.timeexpr import TimeInterval

__all__ = ["FigureReader", "read_figures"]


@dataclass
class FigureReader:
    """What reading figures needs of the article: the registry (measures, populations,
    events), the publication day, and the period of the figure read last."""

    registry: Registry
    published: date
    last_period: Any = None
    """The period of the last figure drafted: what "over the same period" means."""
    seen: list[str] = dataclasses.field(default_factory=list)
    """The registry events figures of the article were about, the latest last."""

    def mention(self, sentence: str) -> None:
        """Note the registry event a sentence names, figures or not ("acknowledged carrying
        out Tuesday's air strike on the village"): what "the attack" means next."""
        event = _scope(self, sentence, 0, len(sentence), back=False)
        if event is not None:
            self.see(event)

    def see(self, event: str) -> None:
        """Make ``event`` the one the article spoke of last."""
        self.seen = [*(s for s in self.seen if s != event), event]


def _day_words(interval: TimeInterval, day: date) -> str | dict[str, Any]:
    """A period's start or end as a claims file writes it: the words when they name the day,
    else the words with the day, else the day."""
    if interval.day == day:
        return interval.expression
    if interval.earliest <= day <= interval.latest:
        return {"expression": interval.expression, "date": day}
    return day.isoformat()


def _campaign_start(reader: FigureReader, words: str) -> date | None:
    """The start of the registry campaign "since the coup" or "since the war began" names:
    the one event of kind campaign with a start whose names share the words' noun."""
    nouns = set(re.findall(r"[a-z]+", words.lower())) - {"the", "a", "an", "its", "their",
                                                          "began", "started", "erupted",
                                                          "broke", "out", "struck", "hit",
                                                          "was", "launched"}
    found = [e for e in reader.registry.events if e.kind == "campaign" and e.start and nouns & set(
        re.findall(r"[a-z]+", " ".join((e.label, *e.aliases, e.description or "")).lower()))]
    starts = {e.start for e in found}
    return starts.pop() if len(starts) == 1 else None  # a campaign and its part began together


_RUNNING = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|since\s+)?(?:been\s+)?\w+",
                      re.IGNORECASE)
"""A running total ("have been killed", "had died" in reported speech): it runs to the day it
was given."""
_STANDING = re.compile(r"\b(?:are|is|remain|remains)\s+(?:still\s+)?\w+|\bstill\b",
                       re.IGNORECASE)
"""A figure that stands on the day it was given ("remain missing", "are still living"): a stock."""
_ANAPHORA = re.compile(r"\bthe\s+(?:death\s+)?toll\b|\bthe\s+(?:attack|strike|air\s*strike|raid|"
                       r"bombing|shelling|blast|explosion|massacre|flood|floods|disaster|dead|"
                       r"victims|wounded|injured)\b|\bthere\b|^another\b", re.IGNORECASE)
"""Words that point back to the incident the article spoke of last ("the toll", "there",
"the dead included five women", "Another 43 people were wounded")."""


_MEASURE_NOUNS = measure_words("dead killed wounded injured hurt casualties")
"""Counted nouns that say what happened and not to whom: "55 dead" counts everyone."""

_EVENT_STOP = frozenset(["the", "a", "an", "of", "in", "on", "and", "by", "for", "to", "at",
                         "its", "their", "city", "since", "that", "with", "from", "which",
                         "people", "civilians", "killed", "said", "says", "have", "has", "been",
                         "were", "was", "is", "are", "it", "they"])


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())
            if w not in _EVENT_STOP and not w.isdigit() and len(w) > 2}


_GENERIC = _stems("air strike attack raid bombing bomb shelling shell barrage missile drone "
                  "offensive war conflict fighting flood floods storm siege battle campaign "
                  "assault massacre killing toll death dead wounded injured region town "
                  "village camp")
"""Words any event of its kind shares: they do not tell one event from another."""


def _scope(reader: FigureReader, quote: str, start: int, end: int, *,
           back: bool = True) -> str | None:
    """The registry event (a campaign or an incident) the figure's clause names: the one
    sharing most words with its label and names, two words at least, when one event alone
    does. An incident wins a tie with the campaign it is part of ("the strike on the
    market" in a story of the whole offensive)."""
    clause = quote[clause_span(quote, start, end)[0]:end + 120]
    words = _stems(clause)
    proper = {w.lower().rstrip("s") for w in re.findall(r"\b[A-Z][\w-]+", clause)}
    scores: dict[str, int] = {}
    for event in reader.registry.events:
        if event.start is not None and event.start > reader.published:
            continue  # not yet happened
        names = _stems(" ".join((event.label, *event.aliases)))
        common = words & names
        shared = len(common) if common - _GENERIC else 0
        if shared >= 2 or (shared and event.id in reader.seen and words & names & proper):
            scores[event.id] = shared  # an event the article spoke of: its place name is enough
    if not scores:
        if back and reader.seen and _ANAPHORA.search(quote[max(0, start - 80):end + 80]):
            return reader.seen[-1]
        return None
    best = max(scores.values())
    winners = [e for e in reader.registry.events if scores.get(e.id) == best]
    if len(winners) > 1:
        incidents = [e for e in winners if e.kind == "incident"]
        winners = incidents if len(incidents) == 1 else winners
    return winners[0].id if len(winners) == 1 else None


def _end_of(reader: FigureReader, found: Any, given: date, dated: bool) -> Any:
    """Where the words end a running total ("as of 1 May", "as of the same date"), or the
    day it was given when the text says it (``dated``), else ``unknown``."""
    if found is not None and found.same_end and isinstance(reader.last_period, dict):
        return reader.last_period.get("end", UNKNOWN)
    if found is not None and found.end is not None and found.kind != "day":
        return _day_words(found.end, min(found.end.latest, given))
    return given.isoformat() if dated else UNKNOWN


_UNDATED = "the text does not say when the figure was given: give the day"


def _incident_period(reader: FigureReader, quote: str, start: int, end: int, given: date,
                     dated: bool, event: Any) -> tuple[Any, list[str]]:
    """An incident's toll: from the incident's day (the registry's, or the day the words
    give it) to the day the toll was given, when the text says when or the incident was
    on the day of publication; else the end is open."""
    found = find_period(quote, start, end, reader.published)
    day = incident_day(quote, start, end, reader.published)
    stretch = found is not None and found.kind == "month" and found.start is not None and not (
        day is not None and found.start.earliest <= day.earliest <= found.start.latest)
    if found is not None and (found.kind in ("since", "range", "past", "as-of", "same") or
                              stretch):  # "84 air strikes in April": the words' period
        period, notes = _words_period(reader, found, given, dated)
        if isinstance(period, dict) and period.get("start") == UNKNOWN and event.start:
            period = {**period, "start": event.start}
        return period, notes
    first: Any = event.start or (_day_words(day, day.earliest) if day is not None else UNKNOWN)
    first_day = event.start or (day.earliest if day is not None else None)
    stated_on = found if found is not None and found.kind == "as-of" else None
    last: Any = _end_of(reader, stated_on, given, True) if dated or stated_on is not None or \
        first_day == reader.published else UNKNOWN
    notes = [] if first != UNKNOWN else [f"give the day of {event.label}"]
    if last == UNKNOWN:
        notes.append("the text does not say when the toll was given: give the day")
    return {"start": first, "end": last}, notes


def _words_period(reader: FigureReader, found: Any, given: date,
                  dated: bool) -> tuple[Any, list[str]]:
    """The period the words ``found`` give."""
    first: Any = UNKNOWN
    last: Any = _end_of(reader, found, given, dated)
    note: list[str] = []
    if found.kind == "same":
        if reader.last_period is None:
            return UNKNOWN, ["'the same period' as a figure not drafted: give its period"]
        return reader.last_period, []
    if found.kind in ("range", "month") and found.start and found.end:
        first = _day_words(found.start, found.start.earliest)
        last = _day_words(found.end, min(found.end.latest, given))
    elif found.kind == "past" and found.days is not None:
        first = days_back(given, found.days).isoformat()
        if last == UNKNOWN:  # "in the past 10 days" counts back from the day it was said
            last = given.isoformat()
            note.append("counted back from the day of publication: check the day it was said")
    elif found.kind == "since" and found.start:
        first = _day_words(found.start, found.start.earliest) if found.start.day else \
            found.start.expression
        if found.start.day is None:
            note.append(f"'{found.start.expression}' names no day: give the day if known")
    elif found.kind == "day" and found.start:
        # what happened on one day, no incident of the registry: that day's count
        first = _day_words(found.start, found.start.earliest)
        last = _day_words(found.start, found.start.latest)
    elif found.kind == "since-event" and found.event:
        began = _campaign_start(reader, found.event)
        if began is None:
            return {"start": UNKNOWN, "end": last}, [f"'since {found.event}': give the day it "
                                                     "began"]
        first = {"expression": f"since {found.event}", "date": began}
    return {"start": first, "end": last}, note + ([_UNDATED] if last == UNKNOWN else [])


def _period(reader: FigureReader, quote: str, start: int, end: int, given: date,
            dated: bool, event: Any) -> tuple[Any, list[str]]:
    """A figure's period from the words around it (``unknown`` where they say nothing), and
    what the reviewer should check. ``given`` is the day the figure was given (``dated``:
    the text says so): a running total, or a figure that stands, runs to that day; an
    incident's toll was given then only when the text says when it was given."""
    if event is not None and event.kind == "incident":
        return _incident_period(reader, quote, start, end, given, dated, event)
    found = find_period(quote, start, end, reader.published)
    near = quote[max(0, start - 40):end + 60]
    if found is None or (found.kind == "as-of" and found.start is None):
        last = _end_of(reader, found, given, dated)
        undated = [_UNDATED] if last == UNKNOWN else []
        if _STANDING.search(near) and not (event is not None and event.start):
            return {"start": last, "end": last}, undated  # a stock, on the day it was given
        if _RUNNING.search(near) or _STANDING.search(near) or found is not None:
            first = event.start if event is not None and event.start else UNKNOWN
            notes = [f"the period starts when {event.label} began: check"] \
                if first != UNKNOWN and event is not None else []
            return {"start": first, "end": last}, notes + undated
        return UNKNOWN, []
    period, notes = _words_period(reader, found, given, dated)
    if event is not None and event.start and isinstance(period, dict) and \
            period.get("start") == UNKNOWN:
        period = {**period, "start": event.start}  # from the day the event began
        notes.append(f"the period starts when {event.label} began: check")
    return period, notes


def replace_noun(found: FoundQuantity) -> FoundQuantity:
    """The figure with only its counted noun as its words: whether the noun is the measure
    ("690 injured": the noun names what is counted, not whom)."""
    return dataclasses.replace(found, context=found.noun, start=0, end=0)


def read_figures(reader: FigureReader, quote: str, given: date,
                dated: bool) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The figures of a statement, the numbers no measure fits, and notes for the reviewer."""
    matched, loose, notes = [], [], []
    counts = {m.id: m.counts for m in reader.registry.measures}
    before: tuple[FoundQuantity, dict[str, Any]] | None = None
    main: tuple[FoundQuantity, dict[str, Any]] | None = None
    for found in find_quantities(quote):
        value = list(found.value) if isinstance(found.value, tuple) else found.value
        measure = match_measure(found, reader.registry.measures)
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
            population = match_population(found, reader.registry.populations)
            carried = main or before
            if population is None and carried is not None and \
                    carried[1].get("population", UNKNOWN) != UNKNOWN and not part_of_last and \
                    (found.noun in ("", "others", "more", "other") or
                     match_measure(replace_noun(found), reader.registry.measures) == measure):
                population = carried[1]["population"]  # "killed 158 civilians and injured 590"
            if population is None and (part_of_last or re.match(r"\s+of\s+(?:them|whom)\b",
                                                                 quote[found.end:])):
                whole = (main or before or (None, {}))[1].get("population", UNKNOWN)
                population = whole if whole != UNKNOWN else "people"  # "190 of them"
            elif population is None and found.noun and measure_words(found.noun) <= \
                    _MEASURE_NOUNS:
                population = "people"  # "55 dead": everyone the toll counts
            quantity["population"] = population or UNKNOWN
        quantity[found.bound] = value
        quantity["words"] = found.words
        whole = before[1] if before is not None and part_of_last else None
        if whole is not None:  # "17 killed, among them four children": the whole's scope
            scope = None if whole["scope"] == UNKNOWN else whole["scope"]
        else:
            scope = _scope(reader, quote, found.start, found.end)
        quantity["scope"] = scope or UNKNOWN
        event = next((e for e in reader.registry.events if e.id == scope), None)
        if scope is not None:
            reader.see(scope)
        if whole is not None:
            period, note = whole["period"], list[str]()  # and its period
        else:
            period, note = _period(reader, quote, found.start, found.end, given, dated, event)
        quantity["period"] = period
        if period != UNKNOWN:
            reader.last_period = period
        notes += note
        matched.append(quantity)
        before = (found, quantity)
        if not part_of_last:
            main = (found, quantity)  # "11,126 killed, including 614 children, and 22,216 injured"
    return matched, loose, notes
