"""Derive claim statuses (contested, updated, corroborated, single source) by the rules in
ontology/rules/.

The rules are SPARQL queries, kept as readable files. They run in six stages (``STAGES``):

0. ``rules/questions/``: the question each stated figure answers (measure, population,
   scope, period), its running series and its days, one node each, written to the
   questions graph, so that the rules pairing figures join on one value;
1. ``rules/relations/``: relations between sources and between numbers (which parties are
   not independent, which figures answer the same question and whether they agree, which
   counts update or relate to others, which claims are one republished statement), written
   to the relations graph;
2. ``rules/status/``: findings about claims (a cg:StatusReason each: verdict, rule, the other
   claim), written to the status graph;
3. ``rules/verdicts/``: each claim's status, the verdict of highest precedence among its
   findings (cg:precedence in the vocabulary) or the default status when it has none; a
   republished copy takes its canonical claim's. Written to the verdicts graph;
4. ``rules/summary/``: figures counted once per change instead of on every request (on
   whose authority each claim is made, claims per source and status), written to the
   summary graph;
5. ``rules/lists/``: the long lists the canned questions page through (a source's claims,
   the challenges to contested claims, the sources by claims made), numbered in order
   (:mod:`claimgraph.graph.derive.lists`), written to the lists graph, so a page is read by
   position instead of sorted on every request.

The CONSTRUCT rules are evaluated and written by the store itself (a SPARQL server inserts
their triples without sending them; see ``Store.replace_graph_by_queries``). Each stage
replaces its graph at once, so a reader sees old or new, never half.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Literal

from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.derive.lists import numbered_entries
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.namespaces import (
    CG,
    LISTS_GRAPH,
    QUESTIONS_GRAPH,
    RDF,
    RDFS,
    RELATIONS_GRAPH,
    RULES,
    STATUS_GRAPH,
    SUMMARY_GRAPH,
    VERDICTS_GRAPH,
    sparql_prefixes,
)

log = logging.getLogger("claimgraph.derive")

__all__ = [
    "STAGES",
    "Stage",
    "StatusSummary",
    "derive_if_rules_changed",
    "derive_statuses",
    "rules_digest",
]


@dataclass(frozen=True)
class Stage:
    """One step of derivation: the rules in ``ontology/rules/NAME/`` and the graph they
    replace. CONSTRUCT rules are evaluated and written inside the store; a ``numbered``
    stage's rules are SELECTs whose rows are numbered as lists (:mod:`.lists`)."""

    name: str
    graph: str
    numbered: bool = False


STAGES = (
    Stage("questions", str(QUESTIONS_GRAPH)),
    Stage("relations", str(RELATIONS_GRAPH)),
    Stage("status", str(STATUS_GRAPH)),
    Stage("verdicts", str(VERDICTS_GRAPH)),
    Stage("summary", str(SUMMARY_GRAPH)),
    Stage("lists", str(LISTS_GRAPH), numbered=True),
)
"""In order: each stage reads only what the stages before it wrote (and the articles)."""


@dataclass(frozen=True)
class StatusSummary:
    """How many claims ended up with each status, and how many findings back them."""

    counts: dict[str, int]
    findings: int

    def __str__(self) -> str:
        parts = [f"{count} {name}" for name, count in sorted(self.counts.items())]
        return f"{', '.join(parts) or 'no claims'} ({self.findings} findings)"


def _rule_description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(" ".join(lines).split())


def _described(stage: str, rule: Traversable, text: str) -> str:
    """A rule as a cg:Rule resource (name, header comment, file), as N-Triples."""
    name = rule.name.removesuffix(".rq")
    node = RULES[name].n3()
    return (f"{node} {RDF.type.n3()} {CG.Rule.n3()} .\n"
            f"{node} {RDFS.label.n3()} {Literal(name).n3()} .\n"
            f"{node} {RDFS.comment.n3()} {Literal(_rule_description(text)).n3()} .\n"
            f"{node} {RDFS.seeAlso.n3()} "
            f"{Literal(f'ontology/rules/{stage}/{rule.name}').n3()} .\n")


def _run_stage(store: Store, stage: Stage, stamp: str = "") -> None:
    """Replace the stage's graph with what its rules derive, the rules' descriptions and
    ``stamp`` (N-Triples)."""
    rules = [(rule, rule.read_text(encoding="utf-8")) for rule in vocabulary.rule_files(stage.name)]
    described = "".join(_described(stage.name, rule, text) for rule, text in rules) + stamp
    # Over the union of all graphs: listing every article graph as the dataset costs the
    # engine per graph and grows with the square of the data. The derived graphs in the
    # union are harmless: no rule reads its own stage's graph.
    if not stage.numbered:
        store.replace_graph_by_queries(stage.graph, [text for _, text in rules], described)
        return
    # Numbered in Python (SPARQL cannot number rows), one entry at a time into a file.
    with tempfile.TemporaryDirectory(prefix="claimgraph-") as folder:
        path = Path(folder) / f"{stage.name}.nt"
        with path.open("w", encoding="utf-8") as output:
            for rule, text in rules:
                output.writelines(numbered_entries(rule.name, store.query_serialized(text, "tsv")))
            output.write(described)
        store.replace_graph_from_file(stage.graph, path)


def _summary(store: Store) -> StatusSummary:
    """How many claims have each status, and how many findings the status rules made."""
    counted = store.query(f"{sparql_prefixes()}SELECT ?status (COUNT(?claim) AS ?claims) "
                          f"WHERE {{ GRAPH <{VERDICTS_GRAPH}> {{ ?claim cg:status ?status }} }} "
                          "GROUP BY ?status")
    findings = store.query(f"{sparql_prefixes()}SELECT (COUNT(?reason) AS ?findings) "
                           f"WHERE {{ GRAPH <{STATUS_GRAPH}> {{ ?reason cg:verdict ?verdict }} }}")
    assert isinstance(counted, Solutions) and isinstance(findings, Solutions)
    labels = vocabulary.status_labels()
    counts = {labels[str(status)]: int(str(claims)) for status, claims in counted.rows
              if status is not None and claims is not None}
    return StatusSummary(counts, int(findings.column("findings")[0] or 0))


def rules_digest() -> str:
    """A fingerprint of everything derivation reads from the package: every rule file and the
    vocabulary (status precedence)."""
    digest = hashlib.sha256()
    for stage in STAGES:
        for rule in vocabulary.rule_files(stage.name):
            digest.update(f"{stage.name}/{rule.name}\n".encode())
            digest.update(rule.read_bytes())
    digest.update(vocabulary.ontology_file("claimgraph.ttl").read_bytes())
    return digest.hexdigest()


def derive_if_rules_changed(store: Store) -> StatusSummary | None:
    """Derive again when the store's derived graphs were made by other rules (an older
    claimgraph) or not finished; None when they are current."""
    last = STAGES[-1].graph
    current = store.query(f"{sparql_prefixes()}ASK {{ GRAPH <{last}> {{ "
                          f"<{last}> cg:rulesDigest "
                          f"{Literal(rules_digest()).n3()} }} }}")
    if current:
        return None
    return derive_statuses(store)


def derive_statuses(store: Store) -> StatusSummary:
    """Recompute the derived graphs (questions, relations, findings, statuses, summary,
    lists) from every other graph in ``store``."""
    derived = {stage.graph for stage in STAGES}
    if not [g for g in store.named_graphs() if g not in derived]:
        store.replace_graphs({stage.graph: "" for stage in STAGES})
        return StatusSummary({}, 0)
    # The digest goes last, so that a store whose derivation was cut short, or ran under
    # other rules, shows it.
    last = STAGES[-1]
    stamp = f"<{last.graph}> {CG.rulesDigest.n3()} {Literal(rules_digest()).n3()} .\n"
    for stage in STAGES:
        started = time.perf_counter()
        _run_stage(store, stage, stamp if stage is last else "")
        log.info("derived the %s stage (%s): %.1f s", stage.name, stage.graph,
                 time.perf_counter() - started)
    return _summary(store)
