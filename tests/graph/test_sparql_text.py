"""Refusing SERVICE and LOAD before a text is run, whatever their case, and only where they
are keywords."""

from __future__ import annotations

import pytest

from claimgraph.graph.sparql_text import ForbiddenOperation, OutboundPolicy, check_outbound


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
