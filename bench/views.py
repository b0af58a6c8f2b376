"""How fast a large graph view opens: build, lay out and render a ~5,000-node view, then
measure time-to-interactive in headless Chromium (Debian's /usr/bin/chromium).

    .venv/bin/python bench/views.py              # ~5,000 nodes, 3 browser runs
    .venv/bin/python bench/views.py --claims 6000 --runs 5

Figures printed (not a pass/fail test):
- server side: the view's queries and typing, the layout, the HTML rendering;
- in the browser, from navigation start: *drawn* (vis-network's first complete drawing),
  *interactive* (the first moment after it that the page runs a script we send it, i.e. the
  main thread is free), and how long a hover then takes to show a node's tooltip.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import claimgraph
from claimgraph.graph.backends.store import Store
from claimgraph.graph.views.build import build_view
from claimgraph.graph.views.html import document_html
from claimgraph.graph.views.model import ViewSpec

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ID = "https://w3id.org/claimgraph/id/"
NS = "https://w3id.org/claimgraph/ns#"
PROV = "http://www.w3.org/ns/prov#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
STANCES = ["denies", "disputes", "supports", "corroborates"]
KINDS = ["Organisation", "GovernmentOrArmy", "CollectiveSource", "Organisation", "Outlet"]


def synthetic(claims: int, seed: int = 5) -> str:
    """N-Triples of one synthetic article graph: claims, sources (a few prolific, many not),
    spokespeople, stances and reports, in roughly the proportions of the seed article."""
    rng = random.Random(seed)
    sources = claims * 2 // 5
    people = claims // 10
    lines = []

    def add(s: str, p: str, o: str, literal: bool = False) -> None:
        obj = '"' + o.replace('"', "'") + '"' if literal else f"<{o}>"
        lines.append(f"<{s}> <{p}> {obj} .")

    for i in range(sources):
        node = f"{ID}source/bench-{i}"
        add(node, TYPE, NS + KINDS[i % len(KINDS)])
        add(node, LABEL, f"Source {i}", literal=True)
    for i in range(people):
        node = f"{ID}source/bench-person-{i}"
        add(node, TYPE, NS + "Person")
        add(node, LABEL, f"Spokesperson {i}", literal=True)
    for i in range(claims):
        claim = f"{ID}claim/bench/c{i}"
        add(claim, TYPE, NS + "Claim")
        add(claim, LABEL, f"Claim {i}: a source says something happened somewhere", literal=True)
        add(claim, "https://schema.org/text", f"the words of claim {i} as the article quotes them",
            literal=True)
        # Pareto-distributed claimants: a few sources make many claims.
        for _ in range(1 + (rng.random() < 0.3)):
            who = int(rng.paretovariate(1.1)) % sources
            add(claim, NS + "claimant", f"{ID}source/bench-{who}")
            add(claim, PROV + "wasAttributedTo", f"{ID}source/bench-{who}")
        if rng.random() < 0.1:
            person = f"{ID}source/bench-person-{rng.randrange(people)}"
            add(claim, NS + "speaker", person)
            add(claim, PROV + "wasAttributedTo", person)
        if i and rng.random() < 0.35:
            other = f"{ID}claim/bench/c{rng.randrange(i)}"
            add(claim, NS + rng.choice(STANCES), other)
        if rng.random() < 0.05:
            report = f"{claim}/basis/1"
            add(claim, PROV + "wasDerivedFrom", report)
            add(report, TYPE, NS + "Report")
            add(report, LABEL, "reports by witnesses", literal=True)
            add(report, PROV + "wasAttributedTo", f"{ID}source/bench-{rng.randrange(sources)}")
    return "\n".join(lines) + "\n"


def make_store(claims: int) -> Store:
    store = claimgraph.open_store(":memory:")
    claimgraph.load_files(store)  # the vocabulary, the seed article, the statuses
    store.replace_graphs({"https://w3id.org/claimgraph/graph/article/bench": synthetic(claims)})
    claimgraph.derive_statuses(store)
    return store


def browser_runs(document: Path, runs: int) -> list[tuple[float, float, float]]:
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.goto(document.as_uri(), wait_until="commit")
            page.wait_for_selector(".cg-view[data-drawn=true]", timeout=120_000)
            interactive = page.evaluate("performance.now()")
            drawn = page.evaluate("Object.values(window.claimgraphViews)[0].drawnAt")
            node = page.evaluate(
                "(() => { const v = Object.values(window.claimgraphViews)[0]; "
                "const id = v.data.nodes[0].id; const p = v.network.getPositions([id])[id]; "
                "const d = v.network.canvasToDOM(p); "
                "const r = v.network.body.container.getBoundingClientRect(); "
                "return [r.left + d.x, r.top + d.y]; })()")
            start = time.perf_counter()
            page.mouse.move(node[0], node[1])
            page.wait_for_selector(".cg-tip.cg-shown")
            hover = (time.perf_counter() - start) * 1000
            if errors:
                raise SystemExit(f"the page failed: {errors}")
            figures.append((drawn, interactive, hover))
            page.close()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=4200,
                        help="synthetic claims (4,200 give about 5,000 nodes)")
    parser.add_argument("--runs", type=int, default=3, help="browser runs")
    args = parser.parse_args()

    started = time.perf_counter()
    store = make_store(args.claims)
    print(f"store: {args.claims} synthetic claims loaded in "
          f"{time.perf_counter() - started:.1f} s")
    from claimgraph.graph.views import build as views

    timings: dict[str, float] = {}
    original_layout = views.layout

    def timed_layout(*a, **k):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = original_layout(*a, **k)
        timings["layout"] = time.perf_counter() - start
        return result

    views.layout = timed_layout
    start = time.perf_counter()
    view = build_view(store, ViewSpec("graph"))
    built = time.perf_counter() - start
    start = time.perf_counter()
    html = document_html(view)
    rendered = time.perf_counter() - start
    store.close()
    print(f"view: {len(view.nodes)} nodes, {len(view.edges)} edges")
    print(f"server: queries and typing {built - timings['layout']:.2f} s, layout "
          f"{timings['layout']:.2f} s, HTML {rendered:.2f} s ({len(html) / 1e6:.1f} MB, "
          "self-contained)")
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "view.html"
        document.write_text(html, encoding="utf-8")
        figures = browser_runs(document, args.runs)
    for index, (drawn, interactive, hover) in enumerate(figures, 1):
        print(f"browser run {index}: drawn {drawn:.0f} ms, interactive {interactive:.0f} ms, "
              f"hover to tooltip {hover:.0f} ms")
    median = statistics.median(f[1] for f in figures)
    print(f"time-to-interactive (median of {len(figures)}): {median / 1000:.2f} s "
          f"for {len(view.nodes)} nodes (goal: under 2 s)")


if __name__ == "__main__":
    main()
