"""HTTP errors and the one handler that renders them as JSON or HTML by the request."""

from __future__ import annotations

from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kg.errors import KgError
from kg.web.media import Media, negotiate


class HttpError(KgError):
    """An error with the HTTP status it answers with."""

    def __init__(self, status: int, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


def render_error(request: Request, status: int, message: str, hint: str | None = None) -> Response:
    """JSON for programs, HTML for browsers, plain text for SPARQL clients."""
    choice = negotiate(request.headers.get("accept"), [Media.JSON, Media.HTML])
    if choice is Media.HTML:
        body = f"<h1>{status}</h1><p>{escape(message)}</p>"
        if hint:
            body += f"<p>{escape(hint)}</p>"
        return HTMLResponse(f"<!doctype html><title>{status}</title>{body}", status_code=status)
    payload: dict[str, object] = {"status": status, "error": message}
    if hint:
        payload["hint"] = hint
    return JSONResponse(payload, status_code=status)


async def handle_kg_error(request: Request, exc: Exception) -> Response:
    """The exception handler for every `KgError` (status 500 unless it is an `HttpError`)."""
    assert isinstance(exc, KgError)
    status = exc.status if isinstance(exc, HttpError) else 500
    return render_error(request, status, exc.message, exc.hint)
