"""Content negotiation: which of the formats a route offers (`kg.formats.Media`, the one
table of formats) a request's ``Accept`` header prefers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.formats import Media


@dataclass(frozen=True)
class _Range:
    type: str
    quality: float
    order: int


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(fields[0].lower(), quality, order))
    return ranges


def negotiate(accept: str | None, offered: Sequence[Media]) -> Media | None:
    """The offered media type the ``Accept`` header prefers; the first offered when the
    header is missing or accepts anything; None when it accepts none of them.

    >>> offered = [Media.HTML, Media.TURTLE, Media.JSONLD]
    >>> negotiate("text/turtle;q=0.9, application/ld+json", offered)
    <Media.JSONLD: 'application/ld+json'>
    >>> negotiate("image/png", [Media.HTML]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int] | None = None
    choice = None
    for r in _ranges(accept):
        if r.quality <= 0:
            continue
        for rank, media in enumerate(offered):
            if _matches(r.type, media):
                # exact types beat wildcards at equal quality
                key = (r.quality, 0 if "*" in r.type else 1, -rank)
                if best is None or key > best:
                    best, choice = key, media
    return choice


def _matches(pattern: str, media: Media) -> bool:
    if pattern in ("*/*", "*"):
        return True
    if pattern.endswith("/*"):
        return media.value.startswith(pattern[:-1])
    return Media.from_media_type(pattern) is media
