"""The `kg` command: a thin shell, one library call per command.

Exit codes: 0 success; 1 the work ran but found problems (a document quarantined or
unreadable, a graph that violates the shapes); 2 it could not run (bad arguments, no store).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from kg import __version__
from kg.errors import KgError, UsageError
from kg.publish.settings import PLACEHOLDER_EMAIL
from kg.settings import DEFAULT_BASE_IRI, BuildSettings, RunSettings
from kg.store.address import StoreAddress

app = typer.Typer(
    name="kg",
    help="Turn municipal meeting minutes and agendas into a validated RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's own help layout: typer's rich one shows "<bool>" beside every flag
    rich_markup_mode=None,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def say(console: Console, text: str) -> None:
    """Print text from documents or reports as it is: no markup, no wrapping, one line."""
    console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)


def _store_address(text: str) -> StoreAddress:
    try:
        work = os.environ.get("KG_WORK")
        return StoreAddress.parse(text, work=Path(work) if work else None)
    except KgError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _store_option(help_text: str) -> Any:
    """The ``--store`` option (a folder or a SPARQL store's address), with its help."""
    return typer.Option(
        "--store",
        envvar="KG_STORE",
        parser=_store_address,
        metavar="FOLDER|sparql+http://HOST:PORT/PATH",
        help=help_text,
        show_default=False,
    )


StoreOption = Annotated[
    StoreAddress,
    _store_option(
        "The store folder (as kg build made it), or a SPARQL store's address (see README)."
    ),
]
#: The store of a command that writes: the folder is made if missing.
NewStoreOption = Annotated[
    StoreAddress,
    _store_option("The store folder (made if missing), or a SPARQL store's address (see README)."),
]
PublishSettingsOption = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        exists=True,
        dir_okay=False,
        help="A TOML file of publish settings (publisher, contact, licence, spatial, ...), "
        "for kg publish and for the catalogue and VoID that kg serve answers.",
    ),
]
BaseIriOption = Annotated[
    str,
    typer.Option(
        "--base-iri",
        envvar="KG_BASE_IRI",
        help="Prefix of every minted IRI; the default makes them dereference on `kg serve`.",
    ),
]


def _fail(exc: KgError) -> typer.Exit:
    say(err, f"error: {exc.message}")
    if exc.hint:
        say(err, f"  {exc.hint}")
    return typer.Exit(exc.exit_code)


@app.command()
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
            base_iri=base_iri, source_url=source_url, municipality=municipality
        )
        table = read_meta_table(meta) if meta is not None else None
        run = RunSettings() if jobs is None else RunSettings(jobs=jobs)
    except ValueError as exc:
        say(err, f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        with _Stages() as stages:

            def step(stage: Stage, done: int, total: int | None) -> None:
                stages(stage.value, done, total)

            report = run_build(
                paths, store, settings, progress=step, overrides=overrides, run=run, meta=table
            )
    except KgError as exc:
        raise _fail(exc) from exc
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


@app.command(name="eval")
def evaluate(
    labels: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="The hand labels: a JSON object from file name to kind, municipality,"
            " committee, date, start, end, place, present, absent and items (see README).",
        ),
    ],
    folder: Annotated[
        Path,
        typer.Argument(exists=True, file_okay=False, help="The folder of the labelled files."),
    ],
    show_misses: Annotated[
        bool, typer.Option("--misses", help="Also list every difference from the labels.")
    ] = False,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", dir_okay=False, help="Also write the scores as JSON."),
    ] = None,
) -> None:
    """Measure how well kg reads your documents: precision, recall and F1 per field.

    Each labelled file is read as kg build reads it (its sidecar metadata included) and
    compared with its labels. Exit 0 when it ran (whatever the scores), 2 when the labels
    or the folder cannot be read.
    """
    from kg.evaluate import evaluate_folder, misses, table

    try:
        result = evaluate_folder(labels, folder)
    except KgError as exc:
        raise _fail(exc) from exc
    say(out, table(result))
    if show_misses:
        say(out, misses(result))
    if json_file is not None:
        json_file.write_text(json.dumps(result.rows(), indent=2) + "\n", encoding="utf-8")


@app.command()
def harvest(
    portal: Annotated[
        str, typer.Argument(help="The agenda portal's address, e.g. https://dagsordener.greve.dk/")
    ],
    folder: Annotated[Path, typer.Option("--out", help="The folder the meetings are saved in.")],
    committee: Annotated[
        list[str] | None,
        typer.Option("--committee", help="Only this committee (its name); repeatable."),
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Meetings on or after this day.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Meetings on or before this day.")
    ] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests.", min=0)] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds before a request times out.")] = 30.0,
    retries: Annotated[int, typer.Option(help="Retries after a 429, 5xx or timeout.", min=0)] = 4,
) -> None:
    """Fetch a municipality's meetings from its agenda portal as JSON, for kg build.

    One request at a time; a meeting saved before is fetched again only when the portal
    says it changed. Writes one file per meeting (exactly as served) and manifest.csv.
    Exit 0 when every meeting was fetched or current, 1 when any failed, 2 on bad input.
    """
    from kg.harvest import HarvestSettings, Listed, Status
    from kg.harvest import harvest as run_harvest

    try:
        settings = HarvestSettings(
            portal=portal,
            out=folder,
            committees=tuple(committee or ()),
            since=since.date() if since else None,
            until=until.date() if until else None,
            delay=delay,
            timeout=timeout,
            retries=retries,
        )
    except ValueError as exc:
        say(err, f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        with _progress() as progress:
            task = progress.add_task("meetings", total=None)

            def step(done: int, total: int, meeting: Listed) -> None:
                progress.update(task, description=meeting.committee, completed=done, total=total)

            report = run_harvest(settings, progress=step)
    except KgError as exc:
        raise _fail(exc) from exc
    for outcome in report.outcomes:
        if outcome.status is Status.FAILED:
            say(err, f"failed: {outcome.meeting.committee} {outcome.meeting.day}: {outcome.reason}")
    say(out, f"{report.summary()}; in {folder} (build it: kg build {folder} --store DIR)")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def synth(
    folder: Annotated[Path, typer.Option("--out", help="The folder to write into (new or empty).")],
    docs: Annotated[int, typer.Option("--docs", help="How many documents to write.")] = 40,
    seed: Annotated[int, typer.Option("--seed", help="The same seed writes the same files.")] = 0,
    committees: Annotated[
        int | None, typer.Option(help="Committees (default: enough for --docs).")
    ] = None,
    years: Annotated[int | None, typer.Option(help="Years covered (default: from --docs).")] = None,
    first_year: Annotated[int, typer.Option(help="The first year of the corpus.")] = 2014,
    pdf_share: Annotated[float, typer.Option(help="Share of documents written as PDF.")] = 0.02,
    english_share: Annotated[
        float, typer.Option(help="Share of meetings written in English.")
    ] = 0.0,
    variant_rate: Annotated[
        float, typer.Option(help="Chance that an attendance list spells a name otherwise.")
    ] = 0.05,
    closed_rate: Annotated[float, typer.Option(help="Chance that an item is closed.")] = 0.08,
    namesake_rate: Annotated[
        float, typer.Option(help="Chance that a new member is named like an earlier one.")
    ] = 0.03,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a non-empty folder (an earlier corpus"
            " written there by kg synth is removed first).",
        ),
    ] = False,
) -> None:
    """Write a synthetic corpus: minutes and agendas of invented committees, as text and PDF.

    The documents copy the formats of real minutes (name variants, closed items,
    attachments, working groups, agendas matching their minutes), and _truth.json beside
    them says what a correct build contains. Exit 2 when --out is not empty (without
    --force) or an option is out of range.
    """
    from kg.synth import SynthSettings, synthesize

    try:
        settings = SynthSettings(
            docs=docs,
            seed=seed,
            committees=committees,
            years=years,
            first_year=first_year,
            pdf_share=pdf_share,
            english_share=english_share,
            variant_rate=variant_rate,
            closed_rate=closed_rate,
            namesake_rate=namesake_rate,
        )
    except ValueError as exc:
        say(err, f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        with _progress() as progress:
            task = progress.add_task("writing", total=docs)
            report = synthesize(
                settings, folder, force=force, progress=lambda n: progress.update(task, completed=n)
            )
    except KgError as exc:
        raise _fail(exc) from exc
    say(
        out,
        f"wrote {report.documents} documents ({report.text} text, {report.pdf} PDF) to {folder};"
        f" truth: {report.truth}",
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


class _Stages:
    """Progress through the named stages of a command: on a terminal a bar whose clock
    runs on through every stage (a new stage starts afresh: a finished bar stops its
    clock); otherwise one line on stderr as each stage begins, and the time at the end."""

    def __init__(self) -> None:
        self._bar = _progress()
        self._task = self._bar.add_task("", total=None)
        self._stage = ""
        self._began = time.monotonic()

    def __enter__(self) -> _Stages:
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.__exit__(kind, value, traceback)
        if self._stage and kind is None and not err.is_terminal:
            say(err, f"done in {time.monotonic() - self._began:.1f} s")

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage == self._stage:
            self._bar.update(self._task, completed=done, total=total)
            return
        self._stage = stage
        self._bar.reset(self._task, total=total, completed=done, description=stage)
        if not err.is_terminal:
            counted = f" ({total})" if total else ""
            elapsed = time.monotonic() - self._began
            say(err, f"{stage}{counted}… [{elapsed:.1f} s]")


@app.command()
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
        raise _fail(exc) from exc
    for name in report.removed:
        say(out, f"removed {name}")
    removed, updated = len(report.removed), report.count(Status.UPDATED)
    plural = "" if removed == 1 else "s"
    say(out, f"removed {removed} document{plural}; {updated} others updated; store: {store}")


@app.command()
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
        raise _fail(exc) from exc
    for line in lines:
        say(out, line)
    if not lines:
        say(out, "no person's name is written more than one way")


@app.command()
def validate(store: StoreOption) -> None:
    """Check every document graph in the store against the SHACL shapes.

    Exit 0 when all conform, 1 on violations, 2 when the store or shapes could not load.
    """
    from kg.pipeline import validate_store

    try:
        with _Stages() as stages:
            results = validate_store(
                store, progress=lambda done, total: stages("validating", done, total)
            )
    except KgError as exc:
        raise _fail(exc) from exc
    bad = 0
    for name, violations in results.items():
        for violation in violations:
            say(err, violation.describe(name))
        bad += bool(violations)
    out.print(f"{len(results)} document graphs, {bad} with violations")
    raise typer.Exit(1 if bad else 0)


@app.command()
def query(
    query: Annotated[
        str, typer.Argument(help="A .rq file, the name of a named query, or query text.")
    ],
    store: StoreOption,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="table|csv|tsv|json|xml",
            help="How to write the results (json and xml: the W3C SPARQL results formats).",
        ),
    ] = "table",
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            metavar="NAME=VALUE",
            help="A named query's parameter (repeatable).",
        ),
    ] = None,
) -> None:
    """Run a SPARQL query over all graphs of the store."""
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.iri import Minter
    from kg.resources import data_folder
    from kg.search import SearchIndex, found_for
    from kg.store import open_store
    from kg.store.prefixes import prefix_hint, undeclared_prefixes
    from kg.store.queries import NamedQuery, resolve_query
    from kg.store.run import ResultFormat, run, table
    from kg.vocab import PREFIXES

    named: NamedQuery | None = None
    choices = ", ".join(f.value for f in ResultFormat)
    if fmt not in choices.split(", "):
        say(err, f"error: --format must be one of: {choices} (got {fmt!r})")
        raise typer.Exit(2)
    try:
        result_format = ResultFormat(fmt)
        values = dict(_pair(p) for p in param or [])
        named = resolve_query(query, data_folder("sparql"))
        raw = open_store(store, read_only=True).raw
        named.bindings(values)  # a bad value is refused before anything is looked up
        found = None
        if named.searched(values) is not None:  # the search index finds the resources
            found = found_for(named, values, SearchIndex.ready(store.work, raw))
        results = run(raw, named, values, found)
    except ValueError as exc:
        say(err, f"error: {exc}")
        raise typer.Exit(2) from exc
    except QueryError as exc:
        parsed = "does not parse" in exc.message
        missing = undeclared_prefixes(named.text) if parsed and named is not None else []
        if not missing:
            raise _fail(exc) from exc
        known = {**PREFIXES, **Minter(base_iri).prefixes()}
        names = ", ".join(f"{n}:" for n in missing)
        say(err, f"error: the query uses the prefix {names} without declaring it")
        say(err, f"  {prefix_hint(missing, known)}")
        raise typer.Exit(2) from exc
    except KgError as exc:
        raise _fail(exc) from exc
    if isinstance(results, ox.QueryTriples):
        sys.stdout.buffer.write(results.serialize(format=ox.RdfFormat.TURTLE) or b"")
        return
    if result_format is ResultFormat.TABLE:
        if isinstance(results, ox.QueryBoolean):
            out.print(str(bool(results)).lower())
            return
        prefixes = {**PREFIXES, **Minter(base_iri).prefixes()}
        header, rows = table(results, prefixes)
        grid = Table(*header, show_lines=False)
        for row in rows:
            grid.add_row(*row)
        out.print(grid)
        out.print(f"{len(rows)} rows")
        return
    sys.stdout.buffer.write(results.serialize(format=result_format.results_format) or b"")


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise ValueError(f"--param takes NAME=VALUE, got {text!r}")
    return name.strip(), value


@app.command()
def export(
    store: StoreOption,
    fmt: Annotated[str, typer.Option("--format", help="nquads, trig, turtle, ntriples or jsonld.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
) -> None:
    """Write the whole store to a file. N-Quads, TriG and JSON-LD keep the named graphs;
    Turtle and N-Triples get the merged graph."""
    from kg.store import Serialization, open_store

    try:
        serialization = Serialization(fmt)
    except ValueError as exc:
        names = ", ".join(s.value for s in Serialization)
        say(err, f"error: unknown format {fmt!r}; use one of {names}")
        raise typer.Exit(2) from exc
    try:
        count = open_store(store, read_only=True).export(serialization, output)
    except KgError as exc:
        raise _fail(exc) from exc
    unit = "quads" if serialization.keeps_graphs else "triples"
    out.print(f"wrote {count} {unit} to {output}")


@app.command()
def graph(
    name: Annotated[
        str,
        typer.Argument(
            help="who-works-on-what, who-works-with-whom, committee-membership,"
            " co-attendance, people-organisations or items-technologies-committees."
        ),
    ],
    store: StoreOption,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The file to write.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="json (networkx node-link data), graphml, gexf, csv (an edge list: source,"
            " source_label, source_type, target, target_label, target_type, relation, weight,"
            " other edge attributes; a node without edges has empty target columns), png or"
            " svg (drawings). Default: the suffix of -o.",
        ),
    ] = None,
    committee: Annotated[
        str | None, typer.Option("--committee", help="Only this committee (its IRI).")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Only meetings on or after this date (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Only meetings on or before this date (YYYY-MM-DD).")
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Print node and edge counts, centrality, communities.")
    ] = False,
) -> None:
    """Write a relation graph (people, projects, committees, organisations, technologies).

    Nodes are IRIs with the attributes iri, label, type, degree, degree_centrality,
    betweenness and community. Exit 2 on an unknown graph, format or a bad date.
    """
    from kg import graphs
    from kg.store import open_store

    if output is None and not summary:
        say(err, "error: nothing to do; give -o FILE, --summary or both")
        raise typer.Exit(2)
    try:
        graph_name = graphs.GraphName.parse(name)
        graph_filter = graphs.Filter.parse(committee, start, end)
        graph_format = graphs.GraphFormat.parse(fmt, str(output)) if output else None
        reader = open_store(store, read_only=True).raw
        drawn = graphs.analysed(reader, graph_name, graph_filter)
    except KgError as exc:
        raise _fail(exc) from exc
    if summary:
        for line in graphs.summarise(drawn).lines():
            say(out, line)
    if output is not None and graph_format is not None:
        try:
            output.write_bytes(graphs.write(drawn, graph_format))
        except KgError as exc:  # a drawing without the "draw" extra
            raise _fail(exc) from exc
        except OSError as exc:
            say(err, f"error: cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(2) from exc
        say(out, f"wrote {graph_name} ({graph_format}) to {output}")


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="RDF files: .nq .trig .jsonld keep their graphs; .ttl .nt .rdf need --graph;"
            " each may be gzipped (.nq.gz, as kg publish writes its dumps).",
            exists=True,
            dir_okay=False,
        ),
    ],
    store: NewStoreOption,
    graph: Annotated[
        str | None, typer.Option("--graph", help="The named graph for triples (an IRI).")
    ] = None,
) -> None:
    """Import reference data (curated links, an organisation register) beside the minutes.

    Each named graph a file fills is replaced as a whole, so loading a file again
    updates it. The imported graphs are queried and served like the rest.
    """
    from kg.search import SearchIndex
    from kg.store import open_store
    from kg.store.base import read_graphs

    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        say(err, f"error: --graph must be an absolute IRI, got {graph!r}")
        raise typer.Exit(2)
    try:
        # every file is read first: a bad one is refused before the store is opened
        read = [(file, read_graphs(file, graph)) for file in files]
        db = open_store(store)
        documents = set(db.document_graphs())  # only a build writes these
        index = SearchIndex.beside(store.work)  # kept in step with what is loaded
        index.begin(db.raw)
        for file, quads in read:
            counts = db.load_read(file, quads, protected=documents)
            index.update(quads)
            for name, count in sorted(counts.items()):
                say(out, f"{file}: {count} quads into <{name}>")
        index.finish(db.raw)
    except KgError as exc:
        raise _fail(exc) from exc


@app.command()
def publish(
    store: StoreOption,
    output: Annotated[
        Path,
        typer.Option("--out", help="The release folder (made if missing; earlier releases kept)."),
    ],
    base_iri: Annotated[
        str | None,
        typer.Option(
            "--base-iri",
            envvar="KG_BASE_IRI",
            help="Prefix of the minted IRIs (as the build used); default: the settings' or "
            + DEFAULT_BASE_IRI,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            help="The release's version; default: the date and time of the latest build.",
            show_default=False,
        ),
    ] = None,
    settings_file: PublishSettingsOption = None,
    placeholder_contact: Annotated[
        bool,
        typer.Option(
            "--placeholder-contact",
            help="Publish even though the catalogue's contact point is the placeholder"
            f" {PLACEHOLDER_EMAIL} (for a trial release).",
        ),
    ] = False,
    standards: Annotated[
        Path | None,
        typer.Option(
            "--standards",
            envvar="KG_STANDARDS",
            file_okay=False,
            help="The folder of the official DCAT-AP 3.0.1 and DCAT-AP-DK 2.0.2 shapes; without"
            " it the catalogue record is not checked.",
        ),
    ] = None,
) -> None:
    """Publish the store as open data: dumps, DCAT-AP catalogue, VoID, a static site.

    Writes gzipped N-Quads and Turtle dumps with checksums, catalog.ttl,
    .well-known/void, sparql.ttl, a page and a .ttl file for every minted IRI, and a
    changelog against the previous release. Exit 0 when done,
    1 when the catalogue record violates the DCAT-AP 3.0.1 or DCAT-AP-DK 2.0.2 shapes,
    2 on a usage or input error.
    """
    from kg.publish.settings import load_settings
    from kg.store import open_store
    from kg.web.site import publish as run_publish

    try:
        settings = load_settings(settings_file, base_iri=base_iri, version=version)
        if settings.contact_email == PLACEHOLDER_EMAIL and not placeholder_contact:
            raise UsageError(
                f"the catalogue's contact point would be the placeholder {PLACEHOLDER_EMAIL}",
                hint="set contact_name and contact_email in a --settings file (see"
                " examples/publish.toml), or give --placeholder-contact for a trial release",
            )
        db = open_store(store, read_only=True).raw
        with _Stages() as stages:
            report = run_publish(db, output, settings, standards=standards, progress=stages)
    except KgError as exc:
        raise _fail(exc) from exc
    grid = Table("file", "bytes", "sha256", show_lines=False)
    for dump in report.dumps:
        grid.add_row(dump.path, str(dump.byte_size), dump.sha256[:16])
    out.print(grid)
    say(out, f"release {report.version}: {report.resources} resources in {report.out}")
    say(out, f"changelog: {report.changelog}")
    if report.standards is None:
        say(
            err,
            "note: the catalogue record was NOT checked against DCAT-AP 3.0.1 and DCAT-AP-DK"
            " 2.0.2: give --standards DIR (or set KG_STANDARDS) to the folder of their shapes",
        )
    else:
        say(out, f"catalogue record checked against the shapes in {report.standards}")
    for violation in report.violations:
        say(err, violation.describe())
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def serve(
    store: StoreOption,
    host: Annotated[
        str, typer.Option(envvar="KG_HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="KG_PORT", help="Port to listen on.")] = 8000,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    query_timeout: Annotated[
        float, typer.Option(help="Seconds a SPARQL query may run before it is stopped.")
    ] = 10.0,
    max_results: Annotated[
        int, typer.Option(help="Most rows or triples a query may return.")
    ] = 10_000,
    query_workers: Annotated[
        int, typer.Option(help="Queries run at once, each in a worker process of its own.")
    ] = 4,
    query_memory: Annotated[
        int,
        typer.Option(
            help="MiB of memory a query may use, on top of what its worker holds with the "
            "store open (0: no limit); past it: 507."
        ),
    ] = 2048,
    query_queue_wait: Annotated[
        float,
        typer.Option(help="Seconds a query waits for a free worker; then 503 with Retry-After."),
    ] = 5.0,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(help="A SPARQL endpoint queries may call with SERVICE (repeatable)."),
    ] = None,
    page_timeout: Annotated[
        float,
        typer.Option(
            min=0.1,
            help="Seconds a page's own work (outside the query workers) may take; then 503"
            " with Retry-After.",
        ),
    ] = 10.0,
    page_size: Annotated[
        int, typer.Option(min=1, help="Rows on each page of a list page (?page=2: the next).")
    ] = 100,
    settings_file: PublishSettingsOption = None,
) -> None:
    """Serve the store: SPARQL endpoint, linked-data pages and the named queries as an API.

    Every IRI the build minted dereferences here whatever the host and port, since the
    server answers for the path. The store is opened read-only and held: a build on it is
    refused until the server stops.
    """
    from kg.publish.settings import load_settings
    from kg.web.app import create_app
    from kg.web.server import bind, run
    from kg.web.settings import ServeSettings

    try:
        settings = ServeSettings(
            store=store,
            base_iri=base_iri,
            query_timeout=query_timeout,
            max_results=max_results,
            query_workers=query_workers,
            query_memory=query_memory,
            query_queue_wait=query_queue_wait,
            service_allowlist=tuple(allow_service or ()),
            page_timeout=page_timeout,
            page_size=page_size,
            publish=load_settings(settings_file, base_iri=base_iri),
        )
        sock = bind(host, port)  # a busy port fails here, before anything is announced
        application = create_app(settings)
    except KgError as exc:
        raise _fail(exc) from exc
    say(err, f"serving {store} at http://{host}:{port}/ (Ctrl-C stops)")
    run(application, sock)


def _version(value: bool) -> None:
    if value:
        out.print(f"minutes-kg {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn municipal meeting minutes and agendas into a validated RDF knowledge graph."""


def main() -> None:
    """The console script."""
    app()
