"""Find the numbers a statement gives, with their bounds ("at least 544", "over 2,000", "dozens").

Each :class:`FoundQuantity` has the bound kind of the authoring format (``exact``,
``at_least``, ``more_than``, ``at_most``, ``fewer_than``, ``approximately``, ``between``), the
stated value (or ``[low, high]``), the words as written, and what is counted: the noun after
the number and the words around it, which :func:`match_measure` and
:func:`match_population` compare with the names of the registry's measures and populations.
Years, days of the month, ages ("two-month-old") and numbers inside names are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Entry", "FoundQuantity", "find_quantities", "match_measure", "match_population",
           "measure_words"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
BOUND_WORDS = [
    (r"at least|no fewer than|not less than|a minimum of|upwards of", "at_least"),
    (r"more than|over|above|in excess of", "more_than"),
    (r"at most|up to|no more than|as many as|a maximum of", "at_most"),
    (r"fewer than|less than|under|below|nearly|almost|just under", "fewer_than"),
    (r"about|around|approximately|roughly|some|an estimated|close to|"
     r"an approximate", "approximately"),
]
VAGUE = [
    (r"hundreds of thousands", (200_000, 999_999)),
    (r"tens of thousands", (20_000, 99_999)),
    (r"thousands", (2_000, 9_999)),
    (r"hundreds", (200, 999)),
    (r"dozens", (24, 99)),
    (r"scores", (40, 99)),
    (r"millions", (2_000_000, 9_999_999)),
]
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
STOP = frozenset(
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "their", "its",
        "his", "her", "our", "your", "this", "that", "these", "those", "who", "whom", "which",
        "as", "from", "into", "than", "more", "including", "inside", "outside", "across",
        "within", "since", "during", "over", "after", "before", "last", "so", "far",
    ]
)

_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
"""Number words, for telling where one figure's words end and the next figure's begin."""
_NUMBER = (r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(
    sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s+(?P<scale>thousand|million|billion))?")
_BOUND = "|".join(f"(?P<{kind}>{words})" for words, kind in BOUND_WORDS)
_PATTERN = re.compile(
    rf"(?<![\w-])(?:(?P<between>between\s+{_NUMBER.replace('?P<', '?P<a')}\s+and\s+)"
    rf"|(?:{_BOUND})\s+|(?P<lead>[Tt]he|[Aa]nother)\s+)?{_NUMBER}"
    r"(?P<ordinal>st|nd|rd|th)?(?![\w-])", re.IGNORECASE)
_VAGUE = re.compile(r"(?<!\w)(?P<vague>" + "|".join(words for words, _ in VAGUE) + r")(?:\s+of\b)?",
                    re.IGNORECASE)


@dataclass(frozen=True)
class FoundQuantity:
    """A number in a statement, as the inclusive bound the words give."""

    bound: str
    value: int | tuple[int, int]
    words: str
    noun: str
    """What is counted, as written: "civilians", "villages and towns" ("" when unclear)."""
    context: str
    """The statement's words, for matching a measure."""
    start: int
    end: int


def _value(number: str, scale: str | None) -> int | None:
    raw = number.lower().replace(",", "")
    if raw in NUMBER_WORDS:
        value: float = NUMBER_WORDS[raw]
    else:
        try:
            value = float(raw)
        except ValueError:
            return None
    if scale:
        value *= SCALES[scale.lower()]
    return round(value) if float(value).is_integer() or scale else None


def _noun(after: str) -> str:
    """The counted noun phrase after a number: "civilians", "villages and towns", and for
    "622 of them children", "children"."""
    of_them = re.match(r"\s+of\s+(?:them|whom|those)\s+(?:were\s+|are\s+)?([a-z][\w-]*)", after)
    if of_them:
        return of_them[1]
    match = re.match(r"\s+((?:[a-z][\w-]*)(?:\s+(?:and|or)\s+[a-z][\w-]*)?)", after)
    if not match:
        return ""
    words = match[1]
    if words.split()[0] in STOP:
        return ""
    parts = words.split()
    if len(parts) == 3 and parts[2].endswith(("ed", "ing")):
        words = parts[0]  # "civilians and injured 590", "people and wounding dozens": the
        # next figure's verb
    more = re.match(r"\s+([a-z][\w-]*)", after[match.end():])
    if more and more[1] not in STOP and not more[1].endswith("ed") and " " not in words:
        words = f"{words} {more[1]}"  # "civilian lives"
    return words


def _is_not_a_count(text: str, match: re.Match[str], value: int) -> bool:
    before = text[max(0, match.start() - 12):match.start()].lower()
    after = text[match.end():match.end() + 12].lower()
    if re.search(rf"\b(?:{MONTHS})\.?\s*$", before) or re.match(rf"\s*(?:{MONTHS})\b", after):
        return True  # "April 26", "26 April"
    if 1900 <= value <= 2100 and re.search(rf"\b(?:{MONTHS})\.?(?:\s+\d{{1,2}})?,?\s*$", before):
        return True  # "February 24, 2022", "May 2023"
    if re.match(rf"\s*(?:to|-|\u2013|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b",
                after) and value <= 31:
        return True  # "from 1 to 30 April"
    if 1900 <= value <= 2100 and not match["scale"] and not re.match(r"\s+[a-z]", after):
        return True  # a year: "in 2015", "of 2015."
    if re.match(r"-?\s*(?:hour|day|week|month|year|minute|decade)s?\b", after.lstrip(" ")):
        return True  # a duration: "two months ago", "two-month-old"
    if re.match(rf"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d{{1,3}}(?![\d,])|{_WORDS})\b"
                r"(?!\s+(?:days?|weeks?|months?|years?|hours?))",
                text[match.end():match.end() + 40], re.IGNORECASE):
        return True  # a ratio: "nine in every ten", "two out of three"
    if re.search(r"\b(?:in\s+every|out\s+of(?:\s+every)?)\s*$", before):
        return True  # the ratio's second term
    if re.match(r"\s*times\b", after) or re.search(r"\b(?:age\s+of|aged|ages)\s*$", before):
        return True  # a ratio ("four times as many"), an age ("under the age of five")
    if value == 1 and re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*(?:'s|\u2019s)\s+)"
                               r"(?:[\w'\u2019-]+\s+){0,2}?(?:[\w-]+est|most|few)\b",
                               text[match.end():]):
        return True  # "one of Ukraine's largest printing houses" names a thing
    return bool(re.match(r"\s*(?:am|pm|a\.m\.|p\.m\.|%|percent|per cent)\b", after))


def find_quantities(text: str) -> list[FoundQuantity]:
    """Every count stated in ``text``, in order."""
    found: list[FoundQuantity] = []
    taken: list[tuple[int, int]] = []
    for match in _VAGUE.finditer(text):
        low, high = next(span for words, span in VAGUE
                         if re.fullmatch(words, match["vague"], re.IGNORECASE))
        after = text[match.end():]
        if match[0].endswith("of"):  # "dozens of the paramilitary's fighters": "fighters"
            after = re.sub(r"^\s+(?:the|its|their|his|her)\s+(?:[\w-]+(?:'s|\u2019s)\s+)?(?=[a-z])",
                           " ", after)
        noun = _noun(after)
        found.append(FoundQuantity("between", (low, high), match[0].strip(), noun, text,
                                   match.start(), match.end()))
        taken.append(match.span())
    for match in _PATTERN.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = _value(match["number"], match["scale"])
        if value is None or _is_not_a_count(text, match, value):
            continue
        if match["ordinal"] and (match["lead"] or "").lower() != "the":
            continue
        words = match[0].strip()
        noun = _noun(text[match.end():])
        stated: int | tuple[int, int]
        if match["between"]:
            least = _value(match["anumber"], match["ascale"])
            if least is None or least > value:
                continue
            bound, stated = "between", (least, value)
        else:
            bound = next((kind for _, kind in BOUND_WORDS if match[kind]), None) or (
                "approximately" if match["scale"] else "exact")
            stated = value
        if match["ordinal"]:
            noun = _noun(text[match.end():])
        if match["lead"] and match["lead"].lower() == "the" and noun:
            words = f"{words} {noun}"
        found.append(FoundQuantity(bound, stated, words, noun, text, match.start(),
                                   match.end()))
    return sorted(found, key=lambda q: q.start)


def _stem(word: str) -> str:
    word = word.lower().strip(".,;:'\"()")
    for ending in ("ies", "ied"):
        if word.endswith(ending) and len(word) > 4:
            return word[: -len(ending)] + "y"
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


SYNONYMS = {"wound": "injur", "hurt": "injur", "injury": "injur", "die": "kill", "died": "kill",
            "dead": "kill", "death": "kill", "slain": "kill", "flee": "displac", "fled": "displac",
            "displace": "displac", "uproot": "displac"}
"""Stems that count what another stem counts: "wounded" people are "injured" people."""


def measure_words(text: str) -> set[str]:
    """The content words of ``text``, crudely stemmed, for comparing with labels."""
    stems = {_stem(w) for w in re.findall(r"[A-Za-z][\w-]*", text) if w.lower() not in STOP}
    return stems | {SYNONYMS[s] for s in stems if s in SYNONYMS}


class Entry(Protocol):
    """What :func:`match_question` reads of a registry measure or population."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...

    @property
    def counts(self) -> str | None: ...


def _names(entry: Entry) -> list[list[str]]:
    """Each name of ``entry`` (label and aliases) as its content stems, synonyms applied."""
    names = []
    for name in (entry.label, *entry.aliases):
        stems = [SYNONYMS.get(s, s) for s in (_stem(w) for w in re.findall(
            r"[A-Za-z][\w-]*", name) if w.lower() not in STOP)]
        if stems:
            names.append(stems)
    return names


def _stems(text: str) -> list[set[str]]:
    """Each word's stems (with synonyms), in order."""
    return [measure_words(w) for w in text.split()]


def _window(quantity: FoundQuantity) -> tuple[set[str], list[set[str]], list[set[str]]]:
    """The stems of the counted noun; of the few words after it (nearest first) and of the
    few before (nearest first), within the clause."""
    after = quantity.context[quantity.end:]
    # "165 people, among them 27 children, were killed": what is counted comes after the part
    after = re.sub(r"^((?:\s+[\w-]+){0,2}),\s+(?:among\s+them|among\s+whom|including|of\s+whom)"
                   r"\s+[^,.;]{1,40},", r"\1", after, flags=re.IGNORECASE)
    before = quantity.context[:quantity.start]
    # up to the next figure or the next coordinated clause ("killed 158 civilians and
    # injured 590": "injured" is the next figure's), and back to the figure before
    clause_after = re.split(rf"[;.]|,\s+(?:and|but|while|as)\b|\s+and\s+|\b(?:\d|(?:{_WORDS})\b)",
                            after, maxsplit=1, flags=re.IGNORECASE)[0]
    clause_before = re.split(rf"[;.]|\d[\d,]*|\b(?:{_WORDS})\b", before,
                             flags=re.IGNORECASE)[-1]
    # "the death toll from the shelling of the market rose to 20": the subject is far back
    reach = 16 if re.search(r"\b(?:to|at|reached|of|was|is|stood|stands|hit)\s*$", before) else 6
    return (measure_words(quantity.noun), _stems(" ".join(clause_after.split()[:8])),
            _stems(" ".join(clause_before.split()[-reach:]))[::-1])


def _distance(name: list[str], words: list[set[str]]) -> int | None:
    """How far into ``words`` every stem of ``name`` has occurred, or None if one never does."""
    seen: set[str] = set()
    for index, stems in enumerate(words):
        seen |= stems
        if all(w in seen for w in name):
            return index
    return None


def match_measure(quantity: FoundQuantity, measures: Iterable[Entry]) -> str | None:
    """The id of the registry measure the quantity counts, or None when no measure fits.

    A measure of things (``counts: things``, "medical facilities attacked") fits when its
    first word names what is counted (the noun after the number) and most of its other
    words occur near it. A measure of people ("killed", "displaced") fits when one of its
    names occurs in the counted noun ("deaths"), just after it ("were killed") or just
    before ("killing 23", "a death toll of 23"): the noun first, then the nearest."""
    noun, after, before = _window(quantity)
    near = set().union(*after) if after else set()
    context = measure_words(quantity.context)
    best: tuple[float, str] | None = None
    for measure in measures:
        for name in _names(measure):
            if measure.counts == "things":
                if name[0] not in noun:
                    continue
                rest = name[1:]
                score = 1.0
                if rest:
                    share = sum(w in near or w in noun for w in rest) / len(rest)
                    score = share or sum(w in context for w in rest) / len(rest) / 2
                    if score < 0.25:
                        continue
                score += 20
            elif all(w in noun for w in name):
                score = 20.0
            elif (distance := _distance(name, after)) is not None:
                score = 10.0 - distance
            elif (distance := _distance(name, before)) is not None:
                score = 5.0 - distance / 2
            else:
                continue
            score += len(name) / 100  # "death toll" over "death"
            if best is None or score > best[0]:
                best = (score, measure.id)
    return best[1] if best else None


def match_population(quantity: FoundQuantity, populations: Iterable[Entry]) -> str | None:
    """The id of the population a count of people counts, from the counted noun and the
    words before it ("544 civilians", "130 children", "410 civilian deaths", "15 people"),
    or None when the text does not say whom ("23 killed", "180,000 displaced")."""
    noun = measure_words(quantity.noun)
    best: tuple[tuple[int, bool], str] | None = None
    for population in populations:
        for name in _names(population):
            score = (len(name), bool(getattr(population, "part_of", None)))
            if all(w in noun for w in name) and (best is None or score > best[0]):
                best = (score, population.id)  # the longer name, then the narrower group
    return best[1] if best else None
