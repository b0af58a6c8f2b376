"""A draft says what is already in the graph: a statement whose words a stored claim quotes,
and a text most of whose statements are one stored article's (a copy loaded before)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import claimgraph
from claimgraph.graph.authoring.checking import shipped_data
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.drafting.draft import draft_article, registry_for
from claimgraph.graph.drafting.known import match_known
from claimgraph.graph.views.known_statements import StoredQuote, read_known

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "data" / "articles" / "idlib-offensive-2019.txt").read_text(encoding="utf-8")
WORDS = "more than 40 people were killed when shells hit the market on Sunday"


def test_the_same_words_however_typeset_are_the_same_statement() -> None:
    stored = [StoredQuote("c1", "a1", WORDS), StoredQuote("c2", "a1", "the toll rose")]
    match = match_known({"d1": "More than 40 people were killed when shells hit the\n"
                               "market on Sunday.",
                         "d2": "the toll rose"}, stored)
    assert match.claims["d1"].claim == "c1"
    assert "d2" not in match.claims  # too short to tell one statement from another


def test_a_copy_trimmed_by_an_editor_still_matches() -> None:
    stored = [StoredQuote("c1", "a1", WORDS)]
    match = match_known({"d1": "people were killed when shells hit the market"}, stored)
    assert match.claims["d1"].article == "a1"
    assert match_known({"d1": "people were killed when rockets hit the port"},
                       stored).claims == {}


def test_the_whole_text_is_known_only_when_most_of_it_is() -> None:
    stored = [StoredQuote(f"c{i}", "a1", f"{WORDS} number {i}") for i in range(4)]
    half = {f"d{i}": f"{WORDS} number {i}" for i in range(2)} | {
        f"n{i}": f"an unrelated statement about something else entirely {i}" for i in range(2)}
    assert match_known(half, stored).article is None
    most = {f"d{i}": f"{WORDS} number {i}" for i in range(3)} | {"n": half["n0"]}
    found = match_known(most, stored)
    assert (found.article, found.shared) == ("a1", 3)


def test_a_republished_copy_of_a_stored_article_says_so() -> None:
    store = claimgraph.open_store(":memory:")
    try:
        claimgraph.load_files(store)
        known = read_known(store)
    finally:
        store.close()
    assert len(known) == 20
    registry = read_layered_registry(registry_for(shipped_data()))
    draft = draft_article(SEED, published=date(2019, 7, 7), outlet="Example Daily",
                          registry=registry, article_id="copy", text_name="copy.txt",
                          known=known)
    [note] = draft.notes
    assert "already in the graph as article idlib-offensive-2019" in note
    assert draft.to_yaml().count("# NOTE: this text is already in the graph") == 1
    marked = [c for c in draft.claims if "already in the graph: the same words are claim"
              in c.fields["note"]]
    assert len(marked) >= 18
    fresh = draft_article("Rescuers said on Sunday that 12 people were killed when a storm "
                          "flooded the valley town overnight.", published=date(2024, 1, 7),
                          outlet="Reuters", registry=registry, article_id="new",
                          text_name="new.txt", known=known)
    assert fresh.notes == ()
    assert all("already in the graph" not in c.fields["note"] for c in fresh.claims)
