"""Side-by-side benchmark: embedded store (pyoxigraph), rdflib, and a real Virtuoso.

Run: ``.venv/bin/python bench/run.py --claims 10000`` (``--engines`` picks a subset, e.g.
``--engines embedded,virtuoso`` at 100k, ``--engines embedded`` at 1M). rdflib queries are
stopped after ``--rdflib-cap`` seconds and shown as "> N s"; ``--clients 0`` skips the
throughput test (concurrent clients against our endpoint and Virtuoso's).

The data comes from ``bench/generate.py`` (the loader's exact RDF). Each engine runs in its
own child process, so its peak memory is its own, under a time limit (``--engine-timeout``);
an engine that fails or runs out of time prints ``skipped: reason`` and the others go on.

- embedded: ``EmbeddedStore`` on disk, loaded with ``replace_graphs`` (one transaction, what
  ``claimgraph load`` does after validation), ``derive_statuses``, the canned questions with
  ``run_canned`` in-process, then a real ``claimgraph serve`` on that store, queried with
  httpx at ``/queries/<name>.json`` (latency, and the server's CPU time per request), then
  the same SPARQL posted to a bare endpoint (``bench/bare_endpoint.py``: Starlette and
  pyoxigraph alone) on the same store, the floor our endpoint is compared with;
- rdflib: ``rdflib.Dataset(default_union=True)`` parsing the N-Quads (plus the status graphs
  the embedded run derived), the same bound SPARQL text;
- virtuoso: ``tests/virtuoso.py`` on loopback, loaded through our ``RemoteStore``
  (Graph Store PUT per graph, then one MOVE request), ``derive_statuses``, ``run_canned``
  through ``RemoteStore``, and the same SPARQL posted to Virtuoso's own ``/sparql``.

Validation (SHACL, building each article's RDF and checking it with one ``ShapeChecker``, as
``claimgraph load`` does) is timed on a sample of articles (``--validate-sample``) in the parent
and folded into the "load with validation" rate.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import pickle
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = ("who-claimed-what", "who-claimed-what/typical", "contested-claims",
           "attribution-chain", "claims-per-source")
"""The canned questions timed; ``NAME/typical`` asks NAME of a source of median size (the
plain name asks it of the source with the most claims)."""
TICK = os.sysconf("SC_CLK_TCK")
OVERHEAD_QUERIES = {
    "one row": "SELECT ?label WHERE { cg:Contested rdfs:label ?label }",
    "20,000 claims' sources": """
SELECT ?claim ?label ?status ?role ?source ?sourceLabel WHERE {
  ?claim a cg:Claim ; rdfs:label ?label ; cg:status/rdfs:label ?status .
  { ?claim cg:claimant ?source BIND ("claimant" AS ?role) }
  UNION { ?claim cg:onAuthorityOf ?source BIND ("on the authority of" AS ?role) }
  ?source rdfs:label ?sourceLabel .
}
LIMIT 20000""",
}
"""Questions posted to our /sparql (JSON results) to measure the endpoint's overhead over the
engine: one row (the fixed cost of a request), and a large result (claims with each source
behind them, cut at 20,000 rows: ~9 MB, under the default 50 MB result limit, at any scale)."""
OVERHEAD_REPEAT = 3
"""Timed runs of each overhead question, per side (the large one takes ~1 s at 10k claims)."""

Result = dict[str, Any]


# -- measuring helpers ---------------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def proc_tree(pid: int) -> list[int]:
    """``pid`` and its living descendants (server worker processes)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += proc_tree(int(child))
    return found


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process tree (and its waited-for children)."""
    total = 0.0
    for member in proc_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15]) / TICK
    return total


def proc_peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) summed over the process tree."""
    total = 0.0
    for member in proc_tree(pid):
        total += _one_peak_mb(member)
    return total


def _one_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def latencies(run: Callable[[], object], repeat: int, budget: float) -> dict[str, float]:
    """p50/p95 in ms over up to ``repeat`` timed runs after one warm-up, within ``budget`` s."""
    began = time.perf_counter()
    run()
    samples: list[float] = []
    while len(samples) < repeat and time.perf_counter() - began < budget:
        t0 = time.perf_counter()
        run()
        samples.append((time.perf_counter() - t0) * 1000)
    if not samples:
        samples = [(time.perf_counter() - began) * 1000]
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": statistics.median(samples), "p95": p95, "n": len(samples)}


class CapReached(Exception):
    """A query ran past its cap (rdflib holds the GIL: only a signal stops it)."""


@contextlib.contextmanager
def time_cap(seconds: float) -> Iterator[None]:
    """Raise CapReached in this (main) thread once ``seconds`` have passed."""
    def expire(signum: int, frame: object) -> None:
        raise CapReached

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def load_test(call: Callable[[Any], object], clients: int, seconds: float,
              make_client: Callable[[], Any]) -> Result:
    """``clients`` threads calling ``call(client)`` back to back for ``seconds``.

    Returns the requests done, errors, req/s and p50/p95 latency in ms."""
    stop = time.perf_counter() + seconds
    samples: list[list[float]] = [[] for _ in range(clients)]
    errors = [0]

    def worker(index: int) -> None:
        with make_client() as client:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    call(client)
                except Exception:
                    errors[0] += 1
                    continue
                samples[index].append((time.perf_counter() - t0) * 1000)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    done = sorted(x for per in samples for x in per)
    if not done:
        return {"requests": 0, "errors": errors[0]}
    return {"requests": len(done), "errors": errors[0], "rps": len(done) / elapsed,
            "p50": statistics.median(done),
            "p95": done[min(len(done) - 1, round(0.95 * (len(done) - 1)))]}


def canned_arguments(picks: Mapping[str, str]) -> dict[str, dict[str, str]]:
    return {
        "who-claimed-what": {"source": picks["source"]},
        "who-claimed-what/typical": {"source": picks["typical"]},
        "contested-claims": {},
        "attribution-chain": {"article": picks["article"], "claim": picks["claim"]},
        "claims-per-source": {},
    }


def bound_queries(picks: Mapping[str, str]) -> dict[str, str]:
    """The SPARQL text each canned question runs, at its default page size."""
    from claimgraph.graph.queries.canned import get_canned

    return {name: get_canned(canned_name(name)).bind(args)
            for name, args in canned_arguments(picks).items()}


def canned_name(name: str) -> str:
    """The canned query a timed question asks (``who-claimed-what/typical``: who-claimed-what)."""
    return name.split("/", 1)[0]


# -- the engines (each in its own child process) -------------------------------------------


def time_canned(store: Any, picks: Mapping[str, str], args: argparse.Namespace) -> Result:
    """Row count and latencies of each canned question, run in-process on ``store``."""
    from claimgraph.graph.queries.canned import get_canned, run_canned

    queries: Result = {}
    for name, arguments in canned_arguments(picks).items():
        canned = get_canned(canned_name(name))
        rows = len(run_canned(store, canned, arguments))
        timing = latencies(lambda c=canned, a=arguments: run_canned(store, c, a),
                           args.repeat, args.query_budget)
        queries[name] = {**timing, "rows": rows}
    return queries


def overhead_queries() -> dict[str, str]:
    from claimgraph.graph.terms.namespaces import sparql_prefixes

    return {name: sparql_prefixes() + text for name, text in OVERHEAD_QUERIES.items()}


def time_overhead_inproc(store: Any) -> Result:
    """Each overhead question on the bare engine in-process: query plus pyoxigraph's own
    JSON serialisation (``EmbeddedStore.query_serialized``)."""
    out: Result = {}
    for name, text in overhead_queries().items():
        body = store.query_serialized(text, "json")
        repeat = OVERHEAD_REPEAT if len(body) > 1_000_000 else OVERHEAD_REPEAT * 30
        timing = latencies(lambda t=text: store.query_serialized(t, "json"), repeat, 30)
        out[name] = {**timing, "rows": len(json.loads(body)["results"]["bindings"]),
                     "bytes": len(body)}
    return out


def _time_overhead_http(client: Any, pid: int) -> Result:
    """Each overhead question posted to /sparql, with the server's CPU time per request."""
    out: Result = {}
    for name, text in overhead_queries().items():
        def call(t: str = text) -> bytes:
            answer = client.post("/sparql", data={"query": t},
                                 headers={"Accept": "application/sparql-results+json"})
            answer.raise_for_status()
            return answer.content

        body = call()
        repeat = OVERHEAD_REPEAT if len(body) > 1_000_000 else OVERHEAD_REPEAT * 30
        cpu0 = proc_cpu_seconds(pid)
        timing = latencies(call, repeat, 30)
        cpu = proc_cpu_seconds(pid) - cpu0
        out[name] = {**timing, "rows": len(json.loads(body)["results"]["bindings"]),
                     "cpu_ms_per_request": cpu * 1000 / (timing["n"] + 1)}
    return out


@contextlib.contextmanager
def _logged(logger: str) -> Iterator[list[str]]:
    """The messages ``logger`` logs meanwhile, each with the peak memory so far (and echoed
    to stderr, which the parent keeps for an error)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.getMessage()} (peak {peak_rss_mb():.0f} MB)")
            print(f"... {messages[-1]}", file=sys.stderr, flush=True)

    handler, target = Collect(), logging.getLogger(logger)
    target.addHandler(handler)
    target.setLevel(logging.INFO)
    try:
        yield messages
    finally:
        target.removeHandler(handler)


def engine_embedded(work: Path, args: argparse.Namespace) -> Result:
    import pyoxigraph as ox

    from claimgraph.graph.backends.embedded import EmbeddedStore
    from claimgraph.graph.derive.status import derive_statuses
    from claimgraph.graph.queries.canned import get_canned
    from claimgraph.graph.terms.namespaces import DERIVED_GRAPHS

    out: Result = {"rss_before_load_mb": peak_rss_mb()}
    path = work / "embedded-store"
    shutil.rmtree(path, ignore_errors=True)  # left by an earlier run on the same --data-dir
    store = EmbeddedStore(path)
    t0 = time.perf_counter()
    if args.bulk:
        # streamed from the file, not one transaction: Oxigraph's loader for large data
        store._store.bulk_load(path=str(work / "data.nq"), format=ox.RdfFormat.N_QUADS)
        # compacted: the loader's files overlap, and each lookup would search each of them
        store._store.optimize()
        out["load_path"] = ("pyoxigraph Store.bulk_load of the N-Quads file (streamed), then "
                            "Store.optimize")
    else:
        writes: dict[str, str] = pickle.loads((work / "writes.pickle").read_bytes())
        out["rss_before_load_mb"] = peak_rss_mb()
        store.replace_graphs(writes)
        out["load_path"] = ("EmbeddedStore.replace_graphs (one transaction; a first load "
                            "adds the parsed quads)")
        del writes
    out["load_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with _logged("claimgraph.derive") as stages:
        summary = derive_statuses(store)
    out["derive_s"] = time.perf_counter() - t0
    out["derive_stages"] = stages
    # RocksDB compacts what was just written in background threads of the process that
    # serves; compacted now, that work does not count against the questions timed below.
    t0 = time.perf_counter()
    store._store.optimize()
    out["optimize_s"] = time.perf_counter() - t0
    out["statuses"] = summary.counts
    out["triples"] = store.count_triples()
    # Picks: the most prolific source, and a contested claim (or any claim).
    from claimgraph.graph.backends.store import Solutions

    top = store.query(get_canned("claims-per-source").bind({}, limit=None))
    assert isinstance(top, Solutions)
    ranked = sorted(top.records(), key=lambda r: (-int(r["claims"] or 0), r["source"] or ""))
    contested = store.query(get_canned("contested-claims").bind({}, limit=1))
    assert isinstance(contested, Solutions)
    record = contested.records()[0] if contested.rows else {"article": "article-0000000",
                                                            "claim": "claim-0"}
    picks = {"source": ranked[0]["source"] or "org-0",
             "typical": ranked[len(ranked) // 2]["source"] or "org-0",
             "article": record["article"] or "", "claim": record["claim"] or ""}
    out["picks"] = {**picks, "source_claims": ranked[0]["claims"],
                    "typical_claims": ranked[len(ranked) // 2]["claims"]}
    (work / "picks.json").write_text(json.dumps(picks))
    with (work / "derived.nq").open("wb") as derived:  # streamed: millions of quads at 1M
        for graph in DERIVED_GRAPHS:  # as quads: a dump of one graph would drop its name
            quads = store._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
            ox.serialize(quads, derived, ox.RdfFormat.N_QUADS)
    out["inproc"] = time_canned(store, picks, args)
    out["inproc_overhead"] = time_overhead_inproc(store)
    out["peak_rss_mb"] = peak_rss_mb()
    store.close()
    out["http"] = _http_embedded(path, picks, args)
    return out


def _get_call(url: str, arguments: Mapping[str, str]) -> Callable[[Any], object]:
    return lambda client: client.get(url, params=arguments).raise_for_status()


def _throughput(pid: int, args: argparse.Namespace,
                calls: Mapping[str, Callable[[Any], object]]) -> Result:
    """Each question under ``args.clients`` concurrent clients for ``args.load_seconds``,
    with the server's CPU time per request."""
    import httpx

    out: Result = {}
    for name, call in calls.items():
        cpu0 = proc_cpu_seconds(pid)
        result = load_test(call, args.clients, args.load_seconds,
                           lambda: httpx.Client(timeout=60))
        cpu = proc_cpu_seconds(pid) - cpu0
        if result.get("requests"):
            result["cpu_ms_per_request"] = cpu * 1000 / result["requests"]
        out[name] = result
    return out


def _http_embedded(path: Path, picks: Mapping[str, str], args: argparse.Namespace) -> Result:
    import httpx

    from tests.api.conftest import start_server, stop_server

    server = start_server(path, token=None)
    out: Result = {}
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for name, arguments in canned_arguments(picks).items():
                url = f"/queries/{canned_name(name)}.json"
                answer = client.get(url, params=arguments)
                if answer.status_code != 200:
                    out[name] = {"error": f"HTTP {answer.status_code}: {answer.text[:200]}"}
                    continue
                cpu0 = proc_cpu_seconds(server.process.pid)
                calls = [0]

                def call(u: str = url, a: Mapping[str, str] = arguments,
                         n: list[int] = calls) -> None:
                    n[0] += 1
                    client.get(u, params=a).raise_for_status()

                timing = latencies(call, args.repeat, args.query_budget)
                cpu = proc_cpu_seconds(server.process.pid) - cpu0
                out[name] = {**timing, "cpu_ms_per_request": cpu * 1000 / calls[0]}
            try:
                out["overhead"] = _time_overhead_http(client, server.process.pid)
            except httpx.HTTPError as error:  # the figures above are kept
                out["overhead"] = {"error": str(error)}
        if args.clients:
            out["load"] = _throughput(
                server.process.pid, args,
                {name: _get_call(f"{server.url}/queries/{canned_name(name)}.json", a)
                 for name, a in canned_arguments(picks).items()})
        out["server_peak_mb"] = proc_peak_mb(server.process.pid)
    finally:
        stop_server(server)
    try:
        out["bare"] = _http_bare(path, picks, args)
    except httpx.HTTPError as error:  # the figures above are kept
        out["bare"] = {"error": str(error)}
    return out


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _http_bare(path: Path, picks: Mapping[str, str], args: argparse.Namespace) -> Result:
    """The same SPARQL text each canned question runs, posted to the bare endpoint
    (bench/bare_endpoint.py: Starlette and pyoxigraph alone) on the same store: the floor our
    endpoint is compared with."""
    import httpx

    port = _free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "bare_endpoint.py"),
                                str(path), str(port)], stderr=subprocess.DEVNULL)
    out: Result = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            deadline = time.monotonic() + 60
            while True:  # until it answers (it prints before it listens)
                try:
                    client.post("/sparql", data={"query": "SELECT * {} LIMIT 1"}).raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        return {"error": "the bare endpoint did not start"}
                    time.sleep(0.1)
            for name, text in bound_queries(picks).items():
                calls = [0]

                def call(t: str = text, n: list[int] = calls) -> None:
                    n[0] += 1
                    client.post("/sparql", data={"query": t}).raise_for_status()

                call()
                calls[0] = 0
                cpu0 = proc_cpu_seconds(process.pid)
                timing = latencies(call, args.repeat, args.query_budget)
                cpu = proc_cpu_seconds(process.pid) - cpu0
                out[name] = {**timing, "cpu_ms_per_request": cpu * 1000 / calls[0]}
    finally:
        process.terminate()
        process.wait(30)
    return out


def engine_rdflib(work: Path, args: argparse.Namespace) -> Result:
    import rdflib

    out: Result = {"rss_before_load_mb": peak_rss_mb()}
    data = (work / "data.nq").read_bytes()
    dataset = rdflib.Dataset(default_union=True)
    t0 = time.perf_counter()
    dataset.parse(data=data, format="nquads")
    out["load_s"] = time.perf_counter() - t0
    del data
    dataset.parse(data=(work / "derived.nq").read_bytes(), format="nquads")
    picks = json.loads((work / "picks.json").read_text())
    queries: Result = {}
    for name, text in bound_queries(picks).items():
        t0 = time.perf_counter()
        try:
            with time_cap(args.rdflib_cap):
                rows = len(list(dataset.query(text)))
        except CapReached:
            queries[name] = {"capped_s": args.rdflib_cap}
            continue
        first = time.perf_counter() - t0
        if first > args.query_budget:
            queries[name] = {"p50": first * 1000, "p95": first * 1000, "n": 1, "rows": rows}
            continue
        timing = latencies(lambda t=text: list(dataset.query(t)), args.repeat,
                           args.query_budget)
        queries[name] = {**timing, "rows": rows}
    out["inproc"] = queries
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def engine_virtuoso(work: Path, args: argparse.Namespace) -> Result:
    import httpx

    from claimgraph.errors import ClaimgraphError
    from claimgraph.graph.backends.remote import RemoteStore
    from claimgraph.graph.derive.status import derive_statuses
    from tests.backends import remote_config_of
    from tests.virtuoso import start_virtuoso, stop_virtuoso

    writes: dict[str, str] = pickle.loads((work / "writes.pickle").read_bytes())
    out: Result = {"rss_before_load_mb": peak_rss_mb()}
    # loading and deriving 100k claims takes single updates of minutes: the limit is the engine's
    server = start_virtuoso(work / f"virtuoso-{os.getpid()}",
                            query_seconds=int(args.engine_timeout))
    try:
        store = RemoteStore(remote_config_of(server))
        t0 = time.perf_counter()
        store.replace_graphs(writes)
        out["load_s"] = time.perf_counter() - t0
        out["load_path"] = "RemoteStore.replace_graphs (Graph Store PUT per graph + MOVE)"
        del writes
        t0 = time.perf_counter()
        try:
            with _logged("claimgraph.derive") as stages:
                out["statuses"] = derive_statuses(store).counts
            out["derive_s"] = time.perf_counter() - t0
            out["derive_stages"] = stages
        except ClaimgraphError as error:
            out["derive_failed"] = f"after {time.perf_counter() - t0:.1f}s: {error}"[:300]
            # go on with the statuses the embedded store derived, to time the questions
            store.replace_graphs(_derived_graphs(work))
        out["triples"] = store.count_triples()
        picks = json.loads((work / "picks.json").read_text())
        # through RemoteStore: HTTP to Virtuoso, parsed in Python
        out["inproc"] = time_canned(store, picks, args)
        http: Result = {}
        headers = {"Accept": "application/sparql-results+json"}
        with httpx.Client(timeout=120) as client:
            for name, text in bound_queries(picks).items():
                pid = server.process.pid
                cpu0 = proc_cpu_seconds(pid)
                calls = [0]

                def call(t: str = text, n: list[int] = calls) -> None:
                    n[0] += 1
                    client.post(server.sparql, data={"query": t},
                                headers=headers).raise_for_status()

                timing = latencies(call, args.repeat, args.query_budget)
                cpu = proc_cpu_seconds(pid) - cpu0
                http[name] = {**timing, "cpu_ms_per_request": cpu * 1000 / calls[0]}
        if args.clients:
            http["load"] = _throughput(
                server.process.pid, args,
                {name: (lambda c, t=text: c.post(server.sparql, data={"query": t},
                                                 headers=headers).raise_for_status())
                 for name, text in bound_queries(picks).items()})
        http["server_peak_mb"] = proc_peak_mb(server.process.pid)
        out["http"] = http
        out["peak_rss_mb"] = peak_rss_mb()
        store.close()
    finally:
        stop_virtuoso(server)
    return out


def _derived_graphs(work: Path) -> dict[str, str]:
    """The embedded run's derived graphs, as N-Triples per graph."""
    import pyoxigraph as ox

    graphs: dict[str, list[str]] = {}
    for quad in ox.parse((work / "derived.nq").read_bytes(), format=ox.RdfFormat.N_QUADS):
        triple = f"{quad.subject} {quad.predicate} {quad.object} ."
        graphs.setdefault(quad.graph_name.value, []).append(triple)  # type: ignore[union-attr]
    return {graph: "\n".join(lines) for graph, lines in graphs.items()}


ENGINES: dict[str, Callable[[Path, argparse.Namespace], Result]] = {
    "embedded": engine_embedded, "rdflib": engine_rdflib, "virtuoso": engine_virtuoso,
}


# -- the parent: generate, run children, print --------------------------------------------


def prepare(work: Path, args: argparse.Namespace) -> Result:
    from generate import generate, to_nquads

    from claimgraph.graph.authoring.rdf import article_to_rdf, registry_to_rdf
    from claimgraph.graph.authoring.shapes import Document, ShapeChecker
    from claimgraph.graph.terms.namespaces import REGISTRY_GRAPH, VOCABULARY_GRAPH

    t0 = time.perf_counter()
    data = generate(args.claims, args.seed)
    writes = {str(VOCABULARY_GRAPH): data.vocabulary_ntriples,
              str(REGISTRY_GRAPH): data.registry_ntriples}
    sample = []
    quads = 0
    with (work / "data.nq").open("w", encoding="utf-8") as out:
        for graph, text in writes.items():
            out.write(to_nquads(text, graph))
            quads += text.count("\n")
        for number, article in enumerate(data.articles):
            if args.bulk:  # streamed to the file only: 1M claims do not fit in memory twice
                out.write(to_nquads(article.ntriples, article.graph))
            else:
                writes[article.graph] = article.ntriples
            quads += article.ntriples.count("\n")
            if len(sample) < args.validate_sample:
                sample.append(article.claims)
            if number % 5000 == 4999:
                print(f"... generated {number + 1:,} articles", file=sys.stderr, flush=True)
        if not args.bulk:
            for graph, text in list(writes.items())[2:]:
                out.write(to_nquads(text, graph))
    generate_s = time.perf_counter() - t0
    if not args.bulk:
        (work / "writes.pickle").write_bytes(pickle.dumps(writes))
    registry_rdf = registry_to_rdf(data.registry)
    t0 = time.perf_counter()
    checker = ShapeChecker(registry_rdf.graph)
    problems = 0
    for claims in sample:
        problems += len(checker.check(Document(article_to_rdf(claims), claims.file)))
    validate_s = time.perf_counter() - t0
    sample_claims = sum(len(c.claims) for c in sample)
    return {"counts": data.counts, "generate_s": generate_s,
            "quads": quads,
            "nquads_mb": (work / "data.nq").stat().st_size / 1e6,
            "validate_claims_per_s": sample_claims / validate_s if validate_s else 0.0,
            "validate_sample": len(sample), "shape_problems": problems}


def prepared(work: Path, args: argparse.Namespace) -> Result:
    """:func:`prepare`, or what it made before in ``work`` for the same data (--data-dir)."""
    made = work / "prepared.json"
    wanted = {"claims": args.claims, "seed": args.seed, "bulk": args.bulk}
    if made.exists():
        earlier = json.loads(made.read_text())
        if earlier.get("made_for") == wanted:
            print(f"... reusing the data generated in {work}", file=sys.stderr, flush=True)
            return earlier["prep"]
    for stale in (made, work / "picks.json"):
        stale.unlink(missing_ok=True)
    prep = prepare(work, args)
    made.write_text(json.dumps({"made_for": wanted, "prep": prep}))
    return prep


def run_child(name: str, work: Path, args: argparse.Namespace) -> Result:
    command = [sys.executable, __file__, "--child", name, "--work", str(work),
               "--repeat", str(args.repeat), "--query-budget", str(args.query_budget),
               "--rdflib-cap", str(args.rdflib_cap), "--clients", str(args.clients),
               "--load-seconds", str(args.load_seconds)] + (["--bulk"] if args.bulk else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=args.engine_timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"over the {args.engine_timeout:.0f} s time limit"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"skipped": f"exit {done.returncode}: {tail[:200]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1000:.2f}s" if value >= 1000 else f"{value:.1f}ms"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.1f}x" if a and b else "-"


def q(result: Result, section: str, name: str, key: str) -> float | None:
    value = result.get(section, {}).get(name, {})
    return value.get(key) if isinstance(value, dict) else None


def report(args: argparse.Namespace, prep: Result, results: dict[str, Result],
           wall: float) -> None:
    import pyoxigraph
    import rdflib

    print("=" * 100)
    counts = prep["counts"]
    print(f"claimgraph bench/run.py: {counts['claims']:,} claims, {counts['articles']:,} articles"
          f" (named graphs), {counts['sources']:,} sources, {prep['quads']:,} quads, "
          f"{prep['nquads_mb']:.1f} MB N-Quads; generated in {prep['generate_s']:.1f}s")
    print(f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
          f"rdflib {rdflib.__version__}, {_virtuoso_version()}; {os.cpu_count()} cores; "
          f"repeat={args.repeat} (+1 warm-up), per-query budget {args.query_budget:.0f}s")
    print("=" * 100)
    for name, result in results.items():
        if "skipped" in result:
            print(f"{name}: skipped: {result['skipped']}")
    print("\nload and derivation          " + "".join(f"{n:>16}" for n in results))
    rows: list[tuple[str, Callable[[Result], str]]] = [
        ("load (s)", lambda r: f"{r['load_s']:.1f}s" if "load_s" in r else "-"),
        ("load rate (claims/s)",
         lambda r: f"{counts['claims'] / r['load_s']:,.0f}" if "load_s" in r else "-"),
        ("derive_statuses (s)", lambda r: f"{r['derive_s']:.1f}s" if "derive_s" in r else "-"),
        ("compact after (s)", lambda r: f"{r['optimize_s']:.1f}s" if "optimize_s" in r else "-"),
        ("peak RSS client proc (MB)",
         lambda r: f"{r['peak_rss_mb']:,.0f}" if "peak_rss_mb" in r else "-"),
        ("  of which before load (MB)",
         lambda r: f"{r['rss_before_load_mb']:,.0f}" if "rss_before_load_mb" in r else "-"),
        ("peak RSS server proc (MB)",
         lambda r: f"{r['http']['server_peak_mb']:,.0f}"
         if "server_peak_mb" in r.get("http", {}) else "-"),
    ]
    for label, cell in rows:
        print(f"{label:<29}" + "".join(f"{cell(r):>16}" for r in results.values()))
    validate = prep["validate_claims_per_s"]
    emb = results.get("embedded", {})
    if validate and "load_s" in emb:
        load_rate = counts["claims"] / emb["load_s"]
        combined = 1 / (1 / load_rate + 1 / validate)
        print(f"SHACL validation alone: {validate:,.0f} claims/s (build + ShapeChecker on "
              f"{prep['validate_sample']} articles, {prep['shape_problems']} problems); "
              f"embedded load with validation: {combined:,.0f} claims/s")
    if "derive_failed" in results.get("virtuoso", {}):
        print(f"derive_statuses on virtuoso FAILED {results['virtuoso']['derive_failed']}; "
              "its canned questions ran on the embedded run's derived graphs instead")
    for name in ("embedded", "virtuoso"):
        if "statuses" in results.get(name, {}):
            print(f"statuses on {name}: {results[name]['statuses']}")
        for line in results.get(name, {}).get("derive_stages", []):
            print(f"  {name}: {line}")
    print("\ncanned question latency p50 / p95")
    columns = [("emb in-proc", "embedded", "inproc"), ("emb HTTP", "embedded", "http"),
               ("rdflib", "rdflib", "inproc"), ("virt RemoteStore", "virtuoso", "inproc"),
               ("virt /sparql", "virtuoso", "http")]
    print(f"{'':<20}" + "".join(f"{c[0]:>22}" for c in columns) + f"{'rows':>7}")
    for name in QUERIES:
        cells = []
        for _, engine, section in columns:
            r = results.get(engine, {})
            capped = q(r, section, name, "capped_s")
            cells.append(f"> {capped:.0f}s (stopped)" if capped else
                         f"{ms(q(r, section, name, 'p50'))} / {ms(q(r, section, name, 'p95'))}")
        rows_n = q(emb, "inproc", name, "rows")
        print(f"{name:<20}" + "".join(f"{c:>22}" for c in cells) + f"{rows_n or '-':>7}")
    print("\nratios on p50 (higher = ours faster, except HTTP/in-proc = endpoint overhead)")
    heads = ("rdflib/ours", "virt-sparql/ours-HTTP", "ours HTTP/in-proc", "virt CPU/ours CPU")
    print(f"{'':<20}" + "".join(f"{h:>24}" for h in heads))
    virt = results.get("virtuoso", {})
    rdf = results.get("rdflib", {})
    for name in QUERIES:
        ours = q(emb, "inproc", name, "p50")
        ours_http = q(emb, "http", name, "p50")
        capped = q(rdf, "inproc", name, "capped_s")
        cells = [f"> {capped * 1000 / ours:.0f}x" if capped and ours else
                 ratio(q(rdf, "inproc", name, "p50"), ours),
                 ratio(q(virt, "http", name, "p50"), ours_http),
                 ratio(ours_http, ours),
                 ratio(q(virt, "http", name, "cpu_ms_per_request"),
                       q(emb, "http", name, "cpu_ms_per_request"))]
        print(f"{name:<20}" + "".join(f"{c:>24}" for c in cells))
    overhead_in = emb.get("inproc_overhead", {})
    overhead_http = emb.get("http", {}).get("overhead", {})
    if overhead_in or overhead_http:
        print("\nendpoint overhead: our /sparql (JSON) over the bare engine in-process "
              "(query + pyoxigraph's JSON serialiser), p50")
        print(f"{'':<24}{'in-proc':>12}{'HTTP':>12}{'HTTP/in-proc':>14}{'HTTP-in-proc':>14}"
              f"{'server CPU':>12}{'rows':>8}{'bytes':>13}")
        for name in OVERHEAD_QUERIES:
            inproc, http = overhead_in.get(name, {}), overhead_http.get(name, {})
            a, b = inproc.get("p50"), http.get("p50") if isinstance(http, dict) else None
            print(f"{name:<24}{ms(a):>12}{ms(b):>12}{ratio(b, a):>14}"
                  f"{ms(b - a) if a and b else '-':>14}"
                  f"{ms(http.get('cpu_ms_per_request')):>12}{inproc.get('rows', '-'):>8}"
                  f"{inproc.get('bytes', 0):>13,}")
    bare = emb.get("http", {}).get("bare", {})
    for section, failed in (("endpoint overhead", overhead_http), ("bare endpoint", bare)):
        if "error" in failed:
            print(f"\n{section}: failed: {failed['error']}")
    if bare and "error" not in bare:
        print("\nour endpoint against the bare one (bench/bare_endpoint.py: Starlette and "
              "pyoxigraph, no auth, limits or logging), each canned question's SPARQL over HTTP, "
              "p50 and server CPU per request")
        print(f"{'':<26}{'ours':>10}{'bare':>10}{'ours/bare':>11}{'CPU ours':>10}"
              f"{'CPU bare':>10}{'CPU ours/bare':>15}")
        for name in QUERIES:
            ours_p50, bare_p50 = q(emb, "http", name, "p50"), bare.get(name, {}).get("p50")
            ours_cpu = q(emb, "http", name, "cpu_ms_per_request")
            bare_cpu = bare.get(name, {}).get("cpu_ms_per_request")
            print(f"{name:<26}{ms(ours_p50):>10}{ms(bare_p50):>10}{ratio(ours_p50, bare_p50):>11}"
                  f"{_f(ours_cpu):>10}{_f(bare_cpu):>10}{ratio(ours_cpu, bare_cpu):>15}")
    print("\nserver CPU time per request (ms): "
          + "; ".join(f"{n}: ours {_f(q(emb, 'http', n, 'cpu_ms_per_request'))}, "
                      f"Virtuoso {_f(q(virt, 'http', n, 'cpu_ms_per_request'))}"
                      for n in QUERIES))
    ours_load = emb.get("http", {}).get("load", {})
    virt_load = virt.get("http", {}).get("load", {})
    if ours_load or virt_load:
        print(f"\nthroughput: {args.clients} concurrent clients on loopback, "
              f"{args.load_seconds:.0f} s per question and server "
              "(req/s, p50 / p95, server CPU ms per request)")
        print(f"{'':<26}{'ours (claimgraph serve)':>42}{'Virtuoso /sparql':>42}"
              f"{'virt CPU/ours':>15}")
        for name in QUERIES:
            cells = []
            for load in (ours_load, virt_load):
                r = load.get(name, {})
                cells.append(f"{r['rps']:,.0f} req/s  {ms(r['p50'])} / {ms(r['p95'])}  "
                             f"{_f(r.get('cpu_ms_per_request'))} ms" if r.get("rps") else "-")
            cpu_ratio = ratio(virt_load.get(name, {}).get("cpu_ms_per_request"),
                              ours_load.get(name, {}).get("cpu_ms_per_request"))
            print(f"{name:<26}" + "".join(f"{c:>42}" for c in cells) + f"{cpu_ratio:>15}")
    if "picks" in emb:
        p = emb["picks"]
        print(f"\narguments: who-claimed-what asks {p['source']} ({p['source_claims']} claims, "
              f"the most); /typical asks {p['typical']} ({p['typical_claims']} claims, the "
              f"median source); attribution-chain asks {p['article']}/{p['claim']}")
    if "load_path" in virt:
        print(f"Virtuoso load path: {virt['load_path']}")
    print(f"total wall time: {wall:.0f}s")


def _f(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "-"


def _virtuoso_version() -> str:
    try:
        done = subprocess.run(["/usr/bin/virtuoso-t", "-?"], capture_output=True, text=True,
                              timeout=10, check=False)
        for line in (done.stdout + done.stderr).splitlines():
            if "Version" in line:
                return "Virtuoso " + line.split("Version", 1)[1].strip().split()[0]
    except OSError:
        pass
    return "Virtuoso (version unknown)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark embedded vs rdflib vs Virtuoso.")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--engines", default="embedded,rdflib,virtuoso")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--query-budget", type=float, default=10.0,
                        help="seconds of timed runs per query and engine")
    parser.add_argument("--engine-timeout", type=float, default=600.0,
                        help="seconds an engine may take in all before it is skipped")
    parser.add_argument("--validate-sample", type=int, default=50,
                        help="articles to time SHACL validation on")
    parser.add_argument("--rdflib-cap", type=float, default=20.0,
                        help="seconds after which one rdflib query is stopped (shown as >cap)")
    parser.add_argument("--clients", type=int, default=8,
                        help="concurrent clients of the throughput test (0: none)")
    parser.add_argument("--load-seconds", type=float, default=3.0,
                        help="seconds of the throughput test per question and server")
    parser.add_argument("--bulk", action="store_true",
                        help="stream the data to a file and bulk-load it (embedded only; 1M)")
    parser.add_argument("--data-dir", type=Path,
                        help="keep the generated data in this folder and reuse it when it was "
                             "made with the same --claims, --seed and --bulk (1M: 20 minutes)")
    parser.add_argument("--child", choices=list(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(ENGINES[args.child](args.work, args)))
        return 0
    began = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.data_dir:
            work = args.data_dir
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cg-bench-")))
        prep = prepared(work, args)
        engines = [e for e in args.engines.split(",") if e]
        # embedded first: it derives the statuses rdflib reads and picks the arguments.
        order = sorted(engines, key=lambda e: e != "embedded")
        results: dict[str, Result] = {}
        for name in order:
            if name not in ENGINES:
                results[name] = {"skipped": "unknown engine"}
            elif name != "embedded" and args.bulk:
                results[name] = {"skipped": "--bulk runs the embedded store only"}
            elif name != "embedded" and not (work / "picks.json").exists():
                results[name] = {"skipped": "needs the embedded run's statuses and picks"}
            else:
                print(f"... {name}", file=sys.stderr, flush=True)
                results[name] = run_child(name, work, args)
                # the raw figures as soon as they exist, so a later failure loses nothing
                print(f"... {name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)
        if "rdflib" not in engines:
            results["rdflib"] = {"skipped": "not asked for (--engines)"}
        report(args, prep, results, time.perf_counter() - began)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
