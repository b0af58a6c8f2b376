"""What a SPARQL text says before it is run: its form, and whether it reaches out.

Refuse SPARQL that would reach other hosts or the file system, before it is evaluated.

Both engines claimgraph can embed send HTTP requests for ``SERVICE <url>`` and read
``LOAD <file:...>``; neither can be told not to. So the text is checked first: comments,
strings, IRIs, variables and prefixed names are blanked out, and what remains is searched
for the keywords that reach out. A keyword inside a string or an IRI is not a use of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.errors import QueryError

__all__ = [
    "ForbiddenOperation",
    "OutboundPolicy",
    "check_outbound",
    "keywords_used",
    "query_form",
]

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<variable>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    | (?P<prefixed>[A-Za-z][\w.-]*:[\w.%:-]*|:[\w.%:-]*)
    | (?P<word>[A-Za-z_]+)
    """,
    re.VERBOSE,
)

OUTBOUND_KEYWORDS = {"SERVICE": "service", "LOAD": "load"}


class ForbiddenOperation(QueryError):
    """The query or update uses an operation the operator has not allowed."""


@dataclass(frozen=True)
class OutboundPolicy:
    """What the operator allows; everything outbound is off by default."""

    allow_service: bool = False
    allow_load: bool = False


def keywords_used(sparql: str) -> set[str]:
    """The upper-cased bare keywords of ``sparql``, outside comments, strings and IRIs."""
    return {m["word"].upper() for m in _TOKENS.finditer(sparql) if m["word"]}


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword, or None (an update
    or not SPARQL at all)."""
    for match in _TOKENS.finditer(sparql):
        word = match["word"]
        if word and word.upper() in QUERY_FORMS:
            return word.upper()
    return None


def check_outbound(sparql: str, policy: OutboundPolicy = OutboundPolicy()) -> None:
    """Raise :class:`ForbiddenOperation` if ``sparql`` uses SERVICE or LOAD and the policy
    does not allow it."""
    used = keywords_used(sparql)
    if "SERVICE" in used and not policy.allow_service:
        raise ForbiddenOperation(
            "SERVICE is disabled on this endpoint: queries may not reach other hosts "
            "(an operator can enable it with --allow-service)")
    if "LOAD" in used and not policy.allow_load:
        raise ForbiddenOperation(
            "LOAD is disabled on this endpoint: updates may not fetch URLs or read files "
            "(an operator can enable it with --allow-load)")
