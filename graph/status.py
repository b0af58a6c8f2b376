"""Derive claim statuses (contested, updated, corroborated, single source) by the rules in
ontology/rules/.

The rules are SPARQL CONSTRUCT queries, kept as readable files. They run in five stages:

0. ``rules/questions/``: the question each stated figure answers (measure, scope, period),
   its running series and its days, one node each, written to the questions graph, so that
   the rules pairing figures join on one value;
1. ``rules/relations/``: relations between sources and between numbers (which parties are
   not independent, which figures answer the same question and whether they agree, which
   counts update or relate to others, which claims are one republished statement), written
   to the relations graph;
2. ``rules/status/``: findings about claims (a cg:StatusReason each: verdict, rule, the other
   claim), written with every claim's status to the status graph. A claim's status is the
   verdict of highest precedence among its findings (cg:precedence in the vocabulary), or
   the default status when it has none; a republished copy takes its canonical claim's.

3. ``rules/summary/``: figures counted once per change instead of on every request (on
   whose authority each claim is made, claims per source and status), written to the
   summary graph;
4. ``rules/lists/``: the long lists the canned questions page through (a source's claims,
   the challenges to contested claims, the sources by claims made), numbered in order
   (:mod:`claimgraph.graph.lists`), written to the lists graph, so a page is read by
   position instead of sorted on every request.

Each stage replaces its graph in one transaction, so a reader sees old or new, never half.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal

from claimgraph.graph import vocabulary
from claimgraph.graph.lists import numbered_entries
from claimgraph.graph.namespaces import (
    CG,
    DERIVED_GRAPHS,
    LISTS_GRAPH,
    QUESTIONS_GRAPH,
    RDF,
    RDFS,
    RELATIONS_GRAPH,
    RULES,
    STATUS_GRAPH,
    SUMMARY_GRAPH,
    sparql_prefixes,
)
from claimgraph.graph.store import Solutions, Store

__all__ = ["StatusSummary", "derive_if_rules_changed", "derive_statuses", "rules_digest"]

STAGES = ("questions", "relations", "status", "summary", "lists")


@dataclass(frozen=True)
class StatusSummary:
    """How many claims ended up with each status, and how many findings back them."""

    counts: dict[str, int]
    findings: int

    def __str__(self) -> str:
        parts = [f"{count} {name}" for name, count in sorted(self.counts.items())]
        return f"{', '.join(parts) or 'no claims'} ({self.findings} findings)"


def _rule_text(rule: object) -> str:
    return rule.read_text(encoding="utf-8")  # type: ignore[attr-defined]


def _rule_description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(" ".join(lines).split())


def _described(stage: str, rule: object, text: str) -> list[str]:
    """A rule as a cg:Rule resource (name, header comment, file), as N-Triples lines."""
    name = rule.name.removesuffix(".rq")  # type: ignore[attr-defined]
    node = RULES[name].n3()
    return [f"{node} {RDF.type.n3()} {CG.Rule.n3()} .",
            f"{node} {RDFS.label.n3()} {Literal(name).n3()} .",
            f"{node} {RDFS.comment.n3()} {Literal(_rule_description(text)).n3()} .",
            f"{node} {RDFS.seeAlso.n3()} "
            f"{Literal(f'ontology/rules/{stage}/{rule.name}').n3()} ."]  # type: ignore[attr-defined]


def _run_stage(store: Store, stage: str) -> tuple[str, list[str]]:
    """N-Triples produced by every rule of a stage, and the rule descriptions as N-Triples."""
    produced: list[str] = []
    described: list[str] = []
    for rule in vocabulary.rule_files(stage):
        text = _rule_text(rule)
        # Over the union of all graphs: listing every article graph as the dataset costs the
        # engine per graph and grows with the square of the data. The derived graphs in the
        # union are harmless: each stage reads only what the stages before it have just
        # rebuilt (the relation rules the questions, the status rules the relations, the
        # summary rules the statuses and merges, the lists all of them), and no rule reads
        # its own stage's graph.
        if stage == "lists":
            rows = store.query_serialized(text, "tsv", union_default_graph=True)
            produced.append(numbered_entries(rule.name, rows))
        else:
            output = store.query_serialized(text, "ntriples", union_default_graph=True)
            produced.append(output.decode("utf-8"))
        described += _described(stage, rule, text)
    return "".join(produced), described


def _statuses(claims: list[str | None], findings: str) -> tuple[dict[str, str], int]:
    """Each claim's status (the verdict of highest precedence) and the number of findings."""
    precedence = vocabulary.status_precedence()
    default = max(precedence, key=precedence.__getitem__)
    verdict_of: dict[str, str] = {}
    reasons_of: dict[str, list[str]] = {}
    for triple in ox.parse(findings.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        if triple.predicate.value == str(CG.verdict):
            verdict_of[triple.subject.value] = triple.object.value
        elif triple.predicate.value == str(CG.statusReason):
            reasons_of.setdefault(triple.subject.value, []).append(triple.object.value)
    best = {}
    for claim in claims:
        if claim is None:
            continue
        verdicts = [verdict_of[r] for r in reasons_of.get(claim, ()) if r in verdict_of]
        best[claim] = min(verdicts, key=precedence.__getitem__, default=default)
    return best, len(verdict_of)


def rules_digest() -> str:
    """A fingerprint of everything derivation reads from the package: every rule file and the
    vocabulary (status precedence)."""
    digest = hashlib.sha256()
    for stage in STAGES:
        for rule in vocabulary.rule_files(stage):
            digest.update(f"{stage}/{rule.name}\n".encode())
            digest.update(rule.read_bytes())
    digest.update(vocabulary.ontology_file("claimgraph.ttl").read_bytes())
    return digest.hexdigest()


def derive_if_rules_changed(store: Store) -> StatusSummary | None:
    """Derive again when the store's derived graphs were made by other rules (an older
    claimgraph) or not finished; None when they are current."""
    current = store.query(f"{sparql_prefixes()}ASK {{ GRAPH <{LISTS_GRAPH}> {{ "
                          f"<{LISTS_GRAPH}> cg:rulesDigest "
                          f"{Literal(rules_digest()).n3()} }} }}")
    if current:
        return None
    return derive_statuses(store)


def derive_statuses(store: Store) -> StatusSummary:
    """Recompute the derived graphs (questions, relations, statuses, summary) from every
    other graph in ``store``."""
    derived = {str(d) for d in DERIVED_GRAPHS}
    if not [g for g in store.named_graphs() if g not in derived]:
        store.replace_graphs({str(g): "" for g in DERIVED_GRAPHS})
        return StatusSummary({}, 0)
    questions, question_rules = _run_stage(store, "questions")
    store.replace_graphs({str(QUESTIONS_GRAPH): questions + "\n".join(question_rules)})
    relations, relation_rules = _run_stage(store, "relations")
    store.replace_graphs({str(RELATIONS_GRAPH): relations + "\n".join(relation_rules)})

    findings, status_rules = _run_stage(store, "status")
    claims = store.query(f"{sparql_prefixes()}SELECT ?claim WHERE {{ ?claim a cg:Claim }}")
    assert isinstance(claims, Solutions)
    best, finding_count = _statuses(claims.column("claim"), findings)
    # A republished copy has no findings of its own: it takes its canonical claim's status.
    merged = store.query(f"{sparql_prefixes()}SELECT ?copy ?canonical "
                         "WHERE { ?copy cg:mergedInto ?canonical }")
    assert isinstance(merged, Solutions)
    for row in merged.records():
        copy, canonical = row["copy"], row["canonical"]
        if copy is not None and canonical in best:
            best[copy] = best[canonical]
    status_lines = [f"<{claim}> {CG.status.n3()} <{status}> ." for claim, status in best.items()]
    store.replace_graphs({str(STATUS_GRAPH): findings + "\n".join(status_rules + status_lines)})

    summary, summary_rules = _run_stage(store, "summary")
    store.replace_graphs({str(SUMMARY_GRAPH): summary + "\n".join(summary_rules)})

    lists, list_rules = _run_stage(store, "lists")
    # Last, so that a store whose derivation was cut short, or ran under other rules, shows it.
    stamp = f"{LISTS_GRAPH.n3()} {CG.rulesDigest.n3()} {Literal(rules_digest()).n3()} ."
    store.replace_graphs({str(LISTS_GRAPH): lists + "\n".join([*list_rules, stamp])})
    labels = vocabulary.status_labels()
    counts = Counter(labels[status] for status in best.values())
    return StatusSummary(dict(counts), finding_count)
