"""Bad authoring input: every problem is reported exactly (file, line, field, message) and a
load that meets any problem writes nothing at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimgraph
from claimgraph import Problem, Store, ValidationError

from ...backends import Backend

REGISTRY = claimgraph.shipped_data() / "registry.yaml"
ARTICLE_GRAPH = "https://w3id.org/claimgraph/graph/article/town-report"

TEXT = """\
Rebels said on Friday that 12 people were killed in the town.
The army denied it and said the town was quiet.
Related article: Nothing to see here
The army said the town was quiet.
"""

HEADER = """\
article:
  id: town-report
  text: town.txt
  title: Twelve killed in town, rebels say
  outlet: reuters
  published: 2019-07-06
  furniture:
    - "Related article: Nothing to see here"
claims:
"""

REBELS = """\
  - id: rebels-twelve-killed
    label: Rebels say 12 people were killed
    claimants: [rebels]
    verb: said
    quote: 12 people were killed in the town
    stated: on Friday
"""

ARMY = """\
  - id: army-denies
    label: The army denies that 12 people were killed
    claimants: [syrian-army]
    verb: denied
    quote: The army denied it
    denies: [rebels-twelve-killed]
"""


def write_article(folder: Path, document: str, *, text: str | bytes | None = TEXT,
                  name: str = "town") -> Path:
    """Write the registry, ``articles/<name>.txt`` and ``articles/<name>.claims.yaml``."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    shutil.copy(REGISTRY, folder / "registry.yaml")
    if isinstance(text, bytes):
        (folder / "articles" / f"{name}.txt").write_bytes(text)
    elif text is not None:
        (folder / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
    path = folder / "articles" / f"{name}.claims.yaml"
    path.write_text(document, encoding="utf-8")
    return path


def line_of(document: str, needle: str) -> int:
    """The 1-based line of ``document`` holding ``needle``, which must occur on one line only."""
    lines = [n for n, line in enumerate(document.splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]


def expect(problem: Problem, path: Path, line: int | None, field: str, *words: str) -> None:
    assert Path(problem.file).resolve() == path.resolve()
    assert (problem.line, problem.field) == (line, field), problem
    for word in words:
        assert word in problem.message, problem


@pytest.fixture
def store(backend: Backend) -> Store:
    """The shipped data, loaded once per backend: every rejected load below must leave it as
    it is."""
    return backend.seed()


def rejected(store: Store, *paths: Path) -> list[Problem]:
    """Check and load ``paths``: both must fail with the same problems and write nothing."""
    before = (store.count_triples(), store.named_graphs(), store.export("nquads"))
    with pytest.raises(ValidationError) as checked:
        claimgraph.check_files(list(paths))
    with pytest.raises(ValidationError) as loaded:
        claimgraph.load_files(store, list(paths))
    assert loaded.value.problems == checked.value.problems
    assert (store.count_triples(), store.named_graphs(), store.export("nquads")) == before
    assert ARTICLE_GRAPH not in store.named_graphs()
    return checked.value.problems


def test_the_small_article_itself_is_valid(tmp_path: Path) -> None:
    path = write_article(tmp_path, HEADER + REBELS + ARMY)
    checked = claimgraph.check_files([tmp_path])
    [article] = checked.articles
    assert [c.id for c in article.claims.claims] == ["rebels-twelve-killed", "army-denies"]
    assert article.claims.claims[0].quote.start == TEXT.index("12 people were killed")
    assert Path(article.claims.file).resolve() == path.resolve()


# Each case: the claims after HEADER, the text on the offending line, the field, key words.
CLAIM_CASES = [
    pytest.param(REBELS.replace("were killed in", "died in"), "quote: 12 people died",
                 "claims[0].quote", ("quote not found in the article text",
                                     "'12 people died in the town'", "first 2 word(s) match"),
                 id="quote-not-found"),
    pytest.param(REBELS.replace("12 people were killed in the town", "said the town was quiet"),
                 "quote: said the town", "claims[0].quote",
                 ("quote occurs 2 times", "give 'occurrence'"), id="quote-found-twice"),
    pytest.param(REBELS.replace("12 people were killed in the town", "Nothing to see here"),
                 "quote: Nothing", "claims[0].quote", ("overlaps page furniture",),
                 id="quote-in-furniture"),
    pytest.param(REBELS.replace("[rebels]", "[rebelz]"), "claimants: [rebelz]",
                 "claims[rebels-twelve-killed].claimants",
                 ("unknown source 'rebelz'", "in the registry"), id="unknown-claimant"),
    pytest.param(REBELS + "    speaker: nobody-known\n", "speaker: nobody-known",
                 "claims[rebels-twelve-killed].speaker",
                 ("unknown source 'nobody-known'",), id="unknown-speaker"),
    pytest.param(REBELS + "    speaker: fadel-abdul-ghany\n    role: emperor\n", "role: emperor",
                 "claims[0].role", ("unknown role 'emperor'", "known roles: chairman"),
                 id="unknown-role"),
    pytest.param(REBELS + ARMY.replace("[rebels-twelve-killed]", "[no-such-claim]"),
                 "denies: [no-such-claim]", "claims[army-denies].denies",
                 ("unknown claim 'no-such-claim'", "in this file"), id="unknown-stance-target"),
    pytest.param(REBELS + "    refers_to: at teatime\n", "refers_to: at teatime",
                 "claims[0].refers_to", ("cannot resolve the time expression 'at teatime'",),
                 id="unresolvable-time"),
    pytest.param(REBELS + "    refers_to: {expression: last month, date: 2019-07-02}\n",
                 "refers_to: {", "claims[0].refers_to.date",
                 ("2019-07-02 is outside 'last month'", "2019-06-01 .. 2019-06-30"),
                 id="pinned-date-outside-expression"),
    pytest.param(REBELS + "    refers_to: 2019-07-09\n", "refers_to: 2019-07-09",
                 "claims[0].refers_to",
                 ("2019-07-09 is after the publication date 2019-07-06",),
                 id="date-after-publication"),
    pytest.param(REBELS + "    label: Rebels say it again\n", "label: Rebels say it again",
                 "label", ("duplicate key",), id="duplicate-yaml-key"),
    pytest.param(REBELS.replace("    verb: said", "   verb: said"), "   verb: said", "",
                 ("malformed YAML",), id="malformed-yaml"),
    pytest.param(REBELS.replace("    label: Rebels say 12 people were killed\n", ""),
                 "- id: rebels", "claims[0].label", ("missing", "required"),
                 id="missing-label"),
    pytest.param(REBELS.replace("    quote: 12 people were killed in the town\n", ""),
                 "- id: rebels", "claims[0].quote", ("missing", "required"),
                 id="missing-quote"),
    pytest.param(REBELS.replace("    claimants: [rebels]\n", ""), "- id: rebels",
                 "claims[0].claimants", ("missing", "at least one"), id="missing-claimants"),
]


@pytest.mark.parametrize(("claims", "needle", "field", "words"), CLAIM_CASES)
def test_one_bad_claim_is_reported_exactly_and_loads_nothing(
        tmp_path: Path, store: Store, claims: str, needle: str, field: str,
        words: tuple[str, ...]) -> None:
    document = HEADER + claims
    path = write_article(tmp_path, document)
    [problem] = rejected(store, tmp_path)
    expect(problem, path, line_of(document, needle), field, *words)


def test_occurrence_picks_one_of_a_repeated_quote(tmp_path: Path) -> None:
    claims = REBELS.replace("12 people were killed in the town", "said the town was quiet")
    write_article(tmp_path, HEADER + claims + "    occurrence: 2\n")
    [article] = claimgraph.check_files([tmp_path]).articles
    span = article.claims.claims[0].quote
    assert (span.start, span.exact) == (TEXT.rindex("said the town"), "said the town was quiet")


def test_impossible_publication_date(tmp_path: Path, store: Store) -> None:
    document = HEADER.replace("2019-07-06", "2019-13-45") + REBELS
    path = write_article(tmp_path, document)
    [problem] = rejected(store, tmp_path)
    expect(problem, path, line_of(document, "published:"), "article.published",
           "'2019-13-45'", "not a date")


def test_duplicate_claim_id(tmp_path: Path, store: Store) -> None:
    second = ARMY.replace("id: army-denies", "id: rebels-twelve-killed").replace(
        "    denies: [rebels-twelve-killed]\n", "")
    document = HEADER + REBELS + second
    path = write_article(tmp_path, document)
    [problem] = rejected(store, tmp_path)
    second_line = len((HEADER + REBELS).splitlines()) + 1
    expect(problem, path, second_line, "claims.id", "duplicate id 'rebels-twelve-killed'")


def test_unknown_field_is_named_with_its_line(tmp_path: Path, store: Store) -> None:
    document = HEADER + REBELS.replace("claimants:", "claimant:")
    path = write_article(tmp_path, document)
    missing, unknown = rejected(store, tmp_path)
    expect(missing, path, line_of(document, "- id: rebels"), "claims[0].claimants", "missing")
    expect(unknown, path, line_of(document, "claimant: [rebels]"), "claims[0].claimant",
           "unknown field", "expected one of:", "claimants")


def test_text_file_that_is_not_utf8(tmp_path: Path, store: Store) -> None:
    path = write_article(tmp_path, HEADER + REBELS,
                         text="Caf\xe9 12 people were killed in the town\n".encode("latin-1"))
    [problem] = rejected(store, tmp_path)
    expect(problem, path, line_of(HEADER, "text: town.txt"), "article.text",
           "town.txt is not UTF-8 text", "at byte 3")


def test_missing_text_file(tmp_path: Path, store: Store) -> None:
    path = write_article(tmp_path, HEADER + REBELS, text=None)
    [problem] = rejected(store, tmp_path)
    expect(problem, path, line_of(HEADER, "text: town.txt"), "article.text",
           "text file not found", "town.txt")


MANY_PROBLEMS = HEADER + """\
  - id: rebels-twelve-killed
    label: Rebels say 12 people were killed
    claimants: [rebels]
    quote: 12 people died in the town
    refers_to: at teatime
  - id: army-denies
    claimants: [syrian-army]
    speaker: fadel-abdul-ghany
    role: emperor
    quote: The army denied it
    notes: a typo for note
"""


def test_every_problem_of_a_file_is_listed(tmp_path: Path, store: Store) -> None:
    path = write_article(tmp_path, MANY_PROBLEMS)
    problems = rejected(store, tmp_path)
    expected = [
        (line_of(MANY_PROBLEMS, "quote: 12 people died"), "claims[0].quote", "not found"),
        (line_of(MANY_PROBLEMS, "at teatime"), "claims[0].refers_to", "cannot resolve"),
        (line_of(MANY_PROBLEMS, "- id: army-denies"), "claims[1].label", "missing"),
        (line_of(MANY_PROBLEMS, "role: emperor"), "claims[1].role", "unknown role 'emperor'"),
        (line_of(MANY_PROBLEMS, "notes:"), "claims[1].notes", "unknown field"),
    ]
    assert len(problems) == len(expected), problems
    for problem, (line, field, words) in zip(problems, sorted(expected), strict=True):
        expect(problem, path, line, field, words)


def test_a_valid_file_is_not_loaded_beside_an_invalid_one(tmp_path: Path, store: Store,
                                                          backend: Backend) -> None:
    good = write_article(tmp_path, HEADER + REBELS + ARMY)
    bad_document = HEADER.replace("id: town-report", "id: other-report") + REBELS.replace(
        "[rebels]", "[rebelz]")
    bad = write_article(tmp_path, bad_document, name="other")
    [problem] = rejected(store, good, bad)
    assert Path(problem.file).resolve() == bad.resolve()
    assert "unknown source 'rebelz'" in problem.message
    assert rejected(store, tmp_path) == [problem]
    assert "https://w3id.org/claimgraph/graph/article/other-report" not in store.named_graphs()
    fresh = backend.fresh()
    claimgraph.load_files(fresh, [good])  # alone, the valid file does load
    assert ARTICLE_GRAPH in fresh.named_graphs()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_validate_prints_one_line_per_problem(tmp_path: Path) -> None:
    document = HEADER + REBELS.replace("claimants:", "claimant:")
    write_article(tmp_path, document)
    result = run_cli("validate", ".", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines[0] == "2 problems found:"
    where = "articles/town.claims.yaml"
    assert lines[1] == f"{where}:10: claims[0].claimants: missing; give at least one id"
    assert lines[2].startswith(f"{where}:12: claims[0].claimant: unknown field; expected one "
                               "of: actors, based_on, claimants,")
    assert lines[2].endswith(", supports, verb")
    assert len(lines) == 3


def test_cli_validate_says_ok_for_a_valid_folder(tmp_path: Path) -> None:
    write_article(tmp_path, HEADER + REBELS + ARMY)
    result = run_cli("validate", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 2 files, 1 article(s), 2 claims,")
