"""A document graph as N-Quads bytes, the compact form worker processes hand to the
build's writer, and a digest that tells whether two graphs hold the same quads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox


def encode(quads: Iterable[ox.Quad]) -> bytes:
    """``quads`` as N-Quads, one a line, in the order given."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def digest(quads: Iterable[ox.Quad]) -> str:
    """The same for the same set of quads, whatever their order or repetition (graphs
    are written without blank nodes, so their N-Quads lines compare as they are)."""
    lines = sorted(set(encode(quads).splitlines()))
    return hashlib.sha256(b"\n".join(lines)).hexdigest()
