"""Deterministic synthetic claim graphs shaped exactly as ``claimgraph load`` writes them.

Run: ``.venv/bin/python bench/generate.py --claims 10000 [--out data.nq] [--check-shapes 3]``

The generator builds :mod:`claimgraph.graph.authoring.model` values (a registry, and articles of ~20
claims each with their original text) and turns them into RDF with the package's own
:func:`~claimgraph.graph.authoring.rdf.registry_to_rdf` / :func:`article_to_rdf`, so the triples
are byte for byte what the loader would write: one named graph per article, the registry
graph and the vocabulary graph. What it generates, all from one seed:

- sources: outlets; organisations; people with an affiliation and a role; governments, some
  with parts (armies) and allies; collectives that may include organisations;
- articles with a generated text; every claim's quote is a sentence of it, anchored by its
  exact code-point offsets (``text[start:end] == exact``);
- quantities with bounds (exact, at least, approximately, between...) over shared measures,
  scopes (events) and periods, mostly compatible with each other, some not;
- stances between claims of the same article (denies, disputes, supports), so that a
  realistic share of claims ends up contested after status derivation.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

from claimgraph.graph.authoring.model import (
    Article,
    ArticleClaims,
    Claim,
    Quantity,
    Registry,
    RegistryEntry,
    Source,
    TimeReference,
)
from claimgraph.graph.authoring.rdf import BuiltGraph, article_to_rdf, registry_to_rdf
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import REGISTRY_GRAPH, VOCABULARY_GRAPH, article_graph
from claimgraph.graph.text.anchor import CONTEXT, TextSpan
from claimgraph.graph.text.timeexpr import TimeInterval

__all__ = ["Generated", "GeneratedArticle", "generate", "main", "ntriples", "to_nquads"]

CLAIMS_PER_ARTICLE = 20
ROLES = ("chairman", "spokesperson", "vice-president", "director", "minister")
MEASURES = ("civilians-killed", "children-killed", "injured", "displaced", "airstrikes",
            "medical-facilities-hit", "schools-hit", "detained")
THINGS = frozenset(("airstrikes", "medical-facilities-hit", "schools-hit"))
"""The measures that count things: their figures have no population."""
VERBS = ("said", "told Reuters", "said in a statement", "reported", "wrote", "told reporters")
PLACES = ("idlib", "hama", "aleppo", "latakia", "homs", "raqqa", "deir-ez-zor", "daraa",
          "khan-sheikhoun", "maarat-al-numan", "saraqeb", "jisr-al-shughur")
WORDS = ("the", "offensive", "continued", "as", "residents", "fled", "towards", "border",
         "while", "aid", "groups", "warned", "of", "a", "worsening", "crisis", "in", "north",
         "shelling", "hit", "villages", "overnight", "and", "markets", "were", "closed")


@dataclass
class GeneratedArticle:
    """One article's model values and the loader's N-Triples for its named graph."""

    claims: ArticleClaims
    graph: str
    ntriples: str


@dataclass
class Generated:
    """The registry and, lazily, the articles of one synthetic data set."""

    n_claims: int
    seed: int
    registry: Registry
    registry_ntriples: str
    vocabulary_ntriples: str
    articles: Iterator[GeneratedArticle]
    counts: dict[str, int] = field(default_factory=dict)


def ntriples(built: BuiltGraph) -> str:
    """The graph as the loader serialises it (``loading._ntriples``)."""
    return built.graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def to_nquads(ntriples_text: str, graph: str) -> str:
    """N-Triples lines turned into N-Quads in ``graph``."""
    suffix = f" <{graph}> .\n"
    return "".join(line[:-1].rstrip() + suffix
                   for line in ntriples_text.splitlines() if line.endswith("."))


def _registry(rng: Random, n_claims: int) -> tuple[Registry, dict[str, list[str]]]:
    n_orgs = max(10, n_claims // 60)
    n_people = max(10, n_claims // 40)
    n_govs = max(4, n_claims // 500)
    n_colls = max(3, n_claims // 1000)
    n_outlets = max(3, min(40, n_claims // 500))
    sources: list[Source] = []
    ids: dict[str, list[str]] = {k: [] for k in ("outlet", "organisation", "person",
                                                  "government", "army", "collective")}
    for i in range(n_outlets):
        sources.append(Source(f"outlet-{i}", "outlet", f"Outlet {i} News",
                              description="News agency."))
        ids["outlet"].append(f"outlet-{i}")
    for i in range(n_orgs):
        sources.append(Source(f"org-{i}", "organisation", f"Monitoring Group {i}",
                              aliases=(f"MG{i}",), description="Human rights monitor."))
        ids["organisation"].append(f"org-{i}")
    for i in range(n_govs):
        gov = f"gov-{i}"
        allies = (f"gov-{i - 1}",) if i % 2 == 1 else ()
        sources.append(Source(gov, "government", f"Government {i}", allied_with=allies))
        ids["government"].append(gov)
        army = f"army-{i}"
        sources.append(Source(army, "government", f"Army {i}", part_of=gov))
        ids["army"].append(army)
    for i in range(n_people):
        employer = rng.choice(ids["organisation"] + ids["government"])
        role = "minister" if employer.startswith("gov") else rng.choice(ROLES[:4])
        sources.append(Source(f"person-{i}", "person", f"Person {i} Surname{i % 97}",
                              affiliation=employer, role=role))
        ids["person"].append(f"person-{i}")
    for i in range(n_colls):
        members = tuple(rng.sample(ids["organisation"], 2))
        sources.append(Source(f"coll-{i}", "collective", f"residents of district {i}",
                              may_include=members))
        ids["collective"].append(f"coll-{i}")
    places = tuple(RegistryEntry(p, p.replace("-", " ").title()) for p in PLACES)
    n_events = max(5, n_claims // 200)
    start = date(2019, 1, 1)
    events = tuple(RegistryEntry(f"event-{i}", f"Offensive phase {i}",
                                 start=start + timedelta(days=i)) for i in range(n_events))
    measures = tuple(RegistryEntry(m, m.replace("-", " "), counts="things" if m in THINGS
                                   else "people") for m in MEASURES)
    populations = (RegistryEntry("civilians", "civilians"),)
    return Registry(sources=tuple(sources), places=places, events=events, measures=measures,
                    populations=populations, file="bench/registry.yaml"), ids


def _day(expression: str, day: date) -> TimeReference:
    return TimeReference(TimeInterval(expression, day, day), day)


RUNNING_TOTALS = 0.03
"""Share of figures that are running totals "since the offensive began" (one start per scope,
ending on the report's day): a later one by the same source updates the earlier, one by
another source is related. The rest count the 30 days before the report."""


def _quantity(rng: Random, base: dict[tuple[str, str], int], measure: str, scope: str,
              period: tuple[date, date]) -> tuple[Quantity, str]:
    true = base.setdefault((measure, scope), rng.randint(20, 3000))
    incompatible = rng.random() < 0.15
    value = true * rng.choice((3, 4)) if incompatible else max(1, true + rng.randint(-3, 3))
    kind = rng.choices(("exact", "at_least", "approximately", "more_than", "between"),
                       (5, 3, 2, 1, 1))[0]
    minimum, maximum, words = value, value, f"{value:,}"
    if kind == "at_least":
        maximum, words = None, f"at least {value:,}"
    elif kind == "more_than":
        minimum, maximum, words = value + 1, None, f"more than {value:,}"
    elif kind == "approximately":
        minimum, maximum, words = int(value * 0.9), int(value * 1.1) + 1, f"about {value:,}"
    elif kind == "between":
        maximum = value + 10
        words = f"between {value:,} and {maximum:,}"
    start = _day("since the offensive began", period[0])
    end = _day("by the time of the report", period[1])
    population = None if measure in THINGS else "civilians"
    return Quantity(measure, kind, value, minimum, maximum, words, scope, start, end,
                    population), words


def _article(rng: Random, index: int, n: int, ids: dict[str, list[str]],
             base: dict[tuple[str, str], int], n_events: int,
             counts: dict[str, int]) -> ArticleClaims:
    article_id = f"article-{index:07d}"
    published = date(2019, 1, 1) + timedelta(days=index % 900)
    outlet = ids["outlet"][index % len(ids["outlet"])]
    scope = f"event-{rng.randrange(n_events)}"
    period = (published - timedelta(days=30), published)
    # running totals start when the scope's offensive began: a fixed day per scope
    began = date(2019, 1, 1) + timedelta(days=int(scope.split("-")[1]) * 7)
    claimant_pool = (ids["organisation"] * 3 + ids["government"] * 2 + ids["army"]
                     + ids["collective"])
    title = f"Fighting intensifies in {rng.choice(PLACES).title()}, report {index}"
    parts: list[str] = [title, "\n\n"]
    offset = len(title) + 2
    drafts: list[tuple[str, int, int, dict[str, object]]] = []
    for k in range(n):
        filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()
        parts.append(filler + ". ")
        offset += len(filler) + 2
        # Zipf-like choice: a few sources make most claims.
        claimant = claimant_pool[min(len(claimant_pool) - 1,
                                     int(rng.paretovariate(1.2)) - 1)]
        if rng.random() < 0.5:
            claimant = rng.choice(claimant_pool)
        fields: dict[str, object] = {"claimants": (claimant,)}
        if claimant.startswith("gov") and rng.random() < 0.2:
            fields["claimants"] = (claimant, f"army-{claimant.split('-')[1]}")
        measure = rng.choice(MEASURES)
        if rng.random() < 0.35:
            running = rng.random() < RUNNING_TOTALS and began < published
            quantity, words = _quantity(rng, base, measure, scope,
                                        (began, published) if running else period)
            fields["quantities"] = (quantity,)
            counts["quantities"] += 1
            sentence = (f"{words} {measure.replace('-', ' ')} were recorded in "
                        f"{rng.choice(PLACES)} ({article_id}/{k})")
        else:
            sentence = (f"forces {rng.choice(('shelled', 'struck', 'besieged'))} "
                        f"{rng.choice(PLACES)} with heavy weapons ({article_id}/{k})")
        if claimant in ids["organisation"] and rng.random() < 0.3:
            people = [p for p in ids["person"][: 50]]
            fields["speaker"] = rng.choice(people)
            fields["role"] = rng.choice(ROLES[:4])
        stances: list[tuple[str, str]] = []
        if k > 0 and rng.random() < 0.12:
            stances.append(("denies", f"claim-{rng.randrange(k)}"))
            counts["denies"] += 1
        elif k > 0 and rng.random() < 0.04:
            stances.append(("disputes", f"claim-{rng.randrange(k)}"))
            counts["disputes"] += 1
        elif k > 0 and rng.random() < 0.06:
            stances.append(("supports", f"claim-{rng.randrange(k)}"))
            counts["supports"] += 1
        fields["stances"] = tuple(stances)
        quote = sentence[0].upper() + sentence[1:]
        verb = rng.choice(VERBS)
        lead = f"{claimant.replace('-', ' ').title()} {verb}: \u201c"
        parts.append(lead)
        offset += len(lead)
        start = offset
        parts.append(quote)
        offset += len(quote)
        parts.append("\u201d\n")
        offset += 2
        fields["verb"] = verb
        drafts.append((quote, start, start + len(quote), fields))
    text = "".join(parts)
    claims = []
    for k, (quote, start, end, fields) in enumerate(drafts):
        assert text[start:end] == quote
        span = TextSpan(start, end, quote, text[max(0, start - CONTEXT):start],
                        text[end:end + CONTEXT], quote)
        claims.append(Claim(
            id=f"claim-{k}", label=quote[:60], quote=span,
            stated=_day("on the day of the report", published),
            places=(rng.choice(PLACES),),
            **fields))  # type: ignore[arg-type]
    article = Article(article_id, title, outlet, published, text, f"{article_id}.txt")
    return ArticleClaims(article, tuple(claims), (), f"{article_id}.claims.yaml")


def generate(n_claims: int, seed: int = 20261128) -> Generated:
    """A data set of ``n_claims`` claims in articles of CLAIMS_PER_ARTICLE claims."""
    rng = Random(seed)
    registry, ids = _registry(rng, n_claims)
    counts = {"quantities": 0, "denies": 0, "disputes": 0, "supports": 0, "claims": 0,
              "articles": 0, "sources": len(registry.sources)}
    base: dict[tuple[str, str], int] = {}

    def articles() -> Iterator[GeneratedArticle]:
        done = 0
        index = 0
        while done < n_claims:
            n = min(CLAIMS_PER_ARTICLE, n_claims - done)
            claims = _article(rng, index, n, ids, base, len(registry.events), counts)
            counts["claims"] += n
            counts["articles"] += 1
            done += n
            index += 1
            graph = str(article_graph(claims.article.id))
            yield GeneratedArticle(claims, graph, ntriples(article_to_rdf(claims)))

    return Generated(n_claims, seed, registry, ntriples(registry_to_rdf(registry)),
                     ntriples(BuiltGraph(vocabulary.vocabulary())), articles(), counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic claimgraph data set.")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--out", type=Path, help="N-Quads file to write (default: none)")
    parser.add_argument("--check-shapes", type=int, default=0, metavar="N",
                        help="validate the first N articles with the SHACL shapes")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    data = generate(args.claims, args.seed)
    out = args.out.open("w", encoding="utf-8") if args.out else None
    quads = 0
    problems = 0
    registry_rdf = registry_to_rdf(data.registry)
    for name, text in ((str(VOCABULARY_GRAPH), data.vocabulary_ntriples),
                       (str(REGISTRY_GRAPH), data.registry_ntriples)):
        nq = to_nquads(text, name)
        quads += nq.count("\n")
        if out:
            out.write(nq)
    if args.check_shapes:
        from claimgraph.graph.authoring.shapes import check_shapes
        for problem in check_shapes(registry_rdf, file="registry"):
            problems += 1
            print("shape problem:", problem, file=sys.stderr)
    for number, article in enumerate(data.articles):
        nq = to_nquads(article.ntriples, article.graph)
        quads += nq.count("\n")
        if out:
            out.write(nq)
        if number < args.check_shapes:
            from claimgraph.graph.authoring.shapes import check_shapes
            for problem in check_shapes(article_to_rdf(article.claims),
                                        context=registry_rdf.graph, file=article.graph):
                problems += 1
                print("shape problem:", problem, file=sys.stderr)
    if out:
        out.close()
    elapsed = time.perf_counter() - began
    counts = ", ".join(f"{v:,} {k}" for k, v in data.counts.items())
    print(f"generated {counts}; {quads:,} quads in {elapsed:.1f}s "
          f"({data.n_claims / elapsed:,.0f} claims/s)")
    if args.check_shapes:
        print(f"shapes: {min(args.check_shapes, data.counts['articles'])} articles + registry "
              f"checked, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
