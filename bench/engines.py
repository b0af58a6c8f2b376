"""Benchmark candidate embedded RDF store engines for claimgraph.

Standalone (imports nothing from the ``claimgraph`` package). It generates a
deterministic synthetic claim graph shaped like claimgraph's data model, serialises it
once to N-Quads, then measures side by side in one process:

* ``rdflib``      -- ``rdflib.Dataset(default_union=True)``, in-memory store (+ ``rdflib-prep``)
* ``oxi-mem``     -- ``pyoxigraph.Store()`` in memory
* ``oxi-disk``    -- ``pyoxigraph.Store(path)`` on disk (RocksDB) in a temp dir

For each engine: bulk load time, then median / p95 latency of four SPARQL queries
evaluated over the union of all named graphs (results fully consumed), plus a few
variant query forms that are informative when choosing an engine.

Run from the repository root::

    python bench/engines.py --claims 10000
    python bench/engines.py --claims 1000 --repeat 20
    python bench/engines.py --claims 100000 --skip-rdflib

Options: ``--claims N`` (default 10000), ``--repeat R`` timed runs per query (default 10,
after one untimed warm-up run), ``--max-query-seconds S`` stops repeating a query on one
engine once S seconds were spent on it (default 20; the achieved run count is printed),
``--seed``, ``--skip-rdflib``, ``--rdflib-core-only``, ``--no-variants``.

rdflib is reported twice on the same loaded Dataset: ``rdflib`` passes the query string
each time (like pyoxigraph does), ``rdflib-prep`` reuses a ``prepareQuery`` result.
"""

from __future__ import annotations

import argparse
import gc
import math
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import pyoxigraph as ox
import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

CG = "https://w3id.org/claimgraph/ns#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/claimgraph/id/"
GRAPH = "https://w3id.org/claimgraph/graph/"
REGISTRY_GRAPH = GRAPH + "registry"
STATUS_GRAPH = GRAPH + "status"

SOURCE_KINDS = ("Organisation", "Person", "GovernmentOrArmy", "CollectiveSource")
REPORTING_VERBS = ("said", "claimed", "stated", "reported", "announced", "alleged", "denied")
MEASURES = ("casualties", "displaced", "arrests", "aid-trucks", "rockets", "votes")
# fmt: off
WORDS = (
    "the", "ministry", "spokesperson", "officials", "army", "police", "rebels", "residents",
    "witnesses", "hospital", "strike", "convoy", "border", "city", "village", "killed", "injured",
    "arrested", "fled", "attack", "ceasefire", "aid", "talks", "government", "opposition",
    "election", "protest", "militia", "drone", "shelling", "district", "camp", "statement",
    "report", "evidence", "denied", "confirmed", "according", "sources", "local", "regional",
    "international", "agency", "spokesman", "commander",
)
# fmt: on

PREFIXES = f"""PREFIX cg: <{CG}>
PREFIX prov: <{PROV}>
PREFIX oa: <{OA}>
PREFIX schema: <{SCHEMA}>
PREFIX rdfs: <{RDFS}>
"""


# --------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------


def _lit(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _typed(value: int | float | str, dtype: str) -> str:
    return f'"{value}"^^<{XSD}{dtype}>'


def _sentence(rng: Random, n_min: int, n_max: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(n_min, n_max)))


@dataclass
class Dataset:
    """Generated N-Quads plus a few handles used to parameterise the queries."""

    nquads: str
    n_quads: int
    n_claims: int
    n_sources: int
    n_articles: int
    probe_source: str
    probe_claim: str
    stats: dict[str, int] = field(default_factory=dict)


def generate(n_claims: int, seed: int) -> Dataset:
    """Build the synthetic claim graph as N-Quads text (deterministic for a seed)."""
    rng = Random(seed)
    n_sources = max(4, n_claims // 50)
    n_articles = max(1, math.ceil(n_claims / 20))
    lines: list[str] = []
    add = lines.append
    a = f"<{RDF}type>"
    label = f"<{RDFS}label>"
    reg = f"<{REGISTRY_GRAPH}>"
    status_g = f"<{STATUS_GRAPH}>"

    # Sources: mildly Zipf-distributed popularity (a few prolific outlets, a long tail).
    sources = [f"{ID}source/{i:06d}" for i in range(n_sources)]
    weights = [1.0 / (i + 1) ** 0.7 for i in range(n_sources)]
    for i, s in enumerate(sources):
        kind = SOURCE_KINDS[rng.randrange(len(SOURCE_KINDS))]
        add(f"<{s}> {a} <{CG}Source> {reg} .")
        add(f"<{s}> {a} <{CG}{kind}> {reg} .")
        add(f"<{s}> {label} {_lit(f'Source {i} ' + _sentence(rng, 1, 3))} {reg} .")

    claims = [f"{ID}claim/{i:07d}" for i in range(n_claims)]
    claim_sources: list[list[str]] = []
    stats = {"quantities": 0, "denials": 0, "two_sources": 0}
    denied: set[int] = set()

    for i, c in enumerate(claims):
        art_id = i // 20
        article = f"{ID}article/{art_id:06d}"
        g = f"<{GRAPH}article/{art_id:06d}>"
        if i % 20 == 0:
            add(f"<{article}> {a} <{CG}Article> {g} .")
            add(f"<{article}> {a} <{SCHEMA}NewsArticle> {g} .")
            add(f"<{article}> <{SCHEMA}headline> {_lit(_sentence(rng, 5, 10))} {g} .")
        text = _sentence(rng, 8, 25)
        if rng.random() < 0.05:
            text = f'{text} "quoted words" {text[:20]}'
        srcs = rng.choices(sources, weights=weights, k=2 if rng.random() < 0.4 else 1)
        srcs = list(dict.fromkeys(srcs))
        claim_sources.append(srcs)
        if len(srcs) == 2:
            stats["two_sources"] += 1
        add(f"<{c}> {a} <{CG}Claim> {g} .")
        add(f"<{c}> {a} <{SCHEMA}Claim> {g} .")
        add(f"<{c}> {label} {_lit(text[:40])} {g} .")
        add(f"<{c}> <{SCHEMA}text> {_lit(text)} {g} .")
        for s in srcs:
            add(f"<{c}> <{PROV}wasAttributedTo> <{s}> {g} .")
        verb = REPORTING_VERBS[rng.randrange(len(REPORTING_VERBS))]
        add(f"<{c}> <{CG}reportingVerb> {_lit(verb)} {g} .")
        add(f"<{c}> <{CG}appearsIn> <{article}> {g} .")
        # Quote span with a text-quote and a text-position selector.
        span, sq, sp = f"{ID}span/{i:07d}", f"{ID}span/{i:07d}/quote", f"{ID}span/{i:07d}/pos"
        start = rng.randint(0, 4000)
        end = start + len(text)
        add(f"<{c}> <{CG}quote> <{span}> {g} .")
        add(f"<{span}> {a} <{OA}SpecificResource> {g} .")
        add(f"<{span}> <{OA}hasSource> <{article}> {g} .")
        add(f"<{span}> <{OA}hasSelector> <{sq}> {g} .")
        add(f"<{span}> <{OA}hasSelector> <{sp}> {g} .")
        add(f"<{sq}> {a} <{OA}TextQuoteSelector> {g} .")
        add(f"<{sq}> <{OA}exact> {_lit(text)} {g} .")
        add(f"<{sp}> {a} <{OA}TextPositionSelector> {g} .")
        add(f"<{sp}> <{OA}start> {_typed(start, 'integer')} {g} .")
        add(f"<{sp}> <{OA}end> {_typed(end, 'integer')} {g} .")
        if rng.random() < 0.30:
            stats["quantities"] += 1
            qty = f"{ID}quantity/{i:07d}"
            lo = rng.randint(1, 5000)
            hi = lo + rng.randint(0, 500)
            add(f"<{c}> <{CG}hasQuantity> <{qty}> {g} .")
            add(f"<{qty}> {a} <{CG}Quantity> {g} .")
            add(f"<{qty}> <{CG}measures> <{CG}{MEASURES[rng.randrange(len(MEASURES))]}> {g} .")
            add(f"<{qty}> <{CG}minValue> {_typed(lo, 'decimal')} {g} .")
            add(f"<{qty}> <{CG}maxValue> {_typed(hi, 'decimal')} {g} .")
        if i > 0 and rng.random() < 0.10:
            target = rng.randrange(0, i)
            denied.add(target)
            stats["denials"] += 1
            add(f"<{c}> <{CG}denies> <{claims[target]}> {g} .")

    # Derived status: denied => Contested, else >=2 sources => Corroborated, else single.
    for i, c in enumerate(claims):
        if i in denied:
            st = "Contested"
        elif len(claim_sources[i]) >= 2:
            st = "Corroborated"
        else:
            st = "SingleSource"
        stats[st] = stats.get(st, 0) + 1
        add(f"<{c}> <{CG}status> <{CG}{st}> {status_g} .")

    lines.append("")
    return Dataset(
        nquads="\n".join(lines),
        n_quads=len(lines) - 1,
        n_claims=n_claims,
        n_sources=n_sources,
        n_articles=n_articles,
        probe_source=sources[0],  # the most prolific source (worst case for Q1)
        probe_claim=claims[n_claims // 2],
        stats=stats,
    )


# --------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------


def build_queries(ds: Dataset, variants: bool) -> list[tuple[str, str, str]]:
    """Return (key, description, SPARQL) for the core queries and optional variants."""
    src, claim = ds.probe_source, ds.probe_claim
    q1 = f"""{PREFIXES}
SELECT ?claim ?exact WHERE {{
  ?claim a cg:Claim ; prov:wasAttributedTo <{src}> ; cg:quote ?span .
  ?span oa:hasSelector ?sel . ?sel oa:exact ?exact .
}}"""
    q2 = f"""{PREFIXES}
SELECT ?claim ?denier ?denierSourceLabel WHERE {{
  ?claim cg:status cg:Contested .
  ?denier cg:denies ?claim ; prov:wasAttributedTo ?src .
  ?src rdfs:label ?denierSourceLabel .
}} LIMIT 100"""
    q3 = f"""{PREFIXES}
SELECT ?src (COUNT(?claim) AS ?n) WHERE {{
  ?claim a cg:Claim ; prov:wasAttributedTo ?src .
}} GROUP BY ?src ORDER BY DESC(?n)"""
    q4 = f"""{PREFIXES}
SELECT ?src ?srcLabel ?kind ?verb ?exact ?start ?end WHERE {{
  <{claim}> prov:wasAttributedTo ?src ; cg:reportingVerb ?verb ; cg:quote ?span .
  ?src rdfs:label ?srcLabel ; a ?kind .
  ?span oa:hasSelector ?qs, ?ps .
  ?qs oa:exact ?exact .
  ?ps oa:start ?start ; oa:end ?end .
}}"""
    out = [
        ("Q1", "claims of one source + quote text", q1),
        ("Q2", "contested + deniers + source labels, LIMIT 100", q2),
        ("Q3", "count claims by source, GROUP BY/ORDER BY", q3),
        ("Q4", "one claim's attribution chain", q4),
    ]
    if not variants:
        return out
    q2o = q2.replace("} LIMIT 100", "} ORDER BY ?claim ?denier LIMIT 100")
    q1g = f"""{PREFIXES}
SELECT ?claim ?exact ?g WHERE {{
  GRAPH ?g {{
    ?claim a cg:Claim ; prov:wasAttributedTo <{src}> ; cg:quote ?span .
    ?span oa:hasSelector ?sel . ?sel oa:exact ?exact .
  }}
}}"""
    q5 = f"""{PREFIXES}
SELECT ?claim ?m ?lo ?hi WHERE {{
  ?claim cg:hasQuantity ?q . ?q cg:measures ?m ; cg:minValue ?lo ; cg:maxValue ?hi .
  FILTER(?lo >= 1000 && ?hi <= 2000)
}}"""
    q6 = f"""{PREFIXES}
SELECT ?claim ?text WHERE {{
  ?claim a cg:Claim ; schema:text ?text .
  FILTER(CONTAINS(LCASE(?text), "ceasefire drone"))
}}"""
    q7 = f"""{PREFIXES}
SELECT ?claim WHERE {{
  ?claim a cg:Claim .
  FILTER NOT EXISTS {{ ?claim cg:status cg:Contested }}
}}"""
    out += [
        ("V2o", "Q2 + ORDER BY (no early LIMIT exit)", q2o),
        ("V1g", "Q1 with GRAPH ?g {...} (named graphs)", q1g),
        ("V5", "quantity range FILTER", q5),
        ("V6", "full-text-ish CONTAINS scan", q6),
        ("V7", "FILTER NOT EXISTS over all claims", q7),
    ]
    return out


# --------------------------------------------------------------------------------------
# Engines
# --------------------------------------------------------------------------------------


class Engine:
    """Minimal adapter: load N-Quads, run a SELECT fully consuming results.

    ``modes`` lists the ways queries are run on the loaded store (one result column each).
    """

    name = "?"
    modes: tuple[str, ...] = ()

    def load(self, nquads: str) -> None:
        raise NotImplementedError

    def select(self, query: str, mode: str) -> int:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass


class RdflibEngine(Engine):
    """``rdflib`` passes the query string each time (parse + algebra translation included);
    ``rdflib-prep`` runs a query prepared once with ``prepareQuery`` (execution only)."""

    name = "rdflib"
    modes = ("rdflib", "rdflib-prep")

    def __init__(self) -> None:
        self.ds = rdflib.Dataset(default_union=True)
        self.prepared: dict[str, Query] = {}

    def load(self, nquads: str) -> None:
        self.ds.parse(data=nquads, format="nquads")

    def select(self, query: str, mode: str) -> int:
        q: str | Query = query
        if mode == "rdflib-prep":
            if query not in self.prepared:
                self.prepared[query] = prepareQuery(query)
            q = self.prepared[query]
        n = 0
        for row in self.ds.query(q):
            for _term in row:  # type: ignore[union-attr]
                pass
            n += 1
        return n

    def size(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def close(self) -> None:
        self.ds.close()


class OxiEngine(Engine):
    def __init__(self, path: str | None, bulk: bool = True) -> None:
        self.store = ox.Store(path) if path else ox.Store()
        self.bulk = bulk
        self.name = "oxi-disk" if path else "oxi-mem"
        self.modes = (self.name,)

    def load(self, nquads: str) -> None:
        data = nquads.encode()
        if self.bulk:
            self.store.bulk_load(data, ox.RdfFormat.N_QUADS)
            self.store.optimize()  # no-op in memory; compacts RocksDB on disk
        else:
            self.store.load(data, ox.RdfFormat.N_QUADS)

    def select(self, query: str, mode: str) -> int:
        n = 0
        solutions = self.store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        for sol in solutions:
            for _term in sol:
                pass
            n += 1
        return n

    def size(self) -> int:
        return len(self.store)

    def close(self) -> None:
        del self.store
        gc.collect()


# --------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------


@dataclass
class QueryTiming:
    rows: int
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def p95(self) -> float:
        s = sorted(self.runs)
        return s[max(0, math.ceil(0.95 * len(s)) - 1)]  # nearest-rank


@dataclass
class EngineResult:
    name: str
    load_s: float
    quads: int
    queries: dict[str, QueryTiming] = field(default_factory=dict)


def time_query(engine: Engine, mode: str, query: str, repeat: int, budget_s: float) -> QueryTiming:
    t0 = time.perf_counter()
    rows = engine.select(query, mode)  # warm-up (parse, caches); not timed
    warm = time.perf_counter() - t0
    runs: list[float] = []
    spent = warm
    for _ in range(repeat):
        if runs and spent > budget_s:
            break
        t = time.perf_counter()
        n = engine.select(query, mode)
        dt = time.perf_counter() - t
        runs.append(dt)
        spent += dt
        if n != rows:
            raise RuntimeError(f"{engine.name}: non-deterministic row count {n} != {rows}")
    return QueryTiming(rows=rows, runs=runs)


def bench_engine(
    make: Callable[[], Engine],
    ds: Dataset,
    queries: list[tuple[str, str, str]],
    repeat: int,
    budget_s: float,
    core_only: bool = False,
) -> list[EngineResult]:
    """Load one engine, then time every query in each of its modes (one result per mode)."""
    engine = make()
    gc.collect()
    t = time.perf_counter()
    engine.load(ds.nquads)
    load_s = time.perf_counter() - t
    quads = engine.size()
    print(f"  {engine.name:<9} loaded {quads:,} quads in {load_s:.2f}s", flush=True)
    results: list[EngineResult] = []
    for mode in engine.modes:
        res = EngineResult(mode, load_s, quads)
        for key, _desc, q in queries:
            if core_only and key.startswith("V"):
                continue
            qt = time_query(engine, mode, q, repeat, budget_s)
            res.queries[key] = qt
            print(
                f"    {mode:<11} {key:<4} rows={qt.rows:<6} median={fmt_s(qt.median)} "
                f"runs={len(qt.runs)}",
                flush=True,
            )
        results.append(res)
    engine.close()
    del engine
    gc.collect()
    return results


def fmt_s(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:7.0f}µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:7.2f}ms"
    return f"{seconds:7.2f}s "


def fmt_ratio(num: float, den: float) -> str:
    if den <= 0:
        return "    n/a"
    r = num / den
    return f"{r:6.1f}x" if r < 1000 else f"{r:6.0f}x"


def peak_rss_mb() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return ru / (1024 * 1024) if sys.platform == "darwin" else ru / 1024


RATIOS = (("rdflib", "oxi-mem"), ("rdflib", "oxi-disk"), ("rdflib-prep", "oxi-mem"))
RATIO_LABEL = {
    ("rdflib", "oxi-mem"): "rdf/mem",
    ("rdflib", "oxi-disk"): "rdf/disk",
    ("rdflib-prep", "oxi-mem"): "prep/mem",
}
DESC_W = 44


def print_report(
    ds: Dataset,
    queries: list[tuple[str, str, str]],
    results: list[EngineResult],
    repeat: int,
    gen_s: float,
) -> None:
    by = {r.name: r for r in results}
    names = [r.name for r in results]
    ratios = [(a, b) for a, b in RATIOS if a in by and b in by]
    width = DESC_W + 12 * len(names) + 10 * len(ratios) + 8

    def header(title: str) -> str:
        return (
            f"{title:<{DESC_W}}"
            + "".join(f"{n:>12}" for n in names)
            + "".join(f"{RATIO_LABEL[r]:>10}" for r in ratios)
        )

    print()
    print("=" * width)
    print(
        f"claimgraph engine benchmark: {ds.n_claims:,} claims, {ds.n_sources:,} sources, "
        f"{ds.n_articles:,} articles (= named graphs), {ds.n_quads:,} quads, "
        f"{len(ds.nquads.encode()) / 1e6:.1f} MB N-Quads"
    )
    print(
        f"Python {platform.python_version()} ({platform.machine()}), rdflib {rdflib.__version__}, "
        f"pyoxigraph {ox.__version__}; repeat={repeat} (+1 untimed warm-up); "
        "queries over the union graph"
    )
    print("ratios = rdflib time / pyoxigraph time (higher = pyoxigraph faster)")
    print("=" * width)

    print(header("load"))
    print(
        f"{'N-Quads bulk load (s)':<{DESC_W}}"
        + "".join(f"{by[n].load_s:11.2f}s" for n in names)
        + "".join(f"{fmt_ratio(by[a].load_s, by[b].load_s):>10}" for a, b in ratios)
    )
    print(f"{'quads after load':<{DESC_W}}" + "".join(f"{by[n].quads:>12,}" for n in names))
    print("-" * width)

    skipped = "skipped"
    for stat in ("median", "p95"):
        print(header(f"query ({stat})") + f"{'rows':>8}")
        for key, desc, _q in queries:
            vals = {n: getattr(by[n].queries[key], stat) for n in names if key in by[n].queries}
            line = f"{key + ' ' + desc:<{DESC_W}.{DESC_W}}"
            line += "".join(f"{fmt_s(vals[n]) if n in vals else skipped:>12}" for n in names)
            line += "".join(
                f"{fmt_ratio(vals[a], vals[b]) if a in vals and b in vals else '-':>10}"
                for a, b in ratios
            )
            rows = {by[n].queries[key].rows for n in names if key in by[n].queries}
            line += f"{'/'.join(str(r) for r in sorted(rows)):>8}"
            print(line)
        print("-" * width)

    short = [
        f"{n}:{key}={len(by[n].queries[key].runs)}"
        for n in names
        for key, _d, _q in queries
        if key in by[n].queries and len(by[n].queries[key].runs) < repeat
    ]
    if short:
        print("timed runs capped by --max-query-seconds: " + ", ".join(short))
    mismatched = [
        k
        for k, _d, _q in queries
        if len({by[n].queries[k].rows for n in names if k in by[n].queries}) > 1
    ]
    if mismatched:
        print(f"WARNING: row counts differ between engines for {', '.join(mismatched)}")
    else:
        print("row counts agree across engines for every query")
    if "rdflib" not in by:
        print("rdflib: SKIPPED (--skip-rdflib); no rdflib/pyoxigraph ratios at this scale")
    elif any(k not in by["rdflib"].queries for k, _d, _q in queries):
        print("rdflib: variant queries SKIPPED (--rdflib-core-only): too slow at this scale")
    s = ds.stats
    print(
        f"data: {s['two_sources']:,} two-source claims, {s['quantities']:,} quantities, "
        f"{s['denials']:,} denials; status Contested={s.get('Contested', 0):,} "
        f"Corroborated={s.get('Corroborated', 0):,} SingleSource={s.get('SingleSource', 0):,}; "
        f"N-Quads generated in {gen_s:.2f}s"
    )
    print(f"peak RSS (whole process, all engines + N-Quads text): {peak_rss_mb():,.0f} MB")


def iter_engines(skip_rdflib: bool, tmp: Path) -> Iterator[Callable[[], Engine]]:
    if not skip_rdflib:
        yield RdflibEngine
    yield lambda: OxiEngine(None)
    yield lambda: OxiEngine(str(tmp / "oxigraph"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--claims", type=int, default=10000, help="number of claims (default 10000)")
    p.add_argument("--repeat", type=int, default=10, help="timed runs per query (default 10)")
    p.add_argument("--seed", type=int, default=20240601, help="random seed")
    p.add_argument(
        "--max-query-seconds",
        type=float,
        default=20.0,
        help="stop repeating a query on an engine after this much time (default 20)",
    )
    p.add_argument("--skip-rdflib", action="store_true", help="skip rdflib (for large scales)")
    p.add_argument("--no-variants", action="store_true", help="only the four core queries")
    p.add_argument(
        "--rdflib-core-only",
        action="store_true",
        help="run only Q1-Q4 on rdflib (variants such as V1g are very slow at 100k claims)",
    )
    args = p.parse_args(argv)
    if args.claims < 20 or args.repeat < 1:
        p.error("--claims must be >= 20 and --repeat >= 1")

    t0 = time.perf_counter()
    t = time.perf_counter()
    ds = generate(args.claims, args.seed)
    gen_s = time.perf_counter() - t
    queries = build_queries(ds, variants=not args.no_variants)
    print(f"generated {ds.n_quads:,} quads for {ds.n_claims:,} claims in {gen_s:.2f}s", flush=True)

    results: list[EngineResult] = []
    with tempfile.TemporaryDirectory(prefix="cg-bench-") as tmp:
        for make in iter_engines(args.skip_rdflib, Path(tmp)):
            core_only = args.rdflib_core_only and make is RdflibEngine
            results += bench_engine(
                make, ds, queries, args.repeat, args.max_query_seconds, core_only
            )
    print_report(ds, queries, results, args.repeat, gen_s)
    print(f"total wall time: {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
