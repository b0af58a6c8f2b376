"""The registry a claims file is checked with: the shipped one, and a folder's own over it.

The shipped registry (``data/registry.yaml``) holds what every article may share: the
measures and populations figures count, and well-known sources (the UN, Reuters, Human
Rights Watch). A folder of articles keeps its own ``registry.yaml`` for its own sources,
places and events; it *adds* to the shipped one, so that a project about another conflict
writes only what is new to it. An entry of the folder's registry with the id of a shipped
one replaces it for that folder (a curator who redefines ``reuters`` means it).

:func:`read_registry` reads one registry file, its sources' and entries' links checked
against its own entries and those of the registry it is read over.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

from claimgraph.errors import ValidationError
from claimgraph.graph.authoring.collecting import Collector, check_unique, display_path
from claimgraph.graph.authoring.model import (
    EVENT_KINDS,
    MEASURE_COUNTS,
    SOURCE_KINDS,
    Location,
    Registry,
    RegistryEntry,
    Source,
)
from claimgraph.graph.authoring.yamlfile import LinedMap, read_yaml
from claimgraph.graph.terms import vocabulary

__all__ = ["REGISTRY_NAME", "check_source_links", "layered", "read_layered_registry",
           "read_registry", "read_sources", "shipped_data"]

log = logging.getLogger("claimgraph.registry")

WIKIDATA_ITEM = re.compile(r"Q[1-9][0-9]*")
"""A Wikidata item id: ``Q`` and its number."""

REGISTRY_NAME = "registry.yaml"


def shipped_data() -> Path:
    """The folder of articles and registry that ships with claimgraph."""
    return Path(str(resources.files("claimgraph.data")))


Entry = TypeVar("Entry", Source, RegistryEntry)


def _over(base: tuple[Entry, ...], own: tuple[Entry, ...]) -> tuple[Entry, ...]:
    ids: set[str] = {entry.id for entry in own}
    kept: list[Entry] = [entry for entry in base if entry.id not in ids]
    return tuple(kept) + own


def layered(base: Registry, own: Registry) -> Registry:
    """``own`` over ``base``: every entry of both, ``own``'s where an id is in both."""
    replaced = (base.source_ids() & own.source_ids())
    if replaced:
        log.info("%s redefines shipped source(s) %s", own.file, ", ".join(sorted(replaced)))
    return dataclasses.replace(
        own, sources=_over(base.sources, own.sources), places=_over(base.places, own.places),
        events=_over(base.events, own.events), measures=_over(base.measures, own.measures),
        populations=_over(base.populations, own.populations))


def read_layered_registry(path: Path) -> Registry:
    """The registry at ``path`` over the shipped one (the shipped one alone when ``path``
    is it). Raises :class:`~claimgraph.errors.ValidationError` listing every problem."""
    shipped = shipped_data() / REGISTRY_NAME
    if path.resolve() == shipped.resolve():
        return read_registry(shipped)
    base = read_registry(shipped)
    return layered(base, read_registry(path, base))


# ----------------------------------------------------------------------- reading a file


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


def read_sources(c: Collector, node: LinedMap, key: str) -> list[Source]:
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


def _read_entries(c: Collector, node: LinedMap, key: str) -> list[RegistryEntry]:
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


def check_source_links(c: Collector, sources: Iterable[Source], known: set[str]) -> None:
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
    c = Collector(display_path(path))
    node = read_yaml(path, display=c.file)
    c.unknown_keys(node, ("sources", *ENTRY_FIELDS), "")
    base = base or Registry()
    sources = read_sources(c, node, "sources")
    sections = {key: _read_entries(c, node, key) for key in ENTRY_FIELDS}
    source_ids = check_unique(c, "sources", sources)
    check_source_links(c, sources, source_ids | base.source_ids())
    inherited = {key: {e.id for e in getattr(base, key)} for key in ENTRY_FIELDS}
    for key, entries in sections.items():
        ids = check_unique(c, key, entries) | inherited[key]
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
