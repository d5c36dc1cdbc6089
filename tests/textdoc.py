"""Make an ingested `Text` from inline lines, for unit tests of later stages."""

from __future__ import annotations

import hashlib
from textwrap import dedent

from kg.ingest.model import Line, MediaKind, Text


def text_of(body: str, name: str = "doc.txt") -> Text:
    """``body`` (dedented) as a one-page text whose line numbers are its own."""
    raw = dedent(body).strip("\n")
    lines = tuple(Line(line.strip(), 1, n, n) for n, line in enumerate(raw.splitlines(), start=1))
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return Text(name, name, digest, MediaKind.TEXT, "utf-8", lines)
