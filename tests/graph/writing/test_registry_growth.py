"""Loading one folder of articles grows the stored registry; it never drops the sources the
articles of another folder use."""

from __future__ import annotations

from pathlib import Path

import yaml

import claimgraph
from claimgraph.graph.backends.embedded import EmbeddedStore
from claimgraph.graph.backends.store import Solutions
from claimgraph.graph.terms.namespaces import REGISTRY_GRAPH


def _write_folder(folder: Path, label: str) -> Path:
    folder.mkdir()
    registry = {"sources": [
        {"id": "example-monitor", "kind": "organisation", "label": label},
        {"id": "reuters", "kind": "outlet", "label": "Reuters news agency"},
    ]}
    (folder / "registry.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    (folder / "a.txt").write_text("At least 40 civilians were killed, the monitor said.\n",
                                  encoding="utf-8")
    claims = {"article": {"id": f"{folder.name}-a", "text": "a.txt", "title": "A",
                          "outlet": "reuters", "published": "2024-05-07"},
              "claims": [{"id": "c1", "label": "40 killed", "claimants": ["example-monitor"],
                          "quote": "At least 40 civilians were killed"}]}
    (folder / "a.claims.yaml").write_text(yaml.safe_dump(claims), encoding="utf-8")
    return folder


def _label(store: EmbeddedStore, source: str) -> list[str | None]:
    result = store.query(f"SELECT ?l WHERE {{ GRAPH <{REGISTRY_GRAPH}> {{ "
                         f"<https://w3id.org/claimgraph/id/source/{source}> "
                         "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    assert isinstance(result, Solutions)
    return result.column("l")


def test_a_second_folder_adds_to_the_registry_and_redefines_only_its_own(
        tmp_path: Path) -> None:
    store = EmbeddedStore(None)
    claimgraph.load_files(store)  # the shipped seed: SNHR, HRW, Reuters ...
    claimgraph.load_files(store, [_write_folder(tmp_path / "first", "Example Monitor")])
    assert _label(store, "snhr") == ["Syrian Network for Human Rights"]
    assert _label(store, "example-monitor") == ["Example Monitor"]
    claimgraph.load_files(store, [_write_folder(tmp_path / "second", "The Example Monitor")])
    assert _label(store, "snhr") == ["Syrian Network for Human Rights"]  # kept
    assert _label(store, "example-monitor") == ["The Example Monitor"]  # described anew
    assert _label(store, "reuters") == ["Reuters news agency"]  # its one label, not two
