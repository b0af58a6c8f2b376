"""Claims of several articles meeting: later counts that update earlier ones, related counts,
contests and denials across articles, a republished statement merged into one claim, and the
timeline of one quantity. The shipped article plus two synthetic follow-up reports
(tests/fixtures/idlib-followups/), on every backend (tests/backends.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import claimgraph
from claimgraph.graph.authoring.checking import check_files
from claimgraph.graph.authoring.rdf import statement_key
from claimgraph.graph.backends.store import Store
from claimgraph.graph.queries.canned import get_canned, run_canned
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.model import ViewSpec

from ...backends import Backend
from .test_status import CG, EVENTS, RULE, SOURCES, select, status

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "idlib-followups"
ID = "https://w3id.org/claimgraph/id/"
SEED = ID + "claim/idlib-offensive-2019/"
WIRE = ID + "claim/example-wire-idlib-2019-07-22/"
DAILY = ID + "claim/example-daily-idlib-2019-07-23/"
FIXTURE_ARTICLES = {"example-wire-idlib-2019-07-22", "example-daily-idlib-2019-07-23"}


def findings(store: Store, claim: str) -> set[tuple[str, str]]:
    """(rule, other claim IRI) of every finding about ``claim``."""
    rows = select(store, f"""SELECT ?rule ?other WHERE {{ <{claim}> cg:statusReason ?r .
        ?r cg:rule ?rule ; cg:otherClaim ?other }}""")
    return {(str(r["rule"]).removeprefix(RULE), str(r["other"])) for r in rows}


def quantity_links(store: Store, one: str, other: str) -> set[str]:
    """The relations from any quantity of claim ``one`` to any quantity of claim ``other``."""
    rows = select(store, f"""SELECT DISTINCT ?rel WHERE {{ <{one}> cg:hasQuantity ?a .
        <{other}> cg:hasQuantity ?b . ?a ?rel ?b }}""")
    return {str(r["rel"]).removeprefix(CG) for r in rows}


@pytest.fixture
def store(backend: Backend) -> Store:
    """The shipped data and both follow-up fixtures, loaded together; tests only read it."""
    return backend.prepared("followups", lambda s: claimgraph.load_files(
        s, [claimgraph.shipped_data(), FIXTURES]))


# ------------------------------------------------------------------------------ fixtures

def test_fixture_texts_are_headed_as_synthetic() -> None:
    texts = sorted(FIXTURES.glob("*.txt"))
    assert len(texts) == 2
    for text in texts:
        first = text.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("SYNTHETIC TEST FIXTURE - not real reporting."), text.name
    for claims in FIXTURES.glob("*.claims.yaml"):
        assert claims.read_text(encoding="utf-8").startswith("# SYNTHETIC TEST FIXTURE")


def test_nothing_synthetic_ships_in_the_default_graph(any_store: Store) -> None:
    shipped = claimgraph.shipped_data()
    for path in shipped.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".yaml"):
            assert "SYNTHETIC" not in path.read_text(encoding="utf-8"), path
    articles = {a.claims.article.id for a in check_files([shipped]).articles}
    assert articles and not articles & FIXTURE_ARTICLES
    report = claimgraph.load_files(any_store)
    assert {article for article, *_ in report.articles} == articles
    rows = select(any_store, "SELECT ?id WHERE { ?a a cg:Article ; dcterms:identifier ?id }")
    assert {r["id"] for r in rows} == articles
    assert select(any_store, "SELECT ?s WHERE { ?s rdfs:label ?l "
                             "FILTER (CONTAINS(?l, \"synthetic\")) }") == []


# ----------------------------------------------------------------------- later counts

def test_a_later_count_of_the_same_monitor_updates_the_earlier_one(store: Store) -> None:
    earlier, later = SEED + "snhr-civilians-killed", WIRE + "snhr-662-killed"
    assert quantity_links(store, later, earlier) >= {"updates", "relatedQuantity"}
    assert quantity_links(store, earlier, later) >= {"updatedBy", "relatedQuantity"}
    assert not quantity_links(store, earlier, later) & {"compatibleWith", "incompatibleWith"}
    assert status(store, earlier) == "Updated"
    assert findings(store, earlier) == {("updated-by-later-count", later)}
    rows = select(store, f"SELECT ?l WHERE {{ <{earlier}> cg:statusReason/rdfs:label ?l }}")
    assert rows == [{"l": "updated by a later count of the same source for civilians killed: "
                          "the 544 civilians killed to 2019-07-06, then At least 662 to "
                          "2019-07-22 (SNHR counts at least 662 civilians killed since the "
                          "offensive began on 26 April)"}]
    assert ("updated-by-later-count", earlier) not in findings(store, later)


def test_a_sub_period_of_the_same_monitor_is_related_not_an_update(store: Store) -> None:
    week, total = WIRE + "snhr-past-week", WIRE + "snhr-662-killed"
    assert quantity_links(store, week, total) == {"relatedQuantity"}
    # 15 to 22 July does not lie within 26 April to 6 July: the two are not linked at all
    assert quantity_links(store, week, SEED + "snhr-civilians-killed") == set()
    assert status(store, week) == "SingleSource"


@pytest.mark.parametrize(("one", "other"), [
    (WIRE + "un-nearly-500-verified", WIRE + "snhr-662-killed"),  # ends 19 July, 22 July
    (WIRE + "un-nearly-500-verified", SEED + "snhr-civilians-killed"),  # 19 July, 6 July
    (WIRE + "un-nearly-500-verified", DAILY + "monitor-410-killed"),
    (WIRE + "rescuers-overall-toll", WIRE + "snhr-662-killed"),  # all dead, civilians
    (WIRE + "un-400000-fled", SEED + "un-300000-displaced"),  # a period, none
], ids=["other-end", "earlier-end", "other-monitor", "broader-measure", "no-period"])
def test_counts_of_other_periods_or_measures_are_related_not_contested(
        store: Store, one: str, other: str) -> None:
    assert quantity_links(store, one, other) == {"relatedQuantity"}
    assert quantity_links(store, other, one) == {"relatedQuantity"}
    for claim, against in ((one, other), (other, one)):
        assert not any(o == against for _, o in findings(store, claim)), claim
    assert status(store, one) == "SingleSource"


def test_independent_incompatible_figures_for_the_same_period_contest_across_articles(
        store: Store) -> None:
    snhr, monitor = WIRE + "snhr-662-killed", DAILY + "monitor-410-killed"
    assert quantity_links(store, snhr, monitor) == {"incompatibleWith"}
    assert (status(store, snhr), status(store, monitor)) == ("Contested", "Contested")
    assert findings(store, snhr) == {("contested-by-incompatible-quantity", monitor)}
    assert findings(store, monitor) == {("contested-by-incompatible-quantity", snhr)}


def test_the_seed_keeps_its_other_numbers(store: Store) -> None:
    assert status(store, SEED + "lead-casualties") == "SingleSource"
    assert status(store, SEED + "snhr-injured") == "SingleSource"


# ------------------------------------------------------------------------ republished

def test_a_republished_statement_is_one_claim_in_two_articles(store: Store) -> None:
    canonical, copy = WIRE + "snhr-662-killed", DAILY + "snhr-662-killed"
    assert select(store, "SELECT ?copy ?canonical WHERE { ?copy cg:mergedInto ?canonical }") \
        == [{"copy": copy, "canonical": canonical}]
    rows = select(store, f"""SELECT ?article ?outlet ?start WHERE {{
        <{canonical}> cg:quote ?span . ?span oa:hasSource ?a ;
            oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ] .
        ?a dcterms:identifier ?article ; schema:publisher/rdfs:label ?outlet .
        <{canonical}> cg:appearsIn ?a ; cg:reportedBy/rdfs:label ?outlet }} ORDER BY ?article""")
    assert [(r["article"], r["outlet"]) for r in rows] == [
        ("example-daily-idlib-2019-07-23", "Example Daily"),
        ("example-wire-idlib-2019-07-22", "Example Wire")]
    assert rows[0]["start"] != rows[1]["start"]  # each quote anchored in its own text
    exact = select(store, f"""SELECT DISTINCT ?exact WHERE {{ <{canonical}> cg:quote/oa:hasSelector
        ?s . ?s oa:exact ?exact }}""")
    assert len(exact) == 2  # the same words, wrapped differently in each article
    assert status(store, copy) == status(store, canonical) == "Contested"


def test_a_republished_statement_is_counted_once_and_never_corroborates_itself(
        store: Store) -> None:
    canonical, copy = WIRE + "snhr-662-killed", DAILY + "snhr-662-killed"
    assert findings(store, copy) == set()
    assert not any(other == copy for claim in (canonical, DAILY + "monitor-410-killed",
                                                SEED + "snhr-civilians-killed")
                   for _, other in findings(store, claim))
    assert select(store, f"""SELECT ?r WHERE {{ ?r cg:otherClaim <{copy}> }}""") == []
    assert select(store, f"""SELECT ?r WHERE {{ <{canonical}> cg:statusReason ?r .
        ?r cg:verdict cg:Corroborated }}""") == []
    # the monitor is contested once, by the statement, not once per article carrying it
    assert len(findings(store, DAILY + "monitor-410-killed")) == 1


def test_the_merge_does_not_depend_on_the_order_of_loading(backend: Backend,
                                                          tmp_path: Path) -> None:
    for name in ("example-wire-2019-07-22", "example-daily-2019-07-23"):
        for suffix in (".txt", ".claims.yaml"):
            shutil.copy(FIXTURES / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    store = backend.fresh()
    claimgraph.load_files(store, [claimgraph.shipped_data(),
                                  tmp_path / "example-daily-2019-07-23.claims.yaml"])
    assert select(store, "SELECT ?c WHERE { ?c cg:mergedInto ?d }") == []
    claimgraph.load_files(store, [tmp_path / "example-wire-2019-07-22.claims.yaml"])
    assert select(store, "SELECT ?copy ?canonical WHERE { ?copy cg:mergedInto ?canonical }") \
        == [{"copy": DAILY + "snhr-662-killed", "canonical": WIRE + "snhr-662-killed"}]


def test_the_statement_key_ignores_wrapping_case_and_quote_marks() -> None:
    checked = check_files([claimgraph.shipped_data(), FIXTURES])
    claims = {(a.claims.article.id, c.id): c for a in checked.articles for c in a.claims.claims}
    wire = claims[("example-wire-idlib-2019-07-22", "snhr-662-killed")]
    daily = claims[("example-daily-idlib-2019-07-23", "snhr-662-killed")]
    assert wire.quote.exact != daily.quote.exact
    assert statement_key(wire) == statement_key(daily)
    assert len({statement_key(c) for c in claims.values()}) == len(claims) - 1


# ---------------------------------------------------------------------------- denials

def test_a_denial_contests_a_claim_of_another_article(store: Store) -> None:
    denial, denied = WIRE + "russia-denies-strikes", SEED + "mhambil-barrel-bombs"
    assert status(store, denied) == "Contested"
    assert findings(store, denied) == {("contested-by-denial", denial)}
    assert findings(store, denial) == {("contested-as-denial", denied),
                                       ("contested-as-denial", WIRE + "rescuers-market-strike")}
    dispute = DAILY + "government-strikes-militants-only"
    assert ("contested-by-denial", dispute) in findings(store, SEED + "snhr-deliberate-targeting")


def test_a_stance_on_an_unknown_claim_of_a_checked_article_is_reported(tmp_path: Path) -> None:
    for name in ("example-wire-2019-07-22.txt", "example-wire-2019-07-22.claims.yaml"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("idlib-offensive-2019/mhambil-barrel-bombs",
                                                  "idlib-offensive-2019/no-such-claim"),
                                     encoding="utf-8")
    with pytest.raises(claimgraph.ValidationError) as caught:
        check_files([claimgraph.shipped_data(), tmp_path])
    messages = [p.message for p in caught.value.problems]
    assert messages == ["unknown claim 'idlib-offensive-2019/no-such-claim': article "
                        "'idlib-offensive-2019' has no claim 'no-such-claim'"]


# --------------------------------------------------------------------------- timeline

def test_the_timeline_lists_the_death_toll_by_source_in_date_order(store: Store) -> None:
    rows = run_canned(store, get_canned("quantity-timeline"),
                      {"measure": "killed"}).records()
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    listed = [(r["date"], r["source"], r["words"], r["status"], r["articles"]) for r in rows
              if r["population"] == "civilians"]
    assert listed == [
        ("2019-07-06", "Syrian Network for Human Rights", "the 544 civilians killed", "updated",
         "idlib-offensive-2019"),
        ("2019-07-06", "rescuers, rights groups", "At least 544", "single source",
         "idlib-offensive-2019"),
        ("2019-07-19", "United Nations", "nearly 500 civilians", "single source",
         "example-wire-idlib-2019-07-22"),
        ("2019-07-22", "Northwest Syria Casualty Monitor", "410 civilian deaths", "contested",
         "example-daily-idlib-2019-07-23"),
        ("2019-07-22", "Syrian Network for Human Rights", "At least 662", "contested",
         "example-wire-idlib-2019-07-22, example-daily-idlib-2019-07-23"),
        ("2019-07-22", "Syrian Network for Human Rights", "103 civilians", "single source",
         "example-wire-idlib-2019-07-22")]
    by_claim = {(r["article"], r["claim"]): r for r in rows}
    for (article, claim), row in by_claim.items():
        expected = select(store, f"""SELECT ?l WHERE {{ ?c dcterms:identifier "{claim}" ;
            cg:appearsIn/dcterms:identifier "{article}" ; cg:status/rdfs:label ?l .
            FILTER NOT EXISTS {{ ?c cg:mergedInto ?x }} }}""")
        assert expected == [{"l": row["status"]}]
    assert (by_claim[("idlib-offensive-2019", "lead-casualties")]["min"],
            by_claim[("idlib-offensive-2019", "lead-casualties")]["max"]) == ("544", None)
    assert (by_claim[("example-wire-idlib-2019-07-22", "un-nearly-500-verified")]["min"],
            by_claim[("example-wire-idlib-2019-07-22", "un-nearly-500-verified")]["max"]) == (
                "0", "499")


def test_stances_on_a_republished_copy_count_for_its_canonical_claim(
        backend: Backend, tmp_path: Path) -> None:
    registry = {"sources": SOURCES, "events": EVENTS, "measures": [{"id": "killed",
                                                                    "label": "killed people"}]}
    (tmp_path / "registry.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    said = "Monitor A said that ten people were killed in the strike."
    texts = {"one": f"{said}\n",
             "two": ("Monitor A said that ten people\nwere killed in the strike. Government X "
                     "denied it. Monitor B said it saw the same.\n")}
    claims = {"one": [{"id": "a", "label": "ten killed", "claimants": ["monitor-a"],
                       "quote": "ten people were killed in the strike"}],
              "two": [{"id": "a", "label": "ten killed", "claimants": ["monitor-a"],
                       "quote": "ten people were killed in the strike"},
                      {"id": "d", "label": "a denial", "claimants": ["gov-x"],
                       "quote": "Government X denied it", "denies": ["a"]},
                      {"id": "s", "label": "the same", "claimants": ["monitor-b"],
                       "quote": "Monitor B said it saw the same", "supports": ["a"]}]}
    for day, name in ((6, "one"), (7, "two")):
        (tmp_path / f"{name}.txt").write_text(texts[name], encoding="utf-8")
        article = {"id": name, "text": f"{name}.txt", "title": name, "outlet": "wire",
                   "published": f"2019-07-0{day}"}
        (tmp_path / f"{name}.claims.yaml").write_text(
            yaml.safe_dump({"article": article, "claims": claims[name]}), encoding="utf-8")
    store = backend.fresh()
    claimgraph.load_files(store, [tmp_path])
    canonical, copy = ID + "claim/one/a", ID + "claim/two/a"
    denial, support = ID + "claim/two/d", ID + "claim/two/s"
    assert select(store, "SELECT ?copy ?canonical WHERE { ?copy cg:mergedInto ?canonical }") \
        == [{"copy": copy, "canonical": canonical}]
    assert findings(store, canonical) == {("contested-by-denial", denial),
                                          ("corroborated-by-support", support)}
    assert findings(store, denial) == {("contested-as-denial", canonical)}
    assert findings(store, support) == {("corroborated-by-support", canonical)}
    assert findings(store, copy) == set()
    assert status(store, copy) == status(store, canonical) == "Contested"


@pytest.mark.parametrize("spec", [ViewSpec("graph"), ViewSpec("contested"),
                                  ViewSpec("article", article="example-daily-idlib-2019-07-23"),
                                  ViewSpec("source", source="snhr")],
                         ids=["graph", "contested", "article", "source"])
def test_views_draw_a_republished_statement_once(store: Store, spec: ViewSpec) -> None:
    drawn = {n.id for n in build_view(store, spec).nodes if n.kind == "claim"}
    assert WIRE + "snhr-662-killed" in drawn
    assert DAILY + "snhr-662-killed" not in drawn


def test_the_timeline_view_puts_each_source_in_a_lane_and_days_left_to_right(
        store: Store) -> None:
    view = build_view(store, ViewSpec("timeline", measure="killed", population="civilians"))
    assert view.title == "Timeline: civilians killed"
    claims = {n.id: n for n in view.nodes if n.kind == "claim"}
    assert DAILY + "snhr-662-killed" not in claims and len(claims) == 6
    days = sorted((n.x, n.label) for n in view.nodes if n.kind == "day")
    assert [label for _, label in days] == ["2019-07-06", "2019-07-19", "2019-07-22"]
    earlier, later = claims[SEED + "snhr-civilians-killed"], claims[WIRE + "snhr-662-killed"]
    assert earlier.x < later.x and earlier.y == later.y  # one lane, later to the right
    assert claims[DAILY + "monitor-410-killed"].x == later.x  # the same day
    links = {(e.source, e.target, e.kind) for e in view.edges if e.kind != "claimed"}
    assert links == {(SEED + "snhr-civilians-killed", WIRE + "snhr-662-killed", "updated-by"),
                     (DAILY + "monitor-410-killed", WIRE + "snhr-662-killed", "contradicts")}


def test_related_figures_share_a_scope_and_a_line_of_measures(store: Store) -> None:
    pairs = select(store, """SELECT ?m ?n ?s ?t WHERE { ?a cg:relatedQuantity ?b .
        ?a cg:measures ?m ; cg:scope ?s . ?b cg:measures ?n ; cg:scope ?t }""")
    broader = {(r["m"], r["n"]) for r in select(store, "SELECT ?m ?n WHERE { "
                                                       "?m a cg:Measure ; skos:broader ?n }")}
    closure = set(broader)
    for _ in range(len(broader)):
        closure |= {(a, d) for a, b in closure for c, d in broader if b == c}
    assert pairs
    for row in pairs:
        assert row["s"] == row["t"]
        assert row["m"] == row["n"] or (row["m"], row["n"]) in closure \
            or (row["n"], row["m"]) in closure, row
