"""Talking to a SPARQL 1.1 server over HTTP: where it is, how to log in, what its answers mean.

:class:`RemoteConfig` says where the server's endpoints are and how to authenticate;
:class:`SparqlHttp` sends requests (form-encoded POSTs: Virtuoso 7.2 never answers a direct
POST of ``application/sparql-query``), reads answers up to a size limit, and turns every
failure into one of claimgraph's errors: a refused query into QueryError, a time limit into
QueryTimeout, a result cut by the server into ResultTooLarge, an unreachable or refusing
server into StoreError. :func:`standard_json` reads Virtuoso's non-standard SPARQL JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import httpx

from claimgraph.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError

__all__ = [
    "SERVER_GRAPHS",
    "Answer",
    "RemoteConfig",
    "SparqlHttp",
    "standard_json",
]

SERVER_GRAPHS: tuple[str, ...] = (
    "http://www.openlinksw.com/",  # virtrdf#: Virtuoso's own mappings, and OpenLink's schemas
    "http://www.w3.org/2002/07/owl#",  # the OWL vocabulary Virtuoso preloads
    "http://www.w3.org/ns/ldp#",  # the LDP vocabulary Virtuoso preloads
    "http://localhost:8890/",  # its WebDAV and endpoint graphs, under its DefaultHost
)
"""IRI prefixes of graphs a server keeps for itself (Virtuoso's built-in ones), which are
not claimgraph's data: not listed, counted, exported, nor fed to the status rules."""

CONNECT_SECONDS = 10.0


@dataclass(frozen=True)
class RemoteConfig:
    """Where a SPARQL 1.1 server answers, and how to log in to it."""

    query_url: str
    """The SPARQL query endpoint, e.g. http://host:8890/sparql"""
    update_url: str | None = None
    """The SPARQL Update endpoint (default: the query URL); Virtuoso's is /sparql-auth."""
    graph_store_url: str | None = None
    """The Graph Store Protocol endpoint (Virtuoso's: /sparql-graph-crud-auth). With it, new
    graphs are uploaded whole; without it, by SPARQL INSERT DATA in chunks."""
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    """Answered with Digest or Basic authentication, whichever the server asks for."""
    token: str | None = field(default=None, repr=False)
    """Sent as ``Authorization: Bearer`` (e.g. to a proxy in front of the server)."""
    timeout: float | None = None
    """Seconds to wait for each answer (None: no limit); past it, QueryTimeout."""
    server_graphs: tuple[str, ...] = SERVER_GRAPHS
    """IRI prefixes of the server's own graphs, ignored by claimgraph."""

    def __post_init__(self) -> None:
        for name in ("query_url", "update_url", "graph_store_url"):
            url = getattr(self, name)
            if url is not None and not re.match(r"https?://[^/\s]+", url):
                raise StoreError(f"{name.replace('_', ' ')} {url!r} is not an http(s) URL")
        if self.token and self.user:
            raise StoreError("give a user and password, or a token, not both")

    @property
    def updates(self) -> str:
        return self.update_url or self.query_url


class Answer(NamedTuple):
    """A server's answer, read whole."""

    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def media_type(self) -> str:
        content_type: str = self.headers.get("content-type", "")
        return content_type.split(";")[0].strip().lower()


class _ChallengeAuth(httpx.Auth):
    """Send credentials the way the server asks: Digest (Virtuoso) or Basic (most others).

    The first request goes without credentials; the scheme of the server's 401 challenge is
    then remembered, so later requests answer it directly.
    """

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is None:
            response = yield request
            if response.status_code != 401:
                return
            scheme = response.headers.get("www-authenticate", "").split(" ")[0].lower()
            self._chosen = self._digest if scheme == "digest" else self._basic
        yield from self._chosen.auth_flow(request)


def _message(answer: Answer) -> str:
    """What the server said, on one line: Virtuoso's echo of the query and HTML removed."""
    text = answer.body[:4000].decode("utf-8", "replace")
    text = re.split(r"\n\s*SPARQL query:", text)[0]
    if "html" in answer.media_type:
        text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(text.split())[:500] or f"HTTP {answer.status}"


class SparqlHttp:
    """One connection pool to a SPARQL server; safe to share between threads."""

    def __init__(self, config: RemoteConfig) -> None:
        self.config = config
        headers = {"User-Agent": "claimgraph"}
        auth: httpx.Auth | None = None
        if config.token:
            headers["Authorization"] = f"Bearer {config.token}"
        elif config.user:
            auth = _ChallengeAuth(config.user, config.password or "")
        self._client = httpx.Client(auth=auth, headers=headers, follow_redirects=False)

    def close(self) -> None:
        self._client.close()

    def send(self, method: str, url: str, *, timeout: float | None, what: str,
             cap: int | None = None, data: Mapping[str, str | list[str]] | None = None,
             content: bytes | None = None, params: Mapping[str, str] | None = None,
             headers: Mapping[str, str] | None = None) -> Answer:
        """Send a request and read the answer (at most ``cap`` bytes: ResultTooLarge past it).

        ``what`` names the request in errors ("query", "update", "upload"); an answer that
        is not a success raises the matching error.
        """
        limits = httpx.Timeout(timeout, connect=min(timeout or CONNECT_SECONDS,
                                                    CONNECT_SECONDS))
        try:
            with self._client.stream(method, url, data=data, content=content, params=params,
                                     headers=headers, timeout=limits) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if cap is not None and len(body) > cap:
                        raise ResultTooLarge(
                            f"the server's answer passed {cap:,} bytes: add a LIMIT or "
                            "narrow the query")
                answer = Answer(response.status_code, response.headers, bytes(body))
        except httpx.TimeoutException:
            after = "" if what == "query" else " (the server may still apply it)"
            raise QueryTimeout(f"no answer within the {timeout:g}-second time limit{after}: "
                               "narrow the query or add a LIMIT") from None
        except httpx.TransportError as error:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {error}") from None
        self._check(answer, url, what)
        return answer

    def _check(self, answer: Answer, url: str, what: str) -> None:
        status, message = answer.status, _message(answer)
        if status in (401, 403):
            raise StoreError(f"the SPARQL server at {url} refused the {what} (HTTP {status}): "
                             "check CLAIMGRAPH_STORE_USER and CLAIMGRAPH_STORE_PASSWORD, or "
                             f"CLAIMGRAPH_STORE_TOKEN ({message})")
        if status == 404:
            raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404)")
        if (status == 206 or "x-sparql-anytime" in answer.headers
                or (status >= 500 and re.search(r"\bS1TAT\b|\bS1T00\b|Transaction timed out",
                                                message))):
            raise QueryTimeout(f"the SPARQL server stopped the {what} at its own time limit "
                               f"(Virtuoso's MaxQueryExecutionTime): {message}")
        if status >= 300:
            if status == 400 and re.search(r"syntax error|SP030|parse", message, re.I):
                raise QueryError(f"SPARQL syntax error: {message}")
            if status < 500 or what == "query":
                raise QueryError(f"the SPARQL server refused the {what}: {message}")
            raise StoreError(f"the SPARQL server failed the {what} (HTTP {status}): {message}")
        rows = answer.headers.get("x-sparql-maxrows")
        if rows is not None:
            raise ResultTooLarge(f"the SPARQL server cut the result at {rows} rows (Virtuoso's "
                                 "ResultSetMaxRows): add a LIMIT or narrow the query")


_BNODE_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def _bnode_label(value: str) -> str:
    """A valid blank node label for a server's own (Virtuoso: ``nodeID://b10008``)."""
    label = value.removeprefix("nodeID://")
    return label if _BNODE_LABEL.fullmatch(label) else "x" + label.encode("utf-8").hex()


def standard_json(body: bytes) -> bytes:
    """SPARQL JSON results as the standard writes them: Virtuoso's ``typed-literal`` becomes
    ``literal``, its ``nodeID://`` blank nodes get valid labels."""
    try:
        document = json.loads(body)
        bindings = document.get("results", {}).get("bindings", [])
        for binding in bindings:
            for term in binding.values():
                if term.get("type") == "typed-literal":
                    term["type"] = "literal"
                elif term.get("type") == "bnode":
                    term["value"] = _bnode_label(str(term.get("value", "")))
    except (ValueError, AttributeError, TypeError) as error:
        raise QueryError(f"the SPARQL server's answer is not SPARQL JSON results: {error}"
                         ) from None
    return json.dumps(document).encode("utf-8")
