"""The `kg` command: a thin shell, one library call per command.

Exit codes: 0 success; 1 the work ran but found problems (a document quarantined or
unreadable, a graph that violates the shapes); 2 it could not run (bad arguments, no store).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import __version__
from kg.errors import KgError
from kg.settings import DEFAULT_BASE_IRI, BuildSettings

app = typer.Typer(
    name="kg",
    help="Turn municipal meeting minutes and agendas into a validated RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def say(console: Console, text: str) -> None:
    """Print text from documents or reports as it is: no markup, no wrapping, one line."""
    console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)


StoreOption = Annotated[
    Path,
    typer.Option(
        "--store", envvar="KG_STORE", help="The store folder (made if missing).", show_default=False
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
            help="Files or folders of minutes and agendas (.pdf, .txt, .html).", exists=True
        ),
    ],
    store: StoreOption,
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
) -> None:
    """Read, parse, resolve, validate and load documents into the store.

    Each document becomes one named graph. A document whose graph breaks a shape is
    quarantined (not loaded) with a report naming the shape, the node and the source line.
    Exit 0 when every document loaded or was unchanged, 1 when any was quarantined or
    unreadable, 2 on a usage error.
    """
    from kg.pipeline import Status
    from kg.pipeline import build as run_build

    try:
        settings = BuildSettings(base_iri=base_iri)
    except ValueError as exc:
        say(err, f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        with _progress() as progress:
            task = progress.add_task("reading", total=None)

            def step(name: str) -> None:
                progress.update(task, advance=1, description=name[-40:])

            report = run_build(paths, store, settings, progress=step, overrides=overrides)
    except KgError as exc:
        raise _fail(exc) from exc
    for outcome in report.outcomes:
        if outcome.status in (Status.QUARANTINED, Status.UNREADABLE):
            for message in outcome.messages:
                say(err, f"{outcome.status}: {message}")
        elif outcome.messages:
            for message in outcome.messages:
                say(err, f"note: {message}")
    summary = ", ".join(f"{report.count(s)} {s.value}" for s in Status)
    say(out, f"documents: {summary}; store: {report.triples} quads in {store}")
    for redaction in report.redactions:
        span = redaction.span
        where = f"{redaction.document}, page {span.page}, line {span.first}"
        say(err, f"withheld: {where}: {redaction.kind}")
    raise typer.Exit(0 if report.ok else 1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


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
        results = validate_store(store)
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
        str, typer.Argument(help="A .rq file, the name of a query in sparql/, or query text.")
    ],
    store: StoreOption,
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json (W3C SPARQL results) or xml.")
    ] = "table",
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a named query's parameter."),
    ] = None,
) -> None:
    """Run a SPARQL query over all graphs of the store."""
    import pyoxigraph as ox

    from kg.rdf.iri import Minter
    from kg.resources import project_folder
    from kg.store import OxigraphStore
    from kg.store.queries import resolve_query
    from kg.store.run import ResultFormat, run, table
    from kg.vocab import PREFIXES

    try:
        result_format = ResultFormat(fmt)
        values = dict(_pair(p) for p in param or [])
        named = resolve_query(query, project_folder("sparql"))
        results = run(OxigraphStore(store, read_only=True).raw, named, values)
    except ValueError as exc:
        say(err, f"error: {exc}")
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
    from kg.store import OxigraphStore, Serialization

    try:
        serialization = Serialization(fmt)
    except ValueError as exc:
        names = ", ".join(s.value for s in Serialization)
        say(err, f"error: unknown format {fmt!r}; use one of {names}")
        raise typer.Exit(2) from exc
    try:
        count = OxigraphStore(store, read_only=True).export(serialization, output)
    except KgError as exc:
        raise _fail(exc) from exc
    unit = "quads" if serialization.keeps_graphs else "triples"
    out.print(f"wrote {count} {unit} to {output}")


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="RDF files: .nq .trig .jsonld keep their graphs; .ttl .nt .rdf need --graph.",
            exists=True,
            dir_okay=False,
        ),
    ],
    store: StoreOption,
    graph: Annotated[
        str | None, typer.Option("--graph", help="The named graph for triples (an IRI).")
    ] = None,
) -> None:
    """Import reference data (curated links, an organisation register) beside the minutes.

    Each named graph a file fills is replaced as a whole, so loading a file again
    updates it. The imported graphs are queried and served like the rest.
    """
    from kg.store import OxigraphStore

    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        say(err, f"error: --graph must be an absolute IRI, got {graph!r}")
        raise typer.Exit(2)
    try:
        db = OxigraphStore(store)
        for file in files:
            counts = db.load_file(file, graph=graph)
            for name, count in sorted(counts.items()):
                say(out, f"{file}: {count} quads into <{name}>")
    except KgError as exc:
        raise _fail(exc) from exc


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
    allow_service: Annotated[
        list[str] | None,
        typer.Option(help="A SPARQL endpoint queries may call with SERVICE (repeatable)."),
    ] = None,
) -> None:
    """Serve the store: SPARQL endpoint, linked-data pages and the named queries as an API.

    Every IRI the build minted dereferences here whatever the host and port, since the
    server answers for the path. The store is opened read-only: a build needs the server
    stopped (one process may write to a store at a time).
    """
    import uvicorn

    from kg.web.app import create_app
    from kg.web.settings import ServeSettings

    try:
        settings = ServeSettings(
            store=store,
            base_iri=base_iri,
            query_timeout=query_timeout,
            max_results=max_results,
            service_allowlist=tuple(allow_service or ()),
        )
        application = create_app(settings)
    except KgError as exc:
        raise _fail(exc) from exc
    say(err, f"serving {store} at http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


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
