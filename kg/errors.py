"""The error types of minutes-kg: one base, one subclass per kind of failure.

Each message names the file and line where there is one, the reason, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of every error minutes-kg raises on purpose."""

    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(KgError):
    """A source document could not be read or understood."""

    exit_code = 1

    def __init__(
        self,
        path: Path | str,
        reason: str,
        *,
        line: int | None = None,
        page: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = str(path)
        if page is not None:
            where += f", page {page}"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {reason}", hint=hint)
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.page = page


class UnsupportedInput(InputError):
    """A file given by name is of a type ingest does not read: the command cannot run
    as asked (exit code 2), unlike a document that fails to read (1)."""

    exit_code = 2


class ValidationFailed(KgError):
    """A graph does not conform to the shapes."""

    exit_code = 1


class ShapesError(KgError):
    """The SHACL shapes themselves could not be loaded."""


class StoreError(KgError):
    """The store could not be opened, read or written."""


class UsageError(KgError):
    """The command was called with arguments that cannot work."""


class HarvestError(KgError):
    """An agenda portal could not be harvested at all (its committee list failed)."""

    exit_code = 1


class QueryError(KgError):
    """A SPARQL query is malformed or could not be run."""
