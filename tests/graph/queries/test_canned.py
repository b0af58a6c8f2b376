"""Canned queries: reading the files, binding parameters safely, and what they answer over the
shipped graph."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import pytest

import claimgraph
from claimgraph import NotFound, QueryError, Solutions, Store, ValidationError
from claimgraph.graph.backends.store import Term
from claimgraph.graph.queries.canned import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    Bindings,
    CannedQuery,
    ParameterError,
    get_canned,
    load_canned,
    parse_canned,
    parse_page,
    run_canned,
    run_canned_async,
    sparql_string,
)

from ...backends import Backend
from ...coroutines import run_coroutine

ARTICLE = "idlib-offensive-2019"
CLAIM = f"https://w3id.org/claimgraph/id/claim/{ARTICLE}/"
NAMES = {"who-claimed-what", "contested-claims", "article-claims", "attribution-chain",
         "claims-per-source", "claims-mentioning"}


@pytest.fixture
def store(backend: Backend) -> Store:
    """The shipped article on every backend (tests/backends.py); tests only read it."""
    return backend.seed()


def rows(store: Store, name: str, **arguments: str) -> list[dict[str, str | None]]:
    return run_canned(store, get_canned(name), arguments).records()


def count_claims(store: Store) -> int:
    result = store.query(claimgraph.sparql_prefixes()
                         + "SELECT (COUNT(?c) AS ?n) WHERE { ?c a cg:Claim }")
    assert isinstance(result, Solutions)
    return int(result.column("n")[0] or 0)


# -- the shipped files ---------------------------------------------------------------------


def test_the_shipped_queries_are_documented() -> None:
    queries = load_canned()
    assert {q.name for q in queries} >= NAMES
    for query in queries:
        assert query.title and query.description, query.name
        for parameter in query.parameters:
            assert parameter.description and parameter.example, (query.name, parameter)
    chain = get_canned("attribution-chain")
    assert [(p.name, p.kind) for p in chain.parameters] == [("article", "article"),
                                                             ("claim", "claim")]
    assert chain.examples == {"article": ARTICLE, "claim": "hrw-cluster-munitions"}
    assert get_canned("contested-claims").parameters == ()


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_query_answers_its_example_with_statuses(store: Store, name: str) -> None:
    query = get_canned(name)
    result = run_canned(store, query, query.examples)
    assert result.rows, name
    # Every listing shows each claim's status (the counts show them as columns).
    assert "status" in result.variables or "contested" in result.variables


def test_unknown_query_name() -> None:
    with pytest.raises(NotFound, match="who-claimed-what"):
        get_canned("nope")


# -- what they answer ----------------------------------------------------------------------


def test_who_claimed_what_for_snhr(store: Store) -> None:
    found = {r["claim"]: r for r in rows(store, "who-claimed-what", source="snhr")}
    assert {c: r["status"] for c, r in found.items()} == {
        "snhr-civilians-killed": "single source",
        "snhr-deliberate-targeting": "contested",
        "snhr-injured": "single source",
    }
    targeting = found["snhr-deliberate-targeting"]
    assert targeting["speaker"] == "Fadel Abdul Ghany"
    assert targeting["role"] == "chairman of Syrian Network for Human Rights"
    assert targeting["verb"] == "told Reuters"
    assert targeting["published"] == "2019-07-06"
    assert found["snhr-injured"]["quote"] == "Another 2,117 people have been injured."


def test_who_claimed_what_for_a_person_and_for_a_dated_claim(store: Store) -> None:
    [fadel] = rows(store, "who-claimed-what", source="fadel-abdul-ghany")
    assert (fadel["claim"], fadel["capacity"], fadel["status"]) == (
        "snhr-deliberate-targeting", "speaker", "contested")
    [hrw] = rows(store, "who-claimed-what", source="hrw")
    assert (hrw["stated"], hrw["statedDate"]) == ("Last month", "2019-06-03")
    civil_defence = rows(store, "who-claimed-what", source="syria-civil-defence")
    spoken = {r["claim"] for r in civil_defence if r["speaker"] == "Ahmad al Sheikho"}
    assert spoken == {"civil-defence-most-destructive", "civil-defence-villages-emptied"}


def test_an_organisation_finds_what_was_said_on_its_behalf() -> None:
    """Without SNHR as claimant, its chairman's claim is still SNHR's: on its behalf."""
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)
    claim = f"<{CLAIM}snhr-deliberate-targeting>"
    store.update(claimgraph.sparql_prefixes()
                 + f"DELETE WHERE {{ GRAPH ?g {{ {claim} cg:claimant source:snhr }} }}")
    found = {r["claim"]: r["capacity"] for r in rows(store, "who-claimed-what", source="snhr")}
    assert found["snhr-deliberate-targeting"] == "on its behalf"
    store.close()


def test_the_denial_stands_against_hrw_and_hrw_against_it(store: Store) -> None:
    found = rows(store, "contested-claims")
    pairs = {(r["claim"], r["challenger"], r["rule"]) for r in found}
    assert ("hrw-cluster-munitions", "russia-syria-deny", "contested-by-denial") in pairs
    assert ("russia-syria-deny", "hrw-cluster-munitions", "contested-as-denial") in pairs
    assert len(found) == 8
    assert {r["status"] for r in found} == {"contested"}
    hrw = next(r for r in found if r["claim"] == "hrw-cluster-munitions")
    assert hrw["challengedBy"] is not None and "Russian government" in hrw["challengedBy"]
    assert hrw["challengerStatus"] == "contested"
    assert hrw["reason"] is not None and hrw["reason"].startswith("denied by an independent")


def test_article_claims_in_text_order_with_offsets(store: Store) -> None:
    found = rows(store, "article-claims", article=ARTICLE)
    assert len(found) == 20
    starts = [int(r["start"] or 0) for r in found]
    assert starts == sorted(starts)
    text = (claimgraph.shipped_data() / "articles" / f"{ARTICLE}.txt").read_text("utf-8")
    for row in found:
        assert text[int(row["start"] or 0):int(row["end"] or 0)] == row["quote"], row["claim"]
        assert row["status"]
    targeting = next(r for r in found if r["claim"] == "snhr-deliberate-targeting")
    assert (targeting["start"], targeting["end"]) == ("849", "976")


def test_the_attribution_chain_of_hrws_claim(store: Store) -> None:
    chain = rows(store, "attribution-chain", article=ARTICLE, claim="hrw-cluster-munitions")
    steps = [(r["step"], r["value"]) for r in chain]
    assert steps[0] == ("claim", "hrw-cluster-munitions")
    assert chain[0]["status"] == "contested"
    by_step = {r["step"]: r for r in chain}
    assert by_step["claimant"]["value"] == "Human Rights Watch"
    assert (by_step["stated"]["value"], by_step["stated"]["detail"]) == ("Last month",
                                                                          "2019-06-03")
    assert by_step["outlet"]["value"] == "Reuters"
    assert (by_step["quote start"]["value"], by_step["quote end"]["value"]) == ("1531", "1738")
    assert {(r["value"], r["detail"]) for r in chain if r["step"] == "based on"} == {
        ("reports by first responders", "first responders"),
        ("reports by witnesses", "witnesses")}
    assert (by_step["denied by"]["value"], by_step["denied by"]["status"]) == (
        "russia-syria-deny", "contested")
    assert by_step["status reason"]["value"] == "contested-by-denial"


def test_the_chain_names_the_speaker_and_both_stances(store: Store) -> None:
    chain = rows(store, "attribution-chain", article=ARTICLE, claim="snhr-deliberate-targeting")
    found = {(r["step"], r["value"], r["detail"] if r["step"] == "speaker" else r["status"])
             for r in chain}
    assert ("speaker", "Fadel Abdul Ghany", "chairman of Syrian Network for Human Rights") in found
    assert ("denied by", "russia-syria-deny", "contested") in found
    assert ("disputed by", "moscow-fending-off-terror", "contested") in found
    assert ("supported by", "uossm-war-crime", "corroborated") in found


def test_claims_per_source(store: Store) -> None:
    found = {r["source"]: r for r in rows(store, "claims-per-source")}
    snhr = found["snhr"]
    assert (snhr["claims"], snhr["contested"], snhr["corroborated"], snhr["singleSource"]) == (
        "3", "1", "0", "2")
    assert found["fadel-abdul-ghany"]["kind"] == "person"
    assert found["russia"]["kind"] == "government or army"


def test_text_search_ignores_case(store: Store) -> None:
    found = rows(store, "claims-mentioning", text="CLUSTER munitions")
    assert {r["claim"]: r["status"] for r in found} == {
        "hrw-cluster-munitions": "contested", "residents-weapons-paralyse-life": "contested",
        "russia-syria-deny": "contested"}


# -- binding safely ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["snhr> } ; DROP ALL ; #", "SNHR", "snhr source", "../x",
                                   "snhr>", "-snhr", "x" * 201])
def test_malformed_ids_are_refused_naming_the_parameter(store: Store, value: str) -> None:
    with pytest.raises(ParameterError, match="'source'") as caught:
        run_canned(store, get_canned("who-claimed-what"), {"source": value})
    assert caught.value.parameter == "source"
    assert count_claims(store) == 20


def test_a_missing_parameter_is_named() -> None:
    for arguments in ({}, {"source": ""}):
        with pytest.raises(ParameterError, match="missing the 'source' parameter") as caught:
            get_canned("who-claimed-what").bind(arguments)
        assert caught.value.parameter == "source"
    with pytest.raises(ParameterError, match="'article'"):
        get_canned("attribution-chain").bind({"claim": "hrw-cluster-munitions"})


@pytest.mark.parametrize("text", ['x" } ; DROP ALL ; #', 'x") || true || ("', "\\", "\\u0022",
                                  "x\\\") } #", "'''", "\n\"\"\""])
def test_hostile_text_is_only_ever_text(store: Store, text: str) -> None:
    found = rows(store, "claims-mentioning", text=text)
    assert found == []
    assert count_claims(store) == 20


def test_a_quote_character_finds_the_quote_that_has_one(store: Store) -> None:
    found = rows(store, "claims-mentioning", text='already" and')
    assert [r["claim"] for r in found] == ["humanitarian-wars-have-laws"]


def test_sparql_string_escapes() -> None:
    assert sparql_string('a"b\\c\nd\re\tf') == '"a\\"b\\\\c\\nd\\re\\tf"'
    with pytest.raises(ParameterError, match="control character"):
        sparql_string("a\x00b")
    with pytest.raises(ParameterError, match="longer than"):
        sparql_string("x" * 1001)


def test_placeholders_outside_the_query_are_left_alone() -> None:
    query = parse_canned("demo", """# title: Demo
# description: $source in a comment stays.
# param source (source): a source id
SELECT ?x WHERE {
  BIND ("$source in a string" AS ?x)  # and $source here
  <https://example.org/$source> ?p $source .
}
ORDER BY ?x
""")
    bound = query.bind({"source": "snhr"}, limit=None)
    assert '"$source in a string"' in bound and "# and $source here" in bound
    assert "<https://example.org/$source>" in bound
    assert "?p <https://w3id.org/claimgraph/id/source/snhr> ." in bound
    assert "LIMIT" not in bound


def test_every_problem_of_a_bad_file_is_listed() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_canned("Bad_Name", """# description: no title here
# param who (person): a kind that does not exist
# param claim (claim): a claim without its article
# param unused (text): declared and never used
# sort: an unknown field
SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p $ghost } } LIMIT 5
""")
    message = str(caught.value)
    for expected in ("name:", "title: the header has no title", "unknown kind 'person'",
                     "needs an 'article' parameter", "$unused is declared but not used",
                     "$ghost is used but not declared", "no top-level LIMIT",
                     "top-level ORDER BY", "SERVICE is disabled", "Bad_Name.rq:5: header:"):
        assert expected in message, expected


def test_pages(store: Store) -> None:
    query = get_canned("article-claims")
    every = run_canned(store, query, {"article": ARTICLE}, limit=None).column("claim")
    first = run_canned(store, query, {"article": ARTICLE}, limit=7).column("claim")
    rest = run_canned(store, query, {"article": ARTICLE}, limit=100, offset=7).column("claim")
    assert first + rest == every and len(first) == 7
    assert parse_page(None, None) == (DEFAULT_PAGE_SIZE, 0)
    assert parse_page("5", "10") == (5, 10)
    for limit, offset, name in (("0", None, "limit"), (str(MAX_PAGE_SIZE + 1), None, "limit"),
                                ("x", None, "limit"), (None, "-1", "offset"),
                                ("1e3", None, "limit"), (None, "²", "offset")):
        with pytest.raises(ParameterError, match=f"'{name}'"):
            parse_page(limit, offset)


def test_an_empty_page_past_the_end_is_not_an_error(store: Store) -> None:
    query = get_canned("who-claimed-what")
    assert run_canned(store, query, {"source": "snhr"}, offset=50).rows == ()


def test_unknown_ids_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match=r"no source has the id 'nobody' \(parameter 'source'\)"):
        rows(store, "who-claimed-what", source="nobody")
    with pytest.raises(NotFound, match="parameter 'article'"):
        rows(store, "attribution-chain", article="no-such-article", claim="x")
    with pytest.raises(NotFound, match="parameter 'claim'"):
        rows(store, "attribution-chain", article=ARTICLE, claim="no-such-claim")


def test_a_known_source_with_no_claims_is_an_empty_answer(store: Store) -> None:
    # Al Qaeda militants are named as actors, never as claimants.
    assert rows(store, "who-claimed-what", source="al-qaeda-militants") == []


def test_canned_query_is_a_frozen_value() -> None:
    query = get_canned("who-claimed-what")
    assert isinstance(query, CannedQuery)
    assert hash(query) == hash(get_canned("who-claimed-what"))
    with pytest.raises(AttributeError):
        query.name = "other"  # type: ignore[misc]


@pytest.mark.parametrize(("name", "arguments", "key"), [
    ("who-claimed-what", {"source": "snhr"}, ("article", "claim")),
    ("who-claimed-what", {"source": "russia"}, ("article", "claim")),
    ("contested-claims", {}, ("article", "claim", "challenger", "rule")),
    ("claims-per-source", {}, ("source",)),
])
def test_pages_of_numbered_lists(store: Store, name: str, arguments: dict[str, str],
                                 key: tuple[str, ...]) -> None:
    """Questions paged by list position (#positions): each page is the matching slice of
    the whole list, in the list's order, on both backends."""
    query = get_canned(name)
    assert "VALUES (?position ?entry) { (3 <" in query.bind(arguments, limit=2, offset=2)
    every = [tuple(r[k] for k in key)
             for r in run_canned(store, query, arguments, limit=None).records()]
    assert len(every) >= 3
    pages = []
    for offset in range(0, len(every), 3):
        page = run_canned(store, query, arguments, limit=3, offset=offset).records()
        pages += [tuple(r[k] for k in key) for r in page]
    assert pages == every
    assert run_canned(store, query, arguments, limit=5, offset=len(every)).rows == ()
    whole = run_canned(store, query, arguments, limit=None).rows
    assert run_canned(store, query, arguments, limit=None, offset=1).rows == whole[1:]


def test_numbered_lists_keep_the_order_they_promise(store: Store) -> None:
    """The numbered lists order as the questions say: a source's claims by article and
    claim id, sources by claims made (most first, then id)."""
    claims = [(r["article"], r["claim"]) for r in rows(store, "who-claimed-what",
                                                        source="snhr")]
    assert claims == sorted(claims)
    sources = [(-int(r["claims"] or 0), r["source"]) for r in rows(store, "claims-per-source")]
    assert sources == sorted(sources)
    challenges = [(r["article"], r["claim"], r["challenger"], r["rule"])
                  for r in rows(store, "contested-claims")]
    assert challenges == sorted(challenges)


def test_page_markers_are_checked() -> None:
    text = """# title: Markers
# description: a page picked by list position
SELECT ?x WHERE {
  { SELECT ?x WHERE { #positions https://example.org/list
      ?entry ?p ?x ; ?q ?position ; ?r ?list } ORDER BY ?position #page
  }
}
ORDER BY ?x
"""
    bound = parse_canned("fine", text).bind({}, limit=3, offset=6)
    assert ("VALUES (?position ?entry) { (7 <https://example.org/list/7>) "
            "(8 <https://example.org/list/8>) (9 <https://example.org/list/9>) }") in bound
    assert "LIMIT 3" in bound
    every = parse_canned("fine", text).bind({}, limit=None, offset=2)
    assert "BIND (<https://example.org/list> AS ?list)" in every
    assert "FILTER (?position > 2)" in every
    assert "OFFSET" not in bound  # the positions are the offset
    with pytest.raises(ValidationError, match="#page marks one place, not 2"):
        parse_canned("two", text.replace("ORDER BY ?x\n", "ORDER BY ?x #page\n"))
    with pytest.raises(ValidationError, match="#positions needs #page"):
        parse_canned("no-page", text.replace("ORDER BY ?position #page", "ORDER BY ?position"))
    with pytest.raises(ValidationError, match=r"does not use \?entry"):
        parse_canned("no-entry", text.replace("?entry", "?thing"))
    with pytest.raises(ValidationError, match=r"uses \$who, which is no id parameter"):
        parse_canned("no-param", text.replace("example.org/list", "example.org/$who/list"))


# -- awaited (what the HTTP route runs) -----------------------------------------------------


def awaited(store: Store, query: CannedQuery, arguments: Mapping[str, str], *,
            limit: int | None = DEFAULT_PAGE_SIZE, offset: int = 0) -> Bindings:
    """run_canned_async over ``store``'s blocking SPARQL JSON call in a worker thread."""
    async def run(sparql: str) -> bytes:
        return await asyncio.to_thread(store.query_serialized, sparql, "json")

    return run_coroutine(run_canned_async(run, query, arguments, limit=limit, offset=offset))


def as_terms(found: Bindings) -> list[tuple[Term | None, ...]]:
    """Each row's SPARQL JSON bindings as the Terms run_canned gives."""
    kinds = {"uri": "iri", "literal": "literal", "typed-literal": "literal", "bnode": "bnode"}
    return [tuple(Term(kinds[b["type"]], b["value"], b.get("datatype"), b.get("xml:lang"))
                  if (b := row.get(name)) is not None else None for name in found.variables)
            for row in found.rows]


@pytest.mark.parametrize("name", sorted(NAMES))
def test_awaited_answers_as_run_canned(store: Store, name: str) -> None:
    query = get_canned(name)
    expected = run_canned(store, query, query.examples)
    found = awaited(store, query, query.examples)
    assert found.variables == expected.variables
    assert as_terms(found) == list(expected.rows)
    assert len(found) == len(expected)


def test_awaited_pages_as_run_canned(store: Store) -> None:
    query = get_canned("article-claims")
    every = run_canned(store, query, {"article": ARTICLE}, limit=None).column("claim")
    pages = [awaited(store, query, {"article": ARTICLE}, limit=7, offset=start)
             for start in (0, 7, 14)]
    assert [row["claim"]["value"] for page in pages for row in page.rows] == every
    assert awaited(store, get_canned("who-claimed-what"), {"source": "snhr"}, offset=50).rows == []


def test_awaited_not_found_and_parameter_errors(store: Store) -> None:
    with pytest.raises(NotFound, match=r"no source has the id 'nobody' \(parameter 'source'\)"):
        awaited(store, get_canned("who-claimed-what"), {"source": "nobody"})
    with pytest.raises(NotFound, match="parameter 'claim'"):
        awaited(store, get_canned("attribution-chain"), {"article": ARTICLE, "claim": "nope"})
    with pytest.raises(ParameterError, match="parameter 'source' must be an id"):
        awaited(store, get_canned("who-claimed-what"), {"source": "Not An Id"})
    nobody_claimed = awaited(store, get_canned("who-claimed-what"),
                             {"source": "al-qaeda-militants"})
    assert nobody_claimed.rows == []


def test_awaited_refuses_an_answer_that_is_not_solutions(store: Store) -> None:
    ask = CannedQuery("ask", "Ask", "Not a SELECT query", (), "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="did not return solutions"):
        awaited(store, ask, {}, limit=None)
