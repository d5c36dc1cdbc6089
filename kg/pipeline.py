"""The build: files to a validated graph in a store. The composition root of the stages.

Every document of the store's corpus is resolved again on each build, so that a new
document can join the meeting of an earlier one; only graphs that changed are written.

Documents are read and parsed in worker processes (`kg.reading`), then resolved together
(their mentions are small), then mapped, validated and loaded in batches (`kg.loading`):
a batch's graphs at a time in memory, spooled to disk for the embedded store's few
growing bulk loads (`kg.store.spool`), each graph whole or not at all. What a build did
is its `kg.report.BuildReport`.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__, stats, workers
from kg.cache import DocumentCache
from kg.errors import InputError, StoreError, UsageError
from kg.extract import Mentions, extract, load_default_scheme
from kg.extract.concepts import SCHEME_FILE, load_scheme
from kg.ingest import discover
from kg.iri import Minter, slugify
from kg.loading import Batches
from kg.parse import MinutesDoc
from kg.parse.meta import DocMeta
from kg.privacy import withhold_closed, write_report
from kg.rdf.provenance import build_graph
from kg.rdf.vocabulary import VOCABULARY_GRAPH, vocabulary_graph
from kg.reading import Context, Task, read_all
from kg.removal import Removal, named_documents, remove_documents, remove_named, superseded
from kg.report import BuildReport, Outcome, Progress, Stage, Status
from kg.resolve import Resolution, resolve
from kg.resolve.overrides import load_overrides
from kg.resolve.people import explain
from kg.resolve.people_model import Overrides
from kg.resources import data_folder
from kg.search import SearchIndex
from kg.settings import BuildSettings, RunSettings
from kg.store import StoreAddress, open_store
from kg.validate import Shapes, Violation, compile_shapes, load_shapes, validate_quads


def corpus_digest(settings: BuildSettings) -> str:
    """What cached parses depend on: the settings and the code version."""
    return f"{settings.digest()}-{__version__}"


#: How many documents the build's process gathers before it leaves them out of the garbage
#: collector's passes (`gc.freeze`): they live until the build ends, and each full pass
#: went over all gathered so far (millions of objects), while reading, resolving, writing
#: the cache and loading. They are still freed as usual when nothing refers to them.
FREEZE_EVERY = 1000


@contextmanager
def _gathered() -> Iterator[None]:
    """Give the collector back what a build froze (`FREEZE_EVERY`), unless the caller had
    frozen objects of its own: those stay frozen, with the build's."""
    frozen = gc.get_freeze_count()
    try:
        yield
    finally:
        if not frozen:
            gc.unfreeze()


@_gathered()
def build(
    paths: Sequence[Path],
    store_dir: Path | StoreAddress,
    settings: BuildSettings,
    *,
    shapes: Shapes | None = None,
    progress: Progress | None = None,
    overrides: Path | None = None,
    run: RunSettings | None = None,
    remove: Removal | None = None,
    meta: Mapping[str, DocMeta] | None = None,
) -> BuildReport:
    """Build the documents at ``paths`` (files or folders) into the store at ``store_dir``.

    ``overrides`` is a curated identity file (see README); it is kept in the store folder
    and used by later builds until another is given. A remote store's address keeps these
    files in its work folder instead (see `kg.store.address`). ``run`` says how many
    worker processes read documents and how many documents a batch loads; the graph is
    the same whatever it says. With more than one job, a script that calls this must do
    so under ``if __name__ == "__main__":``, as worker processes import its main module.
    ``remove`` names documents to take out of the store first (`kg.removal`); the others
    are then resolved again, and the report lists what was removed. ``meta`` gives, by
    file name, what the user says of documents in place of their text (`kg.parse.meta`)."""
    run = run or RunSettings()
    address = StoreAddress.of(store_dir)
    store_dir = address.work  # what a build keeps beside the graph
    started = datetime.now(UTC)
    skipped: list[str] = []  # links to no file in the folders given
    files = discover(paths, skipped=skipped)
    shapes = shapes or load_shapes(data_folder("shapes"))
    compiled = compile_shapes(shapes)
    if overrides is not None:
        _read_overrides(overrides)  # a bad file is refused before the store is opened
    store = open_store(address)  # refused while another process holds the store:
    curated = _curated(store_dir, overrides)  # and only then is the overrides file kept
    cache = DocumentCache(store_dir / "documents")
    digest = corpus_digest(settings)
    minter = Minter(settings.base_iri)
    report = BuildReport(warnings=skipped)
    # a name that is no document is refused before anything is marked as changing
    removing = [] if remove is None else named_documents(remove, store, cache, minter, digest)
    index = SearchIndex.beside(store_dir)  # kept in step with every write (kg.search.index)
    index.begin(store.raw)
    downloads = stats.Downloads.beside(store_dir)  # none served until the statistics are
    unfinished = downloads.begin()  # a killed write: the statistics may miss what it wrote
    report.removed = remove_named(removing, store, cache, minter)
    scheme_file = data_folder("ontology") / SCHEME_FILE
    context = Context(
        settings,
        scheme_file,
        cache.folder,
        digest,
        run.large_document,
        tuple(sorted((meta or {}).items())),
    )
    with report.timed("read"):
        fresh, kept = _read_all(files, context, run, report, progress)
    replaced = superseded(fresh, kept)  # an earlier copy of a meeting read now
    if replaced:
        report.removed += remove_documents(Removal(replaced), store, cache, minter, digest)
        report.warnings += [f"{name}: replaced by a later copy of its meeting" for name in replaced]
        kept = {name: m for name, m in kept.items() if name not in replaced}
    corpus = {**kept, **fresh}
    _drop_duplicates(corpus, fresh, report)
    write_report(store_dir / REDACTIONS_FILE, report.redactions, read=fresh, kept=corpus)
    if progress:
        progress(Stage.RESOLVE, 0, None)
    with report.timed("resolve"):
        resolution = resolve(list(corpus.values()), settings, curated)
    gc.freeze()  # the resolution too lives until the end (`FREEZE_EVERY`)
    given = set(fresh)
    with report.timed("cache"):  # before the graphs: a killed build still knows its documents
        _keep(cache, _to_keep(resolution, fresh), digest)
    # The batches alone hold the placed documents from here, and let go of each once it
    # is sent to be prepared: a corpus of real text holds some 200 kB a document.
    placed = list(resolution.docs)
    resolution = replace(resolution, docs=())
    del fresh, kept, corpus
    batches = Batches(
        given,
        resolution,
        placed,
        minter,
        store,
        compiled,
        report,
        settings.source_url,
        written=index.update_nquads,
    )
    used = batches.load_all(run, progress)
    vocabulary = vocabulary_graph(load_scheme(scheme_file), minter)
    changed = bool(used or report.removed)
    if store.graph(VOCABULARY_GRAPH) != set(vocabulary):  # once, and when the scheme changes
        store.replace_graph(VOCABULARY_GRAPH, vocabulary)
        changed = True
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
    if changed or unfinished or not stats.kept(store.raw, settings.base_iri, downloads):
        if progress:  # a minute at 10,000 documents: say so rather than seem stuck
            progress(Stage.STATISTICS, 0, None)
        with report.timed("statistics"):  # what the summary pages read, counted once here
            # with the graphs' downloads, written by a worker in a large store
            large = run.jobs > 1 and len(store) >= run.parallel_statistics
            with workers.pool(1, workers.nothing) if large else nullcontext() as executor:
                stats.write(store, settings.base_iri, downloads, executor)
    downloads.finish()
    index.finish(store.raw)  # after every write: it drops the graphs of removed documents
    report.triples = len(store)
    return report


OVERRIDES_FILE = "overrides.toml"
#: What the privacy gate withheld in each document of the store: file, page, line, kind.
REDACTIONS_FILE = "redactions.csv"


def _curated(store_dir: Path, given: Path | None) -> Overrides:
    """The overrides given (kept in the store folder), or those kept from an earlier build."""
    kept = store_dir / OVERRIDES_FILE
    if given is not None:
        loaded = _read_overrides(given)
        store_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(given, kept)
        return loaded
    return _read_overrides(kept) if kept.exists() else Overrides()


def _read_overrides(path: Path) -> Overrides:
    """A curated identity file; `UsageError` saying what is wrong with it."""
    try:
        return load_overrides(path)
    except InputError as exc:
        raise UsageError(str(exc), hint="fix the overrides file; see the README") from exc


def corpus_mentions(store_dir: Path | StoreAddress, settings: BuildSettings) -> list[Mentions]:
    """The mentions of every document kept in a store folder, as the last build saw them."""
    store_dir = StoreAddress.of(store_dir).work
    cache = DocumentCache(store_dir / "documents")
    scheme = load_default_scheme()
    return [extract(d, scheme) for d in cache.load_all(corpus_digest(settings))]


def explain_people(store_dir: Path | StoreAddress, settings: BuildSettings) -> list[str]:
    """Why the spellings of each merged person were merged, doubtful merges first."""
    store_dir = StoreAddress.of(store_dir).work
    if not (store_dir / "documents").is_dir():
        raise StoreError(
            f"no store at {store_dir}", hint=f"build one: kg build PATH --store {store_dir}"
        )
    resolution = resolve(corpus_mentions(store_dir, settings), settings, _curated(store_dir, None))
    assert resolution.people_resolution is not None
    return explain(resolution.people_resolution)


def _keep(cache: DocumentCache, docs: Iterable[MinutesDoc], digest: str) -> None:
    for doc in docs:
        cache.save(doc, digest)


def _to_keep(resolution: Resolution, fresh: dict[str, Mentions]) -> Iterator[MinutesDoc]:
    """The documents to keep in the cache: the new ones, and any whose item turned out
    closed only through resolution (an agenda extract that does not say so), with that
    item's text withheld."""
    for placed in resolution.docs:
        doc = placed.mentions.doc
        closed = {
            index
            for index, (item, ref) in enumerate(zip(doc.items, placed.items, strict=True))
            if ref is not None and ref.public is False and (item.sections or item.attachments)
        }
        if closed:
            yield withhold_closed(doc, closed)
        elif doc.source.name in fresh:
            yield doc


def _read_all(
    files: Sequence[tuple[Path, str]],
    context: Context,
    run: RunSettings,
    report: BuildReport,
    progress: Progress | None,
) -> tuple[dict[str, Mentions], dict[str, Mentions]]:
    """Read, parse, privacy-filter and extract each file (bad ones go into the report),
    and load the other documents kept by earlier builds: (fresh, kept), by name."""
    given = {slugify(name) for _, name in files}
    tasks = [Task(name, path) for path, name in files]
    tasks += [
        Task(kept.stem) for kept in sorted(context.cache.glob("*.json")) if kept.stem not in given
    ]

    def done(count: int) -> None:
        if progress:
            progress(Stage.READ, count, len(tasks))

    fresh: dict[str, Mentions] = {}
    kept: dict[str, Mentions] = {}
    for count, read in enumerate(read_all(tasks, context, run, done), start=1):
        if count % FREEZE_EVERY == 0:
            gc.freeze()
        if read.error is not None:
            report.outcomes.append(Outcome(read.task.name, Status.UNREADABLE, (read.error,)))
        elif read.mentions is None:
            continue  # kept by a build with other settings: not part of this corpus
        elif read.task.path is None:
            kept[read.mentions.doc.source.name] = read.mentions
        else:
            report.redactions.extend(read.redactions)
            report.warnings.extend(read.warnings)
            fresh[read.task.name] = read.mentions
            report.stated[read.task.name] = read.mentions.doc.stated()
    gc.freeze()
    return fresh, kept


def _drop_duplicates(
    corpus: dict[str, Mentions], fresh: dict[str, Mentions], report: BuildReport
) -> None:
    """The same file under two names is one document: keep the first name."""
    first: dict[str, str] = {}
    for name in sorted(corpus):
        sha = corpus[name].doc.source.sha256
        if sha in first:
            del corpus[name]
            if name in fresh:
                del fresh[name]
                message = f"{name}: the same file as {first[sha]}; built once, under that name"
                report.outcomes.append(Outcome(name, Status.UNCHANGED, (message,)))
        else:
            first[sha] = name


def validate_store(
    store_dir: Path | StoreAddress, *, progress: Callable[[int, int], None] | None = None
) -> dict[str, list[Violation]]:
    """Each document graph in the store, by file name and graph IRI ("name <iri>"; two
    files may share a name in different folders), with its violations (empty when it
    conforms). ``progress`` is told how many graphs are done, of how many."""
    shapes = load_shapes(data_folder("shapes"))
    store = open_store(store_dir, read_only=True)
    graphs = sorted(store.document_graphs().items(), key=lambda kv: (kv[1], kv[0]))
    results: dict[str, list[Violation]] = {}
    for count, (iri, name) in enumerate(graphs, 1):
        results[f"{name} <{iri}>"] = validate_quads(store.graph(iri), shapes)
        if progress is not None:
            progress(count, len(graphs))
    return results


__all__ = [
    "BuildReport",
    "Outcome",
    "Progress",
    "Stage",
    "Status",
    "build",
    "corpus_mentions",
    "explain_people",
    "validate_store",
]
