"""A claim whose quote is wrong still has its references checked: one pass lists everything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import claimgraph

DATA = Path(__file__).resolve().parents[3] / "data"


def test_a_bad_quote_does_not_hide_the_claims_other_problems(tmp_path: Path) -> None:
    shutil.copy(DATA / "registry.yaml", tmp_path / "registry.yaml")
    (tmp_path / "a.txt").write_text("Org A said ten people died.\n", encoding="utf-8")
    (tmp_path / "a.claims.yaml").write_text(
        "article: {id: a, text: a.txt, title: T, outlet: reuters, published: 2019-07-06}\n"
        "claims:\n"
        "  - id: c1\n"
        "    label: L\n"
        "    claimants: [nobody]\n"
        "    quote: eleven people died\n"
        "    denies: [missing]\n", encoding="utf-8")
    with pytest.raises(claimgraph.ValidationError) as caught:
        claimgraph.check_files([tmp_path])
    found = [(p.line, p.field, p.message.split(":")[0]) for p in caught.value.problems]
    assert found == [
        (5, "claims[c1].claimants", "unknown source 'nobody'"),
        (6, "claims[0].quote", "quote not found in the article text"),
        (7, "claims[c1].denies", "unknown claim 'missing'"),
    ]
