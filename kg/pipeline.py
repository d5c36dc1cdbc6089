"""The build: files to a validated graph in a store. The composition root of the stages.

Every document of the store's corpus is resolved again on each build, so that a new
document can join the meeting of an earlier one; only graphs that changed are written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from kg import __version__
from kg.errors import InputError, StoreError, UsageError
from kg.extract import Mentions, Redaction, apply_privacy, extract, load_default_scheme
from kg.extract.privacy import withhold_closed
from kg.ingest import discover, read_document
from kg.parse import MinutesDoc, parse
from kg.rdf.iri import Minter
from kg.rdf.mapping import map_document
from kg.rdf.provenance import build_graph
from kg.resolve import Resolution, resolve
from kg.resolve.overrides import load_overrides
from kg.resolve.people import explain
from kg.resolve.people_model import Overrides
from kg.resources import project_folder
from kg.settings import BuildSettings
from kg.store import DocumentCache, OxigraphStore
from kg.validate import Shapes, Violation, load_shapes, validate_quads


class Status(StrEnum):
    """What a build did with one document."""

    LOADED = "loaded"
    UPDATED = "updated"  # an earlier document whose graph changed through resolution
    UNCHANGED = "unchanged"
    QUARANTINED = "quarantined"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Outcome:
    name: str
    status: Status
    messages: tuple[str, ...] = ()
    triples: int = 0


@dataclass
class BuildReport:
    """What a build did, document by document."""

    outcomes: list[Outcome] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    triples: int = 0
    build_iri: str | None = None

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def ok(self) -> bool:
        """Whether every document loaded (or was already there)."""
        return not any(o.status in (Status.QUARANTINED, Status.UNREADABLE) for o in self.outcomes)


Progress = Callable[[str], None]


def corpus_digest(settings: BuildSettings) -> str:
    """What cached parses depend on: the settings and the code version."""
    return f"{settings.digest()}-{__version__}"


def build(
    paths: Sequence[Path],
    store_dir: Path,
    settings: BuildSettings,
    *,
    shapes: Shapes | None = None,
    progress: Progress | None = None,
    overrides: Path | None = None,
) -> BuildReport:
    """Build the documents at ``paths`` (files or folders) into the store at ``store_dir``.

    ``overrides`` is a curated identity file (see README); it is kept in the store folder
    and used by later builds until another is given."""
    started = datetime.now(UTC)
    files = discover(paths)
    shapes = shapes or load_shapes(project_folder("shapes"))
    curated = _curated(store_dir, overrides)
    store = OxigraphStore(store_dir)
    cache = DocumentCache(store_dir / "documents")
    digest = corpus_digest(settings)
    scheme = load_default_scheme()
    report = BuildReport()
    fresh = _read_all(files, cache, digest, settings, report, progress)
    corpus = {d.source.name: d for d in cache.load_all(digest)}
    corpus.update(fresh)
    _drop_duplicates(corpus, fresh, report)
    resolution = resolve([extract(d, scheme) for d in corpus.values()], settings, curated)
    minter = Minter(settings.base_iri)
    used = []
    for placed in resolution.docs:
        name = placed.mentions.doc.source.name
        given = name in fresh
        if placed.problem is not None:
            if given:
                report.outcomes.append(
                    Outcome(name, Status.QUARANTINED, (f"{name}: {placed.problem}",))
                )
            continue
        graph = map_document(placed, resolution, minter)
        existing = store.graph(graph.iri)
        if existing == set(graph.quads):
            if given:
                report.outcomes.append(Outcome(name, Status.UNCHANGED, triples=len(graph.quads)))
            continue
        violations = validate_quads(graph.quads, shapes)
        if violations:
            report.outcomes.append(_quarantined(name, violations, earlier=bool(existing)))
            continue
        store.replace_graph(graph.iri, graph.quads)
        used.append(graph.iri)
        status = Status.LOADED if given else Status.UPDATED
        report.outcomes.append(Outcome(name, status, triples=len(graph.quads)))
    for doc in _to_keep(resolution, fresh):
        cache.save(doc, digest)
    if used:
        iri, quads = build_graph(
            minter,
            started=started,
            ended=datetime.now(UTC),
            code_version=__version__,
            settings_hash=settings.digest(),
            shapes_hash=shapes.digest,
            used=used,
        )
        store.replace_graph(iri, quads)
        report.build_iri = iri
    report.triples = len(store)
    return report


OVERRIDES_FILE = "overrides.toml"


def _curated(store_dir: Path, given: Path | None) -> Overrides:
    """The overrides given (kept in the store folder), or those kept from an earlier build."""
    kept = store_dir / OVERRIDES_FILE
    try:
        if given is not None:
            loaded = load_overrides(given)
            store_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(given, kept)
            return loaded
        return load_overrides(kept) if kept.exists() else Overrides()
    except InputError as exc:
        raise UsageError(str(exc), hint="fix the overrides file; see the README") from exc


def corpus_mentions(store_dir: Path, settings: BuildSettings) -> list[Mentions]:
    """The mentions of every document kept in a store folder, as the last build saw them."""
    cache = DocumentCache(store_dir / "documents")
    scheme = load_default_scheme()
    return [extract(d, scheme) for d in cache.load_all(corpus_digest(settings))]


def explain_people(store_dir: Path, settings: BuildSettings) -> list[str]:
    """Why the spellings of each merged person were merged, doubtful merges first."""
    if not (store_dir / "documents").is_dir():
        raise StoreError(
            f"no store at {store_dir}", hint=f"build one: kg build PATH --store {store_dir}"
        )
    resolution = resolve(corpus_mentions(store_dir, settings), settings, _curated(store_dir, None))
    assert resolution.people_resolution is not None
    return explain(resolution.people_resolution)


def _to_keep(resolution: Resolution, fresh: dict[str, MinutesDoc]) -> list[MinutesDoc]:
    """The documents to keep in the cache: the new ones, and any whose item turned out
    closed only through resolution (an agenda extract that does not say so), with that
    item's text withheld."""
    keep = []
    for placed in resolution.docs:
        doc = placed.mentions.doc
        closed = {
            index
            for index, (item, ref) in enumerate(zip(doc.items, placed.items, strict=True))
            if ref is not None and not ref.public and (item.sections or item.attachments)
        }
        if closed:
            keep.append(withhold_closed(doc, closed))
        elif doc.source.name in fresh:
            keep.append(doc)
    return keep


def _read_all(
    files: Sequence[tuple[Path, str]],
    cache: DocumentCache,
    digest: str,
    settings: BuildSettings,
    report: BuildReport,
    progress: Progress | None,
) -> dict[str, MinutesDoc]:
    """Read, parse and privacy-filter each file; bad ones go into the report."""
    fresh: dict[str, MinutesDoc] = {}
    for path, name in files:
        if progress:
            progress(name)
        try:
            text = read_document(path, name=name)
            doc, redactions = apply_privacy(parse(text, settings))
        except InputError as exc:
            report.outcomes.append(Outcome(name, Status.UNREADABLE, (str(exc),)))
            continue
        report.redactions.extend(redactions)
        fresh[name] = doc
    return fresh


def _drop_duplicates(
    corpus: dict[str, MinutesDoc], fresh: dict[str, MinutesDoc], report: BuildReport
) -> None:
    """The same file under two names is one document: keep the first name."""
    first: dict[str, str] = {}
    for name in sorted(corpus):
        sha = corpus[name].source.sha256
        if sha in first:
            del corpus[name]
            if name in fresh:
                del fresh[name]
                message = f"{name}: the same file as {first[sha]}; built once, under that name"
                report.outcomes.append(Outcome(name, Status.UNCHANGED, (message,)))
        else:
            first[sha] = name


def _quarantined(name: str, violations: Sequence[Violation], *, earlier: bool) -> Outcome:
    messages = [v.describe(name) for v in violations]
    if earlier:
        messages.append(
            f"{name}: not loaded; the earlier version of this document stays in the store"
        )
    return Outcome(name, Status.QUARANTINED, tuple(messages))


def validate_store(store_dir: Path) -> dict[str, list[Violation]]:
    """Each document graph in the store, by file name and graph IRI ("name <iri>"; two
    files may share a name in different folders), with its violations (empty when it
    conforms)."""
    shapes = load_shapes(project_folder("shapes"))
    store = OxigraphStore(store_dir, read_only=True)
    graphs = sorted(store.document_graphs().items(), key=lambda kv: (kv[1], kv[0]))
    return {f"{name} <{iri}>": validate_quads(store.graph(iri), shapes) for iri, name in graphs}
