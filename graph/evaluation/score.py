"""Measure a drafted claims file against a curated one: precision and recall of its claims.

A drafted claim **matches** a curated claim of the same article when

1. their quotes, as the loader anchors them, overlap by at least half of the shorter span
   (counted in characters of the original text), and
2. they have a claimant in common: the drafted claimants and the curated ones share a
   source id, or a new source of the draft and a source the curated file declares for itself
   (in its ``sources:``, not in the registry) have the same name: the draft cannot know the
   id a curator gives a source only this article has.

Matching is one to one: the pairs with the largest overlap are taken first, and each claim
is matched at most once. Precision is the share of drafted claims that match, recall the
share of curated claims that do. Both files are read by the real loader, so a draft that
does not validate cannot be scored.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from claimgraph.graph.authoring.model import ArticleClaims, Claim, Quantity, Registry
from claimgraph.graph.authoring.parsing import read_claims
from claimgraph.graph.drafting.draft import Draft
from claimgraph.graph.sources.resolution import name_key

__all__ = ["MIN_OVERLAP", "Comparison", "DraftScore", "FigureCheck", "compare_claims",
           "evaluate_draft", "read_draft"]

MIN_OVERLAP = 0.5
"""The share of the shorter quote span two matching claims must share."""


@dataclass(frozen=True)
class DraftScore:
    """How a draft compares with the curated claims of the same article."""

    drafted: int
    curated: int
    matches: tuple[tuple[str, str, float], ...]
    """(drafted id, curated id, overlap as a share of the shorter span) per match."""
    unmatched_drafted: tuple[str, ...]
    unmatched_curated: tuple[str, ...]
    same_claimants: int
    """Matches whose claimants are exactly the same."""

    @property
    def precision(self) -> float:
        return len(self.matches) / self.drafted if self.drafted else 0.0

    @property
    def recall(self) -> float:
        return len(self.matches) / self.curated if self.curated else 0.0

    def summary(self) -> str:
        """The figures in two lines, as the command line prints them."""
        return (f"drafted {self.drafted} claims; the curated file has {self.curated}; "
                f"{len(self.matches)} match ({self.same_claimants} with exactly the same "
                f"claimants)\nprecision {self.precision:.2f}, recall {self.recall:.2f}\n")


def _overlap(a: Claim, b: Claim) -> float:
    shared = min(a.quote.end, b.quote.end) - max(a.quote.start, b.quote.start)
    shorter = min(a.quote.end - a.quote.start, b.quote.end - b.quote.start)
    return max(shared, 0) / shorter if shorter > 0 else 0.0


def _identities(article: ArticleClaims) -> dict[str, frozenset[str]]:
    """What each of the file's own sources is called (label and aliases, spelling-neutral)."""
    return {source.id: frozenset(name_key(name) for name in (source.label, *source.aliases))
            for source in article.sources}


def _same(drafted: str, curated: str, names: tuple[dict[str, frozenset[str]],
                                                  dict[str, frozenset[str]]]) -> bool:
    if drafted == curated:
        return True
    own, theirs = names[0].get(drafted), names[1].get(curated)
    return bool(own and theirs and own & theirs)


def evaluate_draft(draft: ArticleClaims, curated: ArticleClaims) -> DraftScore:
    """Score ``draft`` against ``curated`` (see the module's docstring for a match)."""
    names = (_identities(draft), _identities(curated))

    def common(a: Claim, b: Claim) -> bool:
        return any(_same(x, y, names) for x in a.claimants for y in b.claimants)

    def same(a: Claim, b: Claim) -> bool:
        return all(any(_same(x, y, names) for y in b.claimants) for x in a.claimants) and all(
            any(_same(x, y, names) for x in a.claimants) for y in b.claimants)

    pairs = []
    for drafted in draft.claims:
        for claim in curated.claims:
            overlap = _overlap(drafted, claim)
            if overlap >= MIN_OVERLAP and common(drafted, claim):
                pairs.append((overlap, drafted, claim))
    pairs.sort(key=lambda p: (-p[0], p[1].quote.start, p[2].quote.start))
    used_drafted: set[str] = set()
    used_curated: set[str] = set()
    matches = []
    exact = 0
    for overlap, drafted, claim in pairs:
        if drafted.id in used_drafted or claim.id in used_curated:
            continue
        used_drafted.add(drafted.id)
        used_curated.add(claim.id)
        matches.append((drafted.id, claim.id, round(overlap, 3)))
        exact += same(drafted, claim)
    return DraftScore(
        drafted=len(draft.claims), curated=len(curated.claims), matches=tuple(matches),
        unmatched_drafted=tuple(c.id for c in draft.claims if c.id not in used_drafted),
        unmatched_curated=tuple(c.id for c in curated.claims if c.id not in used_curated),
        same_claimants=exact)


def read_draft(draft: Draft, text_path: Path, registry: Registry) -> ArticleClaims:
    """Read a draft back through the real loader (every check of ``claimgraph validate``
    but the SHACL shapes), with its text at ``text_path``."""
    article = {**draft.article, "text": str(text_path.resolve())}
    as_read = dataclasses.replace(draft, article=article)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.claims.yaml"
        path.write_text(as_read.to_yaml(), encoding="utf-8")
        return read_claims(path, registry)


# ------------------------------------------------------------- claimants and figures

@dataclass(frozen=True)
class FigureCheck:
    """One drafted figure against the gold claim's figures."""

    claim: str
    words: str
    right: bool
    wrong: tuple[str, ...]
    """What differs from the nearest gold figure: "number", "measure", "population",
    "period start", "period end"; ("no such figure",) when the gold claim has none."""


@dataclass(frozen=True)
class Comparison:
    """A draft against a gold file: statements matched by their quotes alone, then whether
    each match names the right claimants, and whether each drafted figure is right."""

    drafted: int
    gold: int
    matches: tuple[tuple[str, str], ...]
    """(drafted id, gold id) per statement found in both."""
    wrong_claimants: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    """(drafted id, drafted claimants, gold claimants) per match whose claimants differ."""
    figures: tuple[FigureCheck, ...]
    gold_figures: int
    unmatched_drafted: tuple[str, ...]
    unmatched_gold: tuple[str, ...]

    @property
    def right_claimants(self) -> int:
        return len(self.matches) - len(self.wrong_claimants)

    @property
    def right_figures(self) -> int:
        return sum(f.right for f in self.figures)


def _day(time: object) -> object:
    return getattr(time, "day", None)


def _figure_differences(drafted: Quantity, gold: Quantity) -> tuple[str, ...]:
    wrong = []
    if (drafted.stated, drafted.minimum, drafted.maximum) != (gold.stated, gold.minimum,
                                                               gold.maximum):
        wrong.append("number")
    if drafted.measure != gold.measure:
        wrong.append("measure")
    if drafted.population != gold.population:
        wrong.append("population")
    if _day(drafted.period_start) != _day(gold.period_start):
        wrong.append("period start")
    if _day(drafted.period_end) != _day(gold.period_end):
        wrong.append("period end")
    return tuple(wrong)


def compare_claims(draft: ArticleClaims, gold: ArticleClaims) -> Comparison:
    """Compare ``draft`` with ``gold``: statements pair up one to one by the overlap of their
    quotes (at least :data:`MIN_OVERLAP` of the shorter, largest overlaps first), whoever
    the claimants are; a pair's claimants are right when they are the same sources (a new
    source of the draft and one the gold file declares for itself count as the same when
    their names agree). A drafted figure is right when the paired gold claim has a figure
    with the same number (the same interval), measure, population, and days of its period
    (unknown in both counts as the same)."""
    names = (_identities(draft), _identities(gold))
    pairs = sorted(((overlap, d, g) for d in draft.claims for g in gold.claims
                    if (overlap := _overlap(d, g)) >= MIN_OVERLAP),
                   key=lambda p: (-p[0], p[1].quote.start, p[2].quote.start))
    used_drafted: set[str] = set()
    used_gold: set[str] = set()
    matched: list[tuple[Claim, Claim]] = []
    for _, drafted, claim in pairs:
        if drafted.id in used_drafted or claim.id in used_gold:
            continue
        used_drafted.add(drafted.id)
        used_gold.add(claim.id)
        matched.append((drafted, claim))
    wrong_claimants = []
    figures = []
    partner = {d.id: g for d, g in matched}
    for drafted, claim in matched:
        same = all(any(_same(x, y, names) for y in claim.claimants) for x in drafted.claimants) \
            and all(any(_same(x, y, names) for x in drafted.claimants) for y in claim.claimants)
        if not same:
            wrong_claimants.append((drafted.id, drafted.claimants, claim.claimants))
    for drafted in draft.claims:
        paired = partner.get(drafted.id)
        for quantity in drafted.quantities:
            words = quantity.words or str(quantity.stated)
            if paired is None or not paired.quantities:
                figures.append(FigureCheck(drafted.id, words, False, ("no such figure",)))
                continue
            differences = min((_figure_differences(quantity, g) for g in paired.quantities),
                              key=lambda wrong: (len(wrong), "number" in wrong))
            figures.append(FigureCheck(drafted.id, words, not differences, differences))
    return Comparison(
        drafted=len(draft.claims), gold=len(gold.claims),
        matches=tuple((d.id, g.id) for d, g in matched),
        wrong_claimants=tuple(wrong_claimants), figures=tuple(figures),
        gold_figures=sum(len(c.quantities) for c in gold.claims),
        unmatched_drafted=tuple(c.id for c in draft.claims if c.id not in used_drafted),
        unmatched_gold=tuple(c.id for c in gold.claims if c.id not in used_gold))
