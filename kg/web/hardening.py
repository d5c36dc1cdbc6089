"""What every response of the server gets, whatever router answers: HEAD wherever GET
works, limits on the request's size, security headers, and validators (ETag,
Last-Modified) with 304 for a client whose copy is current.

One pure ASGI middleware (no response is rebuilt by a framework class), outermost but for
CORS:

- **HEAD** is answered as GET without the body (FastAPI routes take GET only).
- **Limits**: an address (path and query) over ``max_url`` bytes is 414, headers over
  ``max_headers`` bytes in all are 431, a body whose Content-Length (or whose chunks) pass
  ``max_body`` is 413. Requests too large for the HTTP parser itself are refused by
  `kg.web.server` with the same statuses.
- **Security headers** on every response: a Content-Security-Policy that allows the
  server's own scripts, styles, images and fonts only (an inline script in an HTML page is
  allowed by its hash, computed from the page as sent; inline styles are allowed, the
  vendored editor and graph views set them), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer`` and ``X-Frame-Options: DENY``.
- **Validators**: a successful GET (up to ``max_buffered`` bytes) gets a strong ETag (a
  hash of the body, so each representation has its own), ``Last-Modified`` (when the
  served data was last written; the store does not change while served, see
  `kg.store.lease`) and ``Cache-Control: no-cache`` (revalidate each time); a request
  whose ``If-None-Match`` matches, or (without one) whose ``If-Modified-Since`` is not
  before ``Last-Modified``, is answered 304 without a body. A response its route tagged
  itself (a file kept with the digest of its bytes) keeps its ETag, is not buffered, and
  is answered 304 when ``If-None-Match`` names that tag.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.store import StoreAddress, StoreKind, lease
from kg.web.errors import (
    HttpError,
    handle_http_exception,
    handle_invalid_request,
    handle_unexpected,
    render_error,
)
from kg.web.settings import ServeSettings

#: The policy's directives; ``script-src`` gets the hashes of a page's inline scripts.
_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_SECURITY = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
#: Headers a 304 keeps (RFC 9110, 15.4.5), besides the security headers.
_KEPT_BY_304 = {b"etag", b"last-modified", b"cache-control", b"vary", b"expires"}


@dataclass(frozen=True)
class Limits:
    """The largest request the server reads (bytes)."""

    max_url: int = 8 * 1024
    max_headers: int = 16 * 1024
    max_body: int = 1 << 20
    #: The largest response body given an ETag (larger ones are passed on as they come).
    max_buffered: int = 8 << 20


def content_security_policy(body: bytes | None = None) -> bytes:
    """The policy for a response; ``body`` (an HTML page) adds its inline scripts' hashes.

    >>> content_security_policy(b"<script>go()</script>").decode().split("; ")[1]
    "script-src 'self' 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"
    """
    policy = dict(_POLICY)
    if body:
        hashes = {
            base64.b64encode(hashlib.sha256(script).digest()).decode()
            for script in _INLINE_SCRIPT.findall(body)
            if script.strip()
        }
        policy["script-src"] += "".join(f" 'sha256-{h}'" for h in sorted(hashes))
    return "; ".join(f"{k} {v}" for k, v in policy.items()).encode()


def http_date(moment: datetime) -> str:
    """An HTTP date (IMF-fixdate).

    >>> http_date(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    'Fri, 02 Jan 2026 03:04:05 GMT'
    """
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _folder(settings: ServeSettings) -> Path | None:
    address = StoreAddress.of(settings.store)
    return address.work if address.kind is StoreKind.FOLDER else None


def serving_lease(settings: ServeSettings) -> lease.Lease:
    """The server's lease on its store folder (none for a remote store): while held, a
    build on the folder is refused, so pages and every query worker read one version."""
    folder = _folder(settings)
    return lease.serving(folder) if folder is not None else lease.Lease(None)


def harden(app: FastAPI, settings: ServeSettings, limits: Limits = Limits()) -> None:
    """Render every error alike and add the middleware (call after the other middleware:
    it must be outermost)."""
    app.add_exception_handler(HTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_invalid_request)
    app.add_exception_handler(Exception, handle_unexpected)
    folder = _folder(settings)
    modified = lease.last_written(folder) if folder is not None else None
    app.add_middleware(Hardening, limits=limits, modified=modified)


class Hardening:
    """The middleware (see the module); ``modified`` is when the served data was written."""

    def __init__(
        self, app: ASGIApp, *, limits: Limits = Limits(), modified: datetime | None = None
    ) -> None:
        self.app = app
        self.limits = limits
        self.modified = modified.astimezone(UTC).replace(microsecond=0) if modified else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            response = render_error(Request(scope), *refusal)
            response.headers["connection"] = "close"
            await response(scope, receive, _Secured(send, scope).send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        reply = _Secured(
            send,
            scope,
            head=head,
            validate=scope["method"] == "GET",
            modified=self.modified,
            max_buffered=self.limits.max_buffered,
        )
        try:
            await self.app(scope, self._counted(receive), reply.send)
        except Exception as exc:  # answered here, so that a 500 has the headers too
            if reply.started:
                raise
            response = await handle_unexpected(Request(scope), exc)
            await response(scope, receive, reply.send)

    def _refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        """The status, reason and hint for a request too large to read, else None."""
        limits = self.limits
        url = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
        if url > limits.max_url:
            return (
                414,
                f"the address is {url} bytes long; the server reads at most {limits.max_url}",
                "send a long SPARQL query by POST (application/sparql-query)",
            )
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        size = sum(len(k) + len(v) + 4 for k, v in headers)
        if size > limits.max_headers:
            return (
                431,
                f"the request's headers are {size} bytes; the server reads at most "
                f"{limits.max_headers}",
                "send fewer or shorter headers (cookies?)",
            )
        for key, value in headers:
            if key == b"content-length" and value.isdigit() and int(value) > limits.max_body:
                return (
                    413,
                    f"the request body is larger than {limits.max_body} bytes",
                    f"it is {int(value)} bytes; send a shorter query",
                )
        return None

    def _counted(self, receive: Receive) -> Receive:
        """``receive`` that stops a body (sent in chunks, without a length) past the limit."""
        seen = 0
        most = self.limits.max_body

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > most:
                    raise HttpError(413, f"the request body is larger than {most} bytes")
            return message

        return counted


class _Secured:
    """A ``send`` that adds the security headers, the validators and 304, and drops the
    body of a HEAD."""

    def __init__(
        self,
        send: Send,
        scope: Scope,
        *,
        head: bool = False,
        validate: bool = False,
        modified: datetime | None = None,
        max_buffered: int = 0,
    ) -> None:
        self._send = send
        self._request = dict(scope["headers"])
        self._head = head
        self._validate = validate
        self._modified = modified
        self._max = max_buffered
        self._start: Message | None = None
        self._chunks: list[bytes] = []
        self._size = 0
        self._passing = False  # the body goes on as it comes
        self._skipping = False  # a 304 for a response its route tagged: no body goes on

    @property
    def started(self) -> bool:
        """Whether the response has begun (its status can no longer change)."""
        return self._start is not None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self._start = message
            headers = dict(message.get("headers", []))
            tag = headers.get(b"etag", b"").decode("latin-1")
            if self._validate and message["status"] == 200 and tag and self._matched(tag):
                self._skipping = True  # a response its route tagged, the client's copy current
                listed = message.get("headers", [])
                kept = [(k, v) for k, v in listed if k.lower() in _KEPT_BY_304]
                await self._begin({**message, "status": 304, "headers": kept}, None)
                return
            length = headers.get(b"content-length", b"")
            self._buffering = (
                self._validate
                and message["status"] == 200
                and b"etag" not in headers
                and not (length.isdigit() and int(length) > self._max)
            )
            if not self._buffering:
                await self._begin(message, None)
            return
        if message["type"] != "http.response.body":
            await self._send(message)
            return
        body: bytes = message.get("body", b"")
        more: bool = message.get("more_body", False)
        if self._skipping:
            if not more:
                await self._send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        if not self._buffering or self._passing:
            await self._body(body, more)
            return
        self._chunks.append(body)
        self._size += len(body)
        if self._size > self._max:  # too large to hash: pass it on without validators
            self._passing = True
            assert self._start is not None
            await self._begin(self._start, None)
            await self._body(b"".join(self._chunks), more)
            return
        if not more:
            await self._finish(b"".join(self._chunks))

    async def _finish(self, body: bytes) -> None:
        assert self._start is not None
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        extra = [(b"etag", tag.encode())]
        if self._modified is not None:
            extra.append((b"last-modified", http_date(self._modified).encode()))
        names = {k.lower() for k, _ in self._start.get("headers", [])}
        if b"cache-control" not in names:
            extra.append((b"cache-control", b"no-cache"))
        start = {**self._start, "headers": list(self._start.get("headers", [])) + extra}
        if self._unchanged(tag):
            kept = [(k, v) for k, v in start["headers"] if k.lower() in _KEPT_BY_304]
            await self._begin({**start, "status": 304, "headers": kept}, None)
            await self._send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await self._begin(start, body)
        await self._body(body, False)

    def _matched(self, tag: str) -> bool | None:
        """Whether the client's If-None-Match names ``tag``; None when it sends none."""
        match = self._request.get(b"if-none-match")
        if match is None:
            return None
        given = {t.strip().removeprefix("W/") for t in match.decode("latin-1").split(",")}
        return "*" in given or tag in given

    def _unchanged(self, tag: str) -> bool:
        """Whether the client's copy (by If-None-Match, else If-Modified-Since) is current."""
        matched = self._matched(tag)
        if matched is not None:
            return matched
        since = self._request.get(b"if-modified-since")
        if since is None or self._modified is None:
            return False
        try:
            moment = parsedate_to_datetime(since.decode("latin-1"))
        except (TypeError, ValueError):
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return self._modified <= moment

    async def _begin(self, start: Message, body: bytes | None) -> None:
        headers = [
            (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-security-policy"
        ]
        html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
        headers.append(
            (b"content-security-policy", content_security_policy(body if html else None))
        )
        present = {k.lower() for k, _ in headers}
        headers += [(k, v) for k, v in _SECURITY if k not in present]
        await self._send({**start, "headers": headers})

    async def _body(self, body: bytes, more: bool) -> None:
        if self._head:
            body = b""
        await self._send({"type": "http.response.body", "body": body, "more_body": more})
