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
from claimgraph.graph.text.quantities import find_quantities

REGISTRY = {
    "sources": [
        {"id": "example-monitor", "kind": "organisation", "label": "Example Casualty Monitor",
         "aliases": ["ECM"], "description": "Britain-based war monitor that counts the dead"},
        {"id": "example-army", "kind": "government", "label": "Example Army"},
        {"id": "example-health-ministry", "kind": "government",
         "label": "health ministry of the eastern administration"},
        {"id": "example-aid", "kind": "organisation", "label": "Example Aid"},
        {"id": "example-tv", "kind": "outlet", "label": "Example TV"},
        {"id": "jane-roe", "kind": "person", "label": "Jane Roe",
         "affiliation": "example-health-ministry", "role": "minister"},
    ],
    "events": [{"id": "example-offensive", "label": "the Example offensive on the city",
                "kind": "campaign", "start": "2024-04-26"},
               {"id": "example-market-shelling", "label": "shelling of the Example market",
                "kind": "incident", "start": "2024-05-26", "part_of": "example-offensive"},
               {"id": "later-strike", "label": "strike on the Example port",
                "kind": "incident", "start": "2024-06-03"}],
}
PUBLISHED = date(2024, 5, 27)  # a Monday


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reporting")
    (folder / "registry.yaml").write_text(yaml.safe_dump(REGISTRY), encoding="utf-8")
    return folder


def _draft(folder: Path, text: str, outlet: str = "Reuters",
           registry: Path | None = None) -> Draft:
    return draft_article(text, published=PUBLISHED, outlet=outlet, article_id="a",
                         text_name="a.txt",
                         registry=read_layered_registry(registry or folder / "registry.yaml"))


def _registry(folder: Path, name: str, registry: dict[str, Any]) -> Path:
    """A registry other than the module's, in a folder of its own."""
    (folder / name).mkdir(exist_ok=True)
    path = folder / name / "registry.yaml"
    path.write_text(yaml.safe_dump(registry), encoding="utf-8")
    return path


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
    # no incident of the registry: the count of that one day
    ("The Example Casualty Monitor said 40 civilians were killed on Sunday.",
     {"start": "Sunday", "end": "Sunday"}),
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


def test_an_incident_toll_runs_from_the_incident_to_the_day_it_was_given(folder: Path) -> None:
    draft = _draft(folder, "Shells hit the crowded Example market, killing at least 17 "
                           "people, Example Aid said on Sunday.\n\nThe death toll from "
                           "the shelling of the Example market rose to 20, the group said.\n")
    [given] = _one(draft, "Shells hit")["quantities"]
    assert given["scope"] == "example-market-shelling"
    assert given["period"]["start"] == date(2024, 5, 26)  # the registry's day of the incident
    assert "2024-05-26" in str(given["period"]["end"]) or given["period"]["end"] == "Sunday"
    [undated] = _one(draft, "The death toll from")["quantities"]
    assert undated["scope"] == "example-market-shelling"
    assert undated["period"] == {"start": date(2024, 5, 26), "end": "unknown"}  # not said when
    assert "does not say when the toll was given" in _one(draft, "The death toll")["note"]


def test_an_event_that_had_not_happened_is_no_scope(folder: Path) -> None:
    draft = _draft(folder, "A strike on the Example port killed four people, Example Aid "
                           "said on Monday.\n")
    [figure] = _one(draft, "A strike")["quantities"]
    assert figure["scope"] != "later-strike"  # it began after the article was published


def test_the_day_of_an_update_is_when_the_toll_was_given(folder: Path) -> None:
    draft = _draft(folder, "Example Aid put the death toll in the Example offensive at 300 in "
                           "an update on Saturday.\n")
    [figure] = _one(draft, "the death toll")["quantities"]
    assert figure["scope"] == "example-offensive"
    assert figure["period"]["start"] == date(2024, 4, 26)
    assert "Saturday" in str(figure["period"]["end"])  # given then: it counts from April 26


@pytest.mark.parametrize(("text", "counts"), [
    ("nine in every ten civilian casualties were caused by bombs", []),
    ("nearly four times as many as in April", []),
    ("2,410 children under the age of five were screened", [2410]),
    ("missiles hit one of the largest printing houses, killing seven people", [7]),
    ("missiles hit one of the city's largest printing houses, killing seven people", [7]),
    ("killed 3 in 2023", [3]),
])
def test_ratios_ages_and_superlatives_are_not_counts(text: str, counts: list[int]) -> None:
    assert [q.value for q in find_quantities(text)] == counts


def test_dead_and_wounded_count_everyone_and_of_them_counts_the_whole(folder: Path) -> None:
    draft = _draft(folder, "The toll rose to 55 dead, including 11 children, and 130 wounded, "
                           "the health ministry of the eastern administration said.\n\n"
                           "Example Aid said it had treated 60 civilians, 20 of them in the "
                           "past week.\n")
    tolls = _one(draft, "The toll rose")["quantities"]
    assert [(q["measure"], q["population"]) for q in tolls] == [
        ("killed", "people"), ("killed", "children"), ("injured", "people")]


def test_a_relayed_statement_is_on_the_authority_of_whom_the_outlet_cites(
        folder: Path) -> None:
    draft = _draft(folder, (
        "At least 40 people were killed in the city, Example TV reported, citing health "
        "officials.\n\n"
        "The channel said rescue teams were still pulling bodies from the rubble.\n\n"
        "Example TV quoted a spokesman for the Example Army as saying that the army had "
        "repelled the attack.\n\n"
        '"We will not allow the city to fall," the spokesman said.\n'))
    cited = _one(draft, "At least 40")
    assert cited["claimants"] != ["example-tv"]
    assert cited["based_on"] == [{"source": "example-tv", "label": "report by Example TV"}]
    assert _one(draft, "rescue teams")["claimants"] == ["example-tv"]
    quoted = _one(draft, "the army had repelled")
    assert (quoted["claimants"], quoted["role"]) == (["example-army"], "spokesperson")
    assert quoted["based_on"] == [{"source": "example-tv", "label": "report by Example TV"}]
    assert _one(draft, "We will not")["claimants"] == ["example-army"]


def test_a_description_names_the_known_source_it_describes(folder: Path) -> None:
    draft = _draft(folder, "The Britain-based war monitor said 40 civilians were killed on "
                           "Sunday.\n")
    assert _one(draft, "40 civilians")["claimants"] == ["example-monitor"]
    assert draft.sources == ()


def test_a_new_name_is_proposed_with_the_known_sources_it_may_be(folder: Path) -> None:
    draft = _draft(folder, "The Example Relief Society said it had sent trucks to the city "
                           "on Sunday.\n")
    claim = _one(draft, "it had sent trucks")
    assert claim["claimants"] == ["example-relief-society"]  # new, flagged for review
    assert [s.id for s in draft.sources] == ["example-relief-society"]
    assert "unresolved name 'Example Relief Society': drafted as a new source; if it is a " \
           "known one, use example-aid (Example Aid: shares example)" in claim["note"]
    unknown = _draft(folder, "The Northern Flood Committee said the river rose overnight.\n")
    assert "drafted as a new source" in _one(unknown, "the river rose")["note"]
    assert "if it is a known one" not in _one(unknown, "the river rose")["note"]


def test_mastheads_bylines_and_contact_blocks_are_not_claims(folder: Path) -> None:
    draft = _draft(folder, (
        "Strike on the city market kills 12\n\nExample Daily | example-daily.com\nNews Feed\n\n"
        "by Jane Smith | May 27, 2024 9:14 PM\n\n"
        "At least 12 people were killed, the Example Army said on Monday.\n\n"
        "Media contacts\nIn Geneva: press office\nIn Benghazi: communications team\n"))
    [claim] = _claims(draft)
    assert claim["claimants"] == ["example-army"]
    assert "by Jane Smith | May 27, 2024 9:14 PM" in draft.article["furniture"]
    assert "In Geneva: press office" in draft.article["furniture"]


def test_a_state_agency_dateline_is_no_statement(folder: Path) -> None:
    draft = _draft(folder, (
        "Benghazi, May 27, 2024, ETV -- The Example Army said on Monday that it had not "
        "fired on the market.\n"), outlet="Example TV")
    [claim] = _claims(draft)
    assert claim["claimants"] == ["example-army"]
    assert claim["quote"].startswith("it had not fired on the market")


def test_an_apposition_before_the_verb_is_the_source(folder: Path) -> None:
    draft = _draft(folder, (
        "More than 130,000 people have fled the city since April 26, when the fighting "
        "began, the Britain-based monitor, ECM, said on Friday.\n"))
    [claim] = _claims(draft)
    assert claim["claimants"] == ["example-monitor"]
    assert claim["quote"].endswith("when the fighting began")


def test_a_clause_after_the_verb_is_not_the_source(folder: Path) -> None:
    draft = _draft(folder, (
        "A doctor at the Example hospital said at least 12 people were brought in dead. "
        "\"We have no more beds,\" the doctor said, asking not to be named because he was not "
        "allowed to speak to the media. \"We are losing patients,\" a nurse told Reuters by "
        "phone, adding that the power had been cut.\n"))
    claims = _claims(draft)
    beds = _one(draft, "We have no more beds")
    assert beds["claimants"] == claims[0]["claimants"]
    assert "reuters" not in _one(draft, "We are losing patients")["claimants"]


def test_a_title_and_surname_is_the_person_named_before(folder: Path) -> None:
    draft = _draft(folder, (
        "Jane Roe said 30 people had died in the east. Ms. Roe said that hospitals had run "
        "out of fuel.\n"))
    claim = _one(draft, "hospitals had run out of fuel")
    assert claim["claimants"] == ["example-health-ministry"]
    assert claim["speaker"] == "jane-roe"


def test_an_organisations_own_release_goes_on_in_its_own_words(folder: Path) -> None:
    draft = _draft(folder, (
        "Press release\n\nExample Aid is scaling up its response. According to the Example "
        "Army, 40 people were killed. Many families are staying with relatives.\n"),
        outlet="Example Aid")
    assert _one(draft, "40 people were killed")["claimants"] == ["example-army"]
    assert _one(draft, "Many families")["claimants"] == ["example-aid"]


@pytest.mark.parametrize(("sentence", "end"), [
    ("The Example Casualty Monitor said 600 civilians had been killed since April 26.", "unknown"),
    ("The Example Casualty Monitor said on Sunday that 600 civilians had been killed since "
     "April 26.", "2024-05-26"),
    ("The Example Casualty Monitor says 600 civilians have been killed since April 26.",
     "2024-05-27"),
])
def test_a_running_total_ends_on_the_day_it_was_given_if_the_text_says(
        folder: Path, sentence: str, end: str) -> None:
    claim = _one(_draft(folder, sentence + "\n"), "600 civilians")
    [quantity] = claim["quantities"]
    assert str(quantity["period"]["end"]) == end
    if end == "unknown":
        assert "does not say when the figure was given" in claim["note"]


def test_a_part_of_a_toll_has_the_toll_s_scope_and_period(folder: Path) -> None:
    draft = _draft(folder, (
        "Example Aid said on Monday it had confirmed the shelling of the Example market.\n\n"
        "At least 165 people, among them 27 children, were killed in the attack, Example "
        "Aid said on Monday.\n"))
    whole, part = _one(draft, "At least 165")["quantities"]
    assert (whole["measure"], whole["population"]) == ("killed", "people")
    assert (part["measure"], part["population"]) == ("killed", "children")
    assert whole["scope"] == part["scope"] == "example-market-shelling"  # named before
    assert whole["period"] == part["period"] != "unknown"


def test_killing_and_injuring_count_what_each_verb_says(folder: Path) -> None:
    draft = _draft(folder, (
        "Shells struck the Example market on Sunday, killing seven people and injuring 21, "
        "Example Aid said in a statement on Monday.\n\n"
        "The group said the dead included five women.\n"))
    claim = _one(draft, "Shells struck")
    assert claim["stated"] == "on Monday"  # not taken for a platform, "on Monday channel"
    assert [q["measure"] for q in claim["quantities"]] == ["killed", "injured"]
    [women] = _one(draft, "the dead included")["quantities"]
    assert women["scope"] == "example-market-shelling"  # "the dead": the toll just given
    assert women["period"] == claim["quantities"][0]["period"]  # the group, again that day


def test_since_an_event_a_campaign_and_its_part_share_starts_there(folder: Path) -> None:
    registry = {**REGISTRY, "events": [
        *REGISTRY["events"],
        {"id": "coup-crackdown", "label": "the crackdown since the coup", "kind": "campaign",
         "start": "2021-02-01"},
        {"id": "coup-air-war", "label": "air strikes since the coup", "kind": "campaign",
         "start": "2021-02-01", "part_of": "coup-crackdown"}]}
    draft = _draft(folder, "The military has killed at least 3,229 people since the coup, "
                           "Example Aid said on Monday.\n",
                   registry=_registry(folder, "coup", registry))
    [figure] = _one(draft, "The military")["quantities"]
    assert figure["period"]["start"]["date"] == date(2021, 2, 1)


def test_who_in_lower_case_is_no_acronym_and_a_place_is_no_source(folder: Path) -> None:
    registry = {**REGISTRY, "sources": [*REGISTRY["sources"], {
        "id": "who-example", "kind": "organisation", "label": "World Health Organization",
        "aliases": ["WHO"]}]}
    draft = _draft(folder, "Those who stayed described streets emptied by the shelling. "
                           "Families who arrived in Tawila, some 60 kilometres west of the "
                           "city, told Example TV they had walked for three days.\n",
                   registry=_registry(folder, "who", registry))
    for claim in _claims(draft):
        assert "who-example" not in claim["claimants"]
    assert len(_one(draft, "they had walked")["claimants"]) == 1  # not the place as well


def test_no_comment_is_the_outlets_and_which_says_is_the_party_s(folder: Path) -> None:
    draft = _draft(folder, (
        "At least 12 people were killed, the Example Casualty Monitor said on Monday. The "
        "Example Army could not be reached for comment.\n\nThere was no immediate comment "
        "from the Example Army, which has in the past said it does not target civilians.\n\n"
        "Jane Roe later declared Tuesday a day of mourning.\n"))
    assert _one(draft, "The Example Army could not be reached")["claimants"] == ["reuters"]
    assert _one(draft, "it does not target civilians")["claimants"] == ["example-army"]
    assert _one(draft, "Jane Roe later declared")["claimants"] == ["reuters"]  # an act


def test_figures_gathered_by_a_release_s_publisher_are_its_own_and_given_that_day(
        folder: Path) -> None:
    draft = _draft(folder, (
        "Since May 2, at least 46 children have been killed in the city, according to "
        "figures gathered by Example Aid from the hospitals and health centres it supports.\n"),
        outlet="Example Aid")
    claim = _one(draft, "Since May 2")
    assert claim["claimants"] == ["example-aid"]  # not the clinics it gathered them from
    [figure] = claim["quantities"]
    assert figure["period"]["end"] == PUBLISHED.isoformat()  # said as it was published
