"""Check an article's raw text before drafting from it: size, text or binary, prose or a page
of links or a table, language.

Each problem is a :class:`~claimgraph.errors.ValidationError` naming the file, what is wrong
and what to do, so that the command line and the web API can say it as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.errors import Problem, ValidationError

__all__ = ["MAX_ARTICLE_BYTES", "check_article", "english_share", "not_prose", "read_article"]

MAX_ARTICLE_BYTES = 1_000_000
"""The largest article text accepted: a long news report is 50 KB; 1 MB is a book."""

MIN_ENGLISH_SHARE = 0.15
"""Below this share of common English words, a text is taken not to be English."""

ENGLISH_WORDS = frozenset(
    [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "as", "was",
        "by", "it", "at", "from", "he", "she", "they", "his", "her", "their", "its", "be",
        "are", "were", "has", "have", "had", "not", "but", "or", "an", "this", "which", "who",
        "said", "says", "say", "would", "will", "been", "after", "also", "more", "than",
        "about", "into", "over", "against", "since", "when", "there", "one", "two", "people",
    ]
)
"""Common English function words: about a third of the words of English news prose."""

_SIGNATURES = [
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "a Word or Excel document"), (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"),
]
_SAVE = "save the article as UTF-8 plain text (copy the text from the page into a .txt file)"


def _problem(name: str, message: str) -> ValidationError:
    return ValidationError([Problem(name, None, "", message)])


def english_share(text: str) -> float:
    """The share of the text's words that are common English function words (0 to 1)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    return sum(word in ENGLISH_WORDS for word in words) / len(words)


_LINK = re.compile(r"^\s*(?:[-*\u2022]\s*)?(?:<?https?://\S+>?|www\.\S+|\[[^\]]*\]\([^)]*\))\s*$")
def _is_row(line: str) -> bool:
    """A table row: three cells or more split by tabs, '|' or commas, of a few words each,
    and no full stop at its end ("Kharkiv | 12 | 40", "town,killed,injured")."""
    text = line.strip()
    if text.endswith((".", "?", "!", '"')):
        return False
    for separator in ("\t", "|", ","):
        cells = [c for c in text.strip("|").split(separator) if c.strip()]
        if len(cells) >= 3 and sum(len(c.split()) for c in cells) / len(cells) <= 3:
            return True
    return False
_SENTENCE = re.compile(r"[A-Za-z][^.!?]{30,}[.!?][\"'\u201d\u2019)]*(?:\s|$)")


def not_prose(text: str) -> str | None:
    """Why ``text`` is not prose, if it is not: most of its lines are links or table rows,
    or none of it is a sentence."""
    lines = [line for line in text.splitlines() if line.strip()]
    links = sum(bool(_LINK.match(line)) for line in lines)
    rows = sum(_is_row(line) for line in lines)
    if lines and links / len(lines) > 0.5:
        return f"{links} of its {len(lines)} lines are links"
    if lines and rows / len(lines) > 0.5:
        return f"{rows} of its {len(lines)} lines are table rows (cells split by tabs, '|' or " \
               "commas)"
    if not _SENTENCE.search(text):
        return "it has no sentence of more than a few words"
    return None


def check_article(data: bytes, name: str) -> str:
    """The article's text, or a ValidationError saying what is wrong with ``data``."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise _problem(name, f"{len(data):,} bytes is more than the {MAX_ARTICLE_BYTES:,}-byte "
                             "limit for one article: give one article's text, not a whole "
                             "site or book")
    if not data.strip():
        raise _problem(name, f"the article is empty: {_SAVE}")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise _problem(name, f"this is {what}, not text: {_SAVE}")
    if b"\x00" in data[:65536]:
        raise _problem(name, f"this is binary data, not text: {_SAVE}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _problem(name, f"not UTF-8 text (invalid byte at offset {error.start}): "
                             f"{_SAVE}") from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > len(text) / 100:
        raise _problem(name, f"this looks like binary data ({controls} control characters), "
                             f"not text: {_SAVE}")
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 8:
        raise _problem(name, f"only {len(words)} word(s): too short to be an article; give "
                             "the article's whole text")
    shape = not_prose(text)
    if shape and "sentence" not in shape:
        raise _problem(name, f"this does not read as an article: {shape}. Drafting reads "
                             "reporting written in sentences; give the article's text (a "
                             "page of links or a table holds no attributed statements)")
    share = english_share(text)
    if share < MIN_ENGLISH_SHARE:
        raise _problem(name, f"the text does not look like English: {share:.0%} of its words "
                             "are common English words ('the', 'of', 'said'...), where English "
                             "news text has about a third. Drafting knows English reporting "
                             "patterns only: translate the article, or write the claims file "
                             "by hand (see data/README.md)")
    if shape:
        raise _problem(name, f"this does not read as an article: {shape}. Drafting reads "
                             "reporting written in sentences; give the article's text")
    return text


def read_article(path: Path) -> str:
    """Read and check an article file, refusing one that is too large before reading it."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _problem(name, "file not found") from None
    except OSError as error:
        raise _problem(name, f"cannot read: {error.strerror}") from None
    if path.is_dir():
        raise _problem(name, "this is a folder: give the article's text file")
    if size > MAX_ARTICLE_BYTES:
        raise _problem(name, f"{size:,} bytes is more than the {MAX_ARTICLE_BYTES:,}-byte limit "
                             "for one article: give one article's text, not a whole site or "
                             "book")
    with path.open("rb") as handle:
        data = handle.read(MAX_ARTICLE_BYTES + 1)
    return check_article(data, name)
