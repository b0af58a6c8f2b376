"""check_document: one claims file and its text given as strings are checked as the two files
side by side would be, problems name the caller's name (never a scratch folder), and
load_checked writes the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import claimgraph
from claimgraph.errors import ValidationError
from claimgraph.graph.authoring.checking import check_document
from claimgraph.graph.writing.loading import load_checked

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "data" / "articles"
CLAIMS_PATH = ARTICLES / "idlib-offensive-2019.claims.yaml"
CLAIMS = CLAIMS_PATH.read_text(encoding="utf-8")
TEXT = (ARTICLES / "idlib-offensive-2019.txt").read_text(encoding="utf-8")


def test_the_same_rdf_as_the_files() -> None:
    [from_strings] = check_document(CLAIMS, TEXT, name="seed").articles
    [from_files] = claimgraph.check_files([CLAIMS_PATH]).articles
    assert from_strings.claims.file == "seed"
    assert from_strings.claims.article == from_files.claims.article
    assert isomorphic(from_strings.built.graph, from_files.built.graph)


def test_problems_name_the_document() -> None:
    claims = CLAIMS.replace("quote: Another 2,117 people", "quote: Another 9,117 people")
    with pytest.raises(ValidationError) as raised:
        check_document(claims, TEXT, name="submitted")
    [problem] = raised.value.problems
    assert problem.file == "submitted"
    assert problem.line == CLAIMS.splitlines().index(
        "    quote: Another 2,117 people have been injured.") + 1
    assert "claimgraph-document-" not in str(raised.value)


def test_the_text_is_kept_as_given() -> None:
    crlf = TEXT.replace("\n", "\r\n")
    [article] = check_document(CLAIMS, crlf, name="crlf").articles
    assert article.claims.article.text == crlf


def test_load_checked_writes_the_article() -> None:
    claims = CLAIMS.replace("\n  id: idlib-offensive-2019\n", "\n  id: idlib-strings\n", 1)
    store = claimgraph.open_store(":memory:")
    report = load_checked(store, check_document(claims, TEXT, name="claims"))
    assert report.articles == (("idlib-strings",
                                "https://w3id.org/claimgraph/graph/article/idlib-strings",
                                20, 873),)
    assert sum(report.statuses.counts.values()) == 20
    store.close()
