"""Frozen settings, loaded once and passed down to each stage."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

DEFAULT_BASE_IRI = "http://localhost:8000/"


def _check_base_iri(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must start with http:// or https://, got {value!r}")
    return value if value.endswith("/") else value + "/"


BaseIri = Annotated[str, AfterValidator(_check_base_iri)]


def _check_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"no time zone {value!r}: give an IANA name such as Europe/Copenhagen or Europe/London"
        ) from exc
    return value


TimeZone = Annotated[str, AfterValidator(_check_zone)]


class Frozen(BaseModel):
    """A settings model: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BuildSettings(Frozen):
    """What shapes the graph a build makes: the same settings and input give the same graph."""

    base_iri: BaseIri = DEFAULT_BASE_IRI
    #: The time zone of the meetings' clock times (``kg build --timezone``).
    timezone: TimeZone = "Europe/Copenhagen"
    #: The municipality of documents that name none (``kg build --municipality``); a
    #: document's own text or metadata wins.
    municipality: str | None = None
    #: Least similarity (0..1) of item texts for an agenda without heading to join a meeting.
    content_match_threshold: float = 0.5
    #: E-mail domains of public bodies: their addresses (and their subdomains') are kept,
    #: every other address is withheld unless a function mailbox (see kg/privacy/rules.py).
    public_contact_domains: tuple[str, ...] = (
        "gentofte.dk",
        "kl.dk",
        "regionh.dk",
        "ft.dk",
        "borger.dk",
        "virk.dk",
    )
    #: Local parts of function mailboxes, kept at any domain ("post@", "info@").
    public_mailboxes: tuple[str, ...] = (
        "post",
        "info",
        "kontakt",
        "sekretariat",
        "borgerservice",
        "presse",
    )

    #: The address the input is published under: a document's ``dct:source`` is this
    #: followed by its name (its path in its folder), unless a ``sources.csv`` beside it
    #: says otherwise (`kg.rdf.origin`); without either, the file's path.
    source_url: str | None = None

    def digest(self) -> str:
        """A short, stable hash of these settings, recorded in each build's provenance."""
        payload = json.dumps(self.model_dump(), sort_keys=True).encode()
        return hashlib.sha256(payload).hexdigest()[:16]


class RunSettings(Frozen):
    """How a build runs, not what it makes: any values give the same graph (so they are
    no part of `BuildSettings` and its digest)."""

    #: Worker processes that read and parse documents; 1 reads them in the build's process.
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    #: Documents mapped, validated and loaded together, in one write of the store.
    batch_size: int = Field(default=200, ge=1)
    #: The N-Quads a batch writes, about (bytes): where the documents prepared so far wrote
    #: more a document, the batches after them take fewer than ``batch_size`` (a meeting of
    #: real text writes some 0.8 MB, ten times a synthetic document), so that the batches
    #: waiting in memory stay near this size each whatever the documents.
    batch_bytes: int = Field(default=64 << 20, ge=1)
    #: The embedded store takes a build's graphs in few bulk loads, not one a batch
    #: (`kg.store.spool`): a load waits until this many times what the build's earlier
    #: loads took is spooled (and the loader is free): 1, loads that double at least (11
    #: at 100,000 synthetic documents; 0.5 made more loads and a slower build); 0, each
    #: batch as soon as the loader is free (many loads cost more a quad in a large store).
    load_growth: float = Field(default=1.0, ge=0)
    #: Documents sent to a worker at a time (read, or mapped and validated together).
    chunksize: int = Field(default=8, ge=1)
    #: From this many quads in the store on, the relation graphs' downloads are written
    #: by a worker process while the statistics are counted (with ``jobs`` over 1): half
    #: the statistics' time at 10,000 documents, less than starting a process below.
    parallel_statistics: int = Field(default=500_000, ge=0)
    #: A source file larger than this (bytes) is read with a warning, not refused:
    #: reading takes time in proportion to size (about 2 s a megabyte of text).
    large_document: int = Field(default=20_000_000, ge=1)
