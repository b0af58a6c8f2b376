"""Find the period a figure covers in the words around it: "since April 26", "in the past 10
days", "from 28 April to 21 May", "in May", "on Sunday", "over the same period".

:func:`find_period` looks in the clause that holds the number, then in the rest of the
statement, and returns what the words say: where the period starts and where it ends, each
as the words written and the days they allow (a
:class:`~claimgraph.graph.text.timeexpr.TimeInterval`).
A part the words leave open is None: a running total "since April 26" says nothing of its
end (it runs to the day it was given, which the caller knows), and "23 killed" says nothing
at all. Nothing here guesses: the caller writes "unknown" where this finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.graph.text.timeexpr import TimeExpressionError, TimeInterval, resolve

__all__ = ["FoundPeriod", "clause_span", "days_back", "find_period", "incident_day"]

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+"
        rf"{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|(?:last\s+)?{_WEEKDAY}|"
        r"yesterday|today)")
_PART = (rf"(?:(?:early|mid|late)[-\s]+{_MONTH}|"
         rf"the\s+(?:start|beginning|end|middle)\s+of\s+{_MONTH})")
_WHEN = rf"(?:{_PART}(?:\s+\d{{4}})?|{_DAY}|{_MONTH}(?:\s+\d{{4}})?|last\s+(?:week|month|year))"
_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "hour": 0}
_I = re.IGNORECASE

_SINCE = re.compile(rf"\bsince\s+(?:the\s+)?(?P<when>{_WHEN})\b", _I)
_SINCE_EVENT = re.compile(
    rf"\bsince\s+(?P<event>(?:(?!\bsince\b)[^;.]){{3,140}}?)\s+(?:on|in)\s+(?P<when>{_WHEN})\b", _I)
_SINCE_NAMED = re.compile(
    r"\bsince\s+(?P<event>(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:war|conflict|offensive|coup|invasion|fighting|siege|campaign|storm|flood|floods|"
    r"earthquake|quake|escalation|assault|operation|uprising|crisis|hostilities|battle)"
    r"(?:\s+(?:began|started|erupted|broke\s+out|struck|hit|was\s+launched))?)\b", _I)
_PAST = re.compile(
    r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fourteen|fifteen|twenty|thirty)\s+)?(?P<unit>day|week|month|hour)s?\b"
    r"|\bin\s+(?:just\s+|only\s+|barely\s+)?(?P<count2>\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty)\s+"
    r"(?P<unit2>day|week|month)s?\b", _I)
_RANGE = re.compile(
    rf"\b(?:from|between)\s+(?P<first>{_WHEN}|\d{{1,2}}(?:st|nd|rd|th)?)\s+(?:to|and|until|"
    rf"through|till|-)\s+(?P<second>{_WHEN})\b", _I)
_IN_MONTH = re.compile(rf"\b(?:in|during|throughout)\s+(?P<when>{_MONTH}(?:\s+\d{{4}})?|"
                       r"(?:last|this)\s+(?:week|month)|the\s+(?:past|last)\s+week)\b", _I)
_ON_DAY = re.compile(rf"\b(?:on|late\s+on|early\s+on|overnight\s+on)\s+(?P<when>{_DAY})\b|"
                     rf"^(?P<lead>{_DAY}|overnight|last\s+night)\b|"
                     rf"\b(?P<bare>(?:last\s+)?{_WEEKDAY}|yesterday|overnight|last\s+night)"
                     rf"(?:\s+(?:morning|afternoon|evening|night))?\b", _I)
_SAME = re.compile(r"\b(?:over|in|during|for)\s+the\s+same\s+(?:period|time|days|weeks)\b", _I)
_SAME_DAY = re.compile(r"\b(?:as\s+of|by|up\s+to|until)\s+the\s+same\s+(?:date|day)\b", _I)
_GIVEN_ON = re.compile(
    rf"\b(?:in|with)\s+(?:an?|its|their|the)\s+(?:latest\s+|new\s+|daily\s+|weekly\s+)?"
    rf"(?:update|statement|report|briefing|tally|count|bulletin|post)\s+(?:released\s+|published\s+|"
    rf"issued\s+|posted\s+)?on\s+(?P<when>{_DAY})\b", _I)
"""A day the figure was given on, not a day it counts: "the toll at 11,300 in an update on
Saturday"."""
_STATE = re.compile(r"\b(?:as\s+of|by|up\s+to|until|through)\s+(?P<when>" + _DAY + r")\b", _I)
_BEGAN = re.compile(
    r"\b(?:war|conflict|offensive|coup|invasion|fighting|siege|campaign|storm|floods?|"
    r"earthquake|escalation|assault|operation|uprising|hostilities|battle)\s*,?\s+(?:which|that)\s+"
    rf"(?:began|started|erupted|broke\s+out|struck|hit)\s+(?:in|on)\s+(?P<when>{_WHEN})\b", _I)
"""``The war, which broke out in April 2023, has killed ...``: a running total from then."""


@dataclass(frozen=True)
class FoundPeriod:
    """What the words say of a figure's period. ``kind`` tells how: ``since`` (a running
    total from a day), ``since-event`` (from an event the words name without a day:
    ``event`` holds its words), ``past`` (the last N days), ``range``, ``month`` (a named
    stretch), ``day`` (an incident's day), ``same`` (the period of the figure before),
    ``as-of`` (a count to a day)."""

    kind: str
    start: TimeInterval | None = None
    end: TimeInterval | None = None
    event: str | None = None
    days: int | None = None
    """For ``past``: how many days back from the end."""
    same_end: bool = False
    """The words end it "as of the same date" as the figure before."""


def _resolve(words: str, published: date) -> TimeInterval | None:
    try:
        interval = resolve(words, published)
    except TimeExpressionError:
        return None
    return interval if interval.earliest <= published else None


_STOP = re.compile(r";|(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\bSept)(?<!\b[A-Z])\.\s")
"""Where a clause ends: a semicolon or a full stop, not the point of an abbreviation ("Sept. 10",
"Dr. Ali", "U.S. officials")."""


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): up to the nearest full stop or semicolon."""
    stops = [m.start() for m in _STOP.finditer(text)]
    before = max((i for i in stops if i < start), default=-1)
    after = min((i for i in stops if i >= end), default=len(text))
    return before + 1, after


def _search(text: str, published: date, span: tuple[int, int]) -> FoundPeriod | None:
    window = text[span[0]:span[1]]
    found = _RANGE.search(window)
    if found:
        second = _resolve(found["second"], published)
        first_words = found["first"]
        if second and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first_words):
            month = re.search(_MONTH + r"(?:\s+\d{4})?", found["second"], _I)
            first_words = f"{first_words} {month[0]}" if month else first_words
        first = _resolve(first_words, published)
        if first and second and first.earliest <= second.latest:
            return FoundPeriod("range", first, second)
    found = _PAST.search(window)
    if found:
        raw = (found["count"] or found["count2"] or "one").lower()
        count = int(raw) if raw.isdigit() else _NUMBER.get(raw, 1)
        unit = (found["unit"] or found["unit2"]).lower()
        days = count * _UNIT_DAYS[unit] if unit != "hour" else max(1, count // 24)
        return FoundPeriod("past", days=days)
    until = _STATE.search(window) or _GIVEN_ON.search(window)
    end = _resolve(until["when"], published) if until else None
    same_end = bool(_SAME_DAY.search(window))
    found = _SINCE.search(window) or _SINCE_EVENT.search(window) or _BEGAN.search(window)
    if found and (start := _resolve(found["when"], published)):
        return FoundPeriod("since", start, end, same_end=same_end)
    found = _SINCE_NAMED.search(window)
    if found:
        return FoundPeriod("since-event", end=end, event=found["event"], same_end=same_end)
    if _SAME.search(window):
        return FoundPeriod("same")
    found = _STATE.search(window) or _GIVEN_ON.search(window)
    if found and (day := _resolve(found["when"], published)):
        return FoundPeriod("as-of", end=day)
    if same_end:
        return FoundPeriod("as-of", same_end=True)
    found = _IN_MONTH.search(window)
    if found and (stretch := _resolve(found["when"], published)):
        return FoundPeriod("month", stretch, stretch)
    found = _ON_DAY.search(window)
    if found:
        words = found["when"] or found["lead"] or found["bare"]
        day = _resolve(words, published)
        if day is not None:
            return FoundPeriod("day", day)
    return None


def find_period(text: str, start: int, end: int, published: date) -> FoundPeriod | None:
    """The period the figure at [start, end) of ``text`` (a statement) covers, as far as
    the words say: first in the figure's clause, then in the whole statement."""
    clause = clause_span(text, start, end)
    return _search(text, published, clause) or (
        _search(text, published, (0, len(text))) if clause != (0, len(text)) else None)


_INCIDENT_NOUN = (r"(?:attack|strike|air\s*strike|airstrike|raid|barrage|bombing|bombardment|"
                  r"shelling|massacre|explosion|blast|ambush|assault|flood|floods|collapse|"
                  r"earthquake|fire|killings|shooting)")
_DATED_INCIDENT = re.compile(
    rf"\b(?:the\s+)?(?P<when>{_DAY})(?:'s|\u2019s)?\s+(?:[\w-]+\s+){{0,2}}?{_INCIDENT_NOUN}\b"
    rf"|\b{_INCIDENT_NOUN}\s+(?:of|on)\s+(?P<of>{_DAY})\b", _I)
"""An incident named with its day: "the August 2 attack", "Tuesday's strike", "the attack of
9 August"."""


def incident_day(text: str, start: int, end: int, published: date) -> TimeInterval | None:
    """The day of the incident whose toll the figure at [start, end) gives, where its clause
    names one: "the August 2 attack", "Tuesday's strike", "killed 23 on Sunday"."""
    window = text[slice(*clause_span(text, start, end))]
    found = _DATED_INCIDENT.search(window)
    if found and (day := _resolve(found["when"] or found["of"], published)):
        return day
    found = _ON_DAY.search(window)
    if found:
        return _resolve(found["when"] or found["lead"] or found["bare"], published)
    return None


def days_back(end: date, days: int) -> date:
    """The first day of the last ``days`` days up to ``end`` ("the past 10 days")."""
    return end - timedelta(days=days)
