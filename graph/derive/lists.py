"""Number the long lists the canned questions page through, once per change of the data.

Sorting a source's 30,000 claims on every request, to show the first hundred, is what an
engine on disk does slowest. Each rule in ``ontology/rules/lists/`` is a SELECT whose rows,
in its ORDER BY, are the entries of the list named in its ``?list`` column. This module
numbers them: the n-th row of a list becomes the entry ``<LIST/n>`` with

- ``cg:inList <LIST>`` and ``cg:position n``;
- one ``cg:listedNAME`` triple per other column ``?NAME`` of the row (``?claim`` gives
  ``cg:listedClaim``), which the vocabulary must define.

A canned query then reads one page as the entries ``<LIST/o+1>`` to ``<LIST/o+l>``: one
lookup per row (see ``#positions`` in :mod:`claimgraph.graph.queries.canned`).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator

from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import CG, XSD

__all__ = ["ListRuleError", "numbered_entries"]


class ListRuleError(ValueError):
    """A list rule's columns do not fit the numbering (a bug in the rule file)."""


def _predicate(rule: str, column: str, known: set[str]) -> str:
    name = column.removeprefix("?")
    predicate = str(CG[f"listed{name[:1].upper()}{name[1:]}"])
    if predicate not in known:
        raise ListRuleError(f"ontology/rules/lists/{rule}: column ?{name} would be written "
                            f"as <{predicate}>, which the vocabulary does not define")
    return predicate


def numbered_entries(rule: str, tsv: bytes) -> Iterator[str]:
    """The entries of the rows of list rule ``rule`` (its file name), given as the rule's
    SPARQL TSV result, numbered in row order per list: N-Triples, one entry at a time (a
    million claims make millions of entries)."""
    rows = io.TextIOWrapper(io.BytesIO(tsv), encoding="utf-8", newline="\n")
    header = rows.readline().rstrip("\n").split("\t")
    if header[0] != "?list":
        raise ListRuleError(f"ontology/rules/lists/{rule}: the first column must be ?list, "
                            f"not {header[0] or 'nothing'}")
    known = {str(p) for p in vocabulary.vocabulary().subjects()}
    predicates = [f"<{_predicate(rule, column, known)}>" for column in header[1:]]
    in_list, position = f"<{CG.inList}>", f"<{CG.position}>"
    counts: Counter[str] = Counter()
    for number, row in enumerate(rows, start=2):
        line = row.rstrip("\n")
        if not line:
            continue
        terms = line.split("\t")
        if not terms[0]:
            continue  # no list for this row (an unbound ?list)
        if any(term and not term.startswith("<") for term in terms):
            raise ListRuleError(f"ontology/rules/lists/{rule}: row {number} holds a value "
                                f"that is not an IRI ({line!r}): list columns hold IRIs")
        counts[terms[0]] += 1
        entry = f"{terms[0][:-1]}/{counts[terms[0]]}>"
        yield (f"{entry} {in_list} {terms[0]} .\n"
               f'{entry} {position} "{counts[terms[0]]}"^^<{XSD.integer}> .\n'
               + "".join(f"{entry} {predicate} {term} .\n"
                         for predicate, term in zip(predicates, terms[1:], strict=True)
                         if term))
