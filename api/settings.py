"""Operator settings for the web API, from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.graph.backends.sparql_text import OutboundPolicy

__all__ = [
    "ALLOW_LOAD_ENV",
    "ALLOW_SERVICE_ENV",
    "CORS_ORIGINS_ENV",
    "MAX_RESULT_BYTES_ENV",
    "TIMEOUT_ENV",
    "TOKEN_ENV",
    "TOKEN_FILE_ENV",
    "Settings",
    "read_token",
    "settings_environment",
    "settings_from_environment",
]

TOKEN_ENV = "CLAIMGRAPH_TOKEN"
TOKEN_FILE_ENV = "CLAIMGRAPH_TOKEN_FILE"
# What the app factory of several workers (claimgraph.api.workers) reads its settings from:
TIMEOUT_ENV = "CLAIMGRAPH_TIMEOUT"
MAX_RESULT_BYTES_ENV = "CLAIMGRAPH_MAX_RESULT_BYTES"
CORS_ORIGINS_ENV = "CLAIMGRAPH_CORS_ORIGINS"
ALLOW_SERVICE_ENV = "CLAIMGRAPH_ALLOW_SERVICE"
ALLOW_LOAD_ENV = "CLAIMGRAPH_ALLOW_LOAD"


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


def settings_from_environment() -> Settings:
    """Settings from the environment, for an app built by a worker process: the token as
    :func:`read_token` finds it, the rest from ``$CLAIMGRAPH_TIMEOUT`` (seconds),
    ``$CLAIMGRAPH_MAX_RESULT_BYTES``, ``$CLAIMGRAPH_CORS_ORIGINS`` (space-separated) and
    ``$CLAIMGRAPH_ALLOW_SERVICE`` / ``$CLAIMGRAPH_ALLOW_LOAD`` ("1" to allow); unset ones
    keep their safe defaults."""
    defaults = Settings()
    env = os.environ
    return Settings(
        token=read_token(),
        cors_origins=tuple(env.get(CORS_ORIGINS_ENV, "").split()),
        max_result_bytes=int(env.get(MAX_RESULT_BYTES_ENV) or defaults.max_result_bytes),
        query_timeout=float(env.get(TIMEOUT_ENV) or defaults.query_timeout),
        outbound=OutboundPolicy(allow_service=env.get(ALLOW_SERVICE_ENV) == "1",
                                allow_load=env.get(ALLOW_LOAD_ENV) == "1"),
    )


def settings_environment(settings: Settings) -> dict[str, str]:
    """The variables :func:`settings_from_environment` reads back as ``settings`` (all but
    the token, which workers read from $CLAIMGRAPH_TOKEN or the token file themselves)."""
    return {
        TIMEOUT_ENV: repr(settings.query_timeout),
        MAX_RESULT_BYTES_ENV: str(settings.max_result_bytes),
        CORS_ORIGINS_ENV: " ".join(settings.cors_origins),
        ALLOW_SERVICE_ENV: "1" if settings.outbound.allow_service else "0",
        ALLOW_LOAD_ENV: "1" if settings.outbound.allow_load else "0",
    }
