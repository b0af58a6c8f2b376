"""Resolve the names an article gives its sources to known sources, speakers and roles.

"SNHR", "the Syrian Network for Human Rights" and "Fadel Abdul Ghany, chairman of SNHR" all
name known sources: a name resolves when, after a few spelling-neutral normalisations, it
equals a source's label or one of its aliases. The normalisations are lower case, no full
stops ("U.N." is "UN"), no leading article or possessive ("the", "its"), no ``X-based``
("U.S.-based Human Rights Watch"), British spelling ("Defense", "organizations"), and a
trailing "ally" ("its Syrian army ally"). A name that is merely *similar* to a known one
("Human Rights Foundation") never resolves to it: it becomes a new source, flagged for review.

A phrase can also name a person and their role, or several sources at once:
``NAME, ROLE of ORG``, ``ORG ROLE NAME``, ``ROLE NAME``, ``A and B``; pronouns and "the
statement" refer back to the previous claimants.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from claimgraph.graph.authoring.model import Source
from claimgraph.graph.sources.names import name_key, slug
from claimgraph.graph.terms import vocabulary

__all__ = ["ROLE_WORDS", "Resolution", "SourceResolver", "name_key", "slug"]

ROLE_WORDS = {
    "chairman": "chairman", "chairwoman": "chairman", "chairperson": "chairman",
    "chair": "chairman", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson", "vice president": "vice-president",
    "vice-president": "vice-president", "director": "director", "head": "director",
    "minister": "minister", "president": "president", "governor": "governor",
    "mayor": "mayor", "commander": "commander", "head of mission": "head-of-mission",
    "coordinator": "coordinator", "representative": "representative",
    "secretary general": "secretary-general", "secretary-general": "secretary-general",
    "official": "official",
}  # fmt: skip
"""Role words as articles write them, and the role they name in the vocabulary."""

TITLES = re.compile(r"^(?:dr|mr|mrs|ms|prof|professor|gen|general|col|colonel|sheikh|sir)"
                    r"\.?\s+", re.IGNORECASE)
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "us", "our", "its", "their"})
DOCUMENT_NOUNS = (r"(?:statement|report|study|letter|communique|communiqué|release|document|"
                  r"survey|summary|bulletin|update|readout|figures|data|estimates?|count|"
                  r"tally|records|toll)")
DOCUMENTS = re.compile(rf"\b{DOCUMENT_NOUNS}$", re.IGNORECASE)
"""What a source publishes: "UN figures", "the ministry's weekly summary" name its author."""
GATHERED_BY = re.compile(
    r"^(?:(?:the|its|their|new|latest)\s+)*(?:[\w-]+\s+){0,2}?" + DOCUMENT_NOUNS
    + r"\s+(?:gathered|compiled|collected|published|released|issued|provided|kept|verified|"
    r"recorded|seen)\s+by\s+(?P<author>.+?)(?:\s+(?:from|among|across|since|over|during)\s.*)?$",
    re.IGNORECASE)
"""A document by its author: "figures gathered by X from the clinics it supports" is X's."""
GENERIC = frozenset([
    "group", "organisation", "organization", "monitor", "agency", "ministry", "network",
    "charity", "body", "union", "movement", "observatory", "watchdog", "company", "alliance",
    "coalition", "force", "forces", "army", "military", "government", "mission", "office",
    "council", "committee", "administration", "authority", "authorities", "service", "junta",
    "federation", "society", "association", "department", "commission", "agency's",
    "rescuers", "ngo", "charity", "paramilitary", "militia", "movement", "rebels",
])
"""Nouns that, with "the", name the source just mentioned: "the group's spokesperson"."""
OUTLET_NOUNS = frozenset(["channel", "broadcaster", "station", "newspaper", "paper", "daily",
                          "television", "tv", "weekly", "website"])
"""Nouns that, with "the", name the outlet just mentioned: "the channel said"."""
GOVERNMENT_WORDS = re.compile(r"\b(?:ministry|government|army|military|armed forces|navy|"
                              r"air force|police|cabinet|kremlin|presidency)\b", re.IGNORECASE)
ORGANISATION_WORDS = re.compile(
    r"\b(?:network|rights|union|organi[sz]ations?|group|council|committee|agency|watch|"
    r"foundation|institute|centre|center|society|association|federation|monitor|observatory|"
    r"office|fund|programme|program|commission|party|front|coalition|alliance|company|"
    r"corporation|news|press|times|post|radio|television|tv|university|hospital|ngo)\b",
    re.IGNORECASE)
UNITS = re.compile(r"(?:office|agency|department|commission|mission|council|bureau|unit|branch|"
                   r"committee|secretariat|directorate|command|service|team)")
"""Nouns that end the name of a part of an organisation: "the U.N. human rights office"."""
ADVERBS = re.compile(r"(?:\s+(?:also|too|later|again|further|previously|separately|earlier|"
                     r"however|meanwhile|now|then|repeatedly|subsequently))+$")
"""Adverbs between a source and its verb ("It also denied"): not part of the name."""
CONJUNCTIONS = re.compile(r"^(?:but|and|yet|still|meanwhile|however|separately),?\s+",
                          re.IGNORECASE)
@dataclass(frozen=True)
class Resolution:
    """Who a phrase of the article names: claimants, and a speaker and role when a person
    spoke for them. ``unresolved`` lists the names that matched no known source."""

    claimants: tuple[str, ...]
    speaker: str | None = None
    role: str | None = None
    unresolved: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    """What a reviewer should check about how the phrase was read."""


@dataclass
class SourceResolver:
    """Resolves names against known sources; unknown names become proposed new sources."""

    sources: Iterable[Source]
    proposed: dict[str, Source] = field(default_factory=dict)
    """New sources for unresolved names, by id, in the order they were first met."""
    recent: list[str] = field(default_factory=list)
    """The sources the text has named so far, the latest first: what "the group" or "the
    ministry" refers back to."""

    def __post_init__(self) -> None:
        self.sources = tuple(self.sources)
        self._by_id = {s.id: s for s in self.sources}
        self._keys: dict[str, str] = {}
        self._acronyms: set[str] = set()
        """Keys of names written in capitals ("WHO", "AFP"): "who" in lower case is no name."""
        for source in self.sources:
            for name in (source.label, *source.aliases):
                self._keys.setdefault(name_key(name), source.id)
                if re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,9}", name):
                    self._acronyms.add(name_key(name))
        roles = vocabulary.role_ids()
        self._roles = {word: role for word, role in ROLE_WORDS.items() if role in roles}
        role_words = "|".join(sorted(map(re.escape, self._roles), key=len, reverse=True))
        self._role_of = re.compile(rf"^(?P<name>[^,]+),\s+(?:the\s+|its\s+|a\s+)?"
                                   rf"(?P<role>{role_words})\s+(?:of|at|for)\s+(?P<org>.+)$",
                                   re.IGNORECASE)
        self._org_role = re.compile(rf"^(?P<name>[^,]+),\s+(?:the\s+)?(?P<org>.+?)(?:'s)?\s+"
                                    rf"(?P<role>{role_words})$", re.IGNORECASE)
        self._before_name = re.compile(rf"^(?:(?P<org>.+?)(?:'s)?\s+)?(?P<role>{role_words})"
                                       rf"\s+(?P<name>[A-Z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*)"
                                       rf"{{0,3}})$", re.IGNORECASE)

        self._role_then_name = re.compile(
            rf"^(?:(?:an?|the)\s+|(?P<org>.+?)(?:'s)?\s+)?(?P<role>{role_words})"
            rf"(?:\s+(?:of|for|at)\s+(?P<org_after>[^,]+))?,\s+"
            rf"(?P<name>[A-Z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*){{0,3}})$", re.IGNORECASE)
        self._unnamed = re.compile(rf"^(?:an?\s+)?(?P<org>.+?)(?:'s)?\s+(?:{role_words})$",
                                   re.IGNORECASE)
        self._unnamed_of = re.compile(rf"^(?:an?|the)\s+(?:{role_words})\s+(?:of|for|at)\s+"
                                      rf"(?P<org>.+)$", re.IGNORECASE)
        self._role_anywhere = re.compile(rf"\b(?P<role>{role_words})s?\b", re.IGNORECASE)

    def mention(self, identifiers: Iterable[str]) -> None:
        """Note that the text has just named these sources (for later descriptions)."""
        for identifier in reversed(tuple(identifiers)):
            if identifier in self.recent:
                self.recent.remove(identifier)
            self.recent.insert(0, identifier)

    def _words_of(self, source: Source) -> set[str]:
        """The words a text may use for ``source``: its names and its description."""
        text = " ".join((source.label, *source.aliases, source.description or ""))
        return set(_content_words(text))

    def definite(self, phrase: str) -> str | None:
        """ "the group", "the rights group", "the UN monitoring mission", "the Thailand-based
        group", "the ministry": a definite description whose last word is a generic noun
        names the latest source the text named that it fits: the one sharing most of its
        words (names and description), of a kind the noun fits."""
        words = phrase.replace("\u2019", "'").split()
        if not words or words[0].lower() != "the" or len(words) > 6:
            return None
        head = re.sub(r"'s?$", "", words[-1].lower())
        if head in OUTLET_NOUNS:  # "the channel said": the broadcaster the text just named
            return next((i for i in self.recent if (src := self.source(i)) is not None and
                         src.kind == "outlet"), None)
        if head not in GENERIC:
            # "the source", "the doctor", "the witnesses": the source just named by a phrase
            # with that noun ("a medical source at the hospital told ...")
            noun = _singular(name_key(head))
            return next((i for i in self.recent if (src := self.source(i)) is not None and
                         src.kind in ("collective", "person") and noun in _content_words(
                             " ".join((src.label, *src.aliases)))), None)
        modifiers = words[1:-1]
        proper = [w for w in modifiers if w[:1].isupper() and not re.search(r"-based$", w)
                  and not re.fullmatch(r"(?:[A-Z]\.?){2,5}(?:'s)?", w)]
        if proper:
            return None  # "the Northwest Syria Casualty Monitor" is a name, not a description
        wanted = set(_content_words(" ".join(words[1:])))
        if words[-1][:1].isupper() and not modifiers:
            # "the Observatory", "the Mission": a short form of a name just used
            return next((i for i in self.recent if (src := self.source(i)) is not None and
                         head in _content_words(" ".join((src.label, *src.aliases)))), None)
        best: tuple[int, int, str] | None = None
        first_fit: str | None = None
        for rank, identifier in enumerate(self.recent):
            source = self.source(identifier)
            if source is None or source.kind in ("person", "outlet"):
                continue
            if head in ("group", "organisation", "organization", "charity", "ngo") and \
                    source.kind not in ("organisation", "collective") and not (
                        head == "group" and self._words_of(source) & {
                            "movement", "group", "rebels", "militia", "paramilitary"}):
                continue  # "the group" is no ministry, but may be a movement that governs
            first_fit = first_fit or identifier
            shared = len(wanted & self._words_of(source))
            if shared and (best is None or (shared, -rank) > best[:2]):
                best = (shared, -rank, identifier)
        if best is not None:
            return best[2]
        if head in ("group", "organisation", "organization", "charity", "ngo") and first_fit:
            return first_fit
        return self._described(wanted)

    def _sharing(self, words: set[str], skip: tuple[str, ...] = ()) -> list[tuple[str, set[str]]]:
        """The known sources (but those of a kind in ``skip``) whose names and description
        share distinctive words with ``words``, with those words: most shared first."""
        distinctive = words - GENERIC_WORDS
        found = [(source.id, distinctive & self._words_of(source)) for source in self.sources
                 if source.kind not in skip]
        return sorted(((i, shared) for i, shared in found if shared),
                      key=lambda f: (-len(f[1]), f[0]))

    def _described(self, wanted: set[str]) -> str | None:
        """The one known source whose names and description share two distinctive words
        with a description the text has not yet tied to a source ("the Britain-based war
        monitor": the registry's monitor described as "Britain-based war monitor")."""
        found = self._sharing(wanted, skip=("person", "outlet"))
        if not found or len(found[0][1]) < 2:
            return None
        tied = len(found) > 1 and len(found[1][1]) == len(found[0][1])
        return None if tied else found[0][0]

    def _name_patterns(self) -> Iterator[tuple[str, list[str], str]]:
        """Each name of each known or proposed source but the outlets: (source id, the
        name's words without a leading "the", a pattern finding them with any spacing or
        punctuation between them)."""
        for source in (*self.sources, *self.proposed.values()):
            if source.kind == "outlet":
                continue
            for name in (source.label, *source.aliases):
                words = re.findall(r"[\w'-]+", re.sub(r"^(?:the|The)\s+", "", name))
                if words:
                    yield source.id, words, (r"(?<![\w'-])" + r"[\s.,'-]+".join(
                        map(re.escape, words)) + r"(?![\w-])")

    def named_in(self, text: str) -> list[str]:
        """The known sources whose names occur in ``text``, in the order they occur."""
        found: dict[str, int] = {}
        for identifier, words, pattern in self._name_patterns():
            if not words[0][:1].isupper():
                continue
            match = re.search(pattern, text)
            if match and match.start() < found.get(identifier, len(text) + 1):
                found[identifier] = match.start()
        return sorted(found, key=found.__getitem__)

    def by_words(self, phrase: str) -> str | None:
        """The known source whose name the phrase contains ("a Red Crescent official in
        Benghazi": the Libyan Red Crescent, named "Red Crescent"): the longest such name, when
        one source alone has it. A name run on by more capitalised words ("Syrian Network for
        Human Rights Monitor") is another name, not this one."""
        found: dict[str, int] = {}
        for identifier, words, pattern in self._name_patterns():
            if len(words) == 1 and not words[0][:1].isupper():
                continue
            acronym = len(words) == 1 and words[0].isupper()  # "WHO", not "who"
            for match in re.finditer(pattern, phrase, 0 if acronym else re.IGNORECASE):
                before = phrase[:match.start()].split()
                after = phrase[match.end():].split()
                run_on = (after and after[0][:1].isupper()) or (
                    before and before[-1][:1].isupper() and len(before) > 1
                    and before[-1].lower() not in ("the", "a", "an"))
                if not run_on:
                    found[identifier] = max(found.get(identifier, 0), len(words))
        if not found:
            return None
        longest = max(found.values())
        winners = [identifier for identifier, size in found.items() if size == longest]
        return winners[0] if len(winners) == 1 else None

    def by_overlap(self, phrase: str, more: Iterable[str] = ()) -> str | None:
        """The source one of whose names shares most of its words with the phrase (and
        ``more``): "the health ministry of the rival Government of National Unity" names
        "health ministry of the Government of National Unity". At least two words, two
        thirds of the name's; None when two sources tie."""
        words = set(_content_words(phrase)) | set(more)
        best: dict[str, tuple[float, int]] = {}
        for source in (*self.sources, *self.proposed.values()):
            if source.kind in ("outlet", "person"):
                continue
            for name in (source.label, *source.aliases):
                name_words = set(_content_words(name))
                shared = len(words & name_words)
                if shared < 2 or shared / len(name_words) < 2 / 3:
                    continue
                score = (shared / len(name_words), shared)
                if score > best.get(source.id, (0.0, 0)):
                    best[source.id] = score
        if not best:
            return None
        top = max(best.values(), key=lambda score: (score[1], score[0]))
        winners = [identifier for identifier, score in best.items() if score == top]
        return winners[0] if len(winners) == 1 else None

    def candidates(self, name: str) -> list[tuple[str, tuple[str, ...]]]:
        """Known sources a new name may be, with the evidence: the words of the name that
        their names or description share, beyond generic nouns ("the Britain-based monitor
        of the war" and the registry's Syrian Observatory, described as a Britain-based war
        monitor: britain, war). The two that share most, most first."""
        found = self._sharing(set(_content_words(name)))
        return [(identifier, tuple(sorted(shared))) for identifier, shared in found[:2]]

    def _unnamed_role(self, phrase: str, previous: tuple[str, ...]) -> Resolution | None:
        """ "an interior ministry spokesman for the eastern administration", "a senior
        UN official", "the mayor of Derna": a role the text gives without a name speaks for
        the organisation the rest of the phrase names, in that role."""
        match = self._role_anywhere.search(phrase)
        if not match or _looks_like_a_name(phrase[match.end():].strip(" ,")) or (
                match[0][:1].isupper() and match.start() > 0):
            return None  # "the Russian Defence Ministers": a name, not a role
        role = self._roles[match["role"].lower()]
        rest = (phrase[:match.start()] + " " + phrase[match.end():]).strip()
        rest = re.sub(r"^(?:an?|the|one|two|three|several|senior|other|local|top|chief)\s+",
                      "", rest, flags=re.IGNORECASE)
        rest = re.sub(r"^(?:(?:of|for|at|from|with|in)\s+)+", "", rest.strip(),
                      flags=re.IGNORECASE)
        rest = re.sub(r"'s?\s*$", "", rest).strip(" ,")
        if not rest:
            return None
        org = (self.lookup(rest) or self.definite(rest if rest.lower().startswith("the ")
                                                  else f"the {rest}")
               or self.by_overlap(rest, ROLE_BODIES.get(role, ())) or self.by_words(rest))
        if org is None and self._refers_back(rest, previous):
            org = previous[0]
        if org is None:
            if not re.search(r"[A-Z]", rest):
                return None  # "a senior official": no one named
            created = self._new(rest, unresolved_kind="government" if role in ROLE_BODIES
                                else None)
            return Resolution(created.claimants, role=role, unresolved=created.unresolved)
        return Resolution((org,), role=role, review=(f"'{phrase}' taken to speak for {org}",))

    def source(self, identifier: str) -> Source | None:
        """A known or proposed source by id."""
        return self._by_id.get(identifier) or self.proposed.get(identifier)

    def label(self, identifier: str) -> str:
        """The label of a known or proposed source; the id itself for one not known."""
        source = self.source(identifier)
        return source.label if source is not None else identifier

    def lookup(self, name: str) -> str | None:
        """The id of the known (or already proposed) source ``name`` names exactly, else None."""
        key = name_key(name)
        if not key:
            return None
        if key in self._acronyms and name.strip() == name.strip().lower():
            return None  # "who said": a pronoun, not the WHO
        for candidate in (key, re.sub(r"\s+(?:ally|allies|partner|partners)$", "", key)):
            if candidate in self._keys:
                return self._keys[candidate]
        return None

    def resolve(self, phrase: str, *, previous: tuple[str, ...] = ()) -> Resolution:
        """Who ``phrase`` names. ``previous`` are the claimants a pronoun or "the statement"
        refers back to."""
        phrase = _clean(phrase)
        acronym = re.search(r"\(([^)]+)\)", phrase)
        bare = re.sub(r"\s*\([^)]*\)", "", phrase).strip()
        author = re.match(r"^(?P<author>.+?)(?P<owner>'s?)?\s+(?:(?:own|latest|weekly|daily|"
                          r"monthly|new|annual|initial|preliminary|official|joint|written)\s+)*"
                          + DOCUMENTS.pattern.removeprefix(r"\b"), bare, re.IGNORECASE)
        if author and name_key(author["author"]) not in PRONOUNS | {"", "a", "the"} and (
                author["owner"] or not re.match(r"(?:the|a|an|its|their)\s", author["author"],
                                                re.IGNORECASE)) and \
                not re.search(r"-\w+ed$", author["author"]):
            bare = author["author"]  # "UN figures", "the ministry's weekly summary"
        elif gathered := GATHERED_BY.match(bare):
            bare = gathered["author"]
        if self._refers_back(bare, previous):
            return Resolution(previous)
        for name in (bare, acronym[1] if acronym else None):
            if name and (found := self.lookup(name)):
                return self._known(found)
        key = name_key(bare)
        if key in PRONOUNS or DOCUMENTS.search(key):
            if previous:
                return Resolution(previous)
            return self._new(bare, unresolved_kind="organisation")
        described = self.definite(bare)
        if described is not None:
            return Resolution((described,), review=(f"'{bare}' taken to be {described}",))
        person = self._person(bare, previous)
        if person is not None:
            return person
        unnamed = self._unnamed.match(bare) or self._unnamed_of.match(bare)
        if unnamed and (org := self.lookup(unnamed["org"])):
            role = self._role_anywhere.search(bare)
            return Resolution((org,), role=self._roles[role["role"].lower()] if role else None)
            # "a Defence Ministry spokesman": speaks for the org, in that role
        unit = self._unit(bare)
        if unit is not None:
            return unit
        appositive = self._appositive(bare, previous)
        if appositive is not None:
            return appositive
        unnamed_role = self._unnamed_role(bare, previous)
        if unnamed_role is not None:
            return unnamed_role
        if "," not in bare and not re.search(r"\band\b|&", bare) and \
                (found := self.by_words(bare)):
            fuller = self.by_overlap(bare)
            named, fullest = self.source(found), self.source(fuller) if fuller else None
            if named and fullest and fullest.id != named.id and \
                    set(_content_words(named.label)) < set(_content_words(fullest.label)):
                found = fullest.id  # "the health ministry of the GNU": the ministry
            return Resolution((found,), review=(f"'{bare}' taken to name {found}",))
        parts = [p for p in re.split(r",\s+(?:and\s+)?|\s+and\s+", bare) if p.strip()
                 and not _WHERE.search(p)]  # "Tawila, some 60 kilometres west of ...": a place
        if len(parts) == 1 and parts[0] != bare:
            return self.resolve(parts[0], previous=previous)
        if len(parts) > 1:
            resolved = [self.resolve(part, previous=previous) for part in parts]
            claimants = tuple(dict.fromkeys(c for r in resolved for c in r.claimants))
            unresolved = tuple(n for r in resolved for n in r.unresolved)
            speakers = [r for r in resolved if r.speaker]
            if len(speakers) == 1:
                return Resolution(claimants, speakers[0].speaker, speakers[0].role, unresolved)
            return Resolution(claimants, unresolved=unresolved)
        return self._new(bare)

    def _unit(self, phrase: str) -> Resolution | None:
        """ "the United Nations human rights office": a known organisation's name, then a few
        lower-case words ending in a unit noun, speaks for that organisation."""
        words = phrase.split()
        for cut in range(len(words) - 1, 0, -1):
            rest = words[cut:]
            if len(rest) > 4 or not UNITS.fullmatch(rest[-1].lower()) or any(
                    not w[:1].islower() for w in rest):
                continue
            org = self.lookup(" ".join(words[:cut]))
            if org is not None:
                return Resolution((org,), review=(f"'{phrase}' taken to speak for {org}",))
        return None

    def _appositive(self, phrase: str, previous: tuple[str, ...]) -> Resolution | None:
        """ "A network of volunteer doctors, the Example Monitor": a description and a name
        for one source, separated by a comma (no "and": that would be a list)."""
        parts = [p.strip() for p in phrase.split(",")]
        if len(parts) != 2 or not all(parts) or re.search(r"\band\b|&", phrase):
            return None
        # a name ends with a capitalised word; "the Britain-based monitor" describes
        named = [p for p in parts if _is_proper(p) and p.split()[-1][:1].isupper()]
        if len(named) != 1:
            named = [p for p in parts if _is_proper(p) or self._refers_back(p, previous)
                     or self.definite(p) is not None]
        described = [p for p in parts if _is_description(p) and p not in named]
        if len(named) != 1 or len(described) != 1 or named[0] == described[0]:
            return None
        found = self.resolve(named[0], previous=previous)
        note = f"'{described[0]}' taken to describe {named[0]!r}"
        return dataclasses.replace(found, review=(*found.review, note))

    def _refers_back(self, phrase: str, previous: tuple[str, ...]) -> bool:
        """ "the group", "the ministry's": a definite generic noun naming the source just
        mentioned, when that source is one ("the ministry" after the Interior Ministry)."""
        words = phrase.lower().replace("'s", "").split()
        if words[:1] == ["the"]:
            words = words[1:]
        source = self.source(previous[0]) if previous else None
        if len(words) != 1 or words[0] not in GENERIC or source is None:
            return False
        if words[0] in ("group", "organisation", "organization"):
            return source.kind in ("organisation", "collective")
        return words[0] in name_key(source.label).split()

    def _known(self, identifier: str) -> Resolution:
        """A known source; a known person speaks for their organisation, in their role."""
        source = self.source(identifier)
        if source is not None and source.kind == "person" and source.affiliation:
            return Resolution((source.affiliation,), identifier, source.role)
        return Resolution((identifier,))

    def _surname(self, phrase: str) -> str | None:
        """A known person named by surname alone ("Verbeek" for Anouk Verbeek), when one
        known or proposed person alone has it, with a title or without ("Ms. Halvorsen")."""
        phrase = TITLES.sub("", phrase)
        if not re.fullmatch(r"[A-Z][\w'-]+", phrase):
            return None
        found = [s.id for s in (*self.sources, *self.proposed.values()) if s.kind == "person"
                 and s.label.split()[-1].lower() == phrase.lower() and len(s.label.split()) > 1]
        return found[0] if len(found) == 1 else None

    def _person(self, phrase: str, previous: tuple[str, ...]) -> Resolution | None:
        """``NAME, ROLE of ORG``, ``NAME, ORG ROLE``, ``ORG ROLE NAME`` or ``ROLE NAME``; a
        known person's name before a comma ("Anouk Verbeek, MSF head of mission in Sudan");
        a known person's surname."""
        surname = self._surname(phrase)
        if surname is not None:
            return self._known(surname)
        first, comma, _ = phrase.partition(",")
        if comma and (known := self.lookup(first)) and (source := self.source(known)) and \
                source.kind == "person":
            return self._known(known)
        phrase = re.sub(r"\s+(?:in|for)\s+(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)$", "", phrase)
        match = (self._role_of.match(phrase) or self._org_role.match(phrase)
                 or self._before_name.match(phrase) or self._role_then_name.match(phrase))
        if not match or not _looks_like_a_name(match["name"]):
            return None
        role = self._roles[match["role"].lower()]
        name = TITLES.sub("", match["name"].strip())
        known = self.lookup(name) or self._surname(name)
        if known and (source := self.source(known)) is not None and source.kind == "person":
            found = self._known(known)  # the registry knows whom they speak for
            return found if found.role else dataclasses.replace(found, role=role)
        unresolved: list[str] = []
        org = None
        org_name = match["org"] or match.groupdict().get("org_after")
        if org_name and not re.search(r"[A-Z]", org_name) and not self.lookup(org_name) and \
                not self._refers_back(org_name, previous) and not self.definite(
                    re.sub(r"'s?$", "", org_name)):
            org_name = None  # "regional governor Jane Roe": no organisation named
        if org_name and role == "minister" and not re.search(r"ministry|government", org_name,
                                                             re.IGNORECASE):
            org_name = f"{org_name} Ministry"  # "Foreign Minister X" speaks for the ministry
        if org_name:
            org = self.lookup(org_name)
            if org is None and self._refers_back(org_name, previous):
                org = previous[0]
            if org is None:
                created = self._new(org_name)
                org = created.claimants[0]
                unresolved += created.unresolved
        speaker = self.lookup(name)
        if speaker is None:
            speaker = self._propose(name, "person", affiliation=org, role=role)
            unresolved.append(name)
        person = self.source(speaker)
        if org is None and person is not None:
            org = person.affiliation
        return Resolution((org or speaker,), speaker=speaker, role=role,
                          unresolved=tuple(unresolved))

    def _new(self, name: str, *, unresolved_kind: str | None = None) -> Resolution:
        label = name_label(name) or "unnamed source"
        kind = unresolved_kind or _guess_kind(label)
        return Resolution((self._propose(label, kind),), unresolved=(label,))

    def _propose(self, label: str, kind: str, *, affiliation: str | None = None,
                 role: str | None = None) -> str:
        existing = self.lookup(label)
        if existing:
            return existing
        identifier = base = slug(label)
        number = 2
        while identifier in self._by_id or identifier in self.proposed:
            identifier = f"{base}-{number}"
            number += 1
        self.proposed[identifier] = Source(
            id=identifier, kind=kind, label=label,  # type: ignore[arg-type]
            affiliation=affiliation, role=role if affiliation else None)
        self._keys[name_key(label)] = identifier
        return identifier


def _clean(phrase: str) -> str:
    """Drop relative clauses (", which ...") and surrounding punctuation."""
    phrase = " ".join(phrase.replace("\u2019", "'").split()).strip(" ,;:\"'")
    phrase = re.sub(r"^(?:a|an)\s+(?:charge|claim|accusation|allegation)s?\s+(?:that\s+)?", "",
                    phrase, flags=re.IGNORECASE)
    phrase = re.sub(r",\s+(?:which|who|whose|where)\b[^,]*(?:,|$)", "", phrase)
    phrase = ADVERBS.sub("", CONJUNCTIONS.sub("", phrase.strip(" ,")))
    return phrase.strip(" ,")


_STOP_WORDS = frozenset(["the", "a", "an", "of", "for", "in", "on", "at", "and", "its", "their",
                         "his", "her", "to", "by", "with", "from", "that", "which", "who",
                         "based", "s", "one", "two", "three", "several", "some", "other",
                         "senior", "local", "rival", "top", "chief"])
ROLE_BODIES = {
    "mayor": ("municipality", "municipal", "city", "council", "town"),
    "governor": ("governorate", "administration", "province", "region", "regional", "state"),
    "minister": ("ministry", "government"), "commander": ("army", "force", "command"),
}
"""What a role's holder speaks for, when the text names no organisation: a mayor's
municipality, a minister's ministry."""


def _singular(word: str) -> str:
    if word.endswith("sses") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _content_words(text: str) -> list[str]:
    """A name's or description's words that tell sources apart, spelling-neutral and in the
    singular ("The U.S.-based Human Rights Watch": human, right, watch; "Thailand-based":
    thailand; "witnesses": witness)."""
    key = name_key(re.sub(r"([\w.]+)-based\b", r"\1", text))
    return [_singular(w) for w in re.findall(r"[a-z0-9]+", key) if w not in _STOP_WORDS]


GENERIC_WORDS = frozenset(_singular(w) for w in GENERIC) | {
    "official", "officials", "spokesman", "spokesperson", "source", "people", "local", "city",
    "national", "international", "state", "news", "health", "united", "nation", "human",
    "right", "public", "general", "new", "north", "south", "east", "west", "eastern",
    "western", "northern", "southern", "central"}
"""Words too common in source names to say two names are one source."""


def name_label(name: str) -> str:
    """A name as a label: without a leading "the" and surrounding punctuation."""
    label = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split())).strip(" ,;:\"'")
    return label


_WHERE = re.compile(r"\b\d[\d,.]*\s*(?:km|kilometres|kilometers|miles)\b|^(?:just\s+)?(?:north|"
                    r"south|east|west|near|outside)\b", re.IGNORECASE)
"""A part of a source phrase that says where, not who."""


def _is_proper(text: str) -> bool:
    """A proper name: after a leading "the", its first word is capitalised."""
    words = re.sub(r"^(?:the|The)\s+", "", text).split()
    return bool(words) and words[0][:1].isupper() and not (
        len(words) > 1 and words[1][:1].islower() and words[0] in ("A", "An"))


def _is_description(text: str) -> bool:
    """A description: "a network of doctors", "the group", "an Idlib-based monitor"."""
    words = text.split()
    return len(words) >= 2 and words[0].lower() in ("a", "an", "the", "one") and any(
        w[:1].islower() for w in words[1:])


def _looks_like_a_name(text: str) -> bool:
    words = TITLES.sub("", text.strip()).split()
    return (1 <= len(words) <= 5 and words[0][:1].isupper()
            and not ORGANISATION_WORDS.search(text) and not GOVERNMENT_WORDS.search(text))


def _guess_kind(name: str) -> str:
    """The kind a new source most likely is, for the reviewer to confirm."""
    if GOVERNMENT_WORDS.search(name):
        return "government"
    label = name_label(name)
    if label[:1].islower() or re.match(r"(?:A|An|One)\s+[a-z]", label):
        return "collective"  # "residents", "local officials", "A doctor at the hospital"
    if TITLES.match(label):
        return "person"  # "Dr. Jane Roe"; a bare name may be either: the reviewer decides
    return "organisation"
