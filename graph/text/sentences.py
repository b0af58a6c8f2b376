"""Split web-page text into paragraphs and sentences a person reads, keeping original offsets.

Text copied from a web page keeps the page's hard line wraps, words hyphenated across line
breaks (``rebel-`` / ``held``), a mix of straight and curly quote marks, and page furniture
("Related article: ..."). Wire copy adds a headline, a dateline ("BEIRUT, July 23 (Example
Daily) - ") and sometimes a notice that is not reporting ("Editor's note: ..."). :func:`segment`
finds the furniture lines and notices, sets the headlines apart, and reads every other
paragraph as one line: wraps joined, quote marks straightened, a word broken across a line
joined again. Each :class:`Sentence` keeps a map from its reading text back to the original,
so ``sentence.original_span(start, end)`` is a span of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.graph.text.anchor import DOUBLE_QUOTES, SINGLE_QUOTES

__all__ = ["CREDITED_DATELINE", "DATELINE", "FURNITURE", "FURNITURE_LINE", "NOTICE", "Segmented",
           "Sentence", "dateline", "dateline_outlet", "segment"]

FURNITURE = re.compile(
    r"(?:related(?:\s+(?:article|story|stories|content|coverage|news|reading))?|read\s+more"
    r"|also\s+read|see\s+also|more\s+on\s+this|recommended|advertisement|share\s+this"
    r"(?:\s+article)?|click\s+here|subscribe|sign\s+up|follow\s+us|reporting\s+by"
    r"|editing\s+by|writing\s+by|additional\s+reporting)\b\s*:?",
    re.IGNORECASE,
)
"""How a line of page furniture starts: links to other articles, sharing and credit lines."""
FURNITURE_LINE = re.compile(
    r"(?:our\s+standards\b.*|copyright\b.*|\(?c\)\s*\d{4}\b.*|\u00a9.*|all\s+rights\s+reserved\.?"
    r"|(?:photo|photograph|image|picture|file\s+photo|video)\s*:.*"
    r"|.{0,80}\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story)\.?"
    r"|[a-z]{2,5}(?:-[a-z]{2,5})?(?:/[a-z]{2,5}){1,4}"
    r"|(?:https?://|www\.)\S+)",
    re.IGNORECASE)
"""A whole line that is page furniture: a publisher's standards or copyright notice, a photo
credit, "Jane Roe contributed to this report", a wire desk's initials (``bur-hs/fb/sbk``),
a bare web address."""

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DATE = (_MONTHS + r"\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+" + _MONTHS +
         r"(?:\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_COUNTRY = r"(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
DATELINE = re.compile(
    r"(?-i:(?P<place>[A-Z][A-Z.'/-]+(?:\s+[A-Z][A-Z.'/-]+)*)" + _COUNTRY +
    r"(?:,\s+(?P<date>" + _DATE + r"))?"
    r",?\s*(?:\((?P<outlet>[^()]{1,60})\))?\s*[-\u2013\u2014]+\s+(?=[A-Z0-9\"'\u201c\u2018]))")
"""A dateline opening a report: ``BEIRUT (Reuters) - ``, ``AMMAN, July 22 (Example Wire) - ``,
``BENGHAZI, Libya, Sept 13 (Reuters) - ``, ``KYIV - ``: a place in capitals, an optional
country, an optional day, an optional outlet, a dash, and a sentence that starts with a
capital (so "NOTICE - not real" is no dateline)."""
CREDITED_DATELINE = re.compile(
    r"(?-i:(?P<place>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,2})" + _COUNTRY +
    r"(?:,\s+(?P<date>" + _DATE + r"))?"
    r",?\s*(?:(?:\([A-Z][\w .'-]{1,30}\)\s*)?\((?P<outlet>[^()]{1,60})\)"
    r"|(?<=,)\s*(?P<agency>[A-Z]{2,8}))\s*[-\u2013\u2014]+\s+"
    r"(?=[A-Z0-9\"'\u201c\u2018]))")
"""A dateline whose place is not in capitals, which a credit then marks: ``Port Sudan
(Sudan) (AFP) - ``, ``Kyiv, Ukraine (Reuters) - ``, or a state agency's initials after the
day: ``Riyadh, August 04, 2018, SPA -- ``."""

NOTICE = re.compile(
    r"(?:editor'?s'?\s+note|note\s+to\s+(?:editors|readers)|note|disclaimer|correction"
    r"|clarification|update)\s*:"
    r"|this\s+(?:article|story|report|text|piece)\s+(?:was|is|has\s+been)\s+(?:invented"
    r"|made\s+up|fictional|written\s+for|produced\s+for|created\s+for|updated|corrected"
    r"|amended)\b"
    r"|(?-i:[A-Z][A-Z'/-]+(?:\s+[A-Z][A-Z'/-]+)*)\s+[-\u2013\u2014:]+\s+(?-i:[a-z])",
    re.IGNORECASE,
)
"""How a notice that is not reporting starts: an editor's note, a correction, "This article was
invented ...", or a label in capitals followed by lower-case words ("TEST FIXTURE - not
real reporting")."""

MAX_LEADING_PARAGRAPHS = 3
"""Paragraphs above the dateline (notices, a headline) are furniture when there are at most
this many: a dateline further down opens a section of a longer report, not the report."""
MAX_HEADLINE_WORDS = 20
"""A headline is a line of its own, without final punctuation, of at most this many words."""

ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen",
        "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
)
"""Words that end with a full stop without ending the sentence ("Dr. Sawah")."""


COMPOUND_ENDS = frozenset(
    [
        "held", "based", "led", "backed", "run", "owned", "controlled", "linked", "affiliated",
        "born", "old", "long", "term", "scale", "wide", "level", "free", "made", "style",
        "related", "like", "type", "sized", "year", "month", "day", "week", "hour", "up", "off",
        "out",
    ]
)
"""Second halves of compounds ("rebel-held", "U.S.-based"): a line break after their hyphen
keeps it; other words broken across lines ("vil-" / "lage") are joined."""


@dataclass(frozen=True)
class Sentence:
    """One sentence as a person reads it, and where each of its characters is in the original."""

    text: str
    """The reading text: one line, straight quotes, line-break hyphenation resolved."""
    offsets: tuple[int, ...]
    """``offsets[i]`` is the original offset of ``text[i]``."""
    paragraph: int
    """Index of the paragraph (0-based); sentences of one paragraph share it."""

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (end exclusive)."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Segmented:
    """An article's sentences, its furniture lines (page furniture and notices that are not
    reporting) and its headline lines, in the order of the text."""

    sentences: tuple[Sentence, ...]
    furniture: tuple[str, ...]
    headlines: tuple[str, ...] = ()
    """Lines standing alone without final punctuation: the title and any subheadings."""
    outlet: str | None = None
    """The outlet a dateline names ("BEIRUT (Reuters) - "), if any."""


def dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of a paragraph's reading text, if it has one."""
    return DATELINE.match(text) or CREDITED_DATELINE.match(text)


def dateline_outlet(found: re.Match[str]) -> str | None:
    """The outlet a dateline credits, if it names one."""
    groups = found.groupdict()
    named = groups.get("outlet") or groups.get("agency")
    return " ".join(named.split()) if named else None


def _is_label_block(lines: list[str]) -> bool:
    """Lines that label a page rather than report: a masthead, a byline and its time, a
    section path, a media-contacts block ("Myanmar Now" / "April 12, 2023"; "by Jane Roe |
    December 10, 2024 9:14 PM"): every line short and the last without the final
    punctuation of a sentence."""
    last = lines[-1].strip()
    return (all(len(line.split()) <= MAX_HEADLINE_WORDS for line in lines)
            and last[-1] not in ".?!:;,\"'\u201d\u2019" and not dateline(lines[0].strip()))


def _is_headline(lines: list[str]) -> bool:
    """One line, not too long, without the final punctuation of a sentence, that neither
    starts in lower case nor quotes anyone in double quotes."""
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    words = line.split()
    return (1 <= len(words) <= MAX_HEADLINE_WORDS and line[-1] not in ".?!:;,\"'\u201d\u2019"
            and not line[0].islower() and not re.search(r"[\"\u201c\u201d]", line)
            and not dateline(line))


_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*")
_WORD = re.compile(r"[A-Za-z]+")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")


def _joined_words(text: str) -> set[str]:
    """Lower-case words the text has away from line-break hyphens: evidence for keeping the
    hyphen of ``rebel-`` / ``held`` ("held" is a word of the text) but not of ``over-`` /
    ``whelmed``."""
    away = re.sub(r"[A-Za-z]+-[ \t]*\r?\n[ \t]*[A-Za-z]+", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", away)}


def _read(paragraph: str, start: int, known: set[str]) -> tuple[str, list[int]]:
    """The reading text of ``paragraph`` (at ``start`` in the original) and its offset map."""
    chars: list[str] = []
    offsets: list[int] = []
    index = 0
    while index < len(paragraph):
        char = paragraph[index]
        hyphen = _BREAK.match(paragraph, index) if char == "-" else None
        if hyphen and chars and chars[-1].isalpha() and hyphen.end() < len(paragraph) \
                and paragraph[hyphen.end()].isalpha():
            before = re.search(r"[A-Za-z]+$", "".join(chars[-40:]))
            after = _WORD.match(paragraph, hyphen.end())
            whole = (before[0] if before else "") + (after[0] if after else "")
            second = after[0].lower() if after else ""
            compound = second in known or second in COMPOUND_ENDS or (
                before is not None and before[0][:1].isupper())
            if whole.lower() not in known and compound:  # "rebel-held" stays, "village"
                chars.append("-")
                offsets.append(start + index)
            index = hyphen.end()
            continue
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(start + index)
            index += 1
            continue
        chars.append('"' if char in DOUBLE_QUOTES else "'" if char in SINGLE_QUOTES else char)
        offsets.append(start + index)
        index += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


def _sentence_ends(text: str) -> list[int]:
    """Where the sentences of a reading text end: after . ? ! (and a closing quote), outside
    quotation marks, not after an abbreviation or an initial, before a capital or a quote."""
    ends = []
    inside = False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
            continue
        if char not in ".?!" or inside:
            continue
        end = index + 1
        if end < len(text) and text[end] == '"':
            continue  # the closing quote decides, when the quote is followed by more text
        following = text[end:end + 3]
        if not re.match(r" [A-Z\"'0-9]", following):
            continue
        word = _LAST_WORD.search(text, max(0, end - 40), end)
        if char == "." and word and (word[1].lower() in ABBREVIATIONS or len(word[1]) == 1):
            continue
        ends.append(end)
    return ends


def _parts(text: str) -> tuple[list[list[tuple[int, int]]], list[str]]:
    """The paragraphs of ``text`` as lists of line spans, and the furniture lines between
    them. A furniture line is a line of its own; a line opening with a dateline starts a
    paragraph (a headline may sit on the line just above it)."""
    parts: list[list[tuple[int, int]]] = []
    furniture: list[str] = []
    for block in re.finditer(r"\S(?:.|\n(?![ \t]*\r?\n))*", text):
        run: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", block[0]):
            stripped = line[0].strip()
            span = (block.start() + line.start(), block.start() + line.end())
            if FURNITURE.match(stripped) or FURNITURE_LINE.fullmatch(stripped):
                furniture.append(stripped)
                if run:
                    parts.append(run)
                run = []
            elif stripped:
                if run and dateline(stripped):
                    parts.append(run)
                    run = []
                run.append(span)
        if run:
            parts.append(run)
    return parts, furniture


def segment(text: str) -> Segmented:
    """The sentences, furniture lines and headlines of an article's original text.

    Notices are furniture: a paragraph that opens with an editor's note, a correction or a
    label in capitals followed by lower-case words, and, when the report opens with a
    dateline, every paragraph above it but the headline. A headline (one line standing alone,
    without final punctuation) is not read as a sentence."""
    known = _joined_words(text)
    sentences: list[Sentence] = []
    parts, furniture = _parts(text)
    lines_of = [[text[start:end] for start, end in part] for part in parts]
    opening = next((i for i, lines in enumerate(lines_of) if dateline(lines[0].strip())), None)
    if opening is not None and opening > MAX_LEADING_PARAGRAPHS:
        opening = None
    headlines: list[str] = []
    outlet = None
    paragraph_index = 0
    for index, (part, lines) in enumerate(zip(parts, lines_of, strict=True)):
        first = lines[0].strip()
        if _is_headline(lines):
            headlines.append(first)
            continue
        if NOTICE.match(first) or (opening is not None and index < opening) or \
                _is_label_block(lines):
            furniture.extend(line.strip() for line in lines)
            continue
        if outlet is None and (found := dateline(first)):
            outlet = dateline_outlet(found)
        reading, offsets = _read(text[part[0][0]:part[-1][1]], part[0][0], known)
        begin = 0
        for end in [*_sentence_ends(reading), len(reading)]:
            piece = reading[begin:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                sentences.append(Sentence(piece, tuple(offsets[begin + lead:begin + lead
                                                               + len(piece)]),
                                          paragraph_index))
            begin = end
        paragraph_index += 1
    return Segmented(tuple(sentences), tuple(dict.fromkeys(furniture)), tuple(headlines),
                     outlet)
