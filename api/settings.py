"""Operator settings for the web API, from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.graph.sparql_text import OutboundPolicy

__all__ = ["TOKEN_ENV", "TOKEN_FILE_ENV", "Settings", "read_token"]

TOKEN_ENV = "CLAIMGRAPH_TOKEN"
TOKEN_FILE_ENV = "CLAIMGRAPH_TOKEN_FILE"


def read_token(token_file: str | None = None) -> str | None:
    """The write token: $CLAIMGRAPH_TOKEN, else the first line of the token file, else None."""
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV].strip() or None
    path = token_file or os.environ.get(TOKEN_FILE_ENV)
    if path:
        token = Path(path).read_text(encoding="utf-8").strip()
        return token or None
    return None


@dataclass(frozen=True)
class Settings:
    """How the API behaves. The defaults are the safe ones: read-only, nothing outbound."""

    token: str | None = None
    """Bearer token that every write needs; with None, writes are refused."""
    cors_origins: tuple[str, ...] = ()
    """Browser origins allowed to query from other sites ("*" for any)."""
    max_request_bytes: int = 1_000_000
    """Larger request bodies (and query strings) are refused with 413."""
    max_result_bytes: int = 50_000_000
    """Results that serialise to more bytes are refused (add a LIMIT); evaluation stops."""
    query_timeout: float = 30.0
    """Seconds a query or update may run before it is stopped."""
    outbound: OutboundPolicy = field(default_factory=OutboundPolicy)
