"""Anchor a curated quote to its exact span of an article's original text.

Curators write quotes as they read them: on one line, with straight quote marks, and with
words that the web page hyphenated across a line break joined again. The original text keeps
its hard line wraps, its ``rebel-`` / ``held`` breaks and its mix of straight and curly quotes.
:func:`anchor` finds the quote in the original anyway and returns offsets into the original,
so that ``text[span.start:span.end] == span.exact`` always holds.

Offsets count Unicode code points from 0, end exclusive, as Python slicing does (and as the
W3C Web Annotation TextPositionSelector does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AnchorError", "TextSpan", "anchor", "find_spans", "normalise_quote"]

CONTEXT = 32
"""Characters of context kept before and after a quote (oa:prefix / oa:suffix)."""

DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"  # " and curly, low, guillemets
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032"  # ' and curly, low, prime
DASHES = "-\u2010\u2011\u2012\u2013\u2014"  # hyphen-minus, hyphens, en and em dash
_LINE_BREAK_HYPHEN = r"(?:-[ \t]*\r?\n[ \t]*)?"


class AnchorError(ValueError):
    """The quote is not in the text, or is in it more than once."""


@dataclass(frozen=True)
class TextSpan:
    """A span of an original text, with the context a Web Annotation quote selector keeps."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    text: str
    """The quote as a person reads it: on one line, words broken across lines whole again
    (as the curator wrote it: only a person knows "vil-/lage" from "rebel-/held")."""


def normalise_quote(text: str) -> str:
    """Join line wraps, undo hyphenation across line breaks, straighten quote marks.

    >>> normalise_quote("large air-\\ndropped “weapons”")
    'large air-dropped "weapons"'
    """
    text = re.sub(r"-[ \t]*\r?\n[ \t]*", "-", text)
    text = " ".join(text.split())
    text = text.translate({ord(c): '"' for c in DOUBLE_QUOTES})
    return text.translate({ord(c): "'" for c in SINGLE_QUOTES})


def _pattern(quote: str) -> re.Pattern[str]:
    """A regular expression that matches ``quote`` however the original wrapped and quoted it."""
    parts: list[str] = []
    words = quote.split()
    for index, word in enumerate(words):
        if index:
            parts.append(r"\s+")
        for position, char in enumerate(word):
            if char in DOUBLE_QUOTES:
                parts.append(f"[{re.escape(DOUBLE_QUOTES)}]")
            elif char in SINGLE_QUOTES:
                parts.append(f"[{re.escape(SINGLE_QUOTES)}]")
            elif char in DASHES:
                # "air-dropped" in the quote matches "air-\ndropped" in the original.
                parts.append(f"[{re.escape(DASHES)}](?:[ \\t]*\\r?\\n[ \\t]*)?")
            else:
                parts.append(re.escape(char))
            # "village" in the quote matches "vil-\nlage": a word broken by the page's wrap.
            if char.isalpha() and position + 1 < len(word) and word[position + 1].isalpha():
                parts.append(_LINE_BREAK_HYPHEN)
    return re.compile("".join(parts))


def _bounded_pattern(quote: str) -> str:
    """The pattern of :func:`_pattern`, held to word boundaries where the quote has them."""
    pattern = _pattern(quote.strip()).pattern
    # A quote that starts or ends with a letter must start or end on a word boundary:
    # "told Reuter" is not a quote of "told Reuters".
    if quote.strip()[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    if quote.strip()[-1].isalnum():
        pattern += r"(?!\w)"
    return pattern


def find_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where :func:`anchor` would find ``quote`` in ``text``."""
    if not quote.strip():
        return []
    return [match.span() for match in re.finditer(_bounded_pattern(quote), text)]


def anchor(text: str, quote: str, *, occurrence: int | None = None) -> TextSpan:
    """Find ``quote`` in ``text`` and return its span in ``text``.

    Raises :class:`AnchorError` when the quote is not found, or is found more than once and
    ``occurrence`` (1-based) does not say which one is meant.
    """
    if not quote.strip():
        raise AnchorError("the quote is empty")
    matches = list(re.finditer(_bounded_pattern(quote), text))
    if not matches:
        raise AnchorError(f"quote not found in the article text: {_shorten(quote)!r}"
                          f"{_nearest_hint(text, quote)}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(matches):
            raise AnchorError(f"occurrence {occurrence} asked for, but the quote occurs "
                              f"{len(matches)} time(s)")
        match = matches[occurrence - 1]
    elif len(matches) > 1:
        offsets = ", ".join(str(m.start()) for m in matches)
        raise AnchorError(f"quote occurs {len(matches)} times (at offsets {offsets}): "
                          "lengthen it or give 'occurrence'")
    else:
        match = matches[0]
    start, end = match.span()
    return TextSpan(start=start, end=end, exact=text[start:end],
                    prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT],
                    text=" ".join(quote.split()))


def _shorten(quote: str, width: int = 60) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= width else quote[: width - 1] + "…"


def _nearest_hint(text: str, quote: str) -> str:
    """Say how much of the quote's start does match, to point the curator at the typo."""
    words = quote.split()
    best = 0
    for count in range(1, len(words)):
        if _pattern(" ".join(words[:count])).search(text):
            best = count
        else:
            break
    if best == 0:
        return ""
    return f" (the first {best} word(s) match; check the text after {' '.join(words[:best])!r})"
