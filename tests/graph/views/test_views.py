"""Graph views in process: what each canned view holds, filters, layout, renderings, safety."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pypdf
import pytest

import claimgraph
from claimgraph.errors import NotFound, QueryError
from claimgraph.graph.backends.store import Store
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.html import document_html, fragment_html, json_for_script
from claimgraph.graph.views.layout import layout
from claimgraph.graph.views.model import Filters, View, ViewSpec
from claimgraph.graph.views.snippet import Snippet
from claimgraph.graph.views.svg import to_png, to_svg

from ...backends import Backend
from ...hostile import CLAIM, HOSTILE, LINE_SEPARATED, add_hostile_claim

SOURCE = "https://w3id.org/claimgraph/id/source/"


@pytest.fixture
def store(backend: Backend) -> Store:
    """The shipped article on every backend (tests/backends.py); tests only read it."""
    return backend.seed()


def edges_of(view: View, kind: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in view.edges if e.kind == kind}


def test_contested_view_sets_the_denial_against_the_claims_it_denies(store: Store) -> None:
    view = build_view(store, ViewSpec("contested"))
    claims = {n.id.removeprefix(CLAIM): n.status for n in view.nodes if n.kind == "claim"}
    assert claims == dict.fromkeys(["hrw-cluster-munitions", "moscow-fending-off-terror",
                                    "residents-weapons-paralyse-life", "russia-syria-deny",
                                    "snhr-deliberate-targeting"], "contested")
    deny = CLAIM + "russia-syria-deny"
    assert edges_of(view, "denies") == {(deny, CLAIM + c) for c in (
        "hrw-cluster-munitions", "snhr-deliberate-targeting", "residents-weapons-paralyse-life")}
    assert edges_of(view, "disputes") == {(CLAIM + "moscow-fending-off-terror",
                                           CLAIM + "snhr-deliberate-targeting")}
    assert {(SOURCE + "russia", deny), (SOURCE + "syrian-army", deny)} <= edges_of(view,
                                                                                   "claimed")
    spoke = [e for e in view.edges if e.kind == "spoke-for"]
    assert [(e.source, e.target, e.label) for e in spoke] == [
        (SOURCE + "fadel-abdul-ghany", SOURCE + "snhr", "said as chairman of")]
    # Read left to right: who denies, the denial, the claims it denies, who made them.
    x = {n.id: n.x for n in view.nodes}
    assert x[SOURCE + "russia"] < x[deny] < x[CLAIM + "hrw-cluster-munitions"] < x[SOURCE + "hrw"]
    hrw = next(n for n in view.nodes if n.id == CLAIM + "hrw-cluster-munitions")
    assert hrw.label.startswith("CONTESTED\nHuman Rights Watch says")
    assert hrw.quote and hrw.quote.startswith("the Russian-Syrian joint military operation")
    assert hrw.date == "Stated Last month (2019-06-03)"
    assert any(r.startswith("denied by an independent source: Russia") for r in hrw.reasons)
    assert hrw.href == "/views/claim/idlib-offensive-2019/hrw-cluster-munitions"


def test_claim_view_follows_the_chain_down_to_the_quoted_span(store: Store) -> None:
    view = build_view(store, ViewSpec("claim", article="idlib-offensive-2019",
                                      claim="hrw-cluster-munitions"))
    hrw = CLAIM + "hrw-cluster-munitions"
    kinds = {n.id: n.kind for n in view.nodes}
    assert edges_of(view, "reported-by") == {(hrw, SOURCE + "reuters")}
    ((_, span),) = edges_of(view, "quote")
    assert kinds[span] == "span"
    assert edges_of(view, "in") == {(span, "https://w3id.org/claimgraph/id/article/"
                                           "idlib-offensive-2019")}
    span_node = next(n for n in view.nodes if n.id == span)
    assert span_node.details[0].startswith("Characters ")
    reports = {t for s, t in edges_of(view, "based-on") if s == hrw}
    assert {kinds[r] for r in reports} == {"report"}
    assert {t for s, t in edges_of(view, "from")} == {SOURCE + "first-responders",
                                                      SOURCE + "witnesses"}
    assert (CLAIM + "russia-syria-deny", hrw) in edges_of(view, "denies")
    assert view.title.startswith("Claim: Human Rights Watch says")


def test_source_view_and_what_is_not_there(store: Store) -> None:
    view = build_view(store, ViewSpec("source", source="snhr"))
    own = {s for s, t in edges_of(view, "claimed") if s == SOURCE + "snhr"}
    assert own and view.title == "Source: Syrian Network for Human Rights"
    assert (CLAIM + "russia-syria-deny", CLAIM + "snhr-deliberate-targeting") in edges_of(
        view, "denies")
    alone = build_view(store, ViewSpec("source", source="syrian-government"))
    assert [n.kind for n in alone.nodes] == ["government"] and not alone.edges
    with pytest.raises(NotFound):
        build_view(store, ViewSpec("source", source="nobody"))
    with pytest.raises(NotFound):
        build_view(store, ViewSpec("claim", article="idlib-offensive-2019", claim="nothing"))
    with pytest.raises(NotFound):
        build_view(store, ViewSpec("article", article="no-such-article"))
    with pytest.raises(QueryError):
        build_view(store, ViewSpec("source", source="Bad Id!"))


def test_whole_graph_and_article_hold_every_claim(store: Store) -> None:
    whole = build_view(store, ViewSpec("graph"))
    assert sum(n.kind == "claim" for n in whole.nodes) == 20
    article = build_view(store, ViewSpec("article", article="idlib-offensive-2019"))
    assert len(edges_of(article, "appears-in")) == 20
    assert not edges_of(whole, "reported-by")  # no hub: the outlet is in each tooltip


def test_filters_keep_claims_and_what_hangs_on_them(store: Store) -> None:
    contested = build_view(store, ViewSpec("graph", filters=Filters(statuses=("contested",))))
    assert {n.status for n in contested.nodes if n.kind == "claim"} == {"contested"}
    assert SOURCE + "rescuers" not in {n.id for n in contested.nodes}
    snhr = build_view(store, ViewSpec("graph", filters=Filters(source="snhr")))
    assert sum(n.kind == "claim" for n in snhr.nodes) == 3
    june = build_view(store, ViewSpec("graph", filters=Filters(since=date(2019, 6, 1),
                                                               until=date(2019, 6, 30))))
    kept = [n for n in june.nodes if n.kind == "claim"]
    assert CLAIM + "hrw-cluster-munitions" in {n.id for n in kept} and len(kept) < 5
    assert all(n.day_from and n.day_to and n.day_from <= "2019-06-30" and n.day_to >= "2019-06-01"
               for n in kept)
    with pytest.raises(QueryError):
        Filters.parse(statuses=["bogus"])
    with pytest.raises(QueryError):
        Filters.parse(since="6 July")


def test_permalinks_round_trip() -> None:
    specs = [ViewSpec("graph"), ViewSpec("contested", filters=Filters(("contested",), "snhr",
                                                                     date(2019, 6, 1))),
             ViewSpec("claim", article="a-1", claim="c.2"), ViewSpec("source", source="hrw"),
             ViewSpec("article", article="x"), ViewSpec("construct", query="CONSTRUCT {} "
                                                                          "WHERE {}")]
    for spec in specs:
        path, _, query = spec.permalink().partition("?")
        from urllib.parse import parse_qsl
        assert ViewSpec.from_path(path, parse_qsl(query)) == spec
    assert ViewSpec.from_path("/views/nothing", []) is None


def test_construct_view_draws_any_query(store: Store) -> None:
    query = claimgraph.sparql_prefixes() + (
        "CONSTRUCT { ?a cg:denies ?b . ?a rdfs:label ?l } WHERE { ?a cg:denies ?b ; "
        "rdfs:label ?l }")
    view = build_view(store, ViewSpec("construct", query=query))
    assert len(view.nodes) == 4 and edges_of(view, "denies")
    assert all(n.kind == "claim" and n.status == "contested" for n in view.nodes)
    with pytest.raises(QueryError):
        build_view(store, ViewSpec("construct", query="SELECT * WHERE { ?s ?p ?o }"))


def test_layout_keeps_boxes_apart_and_scales(store: Store) -> None:
    view = build_view(store, ViewSpec("graph"))
    boxes = [(n.x - n.width / 2, n.y - n.height / 2, n.x + n.width / 2, n.y + n.height / 2)
             for n in view.nodes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    big = nx.MultiDiGraph()
    for i in range(600):
        big.add_node(i, kind="claim" if i % 2 else "organisation", width=100, height=40)
        if i:
            big.add_edge(i, (i * 7) % i)
    positions = layout(big)
    assert len(positions) == 600 and len(set(positions.values())) == 600


def hostile_store() -> Store:
    """A store holding a claim and a source whose texts are hostile."""
    opened = claimgraph.open_store(":memory:")
    claimgraph.load_files(opened)
    add_hostile_claim(opened)
    return opened


def test_hostile_text_is_escaped_in_svg_json_and_html(tmp_path: Path) -> None:
    evil = hostile_store()
    try:
        view = build_view(evil, ViewSpec("claim", article="idlib-offensive-2019",
                                         claim="hrw-cluster-munitions"))
    finally:
        evil.close()
    node = next(n for n in view.nodes if n.id == CLAIM + "evil")
    assert node.name == HOSTILE[0] and node.quote == HOSTILE[1]
    svg = to_svg(view, base_url="http://example.test")
    root = ElementTree.fromstring(svg.encode())
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}title"))
    assert HOSTILE[0] in texts and HOSTILE[1] in texts and HOSTILE[2] in texts
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    assert "<img" not in svg and "</script>" not in svg
    data = json_for_script(view.to_json())
    assert "<" not in data and ">" not in data and "&" not in data
    assert "\u2028" not in data and "\u2029" not in data
    lines = next(n for n in json.loads(data)["nodes"] if n["id"] == CLAIM + "evil-lines")
    assert lines["name"] == LINE_SEPARATED
    document = document_html(view)
    assert "<img" not in document and HOSTILE[1] not in document
    assert document.count("</script>") == 3  # the data block, vis-network, view.js
    fragment = fragment_html(view)
    assert fragment.count("<") == fragment.count("</") + 2  # only the div and iframe tags
    png = to_png(view)
    assert png.startswith(b"\x89PNG")


def test_snippet_renders_and_saves(store: Store, tmp_path: Path) -> None:
    snippet = Snippet.contested(store)
    first, second = snippet._repr_html_(), snippet.to_html()
    ids = [re.search(r'id="([^"]+)"', html)[1] for html in (first, second)]  # type: ignore[index]
    assert ids[0] != ids[1] and first.startswith('<div class="claimgraph-embed"')
    assert "srcdoc=" in first and "http://" not in first.split("srcdoc=")[0]
    for suffix in ("svg", "html", "png", "json"):
        path = snippet.save(tmp_path / f"contested.{suffix}")
        assert path.stat().st_size > 1000
    with pytest.raises(QueryError):
        snippet.save(tmp_path / "contested.txt")
    claim = Snippet.claim(store, "hrw-cluster-munitions", base_url="http://cg.test/")
    assert claim.permalink == ("http://cg.test/views/claim/idlib-offensive-2019/"
                               "hrw-cluster-munitions")
    assert 'href="http://cg.test/views/source/hrw"' in claim.to_svg()
    with pytest.raises(NotFound):
        Snippet.claim(store, "no-such-claim")


def test_svg_prints_to_pdf_with_its_text(store: Store, tmp_path: Path) -> None:
    svg = tmp_path / "contested.svg"
    Snippet.contested(store).save(svg)
    pdf = tmp_path / "contested.pdf"
    subprocess.run(["rsvg-convert", "-f", "pdf", "-o", str(pdf), str(svg)], check=True)
    text = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    for words in ("Contested claims", "CONTESTED", "Russian government", "denies",
                  "Human Rights Watch", "said as chairman of", "Legend"):
        assert words in text


def test_cli_snippet(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.cli import main

    folder = tmp_path / "store"
    assert main(["load", "--store", str(folder)]) == 0
    out = tmp_path / "hrw.svg"
    assert main(["snippet", "--claim", "idlib-offensive-2019/hrw-cluster-munitions",
                 "-o", str(out), "--store", str(folder)]) == 0
    assert "<svg" in out.read_text(encoding="utf-8")
    assert main(["snippet", "--contested", "--status", "contested", "-o",
                 str(tmp_path / "c.html"), "--store", str(folder)]) == 0
    assert main(["snippet", "--source", "nobody", "-o", str(tmp_path / "x.svg"), "--store",
                 str(folder)]) == 1
    assert "no source 'nobody'" in capsys.readouterr().err
