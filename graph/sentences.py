"""Split web-page text into paragraphs and sentences a person reads, keeping original offsets.

Text copied from a web page keeps the page's hard line wraps, words hyphenated across line
breaks (``rebel-`` / ``held``), a mix of straight and curly quote marks, and page furniture
("Related article: ..."). :func:`segment` finds the furniture lines, and reads every other
paragraph as one line: wraps joined, quote marks straightened, a word broken across a line
joined again. Each :class:`Sentence` keeps a map from its reading text back to the original,
so ``sentence.original_span(start, end)`` is a span of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.graph.anchor import DOUBLE_QUOTES, SINGLE_QUOTES

__all__ = ["FURNITURE", "Segmented", "Sentence", "segment"]

FURNITURE = re.compile(
    r"(?:related(?:\s+(?:article|story|stories|content|coverage|news|reading))?|read\s+more"
    r"|also\s+read|see\s+also|more\s+on\s+this|recommended|advertisement|share\s+this"
    r"(?:\s+article)?|click\s+here|subscribe|sign\s+up|follow\s+us|reporting\s+by"
    r"|editing\s+by|writing\s+by|additional\s+reporting)\b\s*:?",
    re.IGNORECASE,
)
"""How a line of page furniture starts: links to other articles, sharing and credit lines."""

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
    """An article's sentences and its furniture lines, in the order of the text."""

    sentences: tuple[Sentence, ...]
    furniture: tuple[str, ...]


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


def segment(text: str) -> Segmented:
    """The sentences and the furniture lines of an article's original text."""
    known = _joined_words(text)
    sentences: list[Sentence] = []
    furniture: list[str] = []
    paragraph_index = 0
    for block in re.finditer(r"\S(?:.|\n(?![ \t]*\r?\n))*", text):
        # Furniture is a line of its own; the runs of lines between are paragraphs.
        parts: list[tuple[int, int]] = []
        run: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", block[0]):
            if FURNITURE.match(line[0].strip()):
                furniture.append(line[0].strip())
                if run:
                    parts.append((run[0][0], run[-1][1]))
                run = []
            elif line[0].strip():
                run.append(line.span())
        if run:
            parts.append((run[0][0], run[-1][1]))
        for part_start, part_end in parts:
            reading, offsets = _read(block[0][part_start:part_end], block.start() + part_start,
                                     known)
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
    return Segmented(tuple(sentences), tuple(dict.fromkeys(furniture)))
