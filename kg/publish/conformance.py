"""Check the catalogue record against the official DCAT-AP 3.0.1 and DCAT-AP-DK 2.0.2 shapes.

The shapes are the official files, unchanged, in a folder that ``--standards DIR`` or
``$KG_STANDARDS`` names (the project keeps a copy in ``../shared/standards``, see its
SOURCES.md); they do not ship with the package, and without them the record is not
checked (and `kg publish` says so). The record is checked alone, without the
vocabularies, so it states the types of the terms it uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.errors import ShapesError


class Profile(StrEnum):
    """An application profile whose shapes the record must pass; the value is its file."""

    DCAT_AP_3 = "dcat-ap-3.0.1-shacl/dcat-ap-SHACL.ttl"
    DCAT_AP_DK = "dcat-ap-dk-2.0.2/dcat-ap-dk_2.0.2_shacl_shapes.ttl"

    @property
    def label(self) -> str:
        return {Profile.DCAT_AP_3: "DCAT-AP 3.0.1", Profile.DCAT_AP_DK: "DCAT-AP-DK 2.0.2"}[self]


@dataclass(frozen=True)
class Violation:
    """One result of severity sh:Violation: the node, the property and the message."""

    profile: Profile
    focus: str
    path: str
    message: str

    def describe(self) -> str:
        return f"{self.profile.label}: {self.focus} {self.path}: {self.message}"


def find_standards(folder: Path | None = None) -> Path | None:
    """The standards folder: the one given, else ``$KG_STANDARDS``; None when neither is
    given. `ShapesError` when the folder named does not hold the shapes of each profile."""
    named = folder or (Path(env) if (env := os.environ.get("KG_STANDARDS")) else None)
    if named is None:
        return None
    missing = [p.value for p in Profile if not (named / p.value).is_file()]
    if missing:
        raise ShapesError(
            f"the standards folder {named} lacks {', '.join(missing)}",
            hint="name the folder of the official DCAT-AP 3.0.1 and DCAT-AP-DK 2.0.2 shapes"
            " with --standards DIR or KG_STANDARDS",
        )
    return named


@cache
def _shapes(path: Path) -> Graph:
    """The shapes of a file, less the ``sh:property`` references to nodes the file never
    describes: DCAT-AP 3.0.1 names two such for dcat:DataService, which carry no
    constraint, and pySHACL refuses a property shape without ``sh:path``."""
    try:
        shapes = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds on a bad file
        raise ShapesError(f"{path}: the shapes do not load: {exc}") from exc
    for shape, prop in list(shapes.subject_objects(SH.property)):
        if next(shapes.predicate_objects(prop), None) is None:
            shapes.remove((shape, SH.property, prop))
    return shapes


def check(record: Graph, standards: Path) -> list[Violation]:
    """The violations of the record against every profile (empty: it conforms to all)."""
    found: list[Violation] = []
    for profile in Profile:
        shapes = _shapes(standards / profile.value)
        _, results, _ = pyshacl.validate(
            record, shacl_graph=shapes, inference="none", allow_warnings=True
        )
        assert isinstance(results, Graph)
        for result in results.subjects(RDF.type, SH.ValidationResult):
            if results.value(result, SH.resultSeverity) != SH.Violation:
                continue
            found.append(
                Violation(
                    profile,
                    str(results.value(result, SH.focusNode)),
                    str(results.value(result, SH.resultPath)),
                    str(results.value(result, SH.resultMessage)),
                )
            )
    return sorted(found, key=lambda v: (v.profile, v.focus, v.path, v.message))
