"""Access to the data files in ``claimgraph.ontology``: vocabulary, shapes, rules."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import cast

from rdflib import Graph, Literal, URIRef

from claimgraph.graph.terms.namespaces import CG, RDF, RDFS

__all__ = [
    "ontology_file",
    "role_ids",
    "role_iri",
    "rule_files",
    "shapes",
    "status_labels",
    "status_precedence",
    "vocabulary",
]


def ontology_file(name: str) -> Traversable:
    """A file shipped in the ontology folder, e.g. ``claimgraph.ttl`` or ``rules``."""
    return resources.files("claimgraph.ontology").joinpath(name)


@cache
def vocabulary() -> Graph:
    """The vocabulary as an rdflib graph (parsed once)."""
    graph = Graph()
    graph.parse(data=ontology_file("claimgraph.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


@cache
def shapes() -> Graph:
    """The SHACL shapes as an rdflib graph (parsed once)."""
    graph = Graph()
    graph.parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


@cache
def _roles() -> dict[str, str]:
    graph = vocabulary()
    return {
        str(graph.value(role, RDFS.label)).replace(" ", "-"): str(role)
        for role in graph.subjects(RDF.type, CG.Role)
    }


def role_ids() -> set[str]:
    """The role names curators may write (``chairman``, ``vice-president``...)."""
    return set(_roles())


def role_iri(role_id: str) -> str:
    return _roles()[role_id]


def rule_files(stage: str) -> list[Traversable]:
    """The rules of one stage (``relations`` or ``status``), in file name order."""
    folder = ontology_file("rules").joinpath(stage)
    return sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)


@cache
def status_precedence() -> dict[str, int]:
    """Status IRI -> precedence (lowest wins; the highest is the default status)."""
    graph = vocabulary()
    return {str(status): int(cast(Literal, value))
            for status, value in graph.subject_objects(CG.precedence)}


@cache
def status_labels() -> dict[str, str]:
    """Status IRI -> its label ("contested", "corroborated", "single source")."""
    graph = vocabulary()
    return {status: str(graph.value(URIRef(status), RDFS.label)) for status in status_precedence()}
