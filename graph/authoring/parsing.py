"""Read the human-edited authoring files (registry and claims YAML) into the claim model.

Every problem in a file is collected, with file, line and field, before anything is raised:
a curator fixes a file in one pass. The format is described in data/README.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph.authoring.collecting import Collector, check_unique, display_path
from claimgraph.graph.authoring.model import (
    BOUND_KINDS,
    STANCE_KINDS,
    UNKNOWN,
    Article,
    ArticleClaims,
    Basis,
    Claim,
    Location,
    Quantity,
    Registry,
    Source,
)
from claimgraph.graph.authoring.registries import check_source_links, read_registry, read_sources
from claimgraph.graph.authoring.yamlfile import LinedList, LinedMap, read_yaml
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.identifiers import CLAIM_REFERENCE
from claimgraph.graph.text.anchor import AnchorError, TextSpan, anchor

__all__ = ["check_cross_references", "read_claims", "read_registry"]
# ----------------------------------------------------------------------------------- claims

ARTICLE_FIELDS = ("id", "text", "title", "outlet", "published", "language", "url", "furniture")
CLAIM_FIELDS = ("id", "label", "claimants", "speaker", "role", "verb", "quote", "occurrence",
                "stated", "refers_to", "places", "actors", "quantities", "based_on", "note",
                "drafted", *STANCE_KINDS)
QUANTITY_FIELDS = ("measure", "population", "words", "scope", "period", *BOUND_KINDS)


def _read_article(c: Collector, node: LinedMap, base: Path) -> Article | None:
    article = c.mapping(node, "article", "")
    if article is None:
        c.problem(node.line_of("article"), "article", "missing; describe the article "
                  "(id, text, title, outlet, published)")
        return None
    c.unknown_keys(article, ARTICLE_FIELDS, "article")
    identifier = c.identifier(article, "id", "article")
    text_name = c.text(article, "text", "article")
    title = c.text(article, "title", "article")
    outlet = c.identifier(article, "outlet", "article")
    published = c.date_value(article, "published", "article")
    if published is None and "published" not in article:
        c.problem(article.line, "article.published", "missing; give the date as YYYY-MM-DD")
    furniture = tuple(str(line) for line in article.get("furniture") or ())
    text = None
    if text_name:
        text_path = base / text_name
        try:
            with text_path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
        except FileNotFoundError:
            c.problem(article.line_of("text"), "article.text", f"text file not found: "
                      f"{display_path(text_path)}")
        except UnicodeDecodeError as error:
            c.problem(article.line_of("text"), "article.text", f"{display_path(text_path)} is not "
                      f"UTF-8 text ({error.reason} at byte {error.start})")
    if text is not None:
        for index, line in enumerate(furniture):
            if line.strip() not in text:
                c.problem(article.line_of("furniture"), f"article.furniture[{index}]",
                          f"line not found in the text: {line!r}")
    if not (identifier and text_name and title and outlet and published and text is not None):
        return None
    return Article(id=identifier, title=title, outlet=outlet, published=published, text=text,
                   text_file=text_name, language=c.text(article, "language", "article",
                                                        required=False) or "en",
                   url=c.text(article, "url", "article", required=False), furniture=furniture)


def _read_quantity(c: Collector, item: LinedMap, path: str,
                   published: date | None) -> Quantity | None:
    c.unknown_keys(item, QUANTITY_FIELDS, path)
    measure = c.identifier(item, "measure", path)
    bounds = [kind for kind in BOUND_KINDS if kind in item]
    if len(bounds) != 1:
        c.problem(item.line, path, "give exactly one of: " + ", ".join(BOUND_KINDS))
        return None
    bound = bounds[0]
    value = item[bound]
    line = item.line_of(bound)
    numbers = value if bound == "between" else [value]
    if (bound == "between" and (not isinstance(value, list) or len(value) != 2)) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
        shape = "[low, high] of whole numbers" if bound == "between" else "a whole number ≥ 0"
        c.problem(line, f"{path}.{bound}", f"{value!r} is not {shape}")
        return None
    stated = numbers[0]
    minimum, maximum = _interval(bound, numbers)
    if maximum is not None and maximum < minimum:
        c.problem(line, f"{path}.{bound}", f"{value!r} gives an empty range")
        return None
    start = end = None
    period = item.get("period")
    if period is not None and str(period) != UNKNOWN:
        period = c.mapping(item, "period", path)
    if isinstance(period, LinedMap):
        c.unknown_keys(period, ("start", "end"), f"{path}.period")
        start, end = (None if str(period.get(key)) == UNKNOWN else
                      c.time(period, key, f"{path}.period", published)
                      for key in ("start", "end"))
        if start and end and end.interval.latest < start.interval.earliest:
            c.problem(period.line, f"{path}.period", "the period ends before it starts")
    if measure is None:
        return None
    return Quantity(measure=measure, bound=bound, stated=stated,  # type: ignore[arg-type]
                    minimum=minimum, maximum=maximum,
                    words=c.text(item, "words", path, required=False),
                    scope=_known(c.identifier(item, "scope", path, required=False)),
                    population=_known(c.identifier(item, "population", path, required=False)),
                    period_start=start, period_end=end)


def _known(value: str | None) -> str | None:
    """A part of a figure's question, None where the file says it is unknown."""
    return None if value == UNKNOWN else value


def _interval(bound: str, numbers: list[int]) -> tuple[int, int | None]:
    """The inclusive interval a stated number allows (whole-number counts)."""
    number = numbers[0]
    if bound == "exact":
        return number, number
    if bound == "at_least":
        return number, None
    if bound == "more_than":
        return number + 1, None
    if bound == "at_most":
        return 0, number
    if bound == "fewer_than":
        return 0, number - 1
    if bound == "between":
        return numbers[0], numbers[1]
    # approximately: half a unit of the last significant digit either side ("3 million").
    unit = 1
    while number and number % (unit * 10) == 0:
        unit *= 10
    half = unit // 2
    return max(number - half, 0), number + half - (1 if unit > 1 else 0)


def _read_basis(c: Collector, node: LinedMap, path: str) -> list[Basis]:
    result = []
    for item_path, item in c.items(node, "based_on", f"{path}."):
        c.unknown_keys(item, ("label", "source", "claim"), item_path)
        source = c.identifier(item, "source", item_path, required=False)
        claim = c.identifier(item, "claim", item_path, required=False)
        label = c.text(item, "label", item_path, required=False)
        if (source is None) == (claim is None):
            c.problem(item.line, item_path, "give either 'source' (with a 'label' such as "
                      "'reports by witnesses') or 'claim'")
            continue
        if source and not label:
            c.problem(item.line, f"{item_path}.label", "missing; say what the source provided "
                      "(e.g. 'reports by first responders')")
            continue
        result.append(Basis(label=label, source=source, claim=claim))
    return result


def _stance_targets(c: Collector, node: LinedMap, key: str, path: str) -> tuple[str, ...]:
    """Claim ids of a stance: ``claim-id`` in this file, or ``article-id/claim-id``."""
    value = node.get(key)
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    result = []
    for index, item in enumerate(items):
        line = value.line_of(index) if isinstance(value, LinedList) else node.line_of(key)
        if not isinstance(item, str) or not CLAIM_REFERENCE.fullmatch(item):
            c.problem(line, f"{path}.{key}[{index}]", f"{item!r} is not a claim id (a claim of "
                      "this file, or ARTICLE-ID/CLAIM-ID for a claim of another article)")
        else:
            result.append(item)
    return tuple(result)


def _read_claim(c: Collector, item: LinedMap, path: str, article: Article | None,
                roles: set[str]) -> Claim | None:
    c.unknown_keys(item, CLAIM_FIELDS, path)
    identifier = c.identifier(item, "id", path)
    label = c.text(item, "label", path)
    claimants = c.identifiers(item, "claimants", path, required=True)
    quote_text = c.text(item, "quote", path)
    role = c.text(item, "role", path, required=False)
    speaker = c.identifier(item, "speaker", path, required=False)
    if role is not None and role not in roles:
        c.problem(item.line_of("role"), f"{path}.role",
                  f"unknown role {role!r}; known roles: {', '.join(sorted(roles))}")
    published = article.published if article else None
    stated = c.time(item, "stated", path, published)
    refers_to = c.time(item, "refers_to", path, published)
    quantities = []
    for q_path, q_item in c.items(item, "quantities", f"{path}."):
        quantity = _read_quantity(c, q_item, q_path, published)
        if quantity:
            quantities.append(quantity)
    stances = [(kind, target) for kind in STANCE_KINDS
               for target in _stance_targets(c, item, kind, path)]
    occurrence = item.get("occurrence")
    if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
        c.problem(item.line_of("occurrence"), f"{path}.occurrence", "expected a number ≥ 1")
        occurrence = None
    span = None
    if quote_text and article is not None:
        try:
            span = anchor(article.text, quote_text, occurrence=occurrence)
        except AnchorError as error:
            c.problem(item.line_of("quote"), f"{path}.quote", str(error))
        else:
            for line in article.furniture:
                at = article.text.find(line.strip())
                if at >= 0 and span.start < at + len(line.strip()) and at < span.end:
                    c.problem(item.line_of("quote"), f"{path}.quote",
                              "the quote overlaps page furniture, which makes no claim")
    if not (identifier and label and claimants):
        return None
    if span is None:
        # The quote's problem is already listed, so nothing of this file will load; the
        # claim is still returned so that its references are checked in the same pass.
        span = TextSpan(start=0, end=0, exact="", prefix="", suffix="", text=quote_text or "")
    return Claim(
        id=identifier, label=label, claimants=claimants, quote=span,
        verb=c.text(item, "verb", path, required=False), speaker=speaker, role=role,
        stated=stated, refers_to=refers_to, places=c.identifiers(item, "places", path),
        actors=c.identifiers(item, "actors", path), quantities=tuple(quantities),
        based_on=tuple(_read_basis(c, item, path)), stances=tuple(stances),  # type: ignore[arg-type]
        note=c.text(item, "note", path, required=False), drafted=_drafted(c, item, path),
        location=Location(c.file, item.line, tuple(item.key_lines.items())))


def _drafted(c: Collector, item: LinedMap, path: str) -> bool:
    """``drafted: true``: the claim is a draft no person has reviewed yet."""
    value = item.get("drafted", False)
    if not isinstance(value, bool):
        c.problem(item.line_of("drafted"), f"{path}.drafted", f"{value!r} is not true or "
                  "false: write 'drafted: true' for a claim no person has reviewed, or leave "
                  "it out once one has")
        return False
    return value


def _check_references(c: Collector, claims: list[Claim], registry: Registry,
                      local_sources: list[Source], article: Article | None) -> None:
    sources = registry.source_ids() | {s.id for s in local_sources}
    places = {p.id for p in registry.places}
    events = {e.id for e in registry.events}
    measures = {m.id: m for m in registry.measures}
    populations = {p.id for p in registry.populations}
    claim_ids = {claim.id for claim in claims}
    if article and article.outlet not in sources:
        c.problem(None, "article.outlet", f"unknown source {article.outlet!r}: add it to the "
                  "registry (an outlet, or the organisation whose own release it is)")
    for claim in claims:
        location = claim.location or Location("", None)
        path = f"claims[{claim.id}]"
        references = [("claimants", s, sources, "source") for s in claim.claimants]
        references += [("actors", s, sources, "source") for s in claim.actors]
        references += [("places", p, places, "place") for p in claim.places]
        if claim.speaker:
            references.append(("speaker", claim.speaker, sources, "source"))
        for quantity in claim.quantities:
            references.append(("quantities.measure", quantity.measure, set(measures),
                               "measure"))
            if quantity.scope:
                references.append(("quantities.scope", quantity.scope, events | places,
                                   "event or place"))
            if quantity.population:
                references.append(("quantities.population", quantity.population,
                                   populations, "population"))
            measure = measures.get(quantity.measure)
            if measure and measure.counts == "things" and quantity.population:
                c.problem(location.line_of("quantities"), f"{path}.quantities.population",
                          f"the measure {measure.id!r} counts things, not people: leave out "
                          f"the population {quantity.population!r}")
        for basis in claim.based_on:
            if basis.source:
                references.append(("based_on.source", basis.source, sources, "source"))
            if basis.claim:
                references.append(("based_on.claim", basis.claim, claim_ids, "claim"))
        for kind, target in claim.stances:
            if article and target.startswith(f"{article.id}/"):
                target = target.split("/", 1)[1]
            if "/" in target:
                continue  # another article's claim: checked when both files are checked
            references.append((kind, target, claim_ids, "claim"))
            if target == claim.id:
                c.problem(location.line_of(kind), f"{path}.{kind}",
                          "a claim cannot take a stance on itself")
        for field, target, known, what in references:
            if target not in known:
                hint = " in this file" if what == "claim" else " in the registry"
                c.problem(location.line_of(field.split(".")[0]), f"{path}.{field}",
                          f"unknown {what} {target!r}: no {what} with this id{hint}")


def _with_scope_kinds(claim: Claim, registry: Registry) -> Claim:
    """The claim with each quantity's scope marked as a place where the registry has it so."""
    places = {p.id for p in registry.places}
    events = {e.id for e in registry.events}
    quantities = tuple(
        dataclasses.replace(q, scope_kind="place")
        if q.scope in places and q.scope not in events else q for q in claim.quantities)
    return dataclasses.replace(claim, quantities=quantities)


def read_claims(path: Path, registry: Registry) -> ArticleClaims:
    """Read a claims file, anchor every quote in the article text and check every reference.

    Raises :class:`ValidationError` listing every problem found in the file.
    """
    c = Collector(display_path(path))
    node = read_yaml(path, display=c.file)
    c.unknown_keys(node, ("article", "sources", "claims"), "")
    article = _read_article(c, node, path.parent)
    local_sources = read_sources(c, node, "sources")
    roles = vocabulary.role_ids()
    claims = []
    if "claims" not in node:
        c.problem(node.line, "claims", "missing; list the article's claims")
    for item_path, item in c.items(node, "claims", ""):
        claim = _read_claim(c, item, item_path, article, roles)
        if claim:
            claims.append(claim)
    check_unique(c, "claims", claims)
    known = check_unique(c, "sources", local_sources, registry.source_ids())
    check_source_links(c, local_sources, known)
    _check_references(c, claims, registry, local_sources, article)
    claims = [_with_scope_kinds(claim, registry) for claim in claims]
    if c.problems or article is None:
        raise ValidationError(c.problems)
    return ArticleClaims(article=article, claims=tuple(claims), sources=tuple(local_sources),
                         file=c.file)


def check_cross_references(articles: Iterable[ArticleClaims]) -> list[Problem]:
    """Problems with stances on another article's claims (``article-id/claim-id``), for the
    articles checked together. A claim of an article not among them is not checked here: it
    may be in the store already, and a stance on a claim that is nowhere matches nothing."""
    articles = list(articles)
    claims_of = {a.article.id: {claim.id for claim in a.claims} for a in articles}
    problems = []
    for article in articles:
        for claim in article.claims:
            location = claim.location or Location(article.file, None)
            for kind, target in claim.stances:
                other, _, claim_id = target.rpartition("/")
                if other and other in claims_of and claim_id not in claims_of[other]:
                    problems.append(Problem(article.file, location.line_of(kind),
                                            f"claims[{claim.id}].{kind}",
                                            f"unknown claim {target!r}: article {other!r} has "
                                            f"no claim {claim_id!r}"))
    return problems
