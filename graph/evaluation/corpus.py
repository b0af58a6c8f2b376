"""Draft every text of a corpus as a user would, and score each draft against its gold file.

A corpus folder holds topics; each topic folder a ``registry.yaml``, a ``manifest.yaml``
and, per text, ``NAME.txt`` and its gold file ``NAME.claims.yaml`` (tests/corpus/README.md).
:func:`score_corpus` drafts each text with :func:`~claimgraph.graph.drafting.draft.draft_file`
(its day and outlet from the manifest, the topic's registry over the shipped one), reads the
draft back through the real loader, and compares it with the gold file
(:func:`~claimgraph.graph.evaluation.score.compare_claims`). Then each topic's drafts are loaded
together into a store of their own, and so are its gold files: a drafted claim that is
contested where its gold claim is not (or that has no gold claim) is a **false contest**.

The figures, per text and summed per split (``dev``: the drafting may be tuned on them;
``heldout``: never read while tuning):

- statement precision and recall: drafted statements that are gold statements, gold
  statements that were drafted (quotes overlapping by half);
- claimant precision: of the statements found, the share with exactly the gold claimants;
- figure precision: of the drafted figures, the share whose number, measure, population and
  period are all right;
- false contests.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.authoring.checking import REGISTRY_NAME, check_files
from claimgraph.graph.authoring.parsing import read_claims
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.authoring.yamlfile import LinedMap, read_yaml
from claimgraph.graph.backends.embedded import EmbeddedStore
from claimgraph.graph.backends.store import Solutions
from claimgraph.graph.drafting.draft import draft_file
from claimgraph.graph.evaluation.score import Comparison, compare_claims
from claimgraph.graph.terms.namespaces import claim_iri, sparql_prefixes
from claimgraph.graph.writing.loading import load_checked

__all__ = ["MANIFEST_NAME", "SPLITS", "CorpusReport", "Entry", "TextScore", "read_manifest",
           "score_corpus"]

log = logging.getLogger("claimgraph.corpus")

MANIFEST_NAME = "manifest.yaml"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class Entry:
    """One text of a corpus, as its topic's manifest lists it."""

    topic: Path
    name: str
    published: date
    outlet: str
    kind: str
    split: str
    traps: tuple[str, ...] = ()

    @property
    def text(self) -> Path:
        return self.topic / f"{self.name}.txt"

    @property
    def gold(self) -> Path:
        return self.topic / f"{self.name}.claims.yaml"


@dataclass(frozen=True)
class TextScore:
    """One text's draft against its gold file."""

    entry: Entry
    comparison: Comparison | None
    false_contests: tuple[str, ...] = ()
    """Drafted claims contested where the gold file has no contest."""
    error: str | None = None
    """Why the text could not be drafted or its draft not read, if so."""


@dataclass
class Totals:
    """Counts summed over texts, and the figures they give."""

    texts: int = 0
    drafted: int = 0
    gold: int = 0
    matched: int = 0
    right_claimants: int = 0
    figures: int = 0
    right_figures: int = 0
    gold_figures: int = 0
    false_contests: int = 0
    errors: int = 0

    def add(self, score: TextScore) -> None:
        self.texts += 1
        self.false_contests += len(score.false_contests)
        if score.comparison is None:
            self.errors += 1
            return
        c = score.comparison
        self.drafted += c.drafted
        self.gold += c.gold
        self.matched += len(c.matches)
        self.right_claimants += c.right_claimants
        self.figures += len(c.figures)
        self.right_figures += c.right_figures
        self.gold_figures += c.gold_figures

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def statement_precision(self) -> float | None:
        return self._share(self.matched, self.drafted)

    @property
    def recall(self) -> float | None:
        return self._share(self.matched, self.gold)

    @property
    def claimant_precision(self) -> float | None:
        return self._share(self.right_claimants, self.matched)

    @property
    def figure_precision(self) -> float | None:
        return self._share(self.right_figures, self.figures)


@dataclass(frozen=True)
class CorpusReport:
    """Every text's score, in manifest order."""

    scores: tuple[TextScore, ...]
    totals: dict[str, Totals] = field(default_factory=dict)
    """Per split, and ``all``."""

    def table(self) -> str:
        """Per text and per split, as the command line prints it."""
        head = (f"{'text':44} {'split':7} {'stmt P':>6} {'recall':>6} {'claim P':>7} "
                f"{'figs':>5} {'fig P':>5} {'false':>5}")
        lines = [head, "-" * len(head)]
        for score in self.scores:
            name = f"{score.entry.topic.name}/{score.entry.name}"[:44]
            if score.comparison is None:
                lines.append(f"{name:44} {score.entry.split:7} error: {score.error}")
                continue
            totals = Totals()
            totals.add(score)
            lines.append(_row(name, score.entry.split, totals))
        lines.append("-" * len(head))
        for split, totals in self.totals.items():
            lines.append(_row(f"{split} ({totals.texts} texts)", "", totals))
        return "\n".join(lines) + "\n"


def _figure(value: float | None) -> str:
    return "  -" if value is None else f"{value:.2f}"


def _row(name: str, split: str, totals: Totals) -> str:
    return (f"{name:44} {split:7} {_figure(totals.statement_precision):>6} "
            f"{_figure(totals.recall):>6} {_figure(totals.claimant_precision):>7} "
            f"{totals.figures:>5} {_figure(totals.figure_precision):>5} "
            f"{totals.false_contests:>5}")


def read_manifest(topic: Path) -> list[Entry]:
    """The texts a topic folder's ``manifest.yaml`` lists; ClaimgraphError when malformed."""
    path = topic / MANIFEST_NAME
    node = read_yaml(path, display=str(path))
    entries = []
    for index, item in enumerate(node.get("articles") or []):
        where = f"{path}: articles[{index}]"
        if not isinstance(item, LinedMap):
            raise ClaimgraphError(f"{where}: expected a mapping")
        try:
            published = item["published"]
            if not isinstance(published, date):
                published = date.fromisoformat(str(published))
            entry = Entry(topic, str(item["name"]), published, str(item["outlet"]),
                          str(item.get("kind", "")), str(item.get("split", "dev")),
                          tuple(str(t) for t in item.get("traps") or ()))
        except (KeyError, ValueError) as error:
            raise ClaimgraphError(f"{where} (line {item.line}): {error}") from None
        if entry.split not in SPLITS:
            raise ClaimgraphError(f"{where}: split {entry.split!r} is not one of "
                                  f"{', '.join(SPLITS)}")
        if not entry.text.is_file() or not entry.gold.is_file():
            raise ClaimgraphError(f"{where}: {entry.text.name} and {entry.gold.name} must "
                                  f"both be in {topic}")
        entries.append(entry)
    return entries


def topics(root: Path) -> list[Path]:
    """The topic folders under ``root`` (``root`` itself when it has a manifest)."""
    if (root / MANIFEST_NAME).is_file():
        return [root]
    return sorted(p.parent for p in root.glob(f"*/{MANIFEST_NAME}"))


Progress = Callable[[int, int, str], None]


def _statuses(paths: Sequence[Path]) -> dict[str, str]:
    """Claim IRI -> status (local name) once ``paths`` are loaded together into a new store."""
    store = EmbeddedStore(None)
    try:
        load_checked(store, check_files(list(paths)))
        result = store.query(sparql_prefixes() + "SELECT ?c ?s WHERE { ?c cg:status ?s }")
        assert isinstance(result, Solutions)
        return {str(c): str(s).rsplit("#", 1)[-1] for c, s in result.rows if c and s}
    finally:
        store.close()


def _false_contests(drafts: dict[Entry, Path], gold_paths: list[Path],
                    comparisons: dict[Entry, Comparison]) -> dict[Entry, tuple[str, ...]]:
    """Per text, its drafted claims contested where the gold file has no contest."""
    if not drafts:
        return {}
    drafted = _statuses(list(drafts.values()))
    gold = _statuses(gold_paths)
    found: dict[Entry, tuple[str, ...]] = {}
    for entry, path in drafts.items():
        article = read_yaml(path, display=str(path))["article"]["id"]
        gold_article = read_yaml(entry.gold, display=str(entry.gold))["article"]["id"]
        partner = dict(comparisons[entry].matches)
        wrong = []
        for claim in [*comparisons[entry].matches, *((c, None) for c in
                                                     comparisons[entry].unmatched_drafted)]:
            claim_id = claim[0]
            if drafted.get(str(claim_iri(article, claim_id))) != "Contested":
                continue
            gold_id = partner.get(claim_id)
            if gold_id is None or gold.get(str(claim_iri(gold_article, gold_id))) != "Contested":
                wrong.append(claim_id)
        found[entry] = tuple(wrong)
    return found


def _score_topic(topic: Path, entries: list[Entry], scratch: Path,
                 progress: Progress | None, done: int, total: int) -> list[TextScore]:
    folder = scratch / topic.name
    folder.mkdir(parents=True)
    if (topic / REGISTRY_NAME).is_file():
        shutil.copy(topic / REGISTRY_NAME, folder / REGISTRY_NAME)
    registry = read_layered_registry(folder / REGISTRY_NAME if (folder / REGISTRY_NAME)
                                     .is_file() else topic / REGISTRY_NAME)
    scores: dict[Entry, TextScore] = {}
    comparisons: dict[Entry, Comparison] = {}
    drafts: dict[Entry, Path] = {}
    for offset, entry in enumerate(entries):
        if progress is not None:
            progress(done + offset + 1, total, entry.name)
        text = folder / entry.text.name
        shutil.copy(entry.text, text)
        output = folder / f"{entry.name}.claims.yaml"
        try:
            draft = draft_file(text, published=entry.published, outlet=entry.outlet,
                               output=output)
            output.write_text(draft.to_yaml(), encoding="utf-8")
            comparison = compare_claims(read_claims(output, registry),
                                        read_claims(entry.gold, registry))
        except ClaimgraphError as error:
            log.warning("%s: %s", entry.name, error)
            scores[entry] = TextScore(entry, None, error=str(error).splitlines()[0])
            continue
        comparisons[entry] = comparison
        drafts[entry] = output
    try:
        contests = _false_contests(drafts, [e.gold for e in entries], comparisons)
    except ClaimgraphError as error:
        log.warning("%s: the drafts do not load together: %s", topic.name, error)
        contests = {}
    for entry, comparison in comparisons.items():
        scores[entry] = TextScore(entry, comparison, contests.get(entry, ()))
    return [scores[e] for e in entries]


def score_corpus(root: Path, *, splits: Iterable[str] = SPLITS,
                 progress: Progress | None = None) -> CorpusReport:
    """Draft and score every text under ``root`` of the given splits."""
    wanted = set(splits)
    chosen = [(topic, [e for e in read_manifest(topic) if e.split in wanted])
              for topic in topics(root)]
    total = sum(len(entries) for _, entries in chosen)
    scores: list[TextScore] = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-corpus-") as scratch:
        for topic, entries in chosen:
            if entries:
                scores += _score_topic(topic, entries, Path(scratch), progress, len(scores),
                                       total)
    totals: dict[str, Totals] = {}
    for score in scores:
        for key in (score.entry.split, "all"):
            totals.setdefault(key, Totals()).add(score)
    return CorpusReport(tuple(scores), totals)
