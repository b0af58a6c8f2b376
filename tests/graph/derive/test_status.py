"""Derived statuses (contested, updated, corroborated, not comparable, single source): the seed
and synthetic cases, on every backend (tests/backends.py): the rules must give the same
statuses everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import claimgraph
from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.derive.status import STAGES, derive_if_rules_changed
from claimgraph.graph.queries.canned import get_canned, run_canned
from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS, LISTS_GRAPH, SUMMARY_GRAPH

from ...backends import Backend

CLAIM = "https://w3id.org/claimgraph/id/claim/"
CG = "https://w3id.org/claimgraph/ns#"
RULE = "https://w3id.org/claimgraph/rules#"
SEED = CLAIM + "idlib-offensive-2019/"
PERIOD = {"start": "2019-04-26", "end": "2019-07-06"}

SOURCES = [
    {"id": "wire", "kind": "outlet", "label": "Wire"},
    {"id": "monitor-a", "kind": "organisation", "label": "Monitor A"},
    {"id": "monitor-b", "kind": "organisation", "label": "Monitor B"},
    {"id": "spokes-a", "kind": "person", "label": "Spokes A", "affiliation": "monitor-a",
     "role": "spokesperson"},
    {"id": "locals", "kind": "collective", "label": "locals", "may_include": ["monitor-a"]},
    {"id": "gov-x", "kind": "government", "label": "Government X", "allied_with": ["gov-y"]},
    {"id": "gov-y", "kind": "government", "label": "Government Y"},
    {"id": "army-y", "kind": "government", "label": "Army Y", "part_of": "gov-y"},
]
EVENTS = [{"id": "offensive", "label": "the offensive", "start": "2019-04-26"},
          {"id": "strike", "label": "a strike"}]
PLACES = [{"id": "town", "label": "the town"}]


def select(store: Store, query: str) -> list[dict[str, str | None]]:
    result = store.query(claimgraph.sparql_prefixes() + query)
    assert isinstance(result, Solutions)
    return result.records()


def qty(measure: str, bound: str, value: int | list[int], *, scope: str | None = "offensive",
        period: dict | str | None = PERIOD, population: str | None = "civilians") -> dict:
    quantity = {"measure": measure, bound: value, "words": f"{bound} {value}"}
    if population:
        quantity["population"] = population
    if scope:
        quantity["scope"] = scope
    if period:
        quantity["period"] = period
    return quantity


def claim(cid: str, claimants: list[str], *quantities: dict, **extra: object) -> dict:
    return {"id": cid, "label": f"claim {cid}", "claimants": claimants,
            "quote": f"Claim {cid} reports what its sources saw", "verb": "said",
            **({"quantities": list(quantities)} if quantities else {}), **extra}


def write(folder: Path, claims: list[dict], measures: tuple[str, ...] = ("killed",),
          more_sources: tuple[dict, ...] = (), *, more_events: tuple[dict, ...] = (),
          things: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    registry = {"sources": [*SOURCES, *more_sources], "events": [*EVENTS, *more_events],
                "places": PLACES,
                "measures": [{"id": m, "label": m, "counts": "things" if m in things
                              else "people"} for m in measures]}
    (folder / "registry.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    text = "".join(f"{c['quote']}, Wire was told.\n" for c in claims)
    (folder / "test.txt").write_text(text, encoding="utf-8")
    article = {"id": "test", "text": "test.txt", "title": "A test", "outlet": "wire",
               "published": "2019-07-06"}
    (folder / "test.claims.yaml").write_text(yaml.safe_dump({"article": article,
                                                             "claims": claims}),
                                             encoding="utf-8")
    return folder


Loader = Callable[..., Store]
"""``load(folder, claims, measures=("killed",), more_sources=(), more_events=(), things=())``:
an empty store of the backend under test, with ``claims`` written to ``folder`` and loaded."""


@pytest.fixture
def load(backend: Backend) -> Loader:
    def load_claims(folder: Path, claims: list[dict], measures: tuple[str, ...] = ("killed",),
                    more_sources: tuple[dict, ...] = (), **registry: tuple[Any, ...]) -> Store:
        store = backend.fresh()
        claimgraph.load_files(store, [write(folder, claims, measures, more_sources,
                                            **registry)])
        return store

    return load_claims


def status(store: Store, iri: str) -> str:
    rows = select(store, f"SELECT ?s WHERE {{ <{iri}> cg:status ?s }}")
    assert len(rows) == 1, rows
    return str(rows[0]["s"]).removeprefix(CG)


def reasons(store: Store, iri: str) -> set[tuple[str, str]]:
    rows = select(store, f"""SELECT ?rule ?other WHERE {{ <{iri}> cg:statusReason ?r .
        ?r cg:rule ?rule ; cg:otherClaim/dcterms:identifier ?other }}""")
    return {(str(r["rule"]).removeprefix(RULE), str(r["other"])) for r in rows}


def relations(store: Store, one: str, other: str) -> set[str]:
    rows = select(store, f"""SELECT ?rel WHERE {{ <{one}> cg:hasQuantity ?a .
        <{other}> cg:hasQuantity ?b . ?a ?rel ?b .
        FILTER (?rel IN (cg:compatibleWith, cg:incompatibleWith)) }}""")
    return {str(r["rel"]).removeprefix(CG) for r in rows}


def t(cid: str) -> str:
    return CLAIM + "test/" + cid


# ------------------------------------------------------------------------------------ seed

@pytest.fixture
def seed(backend: Backend) -> Store:
    return backend.seed()


@pytest.mark.parametrize("cid", ["hrw-cluster-munitions", "snhr-deliberate-targeting"])
def test_seed_accusations_are_contested_by_the_denial(seed: Store, cid: str) -> None:
    assert status(seed, SEED + cid) == "Contested"
    rows = select(seed, f"""SELECT ?verdict ?label WHERE {{ <{SEED}{cid}> cg:statusReason ?r .
        ?r cg:rule <{RULE}contested-by-denial> ; cg:otherClaim <{SEED}russia-syria-deny> ;
           cg:verdict ?verdict ; rdfs:label ?label }}""")
    assert rows == [{"verdict": CG + "Contested", "label": "denied by an independent source: "
                     "Russia and the Syrian army deny their jets hit civilian areas "
                     "indiscriminately with cluster munitions and incendiary weapons"}]


def test_seed_denial_is_itself_contested(seed: Store) -> None:
    assert status(seed, SEED + "russia-syria-deny") == "Contested"
    assert {("contested-as-denial", "hrw-cluster-munitions"),
            ("contested-as-denial", "snhr-deliberate-targeting")} <= reasons(
                seed, SEED + "russia-syria-deny")


def test_seed_snhr_accusation_keeps_its_support_under_contest(seed: Store) -> None:
    cid = SEED + "snhr-deliberate-targeting"
    assert status(seed, cid) == "Contested"
    assert reasons(seed, cid) == {("contested-by-denial", "russia-syria-deny"),
                                  ("contested-by-denial", "moscow-fending-off-terror"),
                                  ("corroborated-by-support", "uossm-war-crime")}
    assert status(seed, SEED + "uossm-war-crime") == "Corroborated"


def test_seed_every_claim_has_exactly_one_status(seed: Store) -> None:
    rows = select(seed, """SELECT ?c (COUNT(?s) AS ?n) WHERE { ?c a cg:Claim .
        OPTIONAL { ?c cg:status ?s } } GROUP BY ?c""")
    assert len(rows) == 20
    assert {r["n"] for r in rows} == {"1"}


def test_seed_injured_figures_are_compatible_and_not_contested(seed: Store) -> None:
    lead, snhr = SEED + "lead-casualties", SEED + "snhr-injured"
    rows = select(seed, f"""SELECT ?a ?b WHERE {{ <{lead}> cg:hasQuantity ?qa .
        <{snhr}> cg:hasQuantity ?qb . ?qa cg:compatibleWith ?qb .
        ?qa cg:words ?a ; cg:measures measure:injured . ?qb cg:words ?b }}""")
    assert rows == [{"a": "over 2,000", "b": "Another 2,117"}]
    assert relations(seed, snhr, lead) == {"compatibleWith"}
    for one, other in ((lead, snhr), (snhr, lead)):
        assert status(seed, one) != "Contested"
        assert not any(o == other.rsplit("/", 1)[1] for _, o in reasons(seed, one))


def test_seed_killed_figures_are_compatible(seed: Store) -> None:
    rows = select(seed, f"""SELECT ?a ?b WHERE {{ <{SEED}lead-casualties> cg:hasQuantity ?qa .
        <{SEED}snhr-civilians-killed> cg:hasQuantity ?qb . ?qa cg:compatibleWith ?qb .
        ?qa cg:words ?a . ?qb cg:words ?b }}""")
    assert rows == [{"a": "At least 544", "b": "the 544 civilians killed"}]


def test_seed_rights_groups_are_not_independent_of_snhr(seed: Store) -> None:
    # "rights groups" may include SNHR: SNHR's figures neither corroborate nor contest the lead.
    asked = seed.query(claimgraph.sparql_prefixes()
                       + "ASK { source:rights-groups cg:notIndependentOf source:snhr }")
    assert asked == claimgraph.Boolean(True)
    assert status(seed, SEED + "lead-casualties") == "SingleSource"
    assert reasons(seed, SEED + "lead-casualties") == set()


def test_seed_different_measures_are_never_compared(seed: Store) -> None:
    assert select(seed, """SELECT ?a ?b WHERE { ?a cg:compatibleWith|cg:incompatibleWith ?b .
        ?a cg:measures ?m . ?b cg:measures ?n . FILTER (?m != ?n) }""") == []
    rows = select(seed, """SELECT ?rel WHERE { ?a cg:words "the 544 civilians killed" .
        ?b cg:words "Another 2,117" . { ?a ?rel ?b } UNION { ?b ?rel ?a } }""")
    assert rows == []
    assert select(seed, "SELECT ?a WHERE { ?a cg:incompatibleWith ?b }") == []


# ------------------------------------------------------------------------------- synthetic

def test_incompatible_numbers_of_independent_sources_contest_both(
        tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "at_least", 500)),
                            claim("b", ["monitor-b"], qty("killed", "exact", 300))])
    assert relations(store, t("a"), t("b")) == {"incompatibleWith"}
    assert relations(store, t("b"), t("a")) == {"incompatibleWith"}
    assert (status(store, t("a")), status(store, t("b"))) == ("Contested", "Contested")
    assert reasons(store, t("a")) == {("contested-by-incompatible-quantity", "b")}
    assert reasons(store, t("b")) == {("contested-by-incompatible-quantity", "a")}
    labels = select(store, f"SELECT ?l WHERE {{ <{t('a')}> cg:statusReason/rdfs:label ?l }}")
    assert labels == [{"l": "an independent source gives an incompatible figure for civilians "
                            "killed: at_least 500 against exact 300 (claim b)"}]


@pytest.mark.parametrize("second", [
    {"claimants": ["spokes-a"]},
    {"claimants": ["monitor-a"], "speaker": "spokes-a", "role": "spokesperson"},
    {"claimants": ["monitor-a"]},
])
def test_an_organisation_does_not_contest_its_own_spokesperson(
        tmp_path: Path, second: dict, load: Loader) -> None:
    b = claim("b", [], qty("killed", "exact", 300)) | second
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "at_least", 500)), b])
    assert relations(store, t("a"), t("b")) == {"incompatibleWith"}  # still compared
    assert (status(store, t("a")), status(store, t("b"))) == ("SingleSource", "SingleSource")
    assert reasons(store, t("a")) == reasons(store, t("b")) == set()


def test_support_from_the_same_source_does_not_corroborate(tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"]),
                            claim("b", ["spokes-a"], supports=["a"]),
                            claim("c", ["monitor-a"], corroborates=["a"])])
    for cid in "abc":
        assert status(store, t(cid)) == "SingleSource"
        assert reasons(store, t(cid)) == set()


@pytest.mark.parametrize("stance", ["supports", "corroborates"])
def test_support_from_an_independent_source_corroborates_both(tmp_path: Path,
                                                               stance: str, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"]),
                            claim("b", ["monitor-b"], **{stance: ["a"]})])
    assert (status(store, t("a")), status(store, t("b"))) == ("Corroborated", "Corroborated")
    assert reasons(store, t("a")) == {("corroborated-by-support", "b")}
    assert reasons(store, t("b")) == {("corroborated-by-support", "a")}


def test_compatible_numbers_of_independent_sources_corroborate(
        tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "more_than", 2000)),
                            claim("b", ["monitor-b"], qty("killed", "exact", 2117))])
    assert relations(store, t("a"), t("b")) == {"compatibleWith"}
    assert reasons(store, t("a")) == {("corroborated-by-compatible-quantity", "b")}
    assert (status(store, t("a")), status(store, t("b"))) == ("Corroborated", "Corroborated")


def test_a_collective_that_may_include_the_source_is_not_independent(
        tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [
        claim("a", ["monitor-a"], qty("killed", "at_least", 500)),
        claim("b", ["locals"], qty("killed", "exact", 300), supports=["a"]),
        claim("c", ["spokes-a"], denies=["b"]),
        claim("d", ["locals", "monitor-b"], denies=["a"])])
    assert relations(store, t("a"), t("b")) == {"incompatibleWith"}
    for cid in "abcd":
        assert status(store, t(cid)) == "SingleSource", cid
        assert reasons(store, t(cid)) == set(), cid


@pytest.mark.parametrize(("denier", "denied"), [
    ("gov-x", "gov-y"), ("gov-y", "gov-x"), ("gov-x", "army-y"), ("army-y", "gov-y")])
def test_allies_and_parts_are_not_independent(
        tmp_path: Path, denier: str, denied: str, load: Loader) -> None:
    store = load(tmp_path, [claim("a", [denied], qty("killed", "exact", 10)),
                            claim("b", [denier], qty("killed", "exact", 20), denies=["a"])])
    assert relations(store, t("a"), t("b")) == {"incompatibleWith"}
    assert (status(store, t("a")), status(store, t("b"))) == ("SingleSource", "SingleSource")


def test_a_collective_that_may_include_a_part_is_not_independent_of_the_whole(
        tmp_path: Path, load: Loader) -> None:
    # "crowd" may include Army Y, which is part of Government Y: a part is not independent
    # of its whole, so the crowd should not be independent of Government Y either. The
    # independence rule follows part_of upwards only from the member, so the crowd's denial
    # contests Government Y's claim. Questionable rule result: see the report.
    crowd = {"id": "crowd", "kind": "collective", "label": "crowd", "may_include": ["army-y"]}
    store = load(tmp_path, [claim("a", ["gov-y"]), claim("b", ["crowd"], denies=["a"])],
                 more_sources=(crowd,))
    assert (status(store, t("a")), status(store, t("b"))) == ("SingleSource", "SingleSource")


BOUND_PAIRS = [  # (bound, value) of monitor A, (bound, value) of monitor B, relation
    (("more_than", 2000), ("exact", 2000), "incompatibleWith"),
    (("more_than", 2000), ("exact", 2001), "compatibleWith"),
    (("at_least", 2000), ("exact", 2000), "compatibleWith"),
    (("at_least", 2000), ("exact", 1999), "incompatibleWith"),
    (("at_most", 50), ("exact", 50), "compatibleWith"),
    (("at_most", 50), ("exact", 51), "incompatibleWith"),
    (("fewer_than", 50), ("exact", 50), "incompatibleWith"),
    (("fewer_than", 50), ("exact", 49), "compatibleWith"),
    (("fewer_than", 50), ("at_least", 49), "compatibleWith"),
    (("fewer_than", 50), ("at_least", 50), "incompatibleWith"),
    (("more_than", 10), ("fewer_than", 12), "compatibleWith"),
    (("more_than", 10), ("fewer_than", 11), "incompatibleWith"),
    (("at_least", 500), ("at_most", 500), "compatibleWith"),
    (("at_least", 500), ("at_most", 499), "incompatibleWith"),
    (("at_least", 1), ("more_than", 1000000), "compatibleWith"),
    (("between", [200, 300]), ("exact", 300), "compatibleWith"),
    (("between", [200, 300]), ("exact", 200), "compatibleWith"),
    (("between", [200, 300]), ("exact", 301), "incompatibleWith"),
    (("between", [200, 300]), ("exact", 199), "incompatibleWith"),
    (("between", [200, 300]), ("at_least", 300), "compatibleWith"),
    (("between", [200, 300]), ("more_than", 300), "incompatibleWith"),
    (("between", [200, 300]), ("between", [301, 400]), "incompatibleWith"),
    (("approximately", 3000000), ("exact", 3499999), "compatibleWith"),
    (("approximately", 3000000), ("exact", 3500000), "incompatibleWith"),
    (("approximately", 3000000), ("exact", 2500000), "compatibleWith"),
    (("approximately", 3000000), ("exact", 2499999), "incompatibleWith"),
    (("approximately", 150), ("exact", 154), "compatibleWith"),
    (("approximately", 150), ("exact", 155), "incompatibleWith"),
    (("approximately", 15), ("exact", 16), "incompatibleWith"),
]


@pytest.fixture
def bounds(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Store:
    claims, measures = [], []
    for index, ((bound_a, value_a), (bound_b, value_b), _) in enumerate(BOUND_PAIRS):
        measures.append(f"pair-{index}")
        claims.append(claim(f"p{index}-a", ["monitor-a"], qty(f"pair-{index}", bound_a, value_a)))
        claims.append(claim(f"p{index}-b", ["monitor-b"], qty(f"pair-{index}", bound_b, value_b)))

    def setup(store: Store) -> None:
        folder = write(tmp_path_factory.mktemp("bounds"), claims, tuple(measures))
        claimgraph.load_files(store, [folder])

    return backend.prepared("bounds", setup)


@pytest.mark.parametrize("index", range(len(BOUND_PAIRS)))
def test_bounds(bounds: Store, index: int) -> None:
    a, b, relation = t(f"p{index}-a"), t(f"p{index}-b"), BOUND_PAIRS[index][2]
    assert relations(bounds, a, b) == relations(bounds, b, a) == {relation}
    expected = "Contested" if relation == "incompatibleWith" else "Corroborated"
    assert (status(bounds, a), status(bounds, b)) == (expected, expected)


@pytest.mark.parametrize(("bound", "value", "minimum", "maximum"), [
    ("more_than", 2000, "2001", None), ("at_least", 2000, "2000", None),
    ("at_most", 50, "0", "50"), ("fewer_than", 50, "0", "49"),
    ("between", [200, 300], "200", "300"), ("approximately", 3000000, "2500000", "3499999"),
    ("approximately", 150, "145", "154"), ("approximately", 15, "15", "15"),
])
def test_interval_of_each_bound(bounds: Store, bound: str, value: object, minimum: str,
                                maximum: str | None) -> None:
    rows = select(bounds, f"""SELECT DISTINCT ?min ?max WHERE {{ ?q cg:words "{bound} {value}" ;
        cg:minValue ?min . OPTIONAL {{ ?q cg:maxValue ?max }} }}""")
    assert rows == [{"min": minimum, "max": maximum}]


def test_only_quantities_of_the_same_pair_are_compared(bounds: Store) -> None:
    rows = select(bounds, """SELECT ?m ?n WHERE { ?a cg:compatibleWith|cg:incompatibleWith ?b .
        ?a cg:measures ?m . ?b cg:measures ?n . FILTER (?m != ?n) }""")
    assert rows == []


@pytest.mark.parametrize(("bound", "value"), [("between", [300, 200]), ("fewer_than", 0)])
def test_empty_ranges_are_rejected(tmp_path: Path, bound: str, value: object, load: Loader) -> None:
    # "fewer than 0" allows no count at all (regression: it used to be clamped to [0, 0]).
    with pytest.raises(claimgraph.ValidationError, match="gives an empty range"):
        load(tmp_path, [claim("a", ["monitor-a"], qty("killed", bound, value))])


@pytest.mark.parametrize(("b_quantity", "b_status"), [
    (qty("killed", "exact", 300, scope="strike"), "SingleSource"),
    (qty("killed", "exact", 300, population="children"), "SingleSource"),
    (qty("killed", "exact", 300, population="people"), "SingleSource"),
    (qty("killed", "exact", 300, period={"start": "2019-04-26", "end": "2019-07-05"}),
     "SingleSource"),
    (qty("killed", "exact", 300, period={"start": "2019-05-01", "end": "2019-07-06"}),
     "SingleSource"),
    (qty("killed", "exact", 300, scope=None), "NotComparable"),
    (qty("killed", "exact", 300, population=None), "NotComparable"),
    (qty("killed", "exact", 300, period=None), "NotComparable"),
    (qty("killed", "exact", 300, period="unknown"), "NotComparable"),
    (qty("killed", "exact", 300, period={"start": "2019-04-26"}), "NotComparable"),
    (qty("killed", "exact", 300, period={"start": "late April", "end": "2019-07-06"}),
     "NotComparable"),
], ids=["scope", "population-part", "population-whole", "period-end", "period-start",
        "no-scope", "no-population", "no-period", "unknown-period", "start-only",
        "start-not-a-day"])
def test_figures_of_another_question_or_an_unknown_part_are_not_compared(
        tmp_path: Path, b_quantity: dict, b_status: str, load: Loader) -> None:
    """Only figures whose four parts (measure, population, scope, period) are all known and
    agree are compared; a figure with a part unknown is not comparable, never contested."""
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "at_least", 500)),
                            claim("b", ["monitor-b"], b_quantity)])
    assert relations(store, t("a"), t("b")) == set()
    assert (status(store, t("a")), status(store, t("b"))) == ("SingleSource", b_status)


@pytest.mark.parametrize(("stance", "denied", "denies"), [
    ("denies", "denied by an independent source: claim b",
     "denies a claim of an independent source: claim a"),
    ("disputes", "disputed by an independent source: claim b",
     "disputes a claim of an independent source: claim a"),
])
def test_a_denial_between_independent_sources_contests_both(
        tmp_path: Path, stance: str, denied: str, denies: str, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"]), claim("b", ["gov-x"], **{stance: ["a"]})])
    assert (status(store, t("a")), status(store, t("b"))) == ("Contested", "Contested")
    assert reasons(store, t("a")) == {("contested-by-denial", "b")}
    assert reasons(store, t("b")) == {("contested-as-denial", "a")}
    for cid, label in (("a", denied), ("b", denies)):
        rows = select(store, f"SELECT ?l WHERE {{ <{t(cid)}> cg:statusReason/rdfs:label ?l }}")
        assert rows == [{"l": label}]


def test_contested_wins_over_corroborated_and_keeps_every_reason(
        tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "at_least", 500)),
                            claim("b", ["monitor-b"], qty("killed", "exact", 600), supports=["a"]),
                            claim("c", ["gov-x"], denies=["a"])])
    assert status(store, t("a")) == "Contested"
    assert reasons(store, t("a")) == {("corroborated-by-support", "b"),
                                      ("corroborated-by-compatible-quantity", "b"),
                                      ("contested-by-denial", "c")}
    verdicts = select(store, f"""SELECT ?rule ?v WHERE {{ <{t('a')}> cg:statusReason ?r .
        ?r cg:rule ?rule ; cg:verdict ?v }} ORDER BY ?rule""")
    assert [(str(r["rule"]).removeprefix(RULE), str(r["v"]).removeprefix(CG))
            for r in verdicts] == [("contested-by-denial", "Contested"),
                                   ("corroborated-by-compatible-quantity", "Corroborated"),
                                   ("corroborated-by-support", "Corroborated")]
    assert status(store, t("b")) == "Corroborated"


def test_reloading_an_article_without_the_denial_recomputes_statuses(
        tmp_path: Path, load: Loader) -> None:
    a = claim("a", ["monitor-a"], qty("killed", "at_least", 500))
    store = load(tmp_path, [a, claim("b", ["gov-x"], qty("killed", "exact", 10), denies=["a"])])
    assert status(store, t("a")) == "Contested"
    assert reasons(store, t("a")) == {("contested-by-denial", "b"),
                                      ("contested-by-incompatible-quantity", "b")}
    claimgraph.load_files(store, [write(tmp_path, [a])])
    assert status(store, t("a")) == "SingleSource"
    assert reasons(store, t("a")) == set()
    assert select(store, f"SELECT ?p ?o WHERE {{ <{t('b')}> ?p ?o }}") == []
    assert select(store, f"SELECT ?s WHERE {{ ?s ?p <{t('b')}> }}") == []
    assert select(store, "SELECT ?q WHERE { ?q cg:incompatibleWith ?r }") == []


def test_a_store_derived_by_other_rules_is_derived_again(any_store: Store) -> None:
    """`claimgraph serve` calls this on a store it did not just load: a store made by an older
    claimgraph (here: without the summary and lists graphs it now needs) gets current
    statuses."""
    claimgraph.load_files(any_store)
    assert derive_if_rules_changed(any_store) is None  # just derived: current
    any_store.replace_graphs({str(SUMMARY_GRAPH): "", str(LISTS_GRAPH): ""})
    per_source = get_canned("claims-per-source")
    assert not run_canned(any_store, per_source, {}).rows
    summary = derive_if_rules_changed(any_store)
    assert summary is not None
    assert summary.counts == {"contested": 5, "corroborated": 1, "not comparable": 3,
                              "single source": 11}
    rows = {r["source"]: r["claims"] for r in run_canned(any_store, per_source, {}).records()}
    assert rows["snhr"] == "3"
    assert derive_if_rules_changed(any_store) is None


def test_the_stages_write_exactly_the_derived_graphs() -> None:
    """The graph store refuses writes to DERIVED_GRAPHS; derivation writes STAGES' graphs:
    the two lists must name the same graphs."""
    written = [stage.graph for stage in STAGES]
    assert sorted(written) == sorted(str(g) for g in DERIVED_GRAPHS)
    assert len(set(written)) == len(written)


# ------------------------------------------------------------------- comparable or not

MONITORS = tuple({"id": f"monitor-{n}", "kind": "organisation", "label": f"Monitor {n}"}
                 for n in range(1, 13))
MARKET = {"id": "market-strike", "label": "the market strike", "kind": "incident",
          "part_of": "offensive"}


def test_one_strike_toll_is_never_contested_by_the_campaign_tolls(
        tmp_path: Path, load: Loader) -> None:
    """The trap real articles set: twelve monitors' tolls of the whole offensive, and one
    market strike's 23 dead, drafted once without scope or period and once with the strike
    as its scope. Neither is compared with the campaign's tolls."""
    campaign = [claim(f"toll-{n}", [f"monitor-{n}"], qty("killed", "at_least", 400 + 10 * n))
                for n in range(1, 13)]
    unscoped = claim("market", ["monitor-a"], qty("killed", "exact", 23, scope=None,
                                                  period=None, population="people"))
    strike_day = {"start": "2019-07-05", "end": "2019-07-05"}
    scoped = claim("market-scoped", ["monitor-b"], qty("killed", "exact", 23,
                                                       scope="market-strike",
                                                       period=strike_day, population="people"))
    store = load(tmp_path, [*campaign, unscoped, scoped], more_sources=MONITORS,
                 more_events=(MARKET,))
    for strike in ("market", "market-scoped"):
        assert select(store, f"""SELECT ?other WHERE {{ <{t(strike)}> cg:hasQuantity ?q .
            ?q cg:compatibleWith|cg:incompatibleWith ?other }}""") == []
    assert status(store, t("market")) == "NotComparable"
    assert status(store, t("market-scoped")) == "SingleSource"
    assert {status(store, t(f"toll-{n}")) for n in range(1, 13)} == {"Corroborated"}
    [row] = select(store, f"""SELECT ?l WHERE {{ <{t('market')}> cg:statusReason ?r .
        ?r cg:verdict cg:NotComparable ; rdfs:label ?l }}""")
    assert row["l"] == ("not comparable: exact 23 (killed) needs what it is about (the "
                        "campaign, one incident or one place); its period")


@pytest.mark.parametrize(("quantity", "needs"), [
    (qty("killed", "exact", 23, population=None), "whom it counts (its population)"),
    (qty("killed", "exact", 23, period={"start": "2019-04-26", "end": "unknown"}),
     "when its period ends"),
    (qty("killed", "exact", 23, period={"start": "late April", "end": "2019-07-06"}),
     "the day its period starts (\"late April\" names no day)"),
])
def test_a_not_comparable_finding_says_what_the_figure_needs(
        tmp_path: Path, quantity: dict, needs: str, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"], quantity)])
    rows = select(store, f"""SELECT ?l ?figure WHERE {{ <{t('a')}> cg:statusReason ?r .
        ?r cg:rule <{RULE}not-comparable-figure> ; rdfs:label ?l ; cg:figure ?figure }}""")
    assert rows == [{"l": f"not comparable: exact 23 (killed) needs {needs}",
                     "figure": t("a") + "/quantity/1"}]


def test_a_denial_still_contests_a_claim_whose_figure_is_not_comparable(
        tmp_path: Path, load: Loader) -> None:
    store = load(tmp_path, [claim("a", ["monitor-a"], qty("killed", "exact", 23, scope=None)),
                            claim("b", ["gov-x"], denies=["a"])])
    assert status(store, t("a")) == "Contested"
    assert {r for r, _ in reasons(store, t("a"))} == {"contested-by-denial"}


def test_a_measure_of_things_needs_no_population_and_a_place_can_be_the_scope(
        tmp_path: Path, load: Loader) -> None:
    town = {"start": "2019-07-01", "end": "2019-07-06"}
    store = load(tmp_path, [
        claim("a", ["monitor-a"], qty("facilities-hit", "exact", 3, population=None,
                                      scope="town", period=town)),
        claim("b", ["monitor-b"], qty("facilities-hit", "exact", 5, population=None,
                                      scope="town", period=town))],
        measures=("facilities-hit",), things=("facilities-hit",))
    assert relations(store, t("a"), t("b")) == {"incompatibleWith"}
    assert status(store, t("a")) == "Contested"


def test_a_population_on_a_measure_of_things_is_an_error(tmp_path: Path, load: Loader) -> None:
    with pytest.raises(claimgraph.ValidationError,
                       match="counts things, not people: leave out the population"):
        load(tmp_path, [claim("a", ["monitor-a"], qty("facilities-hit", "exact", 3))],
             measures=("facilities-hit",), things=("facilities-hit",))
