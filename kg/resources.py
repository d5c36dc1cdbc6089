"""Where the project's data folders (ontology, shapes, named queries) are found."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KgError

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def project_folder(name: str) -> Path:
    """The folder ``ontology``, ``shapes`` or ``sparql``: from ``$KG_HOME`` if set, else
    beside the installed package (a source checkout or an editable install)."""
    root = Path(os.environ.get("KG_HOME", _SOURCE_ROOT))
    folder = root / name
    if not folder.is_dir():
        raise KgError(
            f"the folder {folder} is missing",
            hint="set KG_HOME to a minutes-kg checkout, or install it with pip install -e",
        )
    return folder
