"""The ingest stage: source files (PDF, text, HTML) to normalised lines that remember where
they came from.

>>> from kg.ingest import discover, read_document
"""

from kg.ingest.documents import discover, read_document
from kg.ingest.model import Line, MediaKind, Text

__all__ = ["Line", "MediaKind", "Text", "discover", "read_document"]
