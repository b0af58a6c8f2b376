"""How two spellings of one name are compared: a spelling-neutral key ("The U.S.-based
Human Rights Watch" and "Human Rights Watch" have one key; "defense" is "defence"), and the
id a new name gets."""

from __future__ import annotations

import re

__all__ = ["name_key", "slug"]

_SPELLING = [(r"defense\b", "defence"), (r"iz(ation|ations|e|es|ed|ing)\b", r"is\1"),
             (r"\bcenter\b", "centre")]


def name_key(name: str) -> str:
    """The spelling-neutral form of a name that resolution compares."""
    key = name.replace("\u2019", "'").replace("\u2018", "'").lower()
    key = re.sub(r"\b[\w.]+-based\b", " ", key)  # "U.S.-based", "Idlib-based"
    key = key.replace(".", "")
    key = re.sub(r"'s\b", "", key)
    for pattern, replacement in _SPELLING:
        key = re.sub(pattern, replacement, key)
    key = re.sub(r"[^\w\s-]", " ", key)
    key = " ".join(key.split())
    while True:
        stripped = re.sub(r"^(?:the|a|an|its|their|his|her|our)\s+", "", key)
        if stripped == key:
            return key
        key = stripped


def slug(name: str) -> str:
    """A lower-case id made of the name's words: "Example Monitor" -> ``example-monitor``."""
    words = re.findall(r"[a-z0-9]+", name_key(name))
    return "-".join(words)[:60].strip("-") or "source"
