"""Bad article input for drafting: each case gets a message naming the file, what is wrong
and what to do, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import ValidationError
from claimgraph.graph.text.article_input import MAX_ARTICLE_BYTES, check_article, read_article

ROOT = Path(__file__).resolve().parents[3]
FRENCH = ("Au moins 544 civils ont été tués et plus de 2 000 personnes blessées depuis le début "
          "de l'offensive menée par la Russie contre le dernier bastion rebelle du nord-ouest de "
          "la Syrie, ont déclaré samedi des groupes de défense des droits de l'homme.\n")
ARABIC = "قالت الشبكة السورية لحقوق الإنسان إن 544 مدنياً قتلوا منذ بدء الهجوم في إدلب قبل شهرين\n"


def _message(path: Path) -> str:
    with pytest.raises(ValidationError) as error:
        read_article(path)
    [problem] = error.value.problems
    assert problem.file == str(path)
    return problem.message


def test_the_seed_is_an_article() -> None:
    text = read_article(ROOT / "data" / "articles" / "idlib-offensive-2019.txt")
    assert text.startswith(" At least 544 civilians")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _message(path).startswith("the article is empty: save the article as UTF-8 plain "
                                     "text")


@pytest.mark.parametrize(("content", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF document, not text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "this is a ZIP archive (or a .docx/.odt document), not text"),
    (bytes(range(256)) * 8, "this is binary data, not text"),
    ("Caf\u00e9 said the market was open.".encode("latin-1") * 3, "not UTF-8 text (invalid "
                                                                   "byte at offset 3)"),
])
def test_binary(tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    message = _message(path)
    assert message.startswith(what)
    assert "save the article as UTF-8 plain text" in message


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The ministry said the road was closed, and residents said it was open.\n"
    with path.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > 50_000_000
    message = _message(path)
    assert message.startswith(f"{path.stat().st_size:,} bytes is more than the "
                              f"{MAX_ARTICLE_BYTES:,}-byte limit for one article")


@pytest.mark.parametrize("text", [FRENCH * 3, ARABIC * 3])
def test_another_language(tmp_path: Path, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    message = _message(path)
    assert message.startswith("the text does not look like English: 0% of its words")
    assert "write the claims file by hand (see data/README.md)" in message


def test_too_short_and_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Officials said so.", encoding="utf-8")
    assert _message(path).startswith("only 3 word(s): too short to be an article")
    assert _message(tmp_path) == "this is a folder: give the article's text file"
    assert _message(tmp_path / "missing.txt") == "file not found"


def test_checks_of_bytes_name_their_origin() -> None:
    with pytest.raises(ValidationError) as error:
        check_article(b"", "request body")
    assert str(error.value).startswith("1 problem found:\n  request body: the article is empty")
