"""The statistics of a store, and their statistics graph: a VoID description of the dataset
(its class partitions with their entities) and one subset per list page, whose rows are
kept as one ``rdf:JSON`` literal.

The rows are a literal, not triples about each committee or person, so that the graph
states nothing about the resources themselves: their pages, the SPARQL answers about
them and their counts stay what the documents say.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pyoxigraph as ox

from kg.graphs.view import GraphView
from kg.vocab import (
    AGENDA_ITEM,
    COMMITTEE,
    DCT,
    MEETING,
    MKG,
    PERSON_CLASS,
    PROJECT,
    RDF,
    SOURCE_DOCUMENT,
)

VOID = "http://rdfs.org/ns/void#"
JSON = RDF.JSON
#: The classes whose instances the home page counts, by the name it shows them under.
CLASSES = {
    "documents": SOURCE_DOCUMENT,
    "committees": COMMITTEE,
    "meetings": MEETING,
    "items": AGENDA_ITEM,
    "people": PERSON_CLASS,
    "projects": PROJECT,
}
#: The property whose distinct subjects are counted as ``decisions``.
DECISION = MKG.decision
#: The subset of the statistics graph that names the downloads kept with it.
DOWNLOADS = "downloads"

Value = int | str


@dataclass(frozen=True)
class Row:
    """One resource of a list page: its IRI, label, the label's language, and the values
    of the page's columns."""

    iri: str
    label: str
    lang: str
    values: tuple[Value, ...]

    def as_dict(self, columns: tuple[str, ...]) -> dict[str, Any]:
        """The row as the list templates read it (``r``, ``label``, ``lang``, columns)."""
        return {"r": self.iri, "label": self.label, "lang": self.lang} | dict(
            zip(columns, self.values, strict=True)
        )


@dataclass(frozen=True)
class Listing:
    """The rows of a list page, in the page's order, and the names of its columns."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def to_json(self) -> str:
        return json.dumps(
            {
                "columns": self.columns,
                "rows": [[r.iri, r.label, r.lang, *r.values] for r in self.rows],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Listing:
        data = json.loads(text)
        rows = tuple(Row(r[0], r[1], r[2], tuple(r[3:])) for r in data["rows"])
        return cls(tuple(data["columns"]), rows)


@dataclass(frozen=True)
class Statistics:
    """What the summary pages show: counts by name (those of `CLASSES`, ``technologies``
    and ``decisions``) and the rows of each list page by its name; ``extra``: other
    summaries as JSON texts by name (the relation graphs' views, ``graph:NAME``, and the
    digests of the downloads kept with them, ``downloads``)."""

    counts: dict[str, int]
    listings: dict[str, Listing]
    extra: dict[str, str] = field(default_factory=dict)

    def graph_view(self, name: str) -> GraphView | None:
        """The view of relation graph ``name``, unfiltered; None when not counted."""
        text = self.extra.get(f"graph:{name}")
        return None if text is None else GraphView.from_json(text)

    @property
    def downloads(self) -> dict[str, str]:
        """The SHA-256 of each unfiltered relation graph's download the build wrote with
        these statistics, by its file name on the web (`kg.stats.downloads`); empty when
        it wrote none."""
        text = self.extra.get(DOWNLOADS)
        found: dict[str, str] = {} if text is None else json.loads(text)
        return found

    def with_downloads(self, digests: dict[str, str]) -> Statistics:
        """These statistics naming the downloads ``digests``."""
        text = json.dumps(dict(sorted(digests.items())), separators=(",", ":"))
        return replace(self, extra={**self.extra, DOWNLOADS: text})

    def quads(self, graph: str) -> Iterator[ox.Quad]:
        """The statistics graph named ``graph``."""
        g = ox.NamedNode(graph)
        dataset = g

        def quad(
            s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal
        ) -> ox.Quad:
            return ox.Quad(s, ox.NamedNode(p), o, g)

        yield quad(dataset, RDF.type, ox.NamedNode(f"{VOID}Dataset"))
        for name, cls in CLASSES.items():
            part = ox.NamedNode(f"{graph}#class-{name}")  # named: a rebuild writes the same
            yield quad(dataset, f"{VOID}classPartition", part)
            yield quad(part, f"{VOID}class", ox.NamedNode(cls))
            yield quad(part, f"{VOID}entities", ox.Literal(str(self.counts[name]), datatype=_INT))
        part = ox.NamedNode(f"{graph}#decisions")
        yield quad(dataset, f"{VOID}propertyPartition", part)
        yield quad(part, f"{VOID}property", ox.NamedNode(DECISION))
        decisions = ox.Literal(str(self.counts["decisions"]), datatype=_INT)
        yield quad(part, f"{VOID}distinctSubjects", decisions)
        subsets: dict[str, tuple[int | None, str]] = {
            name: (len(lst.rows), lst.to_json()) for name, lst in self.listings.items()
        }
        subsets |= {name: (None, text) for name, text in self.extra.items()}
        for name, (entities, text) in subsets.items():
            subset = ox.NamedNode(f"{graph}#{name}")
            yield quad(dataset, f"{VOID}subset", subset)
            yield quad(subset, DCT.identifier, ox.Literal(name))
            if entities is not None:
                yield quad(subset, f"{VOID}entities", ox.Literal(str(entities), datatype=_INT))
            yield quad(subset, RDF.value, ox.Literal(text, datatype=ox.NamedNode(JSON)))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Statistics | None:
        """The statistics a statistics graph holds; None when it holds none."""
        by_subject: dict[str, dict[str, str]] = {}
        for q in quads:
            if isinstance(q.object, ox.Literal | ox.NamedNode):
                by_subject.setdefault(str(q.subject), {})[q.predicate.value] = q.object.value
        counts: dict[str, int] = {}
        classes = {iri: name for name, iri in CLASSES.items()}
        listings: dict[str, Listing] = {}
        extra: dict[str, str] = {}
        for values in by_subject.values():
            if values.get(f"{VOID}class") in classes:
                counts[classes[values[f"{VOID}class"]]] = int(values[f"{VOID}entities"])
            elif values.get(f"{VOID}property") == DECISION:
                counts["decisions"] = int(values[f"{VOID}distinctSubjects"])
            elif DCT.identifier in values and RDF.value in values:
                name, text = values[DCT.identifier], values[RDF.value]
                if f"{VOID}entities" in values:
                    listings[name] = Listing.from_json(text)
                else:
                    extra[name] = text
        if not listings:
            return None
        if "technologies" in listings:
            counts["technologies"] = len(listings["technologies"].rows)
        return cls(counts, listings, extra)


_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
