"""Numbering the lists canned questions page through (graph/derive/lists.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from claimgraph.graph.derive.lists import ListRuleError, numbered_entries

CG = "https://w3id.org/claimgraph/ns#"


def _triples(ntriples: str) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, str(t.object.value))
            for t in ox.parse(ntriples.encode(), format=ox.RdfFormat.N_TRIPLES)}


def test_rows_are_numbered_per_list_in_row_order() -> None:
    tsv = (b"?list\t?claim\t?article\n"
           b"<https://e.org/a/claims>\t<https://e.org/c2>\t<https://e.org/x>\n"
           b"<https://e.org/b/claims>\t<https://e.org/c1>\t\n"
           b"<https://e.org/a/claims>\t<https://e.org/c1>\t<https://e.org/y>\n"
           b"\t<https://e.org/c9>\t<https://e.org/y>\n")
    triples = _triples("".join(numbered_entries("demo.rq", tsv)))
    assert ("https://e.org/a/claims/1", f"{CG}listedClaim", "https://e.org/c2") in triples
    assert ("https://e.org/a/claims/2", f"{CG}listedClaim", "https://e.org/c1") in triples
    assert ("https://e.org/a/claims/2", f"{CG}listedArticle", "https://e.org/y") in triples
    assert ("https://e.org/a/claims/2", f"{CG}position", "2") in triples
    assert ("https://e.org/b/claims/1", f"{CG}inList", "https://e.org/b/claims") in triples
    # an empty cell writes nothing; a row without a list is no entry
    assert not [t for t in triples if t[0] == "https://e.org/b/claims/1"
                and t[1] == f"{CG}listedArticle"]
    assert not [t for t in triples if t[2] == "https://e.org/c9"]


@pytest.mark.parametrize(("tsv", "message"), [
    ("?claim\t?list\n", "the first column must be ?list, not ?claim"),
    ("?list\t?colour\n", "column ?colour would be written as <" + CG + "listedColour>"),
    ('?list\t?claim\n<https://e.org/l>\t"a literal"\n', "row 2 holds a value that is not an IRI"),
])
def test_a_list_rule_that_does_not_fit_says_which_and_why(tsv: str, message: str) -> None:
    with pytest.raises(ListRuleError, match=r"ontology/rules/lists/bad\.rq") as caught:
        list(numbered_entries("bad.rq", tsv.encode()))
    assert message in str(caught.value)
