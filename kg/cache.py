"""The build's cache: the parsed documents a store was built from, kept so that later
builds can resolve new documents against all earlier ones without reading their sources
again. It belongs to the build, not to the store: it holds the parser's model.

What is kept has passed the privacy gate: closed items' text and CPR numbers are gone.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from kg.iri import slugify
from kg.parse.model import MinutesDoc

_ADAPTER: TypeAdapter[MinutesDoc] = TypeAdapter(MinutesDoc)


class DocumentCache:
    """One JSON file per document in ``folder``, keyed by the document's name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _file(self, name: str) -> Path:
        return self.folder / f"{slugify(name)}.json"

    def save(self, doc: MinutesDoc, settings_digest: str) -> None:
        """Keep ``doc``, replacing any earlier version, by an atomic rename."""
        payload = _ADAPTER.dump_json(doc)
        header = settings_digest.encode() + b"\n"
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(header + payload)
        Path(tmp).replace(self._file(doc.source.name))

    def load(self, name: str, settings_digest: str) -> MinutesDoc | None:
        """The kept document of that name, if made with the same settings."""
        return self._read(self._file(name), settings_digest)

    def load_all(self, settings_digest: str) -> list[MinutesDoc]:
        """Every kept document made with these settings, in name order."""
        docs = (self._read(f, settings_digest) for f in sorted(self.folder.glob("*.json")))
        return sorted((d for d in docs if d is not None), key=lambda d: d.source.name)

    def remove(self, name: str) -> None:
        self._file(name).unlink(missing_ok=True)

    @staticmethod
    def _read(file: Path, settings_digest: str) -> MinutesDoc | None:
        try:
            header, _, payload = file.read_bytes().partition(b"\n")
        except FileNotFoundError:
            return None
        if header.decode(errors="replace") != settings_digest:
            return None
        try:
            return _ADAPTER.validate_json(payload)
        except ValidationError:
            return None  # written by another version: the source will be read again
