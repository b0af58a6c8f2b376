"""Refusing SERVICE and LOAD before a text is run, whatever their case, and only where they
are keywords; and a derivation rule's CONSTRUCT turned into the INSERT a server runs."""

from __future__ import annotations

import pytest

from claimgraph.errors import QueryError
from claimgraph.graph.backends.sparql_text import (
    ForbiddenOperation,
    OutboundPolicy,
    check_outbound,
    construct_as_insert,
)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { sErViCe <http://example.org/sparql> { ?s ?p ?o } }",
    "LOAD <http://example.org/data.nt>",
    "load <file:///etc/passwd>",
])
def test_service_and_load_are_refused_in_any_case(text: str) -> None:
    with pytest.raises(ForbiddenOperation, match="disabled"):
        check_outbound(text)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o }",
    'SELECT ?x WHERE { BIND("LOAD and SERVICE" AS ?x) FILTER(?x != <urn:service>) }',
    "SELECT ?download WHERE { ?s <urn:loader> ?download } # SERVICE in a comment",
])
def test_texts_without_the_keywords_pass(text: str) -> None:
    check_outbound(text)


def test_the_operator_can_allow_them() -> None:
    check_outbound("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
                   OutboundPolicy(allow_service=True))
    check_outbound("LOAD <http://x/d.nt>", OutboundPolicy(allow_load=True))


def test_a_construct_becomes_an_insert_into_one_graph() -> None:
    rule = ('# a rule: CONSTRUCT { nothing }\nPREFIX ex: <urn:example:>\n'
            'CONSTRUCT { ?s ex:label "a } brace" . ?s ex:n ?n }\n'
            'WHERE { { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }\n'
            'LIMIT 5')
    insert = construct_as_insert(rule, "urn:example:g")
    assert insert == ('# a rule: CONSTRUCT { nothing }\nPREFIX ex: <urn:example:>\n'
                      'INSERT { GRAPH <urn:example:g> { ?s ex:label "a } brace" . ?s ex:n ?n } }\n'
                      'WHERE { { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }\n'
                      'LIMIT 5')


@pytest.mark.parametrize(("text", "graph", "message"), [
    ("SELECT * WHERE { ?s ?p ?o }", "urn:example:g", "not a CONSTRUCT"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "urn:example:g", "without a template"),
    ("CONSTRUCT { ?s ?p ?o WHERE { ?s ?p ?o }", "urn:example:g", "not closed"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "urn:example:g> } ; DROP ALL ; #",
     "not a valid graph IRI"),
])
def test_what_cannot_become_an_insert_is_refused(text: str, graph: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        construct_as_insert(text, graph)
