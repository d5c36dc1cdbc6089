"""The listening socket `kg serve` binds: connections accepted on it send small writes at
once. Regression: the socket was made without saying it is TCP, so asyncio left Nagle's
algorithm on for every connection, and each answer written in two parts (headers, then
body) waited for the client's delayed ACK: some 40 ms a page, 180 pages a second at most
with 8 clients on an idle machine (880 after the fix)."""

from __future__ import annotations

import asyncio
import socket

from kg.web.server import bind
from tests.browser_support import free_port


def test_accepted_connections_have_nagle_off() -> None:
    listening = bind("127.0.0.1", free_port())
    found: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            accepted = transport.get_extra_info("socket")
            found.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Probe, sock=listening)
        host, port = listening.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        for _ in range(100):
            if found:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    assert found and found[0] != 0, "Nagle's algorithm is on for accepted connections"
