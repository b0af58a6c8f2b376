"""Helpers for the cog blocks of README.md and docs/: run real commands, paste their real output.

Regenerate with ``make docs``; the test suite runs ``cog --check`` so the docs cannot drift.
Commands run against a scratch store holding the shipped articles (loaded on first use), and
HTTP examples against real ``claimgraph serve`` processes, shown as http://127.0.0.1:8000.
"""

from __future__ import annotations

import atexit
import html.parser
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import cog  # provided by cogapp while it runs

from claimgraph.config import default_store_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = "~/.local/share/claimgraph/store"
_STORE = Path(tempfile.mkdtemp(prefix="claimgraph-readme-")) / "store"
atexit.register(shutil.rmtree, _STORE.parent, ignore_errors=True)


def _store(name: str | None) -> Path:
    """The scratch store of that name; None is the one the README loads."""
    return _STORE if name is None else _STORE.parent / name


def _run(command: str, *, stderr: bool = False, store: str | None = None,
         expect_failure: bool = False, columns: int | None = None,
         stdin: str | None = None, environment: dict[str, str] | None = None) -> str:
    argv = shlex.split(command)
    assert argv[0] == "claimgraph", command
    path = _store(store)
    env = {**os.environ, "CLAIMGRAPH_STORE": str(path), **(environment or {})}
    if columns:
        env.update(COLUMNS=str(columns), NO_COLOR="1")
    if (argv[1:2] not in (["load"], ["validate"]) and "--help" not in argv
            and not path.exists() and not environment):
        _run("claimgraph load data/", store=store)  # a page shown on its own needs the seed
    with tempfile.TemporaryDirectory() as scratch:
        # Files a command writes land in a scratch folder; paths to docs/ still resolve.
        argv = [str(ROOT / a) if a.startswith("docs/") or a.startswith("data/") else a
                for a in argv]
        result = subprocess.run([sys.executable, "-m", "claimgraph.cli", *argv[1:]],
                                cwd=scratch, env=env, input=stdin, capture_output=True,
                                text=True, check=False)
    if (result.returncode != 0) != expect_failure:
        raise RuntimeError(f"{command} exited with {result.returncode}: {result.stderr}")
    output = result.stdout + (result.stderr if stderr or expect_failure else "")
    return (output.replace(str(path), DEFAULT_STORE).replace(str(default_store_path()),
                                                            DEFAULT_STORE)
            .replace(str(ROOT) + "/", ""))


def output(command: str, *, stdin: str | None = None, store: str | None = None) -> str:
    """What a ``claimgraph`` command prints on standard output, for a generator to reshape."""
    return _run(command, stdin=stdin, store=store)


def console(*commands: str, stderr: bool = False, store: str | None = None,
            expect_failure: bool = False) -> None:
    """A console block: each command after '$ ', then what it printed.

    ``store`` names another scratch store (so a page can load more than the seed without
    changing what other pages show); ``expect_failure`` shows a command that must fail, with
    its error output.
    """
    cog.outl("```console")
    for command in commands:
        cog.outl(f"$ {command}")
        cog.out(_run(command, stderr=stderr, store=store, expect_failure=expect_failure))
    cog.outl("```")


def cli_help(command: str) -> None:
    """A console block with ``claimgraph ... --help``, as a 100-column terminal shows it."""
    cog.outl("```console")
    cog.outl(f"$ {command} --help")
    cog.out(_run(f"{command} --help", columns=100))
    cog.outl("```")


def show(path: str, language: str = "text") -> None:
    """A block with the text of a file of the repository."""
    cog.outl(f"```{language}")
    cog.out((ROOT / path).read_text(encoding="utf-8"))
    cog.outl("```")


def sparql(path: str) -> None:
    """A sparql block with the text of a query file."""
    cog.outl("```sparql")
    cog.out((ROOT / path).read_text(encoding="utf-8"))
    cog.outl("```")


def header_comment(text: str) -> list[str]:
    """The paragraphs of the comment a query file opens with."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return [" ".join(p.split()) for p in "\n".join(lines).split("\n\n") if p.strip()]


def rules(stage: str) -> None:
    """Every rule file of one stage of ontology/rules/: its header comment, then its SPARQL."""
    for path in sorted((ROOT / "ontology" / "rules" / stage).glob("*.rq")):
        relative = path.relative_to(ROOT).as_posix()
        cog.outl(f"### {path.stem}")
        cog.outl("")
        for paragraph in header_comment(path.read_text(encoding="utf-8")):
            cog.outl(f"> {paragraph}")
            cog.outl(">")
        cog.outl(f"> — [`{relative}`](../{relative})")
        cog.outl("")
        cog.outl("<details><summary>The rule in SPARQL</summary>")
        cog.outl("")
        sparql(relative)
        cog.outl("")
        cog.outl("</details>")
        cog.outl("")


class _Server:
    """One `claimgraph serve` for the docs' HTTP examples, shown as port 8000."""

    def __init__(self, *options: str, token: str | None = "s3cret", store: str = "served",
                 preload: Sequence[str] = ()) -> None:
        self.options, self.token, self.store, self.preload = options, token, store, preload
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.announced: list[str] = []
        """What the server printed up to and including its "serving ... on" line."""

    def start(self) -> str:
        if self.process is None:
            if self.preload:  # else `serve` loads the shipped articles into the empty store
                _run(" ".join(["claimgraph load --store", str(_STORE.parent / self.store),
                               *self.preload]))
            env = {k: v for k, v in os.environ.items()
                   if k not in ("CLAIMGRAPH_TOKEN", "CLAIMGRAPH_TOKEN_FILE")}
            if self.token:
                env["CLAIMGRAPH_TOKEN"] = self.token
            self.process = subprocess.Popen(
                [sys.executable, "-m", "claimgraph.cli", "serve", "--port", "0", "--store",
                 str(_STORE.parent / self.store), *self.options], cwd=ROOT, env=env, text=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            assert self.process.stderr is not None
            for line in self.process.stderr:
                self.announced.append(line)
                if " on http://" in line:
                    self.url = line.split(" on ")[1].split("/ ")[0]
                    break
            if not self.url:
                raise RuntimeError("claimgraph serve did not start: " + "".join(self.announced))
            atexit.register(self.stop)
        return self.url

    def shown(self, text: str) -> str:
        """``text`` as the docs show it: port 8000, the default store."""
        return (text.replace(self.url, SHOWN_URL)
                .replace(quote(self.url, safe=""), quote(SHOWN_URL, safe=""))
                .replace(str(_STORE.parent / self.store), DEFAULT_STORE))

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)
            self.process = None


_SERVERS: dict[tuple[str, tuple[str, ...], str | None, tuple[str, ...]], _Server] = {}
SHOWN_URL = "http://127.0.0.1:8000"


def _server(options: Sequence[str] = (), token: str | None = "s3cret",
            preload: Sequence[str] = ()) -> _Server:
    """The server of this page started with these options and token, over a store loaded
    with ``preload`` (default: what `serve` loads, the shipped articles). Each page gets its
    own servers and stores, so what one page writes never shows on another, whatever the
    order cog runs them in."""
    page = str(getattr(cog, "inFile", ""))
    key = (page, tuple(options), token, tuple(preload))
    if key not in _SERVERS:
        store = "served" if not _SERVERS else f"served-{len(_SERVERS)}"
        _SERVERS[key] = _Server(*options, token=token, store=store, preload=preload)
    return _SERVERS[key]


def shell(*commands: str, options: Sequence[str] = (), token: str | None = "s3cret",
          preload: Sequence[str] = ()) -> None:
    """A console block of shell commands (curl...) run against a live server.

    By default the server runs with ``CLAIMGRAPH_TOKEN=s3cret`` over the shipped articles;
    ``options`` are more ``claimgraph serve`` options, ``token=None`` starts one without a
    token, and ``preload`` names the files `claimgraph load` puts in its store first.
    """
    server = _server(options, token, preload)
    url = server.start()
    cog.outl("```console")
    for command in commands:
        cog.outl(f"$ {command}")
        result = subprocess.run(command.replace(SHOWN_URL, url), shell=True, cwd=ROOT,
                                capture_output=True, text=True, check=False)
        cog.out(server.shown(result.stdout))
    cog.outl("```")


def serve_output(*options: str, token: str | None = None) -> None:
    """A console block: ``claimgraph serve`` on an empty store, and what it prints."""
    server = _server(options, token)
    server.start()
    cog.outl("```console")
    cog.outl(" ".join(["$ claimgraph serve", *options]))
    cog.out(server.shown("".join(server.announced)))
    cog.outl("```")


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((" ".join(self._text.split()), self._href))
            self._href = None


def page_links(path: str = "/") -> None:
    """A table of the links a page of the live server shows (what a person can click)."""
    server = _server()
    url = server.start()
    with urllib.request.urlopen(url + path) as response:
        parser = _Links()
        parser.feed(response.read().decode("utf-8"))
    cog.outl("| link | goes to |")
    cog.outl("|---|---|")
    for text, href in parser.links:
        shown = href if len(href) < 60 else href[:57] + "..."
        cog.outl(f"| {text} | `{shown}` |")


def html(text: str) -> None:
    """An html block, after checking that every address of the server in it answers 200."""
    url = _server().start()
    for address in re.findall(re.escape(SHOWN_URL) + r"[^\s\"'<>]*", text):
        with urllib.request.urlopen(address.replace(SHOWN_URL, url)) as response:
            if response.status != 200:
                raise RuntimeError(f"{address} answered {response.status}")
    cog.outl("```html")
    cog.out(text)
    cog.outl("```")


def python(code: str, *, local: bool = False, remote: bool = False) -> None:
    """A python block, then what it printed when run against a live server.

    With ``local`` it runs instead in a scratch folder with ``$CLAIMGRAPH_STORE`` set to the
    docs' store (as a notebook on the analyst's machine would), and files it writes vanish.
    With ``remote``, http://127.0.0.1:8890 in it is the real Virtuoso of :func:`remote`.
    """
    with tempfile.TemporaryDirectory() as scratch:
        if local or remote:
            if not _STORE.exists():
                _run("claimgraph load data/")
            env, cwd, url = {**os.environ, "CLAIMGRAPH_STORE": str(_STORE)}, scratch, SHOWN_URL
        else:
            env, cwd, url = dict(os.environ), str(ROOT), _server().start()
        shown, real = (SHOWN_SPARQL_SERVER, _virtuoso()) if remote else (SHOWN_URL, url)
        result = subprocess.run([sys.executable, "-c", code.replace(shown, real)], cwd=cwd,
                                env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    cog.outl("```python")
    cog.out(code)
    cog.outl("```")
    cog.outl("```text")
    cog.out(result.stdout.replace(real, shown))
    cog.outl("```")


SHOWN_SPARQL_SERVER = "http://127.0.0.1:8890"
_VIRTUOSO: list[object] = []


def _virtuoso() -> str:
    """A real Virtuoso on loopback for the remote-store page, started as the test suite starts
    one (tests/virtuoso.py), stopped at exit; its base URL."""
    if not _VIRTUOSO:
        spec = importlib.util.spec_from_file_location("docs_virtuoso",
                                                      ROOT / "tests" / "virtuoso.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        server = module.start_virtuoso(_STORE.parent / "virtuoso")
        atexit.register(module.stop_virtuoso, server)
        _VIRTUOSO.append(server)
    return str(_VIRTUOSO[0].http)  # type: ignore[attr-defined]


def remote(*commands: str, exports: Sequence[tuple[str, str]] = (),
           stderr: bool = False) -> None:
    """A console block: ``export NAME=value`` lines, then claimgraph commands run with that
    environment against a real Virtuoso, shown at http://127.0.0.1:8890."""
    url = _virtuoso()
    environment = {name: value.replace(SHOWN_SPARQL_SERVER, url) for name, value in exports}
    cog.outl("```console")
    for name, value in exports:
        cog.outl(f"$ export {name}={shlex.quote(value)}")
    for command in commands:
        cog.outl(f"$ {command}")
        cog.out(_run(command, stderr=stderr, environment=environment)
                .replace(url, SHOWN_SPARQL_SERVER))
    cog.outl("```")
