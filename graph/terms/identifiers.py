"""The ids people give things (articles, claims, sources, places, measures), from which
claimgraph mints IRIs: one pattern for authoring files, canned query parameters, view
addresses and the web API's OpenAPI description.

An id is lower-case letters, digits, ``.``, ``_`` and ``-``, starting with a letter or a
digit (:data:`ID_PATTERN`): safe in an IRI, a URL path and a file name without escaping.
Where an id arrives in a request (canned query parameters, view addresses) it is also at most
:data:`MAX_ID_LENGTH` characters (:func:`is_id`); authoring files are not capped.
"""

from __future__ import annotations

import re

__all__ = [
    "CLAIM_REFERENCE",
    "ID_JSON_SCHEMA",
    "ID_PATTERN",
    "ID_REGEX",
    "MAX_ID_LENGTH",
    "is_id",
]

MAX_ID_LENGTH = 200

ID_REGEX = r"[a-z0-9][a-z0-9._-]*"
"""The pattern as text, for a JSON Schema or a larger pattern."""

ID_PATTERN = re.compile(ID_REGEX)

CLAIM_REFERENCE = re.compile(rf"(?:{ID_REGEX}/)?{ID_REGEX}")
"""A claim named in another claim: ``claim-id`` in the same article, ``article-id/claim-id``
in another."""

ID_JSON_SCHEMA: dict[str, object] = {"type": "string", "pattern": f"^{ID_REGEX}$",
                                     "maxLength": MAX_ID_LENGTH}
"""An id in an OpenAPI description."""


def is_id(value: str) -> bool:
    """Whether ``value`` is a valid id (the pattern, and no longer than MAX_ID_LENGTH)."""
    return len(value) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(value) is not None
