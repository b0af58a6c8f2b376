"""The ``claimgraph`` command: validate, load, query and export the claim graph."""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from claimgraph.config import STORE_ENV, default_store_path, open_store, store_location
from claimgraph.errors import ClaimgraphError, QueryError, StoreError, ValidationError
from claimgraph.graph.authoring.checking import check_files
from claimgraph.graph.authoring.registries import read_layered_registry
from claimgraph.graph.backends.store import (
    DATASET_FORMATS,
    SELECT_FORMATS,
    TRIPLE_FORMATS,
    Boolean,
    Solutions,
    Store,
)
from claimgraph.graph.derive.status import derive_if_rules_changed
from claimgraph.graph.terms.namespaces import PREFIXES
from claimgraph.graph.views.known_statements import StoredQuote, read_known
from claimgraph.graph.writing.loading import load_files

__all__ = ["main"]



def _say(message: str) -> None:
    """Tell the person at the terminal (standard error), without wrapping."""
    print(message, file=sys.stderr)


def _compact(value: str, kind: str) -> str:
    if kind == "iri":
        for prefix, iri in PREFIXES.items():
            if value.startswith(iri):
                return f"{prefix}:{value[len(iri):]}"
        return f"<{value}>"
    return value


def _single_line_prefixes() -> str:
    """Our prefixes on one line, so the user's query keeps its line numbers."""
    return " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()) + " "


def _unshift(message: str, shift: int) -> str:
    """Point a parser message at the user's own column, not one shifted by our prefixes."""
    return re.sub(r"at 1:(\d+)", lambda m: f"at 1:{max(int(m[1]) - shift, 1)}", message)


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    candidate = Path(text)
    if len(text) < 4096 and "\n" not in text and candidate.suffix in {".rq", ".sparql"}:
        if not candidate.is_file():
            raise ClaimgraphError(f"query file not found: {text}")
        return candidate.read_text(encoding="utf-8")
    return text


def _open_for_reading(location: str | None) -> Store:
    path = store_location(location)
    if isinstance(path, str):
        return open_store(path)  # a SPARQL server
    if str(location) != ":memory:" and not path.exists():
        raise StoreError(f"no store at {path}: run `claimgraph load` first (or pass --store)")
    try:
        return open_store(location)
    except StoreError:
        return open_store(location, read_only=True)  # a server holds it: read alongside


# --------------------------------------------------------------------------------- commands

@contextlib.contextmanager
def _progress_bar(what: str) -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on the terminal for work over many files (none when not a terminal)."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=Console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        yield update


def cmd_validate(args: argparse.Namespace) -> int:
    with _progress_bar("checking") as progress:
        checked = check_files([Path(p) for p in args.paths], progress=progress)
    files = [checked.registry.file] + [a.claims.file for a in checked.articles]
    claims = sum(len(a.claims.claims) for a in checked.articles)
    print(f"ok: {len(files)} files, {len(checked.articles)} article(s), {claims} claims, "
          f"{len(checked.registry.sources)} sources; every quote anchored, shapes conform")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    try:
        with _progress_bar("loading") as progress:
            report = load_files(store, [Path(p) for p in args.paths] or None,
                                progress=progress)
    finally:
        store.close()
    print(f"store: {report.store}")
    print(f"registry: {report.registry_file} ({report.registry_triples} triples)")
    for article_id, graph, claims, triples in report.articles:
        print(f"article {article_id}: {claims} claims, {triples} triples -> <{graph}>")
    print(f"statuses: {report.statuses}")
    print(f"total: {report.total_triples} triples in {report.graphs} named graphs")
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day: write YYYY-MM-DD") from None


def _known(location: str | None) -> list[StoredQuote]:
    """The stored claims' quotes a draft is compared with: the store named, else the
    default store when there is one."""
    path = store_location(location)
    if location is None and isinstance(path, Path) and not path.exists():
        return []
    store = _open_for_reading(location)
    try:
        return read_known(store)
    finally:
        store.close()


def cmd_draft(args: argparse.Namespace) -> int:
    from claimgraph.graph.authoring.parsing import read_claims
    from claimgraph.graph.drafting.draft import draft_file, registry_for
    from claimgraph.graph.evaluation.score import evaluate_draft, read_draft

    text_path = Path(args.article)
    output = Path(args.output) if args.output else None
    draft = draft_file(text_path, published=args.published, outlet=args.outlet, output=output,
                       article_id=args.id, title=args.title, known=_known(args.store))
    document = draft.to_yaml()
    if output:
        output.write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    where = args.output or "standard output"
    for note in draft.notes:
        _say(f"note: {note}")
    if not draft.claims:
        _say(f"no attributed statement found in {text_path}: the draft at {where} has no "
             "claims (no one is reported to have said, claimed or denied anything)")
    else:
        _say(f"drafted {len(draft.claims)} claims from {text_path} to {where}; "
             f"{len(draft.sources)} unresolved name(s) as new sources. Review the draft (each "
             "claim's note says what to check), then: claimgraph validate FILE")
    if args.compare:
        curated_path = Path(args.compare)
        registry = read_layered_registry(registry_for(curated_path.resolve().parent))
        score = evaluate_draft(read_draft(draft, text_path, registry),
                               read_claims(curated_path, registry))
        (sys.stdout if output else sys.stderr).write(score.summary())
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    prefixes = _single_line_prefixes()
    sparql = prefixes + _read_query(args.query)
    store = _open_for_reading(args.store)
    try:
        if args.format != "table":
            sys.stdout.buffer.write(store.query_serialized(sparql, args.format))
            return 0
        result = store.query(sparql)
    except QueryError as error:
        raise QueryError(_unshift(str(error), len(prefixes))) from None
    finally:
        store.close()
    if isinstance(result, Boolean):
        print("yes" if result else "no")
    elif isinstance(result, Solutions):
        table = Table(show_lines=args.lines)
        for name in result.variables:
            table.add_column(name, overflow="fold")
        for row in result.rows:
            table.add_row(*(_compact(t.value, t.kind) if t else "" for t in row))
        Console(width=args.width, highlight=False).print(table)
        print(f"{len(result)} row{'s' if len(result) != 1 else ''}")
    else:
        for s, p, o in result.triples:
            print(_compact(s.value, s.kind), _compact(p.value, p.kind),
                  _compact(o.value, o.kind) if o.kind == "iri" else repr(o.value))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    store = _open_for_reading(args.store)
    try:
        data = store.export(args.format)
    finally:
        store.close()
    if args.output:
        Path(args.output).write_bytes(data)
        _say(f"wrote {len(data)} bytes of {args.format} to {args.output}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)


def cmd_serve(args: argparse.Namespace) -> int:
    from claimgraph.api.server import serve, serve_workers
    from claimgraph.api.settings import Settings, read_token
    from claimgraph.graph.backends.isolated import IsolatedStore
    from claimgraph.graph.backends.sparql_text import OutboundPolicy

    # SIGTERM (docker stop, systemd, kill) stops the server as Ctrl-C does: uvicorn shuts
    # down, then raises the signal again, which this turns into a normal exit, so that the
    # store is closed (its process flushed and stopped) before claimgraph exits.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    location = store_location(args.store)
    if args.workers > 1 and not isinstance(location, str):
        raise ClaimgraphError("--workers needs a remote store (--store http://HOST/sparql): "
                              "the embedded store belongs to one process")
    # The embedded store runs in a child process that can be stopped at the time limit; a
    # SPARQL server is stopped by the HTTP timeout (and its own limits).
    store = open_store(location) if isinstance(location, str) else IsolatedStore.open(location)
    try:
        if not store.named_graphs():
            report = load_files(store)
            _say(f"the store at {store.location} was empty: loaded "
                 f"{sum(a[2] for a in report.articles)} claims from "
                 f"{len(report.articles)} shipped article(s); statuses: {report.statuses}")
        elif (summary := derive_if_rules_changed(store)) is not None:
            _say(f"the statuses in {store.location} were derived by other rules (an older "
                 f"claimgraph): derived them again: {summary}")
        token = read_token(args.token_file)
        settings = Settings(
            token=token, cors_origins=tuple(args.cors_origin), query_timeout=args.timeout,
            max_result_bytes=args.max_result_bytes,
            outbound=OutboundPolicy(allow_service=args.allow_service,
                                    allow_load=args.allow_load),
        )
        mode = "writes need the bearer token" if token else "read-only: no token set"
        if args.workers > 1:
            mode += f"; {args.workers} workers"

        def announce(host: str, port: int) -> None:
            _say(f"serving {store.location} on http://{host}:{port}/ ({mode})")

        log_level = "info" if args.verbose else "warning"
        if args.workers > 1:
            assert isinstance(location, str)
            serve_workers(location, settings, workers=args.workers, token_file=args.token_file,
                          host=args.host, port=args.port, log_level=log_level,
                          announce=announce)
        else:
            serve(store, settings, host=args.host, port=args.port, log_level=log_level,
                  announce=announce)
    finally:
        store.close()
    return 0


def cmd_snippet(args: argparse.Namespace) -> int:
    from claimgraph.graph.views.model import Filters
    from claimgraph.graph.views.snippet import Snippet

    filters = Filters.parse(statuses=args.status or [], source=args.only_source,
                            since=args.since, until=args.until)
    store = _open_for_reading(args.store)
    try:
        if args.claim:
            snippet = Snippet.claim(store, args.claim, base_url=args.base_url)
        elif args.source:
            snippet = Snippet.source(store, args.source, base_url=args.base_url)
        elif args.article:
            snippet = Snippet.article(store, args.article, base_url=args.base_url)
        elif args.contested:
            snippet = Snippet.contested(store, filters=filters, base_url=args.base_url)
        elif args.construct:
            snippet = Snippet.construct(store, _single_line_prefixes() +
                                        _read_query(args.construct), base_url=args.base_url)
        else:
            snippet = Snippet.graph(store, filters=filters, base_url=args.base_url)
        if filters and not (args.contested or args.graph):
            snippet = Snippet(snippet.view.filtered(filters), snippet.base_url)
        written = snippet.save(args.output)
    finally:
        store.close()
    view = snippet.view
    _say(f"wrote {written} ({view.title}: {len(view.nodes)} nodes, {len(view.edges)} edges)")
    return 0


# ----------------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="A claim-attribution knowledge graph: who claimed what, on whose authority,\n"
                    "when, where it is written, and who disputes it.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  claimgraph validate data/\n"
               "  claimgraph draft article.txt --published 2019-07-22 --outlet RFE/RL "
               "-o article.claims.yaml\n"
               "  claimgraph load data/\n"
               "  claimgraph query 'SELECT ?claim ?status WHERE { ?claim cg:status ?status }'\n"
               "  claimgraph snippet --contested -o contested.svg\n"
               "  claimgraph export --format trig -o claims.trig\n"
               "  claimgraph serve\n"
               "\n"
               "`claimgraph COMMAND --help` shows a command's options and examples; the docs/ "
               "folder has the rest.\n",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    store_help = (f"the embedded store's folder, or a SPARQL server's query URL "
                  f"(http://HOST/sparql) (default: ${STORE_ENV}, else "
                  f"{default_store_path()}); ':memory:' for a throwaway store")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, *examples: str,
                details: str = "") -> argparse.ArgumentParser:
        """A sub-command: ``summary`` is its one line in ``claimgraph --help``; its own
        ``--help`` adds ``details`` and the examples."""
        lines = "\n".join(f"  {example}" for example in examples)
        sub = commands.add_parser(name, help=summary,
                                  description=f"{summary}\n\n{details}".strip(),
                                  epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        return sub

    validate = command(
        "validate", "check claims and registry files: list every problem, or say ok",
        "claimgraph validate data/",
        "claimgraph validate data/articles/idlib-offensive-2019.claims.yaml",
        details="Each problem is printed as FILE:LINE: FIELD: MESSAGE, and the command exits\n"
                "with status 1. Nothing is written to the store.")
    validate.add_argument("paths", nargs="+", help="claims files, registry files or folders")
    validate.set_defaults(handler=cmd_validate)

    load = command(
        "load", "check articles and load them into the store, all or nothing; derive statuses",
        "claimgraph load data/",
        "claimgraph load --store /tmp/claims data/",
        details="Each article replaces its own named graph. When any file has a problem, every\n"
                "problem is listed (FILE:LINE: FIELD: MESSAGE) and nothing is loaded.")
    load.add_argument("paths", nargs="*", help="claims files or folders (default: the shipped "
                      "articles)")
    load.add_argument("--store", help=store_help)
    load.set_defaults(handler=cmd_load)

    draft = command(
        "draft", "draft a claims file from an article's text, for a person to review",
        "claimgraph draft article.txt --published 2019-07-22 --outlet RFE/RL -o "
        "article.claims.yaml",
        "claimgraph draft data/articles/idlib-offensive-2019.txt --published 2019-07-06 "
        "--outlet Reuters -o draft.claims.yaml --compare "
        "data/articles/idlib-offensive-2019.claims.yaml",
        details="Finds the attributed statements (quotes and reported speech), who made them,\n"
                "the numbers and times they give, and writes them in the claims-file format.\n"
                "Each claim's note says what to check; names that match no known source\n"
                "become new sources marked for review. Then: claimgraph validate FILE.")
    draft.add_argument("article", help="the article's text file (UTF-8 plain text, as "
                       "published)")
    draft.add_argument("--published", required=True, type=_day, metavar="DAY",
                       help="the day the article was published (YYYY-MM-DD): relative "
                            "times resolve against it")
    draft.add_argument("--outlet", required=True, help="who published it: a known outlet's "
                       "name or id (e.g. Reuters), else a new source to review")
    draft.add_argument("-o", "--output", help="claims file to write, e.g. "
                       "ARTICLE.claims.yaml next to the text (default: standard output)")
    draft.add_argument("--id", help="the article's id (default: from the text file's name)")
    draft.add_argument("--title", help="the article's title (default: its headline or first "
                       "sentence)")
    draft.add_argument("--store", help="the store whose claims the draft is compared with, "
                       "to say which statements are already in the graph (default: the "
                       "default store, when there is one)")
    draft.add_argument("--compare", metavar="CLAIMS", help="a curated claims file of the same "
                       "article: print the draft's precision and recall against it")
    draft.set_defaults(handler=cmd_draft)

    query = command(
        "query", "run a SPARQL query over the store; print a table, or results for scripts",
        "claimgraph query 'SELECT ?claim ?status WHERE { ?claim cg:status ?status }'",
        "claimgraph query --format csv docs/cookbook/numbers.rq > numbers.csv",
        details="The default graph is the union of all named graphs. The prefixes cg:, source:,\n"
                "prov:, schema:, oa:, rdfs:, dcterms:, skos:, xsd:... are predeclared.")
    query.add_argument("query", help="the query text, a .rq/.sparql file, or - for stdin")
    query.add_argument("--format", default="table", choices=["table", *SELECT_FORMATS,
                                                             *TRIPLE_FORMATS],
                       help="table (default) for people; csv, json, tsv, xml for scripts; "
                            "turtle, ntriples, jsonld, rdfxml for CONSTRUCT")
    query.add_argument("--width", type=int, default=None, help="table width in characters")
    query.add_argument("--lines", action="store_true", help="rule lines between table rows")
    query.add_argument("--store", help=store_help)
    query.set_defaults(handler=cmd_query)

    export = command(
        "export", "write the whole store (every named graph, statuses included) as RDF",
        "claimgraph export --format trig -o claims.trig",
        "claimgraph export --format nquads > claims.nq")
    export.add_argument("--format", default="trig", choices=list(DATASET_FORMATS),
                        help="trig (default), nquads and jsonld keep the named graphs; "
                             "turtle and ntriples merge them")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.add_argument("--store", help=store_help)
    export.set_defaults(handler=cmd_export)

    snippet = command(
        "snippet", "draw a graph view into a file for a report: .html, .svg, .png or .json",
        "claimgraph snippet --contested -o contested.svg",
        "claimgraph snippet --claim hrw-cluster-munitions -o hrw.html",
        "claimgraph snippet --graph --status contested --from 2019-06-01 -o june.png",
        details="An .html file is self-contained (no outside requests) and can sit beside\n"
                "others on one page; .svg prints well and goes into PDFs.")
    what = snippet.add_mutually_exclusive_group(required=True)
    what.add_argument("--claim", metavar="ID", help="one claim: ARTICLE/CLAIM, or CLAIM when "
                      "its id is unique")
    what.add_argument("--source", metavar="ID", help="one source: everything it claimed, and "
                      "who disputes it")
    what.add_argument("--contested", action="store_true", help="the contested claims and "
                      "the claims set against them")
    what.add_argument("--article", metavar="ID", help="every claim of one article")
    what.add_argument("--graph", action="store_true", help="the whole graph")
    what.add_argument("--construct", metavar="QUERY", help="a CONSTRUCT query: its text, a "
                      ".rq file, or - for stdin")
    snippet.add_argument("-o", "--output", required=True, help="file to write; its suffix "
                         "picks the form: .html, .svg, .png or .json")
    snippet.add_argument("--status", action="append", metavar="STATUS",
                         help="keep only claims of this status (repeatable): contested, "
                              "updated, corroborated, single-source")
    snippet.add_argument("--only-source", metavar="ID", help="keep only claims of this source")
    snippet.add_argument("--from", dest="since", metavar="DAY",
                         help="keep claims stated on or after DAY (YYYY-MM-DD)")
    snippet.add_argument("--to", dest="until", metavar="DAY",
                         help="keep claims stated on or before DAY (YYYY-MM-DD)")
    snippet.add_argument("--base-url", metavar="URL", help="a claimgraph server's address: "
                         "titles and nodes then link to their views there")
    snippet.add_argument("--store", help=store_help)
    snippet.set_defaults(handler=cmd_snippet)

    serve = command(
        "serve", "serve the SPARQL endpoint, query page and graph views over HTTP",
        "claimgraph serve --port 8000",
        "CLAIMGRAPH_TOKEN=s3cret claimgraph serve --cors-origin https://example.org",
        details="An empty store is first loaded with the shipped articles. Reads are public;\n"
                "writes need the bearer token ($CLAIMGRAPH_TOKEN or --token-file), and without\n"
                "one the server is read-only.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on "
                       "(default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--store", help=store_help)
    serve.add_argument("--token-file", help="file holding the bearer token writes need "
                       "(or set $CLAIMGRAPH_TOKEN); without one, the server is read-only")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="let browser pages from ORIGIN query (repeatable; * for any)")
    serve.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="stop any query or update after this many seconds (default 30)")
    serve.add_argument("--max-result-bytes", type=int, default=50_000_000, metavar="BYTES",
                       help="refuse results larger than this (default 50 MB)")
    serve.add_argument("--allow-service", action="store_true",
                       help="let queries use SERVICE to reach other hosts (off by default)")
    serve.add_argument("--allow-load", action="store_true",
                       help="let updates use LOAD to fetch URLs or files (off by default)")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="worker processes answering on the same port (default 1); more "
                            "than one needs a remote store (--store http://HOST/sparql)")
    serve.set_defaults(handler=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except ValidationError as error:
        _say(str(error))
        return 1
    except ClaimgraphError as error:
        _say(f"error: {error}")
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, as a server is meant to be stopped
        _say("stopped")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
