"""Store stage: document graphs in and out of a store folder or a remote SPARQL store."""

from __future__ import annotations

from pathlib import Path

from kg.store.address import StoreAddress, StoreKind, StoreRef
from kg.store.base import GraphStore
from kg.store.formats import Serialization
from kg.store.oxigraph import OxigraphStore
from kg.store.protocol import QueryStore


def open_store(
    address: StoreAddress | Path | str, *, read_only: bool = False, timeout: float | None = None
) -> GraphStore:
    """The store at ``address``: a folder (embedded Oxigraph) or a remote SPARQL store.
    ``timeout`` limits each query of a remote store (seconds)."""
    found = StoreAddress.of(address)
    if found.kind is StoreKind.FOLDER:
        return OxigraphStore(found.work, read_only=read_only)
    from kg.store.remote import RemoteStore

    return RemoteStore(found, read_only=read_only, timeout=timeout)


__all__ = [
    "GraphStore",
    "OxigraphStore",
    "QueryStore",
    "Serialization",
    "StoreAddress",
    "StoreKind",
    "StoreRef",
    "open_store",
]
