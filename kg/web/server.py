"""Running the application under uvicorn: the port bound before anything is announced, and
requests too large for the HTTP parser answered 414 or 431 rather than reset.

uvicorn's HTTP parser (h11) holds at most `MAX_INCOMPLETE` bytes of a request line and
headers; past that it answers 400 and closes at once, so a client still sending a 1 MB
address sees the connection reset. `LimitedH11Protocol` answers 414 (the request line is
not complete: the address is too long) or 431 (the headers are too large) and reads on,
discarding, for a moment before it closes, so the client reads the answer. Smaller
requests over the application's own limits get the same statuses from
`kg.web.hardening`.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.errors import UsageError

#: The most bytes of request line and headers the parser holds (uvicorn's default).
MAX_INCOMPLETE = 16 * 1024
#: Seconds a refused connection is read from (and the data discarded) before it closes.
LINGER = 2.0


class LimitedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering an oversize request line 414 and oversize headers
    431 (with a JSON body, like the application's errors)."""

    _refused = False

    def send_400_response(self, msg: str) -> None:
        pending = bytes(getattr(self.conn, "_receive_buffer", b""))
        limit = getattr(self.conn, "_max_incomplete_event_size", MAX_INCOMPLETE)
        if len(pending) <= limit:
            super().send_400_response(msg)
            return
        if b"\r\n" in pending or b"\n" in pending:
            status, reason = 431, "the request's headers are too large"
        else:
            status, reason = 414, "the address is too long"
        body = json.dumps(
            {"status": status, "error": f"{reason}: the server reads at most {limit} bytes"}
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        phrase = b"URI Too Long" if status == 414 else b"Request Header Fields Too Large"
        reply = h11.Response(status_code=status, headers=headers, reason=phrase)
        self.transport.write(self.conn.send(reply) or b"")
        self.transport.write(self.conn.send(h11.Data(data=body)) or b"")
        self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        self._refused = True  # read on, discarding, so the client is not reset mid-send
        self.loop.call_later(LINGER, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``; `UsageError` naming ``--port`` and
    ``KG_PORT`` when the port is taken (nothing has been announced yet)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say
    # they are TCP, and the accepted ones copy this one's; with it on, every answer
    # written in two parts (headers, then body) waited some 40 ms for the client's ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            hint="another server may be using the port: choose another with --port or "
            "KG_PORT (or stop the other server)",
        ) from exc
    sock.set_inheritable(True)
    return sock


def run(app: Any, sock: socket.socket) -> None:
    """Serve ``app`` on the bound ``sock`` until interrupted."""
    config = uvicorn.Config(
        app,
        http=LimitedH11Protocol,
        log_level="warning",
        h11_max_incomplete_event_size=MAX_INCOMPLETE,
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run(sockets=[sock])
