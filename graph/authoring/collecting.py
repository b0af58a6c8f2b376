"""Collect every problem of an authoring file, with its file, line and field, before
raising them together: a curator fixes a file in one pass."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from claimgraph.errors import Problem
from claimgraph.graph.authoring.model import Claim, RegistryEntry, Source, TimeReference
from claimgraph.graph.authoring.yamlfile import LinedList, LinedMap
from claimgraph.graph.terms.identifiers import ID_PATTERN
from claimgraph.graph.text.timeexpr import TimeExpressionError, TimeInterval, resolve

__all__ = ["Collector", "check_unique", "display_path"]


class Collector:
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


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_unique(c: Collector, what: str, values: Iterable[Source | RegistryEntry | Claim],
                 known: set[str] | None = None) -> set[str]:
    """The ids of ``values`` (and ``known``); a problem for each id given twice."""
    seen: set[str] = set(known or ())
    for value in values:
        if value.id in seen:
            line = value.location.line if value.location else None
            c.problem(line, f"{what}.id", f"duplicate id {value.id!r}")
        seen.add(value.id)
    return seen
