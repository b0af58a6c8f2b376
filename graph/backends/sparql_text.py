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
    "LEXEMES",
    "ForbiddenOperation",
    "OutboundPolicy",
    "check_outbound",
    "construct_as_insert",
    "keywords_used",
    "query_form",
    "with_update_dataset",
]

LEXEMES = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<variable>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    | (?P<prefixed>[A-Za-z][\w.-]*:[\w.%:-]*|:[\w.%:-]*)
    | (?P<word>[A-Za-z_]+)
    | (?P<brace>[{}])
    """,
    re.VERBOSE,
)

"""The lexemes of SPARQL text that matter here: comments, strings, IRIs, variables, prefixed
names, bare words and braces. Everything else (punctuation, numbers, space) falls between."""


class ForbiddenOperation(QueryError):
    """The query or update uses an operation the operator has not allowed."""


@dataclass(frozen=True)
class OutboundPolicy:
    """What the operator allows; everything outbound is off by default."""

    allow_service: bool = False
    allow_load: bool = False


def keywords_used(sparql: str) -> set[str]:
    """The upper-cased bare keywords of ``sparql``, outside comments, strings and IRIs."""
    return {m["word"].upper() for m in LEXEMES.finditer(sparql) if m["word"]}


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword, or None (an update
    or not SPARQL at all)."""
    for match in LEXEMES.finditer(sparql):
        word = match["word"]
        if word and word.upper() in QUERY_FORMS:
            return word.upper()
    return None


def check_outbound(sparql: str, policy: OutboundPolicy = OutboundPolicy()) -> None:
    """Raise :class:`ForbiddenOperation` if ``sparql`` uses SERVICE or LOAD and the policy
    does not allow it."""
    lowered = sparql.lower()
    if "service" not in lowered and "load" not in lowered:
        return  # neither keyword can be used: no need to lex the text (most queries)
    used = keywords_used(sparql)
    if "SERVICE" in used and not policy.allow_service:
        raise ForbiddenOperation(
            "SERVICE is disabled on this endpoint: queries may not reach other hosts "
            "(an operator can enable it with --allow-service)")
    if "LOAD" in used and not policy.allow_load:
        raise ForbiddenOperation(
            "LOAD is disabled on this endpoint: updates may not fetch URLs or read files "
            "(an operator can enable it with --allow-load)")


def _check_iri(iri: str) -> None:
    """QueryError unless ``iri`` can stand between ``<`` and ``>`` without breaking out."""
    if not re.fullmatch(r"[^<>\"{}|^`\\\s]+", iri):
        raise QueryError(f"not a valid graph IRI: {iri!r}")


def with_update_dataset(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to an update.

    Each INSERT/DELETE ... WHERE operation gets the matching USING / USING NAMED clauses
    before its WHERE. An update that names its own dataset (USING, WITH) conflicts with the
    protocol's and is refused, as SPARQL 1.1 Protocol section 2.2.3 requires.
    """
    if not using and not using_named:
        return update
    tokens = list(LEXEMES.finditer(update))
    words = {m["word"].upper() for m in tokens if m["word"]}
    if words & {"USING", "WITH"}:
        raise QueryError("the update names its own dataset (USING or WITH) and the request "
                         "gives using-graph-uri / using-named-graph-uri: give only one")
    for iri in (*using, *using_named):
        _check_iri(iri)
    clause = "".join(f"USING <{iri}> " for iri in using)
    clause += "".join(f"USING NAMED <{iri}> " for iri in using_named)
    depth = 0
    previous_word = ""
    insert_at: list[int] = []
    for match in tokens:
        if match["brace"]:
            depth += 1 if match["brace"] == "{" else -1
        elif match["word"] and depth == 0:
            word = match["word"].upper()
            if word == "WHERE" and previous_word != "DELETE":  # not the DELETE WHERE form
                insert_at.append(match.start())
            previous_word = word
    for position in reversed(insert_at):
        update = update[:position] + clause + update[position:]
    return update


def construct_as_insert(construct: str, graph: str) -> str:
    """A CONSTRUCT query as the update that inserts its triples into the named graph
    ``graph``: ``CONSTRUCT { T } WHERE { P }`` becomes ``INSERT { GRAPH <graph> { T } } WHERE
    { P }``, prologue, comments and solution modifiers kept. QueryError if ``construct`` is
    not a CONSTRUCT with a template (the short ``CONSTRUCT WHERE`` form has none)."""
    _check_iri(graph)
    tokens = LEXEMES.finditer(construct)
    for match in tokens:
        if match["word"] and match["word"].upper() == "CONSTRUCT":
            break
    else:
        raise QueryError("not a CONSTRUCT query: nothing to insert")
    opening = next(tokens, None)
    if opening is None or opening["brace"] != "{" or construct[match.end():opening.start()].strip():
        raise QueryError("a CONSTRUCT without a template (CONSTRUCT WHERE) cannot be turned "
                         "into an insert: write its template out")
    depth = 1
    for token in tokens:
        if token["brace"]:
            depth += 1 if token["brace"] == "{" else -1
            if depth == 0:
                return (f"{construct[:match.start()]}INSERT {{ GRAPH <{graph}> {{"
                        f"{construct[opening.end():token.start()]}}} }}"
                        f"{construct[token.end():]}")
    raise QueryError("the CONSTRUCT template is not closed: a '}' is missing")
