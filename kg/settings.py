"""Frozen settings, loaded once and passed down to each stage."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

DEFAULT_BASE_IRI = "http://localhost:8000/"


def _check_base_iri(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"base IRI must start with http:// or https://, got {value!r}")
    return value if value.endswith("/") else value + "/"


BaseIri = Annotated[str, AfterValidator(_check_base_iri)]


class Frozen(BaseModel):
    """A settings model: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BuildSettings(Frozen):
    """What shapes the graph a build makes: the same settings and input give the same graph."""

    base_iri: BaseIri = DEFAULT_BASE_IRI
    timezone: str = "Europe/Copenhagen"
    #: Least similarity (0..1) of item texts for an agenda without heading to join a meeting.
    content_match_threshold: float = 0.5

    def digest(self) -> str:
        """A short, stable hash of these settings, recorded in each build's provenance."""
        payload = json.dumps(self.model_dump(), sort_keys=True).encode()
        return hashlib.sha256(payload).hexdigest()[:16]
