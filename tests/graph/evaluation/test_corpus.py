"""The drafting corpus (tests/corpus/): every gold file validates, every text drafts and its
draft loads, no draft makes a contest its gold file does not have, and the figures on the
texts drafting is tuned on do not fall (the held-out texts are scored, never tuned on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.graph.authoring.checking import check_files
from claimgraph.graph.evaluation.corpus import (
    SPLITS,
    CorpusReport,
    read_manifest,
    score_corpus,
    topics,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TOPICS = topics(CORPUS)
DEV_FLOORS = {"statement_precision": 0.95, "recall": 0.88, "claimant_precision": 0.93,
              "figure_precision": 0.75}
"""The figures on the dev texts as measured, rounded down: a change that lowers one fails."""


@pytest.fixture(scope="module")
def report() -> CorpusReport:
    return score_corpus(CORPUS)


def test_the_corpus_has_twenty_texts_or_more_of_several_kinds_and_both_splits() -> None:
    entries = [e for topic in TOPICS for e in read_manifest(topic)]
    assert len(entries) >= 20 and len(TOPICS) >= 4
    assert {e.split for e in entries} == set(SPLITS)
    assert {"wire", "re-report", "ngo-release", "state-statement"} <= {e.kind for e in entries}


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.name)
def test_every_gold_file_validates(topic: Path) -> None:
    checked = check_files([topic])
    assert len(checked.articles) == len(read_manifest(topic))


def test_every_text_drafts_and_no_draft_contests_what_its_gold_does_not(
        report: CorpusReport) -> None:
    assert [s.entry.name for s in report.scores if s.error] == []
    assert {s.entry.name: s.false_contests for s in report.scores if s.false_contests} == {}


@pytest.mark.parametrize("figure", sorted(DEV_FLOORS))
def test_the_dev_figures_do_not_fall(report: CorpusReport, figure: str) -> None:
    measured = getattr(report.totals["dev"], figure)
    assert measured is not None and measured >= DEV_FLOORS[figure], report.table()
