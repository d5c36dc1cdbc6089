"""The commands of a store's documents: build, remove, resolve (--explain), validate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import (
    BaseIriOption,
    NewStoreOption,
    StoreOption,
    err,
    fail,
    out,
    say,
    settings_refused,
)
from kg.cli.progress import Stages
from kg.errors import KgError
from kg.settings import DEFAULT_BASE_IRI, BuildSettings, RunSettings


def build(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders of minutes and agendas (.pdf, .txt, .html; .json from an"
            " agenda portal, see kg harvest).",
            exists=True,
        ),
    ],
    store: NewStoreOption,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    overrides: Annotated[
        Path | None,
        typer.Option(
            "--overrides",
            exists=True,
            dir_okay=False,
            help="A curated TOML file of people who are the same or different (see README);"
            " kept in the store and used by later builds until another is given.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            envvar="KG_JOBS",
            help="Worker processes that read and parse documents (default: one per core;"
            " 1: none, all in this process). The graph is the same whatever the number.",
        ),
    ] = None,
    source_url: Annotated[
        str | None,
        typer.Option(
            "--source-url",
            envvar="KG_SOURCE_URL",
            help="The address the folders are published under: a document's source is this"
            " followed by its path in its folder (a sources.csv beside the files, with"
            " file,url,published, wins). Without either: the file's path.",
        ),
    ] = None,
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            envvar="KG_MUNICIPALITY",
            help="The municipality of documents that do not name theirs (e.g. Gentofte);"
            " a document's own text, sidecar or --meta row wins.",
        ),
    ] = None,
    timezone: Annotated[
        str,
        typer.Option(
            "--timezone",
            envvar="KG_TIMEZONE",
            help="The time zone the documents' clock times are in (an IANA name such as"
            " Europe/London); a meeting's start and end are written with its offset.",
        ),
    ] = "Europe/Copenhagen",
    meta: Annotated[
        Path | None,
        typer.Option(
            "--meta",
            exists=True,
            dir_okay=False,
            help="A CSV table of what documents do not say themselves: a 'file' column and"
            " any of committee, date (YYYY-MM-DD), start (HH:MM), kind (minutes|agenda),"
            " municipality, place. It wins over the text; a FILE.meta.json beside a"
            " document wins over it.",
        ),
    ] = None,
    report_file: Annotated[
        Path | None,
        typer.Option(
            "--report",
            dir_okay=False,
            help="Write, as JSON, what each document read stated and what it did not, with"
            " each document's outcome.",
        ),
    ] = None,
) -> None:
    """Read, parse, resolve, validate and load documents into the store.

    Each document becomes one named graph. A document whose graph breaks a shape is
    quarantined (not loaded) with a report naming the shape, the node and the source line.
    Exit 0 when every document loaded or was unchanged, 1 when any was quarantined or
    unreadable, 2 on a usage error. Each document read is listed with the fields it
    stated (committee, date, start, place, attendance, items, case ids) and those it
    did not; --report FILE writes the same as JSON.
    """
    from kg.parse.meta import read_meta_table
    from kg.pipeline import REDACTIONS_FILE, Stage, Status
    from kg.pipeline import build as run_build
    from kg.privacy import RedactionKind
    from kg.report import stated_lines, write_report_json

    try:
        settings = BuildSettings(
            base_iri=base_iri,
            source_url=source_url,
            municipality=municipality,
            timezone=timezone,
        )
        table = read_meta_table(meta) if meta is not None else None
        run = RunSettings() if jobs is None else RunSettings(jobs=jobs)
    except ValueError as exc:
        raise settings_refused(exc) from exc
    try:
        with Stages() as stages:

            def step(stage: Stage, done: int, total: int | None) -> None:
                stages(stage.value, done, total)

            report = run_build(
                paths, store, settings, progress=step, overrides=overrides, run=run, meta=table
            )
    except KgError as exc:
        raise fail(exc) from exc
    for warning in report.warnings:
        say(err, f"warning: {warning}")
    for outcome in report.outcomes:
        if outcome.kept:
            for message in outcome.messages:
                say(err, f"note: still {outcome.status} from an earlier build: {message}")
        elif outcome.status in (Status.QUARANTINED, Status.UNREADABLE):
            for message in outcome.messages:
                say(err, f"{outcome.status}: {message}")
        elif outcome.messages:
            for message in outcome.messages:
                say(err, f"note: {message}")
    for line in stated_lines(report.stated):
        say(out, f"read {line}")
    if report_file is not None:
        write_report_json(report, report_file)
    summary = ", ".join(f"{report.count(s)} {s.value}" for s in Status)
    say(out, f"documents: {summary}; store: {report.triples} quads in {store}")
    kinds = Counter(r.kind for r in report.redactions)
    counts = ", ".join(f"{kinds[k]} {k.value}" for k in RedactionKind)
    say(out, f"withheld: {counts}; where: {store.work / REDACTIONS_FILE}")
    raise typer.Exit(0 if report.ok else 1)


def remove(
    store: StoreOption,
    documents: Annotated[
        list[str] | None,
        typer.Argument(
            help="Documents as kg build names them (their path in their folder), by slug,"
            " or by graph IRI.",
            show_default=False,
        ),
    ] = None,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    quarantined: Annotated[
        bool,
        typer.Option("--quarantined", help="Also every document whose graph broke the shapes."),
    ] = False,
) -> None:
    """Remove documents from the store: their graphs and their kept copies; the documents
    that stay are resolved again. Exit 0 when done, 2 when a document is not in the store."""
    from kg.pipeline import build as run_build
    from kg.removal import Removal
    from kg.report import Status

    if not documents and not quarantined:
        say(err, "error: nothing to remove; name documents or give --quarantined")
        raise typer.Exit(2)
    removal = Removal(tuple(documents or ()), quarantined=quarantined)
    try:
        report = run_build([], store, BuildSettings(base_iri=base_iri), remove=removal)
    except KgError as exc:
        raise fail(exc) from exc
    for name in report.removed:
        say(out, f"removed {name}")
    removed, updated = len(report.removed), report.count(Status.UPDATED)
    plural = "" if removed == 1 else "s"
    say(out, f"removed {removed} document{plural}; {updated} others updated; store: {store}")


def resolve(
    store: StoreOption,
    explain: Annotated[
        bool, typer.Option("--explain", help="List each merged person with evidence and score.")
    ] = False,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
) -> None:
    """Show how the spellings of people's names were resolved across all documents.

    With --explain, each person whose name is written more than one way is listed with
    the spellings, a score and the evidence, doubtful merges first. Curated decisions
    (--overrides of kg build) always win over the algorithm.
    """
    from kg.pipeline import explain_people

    if not explain:
        say(err, "error: nothing to do; add --explain")
        raise typer.Exit(2)
    try:
        lines = explain_people(store, BuildSettings(base_iri=base_iri))
    except KgError as exc:
        raise fail(exc) from exc
    for line in lines:
        say(out, line)
    if not lines:
        say(out, "no person's name is written more than one way")


def validate(store: StoreOption) -> None:
    """Check every document graph in the store against the SHACL shapes.

    Exit 0 when all conform, 1 on violations, 2 when the store or shapes could not load.
    """
    from kg.pipeline import validate_store

    try:
        with Stages() as stages:
            results = validate_store(
                store, progress=lambda done, total: stages("validating", done, total)
            )
    except KgError as exc:
        raise fail(exc) from exc
    bad = 0
    for name, violations in results.items():
        for violation in violations:
            say(err, violation.describe(name))
        bad += bool(violations)
    out.print(f"{len(results)} document graphs, {bad} with violations")
    raise typer.Exit(1 if bad else 0)
