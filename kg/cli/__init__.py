"""The `kg` command: a thin shell, one library call per command.

Exit codes: 0 success; 1 the work ran but found problems (a document quarantined or
unreadable, a graph that violates the shapes); 2 it could not run (bad arguments, no store).

One module per group of commands, each registered here in the order ``kg --help`` lists
them: `kg.cli.documents` (build, remove, resolve, validate), `kg.cli.corpus` (eval,
harvest, synth), `kg.cli.data` (query, export, graph, load), `kg.cli.publish` and
`kg.cli.serve`; `kg.cli.options` holds the options they share, `kg.cli.progress` the
progress bars.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kg import __version__
from kg.cli import corpus, data, documents, publish, serve
from kg.cli.options import out

app = typer.Typer(
    name="kg",
    help="Turn municipal meeting minutes and agendas into a validated RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's own help layout: typer's rich one shows "<bool>" beside every flag
    rich_markup_mode=None,
)

app.command()(documents.build)
app.command(name="eval")(corpus.evaluate)
app.command()(corpus.harvest)
app.command()(corpus.synth)
app.command()(documents.remove)
app.command()(documents.resolve)
app.command()(documents.validate)
app.command()(data.query)
app.command()(data.export)
app.command()(data.graph)
app.command()(data.load)
app.command()(publish.publish)
app.command()(serve.serve)


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
