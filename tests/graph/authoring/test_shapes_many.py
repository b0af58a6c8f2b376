"""Many documents checked against the shapes with one indexed context report exactly what
each document checked alone, with the whole vocabulary and registry, reports; and the
validator we ship (pyshacl-turbo) finds what the reference validator, pySHACL, finds."""

from __future__ import annotations

import pyshacl
import pytest
from pyshacl_turbo import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from claimgraph.graph.authoring.model import Location
from claimgraph.graph.authoring.rdf import BuiltGraph
from claimgraph.graph.authoring.shapes import Document, ShapeChecker, check_many, check_shapes
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import CG

from ..one_claim import ID, one_claim, registry_triples

NAMELESS = URIRef(ID + "source/nameless")


def _registry() -> Graph:
    graph = registry_triples(Graph())
    graph.add((NAMELESS, RDF.type, CG.Organisation))  # a registry problem: no label
    return graph


def _article(article_id: str, *, claimant: bool, start: int, line: int) -> Document:
    return Document(one_claim(article_id, claimant=claimant, start=start, line=line),
                    f"{article_id}.claims.yaml")


def _whole(document: Document, context: Graph) -> set[tuple[str, str]]:
    """What validating the document with the whole vocabulary and registry reports."""
    data = Graph()
    data += document.built.graph
    data += vocabulary.vocabulary()
    data += context
    _, report, _ = validate(data, shacl_graph=vocabulary.shapes(), inference="none")
    own = set(document.built.graph.subjects())
    found = set()
    for result in report.subjects(SH.focusNode, None):
        focus = report.value(result, SH.focusNode)
        if focus in own:
            claim = next(iter(document.built.origins.values()))
            found.add((claim.file, str(report.value(result, SH.resultMessage))))
    return found


def test_each_bad_article_in_a_batch_gets_its_own_file_and_line() -> None:
    registry = _registry()
    first = _article("first", claimant=False, start=9, line=7)
    good = _article("good", claimant=True, start=9, line=3)
    second = _article("second", claimant=True, start=8, line=12)  # quote does not round-trip
    problems = check_many([first, good, second], context=registry)

    assert {(p.file, p.line) for p in problems} == {("first.claims.yaml", 7),
                                                   ("second.claims.yaml", 12)}
    assert any(p.field == "cg:claimant" for p in problems if p.file == "first.claims.yaml")
    assert any("does not round-trip" in p.message for p in problems
               if p.file == "second.claims.yaml")
    alone = [check_shapes(d.built, context=registry, file=d.file) for d in (first, good, second)]
    assert problems == [p for found in alone for p in found]


def test_the_slim_context_gives_the_verdicts_of_the_whole_registry() -> None:
    registry = _registry()
    checker = ShapeChecker(registry)
    for document in (_article("a", claimant=False, start=9, line=7),
                     _article("b", claimant=True, start=8, line=4),
                     _article("c", claimant=True, start=9, line=2)):
        problems = checker.check(document)
        assert {(p.file, p.message.split(": ", 1)[1].split(" (value")[0]) for p in problems} \
            == _whole(document, registry)


def test_registry_problems_are_reported_once_by_the_registry_check() -> None:
    registry = _registry()
    article = _article("a", claimant=True, start=9, line=7)
    assert check_many([article], context=registry) == []
    origins = {NAMELESS: Location("registry.yaml", 40)}
    [problem] = check_shapes(BuiltGraph(registry, origins), file="registry.yaml")
    assert (problem.file, problem.line, problem.field) == ("registry.yaml", 40, "rdfs:label")


def _verdicts(report: Graph) -> set[tuple[str, str, str, str]]:
    """Each result of a SHACL report as (focus node, path, constraint component, value)."""
    return {(str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
             str(report.value(result, SH.sourceConstraintComponent)),
             str(report.value(result, SH.value)))
            for result in report.subjects(RDF.type, SH.ValidationResult)}


@pytest.mark.parametrize(("document", "expected"), [
    (_article("a", claimant=False, start=9, line=7), "claimant MinCount"),
    # the quote does not round-trip: a SPARQL constraint, on the text span
    (_article("b", claimant=True, start=8, line=4), "None SPARQLConstraint"),
    (_article("c", claimant=True, start=9, line=2), None),
], ids=["no-claimant", "bad-quote", "valid"])
def test_our_validator_finds_what_pyshacl_finds(document: Document, expected: str | None) -> None:
    data = Graph()
    data += document.built.graph
    data += vocabulary.vocabulary()
    data += _registry()
    found = {}
    for name, check in (("ours", validate), ("pyshacl", pyshacl.validate)):
        conforms, report, _ = check(data, shacl_graph=vocabulary.shapes(), inference="none",
                                    allow_infos=True, allow_warnings=True)
        found[name] = (conforms, _verdicts(report))
    assert found["ours"] == found["pyshacl"]
    own = {str(node) for node in document.built.graph.subjects()}
    mine = {(path.rsplit("#", 1)[-1] + " " + component.rsplit("#", 1)[-1])
            for focus, path, component, _ in found["ours"][1] if focus in own}
    assert any(item.startswith(expected) for item in mine) if expected else not mine, mine
