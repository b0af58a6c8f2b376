"""Every error claimgraph raises on purpose.

    ClaimgraphError
     ├── ValidationError   bad input: carries every Problem found (file, line, field, message)
     ├── QueryError        a SPARQL query or update that does not parse or cannot run
     │    ├── QueryTimeout      it ran past the time limit and was stopped
     │    ├── ResultTooLarge    its result is larger than the size limit
     │    └── ParameterError    a canned query's parameter is missing or malformed
     ├── StoreError        the store cannot be opened, read or written
     └── NotFound          a claim, source, article or graph that does not exist

The CLI prints these as they are and exits non-zero; the API maps them to HTTP statuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ClaimgraphError",
    "NotFound",
    "ParameterError",
    "Problem",
    "QueryError",
    "QueryTimeout",
    "ResultTooLarge",
    "StoreError",
    "ValidationError",
]


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file: where it is and what to do about it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ValidationError(ClaimgraphError):
    """Input that cannot be loaded. ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(set(problems), key=_problem_order)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found:\n{lines}")


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.field, problem.message)


class QueryError(ClaimgraphError):
    """A SPARQL query or update that does not parse or cannot be evaluated."""


class QueryTimeout(QueryError):
    """The query or update ran past its time limit and was stopped."""


class ResultTooLarge(QueryError):
    """The result is larger than the size limit."""


class ParameterError(QueryError):
    """A canned query's parameter is missing or malformed; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(message)


class StoreError(ClaimgraphError):
    """The store cannot be opened, read or written."""


class NotFound(ClaimgraphError):
    """The thing asked for does not exist."""
