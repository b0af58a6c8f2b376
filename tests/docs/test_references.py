"""The generated references leave nothing out: every vocabulary term, every command-line
option, environment variable and API setting, every status rule, and ten or more cookbook
questions. (cog --check in test_pages.py catches drift; these name what is missing.)"""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

from rdflib import Graph, URIRef

from claimgraph.api.settings import Settings
from claimgraph.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CG = "https://w3id.org/claimgraph/ns#"
REGENERATE = "run `make docs`"


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_vocabulary_page_has_every_term() -> None:
    vocabulary = Graph().parse(ROOT / "ontology" / "claimgraph.ttl")
    terms = {f"cg:{s[len(CG):]}" for s in vocabulary.subjects()
             if isinstance(s, URIRef) and str(s).startswith(CG)}
    page = _page("vocabulary.md")
    missing = sorted(t for t in terms if f"`{t}`" not in page and f"### {t}\n" not in page)
    assert len(terms) > 80
    assert missing == [], REGENERATE


def test_vocabulary_page_has_a_diagram_of_a_claims_chain() -> None:
    page = _page("vocabulary.md")
    diagram = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    for link in ("cg:claimant", "cg:speaker", "cg:role", "cg:reportedBy", "cg:appearsIn",
                 "cg:quote", "oa:hasSelector", "oa:start", "oa:exact", "cg:status"):
        assert f'"{link}"' in diagram


def _all_options() -> set[str]:
    parser = build_parser()
    parsers = [parser] + [sub for action in parser._actions
                          if isinstance(action, argparse._SubParsersAction)
                          for sub in action.choices.values()]
    return {option for p in parsers for action in p._actions
            for option in action.option_strings if option not in ("-h", "--help")}


def test_configuration_page_has_every_option_variable_and_setting() -> None:
    page = _page("configuration.md")
    options = _all_options()
    assert {"--store", "--format", "--token-file", "--timeout"} <= options
    assert sorted(o for o in options if f"`{o}`" not in page) == [], REGENERATE
    fields = [f.name for f in dataclasses.fields(Settings)]
    assert sorted(f for f in fields if f"`{f}`" not in page) == [], REGENERATE
    variables = {v for folder in ("claimgraph", "graph", "api")
                 for path in (ROOT / folder).rglob("*.py")
                 for v in re.findall(r'"(CLAIMGRAPH_[A-Z_]+)"', path.read_text("utf-8"))}
    assert {"CLAIMGRAPH_STORE", "CLAIMGRAPH_TOKEN"} <= variables
    assert sorted(v for v in variables if f"`{v}`" not in page) == [], REGENERATE


def test_statuses_page_quotes_every_rule() -> None:
    page = _page("statuses.md")
    rules = sorted((ROOT / "ontology" / "rules").glob("*/*.rq"))
    assert len(rules) >= 7
    for rule in rules:
        first = rule.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
        assert f"### {rule.stem}\n" in page and first in page, f"{rule.name}: {REGENERATE}"


def test_cookbook_answers_ten_questions_with_its_own_query_files() -> None:
    page = _page("cookbook.md")
    shown = re.findall(r'cogtools\.console\("claimgraph query --width 120 (docs/cookbook/[\w-]+'
                       r'\.rq)"\)', page)
    assert len(shown) >= 10
    used = "".join(_page(p.name) for p in DOCS.glob("*.md"))
    orphans = [p.name for p in (DOCS / "cookbook").glob("*.rq") if f"cookbook/{p.name}" not in used]
    assert orphans == []
