"""A polite HTTP client for an agenda portal: one request at a time with a pause between
them, a User-Agent that names the tool, conditional requests, and retries with backoff
on 429 (honouring Retry-After), 5xx, timeouts and broken downloads."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from kg.harvest.model import HarvestSettings

#: A check of a downloaded body: None when it is whole, else what is wrong with it.
Check = Callable[[bytes], str | None]


class FetchFailed(Exception):
    """A resource could not be fetched, after every retry; the message says why."""


@dataclass(frozen=True)
class Fetched:
    """A response: ``status`` 200 with its body, or 304 (the saved copy is current);
    the validators to send next time (empty when the portal serves none)."""

    status: int
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


class PortalClient:
    """GETs from one portal; ``sleep`` and ``clock`` are replaceable for tests."""

    def __init__(
        self,
        settings: HarvestSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._http = httpx.Client(
            base_url=settings.portal,
            headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
            timeout=settings.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None
        self.requests = 0
        self.retries = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, path: str, *, etag: str = "", last_modified: str = "", check: Check | None = None
    ) -> Fetched:
        """The resource at ``path`` (relative to the portal), conditionally when
        validators are given; FetchFailed when it cannot be had."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        reason = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.retries += 1
            wait = self.settings.backoff * 2**attempt
            self._pace()
            try:
                response = self._http.get(path, headers=headers)
            except httpx.TimeoutException:
                reason = f"timed out after {self.settings.timeout:g} s"
            except httpx.TransportError as exc:
                reason = f"download failed ({type(exc).__name__}: {exc})"
            else:
                if response.status_code == 304:
                    return Fetched(304, etag=etag, last_modified=last_modified)
                if response.status_code == 200:
                    problem = check(response.content) if check else None
                    if problem is None:
                        return Fetched(
                            200,
                            response.content,
                            response.headers.get("ETag", ""),
                            response.headers.get("Last-Modified", ""),
                        )
                    reason = problem
                elif response.status_code == 429 or response.status_code >= 500:
                    reason = f"HTTP {response.status_code}"
                    wait = retry_after(response.headers.get("Retry-After", "")) or wait
                else:
                    raise FetchFailed(f"HTTP {response.status_code} for {response.url}")
            if attempt < self.settings.retries:
                self._sleep(min(wait, self.settings.max_wait))
        tries = self.settings.retries + 1
        raise FetchFailed(f"{reason} ({tries} {'try' if tries == 1 else 'tries'})")

    def _pace(self) -> None:
        """Wait until ``delay`` seconds have passed since the last request, then note this one."""
        now = self._clock()
        if self._last is not None and now - self._last < self.settings.delay:
            self._sleep(self.settings.delay - (now - self._last))
        self._last = self._clock()
        self.requests += 1


def retry_after(value: str, *, now: datetime | None = None) -> float | None:
    """The seconds a Retry-After header asks to wait (a number or an HTTP date).

    >>> retry_after("3")
    3.0
    >>> retry_after("Sun, 06 Dec 2026 10:00:05 GMT", now=datetime(2026, 12, 6, 10, 0, tzinfo=UTC))
    5.0
    >>> retry_after("soon") is None
    True
    """
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
