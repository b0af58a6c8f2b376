"""The registry a claims file is checked with: the shipped one, and a folder's own over it.

The shipped registry (``data/registry.yaml``) holds what every article may share: the
measures and populations figures count, and well-known sources (the UN, Reuters, Human
Rights Watch). A folder of articles keeps its own ``registry.yaml`` for its own sources,
places and events; it *adds* to the shipped one, so that a project about another conflict
writes only what is new to it. An entry of the folder's registry with the id of a shipped
one replaces it for that folder (a curator who redefines ``reuters`` means it).
"""

from __future__ import annotations

import dataclasses
import logging
from importlib import resources
from pathlib import Path
from typing import TypeVar

from claimgraph.graph.authoring.model import Registry, RegistryEntry, Source
from claimgraph.graph.authoring.parsing import read_registry

__all__ = ["REGISTRY_NAME", "layered", "read_layered_registry", "shipped_data"]

log = logging.getLogger("claimgraph.registry")

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
