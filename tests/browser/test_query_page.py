"""The query page in real headless Chromium: typing, running, tables, errors, and safety."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from claimgraph.graph.queries.canned import get_canned
from claimgraph.graph.terms.namespaces import PREFIXES

from .conftest import QueryPage

CONTESTED = ["hrw-cluster-munitions", "moscow-fending-off-terror",
             "residents-weapons-paralyse-life", "russia-syria-deny", "snhr-deliberate-targeting"]
HOSTILE = "<img src=x onerror=window.__pwned=1>"
# Chromium reports a failed fetch (any 4xx/5xx) on the console; nothing else is allowed there.
FAILED_FETCH = re.compile(r"Failed to load resource: the server responded with a status of "
                          r"(400|403|503) ")


def prefixes(*names: str) -> str:
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)


def cells(page: QueryPage, column: int) -> list[str]:
    """The text of one column (1-based) of the result table."""
    return page.page.locator(f"#output tbody tr td:nth-child({column})").all_text_contents()


def run_and_wait(page: QueryPage, selector: str) -> Locator:
    """Run with the keyboard (Ctrl+Enter in the editor) and wait for ``selector``."""
    page.page.get_by_label("SPARQL query").press("Control+Enter")
    result = page.page.locator(selector)
    result.wait_for()
    return result


def assert_clean(page: QueryPage, *, failed_fetches: int = 0) -> None:
    """No request left the server's origin; no script error; only expected failed fetches."""
    assert page.log.requests, "the page made no requests at all?"
    assert page.log.foreign_requests(page.origin) == []
    assert page.log.page_errors == []
    unexpected = [e for e in page.log.console_errors if not FAILED_FETCH.match(e)]
    assert unexpected == []
    assert len(page.log.console_errors) == failed_fetches, page.log.console_errors


def test_typed_query_fills_the_table_with_the_contested_claims(query_page: QueryPage) -> None:
    page = query_page.page
    assert page.title() == "SPARQL query · claimgraph"
    query_page.type_query(prefixes("cg", "dcterms") + "SELECT DISTINCT ?claim WHERE {\n"
                          "?c cg:status cg:Contested ; dcterms:identifier ?claim }\n"
                          "ORDER BY ?claim")
    run_and_wait(query_page, "#output table")
    assert page.locator("#output thead th").all_text_contents() == ["claim"]
    assert cells(query_page, 1) == CONTESTED
    assert page.locator("#output caption").text_content() == "5 rows"
    assert re.fullmatch(r"5 rows in \d+\.\d\d s\.", page.locator("#status").inner_text())
    query_page.screenshot("contested")
    assert_clean(query_page)


def test_every_example_loads_and_runs_with_the_run_button(query_page: QueryPage) -> None:
    page = query_page.page
    # The canned queries of ontology/queries/, run with their example arguments.
    expected = {
        "article-claims": ("claim", 20, {"hrw-cluster-munitions", "snhr-injured"}),
        "attribution-chain": ("step", None, {"claim", "claimant", "quote"}),
        "claims-mentioning": ("claim", 3, {"hrw-cluster-munitions"}),
        "claims-per-source": ("source", None, {"hrw", "snhr"}),
        "contested-claims": ("claim", 8, set(CONTESTED)),
        "quantity-timeline": ("claim", 4, {"snhr-civilians-killed", "lead-casualties",
                                            "mhambil-barrel-bombs"}),
        "who-claimed-what": ("claim", 3, {"snhr-civilians-killed", "snhr-deliberate-targeting",
                                          "snhr-injured"}),
    }
    options = page.locator("#example option")
    assert options.evaluate_all("os => os.map(o => o.value)") == sorted(expected)
    description = page.locator("#example-description")
    for name, (column, rows, values) in expected.items():
        page.get_by_label("Example question").select_option(name)
        assert description.inner_text() == get_canned(name).description
        page.get_by_role("button", name="Load example").click()
        editor = page.get_by_label("SPARQL query")
        assert editor.evaluate("e => document.activeElement === e")
        assert editor.input_value().startswith("PREFIX cg: <https://w3id.org/claimgraph/ns#>\n")
        page.get_by_role("button", name="Run").click()
        page.locator("#status").filter(has_text=re.compile(r"rows? in ")).wait_for()
        headers = page.locator("#output thead th").all_text_contents()
        found = cells(query_page, headers.index(column) + 1)
        assert values <= set(found), name
        assert rows is None or len(found) == rows, name
        if column == "claim":  # a claim's status is shown next to it
            assert all(cells(query_page, headers.index("status") + 1)), name
        query_page.screenshot(f"example-{name}")
    assert_clean(query_page)


def test_a_malformed_query_shows_the_parsers_message(query_page: QueryPage) -> None:
    query_page.type_query("SELECT ?x WHERE { ?x }")
    error = run_and_wait(query_page, "#error pre")
    heading = query_page.page.locator("#error .error-heading").inner_text()
    assert heading == "The query was not accepted (400 Bad Request):"
    assert error.inner_text().startswith("SPARQL syntax error: error at 1:")
    assert query_page.page.locator("#output").inner_text() == ""
    assert re.fullmatch(r"Failed after \d+\.\d\d s\.",
                        query_page.page.locator("#status").inner_text())
    query_page.screenshot("parse-error")
    # Fixing the query clears the error.
    query_page.type_query("SELECT ?x WHERE { BIND(1 AS ?x) }")
    run_and_wait(query_page, "#output table")
    assert query_page.page.locator("#error").inner_text() == ""
    assert cells(query_page, 1) == ["1"]
    assert_clean(query_page, failed_fetches=1)


def test_refusals_and_time_outs_read_as_such(query_page: QueryPage) -> None:
    query_page.type_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    run_and_wait(query_page, "#error pre")
    error = query_page.page.locator("#error")
    assert "refused this query (403 Forbidden)" in error.inner_text()
    assert "SERVICE is disabled on this endpoint" in error.inner_text()
    query_page.type_query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    run_and_wait(query_page, "#error:has-text('503')")
    assert "took too long or the store is unavailable (503 Service Unavailable)" \
        in error.inner_text()
    assert "time limit" in error.locator("pre").inner_text()
    query_page.screenshot("time-out")
    assert_clean(query_page, failed_fetches=2)


def test_a_hostile_value_is_shown_as_text_and_never_runs(query_page: QueryPage) -> None:
    query_page.type_query(f'SELECT ?x WHERE {{ BIND("{HOSTILE}" AS ?x) }}')
    run_and_wait(query_page, "#output table")
    assert cells(query_page, 1) == [HOSTILE]
    assert query_page.page.locator("#output img").count() == 0
    assert query_page.page.evaluate("typeof window.__pwned") == "undefined"
    query_page.screenshot("hostile")
    assert_clean(query_page)


def test_ask_and_construct_results(query_page: QueryPage) -> None:
    page = query_page.page
    query_page.type_query(prefixes("cg") + "ASK { ?c cg:status cg:Contested }")
    assert run_and_wait(query_page, "#output .boolean").inner_text() == "yes"
    query_page.type_query(prefixes("cg") + "ASK { ?c cg:status cg:Nonsense }")
    run_and_wait(query_page, "#output .boolean:has-text('no')")
    query_page.type_query(prefixes("cg", "dcterms", "rdfs") +
                          "CONSTRUCT { ?c cg:status ?status ; rdfs:label ?label }\n"
                          "WHERE { ?c cg:status ?status ; dcterms:identifier ?label ;\n"
                          "cg:status cg:Contested }")
    run_and_wait(query_page, "#output table")
    assert page.locator("#output thead th").all_text_contents() == [
        "subject", "predicate", "object"]
    assert page.locator("#status").inner_text().startswith("10 triples in ")
    assert sorted(set(cells(query_page, 2))) == ["cg:status", "rdfs:label"]
    objects = cells(query_page, 3)
    assert objects.count("cg:Contested") == 5
    assert sorted(o for o in objects if o != "cg:Contested") == CONTESTED
    subject = page.locator("#output tbody td:nth-child(1)").first
    assert (subject.get_attribute("title") or "").startswith(
        "https://w3id.org/claimgraph/id/claim/idlib-offensive-2019/")
    query_page.screenshot("construct")
    assert_clean(query_page)
    draw = page.get_by_role("button", name="Draw")
    assert "interactive graph" in (draw.get_attribute("title") or "")
    draw.click()
    page.wait_for_url("**/views/construct?query=*")
    page.wait_for_selector(".cg-view[data-drawn=true]")
    query_page.screenshot("construct-drawn")
    assert "CONSTRUCT" in page.evaluate("decodeURIComponent(location.search)")


def test_draw_needs_a_construct_query(query_page: QueryPage) -> None:
    page = query_page.page
    query_page.type_query(prefixes("cg") + "SELECT ?c WHERE { ?c cg:status cg:Contested }")
    page.get_by_role("button", name="Draw").click()
    assert "Only a CONSTRUCT query can be drawn" in page.locator("#error").inner_text()
    assert "/sparql" in page.url


def test_page_is_usable_from_the_keyboard(query_page: QueryPage) -> None:
    page = query_page.page
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || "
                                     "document.activeElement.textContent"))
    assert focused == ["claimgraph", "the canned queries", "example", "load-example"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "query"
    page.keyboard.press("Control+Enter")
    page.locator("#output table").wait_for()
    page.locator("#run:enabled").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "run"
    for control in ("Example question", "SPARQL query"):
        assert page.get_by_label(control).count() == 1
    assert_clean(query_page)
