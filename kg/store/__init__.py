"""Store stage: document graphs in and out of a store folder."""

from kg.store.cache import DocumentCache
from kg.store.formats import Serialization
from kg.store.oxigraph import OxigraphStore

__all__ = ["DocumentCache", "OxigraphStore", "Serialization"]
