"""Drafting reads real reporting: one test per pattern that real wire copy, UN briefings,
NGO releases and state statements use and that earlier drafts got wrong. The texts are
written for these tests; the corpus in tests/corpus/ holds longer ones with gold files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimgraph import ValidationError
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.drafting.draft import Draft, draft_article
from claimgraph.graph.text.article_input import check_article

REGISTRY = {
    "sources": [
        {"id": "example-monitor", "kind": "organisation", "label": "Example Casualty Monitor",
         "aliases": ["ECM"], "description": "Britain-based war monitor that counts the dead"},
        {"id": "example-army", "kind": "government", "label": "Example Army"},
        {"id": "example-health-ministry", "kind": "government",
         "label": "health ministry of the eastern administration"},
        {"id": "example-aid", "kind": "organisation", "label": "Example Aid"},
        {"id": "jane-roe", "kind": "person", "label": "Jane Roe",
         "affiliation": "example-health-ministry", "role": "minister"},
    ],
    "events": [{"id": "example-offensive", "label": "the Example offensive on the city",
                "kind": "campaign", "start": "2024-04-26"}],
}
PUBLISHED = date(2024, 5, 27)  # a Monday


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reporting")
    (folder / "registry.yaml").write_text(yaml.safe_dump(REGISTRY), encoding="utf-8")
    return folder


def _draft(folder: Path, text: str, outlet: str = "Reuters") -> Draft:
    return draft_article(text, published=PUBLISHED, outlet=outlet, article_id="a",
                         text_name="a.txt",
                         registry=read_layered_registry(folder / "registry.yaml"))


def _claims(draft: Draft) -> list[dict[str, Any]]:
    return [claim.fields for claim in draft.claims]


def _one(draft: Draft, start: str) -> dict[str, Any]:
    [claim] = [c for c in _claims(draft) if c["quote"].startswith(start)]
    return claim


def test_the_credit_line_and_the_page_furniture_are_not_claimants(folder: Path) -> None:
    draft = _draft(folder, (
        "BENGHAZI, Libya, May 27 (Reuters) - At least 40 people were killed in the city, "
        "the Example Army said on Monday.\n\nOur Standards: The Thomson Reuters Trust "
        "Principles.\n\nReporting by Jane Smith; Editing by John Doe\n\nbur-hs/fb\n"))
    [claim] = _claims(draft)
    assert claim["claimants"] == ["example-army"]
    assert claim["quote"] == "At least 40 people were killed in the city"
    assert "Our Standards: The Thomson Reuters Trust Principles." in draft.article["furniture"]
    assert "bur-hs/fb" in draft.article["furniture"]


def test_he_and_she_are_the_person_named_before(folder: Path) -> None:
    draft = _draft(folder, (
        "The health minister of the eastern administration, Jane Roe, gave a lower toll. "
        "At least 30 people have died across the east since April 26, she told a news "
        "conference in Benghazi on Monday.\n"))
    claim = _one(draft, "At least 30 people")
    assert (claim["claimants"], claim["speaker"]) == (["example-health-ministry"], "jane-roe")


@pytest.mark.parametrize("description", ["the Britain-based monitor", "the monitor",
                                         "the war monitor"])
def test_a_description_is_the_source_named_before(folder: Path, description: str) -> None:
    draft = _draft(folder, (
        "The Example Casualty Monitor said 12 civilians were killed on Sunday.\n\n"
        f"Another 30 were wounded, {description} said.\n"))
    assert _one(draft, "Another 30")["claimants"] == ["example-monitor"]


def test_a_role_without_a_name_speaks_for_the_body_it_names(folder: Path) -> None:
    draft = _draft(folder, "A spokesman for the Example Army said the city had fallen.\n")
    claim = _one(draft, "the city had fallen")
    assert (claim["claimants"], claim.get("speaker"), claim["role"]) == (
        ["example-army"], None, "spokesperson")


@pytest.mark.parametrize(("sentence", "period"), [
    ("At least 130 civilians have been killed since April 26, the Example Casualty Monitor "
     "said on Monday.", {"start": "April 26", "end": "2024-05-27"}),
    ("The Example Casualty Monitor said 103 civilians had been killed in the past 10 days.",
     {"start": "2024-05-17", "end": "2024-05-27"}),
    ("From 28 April to 21 May, 300 civilians were killed, the Example Casualty Monitor said.",
     {"start": "28 April", "end": "21 May"}),
    ("The Example Casualty Monitor said 40 civilians were killed on Sunday.",
     {"start": "Sunday", "end": "unknown"}),
])
def test_a_figure_takes_its_period_from_the_words_around_it(
        folder: Path, sentence: str, period: dict[str, str]) -> None:
    [claim] = _claims(_draft(folder, sentence + "\n"))
    [quantity] = claim["quantities"]
    assert (quantity["measure"], quantity["population"]) == ("killed", "civilians")
    assert quantity["period"] == period


def test_a_period_the_words_do_not_give_is_unknown_and_so_is_whom(folder: Path) -> None:
    [claim] = _claims(_draft(folder, "About 180,000 were displaced, Example Aid said.\n"))
    [quantity] = claim["quantities"]
    assert (quantity["measure"], quantity["population"], quantity["period"]) == (
        "displaced", "unknown", "unknown")


def test_the_next_figure_of_a_sentence_counts_the_same_people(folder: Path) -> None:
    [claim] = _claims(_draft(folder, (
        "Example Aid said the strikes killed 158 civilians and injured 590 in May, among "
        "them 42 children.\n")))
    got = [(q["measure"], q["population"], q.get("exact")) for q in claim["quantities"]]
    assert got == [("killed", "civilians", 158), ("injured", "civilians", 590),
                   ("injured", "children", 42)]


def test_a_general_denial_answers_no_claim_and_a_specific_one_answers_its_incident(
        folder: Path) -> None:
    draft = _draft(folder, (
        "The Example Casualty Monitor said shells hit the Grand Market in the city on "
        "Sunday, killing 17 people.\n\n"
        "The Example Army denies targeting civilians.\n\n"
        "The Example Army also denied that its forces shelled the Grand Market on Sunday.\n"))
    general = _one(draft, "targeting civilians")
    specific = _one(draft, "its forces shelled")
    market = _one(draft, "shells hit the Grand Market")
    assert "denies" not in general and "a general denial" in general["note"]
    assert specific["denies"] == [market["id"]]


def test_an_organisation_publishing_its_own_release_makes_its_claims(folder: Path) -> None:
    draft = _draft(folder, (
        "Example Aid teams treated 226 wounded people at the city's hospital last week.\n\n"
        "\"We are running out of everything,\" the group said.\n"), outlet="Example Aid")
    assert draft.article["outlet"] == "example-aid"
    assert {c["claimants"][0] for c in _claims(draft)} == {"example-aid"}


def test_a_text_with_no_attributed_statement_drafts_to_no_claims(folder: Path) -> None:
    draft = _draft(folder, "The river rose overnight.\n\nRoads were closed across the "
                           "region on Monday and schools stayed shut.\n")
    assert draft.claims == ()
    assert "No attributed statement was found" in draft.to_yaml()


@pytest.mark.parametrize(("text", "says"), [
    ("https://example.org/a\nhttps://example.org/b\nhttps://example.org/c\nMore links.\n",
     "3 of its 4 lines are links"),
    ("town\tkilled\tinjured\nAlpha\t3\t4\nBeta\t5\t6\nGamma\t7\t8\nthe ministry figures per "
     "town and day\n", "lines are table rows"),
])
def test_a_page_that_is_not_an_article_says_so(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        check_article(text.encode(), "page.txt")
