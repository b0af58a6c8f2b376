"""Source resolution: names, speakers and roles resolve to known sources at the right
granularity; near misses become new sources for review; Wikidata ids ship as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from claimgraph import ValidationError
from claimgraph.graph.authoring.checking import shipped_data
from claimgraph.graph.authoring.parsing import read_registry
from claimgraph.graph.authoring.rdf import registry_to_rdf
from claimgraph.graph.authoring.shapes import check_shapes
from claimgraph.graph.sources.resolution import Resolution, SourceResolver
from claimgraph.graph.terms.namespaces import SCHEMA, entity_iri

REGISTRY = read_registry(shipped_data() / "registry.yaml")


@pytest.fixture
def resolver() -> SourceResolver:
    return SourceResolver(REGISTRY.sources)


@pytest.mark.parametrize("name", ["SNHR", "the Syrian Network for Human Rights",
                                  "The Syrian Network for Human Rights (SNHR), which monitors "
                                  "casualties"])
def test_names_of_snhr(resolver: SourceResolver, name: str) -> None:
    assert resolver.resolve(name) == Resolution(("snhr",))


@pytest.mark.parametrize("phrase", ["Fadel Abdul Ghany, chairman of SNHR",
                                    "SNHR chairman Fadel Abdul Ghany",
                                    "Fadel Abdul Ghany, the Syrian Network for Human Rights' "
                                    "chairman", "Fadel Abdul Ghany"])
def test_a_speaker_in_a_role(resolver: SourceResolver, phrase: str) -> None:
    assert resolver.resolve(phrase) == Resolution(("snhr",), "fadel-abdul-ghany", "chairman")


@pytest.mark.parametrize(("name", "source"), [
    ("Moscow", "russia"), ("Russia", "russia"), ("the Kremlin", "russia"),
    ("the Russian Defence Ministry", "russian-defence-ministry"),
    ("the Russian Defense Ministry", "russian-defence-ministry"),
    ("Russia's Defence Ministry", "russian-defence-ministry"),
    ("Damascus", "syrian-government"), ("its Syrian army ally", "syrian-army"),
    ("U.S.-based Human Rights Watch", "hrw"), ("the U.N.", "united-nations"),
    ("a Russian Defence Ministry spokesman", "russian-defence-ministry"),
    ("a spokeswoman for the Russian Defence Ministry", "russian-defence-ministry"),
])
def test_governments_at_the_right_granularity(resolver: SourceResolver, name: str,
                                               source: str) -> None:
    assert resolver.resolve(name).claimants == (source,)


def test_the_defence_ministry_is_part_of_the_russian_government() -> None:
    ministry = next(s for s in REGISTRY.sources if s.id == "russian-defence-ministry")
    assert (ministry.kind, ministry.part_of) == ("government", "russia")


@pytest.mark.parametrize(("name", "new_id"), [
    ("Syrian Network for Human Rights Monitor", "syrian-network-for-human-rights-monitor"),
    ("Human Rights Foundation", "human-rights-foundation"),
    ("the Syrian Observatory for Human Rights", "syrian-observatory-for-human-rights"),
    ("the Russian Defence Ministers", "russian-defence-ministers"),
])
def test_near_misses_become_new_sources(resolver: SourceResolver, name: str,
                                        new_id: str) -> None:
    resolved = resolver.resolve(name)
    assert resolved.claimants == (new_id,)
    assert resolved.unresolved
    assert new_id in resolver.proposed
    assert resolver.lookup(name) == new_id  # the same name later is the same new source


def test_new_person_with_a_new_organisation(resolver: SourceResolver) -> None:
    resolved = resolver.resolve("Dr. Jane Roe, spokeswoman for the Example Monitor, which "
                                "counts casualties")
    assert resolved == Resolution(("example-monitor",), "jane-roe", "spokesperson",
                                  ("Example Monitor", "Jane Roe"))
    person = resolver.proposed["jane-roe"]
    assert (person.kind, person.affiliation, person.role) == ("person", "example-monitor",
                                                               "spokesperson")
    assert resolver.proposed["example-monitor"].kind == "organisation"


def test_a_minister_speaks_for_the_ministry(resolver: SourceResolver) -> None:
    resolved = resolver.resolve("Interior Minister Jean Dupont")
    assert resolved == Resolution(("interior-ministry",), "jean-dupont", "minister",
                                  ("Interior Ministry", "Jean Dupont"))


def test_the_group_refers_back_only_to_a_group(resolver: SourceResolver) -> None:
    monitor = resolver.resolve("the Example Monitor").claimants
    assert resolver.resolve("Jane Roe, a spokeswoman for the group", previous=monitor) == (
        Resolution(monitor, "jane-roe", "spokesperson", ("Jane Roe",)))
    assert resolver.resolve("the ministry", previous=monitor).claimants == ("ministry",)
    assert resolver.resolve("the ministry", previous=("russian-defence-ministry",)) == (
        Resolution(("russian-defence-ministry",)))


def test_several_sources_pronouns_and_documents(resolver: SourceResolver) -> None:
    assert resolver.resolve("rights groups and rescuers").claimants == ("rights-groups",
                                                                        "rescuers")
    assert resolver.resolve("they", previous=("russia",)).claimants == ("russia",)
    assert resolver.resolve("the joint statement", previous=("hrw",)).claimants == ("hrw",)
    residents = resolver.resolve("local residents")
    assert resolver.proposed[residents.claimants[0]].kind == "collective"


# -- Wikidata identifiers -----------------------------------------------------------------

def test_wikidata_ids_become_schema_same_as() -> None:
    built = registry_to_rdf(REGISTRY)
    wikidata = {str(o) for o in built.graph.objects(entity_iri("source", "united-nations"),
                                                    SCHEMA.sameAs)}
    assert wikidata == {"http://www.wikidata.org/entity/Q1065"}
    assert (entity_iri("source", "hrw"), SCHEMA.sameAs,
            URIRef("http://www.wikidata.org/entity/Q187052")) in built.graph
    # a government is not its country: no sameAs to the state's item
    assert not list(built.graph.objects(entity_iri("source", "russia"), SCHEMA.sameAs))
    assert check_shapes(built) == []


def test_a_malformed_wikidata_id_is_reported(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text("sources:\n  - id: un\n    kind: organisation\n    label: UN\n"
                        "    wikidata: q1065\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        read_registry(registry)
    [problem] = error.value.problems
    assert (problem.line, problem.field) == (5, "sources[0].wikidata")
    assert "'q1065' is not a Wikidata item id: write Q and its number" in problem.message
