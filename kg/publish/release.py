"""Releases: each publish has a version, a manifest, and a changelog against the last one.

``releases/<version>/manifest.json.gz`` keeps, per named graph, its label, triple count, a
hash of the graph and a short hash of each triple, so that the next release can say which
documents were added, changed or removed and how many triples each gained and lost,
without keeping the triples themselves (gzipped: the hashes were an eighth of the
examples' static site; a ``manifest.json`` of an earlier release is read as well).
``releases/history.json`` lists the versions in order; ``CHANGELOG.md`` and
``changelog.json`` are rewritten from all the releases.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import UsageError
from kg.iri import Kind, Minter
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows

RELEASES = "releases"
HISTORY = "history.json"
MANIFEST = "manifest.json.gz"
#: The manifest as releases before it was gzipped wrote it.
PLAIN_MANIFEST = "manifest.json"
CHANGES = "changes.json"
CHANGELOG_MD = "CHANGELOG.md"
CHANGELOG_JSON = "changelog.json"


@dataclass(frozen=True)
class GraphEntry:
    label: str
    triples: int
    hash: str
    hashes: tuple[str, ...]


class Change(StrEnum):
    """How a named graph differs from the previous release."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class GraphChange:
    """A named graph that was added, changed or removed, with its triple deltas."""

    graph: str
    label: str
    change: Change
    added: int
    removed: int
    document: bool


@dataclass(frozen=True)
class Changes:
    version: str
    previous: str | None
    published: str
    graphs: tuple[GraphChange, ...] = field(default=())

    def of(self, change: Change, *, documents: bool = True) -> list[GraphChange]:
        return [g for g in self.graphs if g.change == change and g.document == documents]


def _triple_hash(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()[:20]


def manifest(store: QueryStore, base: str) -> dict[str, GraphEntry]:
    """Each named graph of the store with its label, size and hashes."""
    labels = {
        r["g"]: r.get("label", "")
        for r in distinct_rows(
            store, "SELECT ?g ?label WHERE { GRAPH ?g { OPTIONAL { ?g rdfs:label ?label } } }"
        )
    }
    entries = {}
    for graph in sorted(labels):
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        lines = sorted(set(text.splitlines()))
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        hashes = tuple(sorted(_triple_hash(line) for line in lines))
        entries[graph] = GraphEntry(labels[graph], len(lines), digest, hashes)
    return entries


def compare(old: dict[str, GraphEntry], new: dict[str, GraphEntry], base: str) -> list[GraphChange]:
    """The graphs added, changed and removed between two manifests."""
    minter = Minter(base)

    def is_document(graph: str) -> bool:
        split = minter.split(graph)
        return split is not None and split[0] is Kind.DOCUMENT

    changes = []
    for graph in sorted(old.keys() | new.keys()):
        before, after = old.get(graph), new.get(graph)
        if before is not None and after is not None and before.hash == after.hash:
            continue
        was = set(before.hashes) if before else set()
        now = set(after.hashes) if after else set()
        kind = Change.CHANGED
        if before is None or after is None:
            kind = Change.ADDED if before is None else Change.REMOVED
        known = after or before
        label = known.label if known is not None else ""
        changes.append(
            GraphChange(graph, label, kind, len(now - was), len(was - now), is_document(graph))
        )
    return changes


def record(out: Path, store: QueryStore, base: str, version: str, published: str) -> Changes:
    """Write this release's manifest and changes, and rewrite the changelogs."""
    if not version or "/" in version or version.startswith("."):
        raise UsageError(f"bad version {version!r}", hint="use e.g. 1.0.0 or 2026.11.23")
    folder = out / RELEASES
    history = _history(folder)
    history = [h for h in history if h["version"] != version]
    previous = history[-1]["version"] if history else None
    old = _load_manifest(folder / previous) if previous else {}
    new = manifest(store, base)
    changes = Changes(version, previous, published, tuple(compare(old, new, base)))
    target = folder / version
    target.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": version,
        "published": published,
        "graphs": {
            g: {"label": e.label, "triples": e.triples, "hash": e.hash, "hashes": list(e.hashes)}
            for g, e in new.items()
        },
    }
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False) + "\n"
    (target / MANIFEST).write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    (target / PLAIN_MANIFEST).unlink(missing_ok=True)  # this version published again
    (target / CHANGES).write_text(json.dumps(asdict(changes), indent=1, ensure_ascii=False) + "\n")
    history.append({"version": version, "published": published})
    (folder / HISTORY).write_text(json.dumps(history, indent=1) + "\n")
    _changelogs(out, [_load_changes(folder / h["version"] / CHANGES) for h in history])
    return changes


def _history(folder: Path) -> list[dict[str, str]]:
    path = folder / HISTORY
    if not path.is_file():
        return []
    found: list[dict[str, str]] = json.loads(path.read_text())
    return [h for h in found if _manifest_path(folder / h["version"]) is not None]


def _manifest_path(release: Path) -> Path | None:
    """The manifest of a release folder, gzipped or (written before) plain; None if none."""
    return next((p for p in (release / MANIFEST, release / PLAIN_MANIFEST) if p.is_file()), None)


def _load_manifest(release: Path) -> dict[str, GraphEntry]:
    path = _manifest_path(release)
    assert path is not None, release
    raw = path.read_bytes()
    data = json.loads(gzip.decompress(raw) if path.name == MANIFEST else raw)
    return {
        g: GraphEntry(e["label"], e["triples"], e["hash"], tuple(e["hashes"]))
        for g, e in data["graphs"].items()
    }


def _load_changes(path: Path) -> Changes:
    data: dict[str, Any] = json.loads(path.read_text())
    graphs = tuple(GraphChange(**{**g, "change": Change(g["change"])}) for g in data.pop("graphs"))
    return Changes(**data, graphs=graphs)


def _changelogs(out: Path, releases: list[Changes]) -> None:
    newest_first = list(reversed(releases))
    (out / CHANGELOG_JSON).write_text(
        json.dumps([asdict(c) for c in newest_first], indent=1, ensure_ascii=False) + "\n"
    )
    lines = ["# Changelog", ""]
    for c in newest_first:
        against = f"against {c.previous}" if c.previous else "first release"
        lines += [f"## {c.version} ({c.published[:10]}, {against})", ""]
        if not c.graphs:
            lines += ["No change.", ""]
        for change in Change:
            title = change.value.capitalize()
            docs = c.of(change)
            if docs:
                lines.append(f"{title} documents:")
                lines += [f"- {g.label} <{g.graph}>: +{g.added} −{g.removed} triples" for g in docs]
                lines.append("")
        others = [g for g in c.graphs if not g.document]
        if others:
            lines.append("Other graphs (builds, loaded reference data):")
            lines += [f"- {g.change} {g.graph}: +{g.added} −{g.removed} triples" for g in others]
            lines.append("")
    (out / CHANGELOG_MD).write_text("\n".join(lines))
