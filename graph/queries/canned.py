"""Canned queries: named, parameterised SPARQL questions kept as data in ``ontology/queries/``.

Each ``NAME.rq`` file is a SPARQL SELECT query (the prefixes of
:data:`~claimgraph.graph.terms.namespaces.PREFIXES` are predeclared) that opens with a header of
comment lines, up to the first line that is not a comment::

    # title: Who claimed what
    # description: Every claim made on one source's authority, with its quote,
    #   date and status.                  <- indented lines continue the field above
    # param source (source): the source's id in the registry, e.g. snhr
    # example source: snhr

``param NAME (KIND): description`` declares a parameter, written ``$NAME`` in the query. Every
parameter is required. ``example NAME: value`` gives a value for the docs and the index page.
KIND says how a value becomes an RDF term:

- ``source``, ``place``, ``event``, ``measure``, ``article``: an id (see
  claimgraph.graph.terms.identifiers), turned into the IRI claimgraph mints for it;
- ``claim``: a claim's id within the article given by the query's ``article`` parameter;
- ``text``: any text, written as an escaped SPARQL string literal.

Binding replaces each ``$NAME`` outside comments, strings and IRIs with the term, so user
input never becomes SPARQL syntax. A ``$NAME`` is also a plain SPARQL variable: a canned
file runs as it is in any SPARQL tool, each parameter then matching anything. Every query
has a top-level ORDER BY (pages are stable) and no top-level LIMIT or OFFSET: binding adds
them for the page asked for.

A query may instead mark where its page is cut with the comment ``#page`` after the ORDER BY
of one subquery that picks the rows, one output row per picked row and in the same order:
binding writes the page's LIMIT and OFFSET there, so the rest of the query looks up the
details of one page's rows, not of every row. (Without the marker the engine must build
every row before the top-level LIMIT can cut: on a source with 30,000 claims, all of them.)
As a comment, the marker leaves the file a valid query that returns every row.

A query over a list numbered when the data changes (``ontology/rules/lists/``, see
:mod:`claimgraph.graph.derive.lists`) marks, in the subquery that picks the page, with the comment
``#positions LIST`` where its entries are picked; LIST is the list's IRI, where ``$NAME``
stands for an id parameter's IRI (``#positions $source/claims``). The query reads the
entries as ``?entry cg:inList ?list ; cg:position ?position`` after the marker, and closes
that subquery with the ``#page`` marker as usual. Binding a page writes at ``#positions``
the page's entries, ``VALUES (?position ?entry) { (o+1 <LIST/o+1>) ... }``, and only
``LIMIT l`` at ``#page`` (which tells the engine the page is small, so it looks up the
details of the page's rows only): the engine reads the page's entries, one lookup per row,
where sorting the list on each request costs as much as the list is long. Without a page
the marker binds ``?list`` to the list and the whole list is read; left as comments, the
markers leave ``?list`` free (every list's entries).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from claimgraph.errors import NotFound, ParameterError, Problem, QueryError, ValidationError
from claimgraph.graph.backends.sparql_text import (
    LEXEMES,
    ForbiddenOperation,
    check_outbound,
    query_form,
)
from claimgraph.graph.backends.store import Solutions, Store
from claimgraph.graph.terms.identifiers import ID_PATTERN, is_id
from claimgraph.graph.terms.namespaces import article_iri, claim_iri, entity_iri, sparql_prefixes

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "ID_KINDS",
    "MAX_PAGE_SIZE",
    "PARAMETER_KINDS",
    "QUERIES_PACKAGE",
    "Bindings",
    "CannedQuery",
    "Parameter",
    "QueryJson",
    "get_canned",
    "load_canned",
    "parse_canned",
    "parse_page",
    "run_canned",
    "run_canned_async",
    "sparql_string",
]

QUERIES_PACKAGE = "claimgraph.ontology.queries"
DEFAULT_PAGE_SIZE = 100
"""Rows per page when the caller gives no limit."""
MAX_PAGE_SIZE = 1000
"""The largest page a caller may ask for."""
MAX_TEXT_LENGTH = 1000
"""The longest value a text parameter takes."""

ID_KINDS = ("source", "place", "event", "measure", "article", "claim")
PARAMETER_KINDS = (*ID_KINDS, "text")
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

_IRI_SAFE = re.compile(r"[^<>\"{}|^`\\\s]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIELD = re.compile(r"(?P<key>title|description|param|example)\b(?P<rest>.*)")
_PARAM = re.compile(r" (?P<name>[a-z][a-z0-9_]*) \((?P<kind>\w+)\): (?P<text>.+)")
_EXAMPLE = re.compile(r" (?P<name>[a-z][a-z0-9_]*): (?P<text>.+)")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a canned query."""

    name: str
    kind: str
    description: str
    example: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    """A named, parameterised SELECT query, as read from ``ontology/queries/NAME.rq``."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    """The file as written: header comments, then the query with ``$NAME`` placeholders."""

    @property
    def examples(self) -> dict[str, str]:
        """The example value of each parameter that has one."""
        return {p.name: p.example for p in self.parameters if p.example is not None}

    def terms(self, arguments: Mapping[str, str | None]) -> dict[str, str]:
        """Each parameter's value checked and written as a SPARQL term (ParameterError if not)."""
        terms: dict[str, str] = {}
        for parameter in self.parameters:
            value = arguments.get(parameter.name)
            if value is None or value == "":
                raise ParameterError(parameter.name, f"missing the '{parameter.name}' "
                                                     f"parameter: {parameter.description}")
            terms[parameter.name] = self._term(parameter, value, arguments)
        return terms

    def _term(self, parameter: Parameter, value: str, arguments: Mapping[str, str | None]) -> str:
        if parameter.kind == "text":
            return sparql_string(value, parameter=parameter.name)
        _check_id(parameter.name, value)
        if parameter.kind == "article":
            iri = str(article_iri(value))
        elif parameter.kind == "claim":
            article = arguments.get("article") or ""
            _check_id("article", article)
            iri = str(claim_iri(article, value))
        else:
            iri = str(entity_iri(parameter.kind, value))
        if not _IRI_SAFE.fullmatch(iri):  # cannot happen for a checked id; never trust it
            raise ParameterError(parameter.name, f"'{parameter.name}' makes an invalid IRI")
        return f"<{iri}>"

    def bind(self, arguments: Mapping[str, str | None], *, limit: int | None = DEFAULT_PAGE_SIZE,
             offset: int = 0) -> str:
        """The full query text for these arguments and this page, ready to run."""
        terms = self.terms(arguments)
        listed = _listed(self.sparql)
        by_position = listed is not None
        page = ""
        if limit is not None:
            page += f"\nLIMIT {_count('limit', limit)}"
        if offset and not by_position:  # the positions picked are the offset already
            page += f"\nOFFSET {_count('offset', offset)}"
        positions = ""
        if listed is not None:
            positions = _positions(_list_iri(listed, terms), limit, _count("offset", offset))
        body, paged = _substitute(self.sparql, terms, page.strip() + "\n", positions)
        if not paged:
            body = body.rstrip() + page
        return sparql_prefixes() + body.rstrip() + "\n"

    def ids(self, arguments: Mapping[str, str | None]) -> list[tuple[Parameter, str]]:
        """(parameter, IRI) for each id parameter, after :meth:`terms` has checked them."""
        terms = self.terms(arguments)
        return [(p, terms[p.name][1:-1]) for p in self.parameters if p.kind in ID_KINDS]


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ParameterError(name, f"'{name}' must be a whole number, 0 or more")
    return value


def _check_id(name: str, value: str) -> None:
    if not is_id(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ParameterError(name, f"parameter '{name}' must be an id of lowercase letters, "
                                   f"digits, '.', '_' and '-' (got {shown!r})")


def sparql_string(text: str, *, parameter: str = "text") -> str:
    """``text`` as a SPARQL string literal, every quote and backslash escaped."""
    if len(text) > MAX_TEXT_LENGTH:
        raise ParameterError(parameter, f"parameter '{parameter}' is longer than "
                                        f"{MAX_TEXT_LENGTH} characters")
    if _CONTROL.search(text):
        raise ParameterError(parameter, f"parameter '{parameter}' contains a control character")
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


PAGE_MARKER = "#page"
"""The comment that marks where a query's page is cut (see the module docstring)."""
POSITIONS_MARKER = "#positions"
"""The comment that marks where a query's page of list positions goes (see the module
docstring)."""
MARKERS = (PAGE_MARKER, POSITIONS_MARKER)


POSITIONS_NAMES = ("?list", "?entry", "?position")
"""The variables a query with the positions marker uses (see the module docstring)."""


def _is_marker(comment: str | None) -> bool:
    return comment == PAGE_MARKER or (comment or "").split(" ")[0] == POSITIONS_MARKER


def _listed(sparql: str) -> str | None:
    """The list IRI template of the positions marker (``#positions TEMPLATE``), if any."""
    for kind, value in _template(sparql):
        if kind == "marker" and value != PAGE_MARKER:
            return value.removeprefix(POSITIONS_MARKER).strip()
    return None


def _list_iri(template: str, terms: Mapping[str, str]) -> str:
    """The list's IRI: ``template`` with each ``$NAME`` replaced by that parameter's IRI."""
    iri = re.sub(r"\$(\w+)", lambda m: terms[m[1]].strip("<>"), template)
    if not _IRI_SAFE.fullmatch(iri):  # the parameters are checked ids; never trust it
        raise ParameterError("list", f"the list IRI {iri!r} is not valid")
    return iri


def _positions(list_iri: str, limit: int | None, offset: int) -> str:
    """The list and its page of entries as SPARQL: the entries' positions and IRIs (the
    list's IRI, a slash and the position) for a page, every entry from ``offset`` on
    without one."""
    if limit is None:
        return (f"BIND (<{list_iri}> AS ?list)\n"
                + (f"FILTER (?position > {offset})\n" if offset else ""))
    # ?list is left to each entry: bound here, Oxigraph would scan the list to join on it
    entries = " ".join(f"({n} <{list_iri}/{n}>)" for n in range(offset + 1, offset + limit + 1))
    return f"VALUES (?position ?entry) {{ {entries} }}\n"


def _comments(sparql: str) -> list[str]:
    """Each comment of ``sparql``, a page marker as the marker alone."""
    comments = [m["comment"].strip() for m in LEXEMES.finditer(sparql) if m["comment"]]
    return [c.split(" ")[0] if _is_marker(c) else c for c in comments]


@lru_cache(maxsize=64)
def _template(sparql: str) -> tuple[tuple[str, str], ...]:
    """``sparql`` cut once into pieces: ("text", TEXT), ("param", NAME) for a ``$NAME``
    placeholder, ("marker", MARKER) for a page marker (the text is lexed once per query file,
    not on every request)."""
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in LEXEMES.finditer(sparql):
        variable = match["variable"]
        comment = match["comment"].strip() if match["comment"] else None
        if variable and variable.startswith("$"):
            piece = ("param", variable[1:])
        elif _is_marker(comment):
            piece = ("marker", comment or "")
        else:
            continue
        pieces += [("text", sparql[start:match.start()]), piece]
        start = match.end()
    pieces.append(("text", sparql[start:]))
    return tuple(pieces)


def _substitute(sparql: str, terms: Mapping[str, str], page: str,
                positions: str) -> tuple[str, bool]:
    """``sparql`` with each ``$NAME`` replaced by its term, the page marker (if any) by
    ``page`` and the positions marker by ``positions``; and whether there was a marker."""
    marked = False
    out: list[str] = []
    for kind, value in _template(sparql):
        if kind == "text":
            out.append(value)
        elif kind == "param":
            out.append(terms.get(value, f"${value}"))
        else:
            marked = True
            out.append(page if value == PAGE_MARKER else positions)
    return "".join(out), marked


def parse_page(limit: str | None, offset: str | None) -> tuple[int, int]:
    """(limit, offset) from request text; defaults DEFAULT_PAGE_SIZE and 0."""
    def whole(name: str, text: str | None, default: int, low: int, high: int | None) -> int:
        if text is None or text == "":
            return default
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            raise ParameterError(name, f"parameter '{name}' must be a whole number")
        value = int(text)
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise ParameterError(name, f"parameter '{name}' must be {bounds}")
        return value

    return (whole("limit", limit, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
            whole("offset", offset, 0, 0, None))


def run_canned(store: Store, query: CannedQuery, arguments: Mapping[str, str | None], *,
               limit: int | None = DEFAULT_PAGE_SIZE, offset: int = 0) -> Solutions:
    """Run ``query`` with ``arguments`` on any store and return one page of solutions.

    An empty first page whose id parameters name nothing in the store raises NotFound.
    """
    result = store.query(query.bind(arguments, limit=limit, offset=offset))
    if not isinstance(result, Solutions):
        raise QueryError(f"the canned query {query.name} did not return solutions")
    if not result.rows and offset == 0:
        for parameter, iri in query.ids(arguments):
            known = store.query(_ask_known(iri))
            if not known:
                raise _unknown_id(parameter, arguments)
    return result


@dataclass(frozen=True)
class Bindings:
    """One page of a canned query's answer as SPARQL 1.1 JSON results read it: per row, each
    bound variable's ``{"type", "value", "datatype" or "xml:lang"}`` (unbound ones absent).

    What :func:`run_canned_async` returns: the engine's own serialisation, parsed in C, with
    no :class:`~claimgraph.graph.backends.store.Term` built per cell."""

    variables: tuple[str, ...]
    rows: list[dict[str, dict[str, str]]]

    def __len__(self) -> int:
        return len(self.rows)


QueryJson = Callable[[str], Awaitable[bytes]]
"""Runs one SPARQL query and returns its result as SPARQL 1.1 JSON results, e.g. the isolated
store's ``query_serialized_async(sparql, "json")``."""


async def run_canned_async(run: QueryJson, query: CannedQuery,
                           arguments: Mapping[str, str | None], *,
                           limit: int | None = DEFAULT_PAGE_SIZE, offset: int = 0) -> Bindings:
    """:func:`run_canned` for a coroutine: ``query`` with ``arguments`` run by ``run``, one
    page of it as :class:`Bindings`; NotFound as :func:`run_canned` raises it."""
    document = json.loads(await run(query.bind(arguments, limit=limit, offset=offset)))
    if "results" not in document:
        raise QueryError(f"the canned query {query.name} did not return solutions")
    rows = document["results"]["bindings"]
    if not rows and offset == 0:
        for parameter, iri in query.ids(arguments):
            if not json.loads(await run(_ask_known(iri))).get("boolean"):
                raise _unknown_id(parameter, arguments)
    return Bindings(tuple(document["head"]["vars"]), rows)


def _ask_known(iri: str) -> str:
    return f"ASK {{ <{iri}> ?p ?o }}"


def _unknown_id(parameter: Parameter, arguments: Mapping[str, str | None]) -> NotFound:
    return NotFound(f"no {parameter.kind} has the id {arguments.get(parameter.name)!r} "
                    f"(parameter '{parameter.name}')")


# -- reading the files ---------------------------------------------------------------------


def parse_canned(name: str, text: str) -> CannedQuery:
    """Read one canned query file; ValidationError lists every problem in it."""
    file = f"{name}.rq"
    problems: list[Problem] = []

    def problem(line: int | None, field_name: str, message: str) -> None:
        problems.append(Problem(file, line, field_name, message))

    if not NAME_PATTERN.fullmatch(name):
        problem(None, "name", "a canned query's file name must be lowercase letters, digits "
                              "and '-'")
    fields: list[tuple[int, str, str]] = []  # (line, key, text)
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.startswith("#"):
            break
        content = line[1:].removeprefix(" ")
        if not content.strip():
            continue
        if content.startswith(" ") and fields:
            start, key, value = fields[-1]
            fields[-1] = (start, key, f"{value} {content.strip()}")
            continue
        match = _FIELD.match(content)
        if not match or not match["rest"].startswith((":", " ")):
            problem(number, "header", f"expected 'title:', 'description:', 'param NAME "
                                      f"(KIND):' or 'example NAME:', not {content!r}")
            continue
        fields.append((number, match["key"], match["rest"]))

    title = description = ""
    parameters: list[Parameter] = []
    examples: dict[str, str] = {}
    for number, key, rest in fields:
        if key in ("title", "description"):
            if not rest.startswith(": ") or not rest[2:].strip():
                problem(number, key, f"write '{key}: text'")
            elif (title if key == "title" else description):
                problem(number, key, f"give one {key}")
            elif key == "title":
                title = rest[2:].strip()
            else:
                description = rest[2:].strip()
        elif key == "param":
            param = _PARAM.fullmatch(rest)
            if not param:
                problem(number, "param", "write 'param NAME (KIND): description'")
            elif param["kind"] not in PARAMETER_KINDS:
                problem(number, "param", f"unknown kind {param['kind']!r}: use one of "
                                         f"{', '.join(PARAMETER_KINDS)}")
            elif any(p.name == param["name"] for p in parameters):
                problem(number, "param", f"parameter {param['name']!r} is declared twice")
            else:
                parameters.append(Parameter(param["name"], param["kind"],
                                            param["text"].strip()))
        else:
            example = _EXAMPLE.fullmatch(rest)
            if not example:
                problem(number, "example", "write 'example NAME: value'")
            else:
                examples[example["name"]] = example["text"].strip()
    if not title:
        problem(None, "title", "the header has no title")
    if not description:
        problem(None, "description", "the header has no description")

    declared = {p.name: p for p in parameters}
    if any(p.kind == "claim" for p in parameters) and \
            declared.get("article", Parameter("", "", "")).kind != "article":
        problem(None, "param", "a claim parameter needs an 'article' parameter of kind "
                               "article: claim ids are unique within their article")
    for example_name, value in examples.items():
        if example_name not in declared:
            problem(None, "example", f"example for an undeclared parameter {example_name!r}")
        elif declared[example_name].kind != "text" and not ID_PATTERN.fullmatch(value):
            problem(None, "example", f"example {example_name!r} is not a valid id")
    parameters = [Parameter(p.name, p.kind, p.description, examples.get(p.name))
                  for p in parameters]
    problems.extend(_check_body(file, text, declared))
    if problems:
        raise ValidationError(problems)
    return CannedQuery(name, title, description, tuple(parameters), text)


def _check_body(file: str, text: str, declared: Mapping[str, Parameter]) -> list[Problem]:
    problems: list[Problem] = []
    used: set[str] = set()
    top_level: list[str] = []
    depth = 0
    for match in LEXEMES.finditer(text):
        if match["brace"]:
            depth += 1 if match["brace"] == "{" else -1
        elif match["variable"] and match["variable"].startswith("$"):
            used.add(match["variable"][1:])
        elif match["word"] and depth == 0:
            top_level.append(match["word"].upper())
    for name in sorted(used - set(declared)):
        problems.append(Problem(file, None, "param", f"${name} is used but not declared"))
    for name in sorted(set(declared) - used):
        problems.append(Problem(file, None, "param", f"${name} is declared but not used"))
    if query_form(text) != "SELECT":
        problems.append(Problem(file, None, "query", "a canned query must be a SELECT query"))
    if "LIMIT" in top_level or "OFFSET" in top_level:
        problems.append(Problem(file, None, "query", "no top-level LIMIT or OFFSET: pages "
                                                     "are added when the query runs"))
    if "ORDER" not in top_level:
        problems.append(Problem(file, None, "query", "a top-level ORDER BY keeps pages stable"))
    markers = [c for c in _comments(text) if c in MARKERS]
    for marker in MARKERS:
        if markers.count(marker) > 1:
            problems.append(Problem(file, None, "query", f"{marker} marks one place, "
                                                         f"not {markers.count(marker)}"))
    if POSITIONS_MARKER in markers and PAGE_MARKER not in markers:
        problems.append(Problem(file, None, "query", f"{POSITIONS_MARKER} needs {PAGE_MARKER} "
                                                     "after the subquery that picks the page"))
    listed = _listed(text)
    if listed is not None:
        if not listed:
            problems.append(Problem(file, None, "query", f"{POSITIONS_MARKER} names the list's "
                                                         "IRI: #positions $source/claims"))
        for name in re.findall(r"\$(\w+)", listed):
            if name not in declared or declared[name].kind not in ID_KINDS:
                problems.append(Problem(file, None, "query", f"the list IRI uses ${name}, "
                                                             "which is no id parameter"))
    missing = [v for v in POSITIONS_NAMES if v not in text]
    if POSITIONS_MARKER in markers and missing:
        problems.append(Problem(file, None, "query", f"{POSITIONS_MARKER} picks entries of "
                                                     f"?list as ?entry at ?position: the query "
                                                     f"does not use {', '.join(missing)}"))
    try:
        check_outbound(text)
    except ForbiddenOperation as error:
        problems.append(Problem(file, None, "query", str(error)))
    return problems


@cache
def load_canned(package: str = QUERIES_PACKAGE) -> tuple[CannedQuery, ...]:
    """Every canned query of ``package`` (a folder of ``*.rq`` files), by name."""
    folder = resources.files(package)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")),
                   key=lambda f: f.name)
    return tuple(parse_canned(f.name.removesuffix(".rq"), f.read_text(encoding="utf-8"))
                 for f in files)


def get_canned(name: str, package: str = QUERIES_PACKAGE) -> CannedQuery:
    """The canned query called ``name``; NotFound if there is none."""
    for query in load_canned(package):
        if query.name == name:
            return query
    known = ", ".join(q.name for q in load_canned(package))
    raise NotFound(f"no canned query is called {name!r}; there are: {known}")
