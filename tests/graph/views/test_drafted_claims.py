"""A claim drafted by claimgraph draft and not reviewed is marked so in the graph, in its
view, and in the statuses that rest on it; once reviewed (drafted: true deleted) it is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

import claimgraph
from claimgraph.graph.backends.embedded import EmbeddedStore
from claimgraph.graph.backends.store import Solutions
from claimgraph.graph.drafting.draft import draft_file
from claimgraph.graph.terms.namespaces import CG
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.model import ViewSpec

REGISTRY = {"sources": [
    {"id": "example-monitor", "kind": "organisation", "label": "Example Casualty Monitor"},
    {"id": "example-army", "kind": "government", "label": "Example Army"},
    {"id": "example-wire", "kind": "outlet", "label": "Example Wire"},
]}
CURATED_TEXT = "The Example Casualty Monitor said shells hit the Grand Market of Tarsa on " \
               "Sunday, killing 17 people.\n"
DRAFTED_TEXT = "The Example Army denied that its forces shelled the Grand Market of Tarsa on " \
               "Sunday.\n"
CLAIM = "https://w3id.org/claimgraph/id/claim/"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "registry.yaml").write_text(yaml.safe_dump(REGISTRY), encoding="utf-8")
    (tmp_path / "market.txt").write_text(CURATED_TEXT, encoding="utf-8")
    curated = {"article": {"id": "market", "text": "market.txt", "title": "Market",
                           "outlet": "example-wire", "published": "2024-05-27"},
               "claims": [{"id": "market-shelled", "label": "Shells hit the Grand Market",
                           "claimants": ["example-monitor"], "verb": "said",
                           "quote": "shells hit the Grand Market of Tarsa on Sunday, "
                                    "killing 17 people"}]}
    (tmp_path / "market.claims.yaml").write_text(yaml.safe_dump(curated), encoding="utf-8")
    (tmp_path / "denial.txt").write_text(DRAFTED_TEXT, encoding="utf-8")
    output = tmp_path / "denial.claims.yaml"
    draft = draft_file(tmp_path / "denial.txt", published=date(2024, 5, 28),
                       outlet="Example Wire", output=output)
    output.write_text(draft.to_yaml(), encoding="utf-8")
    # the denial names the market claim of the other article, as a reviewer would point it
    document = yaml.safe_load(output.read_text(encoding="utf-8"))
    document["claims"][0]["denies"] = ["market/market-shelled"]
    output.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return tmp_path


def _select(store: EmbeddedStore, query: str) -> list[dict[str, str | None]]:
    result = store.query(claimgraph.sparql_prefixes() + query)
    assert isinstance(result, Solutions)
    return result.records()


def test_a_drafted_claim_and_the_status_resting_on_it_say_so(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    store = EmbeddedStore(None)
    claimgraph.load_files(store, [folder])
    drafted = _select(store, "SELECT ?c WHERE { ?c a cg:UnreviewedClaim }")
    [denial] = [row["c"] for row in drafted]
    assert denial is not None and denial.startswith(CLAIM + "denial/")
    market = CLAIM + "market/market-shelled"
    assert _select(store, f"SELECT ?s ?b WHERE {{ <{market}> cg:status ?s ; "
                          "cg:restsOnUnreviewed ?b }") == [
        {"s": str(CG.Contested), "b": denial}]
    view = build_view(store, ViewSpec("claim", article="market", claim="market-shelled"))
    nodes = {node.id: node for node in view.nodes}
    assert "· DRAFT" in nodes[market].label
    assert any("rests on a drafted claim" in d for d in nodes[market].details)
    assert "Drafted, not reviewed by a person" in nodes[denial].details


def test_a_reviewed_claim_is_not_marked(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = folder / "denial.claims.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for claim in document["claims"]:
        del claim["drafted"]
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    store = EmbeddedStore(None)
    claimgraph.load_files(store, [folder])
    assert _select(store, "SELECT ?c WHERE { ?c a cg:UnreviewedClaim }") == []
    assert _select(store, "SELECT ?c WHERE { ?c cg:restsOnUnreviewed ?b }") == []
