"""``/healthz``: a cheap answer for readiness and liveness probes, whatever the store holds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from kg import __version__
from kg.web.state import state

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Whether the server answers, and what it serves")
async def healthz(request: Request) -> JSONResponse:
    """200 with the code version and when the served data was built (read from the store
    when the application started: a probe touches no store and waits for no thread)."""
    built = state(request).built()
    response = JSONResponse({"status": "ok", "version": __version__, "built": built})
    response.headers["Cache-Control"] = "no-store"
    return response
