"""Read the human-edited authoring files (registry and claims YAML) into the claim model.

Every problem in a file is collected, with file, line and field, before anything is raised:
a curator fixes a file in one pass. The format is described in data/README.md.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from claimgraph.errors import Problem, ValidationError
from claimgraph.graph.authoring.model import (
    BOUND_KINDS,
    EVENT_KINDS,
    MEASURE_COUNTS,
    SOURCE_KINDS,
    STANCE_KINDS,
    UNKNOWN,
    Article,
    ArticleClaims,
    Basis,
    Claim,
    Location,
    Quantity,
    Registry,
    RegistryEntry,
    Source,
    TimeReference,
)
from claimgraph.graph.authoring.yamlfile import LinedList, LinedMap, read_yaml
from claimgraph.graph.terms import vocabulary
from claimgraph.graph.terms.identifiers import CLAIM_REFERENCE, ID_PATTERN
from claimgraph.graph.text.anchor import AnchorError, TextSpan, anchor
from claimgraph.graph.text.timeexpr import TimeExpressionError, TimeInterval, resolve

__all__ = ["check_cross_references", "read_claims", "read_registry"]

WIKIDATA_ITEM = re.compile(r"Q[1-9][0-9]*")
"""A stance's target: a claim of the same file, or ``article-id/claim-id`` of another."""


class _Collector:
    """Collects problems for one file and converts raw YAML values with checks."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, field, message))

    def text(self, node: LinedMap, key: str, field: str, *, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, f"{field}.{key}", "missing; this field is required")
            return None
        if isinstance(value, (LinedMap, LinedList)):
            self.problem(node.line_of(key), f"{field}.{key}", "expected text, found a "
                         f"{'mapping' if isinstance(value, dict) else 'list'}")
            return None
        text = str(value).strip()
        if required and not text:
            self.problem(node.line_of(key), f"{field}.{key}", "must not be empty")
            return None
        return text

    def identifier(self, node: LinedMap, key: str, field: str, *,
                   required: bool = True) -> str | None:
        value = self.text(node, key, field, required=required)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.problem(node.line_of(key), f"{field}.{key}", f"{value!r} is not a valid id: "
                         "use lower-case letters, digits, '-', '_' or '.'")
            return None
        return value

    def identifiers(self, node: LinedMap, key: str, field: str, *,
                    required: bool = False) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, f"{field}.{key}", "missing; give at least one id")
            return ()
        items = value if isinstance(value, list) else [value]
        result = []
        for index, item in enumerate(items):
            line = value.line_of(index) if isinstance(value, LinedList) else node.line_of(key)
            if not isinstance(item, str) or not ID_PATTERN.fullmatch(item):
                self.problem(line, f"{field}.{key}[{index}]", f"{item!r} is not a valid id")
            else:
                result.append(item)
        if required and not items:
            self.problem(node.line_of(key), f"{field}.{key}", "must list at least one id")
        return tuple(result)

    def mapping(self, node: LinedMap, key: str, field: str) -> LinedMap | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, LinedMap):
            self.problem(node.line_of(key), f"{field}.{key}", "expected a mapping")
            return None
        return value

    def items(self, node: LinedMap, key: str, field: str) -> Iterable[tuple[str, LinedMap]]:
        """The mappings of a list field, each with its field path."""
        value = node.get(key)
        if value is None:
            return
        if not isinstance(value, LinedList):
            self.problem(node.line_of(key), f"{field}{key}", "expected a list")
            return
        for index, item in enumerate(value):
            path = f"{field}{key}[{index}]"
            if not isinstance(item, LinedMap):
                self.problem(value.line_of(index), path, "expected a mapping")
                continue
            yield path, item

    def unknown_keys(self, node: LinedMap, allowed: Iterable[str], field: str) -> None:
        allowed = set(allowed)
        for key in node:
            if key not in allowed:
                self.problem(node.line_of(key), f"{field}.{key}" if field else key,
                             f"unknown field; expected one of: {', '.join(sorted(allowed))}")

    def date_value(self, node: LinedMap, key: str, field: str) -> date | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(node.line_of(key), f"{field}.{key}",
                         f"{value!r} is not a date: write it as YYYY-MM-DD")
            return None

    def time(self, node: LinedMap, key: str, field: str, published: date | None, *,
             need_day: bool = False) -> TimeReference | None:
        """A time given as an expression, a date, or ``{expression: ..., date: ...}``."""
        value = node.get(key)
        if value is None:
            return None
        line, path = node.line_of(key), f"{field}.{key}"
        pinned: date | None = None
        if isinstance(value, LinedMap):
            self.unknown_keys(value, ("expression", "date"), path)
            pinned = self.date_value(value, "date", path)
            expression = value.get("expression")
            if expression is not None:
                expression = str(expression)
            elif pinned is not None:
                expression = pinned.isoformat()
            else:
                self.problem(line, path, "give an expression, a date, or both")
                return None
        elif isinstance(value, date):
            expression = value.isoformat()
        else:
            expression = str(value)
        if published is None:
            return None
        try:
            interval = resolve(expression, published)
        except TimeExpressionError as error:
            if pinned is None:
                self.problem(line, path, f"{error}; or write the words with the day they "
                             "name: {expression: since the coup, date: 2021-02-01}")
                return None
            # words tied to an event ("since the coup"): the day given is the day they name
            interval = TimeInterval(expression, pinned, pinned)
        if pinned is not None and pinned not in interval:
            self.problem(line, f"{path}.date", f"{pinned.isoformat()} is outside "
                         f"{expression!r}, which resolves to {_interval_text(interval)}")
            return None
        day = pinned or interval.day
        if need_day and day is None:
            self.problem(line, path, f"{expression!r} resolves to {_interval_text(interval)}, "
                         "not a day: add 'date: YYYY-MM-DD'")
            return None
        if day is not None and day > published:
            self.problem(line, path, f"{day.isoformat()} is after the publication date "
                         f"{published.isoformat()}")
            return None
        return TimeReference(interval=interval, day=day)


def _interval_text(interval: TimeInterval) -> str:
    if interval.day:
        return interval.day.isoformat()
    return f"{interval.earliest.isoformat()} .. {interval.latest.isoformat()}"


def _display(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------- registry

SOURCE_FIELDS = ("id", "kind", "label", "aliases", "description", "affiliation", "role",
                 "part_of", "may_include", "allied_with", "same_as", "wikidata")
ENTRY_FIELDS = {
    "places": ("id", "label", "description", "part_of", "aliases"),
    "events": ("id", "label", "description", "part_of", "start", "kind", "aliases"),
    "measures": ("id", "label", "description", "part_of", "counts", "aliases"),
    "populations": ("id", "label", "description", "part_of", "aliases"),
}
"""The fields of each registry section's entries."""
CHOICES = {"kind": EVENT_KINDS, "counts": MEASURE_COUNTS}


def _read_sources(c: _Collector, node: LinedMap, key: str) -> list[Source]:
    roles = vocabulary.role_ids()
    sources = []
    for path, item in c.items(node, key, ""):
        c.unknown_keys(item, SOURCE_FIELDS, path)
        identifier = c.identifier(item, "id", path)
        label = c.text(item, "label", path)
        kind = c.text(item, "kind", path)
        if kind is not None and kind not in SOURCE_KINDS:
            c.problem(item.line_of("kind"), f"{path}.kind",
                      f"{kind!r} is not a source kind; use one of: {', '.join(SOURCE_KINDS)}")
            kind = None
        role = c.text(item, "role", path, required=False)
        if role is not None and role not in roles:
            c.problem(item.line_of("role"), f"{path}.role", f"unknown role {role!r}; "
                      f"known roles: {', '.join(sorted(roles))}")
        same_as = tuple(str(v) for v in item.get("same_as") or ())
        wikidata = c.text(item, "wikidata", path, required=False)
        if wikidata is not None and not WIKIDATA_ITEM.fullmatch(wikidata):
            c.problem(item.line_of("wikidata"), f"{path}.wikidata", f"{wikidata!r} is not a "
                      "Wikidata item id: write Q and its number, e.g. Q1065 (the item's page "
                      "is https://www.wikidata.org/wiki/Q1065)")
            wikidata = None
        aliases = item.get("aliases") or ()
        if identifier and label and kind:
            sources.append(Source(
                id=identifier, kind=kind, label=label,  # type: ignore[arg-type]
                aliases=tuple(str(a) for a in aliases),
                description=c.text(item, "description", path, required=False),
                affiliation=c.identifier(item, "affiliation", path, required=False),
                role=role, part_of=c.identifier(item, "part_of", path, required=False),
                may_include=c.identifiers(item, "may_include", path),
                allied_with=c.identifiers(item, "allied_with", path), same_as=same_as,
                wikidata=wikidata, location=Location(c.file, item.line)))
    return sources


def _read_entries(c: _Collector, node: LinedMap, key: str) -> list[RegistryEntry]:
    entries = []
    fields = ENTRY_FIELDS[key]
    for path, item in c.items(node, key, ""):
        c.unknown_keys(item, fields, path)
        identifier = c.identifier(item, "id", path)
        label = c.text(item, "label", path)
        choices: dict[str, str | None] = {}
        for name, allowed in CHOICES.items():
            value = c.text(item, name, path, required=False) if name in fields else None
            if value is not None and value not in allowed:
                c.problem(item.line_of(name), f"{path}.{name}",
                          f"{value!r} is not one of: {', '.join(allowed)}")
                value = None
            choices[name] = value
        if identifier and label:
            entries.append(RegistryEntry(
                id=identifier, label=label,
                description=c.text(item, "description", path, required=False),
                part_of=c.identifier(item, "part_of", path, required=False),
                start=c.date_value(item, "start", path) if "start" in fields else None,
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                kind=choices["kind"], counts=choices["counts"],
                location=Location(c.file, item.line)))
    return entries


def _check_unique(c: _Collector, what: str, values: Iterable[Source | RegistryEntry | Claim],
                  known: set[str] | None = None) -> set[str]:
    seen: set[str] = set(known or ())
    for value in values:
        if value.id in seen:
            line = value.location.line if value.location else None
            c.problem(line, f"{what}.id", f"duplicate id {value.id!r}")
        seen.add(value.id)
    return seen


def _check_source_links(c: _Collector, sources: Iterable[Source], known: set[str]) -> None:
    for source in sources:
        line = source.location.line if source.location else None
        links = [("affiliation", source.affiliation), ("part_of", source.part_of)]
        links += [("may_include", s) for s in source.may_include]
        links += [("allied_with", s) for s in source.allied_with]
        for field, target in links:
            if target and target not in known:
                c.problem(line, f"sources[{source.id}].{field}", f"unknown source {target!r}")


def read_registry(path: Path, base: Registry | None = None) -> Registry:
    """Read a registry file; raise :class:`ValidationError` listing every problem. Its links
    (``affiliation``, ``part_of``...) may name entries of ``base``, the registry it is read
    over."""
    c = _Collector(_display(path))
    node = read_yaml(path, display=c.file)
    c.unknown_keys(node, ("sources", *ENTRY_FIELDS), "")
    base = base or Registry()
    sources = _read_sources(c, node, "sources")
    sections = {key: _read_entries(c, node, key) for key in ENTRY_FIELDS}
    source_ids = _check_unique(c, "sources", sources)
    _check_source_links(c, sources, source_ids | base.source_ids())
    inherited = {key: {e.id for e in getattr(base, key)} for key in ENTRY_FIELDS}
    for key, entries in sections.items():
        ids = _check_unique(c, key, entries) | inherited[key]
        if key == "events":  # an incident may be part of a place's events: "the Gaza war"
            ids |= {p.id for p in sections["places"]} | inherited["places"]
        what = key[:-1]
        for entry in entries:
            if entry.part_of and entry.part_of not in ids:
                c.problem(entry.location.line if entry.location else None,
                          f"{key}[{entry.id}].part_of", f"unknown {what} {entry.part_of!r}")
    if c.problems:
        raise ValidationError(c.problems)
    return Registry(sources=tuple(sources), places=tuple(sections["places"]),
                    events=tuple(sections["events"]), measures=tuple(sections["measures"]),
                    populations=tuple(sections["populations"]), file=c.file)


# ----------------------------------------------------------------------------------- claims

ARTICLE_FIELDS = ("id", "text", "title", "outlet", "published", "language", "url", "furniture")
CLAIM_FIELDS = ("id", "label", "claimants", "speaker", "role", "verb", "quote", "occurrence",
                "stated", "refers_to", "places", "actors", "quantities", "based_on", "note",
                *STANCE_KINDS)
QUANTITY_FIELDS = ("measure", "population", "words", "scope", "period", *BOUND_KINDS)


def _read_article(c: _Collector, node: LinedMap, base: Path) -> Article | None:
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
                      f"{_display(text_path)}")
        except UnicodeDecodeError as error:
            c.problem(article.line_of("text"), "article.text", f"{_display(text_path)} is not "
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


def _read_quantity(c: _Collector, item: LinedMap, path: str,
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


def _read_basis(c: _Collector, node: LinedMap, path: str) -> list[Basis]:
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


def _stance_targets(c: _Collector, node: LinedMap, key: str, path: str) -> tuple[str, ...]:
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


def _read_claim(c: _Collector, item: LinedMap, path: str, article: Article | None,
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
        note=c.text(item, "note", path, required=False),
        location=Location(c.file, item.line, tuple(item.key_lines.items())))


def _check_references(c: _Collector, claims: list[Claim], registry: Registry,
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
    c = _Collector(_display(path))
    node = read_yaml(path, display=c.file)
    c.unknown_keys(node, ("article", "sources", "claims"), "")
    article = _read_article(c, node, path.parent)
    local_sources = _read_sources(c, node, "sources")
    roles = vocabulary.role_ids()
    claims = []
    if "claims" not in node:
        c.problem(node.line, "claims", "missing; list the article's claims")
    for item_path, item in c.items(node, "claims", ""):
        claim = _read_claim(c, item, item_path, article, roles)
        if claim:
            claims.append(claim)
    _check_unique(c, "claims", claims)
    known = _check_unique(c, "sources", local_sources, registry.source_ids())
    _check_source_links(c, local_sources, known)
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
