"""The commands of a store's data: query, export, graph (a relation graph), load
(reference data in)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.options import BaseIriOption, NewStoreOption, StoreOption, err, fail, out, refused, say
from kg.errors import KgError
from kg.settings import DEFAULT_BASE_IRI


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

    from kg.querying import query_prefixes, run_query
    from kg.store.run import ResultFormat, table

    choices = ", ".join(f.value for f in ResultFormat)
    if fmt not in choices.split(", "):
        say(err, f"error: --format must be one of: {choices} (got {fmt!r})")
        raise typer.Exit(2)
    try:
        result_format = ResultFormat(fmt)
        values = dict(_pair(p) for p in param or [])
        results = run_query(store, query, values, base_iri=base_iri)
    except ValueError as exc:
        raise refused(str(exc)) from exc
    except KgError as exc:
        raise fail(exc) from exc
    if isinstance(results, ox.QueryTriples):
        sys.stdout.buffer.write(results.serialize(format=ox.RdfFormat.TURTLE) or b"")
        return
    if result_format is ResultFormat.TABLE:
        if isinstance(results, ox.QueryBoolean):
            out.print(str(bool(results)).lower())
            return
        header, rows = table(results, query_prefixes(base_iri))
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
        raise refused(f"unknown format {fmt!r}; use one of {names}") from exc
    try:
        count = open_store(store, read_only=True).export(serialization, output)
    except KgError as exc:
        raise fail(exc) from exc
    unit = "quads" if serialization.keeps_graphs else "triples"
    out.print(f"wrote {count} {unit} to {output}")


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
        raise fail(exc) from exc
    if summary:
        for line in graphs.summarise(drawn).lines():
            say(out, line)
    if output is not None and graph_format is not None:
        try:
            output.write_bytes(graphs.write(drawn, graph_format))
        except KgError as exc:  # a drawing without the "draw" extra
            raise fail(exc) from exc
        except OSError as exc:
            raise refused(f"cannot write {output}: {exc.strerror or exc}") from exc
        say(out, f"wrote {graph_name} ({graph_format}) to {output}")


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
    from kg.reference import load_reference

    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        say(err, f"error: --graph must be an absolute IRI, got {graph!r}")
        raise typer.Exit(2)

    def loaded(file: Path, counts: dict[str, int]) -> None:
        for name, count in sorted(counts.items()):
            say(out, f"{file}: {count} quads into <{name}>")

    try:
        load_reference(files, store, graph=graph, loaded=loaded)
    except KgError as exc:
        raise fail(exc) from exc
