"""Draft a claims file from an article's raw text, for a person to review.

:func:`draft_article` finds the attributed statements of the text (direct quotes and reported
speech, :mod:`~claimgraph.graph.drafting.cues`), resolves who made them
(:mod:`~claimgraph.graph.sources.resolution`), the numbers they state
(:mod:`~claimgraph.graph.text.quantities`) and their times (:mod:`~claimgraph.graph.text.timeexpr`),
and writes them in the authoring format of the curated files (data/README.md). The draft
validates as written; every claim carries ``note: drafted, review: ...`` saying what to check,
and names that match no known source become new sources marked ``unresolved name, review``.

A sentence without a cue continues the statement before it in the same paragraph; one that
opens a paragraph is the outlet's own reporting. The headline is the article's title, not a
claim; a dateline is left out of every quote, and the outlet it names labels a new outlet;
notices that are not reporting ("Editor's note: ...") are listed as furniture.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph.authoring.checking import REGISTRY_NAME, shipped_data
from claimgraph.graph.authoring.model import Registry, Source
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.drafting.cues import TIME, Cue, find_cues, trim
from claimgraph.graph.drafting.figures import FigureReader, read_figures
from claimgraph.graph.drafting.known import KnownStatement, match_known
from claimgraph.graph.drafting.stances import point_stances
from claimgraph.graph.sources.resolution import (
    ROLE_WORDS,
    Resolution,
    SourceResolver,
    name_key,
    slug,
)
from claimgraph.graph.text.anchor import AnchorError, find_spans
from claimgraph.graph.text.article_input import read_article
from claimgraph.graph.text.sentences import Sentence, dateline, segment
from claimgraph.graph.text.timeexpr import TimeExpressionError, resolve

__all__ = ["Draft", "DraftClaim", "draft_article", "draft_file", "registry_for"]

log = logging.getLogger("claimgraph.draft")

REVIEW = "drafted, review"
UNRESOLVED = "unresolved name, review"
MAX_SENTENCE = 3000
"""Longer "sentences" are not drafted from: a real one has a few hundred characters."""


@dataclass(frozen=True)
class DraftClaim:
    """One drafted claim, as the authoring format writes it (``fields``), with what a
    reviewer must check (``review``) and numbers no known measure fits (``loose``)."""

    id: str
    fields: dict[str, Any]
    review: tuple[str, ...]
    loose: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A drafted claims file: article metadata, new sources and claims."""

    article: dict[str, Any]
    sources: tuple[Source, ...]
    claims: tuple[DraftClaim, ...]
    text_name: str
    notes: tuple[str, ...] = ()
    """What the reviewer should know of the whole text ("already in the graph as ...")."""

    def to_yaml(self) -> str:
        """The draft as a claims file (YAML with a review header)."""
        return _render(self)


@dataclass
class _Context:
    published: date
    resolver: SourceResolver
    registry: Registry
    text: str
    reading: str
    """Every sentence's reading text, one a line: where quotes are counted cheaply."""
    figures: FigureReader
    claims: list[DraftClaim] = field(default_factory=list)
    quotes: dict[str, str] = field(default_factory=dict)
    previous: tuple[str, ...] = ()
    """The claimants of the last attributed statement: whom "it", "they" and "the group"
    refer back to."""
    person: Resolution | None = None
    """The last person the text named as speaking, or as the subject of a sentence: whom
    "he" and "she" refer back to."""
    last_given: date | None = None
    """The day the last attributed statement was given."""
    last_dated: bool = False
    """Whether the text said when the last attributed statement was given."""
    answered: set[str] = field(default_factory=set)
    """Claims whose stance the text itself points ("..., a charge X denies")."""
    publisher: str = ""
    own_release: bool = False
    """Whether the publisher is an organisation publishing its own words (then "we" is it)."""


def _time(expression: str | None, published: date) -> str | None:
    """The expression when it resolves to days on or before publication, else None."""
    if not expression:
        return None
    expression = " ".join(expression.split())
    try:
        interval = resolve(expression, published)
    except TimeExpressionError:
        return None
    return expression if interval.earliest <= published else None


def _quote(ctx: _Context, sentence: Sentence, start: int, end: int) -> tuple[str, int | None]:
    """The quote as a reader writes it, and its occurrence when the text has it twice."""
    quote = sentence.text[start:end]
    if ctx.reading.count(quote) <= 1:
        return quote, None  # once in the text as read: no need to search the original
    original_start, _ = sentence.original_span(start, end)
    starts = [span[0] for span in find_spans(ctx.text, quote)]
    if original_start not in starts:
        raise AnchorError(f"the quote {quote!r} does not anchor where it was found")
    return quote, (starts.index(original_start) + 1 if len(starts) > 1 else None)


def _basis(ctx: _Context, words: str | None) -> list[dict[str, str]]:
    if not words:
        return []
    phrase = re.sub(r"^(?:(?:the\s+)?(?:reports|accounts|information|data|figures|testimony)\s+"
                    r"(?:by|from|of)\s+)", "", words.strip(), flags=re.IGNORECASE)
    kind = words[: len(words) - len(phrase)].split()[0].lower() if phrase != words else ""
    found = ctx.resolver.resolve(phrase)
    result = []
    for source_id in found.claimants:
        label = ctx.resolver.label(source_id)
        result.append({"source": source_id, "label": f"{kind or 'information from'} "
                                                     f"{'by ' if kind else ''}{label}".strip()})
    return result


def _label(ctx: _Context, claimants: tuple[str, ...], verb: str | None, quote: str) -> str:
    who = " and ".join(ctx.resolver.label(claimant) for claimant in claimants)
    words = quote.replace('"', "").split()
    summary = " ".join(words[:12]) + ("..." if len(words) > 12 else "")
    return f"{who}: {summary}" if verb else f"{who} reports: {summary}"


def _claim_id(ctx: _Context, claimants: tuple[str, ...], quote: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", quote.lower()) if w not in
             {"the", "a", "an", "of", "and", "to", "in", "on", "have", "has", "been", "is",
              "are", "was", "were", "that", "which", "whom", "its", "their"}]
    base = f"{claimants[0] if claimants else 'claim'}-{'-'.join(words[:4])}".strip("-")
    identifier, number = base, 2
    while any(c.id == identifier for c in ctx.claims):
        identifier, number = f"{base}-{number}", number + 1
    return identifier


_RISEN = re.compile(r"\b(?:rose|risen|climbed|increased|has\s+since|had\s+since)\b", re.I)
"""A toll that has changed since the statement before: given later than it."""
_REFERS_BACK = re.compile(r"(?i:he|she|it|they)\b|(?i:the)\s+[a-z]")
"""A source phrase that refers back: a pronoun or a description ("the group", "the agency")."""


def _add(ctx: _Context, sentence: Sentence, cue: Cue | None, who: Resolution,
         review: list[str], *, verb: str | None, span: tuple[int, int],
         relay: tuple[str, ...] = ()) -> None:
    try:
        quote, occurrence = _quote(ctx, sentence, *span)
    except AnchorError as error:
        log.warning("left out a statement whose quote does not anchor: %s", error)
        return
    fields: dict[str, Any] = {}
    identifier = _claim_id(ctx, who.claimants, quote)
    fields["id"] = identifier
    fields["label"] = _label(ctx, who.claimants, verb, quote)
    fields["claimants"] = list(who.claimants)
    if who.speaker:
        fields["speaker"] = who.speaker
    if who.role:
        fields["role"] = who.role
    if verb:
        fields["verb"] = verb
    fields["quote"] = quote
    if occurrence:
        fields["occurrence"] = occurrence
    stated = _time(cue.stated if cue else None, ctx.published)
    if stated:
        fields["stated"] = stated
    refers = _time(cue.refers_to if cue else None, ctx.published)
    if refers is None:
        lead = re.match(rf"(?P<time>{TIME})\b", quote, re.IGNORECASE)
        day = re.search(r"\bon\s+(?P<time>(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+\d{1,2})\b", quote)
        found = lead or day
        refers = _time(found["time"] if found else None, ctx.published)
    if refers:
        fields["refers_to"] = refers
    if cue and cue.stance == "accuses":
        accused = re.match(r"(.+?)\s+(?:of|for)\s+", quote)
        target = ctx.resolver.lookup(accused[1]) if accused else None
        if target:
            fields["actors"] = [target]
    given_day = ctx.published
    if stated:
        with contextlib.suppress(TimeExpressionError):
            given_day = resolve(stated, ctx.published).day or ctx.published
    # a statement continued, or the same source again by a pronoun or a description
    # ("..., the Example Lawyers said on Monday. The group said the dead included ..."):
    # given when the first one was (its full name again may be another statement)
    again = cue is not None and not stated and ctx.last_dated and \
        who.claimants == ctx.previous and bool(_REFERS_BACK.match(cue.source)) and \
        not _RISEN.search(quote)  # "the toll rose to 20, the group said": later, but when?
    continued = cue is None and verb is not None
    if not stated and ctx.last_given is not None and (again or continued):
        given_day = ctx.last_given
    if cue is not None:
        ctx.last_given = given_day
    # the publisher's own words are given on the day it publishes them
    # and "the group says" is said as it is published
    present = verb is not None and re.match(r"(?:\w+ly\s+)?(?:says|reports|estimates|puts|"
                                            r"counts|notes|states|warns|records)\b", verb)
    # and so is what its own release says it found ("..., according to figures gathered by
    # Save the Children" in Save the Children's release)
    its_own = ctx.own_release and who.claimants == (ctx.publisher,)
    dated = bool(stated) or bool(present) or again or its_own or (
        cue is None and (verb is None or ctx.last_dated))
    if cue is not None:
        ctx.last_dated = bool(stated) or bool(present) or again
    quantities, loose, period_notes = read_figures(ctx.figures, quote, given_day, dated)
    review.extend(period_notes)
    if quantities:
        fields["quantities"] = quantities
        review.append("give each figure's population, scope and period where the draft says "
                      "unknown")
    if loose:
        review.append("numbers without a known measure are listed below the claim")
    basis = [{"source": r, "label": f"report by {ctx.resolver.label(r)}"}
             for r in relay] + _basis(ctx, cue.basis if cue else None)
    if relay:
        review.append("relayed: the claimants are whom the report cites, the outlet is in "
                      "based_on")
    if basis:
        fields["based_on"] = basis
    if cue and cue.stance in ("denies", "disputes"):
        fields[cue.stance] = []  # filled in once every claim is known
    fields["drafted"] = True
    fields["note"] = "; ".join([REVIEW, *review])
    ctx.claims.append(DraftClaim(identifier, fields, tuple(review), tuple(loose)))
    ctx.quotes[identifier] = quote
    if cue is not None:
        ctx.resolver.mention(who.claimants)


def _resolve(ctx: _Context, cue: Cue, sentence: str) -> tuple[Resolution, list[str]]:
    review: list[str] = []
    key = name_key(cue.source)
    role = re.fullmatch(r"the\s+(?P<role>[a-z ]+)", cue.source.strip().lower())
    if key in {"he", "she"} and ctx.person is not None:
        who = ctx.person
    elif role and ctx.person is not None and ctx.person.role is not None and \
            ROLE_WORDS.get(role["role"]) == ctx.person.role:
        who = ctx.person  # "the spokesman said": the spokesperson just quoted
    elif key.split()[:1] in (["we"], ["us"], ["our"]) and ctx.own_release:
        who = Resolution((ctx.publisher,))
    else:
        if cue.answers_within and ctx.claims:  # "..., a charge the group denies": a party
            ctx.resolver.mention(ctx.resolver.named_in(ctx.quotes[ctx.claims[-1].id]))
        who = ctx.resolver.resolve(cue.source, previous=ctx.previous)
    if key in {"it", "they", "he", "she", "we"} or key.endswith("statement"):
        review.append(f"'{cue.source}' taken to be {', '.join(who.claimants)}")
    review.extend(who.review)
    for name in who.unresolved:
        review.append(f"unresolved name {name!r}: " + _proposal(ctx, name))
    return who, review


def _relayed(ctx: _Context, cue: Cue, who: Resolution) -> tuple[Resolution, Cue, tuple[str, ...]]:
    """Who a relayed statement is on the authority of, and who relayed it: "Saba quoted the
    ministry as saying ..." is the ministry's; "Al Masirah reported, citing health officials"
    (an outlet reporting, naming its source) is the officials', reported by Al Masirah."""
    if cue.relay:
        return who, cue, ctx.resolver.resolve(cue.relay).claimants
    outlets = [ctx.resolver.source(c) for c in who.claimants]
    if cue.basis and cue.verb and re.search(r"\breport(?:s|ed)?\b", cue.verb) and outlets and \
            all(o is not None and o.kind == "outlet" for o in outlets):
        cited = ctx.resolver.resolve(cue.basis, previous=ctx.previous)
        if cited.claimants and not set(cited.claimants) & set(who.claimants):
            return cited, dataclasses.replace(cue, basis=None), who.claimants
    return who, cue, ()


def _proposal(ctx: _Context, name: str) -> str:
    """What a new name may be: a new source (as drafted), or a known one, with the words
    they share as evidence."""
    options = [f"{identifier} ({ctx.resolver.label(identifier)}: shares {', '.join(shared)})"
               for identifier, shared in ctx.resolver.candidates(name)]
    if not options:
        return "drafted as a new source"
    return ("drafted as a new source; if it is a known one, use " + " or ".join(options))


_NO_COMMENT = re.compile(
    r"\b(?:could\s+not\s+be\s+(?:reached|contacted)|did\s+not\s+(?:immediately\s+)?(?:respond|"
    r"reply|return|comment)|has\s+not\s+(?:yet\s+)?(?:commented|responded)|(?:was|were)\s+not\s+"
    r"(?:immediately\s+)?available|no\s+immediate\s+(?:comment|response)|declined\s+to\s+"
    r"comment|requests?\s+for\s+comment)\b", re.IGNORECASE)
"""The outlet saying it asked and got no answer: its own reporting, whoever it asked."""


def _by_the_publisher(ctx: _Context, sentence: str) -> bool:
    """Whether the sentence is the publisher's own words by its subject: "Reuters could not
    independently verify the report", "MSF has worked in Sudan since 1979", or by what it
    says: "The RSF could not be reached for comment"."""
    if _NO_COMMENT.search(sentence):
        return True
    source = ctx.resolver.source(ctx.publisher)
    if source is None:
        return False
    names = sorted((source.label, *source.aliases), key=len, reverse=True)
    return any(re.match(rf"(?:the\s+)?{re.escape(name)}(?:'s)?\s", sentence, re.IGNORECASE)
               for name in names)


def _remember(ctx: _Context, who: Resolution) -> None:
    """What later pronouns refer back to, once ``who`` has made a statement."""
    ctx.previous = who.claimants
    if who.speaker or who.role:
        ctx.person = who


_SUBJECT = re.compile(
    r"^(?P<subject>[A-Z][^,]{0,80}?(?:,\s+[^,]{2,60},)?)\s+(?:has|have|had|was|were|is|are|"
    r"gave|put|issued|released|published|recorded|documented|counted|estimated|described|"
    r"called|urged|appealed|condemned|blamed|offered|sent|declared|confirmed|did|does|"
    r"could|would|will|did)\b")
"""A sentence's subject, before its first verb: "The health minister in the same
administration, Othman Abduljaleel, gave a lower toll"."""


def _note_subject(ctx: _Context, sentence: str) -> None:
    """A sentence with no statement may still name who speaks next ("The health minister,
    Jane Roe, gave a lower toll. ..., she said"): remember a person or a known source it
    opens with, without proposing new sources for it."""
    found = _SUBJECT.match(sentence)
    if not found:
        return
    resolver = ctx.resolver
    before = dict(resolver.proposed)
    who = resolver.resolve(found["subject"], previous=ctx.previous)
    if who.speaker and who.speaker in resolver.proposed and who.speaker not in before:
        ctx.person = who  # a new person: proposed now, used when "she" speaks
        return
    resolver.proposed.clear()
    resolver.proposed.update(before)
    if who.unresolved:
        return
    if who.speaker or who.role:
        ctx.person = who
    ctx.previous = who.claimants
    resolver.mention(who.claimants)


PUBLISHER_KINDS = ("outlet", "organisation", "government")
"""Who can publish an article: an outlet, or an organisation or government office publishing
its own release (a Human Rights Watch report, an OCHA update, a ministry statement)."""


def _outlet(resolver: SourceResolver, outlet: str) -> str:
    known = resolver.lookup(outlet) or (outlet if resolver.source(outlet) else None)
    if known:
        source = resolver.source(known)
        if source is not None and source.kind not in PUBLISHER_KINDS:
            raise ValidationError([Problem("outlet", None, "", f"{outlet!r} is the "
                                           f"{source.kind} {source.id!r}, who publishes no "
                                           "articles: give the outlet, or the organisation "
                                           "whose own release it is")])
        return known
    return _propose_outlet(resolver, outlet)


def _name_outlet(resolver: SourceResolver, outlet_id: str, named: str | None) -> None:
    """Label a new outlet as the dateline names it ("(Example Wire)" for ``example-wire``)."""
    source = resolver.proposed.get(outlet_id)
    if named and source is not None and slug(named) == slug(source.label):
        resolver.proposed[outlet_id] = dataclasses.replace(source, label=named)


def _propose_outlet(resolver: SourceResolver, outlet: str) -> str:
    identifier = base = slug(outlet)
    number = 2
    while resolver.source(identifier):
        identifier, number = f"{base}-{number}", number + 1
    resolver.proposed[identifier] = Source(id=identifier, kind="outlet", label=outlet.strip())
    return identifier


def draft_article(text: str, *, published: date, outlet: str, registry: Registry,
                  article_id: str, text_name: str, title: str | None = None,
                  known: Sequence[KnownStatement] = ()) -> Draft:
    """Draft the claims of ``text`` (published by ``outlet`` on ``published``).

    ``text_name`` is the article's text file as the claims file will name it (relative to
    the claims file); ``registry`` holds the known sources and measures; ``known`` the
    stored claims' quotes, so that a statement already in the graph says so.
    """
    resolver = SourceResolver(registry.sources)
    outlet_id = _outlet(resolver, outlet)
    segmented = segment(text)
    _name_outlet(resolver, outlet_id, segmented.outlet)
    title = title or (segmented.headlines[0] if segmented.headlines else None)
    ctx = _Context(published, resolver, registry, text,
                   "\n".join(sentence.text for sentence in segmented.sentences),
                   FigureReader(registry, published))
    ctx.publisher = outlet_id
    publisher = resolver.source(outlet_id)
    ctx.own_release = publisher is not None and publisher.kind != "outlet"
    if ctx.own_release:  # "the group" and "it" of its own release are the publisher
        resolver.mention([outlet_id])
        ctx.previous = (outlet_id,)
    attributed_paragraph = -1
    last: tuple[Resolution, Cue | None, str | None] | None = None
    for sentence in segmented.sentences:
        if len(sentence.text.split()) < 4:
            continue
        if len(sentence.text) > MAX_SENTENCE:
            log.warning("left out a 'sentence' of %d characters (an unclosed quote?) at "
                        "offset %d", len(sentence.text), sentence.offsets[0])
            continue
        cues = find_cues(sentence.text)
        ctx.figures.mention(sentence.text)
        if not cues and sentence.paragraph == 0 and not sentence.text.endswith((".", '"')):
            title = title or sentence.text  # a headline: no full stop
            continue
        for index, cue in enumerate(cues):
            who, review = _resolve(ctx, cue, sentence.text)
            who, cue, relay = _relayed(ctx, cue, who)
            ctx.resolver.mention(relay)  # "the channel said" next: the outlet that relayed
            answered = ctx.claims[-1].id if cue.answers_within and index and ctx.claims else None
            _add(ctx, sentence, cue, who, review, verb=cue.verb, span=(cue.start, cue.end),
                 relay=relay)
            if answered and cue.stance in ("denies", "disputes") and ctx.claims[-1].id != answered:
                ctx.claims[-1].fields[cue.stance] = [answered]  # the charge just before
                ctx.answered.add(ctx.claims[-1].id)
            if index == 0:  # a statement embedded in another ("..., which X say") is not
                _remember(ctx, who)  # whom the next sentence's "he" or "it" means
                last = (who, cue, cue.verb)
            attributed_paragraph = sentence.paragraph
        if cues:
            continue
        opening = dateline(sentence.text)
        span = trim(sentence.text, opening.end() if opening else 0, len(sentence.text))
        own = _by_the_publisher(ctx, sentence.text[span[0]:])
        # an organisation's own release goes on in its own words, but for more of a quote
        quoted = sentence.text[span[0]:span[0] + 1] == '"' or not ctx.own_release
        if last is not None and attributed_paragraph == sentence.paragraph and not own and quoted:
            who, _, verb = last
            _add(ctx, sentence, None, who, ["continues the previous statement: check that it "
                                            "is still theirs"], verb=verb, span=span)
            continue
        _add(ctx, sentence, None, Resolution((outlet_id,)),
             ["the outlet's own reporting: no attribution found"], verb=None, span=span)
        _note_subject(ctx, sentence.text[span[0]:span[1]])
        last = None
    if not any(claim.fields.get("verb") for claim in ctx.claims):
        # no one is reported to have said anything: nothing to attribute, nothing to draft
        log.info("no attributed statement found: the draft has no claims")
        ctx.claims.clear()
        resolver.proposed = {k: v for k, v in resolver.proposed.items() if k == outlet_id}
    point_stances(ctx.claims, ctx.quotes, ctx.answered, resolver)
    if title is None:
        first = segmented.sentences[0].text if segmented.sentences else article_id
        words = first.split()
        title = " ".join(words[:14]) + ("..." if len(words) > 14 else "")
    article = {"id": article_id, "text": text_name, "title": title, "outlet": outlet_id,
               "published": published, "language": "en"}
    if segmented.furniture:
        article["furniture"] = list(segmented.furniture)
    log.info("drafted %d claims, %d new sources", len(ctx.claims), len(resolver.proposed))
    notes = _known_notes(ctx, known) if known else ()
    return Draft(article, tuple(resolver.proposed.values()), tuple(ctx.claims), text_name,
                 notes)


def _known_notes(ctx: _Context, known: Sequence[KnownStatement]) -> tuple[str, ...]:
    """Mark each drafted claim whose words a stored claim quotes; say so of the whole text
    when most of its statements are one stored article's."""
    match = match_known(ctx.quotes, known)
    for claim in ctx.claims:
        stored = match.claims.get(claim.id)
        if stored is not None:
            claim.fields["note"] += (f"; already in the graph: the same words are claim "
                                     f"{stored.claim} of article {stored.article}")
    if match.article is None:
        return ()
    log.warning("this text is already in the graph: %d of %d statements are claims of "
                "article %s", match.shared, len(ctx.claims), match.article)
    return (f"this text is already in the graph as article {match.article}: {match.shared} "
            f"of its {len(ctx.claims)} statements are that article's claims; loading it "
            "would add them again as new claims",)


def registry_for(folder: Path) -> Path:
    """The registry a claims file in ``folder`` is validated with: ``registry.yaml`` there or
    in a folder above, else the shipped one (as ``claimgraph validate`` finds it)."""
    for candidate in (folder, *folder.parents):
        if (candidate / REGISTRY_NAME).is_file():
            return candidate / REGISTRY_NAME
    return shipped_data() / REGISTRY_NAME


def draft_file(text_path: Path, *, published: date, outlet: str, output: Path | None = None,
               article_id: str | None = None, title: str | None = None,
               known: Sequence[KnownStatement] = ()) -> Draft:
    """Draft the article in ``text_path`` for a claims file at ``output`` (default: the
    working directory), naming the text relative to it and resolving with its registry."""
    text = read_article(text_path)
    folder = (output.parent if output else Path.cwd()).resolve()
    text_name = os.path.relpath(text_path.resolve(), folder).replace(os.sep, "/")
    registry = read_layered_registry(registry_for(folder))
    return draft_article(text, published=published, outlet=outlet, registry=registry,
                         article_id=article_id or slug(text_path.stem.split(".")[0]),
                         text_name=text_name, title=title, known=known)


# ------------------------------------------------------------------------------ rendering

HEADER = """\
# DRAFT claims of {text}, drafted from the text alone by `claimgraph draft`.
# Review every claim before loading it; each one's `note` starts "drafted, review" and says
# what to check. For each claim check:
#   - claimants, speaker and role: who made the claim, on whose authority;
#   - quote: the words that state the claim, no more (the loader anchors it in the text);
#   - quantities: the measure, and add the scope (event) and period they cover;
#   - stated / refers_to, and denies / disputes: the claims a denial answers.
# Names that matched no known source are new sources below, marked "{unresolved}":
# replace them with a known id, or keep them (shared ones belong in the registry).
# Once a claim is reviewed, delete its note and its "drafted: true": until then the graph,
# its views and its statuses say the claim is drafted, not reviewed. Format: data/README.md.
"""


class _Dumper(yaml.SafeDumper):
    """Lists of ids on one line (``[snhr, hrw]``), everything else in block style; a value
    used twice (one event's day as two periods' start) written twice, never as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_list(self, data: Any) -> yaml.SequenceNode:
        flow = all(isinstance(item, (str, int)) for item in data) and \
            sum(len(str(item)) for item in data) < 60
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                     default_flow_style=False)


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.rstrip("\n").splitlines()
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])]) + "\n"


def _source_fields(source: Source) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": source.id, "kind": source.kind, "label": source.label}
    if source.affiliation:
        fields["affiliation"] = source.affiliation
    if source.role:
        fields["role"] = source.role
    fields["description"] = UNRESOLVED
    return fields


def _render(draft: Draft) -> str:
    parts = [HEADER.format(text=Path(draft.text_name).name, unresolved=UNRESOLVED)]
    parts += [f"# NOTE: {note}\n" for note in draft.notes]
    parts.append("\n")
    parts.append(_dump({"article": draft.article}))
    if draft.sources:
        parts.append("\nsources:\n")
        for source in draft.sources:
            parts.append(_indent(_dump(_source_fields(source)), "  - ", "    "))
    if not draft.claims:
        parts.append("\n# No attributed statement was found in the text: no one is reported to "
                     "have said,\n# claimed or denied anything. Add claims by hand if the text "
                     "has them (data/README.md).\n")
    parts.append("\nclaims:\n" if draft.claims else "\nclaims: []\n")
    for claim in draft.claims:
        parts.append(_indent(_dump(claim.fields), "  - ", "    "))
        for loose in claim.loose:
            parts.append(f"    # number without a known measure: {loose}; add the measure "
                         "to the registry, then a quantity here\n")
        parts.append("\n")
    return "".join(parts).rstrip("\n") + "\n"
