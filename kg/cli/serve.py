"""The serve command: the web app over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.options import BaseIriOption, PublishSettingsOption, StoreOption, err, fail, say
from kg.errors import KgError
from kg.settings import DEFAULT_BASE_IRI


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
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes on the port, one per core for a busy server (the query"
            " workers are shared out among them).",
        ),
    ] = 1,
    settings_file: PublishSettingsOption = None,
) -> None:
    """Serve the store: SPARQL endpoint, linked-data pages and the named queries as an API.

    Every IRI the build minted dereferences here whatever the host and port, since the
    server answers for the path. The store is opened read-only and held: a build on it is
    refused until the server stops.
    """
    from kg.publish.settings import load_settings
    from kg.web.app import create_app
    from kg.web.processes import serve as serve_processes
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
            processes=processes,
            publish=load_settings(settings_file, base_iri=base_iri),
        )
        sock = bind(host, port)  # a busy port fails here, before anything is announced
        application = create_app(settings)  # a store that cannot be served fails here
    except KgError as exc:
        raise fail(exc) from exc
    say(err, f"serving {store} at http://{host}:{port}/ (Ctrl-C stops)")
    if processes > 1:
        raise typer.Exit(serve_processes(settings, sock))  # this one keeps the lease only
    run(application, sock)
