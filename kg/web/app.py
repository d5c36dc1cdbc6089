"""The web application: `create_app(settings)` with one router per surface."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg import __version__
from kg.errors import KgError
from kg.web.errors import handle_kg_error
from kg.web.hardening import harden, serving_lease
from kg.web.resources import mount_static
from kg.web.settings import ServeSettings
from kg.web.sparql import close_runner, query_runner
from kg.web.state import AppState


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the SPARQL query workers with the app, and stop them with it; read when the
    data was built (what /healthz says), and the statistics in the background (daemon: a
    store without a statistics graph is counted, and that does not hold up a stop)."""
    query_runner(app).start()
    app.state.kg.built()
    threading.Thread(target=app.state.kg.statistics, name="kg-statistics", daemon=True).start()
    try:
        yield
    finally:
        close_runner(app)
        app.state.lease.release()


def create_app(settings: ServeSettings) -> FastAPI:
    """The application serving the store of ``settings`` (opened read-only)."""
    app = FastAPI(
        title="minutes-kg",
        version=__version__,
        description="Municipal meeting minutes as linked data: SPARQL, resources, named queries.",
        lifespan=_lifespan,
        docs_url=None,  # served by kg.web.docs from the vendored Swagger UI
        redoc_url=None,
    )
    app.state.lease = serving_lease(settings)  # a build is refused while the app runs
    app.state.kg = AppState.open(settings)
    app.add_exception_handler(KgError, handle_kg_error)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "If-None-Match", "If-Modified-Since"],
        expose_headers=["ETag", "Last-Modified", "Retry-After"],  # readable by a page elsewhere
    )
    harden(app, settings)  # outermost: HEAD, size limits, security headers, ETag
    for router in _routers():
        app.include_router(router)  # type: ignore[arg-type]
    mount_static(app)
    return app


def _routers() -> list[object]:
    """The surfaces, each a router module with a ``router``; SPARQL first, resources last
    (they answer for any path of a minted IRI)."""
    from kg.web import docs, graphs, health, pages, resources, search, sparql
    from kg.web import publish as release
    from kg.web.queries import make_router

    # pages last: "/{listing}" answers any single-segment path not taken before it
    return [
        health.router,
        docs.router,
        sparql.router,
        make_router(),
        graphs.router,
        release.router,
        search.router,
        resources.router,
        pages.router,
    ]
