"""Find attribution cues in a sentence: who is reported to have said what, with which words.

The patterns are general English news reporting, not any one article's wording:

- a quote first: ``"...," X said`` / ``"...," said X`` / ``"...," X told Reuters``, with a
  following ``, saying ...`` or ``, adding ...`` as a second statement of the same source;
- the statement first: ``..., X said (on Saturday).`` / ``..., said X.`` / ``..., according
  to X.``, with a following clause (``, raising its toll``) left out;
- the source first: ``(Last month) X said / says / told Reuters / denies / accuses / warned
  (at the end of last month) (that) ...``, ``According to X, ...``, ``X, citing Y, said ...``,
  ``X put the death toll at ...``;
- inside a statement: ``..., which X say ...``, ``... whom they say ...``, ``..., and it
  accuses ...``;
- a statement's basis: ``..., based on reports by Y`` / ``..., citing Y``.

Each :class:`Cue` gives the source phrase as written, the reporting words, the statement's
span in the sentence's reading text, a stance for denials and accusations, and the time
words of the statement and of the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimgraph.graph.text.sentences import dateline

__all__ = ["Cue", "find_cues", "source_phrase", "trim"]

_FORMS = {
    "say": "say|says|said|saying", "tell": "tell|tells|told", "add": "add|adds|added|adding",
    "state": "stated|states", "report": "reported|reports", "announce": "announced|announces",
    "claim": "claim|claims|claimed", "insist": "insist|insists|insisted",
    "warn": "warn|warns|warned", "deny": "deny|denies|denied|denying",
    "accuse": "accuse|accuses|accused|accusing", "allege": "allege|alleges|alleged",
    "confirm": "confirm|confirms|confirmed", "declare": "declare|declares|declared",
    "estimate": "estimate|estimates|estimated", "write": "write|writes|wrote",
    "note": "noted|notes", "argue": "argue|argues|argued", "reject": "reject|rejects|rejected",
    "dispute": "dispute|disputes|disputed", "believe": "believe|believes|believed",
    "maintain": "maintain|maintains|maintained", "acknowledge": "acknowledged|acknowledges",
    "admit": "admit|admits|admitted", "charge": "charged|charges",
    "urge": "urge|urges|urged|urging", "blame": "blame|blames|blamed|blaming",
    "condemn": "condemn|condemns|condemned|condemning",
    "describe": "described|describes|describing", "dismiss": "dismissed|dismisses|dismissing",
    "stress": "stressed|stresses|stressing", "reaffirm": "reaffirmed|reaffirms|reaffirming",
    "affirm": "affirmed|affirms", "emphasise": "emphasised|emphasized|emphasises|emphasizes",
    "conclude": "concluded|concludes", "vow": "vowed|vows|vowing",
    "call": "called on|calls on|call on|calling on|called for|calls for|calling for",
}  # fmt: skip
STANCES = {"deny": "denies", "reject": "denies", "dispute": "disputes", "accuse": "accuses",
           "charge": "accuses", "dismiss": "disputes", "blame": "accuses"}
_VERB = r"\b(?:" + "|".join(_FORMS.values()) + r")\b"
_TOLD = (r"(?:\s+(?-i:[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){1,3})(?=[\s,.]|$)|"
         r"\s+(?:(?:a|the)\s+)?(?:reporters|journalists|them|him|her|us|me|"
         r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}(?:news\s+conference|press\s+conference|"
         r"briefing|conference|(?:television|tv|radio)\s+station|station|channel|broadcaster|"
         r"newspaper|agency|television|radio|outlet|gathering|meeting|crowd|parliament|"
         r"lawmakers)|"
         r"(?-i:[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})|"
         r"\w+\s+(?:news\s+)?(?:agency|newspaper|channel|television|radio)))")
_EXTRA = (r"(?:\s+(?:in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|report|"
          r"interview|briefing|letter|post|tweet|video|speech|communique|message|update|address|"
          r"remarks|comments|bulletin|broadcast)"
          r"(?:\s+(?:on|posted\s+on)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
          r"Sunday|January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\b)(?:its|his|her|their|the)?\s*[\w-]+(?:\s+(?:channel|account|"
          r"page))?)?"
          r"|by\s+(?:phone|telephone|text\s+message|email|e-mail|video\s+link)"
          r"|on\s+(?:Telegram|X|Twitter|Facebook|Instagram|social\s+media|state\s+(?:television|"
          r"TV|media)|(?:its|his|her|their)\s+[\w-]+(?:\s+(?:channel|account|page))?)"
          r"|from\s+(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
          r"|via\s+[\w-]+|through\s+a\s+spokes(?:man|woman|person)"
          r"|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:briefing|news\s+conference|press\s+conference|"
          r"conference|meeting|event|rally|ceremony)(?:\s+in\s+(?-i:[A-Z][\w-]+))?"
          r"|in\s+(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?=[\s,.]|$)))*")
"""What may follow a reporting verb before the statement or the sentence's end: "in a
statement posted on its Telegram channel", "by phone", "on state television", "from Kyiv",
"at a news conference in Geneva"."""
_AUX = (r"(?:(?:has|have|had|would|will|also|previously|repeatedly|earlier|later|again|"
        r"long|since|separately|already|subsequently|then|now|on\s+(?-i:[A-Z]\w+day)|"
        r"(?-i:(?!family|ally|assembly|rally|supply|anomaly)[a-z]{3,}ly))\s+){0,3}")
"""Words between a source and its reporting verb: "has previously denied", "on Monday said"."""
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)")
TIME = (rf"(?:(?:(?:late|early)\s+)?(?:on\s+|last\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|"
        rf"night))?|(?:at\s+the\s+(?:end|start|beginning)\s+of\s+)?"
        rf"last\s+(?:month|week|year|summer)|earlier\s+this\s+month|this\s+month|yesterday|"
        rf"today|(?:on\s+)?{_MONTH}\s+\d{{1,2}}|(?:on\s+)?\d{{1,2}}\s+{_MONTH}|"
        rf"(?:two|three|four|\d+)\s+(?:days|weeks|months)\s+ago)")
"""Time words that :mod:`claimgraph.graph.text.timeexpr` resolves."""
_I = re.IGNORECASE


@dataclass(frozen=True)
class Cue:
    """One attributed statement in a sentence's reading text."""

    source: str
    """Who, as written ("Fadel Abdul Ghany, chairman of SNHR"); "" for the outlet's own."""
    verb: str | None
    start: int
    end: int
    """The statement's span in the sentence's reading text."""
    stance: str | None = None
    """``denies``, ``disputes`` or ``accuses`` when the reporting verb says so."""
    stated: str | None = None
    refers_to: str | None = None
    basis: str | None = None
    """What the statement rests on, as written ("reports by first responders")."""
    relay: str | None = None
    """Who carried the statement, as written: the outlet of "Saba quoted the ministry as
    saying ..." (the source said it; the outlet reported it)."""
    answers_within: bool = False
    """The source answers the statement just before it in the same sentence ("..., a charge
    the group denies"): the stance is on that statement, and "the group" is most likely a
    party it names."""


def _lemma(verb: str) -> str:
    """The reporting verb's lemma: its first word that is a form of one ("had denied": deny)."""
    words = [w.lower() for w in verb.split()]
    for word in words:
        for lemma, forms in _FORMS.items():
            if word in forms.split("|"):
                return lemma
    return words[0] if words else ""


def _verb_words(match: re.Match[str]) -> str:
    return " ".join(match["verb"].split()).rstrip(".,")


DETERMINERS = frozenset([
    "the", "a", "an", "its", "their", "his", "her", "one", "two", "three", "several", "some",
    "many", "local", "other", "senior",
])


_PREPOSITIONS = frozenset(["by", "in", "at", "on", "from", "via", "through", "to", "for", "with",
                           "over", "during", "after", "before"])


def _plausible_inverted(text: str) -> bool:
    """The source after an inverted verb ("..., said the ministry"): short, no numbers, and
    a name, a determiner, or a plain one- or two-word noun ("said witnesses")."""
    words = re.sub(r",\s+(?:which|who|whose)\b.*$", "", text).split()
    if not words or len(words) > 12 or any(re.match(r"\d", w) for w in words):
        return False
    if re.fullmatch(TIME, text.strip(" ,."), _I) or words[0].lower() in _PREPOSITIONS:
        return False  # "..., said on Friday", "told Reuters by phone": the source is before
    return words[0][:1].isupper() or words[0].lower() in DETERMINERS or len(words) <= 2


def _plausible_source(text: str) -> bool:
    """A source phrase: a short noun phrase, not a clause that happens to precede a verb."""
    if re.search(r",\s+(?:which|who|whose|whom)\b[^,]*$", text.rstrip()):
        return False  # the verb is the relative clause's: "the town, which residents say"
    bare = re.sub(r"\([^)]*\)", "", text)
    bare = re.sub(r",\s+(?:which|who|whose)\b[^,]*(?:,|$)", "", bare)
    bare = re.sub(r",\s+citing\b[^,]*(?:,|$)", "", bare)
    words = bare.split()
    if not 1 <= len(words) <= 16 or re.search(r",\s+(?:which|who|whose)\b", bare):
        return False
    if re.search(rf"{_VERB}|\b(?:is|are|was|were|has|have|had|will|would)\b", bare, _I):
        return False
    return not bare.rstrip().endswith(",,") and '"' not in bare


def _verb_pattern() -> str:
    told = rf"(?:tell|tells|told){_TOLD}"
    return rf"(?P<verb>{_AUX}(?:{told}|{_VERB}){_EXTRA})"


_V = _verb_pattern()
_MORE = ("saying|adding|accusing|calling|describing|urging|insisting|blaming|dismissing|denying|"
         "warning")
"""The participles that add a second statement of the same source: ", saying ...",
", calling the reports fabrications", ", accusing the army of ..."."""
_T = rf"(?:,?\s+(?P<time>{TIME}))?"
_QUOTE_FIRST = re.compile(r'^"(?P<content>.+?)[,.?!]?"\s+(?P<tail>[^"]+)$')
_INVERTED = re.compile(rf"^{_V}{_T}\s+(?P<source>.+?)"
                       rf"(?:,\s+(?P<more_verb>{_MORE})\s+(?P<more>.+?))?\.?$", _I)
_SOURCE_VERB = re.compile(rf"^(?P<source>.+?)\s+{_V}{_T}"
                          rf"(?:,\s+(?P<more_verb>{_MORE})\s+(?P<more>.+?)|"
                          r",\s+(?:without|but\s+(?:did|gave|offered)\s+not|though|although|asking|speaking|"
                          r"requesting|declining|on\s+condition)\b[^\"]*)?"
                          r"\.?$", _I)
_ACCORDING_FIRST = re.compile(rf"^(?:(?P<lead>{TIME}),?\s+)?according\s+to\s+"
                              rf"(?P<source>[^,]+),\s+(?P<content>.+?)\.?$", _I)
_MID = re.compile(rf"(?<=\w),\s+(?P<source>[^,\"]+?)\s+{_V}{_T},\s+(?=\w)", _I)
_ACCORDING_TAIL = re.compile(r"^according\s+to\s+(?P<source>.+?)\.?$", _I)
_LEAD_TIME = re.compile(rf"^(?P<lead>{TIME}),?\s+", _I)
_EMBEDDED = re.compile(
    r",?\s+(?P<rel>which|whom|who|that|where)\s+(?P<source>they|he|she|(?:[a-z][\w-]*\s+){0,4}?"
    r"[a-z][\w-]*)\s+(?P<verb>say|says|said|claim|claims|claimed|believe|believes|allege|"
    r"alleges|alleged)\s+", re.ASCII)
_COORDINATED = re.compile(
    rf",\s+and\s+(?P<source>it|they|he|she|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,3}})\s+"
    rf"(?P<verb>{_VERB})\s+(?:that\s+)?")
_SAME_SUBJECT = re.compile(
    r"\s+and\s+(?:it\s+|they\s+|he\s+|she\s+)?(?P<verb>says|said|accuses|accused|denies|denied|"
    r"calls\s+on|called\s+on|urges|urged|insists|insisted|maintains|maintained|warns|warned|"
    r"blames|blamed)\s+(?:that\s+)?", re.IGNORECASE)
"""A second statement of the same source in one sentence: "... and says ...", "... and
accuses ..."."""
_PUT_AT = re.compile(
    rf"^(?:(?P<lead>{TIME}),?\s+)?(?P<source>[^,\"]+?)\s+(?P<verb>put|puts|placed|places)\s+"
    r"(?P<content>(?:the|its|their|a)\s+(?:[\w-]+\s+){0,3}(?:toll|number|figure|count|total|"
    r"tally|estimate)\b.*?\bat\s+.+?)\.?$", _I)
"""``Rescuers put the death toll at more than 1,500``: an estimate, stated as a number."""
_BASIS = re.compile(r",\s+(?:based\s+on|citing)\s+(?P<basis>[^,]+?)\.?$", _I)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to leave out surrounding spaces, commas, a final full stop, and a
    quote mark that opens or closes nothing inside the span."""
    while True:
        before = (start, end)
        while start < end and text[start] in " ,":
            start += 1
        while end > start and text[end - 1] in " ,.":
            end -= 1
        inner = text[start:end]
        if inner.count('"') % 2:
            if text[start] == '"':
                start += 1
            elif text[end - 1] == '"':
                end -= 1
        elif len(inner) > 2 and inner[0] == inner[-1] == '"' and inner.count('"') == 2:
            start, end = start + 1, end - 1  # a whole quoted sentence
        if (start, end) == before:
            return start, end


def _statement(sentence: str, source: str, verb: str | None, start: int, end: int, *,
               stated: str | None = None, lead: str | None = None,
               basis: str | None = None) -> list[Cue]:
    """The cue for a statement at [start, end), plus the statements embedded in it."""
    that = re.match(rf"\s*(?:(?P<when>at\s+the\s+time|earlier|previously|then|{TIME}),?\s+)?"
                    r"that\s+", sentence[start:end], _I)
    if that:
        start += that.end()
        if that["when"] and lead is None and re.fullmatch(TIME, that["when"], _I):
            lead = that["when"]
    text = sentence[start:end]
    found = _BASIS.search(text)
    if found:
        basis = found["basis"]
        end = start + found.start()
        text = sentence[start:end]
    cues: list[Cue] = []
    embedded = [*_EMBEDDED.finditer(text), *_COORDINATED.finditer(text)]
    embedded.sort(key=lambda m: m.start())
    second = _SAME_SUBJECT.search(text)
    if second and not any(m.start() <= second.start() for m in embedded):
        # "The RSF denies targeting civilians and accuses the army of shelling": two
        # statements of one source
        own = _statement(sentence, source, verb, start, start + second.start(), stated=stated,
                         lead=lead, basis=basis)
        more = _statement(sentence, source, second["verb"], start + second.end(), end,
                          stated=stated)
        return own + more
    own_end = start + embedded[0].start() if embedded else end
    refers_to = lead
    lead_time = _LEAD_TIME.match(text)
    if lead_time and refers_to is None:
        refers_to = lead_time["lead"]
    stance = STANCES.get(_lemma(verb)) if verb else None
    cues.append(Cue(source, verb, *trim(sentence, start, own_end), stance=stance,
                    stated=stated, refers_to=refers_to, basis=basis))
    for index, match in enumerate(embedded):
        stop = start + embedded[index + 1].start() if index + 1 < len(embedded) else end
        # "which X say ..." is quoted from "which": the rest alone is no sentence.
        relative = match.groupdict().get("rel")
        begin = start + (match.start("rel") if relative else match.end())
        cues.append(Cue(match["source"], match["verb"], *trim(sentence, begin, stop),
                        stance=STANCES.get(_lemma(match["verb"]))))
    return [cue for cue in cues if cue.end - cue.start >= 12]


def _quote_first(sentence: str) -> list[Cue] | None:
    match = _QUOTE_FIRST.match(sentence)
    if not match:
        return None
    tail = match["tail"]
    offset = match.start("tail")
    for form in (_INVERTED, _SOURCE_VERB):
        found = form.match(tail)
        if found and _plausible_source(found["source"]) and (
                form is not _INVERTED or _plausible_inverted(found["source"])):
            cues = [Cue(found["source"], _verb_words(found), match.start("content"),
                        match.end("content"), stance=STANCES.get(_lemma(found["verb"])),
                        stated=found["time"])]
            if found["more"]:
                cues += _statement(sentence, found["source"], found["more_verb"],
                                   offset + found.start("more"), offset + found.end("more"))
            return cues
    return None


_CHARGE = re.compile(
    rf",\s+(?:a|an|the)\s+(?:charge|claim|accusation|allegation|assertion|account|version)s?\s+"
    rf"(?:that\s+)?(?P<source>[^,\"]+?)\s+(?P<verb>{_AUX}(?:deny|denies|denied|reject|rejects|"
    rf"rejected|dispute|disputes|disputed))\.?$", _I)
"""``..., a charge the group denies.``: the clause before is someone's statement, and the
source named after "a charge" denies it."""


def _charge(sentence: str) -> list[Cue] | None:
    found = _CHARGE.search(sentence)
    if not found:
        return None
    content = sentence[:found.start()]
    # the charge is the clause just before: "..., while the government has accused the UAE
    # of arming the RSF, a charge Abu Dhabi denies"
    clauses = list(re.finditer(r",\s+(?:while|and|but|as|whereas)\s+", content))
    last = clauses[-1] if clauses else None
    begin = last.end() if last else 0
    cues = [c for c in find_cues(content[:last.start()]) if c.end <= last.start()] if last \
        else []
    cues += [replace(c, start=c.start + begin, end=c.end + begin)
             for c in find_cues(content[begin:])]
    start, end = trim(sentence, found.start(), len(sentence))  # "a charge Abu Dhabi denies"
    return [*cues, Cue(found["source"], " ".join(found["verb"].split()), start, end,
                       stance=STANCES.get(_lemma(found["verb"])), answers_within=True)]


def _content_first(sentence: str) -> list[Cue] | None:
    citing = _BASIS.search(sentence)
    if citing:  # "..., Al Masirah TV reported, citing health officials."
        cues = _content_first(sentence[:citing.start()])
        if cues:
            return [replace(cues[0], basis=citing["basis"]), *cues[1:]]
    more = re.search(rf",\s+(?P<verb>{_MORE})\s+(?P<more>[^,]+?)\.?$", sentence)
    if more:  # "..., the ministry said, adding that 42 people were arrested."
        cues = _content_first(sentence[:more.start()])
        if cues:
            return cues + _statement(sentence, cues[0].source, more["verb"],
                                     more.start("more"), more.end("more"))
    after = re.search(r",\s+(?:as|while|after|before|when|amid|with|even\s+as|though|although|"
                      r"which|who)\s+[^\"]+$", sentence)
    if after:  # "..., the service said late on Saturday, as rescuers worked through the night."
        cues = _content_first(sentence[:after.start()])
        if cues:
            return cues
    clause = re.search(r",\s+(?!saying\b|adding\b|citing\b)[a-z]+ing\s+[^,\"]+?\.?$", sentence)
    if clause:  # "..., SNHR said on Monday, raising its toll.": the clause is no statement
        cues = _content_first(sentence[:clause.start()])
        if cues:
            return cues
    # the attribution is the last one to three comma-separated parts: "..., said the
    # ministry", "..., the UN's humanitarian office, OCHA, said on Friday"
    splits = [m for m in re.finditer(r",\s+", sentence) if m.start() > 0][::-1][:3]
    for split in splits:
        tail = sentence[split.end():].strip()
        if '"' in tail:
            break
        found = _ACCORDING_TAIL.match(tail)
        if found:
            return _statement(sentence, found["source"], "according to", 0, split.start())
        for form in (_INVERTED, _SOURCE_VERB):
            found = form.fullmatch(tail)
            if found and _plausible_source(found["source"]) and not found["more"] and (
                    form is not _INVERTED or _plausible_inverted(found["source"])) and \
                    not re.fullmatch(r"[^,]+,", found["source"].rstrip()):  # "OCHA, said"
                return _statement(sentence, found["source"], _verb_words(found), 0,
                                  split.start(), stated=found["time"])
    return None


def _mid_sentence(sentence: str) -> list[Cue] | None:
    """ "Twelve people, the ministry said on Friday, were missing.": the statement is the
    sentence around the attribution, so the quote is the whole sentence, for a person to
    trim."""
    for match in _MID.finditer(sentence):
        if _plausible_source(match["source"]) and _plausible_inverted(match["source"]):
            return [Cue(match["source"], _verb_words(match), *trim(sentence, 0, len(sentence)),
                        stance=STANCES.get(_lemma(match["verb"])), stated=match["time"])]
    return None


_QUOTED_AS_SAYING = re.compile(
    rf"^(?:(?P<lead>{TIME}),?\s+)?(?P<relay>[^,\"]+?)\s+(?P<verb>quoted|quotes|cited|cites)\s+"
    r"(?P<source>[^\"]+?)\s+as\s+(?:saying|stating|telling\s+it)\s+(?:that\s+)?(?P<content>.+?)\.?$",
    _I)
"""``Saba quoted the ministry's spokesman as saying that ...``: the spokesman's statement,
carried by Saba."""


def _source_first(sentence: str) -> list[Cue] | None:
    found = _QUOTED_AS_SAYING.match(sentence)
    if found and _plausible_source(found["relay"]) and _plausible_source(found["source"]):
        return [replace(cue, relay=found["relay"]) if index == 0 else cue for index, cue in
                enumerate(_statement(sentence, found["source"], "quoted as saying",
                                     found.start("content"), found.end("content"),
                                     lead=found["lead"]))]
    found = _ACCORDING_FIRST.match(sentence)
    if found:
        return _statement(sentence, found["source"], "according to", found.start("content"),
                          found.end("content"), lead=found["lead"])
    found = _PUT_AT.match(sentence)
    if found and _plausible_source(found["source"]):
        return _statement(sentence, found["source"], found["verb"], found.start("content"),
                          found.end("content"), stated=found["lead"])
    lead = _LEAD_TIME.match(sentence)
    begin = lead.end() if lead else 0
    phrase = _LEADING.match(sentence, begin)
    if phrase and lead is None:
        found = re.search(rf"\b{TIME}\b", phrase[0], _I)
        lead = found if found else None
    begin = phrase.end() if phrase else begin
    for verb in re.finditer(_V, sentence[begin:], _I):
        source = sentence[begin:begin + verb.start()].strip()
        if not source or not _plausible_source(source):
            continue
        after = begin + verb.end()
        time = re.match(rf",?\s+(?P<time>{TIME})\b", sentence[after:], _I)
        stated = time["time"] if time else None
        if time:
            after += time.end()
        that = re.match(r",?\s+(?:that\s+)?", sentence[after:])
        after += that.end() if that else 0
        if len(sentence) - after < 12:
            return None
        if stated is None and lead:
            stated = lead["lead"] if "lead" in lead.groupdict() else lead[0]
        citing = re.search(r",\s+citing\s+(?P<basis>[^,]+),?\s*$", source)
        if citing:
            source = source[:citing.start()]
        return _statement(sentence, source, _verb_words(verb), after, len(sentence),
                          stated=stated, basis=citing["basis"] if citing else None)
    return None


_LEADING = re.compile(
    r"^(?:(?:in|at|on|during|speaking|writing|asked|responding|replying|separately|meanwhile|"
    r"later|earlier|elsewhere|however|for\s+(?:its|his|her|their)\s+part|in\s+response|"
    r"last\s+\w+|this\s+\w+)\b[^,]*,\s+)+", re.IGNORECASE)
"""A phrase before the source, ended by a comma: "In a statement posted on Telegram, the RSF",
"At a briefing in Geneva on Tuesday, an official"."""
_TRAILING = re.compile(
    r"(?:,\s+(?:for\s+(?:its|his|her|their)\s+part|speaking\b[^,]*|writing\b[^,]*|"
    r"in\s+(?:a|an|the)\s+[^,]*|asked\b[^,]*|quoted\b[^,]*|however|meanwhile|too|also)\s*,?"
    r"|\s+(?:also|meanwhile|too|however))+\s*,?\s*$", re.IGNORECASE)
"""A phrase after the source, before its verb: "The army, for its part,", "The governor,
speaking to AFP by phone from El Fasher,"."""


def source_phrase(source: str) -> tuple[str, str | None]:
    """The source as named, without the phrases around it, and the time words they held
    ("At a briefing on Tuesday, an IFRC official": "an IFRC official", "on Tuesday")."""
    text = " ".join(source.split())
    time = None
    lead = _LEADING.match(text)
    if lead and lead.end() < len(text):
        found = re.search(rf"\b{TIME}\b", lead[0], _I)
        time = found[0] if found else None
        text = text[lead.end():]
    trail = _TRAILING.search(text)
    if trail and trail.start() > 0:
        text = text[:trail.start()]
    return text.strip(" ,"), time


_WHICH_SAYS = re.compile(
    r"(?:^|\b(?:from|by|of|to|with|on|and|as)\s+)(?P<source>(?:the\s+[\w.'-]+|[A-Z][\w.'-]*)"
    r"(?:\s+[\w.'-]+){0,3}?),\s+(?:which|who)\s+(?P<verb>(?:has|have|had)?\s*(?:(?:in\s+the\s+past|long|"
    r"repeatedly|previously|always|also)\s+)?(?:says|said|maintains|maintained|insists|insisted|"
    r"denies|denied))\s+(?:that\s+)?(?P<content>[^,]+?)(?:,|\.?$)")
"""``Russia, which says it does not target civilians, has not commented``: the statement of
the party the relative clause is about."""


def _which_says(sentence: str) -> list[Cue] | None:
    found = _WHICH_SAYS.search(sentence)
    if not found or not _plausible_source(found["source"]):
        return None
    verb = " ".join(found["verb"].split())
    return [Cue(found["source"], verb, *trim(sentence, found.start("content"),
                                             found.end("content")),
                stance=STANCES.get(_lemma(verb)))]


def find_cues(sentence: str) -> list[Cue]:
    """The attributed statements of one sentence (reading text); empty when it has none.

    A dateline ("BEIRUT (Reuters) - ", "AMMAN, July 22 (Example Wire) - ") is not part of
    any statement."""
    opening = dateline(sentence)
    shift = opening.end() if opening else 0
    for finder in (_charge, _quote_first, _content_first, _mid_sentence, _source_first,
                   _which_says):
        cues = finder(sentence[shift:])
        if cues:
            found = []
            for cue in cues:
                if cue.verb and _lemma(cue.verb) == "declare" and cue.start > 0 and not \
                        re.search(r"(?:that|:)\s*\"?$", sentence[shift:][:cue.start]):
                    continue  # "declared Dec. 11 a day of mourning": an act, not a statement
                source, time = source_phrase(cue.source)
                found.append(replace(cue, source=source, stated=cue.stated or time,
                                     start=cue.start + shift, end=cue.end + shift))
            return found
    return []
