"""The shipped graph: the Reuters report of 6 July 2019 on the Idlib offensive, every claim,
as every backend (tests/backends.py) holds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import claimgraph
from claimgraph.graph.backends.store import Solutions, Store

from ...backends import Backend

ARTICLE = "idlib-offensive-2019"
CLAIM = f"https://w3id.org/claimgraph/id/claim/{ARTICLE}/"
SOURCE = "https://w3id.org/claimgraph/id/source/"
CG = "https://w3id.org/claimgraph/ns#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

CUES = re.compile(r"\b(?:said in a statement|according to|said|says|say|told|deny|accuses|"
                  r"warned|declared)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?(?=\s)|\n[ \t]*\n")
ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Gen|Lt|Col)|\b[A-Z])\.$")


def articles_folder() -> Path:
    return claimgraph.shipped_data() / "articles"


def original_text() -> str:
    with open(articles_folder() / f"{ARTICLE}.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


def curated_claims() -> list[dict]:
    with open(articles_folder() / f"{ARTICLE}.claims.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["claims"]


@pytest.fixture
def store(backend: Backend) -> Store:
    return backend.seed()


def select(store: Store, query: str) -> list[dict[str, str | None]]:
    result = store.query(claimgraph.sparql_prefixes() + query)
    assert isinstance(result, Solutions)
    return result.records()


@pytest.fixture
def spans(store: Store) -> dict[str, dict[str, str]]:
    """claim id -> exact, start, end, prefix, suffix of its quote."""
    rows = select(store, """
        SELECT ?id ?exact ?start ?end ?prefix ?suffix WHERE {
          ?claim a cg:Claim ; dcterms:identifier ?id ; cg:quote ?span .
          ?span oa:hasSelector ?q, ?p .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        }""")
    return {row["id"]: row for row in rows}  # type: ignore[misc]


def offsets(row: dict[str, str]) -> tuple[int, int]:
    return int(row["start"]), int(row["end"])


def span_of_quote_containing(spans: dict[str, dict[str, str]], words: str) -> tuple[str, dict]:
    found = [(cid, row) for cid, row in spans.items()
             if words in row["exact"] or words in " ".join(row["exact"].split())]
    assert len(found) == 1, f"{words!r} is in {len(found)} quotes"
    return found[0]


def furniture_spans(store: Store, text: str) -> list[tuple[int, int]]:
    lines = [r["line"] for r in select(store, "SELECT ?line WHERE { ?a cg:furniture ?line }")]
    result = []
    for line in lines:
        start = text.index(line.strip())
        result.append((start, start + len(line.strip())))
    return sorted(result)


def sentences(text: str, removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; ``removed`` spans (page furniture) break sentences."""
    masked = list(text)
    for start, end in removed:
        masked[start:end] = "\n" * (end - start)
    text = "".join(masked)
    result, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match[0][0] == "." and ABBREVIATION.search(text[start:match.start() + 1]):
            continue
        result.append((start, match.end()))
        start = match.end()
    result.append((start, len(text)))
    return [(s, e) for s, e in result if text[s:e].strip()]


# ----------------------------------------------------------------------- quote round trip

def test_every_curated_claim_is_in_the_graph(spans: dict[str, dict[str, str]]) -> None:
    assert set(spans) == {claim["id"] for claim in curated_claims()}
    assert len(spans) == 20


def test_every_quote_round_trips_against_the_original_file(spans) -> None:
    text = original_text()
    for claim_id, row in spans.items():
        start, end = offsets(row)
        assert 0 <= start < end <= len(text), claim_id
        assert text[start:end] == row["exact"], claim_id
        assert row["prefix"] == text[max(0, start - 32):start], claim_id
        assert row["suffix"] == text[end:end + 32], claim_id


def test_every_quote_reads_as_the_curator_wrote_it(spans) -> None:
    def plain(quote: str) -> str:
        quote = re.sub(r"-[ \t]*\r?\n[ \t]*", "-", quote)
        quote = quote.translate({ord(c): '"' for c in "\u201c\u201d"})
        return " ".join(quote.translate({ord(c): "'" for c in "\u2018\u2019"}).split())

    for claim in curated_claims():
        assert plain(spans[claim["id"]]["exact"]) == plain(claim["quote"]), claim["id"]


def test_article_text_in_the_graph_is_the_original(store: Store) -> None:
    rows = select(store, "SELECT ?text WHERE { ?a a cg:Article ; schema:text ?text }")
    assert [row["text"] for row in rows] == [original_text()]


def test_quotes_round_trip_in_sparql_with_substr(store: Store) -> None:
    body = """
        ?claim a cg:Claim ; cg:quote ?span .
        ?span oa:hasSource ?article ; oa:hasSelector ?q, ?p .
        ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        ?article schema:text ?text ."""
    same = select(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ {body}
        FILTER (SUBSTR(?text, ?start + 1, ?end - ?start) = ?exact) }}""")
    assert same == [{"n": "20"}]
    different = select(store, f"""SELECT ?claim WHERE {{ {body}
        FILTER (SUBSTR(?text, ?start + 1, ?end - ?start) != ?exact) }}""")
    assert different == []


def test_wrapped_quotes_keep_their_line_breaks(spans) -> None:
    text = original_text()
    cid, row = span_of_quote_containing(spans, "deliberately targeting civilians")
    start = text.index("The Russian military and its Syrian ally")
    end = text.index("medical facilities bombed") + len("medical facilities bombed")
    assert (cid, offsets(row)) == ("snhr-deliberate-targeting", (start, end))
    assert row["exact"].count("\n") == 1
    assert "with a record\nnumber of" in row["exact"]
    wrapped = [cid for cid, row in spans.items() if "\n" in row["exact"]]
    assert len(wrapped) >= 10


def test_air_dropped_hyphenation_is_anchored(spans) -> None:
    text = original_text()
    cid, row = span_of_quote_containing(spans, "air-\ndropped")
    start = text.index("the Russian-Syrian joint military operation")
    end = text.index("in populated civilian areas") + len("in populated civilian areas")
    assert (cid, offsets(row)) == ("hrw-cluster-munitions", (start, end))
    assert "large air-\ndropped explosive weapons" in row["exact"]


def test_rebel_held_hyphenation_is_anchored(spans) -> None:
    text = original_text()
    cid, row = span_of_quote_containing(spans, "rebel-\nheld")
    start = text.index("Russian jets joined the Syrian army on April 26")
    end = text.index("his enemies since last summer") + len("his enemies since last summer")
    assert (cid, offsets(row)) == ("offensive-began", (start, end))
    assert "parts of rebel-\nheld Idlib province" in row["exact"]


def test_curly_quoted_un_statement_is_anchored(spans) -> None:
    text = original_text()
    cid, row = span_of_quote_containing(spans, "even wars have laws")
    start = text.index("Too many have died already")
    end = text.index("schools and markets") + len("schools and markets")
    assert (cid, offsets(row)) == ("humanitarian-wars-have-laws", (start, end))
    assert text[start - 1] == '"'  # the original opens with a straight quote...
    assert row["exact"].startswith(
        "Too many have died already\u201d and \u201ceven wars have laws\u201d they declared")
    assert text[end:end + 2] == ',"'  # ...and closes with a straight one after "markets,"


def test_uossm_quote_with_inner_sentence_is_anchored(spans) -> None:
    text = original_text()
    row = spans["uossm-war-crime"]
    start = text.index("To have these medical facilities")
    end = text.index("a war crime") + len("a war crime")
    assert offsets(row) == (start, end)
    assert "no\naccident. Let's call this" in row["exact"]
    # "every-day" is a real hyphen inside a line: kept as is
    assert spans["residents-weapons-paralyse-life"]["exact"].endswith("paralyze every-day life")


# -------------------------------------------------------------------------------- furniture

def test_related_article_lines_yield_no_claim(store: Store, spans) -> None:
    text = original_text()
    furniture = furniture_spans(store, text)
    assert [text[s:e][:17] for s, e in furniture] == ["Related article: "] * 2
    assert [text[s:e] for s, e in furniture] == [
        line.strip() for line in text.splitlines() if line.strip().startswith("Related article")]
    for claim_id, row in spans.items():
        start, end = offsets(row)
        for f_start, f_end in furniture:
            assert end <= f_start or start >= f_end, f"{claim_id} overlaps page furniture"


def test_a_quote_running_into_page_furniture_is_rejected(tmp_path: Path) -> None:
    # data/README.md: a quote that lies in page furniture is an error, also when it only
    # runs into it (regression: only the start of the span used to be checked).
    (tmp_path / "registry.yaml").write_text(
        "sources:\n  - {id: wire, kind: outlet, label: Wire}\n"
        "  - {id: org-a, kind: organisation, label: Org A}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Org A said ten people died.\nRelated article: Other news\n"
                                    "\nOrg A said more.\n", encoding="utf-8")
    (tmp_path / "a.claims.yaml").write_text(
        "article: {id: a, text: a.txt, title: T, outlet: wire, published: 2019-07-06,\n"
        "          furniture: ['Related article: Other news']}\n"
        "claims:\n  - {id: c1, label: L, claimants: [org-a],"
        " quote: 'ten people died. Related article'}\n", encoding="utf-8")
    with pytest.raises(claimgraph.ValidationError, match="quote overlaps page furniture"):
        claimgraph.check_files([tmp_path])


# --------------------------------------------------------------------------------- coverage

def test_every_sentence_with_an_attribution_cue_overlaps_a_claim(store: Store, spans) -> None:
    text = original_text()
    claim_spans = [offsets(row) for row in spans.values()]
    cued = [(s, e) for s, e in sentences(text, furniture_spans(store, text))
            if CUES.search(text[s:e])]
    assert len(cued) >= 14  # the splitter found the article's reported speech
    uncovered = [" ".join(text[s:e].split()) for s, e in cued
                 if not any(cs < e and s < ce for cs, ce in claim_spans)]
    assert uncovered == []


def test_sentence_splitter_keeps_abbreviations_together(store: Store) -> None:
    text = original_text()
    found = [" ".join(text[s:e].split()) for s, e in sentences(text, furniture_spans(store, text))]
    assert any(s.startswith("Last month U.S.-based Human Rights Watch said") for s in found)
    assert any(s.startswith("Let's call this by what it is, a war crime,\" Dr. Khaula Sawah")
               for s in found)
    assert not any(s.startswith("Related article") for s in found)


def test_reporting_verb_is_written_in_the_claims_sentence(store: Store, spans) -> None:
    text = original_text()
    all_sentences = sentences(text, furniture_spans(store, text))
    rows = select(store, "SELECT ?id ?verb WHERE { ?c a cg:Claim ; dcterms:identifier ?id ;"
                         " cg:reportingVerb ?verb }")
    assert len(rows) == 19  # every claim but Reuters' own reporting
    continued = set()
    for row in rows:
        start, end = offsets(spans[row["id"]])
        first = min(i for i, (s, e) in enumerate(all_sentences) if s < end and start < e)
        last = max(i for i, (s, e) in enumerate(all_sentences) if s < end and start < e)

        def has_verb(sentences: list[tuple[int, int]], verb: str = row["verb"]) -> bool:
            words = " ".join(" ".join(text[s:e] for s, e in sentences).split())
            return verb.lower() in words.lower()

        if not has_verb(all_sentences[first:last + 1]):
            # reported speech continued from the previous sentence of the same paragraph
            assert first > 0 and has_verb(all_sentences[first - 1:first]), row["id"]
            assert "\n\n" not in text[all_sentences[first - 1][0]:start], row["id"]
            continued.add(row["id"])
    assert continued == {"snhr-injured"}


# ------------------------------------------------------------------------------ attribution

def test_every_claim_is_attributed_and_every_source_labelled(store: Store) -> None:
    assert select(store, "SELECT ?c WHERE { ?c a cg:Claim "
                         "FILTER NOT EXISTS { ?c prov:wasAttributedTo ?s } }") == []
    unlabelled = select(store, """SELECT DISTINCT ?s WHERE {
        { ?x prov:wasAttributedTo|cg:actor|cg:claimant|cg:onBehalfOf|prov:agent ?s }
        UNION { ?s a/rdfs:subClassOf* cg:Source }
        FILTER NOT EXISTS { ?s rdfs:label ?label } }""")
    assert unlabelled == []


def test_claimants_are_those_curated(store: Store) -> None:
    rows = select(store, "SELECT ?id ?who WHERE { ?c a cg:Claim ; dcterms:identifier ?id ;"
                         " cg:claimant/dcterms:identifier ?who }")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["id"], set()).add(row["who"])
    assert found == {c["id"]: set(c["claimants"]) for c in curated_claims()}


def test_snhr_chairman_speaks_for_snhr(store: Store) -> None:
    rows = select(store, """SELECT ?claim ?speaker ?agent ?role ?behalf ?verb ?name WHERE {
        ?claim cg:quote/oa:hasSelector/oa:exact ?exact ;
               cg:speaker ?speaker ; cg:reportingVerb ?verb ;
               prov:qualifiedAttribution ?a .
        ?a a prov:Attribution ; prov:agent ?agent ; prov:hadRole ?role ; cg:onBehalfOf ?behalf .
        ?speaker rdfs:label ?name .
        FILTER CONTAINS(?exact, "deliberately targeting civilians") }""")
    assert rows == [{
        "claim": CLAIM + "snhr-deliberate-targeting", "speaker": SOURCE + "fadel-abdul-ghany",
        "agent": SOURCE + "fadel-abdul-ghany", "role": CG + "Chairman",
        "behalf": SOURCE + "snhr", "verb": "told Reuters", "name": "Fadel Abdul Ghany"}]
    attributed = select(store, "SELECT ?s WHERE { <" + CLAIM + "snhr-deliberate-targeting>"
                               " prov:wasAttributedTo ?s } ORDER BY ?s")
    assert [r["s"] for r in attributed] == [SOURCE + "fadel-abdul-ghany", SOURCE + "snhr"]
    person = select(store, "SELECT ?org ?role WHERE { source:fadel-abdul-ghany a cg:Person ;"
                           " cg:affiliation ?org ; cg:role ?role }")
    assert person == [{"org": SOURCE + "snhr", "role": CG + "Chairman"}]


def test_reuters_reports_every_claim_of_the_article(store: Store) -> None:
    rows = select(store, """SELECT ?outlet ?name ?article (COUNT(?c) AS ?n) WHERE {
        ?c a cg:Claim ; cg:reportedBy ?outlet ; cg:appearsIn ?article .
        ?outlet a cg:Outlet ; rdfs:label ?name } GROUP BY ?outlet ?name ?article""")
    assert rows == [{"outlet": SOURCE + "reuters", "name": "Reuters", "n": "20",
                     "article": f"https://w3id.org/claimgraph/id/article/{ARTICLE}"}]


def test_article_metadata(store: Store) -> None:
    result = store.query(claimgraph.sparql_prefixes() + """
        SELECT ?published ?publisher ?headline ?language WHERE {
          ?a a cg:Article ; dcterms:identifier "idlib-offensive-2019" ;
             schema:datePublished ?published ; schema:publisher ?publisher ;
             schema:headline ?headline ; schema:inLanguage ?language }""")
    assert isinstance(result, Solutions)
    assert result.records() == [{
        "published": "2019-07-06", "publisher": SOURCE + "reuters", "language": "en",
        "headline": "At least 544 civilians killed in Russian-led offensive on Idlib, "
                    "rights groups say"}]
    assert result.rows[0][0].datatype == XSD_DATE


def test_hrw_claim_is_derived_from_first_responders_and_witnesses(store: Store) -> None:
    rows = select(store, """SELECT ?label ?source WHERE {
        ?claim dcterms:identifier "hrw-cluster-munitions" ; prov:wasDerivedFrom ?report .
        ?report a cg:Report ; rdfs:label ?label ; prov:wasAttributedTo ?source }
        ORDER BY ?label""")
    assert rows == [
        {"label": "reports by first responders", "source": SOURCE + "first-responders"},
        {"label": "reports by witnesses", "source": SOURCE + "witnesses"},
    ]


# ------------------------------------------------------------------------------------ times

@pytest.mark.parametrize(("claim", "link", "expression", "earliest", "latest", "day"), [
    ("hrw-cluster-munitions", "cg:statedAt", "Last month", "2019-06-01", "2019-06-30",
     "2019-06-03"),
    ("mhambil-barrel-bombs", "cg:refersToTime", "On Friday", "2019-07-05", "2019-07-05",
     "2019-07-05"),
    ("kafr-nabl-hospital", "cg:refersToTime", "Last Thursday", "2019-07-04", "2019-07-04",
     "2019-07-04"),
    ("lead-casualties", "cg:statedAt", "on Saturday", "2019-07-06", "2019-07-06", "2019-07-06"),
    ("humanitarian-brink-of-disaster", "cg:statedAt", "at the end of last month",
     "2019-06-21", "2019-06-30", None),
])
def test_time_references(store: Store, claim: str, link: str, expression: str, earliest: str,
                         latest: str, day: str | None) -> None:
    rows = select(store, f"""SELECT ?expression ?earliest ?latest ?day WHERE {{
        <{CLAIM}{claim}> {link} ?t . ?t a cg:TimeReference ; cg:expression ?expression ;
        cg:earliest ?earliest ; cg:latest ?latest . OPTIONAL {{ ?t cg:date ?day }} }}""")
    assert rows == [{"expression": expression, "earliest": earliest, "latest": latest,
                     "day": day}]


# ------------------------------------------------------------------------------- quantities

@pytest.mark.parametrize(("claim", "words", "bound", "stated", "minimum", "maximum"), [
    ("lead-casualties", "At least 544", "AtLeast", "544", "544", None),
    ("lead-casualties", "over 2,000", "MoreThan", "2000", "2001", None),
    ("snhr-civilians-killed", "the 544 civilians killed", "Exact", "544", "544", "544"),
    ("snhr-injured", "Another 2,117", "Exact", "2117", "2117", "2117"),
    ("humanitarian-brink-of-disaster", "3 million civilian lives", "Approximately", "3000000",
     "2500000", "3499999"),
    ("kafr-nabl-hospital", "hundreds of thousands", "Between", "200000", "200000", "999999"),
])
def test_quantities(store: Store, claim: str, words: str, bound: str, stated: str,
                    minimum: str, maximum: str | None) -> None:
    rows = select(store, f"""SELECT ?bound ?stated ?min ?max WHERE {{
        <{CLAIM}{claim}> cg:hasQuantity ?q . ?q cg:words "{words}" ; cg:bound ?bound ;
        cg:statedValue ?stated ; cg:minValue ?min . OPTIONAL {{ ?q cg:maxValue ?max }} }}""")
    assert rows == [{"bound": CG + bound, "stated": stated, "min": minimum, "max": maximum}]


# ----------------------------------------------------------------------------------- stances

def test_russian_syrian_denial_denies_hrw_and_snhr(store: Store) -> None:
    rows = select(store, f"""SELECT ?denied WHERE {{
        <{CLAIM}russia-syria-deny> cg:denies/dcterms:identifier ?denied }} ORDER BY ?denied""")
    denied = [row["denied"] for row in rows]
    assert "hrw-cluster-munitions" in denied
    assert "snhr-deliberate-targeting" in denied
    claimants = select(store, f"""SELECT ?who WHERE {{
        <{CLAIM}russia-syria-deny> cg:claimant/dcterms:identifier ?who }} ORDER BY ?who""")
    assert [row["who"] for row in claimants] == ["russia", "syrian-army"]


# ------------------------------------------------------------------------------------- SHACL

def test_shipped_data_conforms_to_the_shapes() -> None:
    checked = claimgraph.check_files([claimgraph.shipped_data()])
    assert [a.claims.article.id for a in checked.articles] == [ARTICLE]
    assert len(checked.articles[0].claims.claims) == 20
    assert "reuters" in checked.registry.source_ids()
