"""HTTP errors and the one renderer for them all: JSON for programs, an HTML page with the
site's navigation for browsers, chosen by ``Accept``, whoever raised the error (a route,
the framework's own 404 and 405, a request that does not validate, the size limits, an
unexpected failure)."""

from __future__ import annotations

import logging
from html import escape

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from kg.errors import KgError
from kg.formats import Media
from kg.web.media import negotiate

_log = logging.getLogger(__name__)

#: The site's sections, linked from every error page.
NAVIGATION = [
    ("/", "Home"),
    ("/committees", "Committees"),
    ("/meetings", "Meetings"),
    ("/people", "People"),
    ("/graphs", "Graphs"),
    ("/editor", "SPARQL"),
    ("/docs", "API"),
]
_TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Request too large",
    414: "Address too long",
    415: "Unsupported media type",
    422: "Unprocessable request",
    431: "Headers too large",
    499: "Client closed request",
    500: "Server error",
    503: "Busy",
    507: "Out of memory",
}


class HttpError(KgError):
    """An error with the HTTP status it answers with, and any headers it adds (such as
    ``Retry-After``)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.headers = dict(headers or {})


def render_error(
    request: Request,
    status: int,
    message: str,
    hint: str | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> Response:
    """The error as JSON (the default) or, for a client that asks for HTML, as a page."""
    choice = negotiate(request.headers.get("accept"), [Media.JSON, Media.HTML])
    if choice is Media.HTML:
        return HTMLResponse(_page(status, message, hint), status_code=status, headers=headers)
    payload: dict[str, object] = {"status": status, "error": message}
    if hint:
        payload["hint"] = hint
    return JSONResponse(payload, status_code=status, headers=headers)


def _page(status: int, message: str, hint: str | None) -> str:
    title = f"{status} {_TITLES.get(status, 'Error')}"
    links = "\n".join(f'    <a href="{href}">{escape(name)}</a>' for href, name in NAVIGATION)
    extra = f"\n<p>{escape(hint)}</p>" if hint else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · minutes-kg</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="site">
  <a class="brand" href="/">minutes-kg</a>
  <nav aria-label="Site">
{links}
  </nav>
</header>
<main id="main">
<h1>{escape(title)}</h1>
<p class="error">{escape(message)}</p>{extra}
</main>
</body>
</html>
"""


async def handle_kg_error(request: Request, exc: Exception) -> Response:
    """The exception handler for every `KgError` (status 500 unless it is an `HttpError`)."""
    assert isinstance(exc, KgError)
    if isinstance(exc, HttpError):
        return render_error(request, exc.status, exc.message, exc.hint, headers=exc.headers)
    return render_error(request, 500, exc.message, exc.hint)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    """The framework's own errors (no route: 404; wrong method: 405), rendered alike."""
    assert isinstance(exc, HTTPException)
    message = {404: "nothing is published at this address"}.get(exc.status_code, exc.detail)
    headers = dict(exc.headers or {})
    allow = headers.get("Allow") or headers.get("allow")
    if allow is not None and "GET" in allow and "HEAD" not in allow:
        headers["Allow"] = allow + ", HEAD"  # the middleware answers HEAD as GET
    return render_error(request, exc.status_code, str(message), headers=headers)


async def handle_invalid_request(request: Request, exc: Exception) -> Response:
    """A request whose parameters do not validate: 400 with what was wrong."""
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in exc.errors()
    )
    return render_error(request, 400, f"the request is not valid: {problems}")


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback, answered 500 without one."""
    _log.error("unexpected error answering %s", request.url.path, exc_info=exc)
    return render_error(request, 500, "the server failed to answer this request")
